/**
 * The OCR engine contract and the pure conversion of tesseract.js output into page lines.
 * The engine itself (a pool of tesseract.js workers) lives in engines/tesseract-pool.ts so
 * that this stage stays free of threads and process state.
 */
import type { BoundingBox, OcrLanguage, TextLine } from './model.js';

/** Lines recognised on one image, with bboxes in fractions of the image. */
export interface OcrResult {
  lines: TextLine[];
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Mean line confidence 0..1, weighted by line length; 0 when nothing was read. */
  confidence: number;
  /**
   * How far the page's text lines are turned, in degrees: the median slope of the baselines
   * tesseract found on lines at least {@link SKEW_LINE_SHARE} of the image wide, positive when
   * they descend to the right (a page turned clockwise). Unset under {@link SKEW_MIN_LINES} such
   * lines (pipeline/page-rereading.ts reads an askew page again straightened).
   */
  skew?: number;
}

/**
 * How the engine splits an image into lines: `page` finds blocks, columns and lines itself
 * (tesseract's automatic page segmentation); `line` reads the whole image as one text line
 * (a cut-out line, as in line-level ground truth), where page analysis would lose words;
 * `block` reads the whole image as one block of lines, a second way of reading a page whose
 * page analysis found no text (pipeline/page-rereading.ts).
 */
export type Segmentation = 'page' | 'line' | 'block';

/** Options of {@link OcrEngine.recognize}. */
export interface RecognizeOptions {
  /** Default `page`. */
  segmentation?: Segmentation;
  /** This page fails with OcrTimeoutError past this; default: the engine's own limit. */
  timeoutMs?: number;
}

/** Something that reads text from a page image. */
export interface OcrEngine {
  /** How many pages it recognises at once: callers size their own concurrency on it. */
  readonly size: number;
  /** Recognises a PNG page image in the given language. */
  recognize(png: Buffer, lang: OcrLanguage, options?: RecognizeOptions): Promise<OcrResult>;
  /**
   * Starts, when the engine can, a reader of `lang` to wait for a page about to come: its
   * start then overlaps the page's render and preprocessing instead of following them.
   */
  warm?(lang: OcrLanguage): void;
  /** Releases workers; the engine is unusable afterwards. */
  close(): Promise<void>;
}

/** Pixel box as tesseract.js reports it. */
export interface TesseractBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A word as tesseract.js reports it (confidence 0..100). */
export interface TesseractWord {
  text: string;
  confidence: number;
  /** The word's box on the page; where it is known, a mark in the flow of text is not taken for a speck. */
  bbox?: TesseractBbox;
}

/** The part of tesseract.js' `blocks` output that lines are made from (confidences 0..100). */
export interface TesseractBlock {
  paragraphs: {
    lines: {
      text: string;
      confidence: number;
      bbox: TesseractBbox;
      words?: TesseractWord[];
      /** The line's baseline, from its left end to its right end. */
      baseline?: TesseractBbox;
    }[];
  }[];
}

/** Below this confidence (0..100) a word without letters or digits is taken for a speck ({@link isSpeck}). */
const SPECK_CONFIDENCE = 60;
/**
 * Marks that stand alone as words in real print: quotation and ditto marks, and `©` and `+`,
 * which are how the `ara` model reads the Arabic comma ({@link restoreArabicCommas}).
 */
