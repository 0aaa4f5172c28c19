/**
 * OCR regression on real third-party scans (fixtures/real): jarida's CER on each set must
 * stay within the bound recorded in fixtures/real/ocr-bounds.json, a little above what was
 * measured. A subset of the French pages keeps the run short; the benchmark reads them all.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, it } from 'vitest';
import { loadRealSet, REAL_OCR_SETS, readRealPage, scoreReads } from '../bench/real-ocr-sets.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { realDataPath } from '../fixtures/real-data.js';

interface Bound {
  /** Page ids the test reads; all of the set when absent. */
  pages?: string[];
  maxCer: number;
}

const bounds = JSON.parse(await readFile(realDataPath('ocr-bounds.json'), 'utf8')) as Record<string, Bound>;
// Pages of a loaded shared machine may take minutes: a bound is checked, not a speed.
const pool = new TesseractPool({ size: 2, pageTimeoutMs: 600_000 });
afterAll(() => pool.close());

// The sets share the pool's two workers: run together, the long pages overlap the short lines.
describe.concurrent('OCR of real scans stays within its recorded CER bounds', () => {
  for (const set of REAL_OCR_SETS) {
    const bound = bounds[set.name];
    it(`${set.name}: CER ≤ ${bound ? (bound.maxCer * 100).toFixed(1) : '?'} %`, async ({ expect }) => {
      expect(bound, `no bound for ${set.name} in ocr-bounds.json`).toBeDefined();
      const pages = await loadRealSet(set, bound!.pages);
      expect(pages.length).toBe(bound!.pages?.length ?? pages.length);
      expect(pages.length).toBeGreaterThan(0);
      const reads = await Promise.all(
        pages.map(async (page) => ({ truth: page.truth, text: await readRealPage(pool, set, page) })),
      );
      const { cer } = scoreReads(reads);
      expect(cer.rate).toBeLessThanOrEqual(bound!.maxCer);
    }, 900_000);
  }
});
