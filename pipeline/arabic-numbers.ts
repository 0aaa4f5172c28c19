/**
 * Numbers in OCR'd Arabic pages. In page context (automatic page segmentation) tesseract's
 * `ara` model drops the leading digits of Western numbers (`2013)` → `013`, `1434 (23` →
 * `4 23`, `10.000` → `0`). The same line cut out of the page and read as one raw line
 * (psm 13) usually keeps them. This module picks the lines worth a second reading, the
 * region to cut, and which of the two readings to keep; pages.ts does the reading.
 */
import { GREGORIAN_MONTHS_AR, HIJRI_MONTHS_AR } from './dates.js';
import type { PixelRegion } from './images.js';
import type { BoundingBox } from './model.js';

/** A number that cannot be whole: nothing the gazette prints starts with 0 (`013`, `0 (10`). */
const TRUNCATED_NUMBER = /(?<![\p{Nd}.,/])0\p{Nd}*/u;

const lastWords = (months: readonly (readonly string[])[]): string =>
  [...new Set(months.flat().map((name) => name.split(' ').at(-1)!))].join('|');
/**
 * A year of fewer than four digits: after a month name (`ربيع الأول 4`, `يناير 3)`), before
 * the parenthesis that opens the Gregorian twin (`4 (13 يناير`) or closes it (`3))`).
 */
const SHORT_YEAR = new RegExp(
  `(?:(?:${lastWords(HIJRI_MONTHS_AR)}|${lastWords(GREGORIAN_MONTHS_AR)})\\s+\\(?\\p{Nd}{1,3}(?![\\p{Nd}.,/])|(?<![\\p{Nd}.,/])\\p{Nd}{1,3}\\s*[()])`,
  'u',
);
/** A text's number after `رقم` with fewer than four digits: they read `2.13.580`, `87.13`, never `3`. */
const SHORT_TEXT_NUMBER = /رقم\s+[\p{Nd}.\-/]+/gu;

/**
 * Whether an Arabic line read in page context shows a number that lost digits. Only such
 * lines are read again: re-reading every line holding a digit cost some 40 % of a page's
 * OCR time (docs/ocr-preprocessing.md).
 */
export function hasDamagedNumber(text: string): boolean {
  if (TRUNCATED_NUMBER.test(text) || SHORT_YEAR.test(text)) return true;
  return [...text.matchAll(SHORT_TEXT_NUMBER)].some((m) => (m[0].match(/\p{Nd}/gu)?.length ?? 0) < 4);
}

/** How far a line's cut-out reaches beyond its box, in line heights. */
const HORIZONTAL_REACH = 2;
const VERTICAL_REACH = 0.25;

/**
 * The pixels to cut out for a second reading of a line. The box tesseract gave a damaged
 * line often ends where the lost digits begin, so the cut reaches two line heights to
 * each side, but never across the gutter (`gutter`, a page fraction, or null for one
 * column), where it would pick up the other column's words.
 */
export function rereadRegion(
  bbox: BoundingBox,
  page: { width: number; height: number },
  gutter: number | null,
): PixelRegion {
  let from = bbox.x - (HORIZONTAL_REACH * bbox.h * page.height) / page.width;
  let to = bbox.x + bbox.w + (HORIZONTAL_REACH * bbox.h * page.height) / page.width;
  if (gutter !== null && bbox.x >= gutter) from = Math.max(from, gutter);
  if (gutter !== null && bbox.x + bbox.w <= gutter) to = Math.min(to, gutter);
  const left = Math.max(0, Math.round(from * page.width));
  const right = Math.min(page.width, Math.round(to * page.width));
  const top = Math.max(0, Math.round((bbox.y - VERTICAL_REACH * bbox.h) * page.height));
  const bottom = Math.min(page.height, Math.round((bbox.y + (1 + VERTICAL_REACH) * bbox.h) * page.height));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** Left-to-right and right-to-left marks tesseract puts around runs of the other direction. */
const DIRECTION_MARKS = /[\u200e\u200f\u202a-\u202e]/gu;

/**
 * A line as words (tokens with a letter) and, around them, the gaps where numbers sit
 * (a number glued to the next word, `3)بتحديد`, is taken apart):
 * `gaps[i]` holds the tokens before word `i`, `gaps[words.length]` those after the last.
 */
function splitAtWords(line: string): { words: string[]; gaps: string[][] } {
  const words: string[] = [];
  const gaps: string[][] = [[]];
  for (const token of line
    .replace(DIRECTION_MARKS, '')
    .split(/\s+|(?<=[\p{Nd}()])(?=\p{L})/u)
    .filter(Boolean)) {
    if (/\p{L}/u.test(token)) {
      words.push(token);
      gaps.push([]);
    } else gaps.at(-1)!.push(token);
  }
  return { words, gaps };
}

const digitsOf = (token: string): string => token.replace(/\P{Nd}/gu, '');

/** Whether `short` is `long` with digits left out: what page context does to a number. */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const digit of long) if (digit === short[at]) at += 1;
  return at === short.length;
}

/**
 * Whether the numbers of one gap in the second reading complete those of the first: as
 * many numbers, each first-reading number found in its twin with digits left out, and at
 * least one digit more. A gap whose first reading held no digit is never filled, so marks
 * at the cut-out's edges (`0`, `..`) do not come in.
 */
function completes(read: string[], reread: string[]): boolean {
  const before = read.map(digitsOf).filter(Boolean);
  const after = reread.map(digitsOf).filter(Boolean);
  if (before.length === 0 || before.length !== after.length) return false;
  return (
    before.every((digits, i) => isSubsequence(digits, after[i]!)) &&
    after.join('').length > before.join('').length
  );
}

/** Share of words both readings must spell alike for their gaps to be taken as the same places. */
const MIN_SAME_WORDS = 0.5;

/**
 * Merges a line read in page context with its second reading as a cut-out line: the words
 * stay those of the first reading (more confident in context), and the numbers between two
 * words are taken from the second where they complete the first ({@link completes}: `4 (13`
 * → `1434 (13`, `3))` → `2013)`). Both readings must have as many words, at least half
 * of them spelt alike, or the first reading is kept whole.
 */
export function mergeReread(read: string, reread: string): string {
  const first = splitAtWords(read);
  const second = splitAtWords(reread);
  if (first.words.length !== second.words.length) return read;
  const same = first.words.filter((word, i) => word === second.words[i]).length;
  if (same < first.words.length * MIN_SAME_WORDS) return read;
  const gaps = first.gaps.map((gap, i) => (completes(gap, second.gaps[i]!) ? second.gaps[i]! : gap));
  if (gaps.every((gap, i) => gap === first.gaps[i])) return read;
  return gaps.flatMap((gap, i) => (i < first.words.length ? [...gap, first.words[i]!] : gap)).join(' ');
}