const STANDALONE_MARKS = /^["“”„«»'’©+]+$/u;
/**
 * A parenthesis in a word without letters or digits: print's footnote calls and brackets read
 * apart from their words (`(1)` read `()`, `©)`, `(®.`). Dropped as specks, they cost the real
 * 1881 test pages 3.74 → 3.94 % CER (docs/ocr-preprocessing.md).
 */
const PARENTHESIS = /[()]/u;

/** Sentence punctuation, Latin and Arabic: a mark that may stand apart from its word in print. */
const SENTENCE_PUNCTUATION = /[.,;:!?،؛؟]/u;
/** At most this many line heights from a neighbouring word, a mark is in the flow of the text. */
const IN_FLOW_GAP = 0.6;
/**
 * Least height of a mark in the flow of text, and least height of its centre below the line's
 * top, in line heights: dust is smaller, and marks above the line are no sentence punctuation.
 */
const MIN_MARK_HEIGHT = 0.2;
const MIN_MARK_CENTRE = 0.2;

/** Where a word stands on its line: the line's box and the words read before and after it. */
export interface WordPlace {
  line: TesseractBbox;
  before?: TesseractWord;
  after?: TesseractWord;
}

/** Horizontal gap between two boxes, whichever comes first (negative when they overlap). */
function gapBetween(a: TesseractBbox, b: TesseractBbox): number {
  return Math.max(a.x0 - b.x1, b.x0 - a.x1);
}

/**
 * Whether a word without letters holds sentence punctuation set in the flow of its line: of a
 * glyph's size, no higher than the line's top band, and as close to a neighbouring word as words
 * are to each other. A stop or comma set apart from its word (`‘.`, `#,`: a footnote call read
 * with the stop after it) is text; dust, rules and margin stains are small, high or far away.
 */
function punctuationInFlow(word: TesseractWord, place: WordPlace | undefined): boolean {
  const box = word.bbox;
  if (!box || !place || !SENTENCE_PUNCTUATION.test(word.text)) return false;
  const lineHeight = place.line.y1 - place.line.y0;
  if (lineHeight <= 0) return false;
  const centre = (box.y0 + box.y1) / 2 - place.line.y0;
  if (box.y1 - box.y0 < MIN_MARK_HEIGHT * lineHeight || centre < MIN_MARK_CENTRE * lineHeight) return false;
  return [place.before, place.after].some(
    (neighbour) =>
      neighbour?.bbox !== undefined && gapBetween(box, neighbour.bbox) <= IN_FLOW_GAP * lineHeight,
  );
}

/**
 * Whether a word tesseract read is a speck on the page rather than text: no letter or digit,
 * low confidence, and not a mark that stands alone in print. Torn paper edges, stains and
 * margin shadows come out as such words (`|`, `/`, `}`, `*`, `=`); on the real typewritten
 * pages of fixtures/real dropping them took CER from 7.1 % to 6.3 % (native tesseract 8.5 %),
 * and left the fixture pages' CER as it was. Words with a parenthesis are kept: in print they
 * are footnote calls and brackets ({@link PARENTHESIS}). So is sentence punctuation in the flow
 * of its line ({@link punctuationInFlow}, when `place` gives the geometry): dropped, it cost the
 * real 1881 test pages 3.62 → 3.72 % CER and the Arabic line sets their `؛` and `؟`
 * (docs/ocr-preprocessing.md).
 */
export function isSpeck(word: TesseractWord, place?: WordPlace): boolean {
  return (
    word.confidence < SPECK_CONFIDENCE &&
    !/[\p{L}\p{N}]/u.test(word.text) &&
    !STANDALONE_MARKS.test(word.text) &&
    !PARENTHESIS.test(word.text) &&
    !punctuationInFlow(word, place)
  );
}

/** Converts a pixel box to page fractions. */
export function toFractions(b: TesseractBbox, width: number, height: number): BoundingBox {
  return { x: b.x0 / width, y: b.y0 / height, w: (b.x1 - b.x0) / width, h: (b.y1 - b.y0) / height };
}

/** Lines at least this share of the image wide tell the page's skew ({@link OcrResult.skew}). */
const SKEW_LINE_SHARE = 1 / 8;
/** Fewer such lines than this tell no skew. */
const SKEW_MIN_LINES = 3;

/** The median slope of the long baselines of a page, in degrees ({@link OcrResult.skew}). */
function baselineSkew(blocks: TesseractBlock[], width: number): number | undefined {
  const angles: number[] = [];
  for (const block of blocks)
    for (const paragraph of block.paragraphs)
      for (const { baseline, text } of paragraph.lines) {
        if (!baseline || !text.trim() || baseline.x1 - baseline.x0 < SKEW_LINE_SHARE * width) continue;
        angles.push((Math.atan2(baseline.y1 - baseline.y0, baseline.x1 - baseline.x0) * 180) / Math.PI);
      }
  if (angles.length < SKEW_MIN_LINES) return undefined;
  angles.sort((a, b) => a - b);
  const middle = angles.length / 2;
  return Number.isInteger(middle) ? (angles[middle - 1]! + angles[middle]!) / 2 : angles[Math.floor(middle)]!;
}

/**
 * Flattens tesseract.js blocks → paragraphs → lines into {@link TextLine}s, in tesseract's
 * order, without specks ({@link isSpeck}) and empty lines. Confidence is rescaled to 0..1.
 */
export function linesFromTesseract(
  blocks: TesseractBlock[] | null,
  width: number,
  height: number,
): OcrResult {
  const lines: TextLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        // Words come in reading order, right to left ones too: joined, they are the line's text.
        const words = line.words
          ?.filter(
            (word, i, all) => !isSpeck(word, { line: line.bbox, before: all[i - 1], after: all[i + 1] }),
          )
          .map((word) => word.text);
        const text = (words ? words.join(' ') : line.text).replace(/\s+/g, ' ').trim();
        if (!text) continue;
        lines.push({ text, bbox: toFractions(line.bbox, width, height), confidence: line.confidence / 100 });
      }
    }
  }
  const skew = baselineSkew(blocks ?? [], width);
  return { lines, width, height, confidence: meanConfidence(lines), ...(skew !== undefined ? { skew } : {}) };
}

