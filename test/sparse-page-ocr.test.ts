/**
 * OCR of a sparse page: the last page of a scan-quality fixture issue holds a dozen lines
 * in one column, the rest is paper with the verso showing through. Its contrast stretch
 * used to turn the paper grey and the verso black, and tesseract read the mirrored verso
 * (CER 78 %). Read through the whole path `jarida ingest` takes: PDF (JPEG page images),
 * 300 dpi render, preprocessing, tesseract.js, layout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { characterErrors } from '../pipeline/evaluation.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import { pageText } from '../pipeline/page-text.js';
import { readPage } from '../pipeline/pages.js';
import { openFixtureIssue } from './temp-archive.js';

const pool = new TesseractPool({ size: 1 });
const dir = await mkdtemp(path.join(tmpdir(), 'jarida-sparse-'));
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OCR of a sparse page with bleed-through', () => {
  it('reads the page, not its verso', async () => {
    // Seed 31337's first issue (bo-fr-6495) ends on such a page, its 4th.
    const { truth, document } = await openFixtureIssue(
      dir,
      { seed: 31337, issues: 1, edition: 'fr', quality: 'scan' },
      0,
    );
    const last = truth.pages.at(-1)!;
    try {
      const page = await readPage(await document.page(last.index), pool, { lang: 'fra' });
      const read = normalizeForCer(pageText(page), 'fr');
      expect(read).toContain('HASSAN BENNIS');
      expect(characterErrors(normalizeForCer(last.text, 'fr'), read).rate).toBeLessThan(0.05);
    } finally {
      await document.close();
    }
  }, 120_000);
});
