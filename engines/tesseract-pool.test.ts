import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { realDataPath } from '../fixtures/real-data.js';
import { intake } from '../pipeline/intake.js';
import { openDocument } from '../pipeline/pages.js';
import { TesseractPool } from './tesseract-pool.js';

const DIR = realDataPath('ocr-fr-typewritten');

/** The word `prestigieux` cut from a real typed page: it reads in a fraction of a second. */
async function word(): Promise<Buffer> {
  const bytes = readFileSync(`${DIR}/bnf1984__19_13cb6_default.jpg`);
  const doc = await openDocument(bytes, intake(bytes, 'page.jpg'));
  const png = await (await doc.page(1)).render();
  await doc.close();
  return sharp(png).extract({ left: 540, top: 490, width: 450, height: 110 }).png().toBuffer();
}

describe('tesseract pool', () => {
  it('replaces a worker after its quota of pages, and a failed page fails alone', async () => {
    const pool = new TesseractPool({ size: 1, recycleAfter: 2 });
    try {
      const png = await word();
      for (let i = 0; i < 3; i += 1) {
        expect((await pool.recognize(png, 'fra')).lines.map((l) => l.text).join(' ')).toMatch(/prestigieux/);
      }
      expect(pool.workersStarted).toBe(2);
      const broken = Buffer.concat([png.subarray(0, 64), Buffer.alloc(256)]);
      await expect(pool.recognize(broken, 'fra')).rejects.toThrow();
      expect((await pool.recognize(png, 'fra')).lines.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('fails a page that exceeds the timeout and goes on with a fresh worker', async () => {
    // No page reads in a millisecond, and none takes the default two minutes: no dependence on machine speed.
    const slow = new TesseractPool({ size: 1 });
    const bytes = readFileSync(`${DIR}/bnf1984__19_13cb6_default.jpg`);
    const doc = await openDocument(bytes, intake(bytes, 'page.jpg'));
    const png = await (await doc.page(1)).render();
    await expect(slow.recognize(png, 'fra', { timeoutMs: 1 })).rejects.toMatchObject({ code: 'OCR_TIMEOUT' });
    const result = await slow.recognize(await word(), 'fra');
    expect(result.lines.map((l) => l.text).join(' ')).toMatch(/prestigieux/);
    await slow.close();
  });

  it('starts a warmed worker once, and the first page waits for it rather than starting another', async () => {
    const pool = new TesseractPool({ size: 2 });
    try {
      pool.warm('fra');
      pool.warm('fra');
      const png = await word();
      expect((await pool.recognize(png, 'fra')).lines.map((l) => l.text).join(' ')).toMatch(/prestigieux/);
      expect(pool.workersStarted).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
