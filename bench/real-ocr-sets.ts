/**
 * The real third-party OCR sets under fixtures/real/ (attributions in its NOTICE): page and
 * line images with their ground truth, jarida's read of them, and the scoring the OCR
 * issue defines (NFC, whitespace collapsed; Arabic also without harakat and tatweel). The
 * regression test and `npm run bench -- ocr` both score through here.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { realDataPath } from '../fixtures/real-data.js';
import { characterErrors, type ErrorRate, sumErrorRates, wordErrors } from '../pipeline/evaluation.js';
import { intake } from '../pipeline/intake.js';
import type { Language, OcrLanguage } from '../pipeline/model.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import type { OcrEngine, Segmentation } from '../pipeline/ocr.js';
import { pageText } from '../pipeline/page-text.js';
import { openDocument, readPage } from '../pipeline/pages.js';

/** One set of real images with ground truth. */
export interface RealOcrSet {
  name: 'typewritten' | 'twocolumn-1910' | 'ar-lines';
  /** Folder under fixtures/real. */
  folder: string;
  language: Language;
  ocrLanguage: OcrLanguage;
  /** Whole pages, or cut-out lines (read as one line: tesseract psm 7). */
  segmentation: Segmentation;
}

export const REAL_OCR_SETS: readonly RealOcrSet[] = [
  {
    name: 'typewritten',
    folder: 'ocr-fr-typewritten',
    language: 'fr',
    ocrLanguage: 'fra',
    segmentation: 'page',
  },
  {
    name: 'twocolumn-1910',
    folder: 'ocr-fr-twocolumn-1910',
    language: 'fr',
    ocrLanguage: 'fra',
    segmentation: 'page',
  },
  { name: 'ar-lines', folder: 'ocr-ar-lines', language: 'ar', ocrLanguage: 'ara', segmentation: 'line' },
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
