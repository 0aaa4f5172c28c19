import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadRealSet,
  onGreyPaper,
  REAL_OCR_SETS,
  type RealOcrPage,
  readRealPage,
  scoreReads,
} from '../bench/real-ocr-sets.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { preprocessForOcr } from './images.js';
import { intake } from './intake.js';
import type { OcrLanguage, PageArtefact } from './model.js';
import { normalizeForCer } from './normalize.js';
import type { OcrEngine, OcrResult, RecognizeOptions } from './ocr.js';
import { isDoubtful, pagesBelowPeers, pageWarnings, rereadBelowPeers } from './page-rereading.js';
import { pageText } from './page-text.js';
import { openDocument, readPage, type SourcePage } from './pages.js';

const TYPEWRITTEN = REAL_OCR_SETS.find((set) => set.name === 'typewritten')!;
/** A short real typed page (about 600 glyphs): three readings of it take a few seconds. */
const PAGE_ID = 'bnf1984__19_13cb6_default';

// Three readings of a 16-megapixel page: minutes on a loaded shared machine, not a hang.
const pool = new TesseractPool({ size: 1, pageTimeoutMs: 600_000 });
afterAll(() => pool.close());

/** An engine that reads nothing on any image, and counts what it was asked. */
class BlindEngine implements OcrEngine {
  readonly size = 1;
  readonly asked: (RecognizeOptions['segmentation'] | undefined)[] = [];
  async recognize(png: Buffer, _lang: OcrLanguage, options: RecognizeOptions = {}): Promise<OcrResult> {
    this.asked.push(options.segmentation);
    const { width = 0, height = 0 } = await sharp(png).metadata();
    return { lines: [], width, height, confidence: 0 };
  }
  async close(): Promise<void> {}
}

function imagePage(png: Buffer, width: number, height: number): SourcePage {
  return { index: 3, width, height, textLayer: null, render: async () => png };
}

/** A page of one line read at `confidence`, as the peer check sees it. */
const page = (index: number, confidence: number, source: PageArtefact['source'] = 'ocr'): PageArtefact => ({
  index,
  source,
  confidence,
  width: 100,
  height: 100,
  language: 'fra',
  lines: [{ text: 'Le ministre', bbox: { x: 0, y: 0, w: 1, h: 0.01 }, confidence }],
  header: [],
});