/** Mean confidence of lines weighted by their length; 0 for no lines. */
export function meanConfidence(lines: TextLine[]): number {
  let chars = 0;
  let sum = 0;
  for (const line of lines) {
    chars += line.text.length;
    sum += line.confidence * line.text.length;
  }
  return chars === 0 ? 0 : sum / chars;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, without decoding it; null if the bytes are no PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  if (png.length < 24 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const ARABIC = '\\p{Script=Arabic}';
/** `»` closing an Arabic word on a line where no `«` opened: tesseract's usual reading of `،`. */
const UNOPENED_CLOSING_QUOTE = new RegExp(`(?<=${ARABIC})»(?=\\s|$)`, 'gu');
/** A lone `©`, `+` or `»` between two Arabic words: the comma again, read as a mark Arabic prose never has there. */
const LONE_MARK = new RegExp(`(?<=${ARABIC}\\s)[©+»](?=\\s+${ARABIC})`, 'gu');
/** `يسلم, تمارس`: a Latin comma after an Arabic word, the comma read in the wrong script (Arabic prose prints `،`). */
const LATIN_COMMA = new RegExp(`(?<=${ARABIC})(?<!\\p{Nd}),(?=\\s|$)`, 'gu');

/**
 * Restores the Arabic comma `،` in an OCR'd Arabic line. The `ara` model almost never
 * outputs it: it reads `»`, `©` or `+` instead. Only readings that cannot be right are
 * replaced (a closing guillemet nothing opened, a lone mark between words); on the real
 * Arabic lines of fixtures/real this lowered CER by a tenth (11.5 % → 10.5 %).
 */
export function restoreArabicCommas(line: string): string {
  const text = line.includes('«') ? line : line.replace(UNOPENED_CLOSING_QUOTE, '،');
  return text.replace(LONE_MARK, '،').replace(LATIN_COMMA, '،');
}

/** A hyphen with a space on each side, between two words or figures. */
const SPACED_HYPHEN = /(?<=\S) - (?=\S)/g;

/**
 * Restores the en dash `–` in an OCR'd French line: tesseract's `fra` reads it as a hyphen.
 * French print sets a hyphen tight against its words (`1-58-376`, `finan-`), and the
 * gazette spaces only its dashes (`ART. 2. – Le ministre`, `N° 6495 – 7 hija 1437`), so
 * only a hyphen spaced on both sides is taken for a dash.
 */
export function restoreFrenchDashes(line: string): string {
  return line.replace(SPACED_HYPHEN, ' – ');
}
