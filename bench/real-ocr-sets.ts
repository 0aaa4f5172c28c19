/**
 * The real third-party OCR sets under fixtures/real/ (attributions in its NOTICE): page and
 * line images with their ground truth, jarida's read of them, and the scoring the OCR
 * issue defines (NFC, whitespace collapsed; Arabic also without harakat and tatweel). The
 * regression test and `npm run bench -- ocr` both score through here.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { realDataPath } from '../fixtures/real-data.js';
import { characterErrors, type ErrorRate, sumErrorRates, wordErrors } from '../pipeline/evaluation.js';
import { greyHistogram, paperLevel } from '../pipeline/images.js';
import { intake } from '../pipeline/intake.js';
import type { Language, OcrLanguage } from '../pipeline/model.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import type { OcrEngine, Segmentation } from '../pipeline/ocr.js';
import { pageText } from '../pipeline/page-text.js';
import { openDocument, readPage } from '../pipeline/pages.js';

/** One set of real images with ground truth. */
export interface RealOcrSet {
  name:
    | 'typewritten'
    | 'twocolumn-1910'
    | 'ar-lines'
    | 'print-1881-dev'
    | 'print-1881-test'
    | 'ar-lines-adab-dev'
    | 'ar-lines-buldan-test';
  /** Folder under fixtures/real. */
  folder: string;
  /**
   * `dev`: the sets choices were tuned on (the first three were, before the others came in);
   * `test`: sets kept to check them, never tuned on (scripts/fetch-real-ocr-sets.mjs).
   */
  split: 'dev' | 'test';
  language: Language;
  ocrLanguage: OcrLanguage;
  /** Whole pages, or cut-out lines (read as one line: tesseract psm 7). */
  segmentation: Segmentation;
}

const FRENCH_PAGES = { language: 'fr', ocrLanguage: 'fra', segmentation: 'page' } as const;
const ARABIC_LINES = { language: 'ar', ocrLanguage: 'ara', segmentation: 'line' } as const;

export const REAL_OCR_SETS: readonly RealOcrSet[] = [
  { name: 'typewritten', folder: 'ocr-fr-typewritten', split: 'dev', ...FRENCH_PAGES },
  { name: 'twocolumn-1910', folder: 'ocr-fr-twocolumn-1910', split: 'dev', ...FRENCH_PAGES },
  { name: 'ar-lines', folder: 'ocr-ar-lines', split: 'dev', ...ARABIC_LINES },
  { name: 'print-1881-dev', folder: 'ocr-fr-print-1881-dev', split: 'dev', ...FRENCH_PAGES },
  { name: 'print-1881-test', folder: 'ocr-fr-print-1881-test', split: 'test', ...FRENCH_PAGES },
  { name: 'ar-lines-adab-dev', folder: 'ocr-ar-lines-adab-dev', split: 'dev', ...ARABIC_LINES },
  { name: 'ar-lines-buldan-test', folder: 'ocr-ar-lines-buldan-test', split: 'test', ...ARABIC_LINES },
];

/** One image of a set and its ground truth, normalised for scoring. */
export interface RealOcrPage {
  /** File name without extension, e.g. `bnf1984__15_20092_default`. */
  id: string;
  image: string;
  truth: string;
}

/**
 * Ground truth as plain text: the transcription markup of the French sets out (`_` before
 * an underlined word, `^` before a superscript, `~~~` for a handwritten passage), then
 * normalised for scoring.
 */
export function groundTruthText(raw: string, language: Language): string {
  return normalizeForCer(raw.replace(/~~~/g, ' ').replace(/[_^]/g, ''), language);
}

/** The pages of a set, in file-name order; `only` keeps those whose id it lists. */
export async function loadRealSet(set: RealOcrSet, only?: readonly string[]): Promise<RealOcrPage[]> {
  const dir = realDataPath(set.folder);
  const images = (await readdir(dir)).filter((f) => /\.(jpe?g|png|tiff?)$/i.test(f)).sort();
  const pages: RealOcrPage[] = [];
  for (const file of images) {
    const id = file.replace(/\.[^.]+$/, '');
    if (only && !only.includes(id)) continue;
    const truth = await readFile(path.join(dir, `${id}.gt.txt`), 'utf8');
    pages.push({ id, image: path.join(dir, file), truth: groundTruthText(truth, set.language) });
  }
  return pages;
}

/** jarida's text of one real image, read as any input is (`readPage`), normalised for scoring. */
export async function readRealPage(engine: OcrEngine, set: RealOcrSet, page: RealOcrPage): Promise<string> {
  const bytes = await readFile(page.image);
  const document = await openDocument(bytes, intake(bytes, path.basename(page.image)));
  try {
    const artefact = await readPage(await document.page(1), engine, {
      lang: set.ocrLanguage,
      segmentation: set.segmentation,
    });
    return normalizeForCer(pageText(artefact), set.language);
  } finally {
    await document.close();
  }
}

/** Character and word error rates of a set's reads, pooled over its pages. */
export interface SetScore {
  cer: ErrorRate;
  wer: ErrorRate;
}

/** Pools the errors of (truth, text) pairs; both already normalised. */
export function scoreReads(reads: { truth: string; text: string }[]): SetScore {
  return {
    cer: sumErrorRates(reads.map((r) => characterErrors(r.truth, r.text))),
    wer: sumErrorRates(reads.map((r) => wordErrors(r.truth, r.text))),
  };
}

/** Paper level of {@link onGreyPaper}: the grey of the typewritten page the issue lost (207 of 255). */
const GREY_PAPER_LEVEL = 207;
/** White scanner bed around the sheet, in pixels. */
const SCANNER_BED = 150;

/**
 * A real page as if typed on grey paper and scanned with white scanner bed around the sheet:
 * its grey levels scaled so the paper (the median) comes out at 207, then a white border. The
 * usual contrast stretch and tesseract's own global threshold both take such paper for ink,
 * and the page read empty (issue 18).
 */
export async function onGreyPaper(image: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const paper = paperLevel(greyHistogram(data));
  const scale = GREY_PAPER_LEVEL / paper;
  for (let i = 0; i < data.length; i += 1) data[i] = Math.min(255, Math.round(data[i]! * scale));
  const { density } = await sharp(image).metadata();
  const page = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .extend({
      top: SCANNER_BED,
      bottom: SCANNER_BED,
      left: SCANNER_BED,
      right: SCANNER_BED,
      background: '#ffffff',
    })
    .jpeg({ quality: 90 });
  return (density ? page.withMetadata({ density }) : page).toBuffer();
}