describe('no page lost in silence', () => {
  it('reads a typed page on grey paper that the usual preprocessing left empty', async () => {
    const [page] = await loadRealSet(TYPEWRITTEN, [PAGE_ID]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'jarida-grey-'));
    try {
      const grey = path.join(dir, `${PAGE_ID}.jpg`);
      await writeFile(grey, await onGreyPaper(await readFile(page!.image)));
      // The case of issue 18: the stretched page reads as nothing at all.
      const png = await sharp(grey).greyscale().png().toBuffer();
      const first = await pool.recognize(await preprocessForOcr(png), 'fra');
      expect(first.lines).toHaveLength(0);

      const text = await readRealPage(pool, TYPEWRITTEN, { ...page!, image: grey });
      const { cer } = scoreReads([{ truth: page!.truth, text }]);
      expect(cer.rate).toBeLessThan(0.1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);

  it('keeps a page with ink that no way of reading reads, flagged PAGE_UNREADABLE', async () => {
    const [page] = await loadRealSet(TYPEWRITTEN, [PAGE_ID]);
    const png = await sharp(page!.image).greyscale().png().toBuffer();
    const { width = 0, height = 0 } = await sharp(png).metadata();
    const engine = new BlindEngine();
    const artefact = await readPage(imagePage(png, width, height), engine, {
      lang: 'fra',
      segmentation: 'page',
    });
    expect(artefact).toMatchObject({ index: 3, source: 'ocr', lines: [] });
    expect(artefact.warnings).toEqual([
      { code: 'PAGE_UNREADABLE', message: expect.stringMatching(/^page 3: OCR read almost nothing/) },
    ]);
    expect(pageWarnings('bo-fr-6280', [artefact])).toEqual([
      expect.stringMatching(/^bo-fr-6280: PAGE_UNREADABLE page 3: /),
    ]);
    // The page was read the usual way, then binarised, as scanned and as one block.
    expect(engine.asked).toEqual(['page', 'page', 'page', 'block']);
  });

  it('leaves a blank page empty, read once', async () => {
    const blank = await sharp({
      create: { width: 1240, height: 1754, channels: 3, background: { r: 250, g: 250, b: 250 } },
    })
      .greyscale()
      .png()
      .toBuffer();
    const engine = new BlindEngine();
    const artefact = await readPage(imagePage(blank, 1240, 1754), engine, {
      lang: 'fra',
      segmentation: 'page',
    });
    expect(artefact.lines).toHaveLength(0);
    expect(engine.asked).toHaveLength(1);
  });

  it('reads again a reading that covers too little of the ink, or is too unsure', () => {
    const line = (text: string, confidence: number) => ({
      text,
      confidence,
      bbox: { x: 0, y: 0, w: 1, h: 0.01 },
    });
    const reading = (text: string, confidence: number): OcrResult => ({
      lines: [line(text, confidence)],
      width: 100,
      height: 100,
      confidence,
    });
    const ink = { darkRatio: 0.03, glyphs: 1000 };
    expect(isDoubtful(reading('x'.repeat(900), 0.9), ink)).toBe(false);
    expect(isDoubtful(reading('x'.repeat(100), 0.9), ink)).toBe(true);
    expect(isDoubtful(reading('x'.repeat(900), 0.3), ink)).toBe(true);
    // A few marks on a blank page: nothing to lose.
    expect(isDoubtful(reading('', 0), { darkRatio: 0.0001, glyphs: 12 })).toBe(false);
    // Far less sure than the other pages of its file.
    expect(isDoubtful(reading('x'.repeat(900), 0.6), ink, 0.9)).toBe(true);
    expect(isDoubtful(reading('x'.repeat(900), 0.8), ink, 0.9)).toBe(false);
  });

  it('finds the pages of a file that read far worse than the others', () => {
    const file = [page(1, 0.91), page(2, 0.88), page(3, 0.52), page(4, 0.9), page(5, 1, 'text-layer')];
    expect(pagesBelowPeers(file)).toEqual([{ index: 3, peerConfidence: 0.9 }]);
    // Pages of one file reading alike, or too few to tell: none.
    expect(pagesBelowPeers([page(1, 0.91), page(2, 0.8), page(3, 0.85)])).toEqual([]);
    expect(pagesBelowPeers([page(1, 0.91), page(2, 0.4)])).toEqual([]);
    // Read again once already (a retried file): not named again, though it still reads low.
    expect(pagesBelowPeers(file.map((p) => (p.index === 3 ? { ...p, peerConfidence: 0.9 } : p)))).toEqual([]);
  });

  it('reads again only the pages below their peers, each marked with the median it was held against', async () => {
    const asked: [number, number][] = [];
    const reread = await rereadBelowPeers(
      [page(1, 0.91), page(2, 0.5), page(3, 0.88), page(4, 0.3)],
      async (index, peerConfidence) => {
        asked.push([index, peerConfidence]);
        return page(index, 0.8);
      },
    );
    expect(asked).toEqual([
      [2, 0.88],
      [4, 0.88],
    ]);
    expect(reread).toEqual([
      { ...page(2, 0.8), peerConfidence: 0.88 },
      { ...page(4, 0.8), peerConfidence: 0.88 },
    ]);
  });
});

const PRINT_1881 = REAL_OCR_SETS.find((set) => set.name === 'print-1881-dev')!;
/** A real 1881 page (2,479 × 3,508 at 300 dpi, 43 lines) that reads at 1.1 % CER upright. */
const PRINT_PAGE_ID = 'ESTEBAN_classification-races-humaines_155';

/** An engine that reads through the pool, counts its readings, and reads nothing after the `blindAfter`th. */
class CountingEngine implements OcrEngine {
  readonly size = 1;
  readings = 0;
  constructor(private readonly blindAfter = Number.POSITIVE_INFINITY) {}
  async recognize(png: Buffer, lang: OcrLanguage, options: RecognizeOptions = {}): Promise<OcrResult> {
    this.readings += 1;
    if (this.readings > this.blindAfter) {
      const { width = 0, height = 0 } = await sharp(png).metadata();
      return { lines: [], width, height, confidence: 0 };
    }
    return pool.recognize(png, lang, options);
  }
  async close(): Promise<void> {}
}

/** The real page as scanned, turned `degrees` clockwise on a white scanner bed (JPEG, its 300 dpi kept). */
async function turned(page: RealOcrPage, degrees: number): Promise<Buffer> {
  if (degrees === 0) return readFile(page.image);
  return sharp(page.image)
    .rotate(degrees, { background: '#ffffff' })
    .jpeg({ quality: 92 })
    .withMetadata({ density: 300 })
    .toBuffer();
}

/** readPage of an image file's bytes, and the CER of its text against the page's truth. */
async function readImage(bytes: Buffer, page: RealOcrPage, engine: OcrEngine) {
  const document = await openDocument(bytes, intake(bytes, 'turned.jpg'));
  try {
    const artefact = await readPage(await document.page(1), engine, { lang: 'fra' });
    const text = normalizeForCer(pageText(artefact), 'fr');
    return { artefact, cer: scoreReads([{ truth: page.truth, text }]).cer.rate };
  } finally {
    await document.close();
  }
}

describe('askew pages', () => {
  it('reads a real page turned 2° clockwise straightened: its lines are no longer lost', async () => {
    const [page] = await loadRealSet(PRINT_1881, [PRINT_PAGE_ID]);
    const bytes = await turned(page!, 2);
    // As scanned, tesseract drops 18 of the 43 lines at a confidence of 0.91 (45 % CER).
    const first = await pool.recognize(
      await preprocessForOcr(await sharp(bytes).greyscale().png().toBuffer()),
      'fra',
    );
    expect(first.skew).toBeGreaterThan(1.8);
    expect(first.skew).toBeLessThan(2.2);
    expect(first.lines.length).toBeLessThan(30);

    const engine = new CountingEngine();
    const { artefact, cer } = await readImage(bytes, page!, engine);
    expect(cer).toBeLessThan(0.03);
    expect(artefact.lines.length).toBeGreaterThanOrEqual(40);
    expect(artefact.warnings).toBeUndefined();
    expect(engine.readings).toBe(2);
  }, 900_000);

  it('flags an askew page PAGE_ASKEW when reading it straightened does no better', async () => {
    const [page] = await loadRealSet(PRINT_1881, [PRINT_PAGE_ID]);
    // The straightened reading (the second) reads nothing: the first is kept, flagged.
    const engine = new CountingEngine(1);
    const { artefact } = await readImage(await turned(page!, -2), page!, engine);
    expect(engine.readings).toBe(2);
    expect(artefact.lines.length).toBeGreaterThanOrEqual(40);
    expect(artefact.warnings).toEqual([
      {
        code: 'PAGE_ASKEW',
        message: expect.stringMatching(/^page 1: text lines turned anticlockwise about (1\.9|2\.[01])°/),
      },
    ]);
  }, 900_000);

  it('reads an upright page once', async () => {
    const [page] = await loadRealSet(PRINT_1881, [PRINT_PAGE_ID]);
    const engine = new CountingEngine();
    const { artefact, cer } = await readImage(await turned(page!, 0), page!, engine);
    expect(engine.readings).toBe(1);
    expect(cer).toBeLessThan(0.02);
    expect(artefact.warnings).toBeUndefined();
  }, 900_000);
});
