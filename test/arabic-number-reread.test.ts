/**
 * Numbers on an OCR'd Arabic page: in page context tesseract's `ara` model drops the
 * leading digits of Western numbers (`1434 (3 أبريل 2013)` → `)3 أبريل 3)`), and readPage
 * reads such lines again cut out of the page. Read through the path `jarida ingest` takes
 * (PDF of JPEG page images, 300 dpi render, preprocessing, tesseract.js, layout), once as
 * is and once with an engine that reads no cut-out line, i.e. without the second reading.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { characterErrors } from '../pipeline/evaluation.js';
import { intake } from '../pipeline/intake.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { pageText } from '../pipeline/page-text.js';
import { openDocument, readPage } from '../pipeline/pages.js';
import { renderArabicLawScan } from './real-arabic-law-scan.js';
import { openFixtureIssue } from './temp-archive.js';

const pool = new TesseractPool({ size: 1 });
const dir = await mkdtemp(path.join(tmpdir(), 'jarida-ar-numbers-'));
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

/** The pool, except that a cut-out line reads as nothing: readPage then keeps its page-context lines. */
const pageContextOnly: OcrEngine = {
  size: pool.size,
  recognize: (png, lang, options) =>
    options?.segmentation === 'line'
      ? Promise.resolve({ lines: [], width: 1, height: 1, confidence: 0 })
      : pool.recognize(png, lang, options),
  close: async () => {},
};

/** Hijri (13xx, 14xx) and Gregorian (19xx, 20xx) years printed whole. */
const YEAR = /(?<![\p{Nd}.])(?:1[34]|19|20)\p{Nd}{2}(?![\p{Nd}.])/gu;
const years = (text: string): number => text.match(YEAR)?.length ?? 0;

/** Page `index` of issue `issue` (0-based) of the scan-quality Arabic fixtures of `seed`, read by readPage. */
async function readFixturePage(
  seed: number,
  issue: number,
  index: number,
  engine: OcrEngine,
): Promise<string> {
  const { document } = await openFixtureIssue(
    path.join(dir, String(seed)),
    { seed, issues: issue + 1, edition: 'ar', quality: 'scan' },
    issue,
  );
  try {
    return pageText(await readPage(await document.page(index), engine, { lang: 'ara' }));
  } finally {
    await document.close();
  }
}

describe('Arabic page: lines with damaged numbers read again', () => {
  it('gets back the years and text numbers page context cut', async () => {
    // Seed 8080's second issue (bo-ar-6141): its page 2 is dense with dated texts.
    const { truth, document } = await openFixtureIssue(
      dir,
      { seed: 8080, issues: 2, edition: 'ar', quality: 'scan' },
      1,
    );
    const printed = truth.pages[1]!;
    try {
      const page = await document.page(printed.index);
      const reread = pageText(await readPage(page, pool, { lang: 'ara' }));
      const once = pageText(await readPage(page, pageContextOnly, { lang: 'ara' }));
      const expected = normalizeForCer(printed.text, 'ar');
      const cer = (text: string): number => characterErrors(expected, normalizeForCer(text, 'ar')).rate;

      expect(years(reread)).toBeGreaterThan(years(once));
      expect(years(reread)).toBeGreaterThanOrEqual(Math.ceil((years(printed.text) * 2) / 3));
      expect(years(reread)).toBeLessThanOrEqual(years(printed.text));
      expect(cer(reread)).toBeLessThan(cer(once));
    } finally {
      await document.close();
    }
  }, 120_000);

  it('repairs the numbers of a text header that look whole in page context', async () => {
    // Seed 6029, bo-ar-6298 p. 3: page context read `رقم 420504 صادر في 3 رمضان` (the
    // header runs on to the next line, which starts with the Gregorian date).
    expect(await readFixturePage(6029, 1, 3, pool)).toContain('رقم 4050.14 صادر في 13 رمضان 1435');
  }, 120_000);

  it('reads a header whose box reaches into the next line in a cut of one line', async () => {
    // Seed 4857, bo-ar-5712 p. 2: page context read `مرسوم رقم 7 صادر في 4 محرم 0`, and the
    // cut-out of its tall box read as debris.
    expect(await readFixturePage(4857, 1, 2, pool)).toContain(
      'مرسوم رقم 2.09.457 صادر في 4 محرم 1430 (1 يناير 2009)',
    );
  }, 120_000);
});

describe('Arabic page: article headings whose figure breaks the sequence read again (issue 22)', () => {
  // The dahir on the Orders of the Kingdom as a scan, 80 articles: on page 7, page context read
  // the bold heading of article 80, after `المادة 79`, `المادة 850` (seed 22) or `المادة 50`
  // (seed 11, whose cut-out line reads right only enlarged).
  it.each([
    [22, 'المادة 850'],
    [11, 'المادة 50'],
  ])(
    'reads the heading of the real dahir’s article 80 right from its cut-out line (seed %i)',
    async (seed, misread) => {
      const { pdf } = await renderArabicLawScan(80, seed);
      const document = await openDocument(pdf, intake(pdf, 'bo-ar-5167.pdf'));
      try {
        const page = await document.page(7);
        const headings = async (engine: OcrEngine): Promise<string[]> =>
          (await readPage(page, engine, { lang: 'ara' })).lines
            .map((line) => line.text.trim())
            .filter((text) => /^المادة\s+\S+$/u.test(text));
        expect(await headings(pageContextOnly)).toContain(misread);
        const reread = await headings(pool);
        expect(reread).toContain('المادة 80');
        expect(reread).not.toContain(misread);
      } finally {
        await document.close();
      }
    },
    300_000,
  );
});
