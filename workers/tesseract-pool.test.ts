import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { realDataPath } from '../fixtures/real-data.js';
import { characterErrors } from '../pipeline/evaluation.js';
import { intake } from '../pipeline/intake.js';
import { pngSize } from '../pipeline/ocr.js';
import { openDocument, readPage } from '../pipeline/pages.js';
import { TesseractPool } from './tesseract-pool.js';

const DIR = realDataPath('ocr-fr-typewritten');

/** NFC, whitespace collapsed; the ground truth's markup (`_` underlined, `^` superscript, `~~~` handwriting) out. */
function normalise(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^~+$/.test(l.trim()))
    .join('\n')
    .replace(/[_^]/g, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** CER of the pipeline's reading of a real typewritten page against its ground truth. */
async function pageCer(pool: TesseractPool, name: string): Promise<number> {
  const bytes = readFileSync(`${DIR}/${name}.jpg`);
  const doc = await openDocument(bytes, intake(bytes, `${name}.jpg`));
  const page = await readPage(await doc.page(1), pool, { lang: 'fra' });
  await doc.close();
  expect(page.source).toBe('ocr');
  const text = [...page.header, ...page.lines].map((l) => l.text).join('\n');
  return characterErrors(normalise(readFileSync(`${DIR}/${name}.gt.txt`, 'utf8')), normalise(text)).rate;
}

describe('tesseract pool on real typewritten pages', () => {
  const pool = new TesseractPool({ size: 2 });
  afterAll(() => pool.close());

  it('reads them under the measured CER bounds, two pages at once', async () => {
    // Measured 0.040 and 0.027 (tesseract.js 7, fra best_int, greyscale + normalise).
    const [letter, report] = await Promise.all([
      pageCer(pool, 'an96ap__FRAN_0150_0002_L-medium'),
      pageCer(pool, 'bnf1984__15_20092_default'),
    ]);
    console.log('CER', { letter, report });
    expect(letter).toBeLessThan(0.05);
    expect(report).toBeLessThan(0.035);
  });

  it('fails a page that exceeds the timeout and goes on with a fresh worker', async () => {
    const slow = new TesseractPool({ size: 1, pageTimeoutMs: 1500 });
    const bytes = readFileSync(`${DIR}/bnf1984__19_13cb6_default.jpg`);
    const doc = await openDocument(bytes, intake(bytes, 'page.jpg'));
    const png = await (await doc.page(1)).render();
    await expect(slow.recognize(png, 'fra')).rejects.toMatchObject({ code: 'OCR_TIMEOUT' });
    // A strip of three text lines reads well within the limit on the replacement worker.
    const { width } = pngSize(png)!;
    const strip = await sharp(png).extract({ left: 0, top: 350, width, height: 300 }).png().toBuffer();
    const result = await slow.recognize(strip, 'fra');
    expect(result.lines.map((l) => l.text).join(' ')).toMatch(/prestigieux/);
    await slow.close();
  });
});
