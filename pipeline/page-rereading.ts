/**
 * No page lost in silence. A page whose OCR reads little or nothing while its image holds
 * ink (counted as glyph-sized shapes on the binarised page), or reads with a confidence too
 * low to trust, is read again other ways: binarised locally, as scanned, and as one block
 * of lines. The reading kept is the one that reads most of the ink with the best
 * confidence and the most plausible words. When every way still reads almost nothing, the
 * page is kept flagged PAGE_UNREADABLE, a warning of its file, instead of coming out empty
 * in silence; the rest of the file is read as usual (docs/ocr-preprocessing.md).
 */
import { PageUnreadableError } from './errors.js';
import { binariseForOcr, type InkMeasure, rotateForOcr } from './images.js';
import type { OcrLanguage, PageArtefact, PageWarning } from './model.js';
import type { OcrEngine, OcrResult, Segmentation } from './ocr.js';
import { scoreTextLayer } from './text-layer-quality.js';

/** How a page image was prepared and split for a reading. */
export type ReadingWay = 'preprocessed' | 'unprocessed' | 'binarised' | 'block';

/** One OCR reading of a page, with the image it was read from (later cut-outs come from it). */
export interface PageReading {
  result: OcrResult;
  png: Buffer;
  way: ReadingWay;
  /**
   * Set when every way of reading lost the page (`PAGE_UNREADABLE`), or when the page is askew
   * and reading it straightened did no better (`PAGE_ASKEW`).
   */
  warning?: PageWarning;
  /** Degrees the page was turned back before this reading, when it was read straightened. */
  straightened?: number;
}

/** Fewer glyph-sized shapes than this: a blank page or a few marks, nothing a reading can lose. */
const MIN_GLYPHS = 150;
/**
 * Characters read per glyph counted below which a reading has lost part of the page. Real
 * pages read 0.7–1.3 characters per glyph (a broken letter counts twice, a ligature once).
 */
const READ_SHARE = 0.4;
/** Below this share after every way of reading, the page has been lost: it is flagged. */
const LOST_SHARE = 0.1;
/**
 * A reading less confident than this (0..1) is read again even when it covers the page. The
 * real pages of fixtures/real read at 0.54 (a faded catalogue) to 0.95.
 */
const MIN_CONFIDENCE = 0.45;

/**
 * Text lines turned at least this much (degrees, {@link OcrResult.skew}) make a page askew: it is
 * read again straightened. The upright real pages of fixtures/real measure 0.0–0.95°; tesseract
 * drops whole lines of a page turned 2° clockwise (docs/ocr-preprocessing.md).
 */
const ASKEW_DEGREES = 1;

/** Non-space characters of a reading. */
function characters(result: OcrResult): number {
  return result.lines.reduce((n, line) => n + line.text.replace(/\s+/g, '').length, 0);
}

/**
 * Confidence (0..1) a page may read below the median of the other pages of its file before it
 * is read again. Not tuned: fixtures/real holds no file with a page lost among good ones.
 */
const PEER_GAP = 0.2;

/**
 * Whether a reading needs another: too little read for the ink on the page, too unsure, or
 * far less sure than `peers`, the median confidence of the other pages of its file.
 */
export function isDoubtful(result: OcrResult, ink: InkMeasure, peers?: number): boolean {
  if (ink.glyphs < MIN_GLYPHS) return false;
  return (
    characters(result) < READ_SHARE * ink.glyphs ||
    result.confidence < MIN_CONFIDENCE ||
    (peers !== undefined && result.confidence < peers - PEER_GAP)
  );
}

/**
 * The OCR'd pages of a file that read far worse than the others ({@link PEER_GAP} below the
 * median confidence of the file's other OCR'd pages), each with that median: to be read again
 * with it as {@link RereadOptions.peerConfidence}. Needs three OCR'd pages to tell. A page
 * read again so already (its `peerConfidence` set) is not named twice: a resumed or retried
 * file does not read it a third time.
 */
export function pagesBelowPeers(pages: readonly PageArtefact[]): { index: number; peerConfidence: number }[] {
  const read = pages.filter((page) => page.source === 'ocr' && page.lines.length > 0);
  if (read.length < 3) return [];
  return read.flatMap((page) => {
    if (page.peerConfidence !== undefined) return [];
    const others = read.filter((other) => other !== page).map((other) => other.confidence);
    const peerConfidence = median(others);
    return page.confidence < peerConfidence - PEER_GAP ? [{ index: page.index, peerConfidence }] : [];
  });
}

/**
 * The second look at a file once every page is read: each page far below its peers
 * ({@link pagesBelowPeers}) read again by `read` (readPage with `peerConfidence`), marked
 * with the median it was held against. Returns the pages read again, in page order. The
 * command, the embedded ingest and the queue's peer job all call this, so a file gives the
 * same pages whichever reads it.
 */
