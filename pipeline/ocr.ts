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
}

/** The part of tesseract.js' `blocks` output that lines are made from (confidences 0..100). */
export interface TesseractBlock {
  paragraphs: {
    lines: { text: string; confidence: number; bbox: TesseractBbox; words?: TesseractWord[] }[];
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

/**
 * Whether a word tesseract read is a speck on the page rather than text: no letter or digit,
 * low confidence, and not a mark that stands alone in print. Torn paper edges, stains and
 * margin shadows come out as such words (`|`, `/`, `}`, `*`, `=`); on the real typewritten
 * pages of fixtures/real dropping them took CER from 7.1 % to 6.3 % (native tesseract 8.5 %),
 * and left the fixture pages' CER as it was. Words with a parenthesis are kept: in print they
 * are footnote calls and brackets ({@link PARENTHESIS}).
 */
export function isSpeck(word: TesseractWord): boolean {
  return (
    word.confidence < SPECK_CONFIDENCE &&
    !/[\p{L}\p{N}]/u.test(word.text) &&
    !STANDALONE_MARKS.test(word.text) &&
    !PARENTHESIS.test(word.text)
  );
}

/** Converts a pixel box to page fractions. */
export function toFractions(b: TesseractBbox, width: number, height: number): BoundingBox {
  return { x: b.x0 / width, y: b.y0 / height, w: (b.x1 - b.x0) / width, h: (b.y1 - b.y0) / height };
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
        const words = line.words?.filter((word) => !isSpeck(word)).map((word) => word.text);
        const text = (words ? words.join(' ') : line.text).replace(/\s+/g, ' ').trim();
        if (!text) continue;
        lines.push({ text, bbox: toFractions(line.bbox, width, height), confidence: line.confidence / 100 });
      }
    }
  }
  return { lines, width, height, confidence: meanConfidence(lines) };
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
