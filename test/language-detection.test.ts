/**
 * `--lang auto` (the default): each page is read first in the language most likely, the
 * edition the file's name gives (`…_Ar.pdf`) or else French, and read again in the other
 * language when that reading does not score as text; the page wins over the file name.
 * Inputs: a block of an Arabic scan-quality fixture page, and a block of a real typewritten
 * French page (fixtures/real).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { generateFixtures } from '../fixtures/generate.js';
import { realDataPath } from '../fixtures/real-data.js';
import { intake } from '../pipeline/intake.js';
import type { OcrLanguage } from '../pipeline/model.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { expectedLanguage, openDocument, readPage } from '../pipeline/pages.js';

const pool = new TesseractPool({ size: 1 });
const dir = await mkdtemp(path.join(tmpdir(), 'jarida-lang-'));
/** The languages the engine was asked to read the page in, in order (not second readings of lines). */
let asked: OcrLanguage[] = [];
const engine: OcrEngine = {
  size: pool.size,
  recognize(png, lang, options) {
    if (options?.segmentation !== 'line') asked.push(lang);
    return pool.recognize(png, lang, options);
  },
  close: () => pool.close(),
};
const blocks: { arabic: Buffer; french: Buffer } = { arabic: Buffer.alloc(0), french: Buffer.alloc(0) };

/** The top `height` pixels under `top` of an image, as a PNG: a block of a few lines reads in seconds. */
function block(image: Buffer, top: number, height: number): Promise<Buffer> {
  return sharp(image)
    .metadata()
    .then(({ width }) => sharp(image).extract({ left: 0, top, width: width!, height }).png().toBuffer());
}

/** Reads an image as a file of this name would be read by `jarida ingest --lang auto`. */
async function readAuto(image: Buffer, fileName: string) {
  asked = [];
  const record = intake(image, fileName);
  const document = await openDocument(image, record);
  try {
    return await readPage(await document.page(1), engine, { lang: 'auto', ...expectedLanguage(record) });
  } finally {
    await document.close();
  }
}

beforeAll(async () => {
  const manifest = await generateFixtures({
    out: dir,
    seed: 5151,
    issues: 1,
    edition: 'ar',
    quality: 'scan',
    pages: 'png',
  });
  const issue = manifest.issues[0]!;
  blocks.arabic = await block(
    await readFile(path.join(dir, 'pages', `${issue.bulletinId}-p2.png`)),
    300,
    700,
  );
  const typewritten = realDataPath('ocr-fr-typewritten', 'an96ap__FRAN_0150_0002_L-medium.jpg');
  blocks.french = await block(await readFile(typewritten), 400, 500);
}, 120_000);

afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--lang auto', () => {
  it('reads an Arabic page in Arabic when nothing names its edition, after a French read', async () => {
    const page = await readAuto(blocks.arabic, 'scan-0001.png');
    expect(page.language).toBe('ara');
    expect(asked).toEqual(['fra', 'ara']);
    expect(page.lines.map((l) => l.text).join(' ')).toMatch(/\p{Script=Arabic}{3,}/u);
  }, 120_000);

  it('reads an Arabic page once when its file name gives the Arabic edition', async () => {
    const page = await readAuto(blocks.arabic, 'BO_6126_Ar.png');
    expect(page.language).toBe('ara');
    expect(asked).toEqual(['ara']);
  }, 120_000);

  it('reads a French page in French even under an Arabic file name: the page wins', async () => {
    const page = await readAuto(blocks.french, 'BO_6126_Ar.png');
    expect(page.language).toBe('fra');
    expect(asked).toEqual(['ara', 'fra']);
    expect(page.lines.map((l) => l.text).join(' ')).toContain('Caillaux');
  }, 120_000);
});