export async function rereadBelowPeers(
  pages: readonly PageArtefact[],
  read: (index: number, peerConfidence: number) => Promise<PageArtefact>,
): Promise<PageArtefact[]> {
  return Promise.all(
    pagesBelowPeers(pages).map(async ({ index, peerConfidence }) => ({
      ...(await read(index, peerConfidence)),
      peerConfidence,
    })),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}

/**
 * What a reading is worth, to choose among readings of one page: its confidence, times how
 * plausible its words are (the text-layer score: common words, letters, no debris; never
 * zero, so unusual but real text still counts), times how much of the ink it covers.
 */
export function readingValue(result: OcrResult, ink: InkMeasure): number {
  const plausibility = 0.25 + 0.75 * scoreTextLayer(result.lines.map((l) => l.text)).score;
  const coverage = ink.glyphs === 0 ? 1 : Math.min(1, characters(result) / (READ_SHARE * ink.glyphs));
  return result.confidence * plausibility * coverage;
}

/** Options of {@link rereadIfLost}. */
export interface RereadOptions {
  /** 1-based page number, for the warning. */
  page: number;
  lang: OcrLanguage;
  /**
   * The ink on the page (`measureInk` of the render), measured while the first reading
   * ran; null for a cut-out line, which carries too few glyphs to judge and is read once.
   */
  ink: Promise<InkMeasure> | null;
  /** Median confidence of the file's other pages, when known ({@link pagesBelowPeers}). */
  peerConfidence?: number;
}

/**
 * Checks the first reading of a page against the ink on its unprocessed render and, when it
 * is doubtful ({@link isDoubtful}), reads the page again in turn binarised, as scanned and
 * as one block, until one reading is not doubtful; keeps the best by {@link readingValue}. A page
 * whose lines are turned is then read again straightened ({@link straightenIfAskew}). The
 * reading kept carries a `PAGE_UNREADABLE` warning when it covers under a tenth of the ink.
 */
export async function rereadIfLost(
  rendered: Buffer,
  first: PageReading,
  engine: OcrEngine,
  options: RereadOptions,
): Promise<PageReading> {
  if (!options.ink) return first;
  const ink = await options.ink;
  let best = first;
  let bestValue = readingValue(first.result, ink);
  let tried = 1;
  if (isDoubtful(first.result, ink, options.peerConfidence)) {
    // Binarised first: on grey paper framed by white scanner bed, the stretch and tesseract's own
    // global threshold both take the paper for ink; a local threshold does not.
    const ways: [ReadingWay, () => Promise<Buffer>, Segmentation][] = [
      ['binarised', () => binariseForOcr(rendered), 'page'],
      ['unprocessed', async () => rendered, 'page'],
      ['block', async () => first.png, 'block'],
    ];
    for (const [way, image, segmentation] of ways) {
      const png = await image();
      const result = await engine.recognize(png, options.lang, { segmentation });
      tried += 1;
      const value = readingValue(result, ink);
      if (value > bestValue) {
        best = { result, png, way };
        bestValue = value;
      }
      if (!isDoubtful(result, ink, options.peerConfidence)) break;
    }
  }
  best = await straightenIfAskew(best, engine, options, ink);
  const read = characters(best.result);
  if (read >= LOST_SHARE * ink.glyphs) return best;
  const { code, message } = new PageUnreadableError(
    options.page,
    `${read} characters read for about ${ink.glyphs} glyphs of ink, ${tried} ways of reading tried`,
  );
  return { ...best, warning: { code, message } };
}

/**
 * What a reading of a page is worth against the same page read straightened: its
 * {@link readingValue}, times the share of the page's glyphs it read as characters (at most
 * all). A page turned 2° clockwise loses whole lines at full confidence (a third to a half of
 * its text at 0.91–0.94 on real pages), which {@link readingValue} does not see: it counts the
 * ink covered only up to the share that tells a page lost.
 */
function straightValue(result: OcrResult, ink: InkMeasure): number {
  const share = ink.glyphs === 0 ? 1 : Math.min(1, characters(result) / ink.glyphs);
  return readingValue(result, ink) * share;
}

/**
 * A page whose text lines are turned {@link ASKEW_DEGREES} or more ({@link OcrResult.skew}) is
 * turned back and read again the same way; the straightened reading is kept when it is worth
 * more ({@link straightValue}). Otherwise the page keeps its reading, flagged `PAGE_ASKEW`: a
 * reading of an askew page may have lost lines without losing confidence. Upright pages cost
 * nothing: the skew comes with tesseract's reading.
 */
async function straightenIfAskew(
  reading: PageReading,
  engine: OcrEngine,
  options: RereadOptions,
  ink: InkMeasure,
): Promise<PageReading> {
  const skew = reading.result.skew;
  if (skew === undefined || Math.abs(skew) < ASKEW_DEGREES) return reading;
  const png = await rotateForOcr(reading.png, -skew);
  const segmentation: Segmentation = reading.way === 'block' ? 'block' : 'page';
  const result = await engine.recognize(png, options.lang, { segmentation });
  if (straightValue(result, ink) > straightValue(reading.result, ink))
    return { result, png, way: reading.way, straightened: skew };
  const turned = `${skew > 0 ? 'clockwise' : 'anticlockwise'} about ${Math.abs(skew).toFixed(1)}°`;
  return {
    ...reading,
    warning: {
      code: 'PAGE_ASKEW',
      message: `page ${options.page}: text lines turned ${turned}; read as scanned, straightened it read no better (lines may be lost)`,
    },
  };
}

/**
 * The warnings of a file's pages as warnings of its bulletin (`<bulletin id>: PAGE_UNREADABLE
 * page 3: …`): the ingest outcome and `jarida status` show them with the parser's.
 */
export function pageWarnings(bulletinId: string, pages: readonly PageArtefact[]): string[] {
  return pages.flatMap((page) => (page.warnings ?? []).map((w) => `${bulletinId}: ${w.code} ${w.message}`));
}
