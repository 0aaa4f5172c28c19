/**
 * Numbers in OCR'd Arabic pages. In page context (automatic page segmentation) tesseract's
 * `ara` model drops the leading digits of Western numbers (`2013)` → `013`, `1434 (23` →
 * `4 23`, `10.000` → `0`). The same line cut out of the page and read as one raw line
 * (psm 13) usually keeps them. The bold figures of article headings are misread whole
 * (`المادة 5` for 8, `المادة 286` for 28, `المادة ©`): the headings whose number breaks the
 * page's sequence are read again the same way. This module picks the lines worth a second
 * reading, the region to cut, and which of the two readings to keep; pages.ts does the reading.
 */
import { distance } from 'fastest-levenshtein';
import { GREGORIAN_MONTHS_AR, HIJRI_MONTHS_AR } from './calendars.js';
import { toWesternDigits } from './ids.js';
import type { PixelRegion } from './images.js';
import type { BoundingBox, TextLine } from './model.js';
import { UNREAD_NUMBER } from './structure/articles.js';
import { readArticleHeadingAr } from './structure/articles-ar.js';
import { matchWord } from './structure/fuzzy.js';
import { readHeaderKeywordAr } from './structure/text-headers-ar.js';

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

/** Left-to-right and right-to-left marks tesseract puts around runs of the other direction. */
const DIRECTION_MARKS = /[\u200e\u200f\u202a-\u202e]/gu;

/** A text's number after `رقم` as the gazette prints it: `4050.14`, `55.99`, `2.09.457`. */
const TEXT_NUMBER_SHAPE = /^(?:\p{Nd}{1,4}\.\p{Nd}{2}|\p{Nd}\.\p{Nd}{2}\.\p{Nd}{1,4})$/u;

/**
 * Whether an Arabic line read in page context shows a number that lost digits. Only such
 * lines are read again: re-reading every line holding a digit cost some 40 % of a page's
 * OCR time (docs/ocr-preprocessing.md).
 */
export function hasDamagedNumber(text: string): boolean {
  return TRUNCATED_NUMBER.test(text) || SHORT_YEAR.test(text) || hasDamagedTextNumber(text);
}

/**
 * Whether a text's number after `رقم` is not whole: fewer than four digits, or not shaped as
 * the gazette prints one (`١8`, `420504`). The direction marks tesseract puts around a run of
 * Arabic-Indic digits (`رقم \u200e١8\u200f`) do not hide it.
 */
export function hasDamagedTextNumber(text: string): boolean {
  return [...text.replace(DIRECTION_MARKS, '').matchAll(SHORT_TEXT_NUMBER)].some((m) => {
    const number = m[0].replace(/^رقم\s+/u, '');
    return (number.match(/\p{Nd}/gu)?.length ?? 0) < 4 || !TEXT_NUMBER_SHAPE.test(number.replace(/\.$/u, ''));
  });
}

/**
 * Whether an Arabic line opens a text header (`مرسوم رقم …`, `قرار لوزير … صادر في …`) with
 * a number in it. Such a line is read again even when its numbers look whole: page context
 * drops a day's leading digit (`13 رمضان` → `3 رمضان`) or a text number's dot
 * (`4050.14` → `420504`), and these decide the text's id and date.
 */
export function opensDatedHeader(text: string): boolean {
  return readHeaderKeywordAr(text) !== null && /رقم|صادر/u.test(text) && /\p{Nd}/u.test(text);
}

/** How far a line's cut-out reaches beyond its box, in line heights. */
const HORIZONTAL_REACH = 2;
const VERTICAL_REACH = 0.25;
/** A box this many times the page's usual line height holds more than its line. */
const TALL_LINE = 1.3;

/**
 * The pixels to cut out for a second reading of a line, best first. The box tesseract gave
 * a damaged line often ends where the lost digits begin, so the cut reaches two line heights
 * to each side, but never across the gutter (`gutter`, a page fraction, or null for one
 * column), where it would pick up the other column's words. A box much taller than the
 * page's usual line (`lineHeight`, a page fraction) also takes in part of the next line or
 * a stamp, and the raw-line reading of it is debris; so such a line gets two more cuts of
 * the usual height, at the top and at the bottom of its box.
 */
export function rereadRegions(
  bbox: BoundingBox,
  page: { width: number; height: number },
  gutter: number | null,
  lineHeight: number,
): PixelRegion[] {
  let from = bbox.x - (HORIZONTAL_REACH * bbox.h * page.height) / page.width;
  let to = bbox.x + bbox.w + (HORIZONTAL_REACH * bbox.h * page.height) / page.width;
  if (gutter !== null && bbox.x >= gutter) from = Math.max(from, gutter);
  if (gutter !== null && bbox.x + bbox.w <= gutter) to = Math.min(to, gutter);
  const left = Math.max(0, Math.round(from * page.width));
  const right = Math.min(page.width, Math.round(to * page.width));
  const band = (y: number, h: number): PixelRegion => {
    const top = Math.max(0, Math.round((y - VERTICAL_REACH * h) * page.height));
    const bottom = Math.min(page.height, Math.round((y + (1 + VERTICAL_REACH) * h) * page.height));
    return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
  };
  const whole = band(bbox.y, bbox.h);
  if (bbox.h <= TALL_LINE * lineHeight) return [whole];
  return [whole, band(bbox.y, lineHeight), band(bbox.y + bbox.h - lineHeight, lineHeight)];
}

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

/** A token's digits, in Western digits: page context may read a figure in the Arabic-Indic set (`١8`). */
const digitsOf = (token: string): string => toWesternDigits(token).replace(/\P{Nd}/gu, '');

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

/** Share of a mangled text number's digits its second reading must hold. */
const MIN_SHARED_DIGITS = 0.5;

/**
 * Whether the second reading of the number after `رقم` puts right one the first reading
 * mangled: the first is not shaped as a text number (`420504`, `42131.09`, `08 .1089`),
 * the second is one token shaped as one (`4050.14`), and most of their digits are the same
 * (as a multiset: page context also turns a number's groups round).
 */
function reshapes(read: string[], reread: string[]): boolean {
  if (reread.length !== 1 || !TEXT_NUMBER_SHAPE.test(reread[0]!) || TEXT_NUMBER_SHAPE.test(read.join('')))
    return false;
  const before = digitsOf(read.join(''));
  const after = [...digitsOf(reread[0]!)];
  const shared = [...before].filter((digit) => {
    const at = after.indexOf(digit);
    if (at >= 0) after.splice(at, 1);
    return at >= 0;
  }).length;
  return (
    before.length > 0 && shared >= MIN_SHARED_DIGITS * Math.max(before.length, digitsOf(reread[0]!).length)
  );
}

/** The first words of the month names: a number just before one is a day. */
const MONTH_OPENINGS = new Set(
  [...HIJRI_MONTHS_AR, ...GREGORIAN_MONTHS_AR].flat().map((name) => name.split(' ')[0]!),
);

/**
 * Whether a gap's last number, read before the word `next`, is a day no month has: the raw-line
 * reading of a bold `(5 يونيو` once gave `(58 يونيو`, a digit more that no date can hold.
 */
function impossibleDay(gap: readonly string[], next: string | undefined): boolean {
  const day = digitsOf(gap.at(-1) ?? '');
  return (
    next !== undefined && MONTH_OPENINGS.has(next) && day !== '' && (Number(day) === 0 || Number(day) > 31)
  );
}

/** Whether two readings of a word are the same word: one letter off at most, none in short words. */
const sameWord = (a: string, b: string): boolean =>
  a === b || (Math.min(a.length, b.length) > 3 && distance(a, b) <= 1);

/**
 * The words of the first reading paired with those of the second, in order (longest common
 * subsequence under {@link sameWord}): a word lost, split or added in one reading leaves
 * the others paired. Between two pairs, as many unpaired words on each side are taken as
 * the same words misread (`زقم`, `رقم`) and paired in turn. Returns, for each first-reading
 * word, its twin's index or -1.
 */
function alignWords(first: string[], second: string[]): number[] {
  const longest = first.map(() => new Array<number>(second.length + 1).fill(0));
  longest.push(new Array<number>(second.length + 1).fill(0));
  for (let i = first.length - 1; i >= 0; i--)
    for (let j = second.length - 1; j >= 0; j--)
      longest[i]![j] = sameWord(first[i]!, second[j]!)
        ? longest[i + 1]![j + 1]! + 1
        : Math.max(longest[i + 1]![j]!, longest[i]![j + 1]!);
  const twins = first.map(() => -1);
  const pairRun = (i: number, j: number, toI: number, toJ: number): void => {
    if (toI - i === toJ - j) for (let k = 0; i + k < toI; k++) twins[i + k] = j + k;
  };
  let [runI, runJ] = [0, 0];
  for (let i = 0, j = 0; i < first.length && j < second.length; ) {
    if (sameWord(first[i]!, second[j]!)) {
      pairRun(runI, runJ, i, j);
      twins[i++] = j++;
      [runI, runJ] = [i, j];
    } else if (longest[i + 1]![j]! >= longest[i]![j + 1]!) i++;
    else j++;
  }
  pairRun(runI, runJ, first.length, second.length);
  return twins;
}

/** Share of the first reading's words the second must spell alike for its gaps to be trusted. */
const MIN_SAME_WORDS = 0.5;

/**
 * Merges a line read in page context with its second reading as a cut-out line: the words
 * stay those of the first reading (more confident in context), and the numbers between two
 * words are taken from the second where they complete the first ({@link completes}: `4 (13`
 * → `1434 (13`, `3))` → `2013)`) or, after `رقم`, give a text number its shape back
 * ({@link reshapes}: `420504` → `4050.14`). Digits compare in Western form: page context
 * reads some figures of a bold number in the Arabic-Indic set (`١8` → `1.00.218`). A day
 * before a month's name is never completed past 31 ({@link impossibleDay}). The words of both
 * readings are paired in order (a word lost or split in one reading does not shift the
 * others); at least half of the first's must find a twin spelt alike, and a gap is only
 * compared with the gap between the twins of its two neighbouring words, or the first
 * reading is kept whole.
 */
export function mergeReread(read: string, reread: string): string {
  const first = splitAtWords(read);
  const second = splitAtWords(reread);
  const n = first.words.length;
  const twins = alignWords(first.words, second.words);
  const same = twins.filter((j, i) => j >= 0 && second.words[j] === first.words[i]).length;
  if (n === 0 || same < n * MIN_SAME_WORDS) return read;
  const twinGap = (i: number): string[] | undefined => {
    const after = i < n ? twins[i]! : second.words.length;
    const before = i > 0 ? twins[i - 1]! : -1;
    if ((i < n && after < 0) || (i > 0 && before < 0) || after !== before + 1) return undefined;
    return second.gaps[after];
  };
  const gaps = first.gaps.map((gap, i) => {
    const twin = twinGap(i);
    if (!twin) return gap;
    if (impossibleDay(twin, first.words[i])) return gap;
    return completes(gap, twin) || (first.words[i - 1] === 'رقم' && reshapes(gap, twin)) ? twin : gap;
  });
  if (gaps.every((gap, i) => gap === first.gaps[i])) return read;
  return gaps.flatMap((gap, i) => (i < n ? [...gap, first.words[i]!] : gap)).join(' ');
}

/**
 * The number of an article heading line as read: a number, null when its figure is none
 * (`المادة ©`, `المادة S`), undefined when the line is no numbered heading (body text, a
 * citation, `مادة فريدة`, `المادة 3 مكررة`, which no sequence checks).
 */
function headingNumber(text: string): number | null | undefined {
  const heading = readArticleHeadingAr(text);
  if (heading) {
    // No article is numbered 0: its figure was misread (`المادة 0` for `المادة 1`).
    if (/^\d+$/.test(heading.number)) return Number(heading.number) || null;
    return heading.number === UNREAD_NUMBER ? null : undefined;
  }
  // The keyword and one token with no Arabic letter in it, alone on the line: a figure misread.
  const [word, figure, ...more] = toWesternDigits(text.trim()).split(/\s+/u);
  if (!word || !figure || more.length > 0 || /\p{Script=Arabic}/u.test(figure)) return undefined;
  return isArticleKeyword(word) ? null : undefined;
}

const isArticleKeyword = (word: string): boolean =>
  matchWord(word.replace(/[.:]+$/u, ''), 'المادة') > 0 || matchWord(word, 'الفصل') > 0;

/**
 * The numbers a second reading of a heading's cut-out line may mean, likeliest first: its
 * heading's number, then each figure of a line that holds the keyword (a raw-line reading
 * picks up marks at the cut's edges: `اللمادة 80 0`).
 */
function rereadHeadingNumbers(reread: string): number[] {
  const clean = headingNumber(reread);
  const words = toWesternDigits(reread.trim()).split(/\s+/u);
  const figures = words.some(isArticleKeyword)
    ? words.filter((word) => /^\d{1,4}$/u.test(word)).map(Number)
    : [];
  return [...new Set(clean != null ? [clean, ...figures] : figures)].filter((n) => n > 0);
}

/**
 * Whether `n` fits the sequence of article numbers around heading `i` (`numbers`, in reading
 * order, null where a figure was not a number): the nearest number before it plus the
 * headings between, or the nearest after it minus them. Null when no heading around it has
 * a number.
 */
export function fitsHeadingSequence(
  numbers: readonly (number | null)[],
  i: number,
  n: number,
): boolean | null {
  const before = numbers.slice(0, i).findLastIndex((m) => m !== null);
  const after = numbers.findIndex((m, k) => k > i && m !== null);
  if (before < 0 && after < 0) return null;
  return (
    (before >= 0 && n === numbers[before]! + (i - before)) ||
    (after >= 0 && n === numbers[after]! - (after - i))
  );
}

/**
 * Enlargements a heading's cut-out line is read at, in turn, until a reading fits: the bold
 * figures that one resolution misreads another often reads right (the real dahir's `المادة 80`
 * read `القادة 0` as cut, `المادة 80 2` twice as large; another scan the other way round).
 */
export const HEADING_REREAD_SCALES: readonly number[] = [1, 2, 3];

/**
 * The article headings of an OCR'd Arabic page to read again, by line index, each with what
 * to make of its second reading. A heading is read again when its figure is not a number or
 * its number does not fit the page's sequence of headings ({@link fitsHeadingSequence}; lines
 * in reading order: right column first, top to bottom). The second reading's number wins when
 * it fits the sequence, or when the first held none and the page has no sequence to check it
 * against; otherwise (null) the first reading stays, and the article parser's own sequence
 * check names what it repairs: a figure is never silently guessed.
 */
export function headingRereads(
  lines: readonly TextLine[],
  gutter: number | null,
): Map<number, (reread: string) => string | null> {
  const column = (line: TextLine): number =>
    gutter !== null && line.bbox.x + line.bbox.w / 2 < gutter ? 1 : 0;
  const headings = lines
    .map((line, index) => ({ line, index, number: headingNumber(line.text) }))
    .filter((h): h is { line: TextLine; index: number; number: number | null } => h.number !== undefined)
    .sort((a, b) => column(a.line) - column(b.line) || a.line.bbox.y - b.line.bbox.y);
  const numbers = headings.map((h) => h.number);
  const rereads = new Map<number, (reread: string) => string | null>();
  headings.forEach(({ line, index, number }, i) => {
    if (number !== null && fitsHeadingSequence(numbers, i, number) === true) return;
    // A number worded (`المادة الأولى`) is no misread figure: it breaks the sequence where a text begins.
    if (number !== null && /\p{Script=Arabic}/u.test(line.text.trim().split(/\s+/u)[1] ?? '')) return;
    rereads.set(index, (reread) => {
      const again = rereadHeadingNumbers(reread);
      const fitting = again.find((n) => fitsHeadingSequence(numbers, i, n) === true);
      // With no sequence to check against, only a clean heading's number stands in for a figure read as none.
      const lone = numbers.every((m, k) => k === i || m === null) && number === null;
      const found = fitting ?? (lone ? headingNumber(reread) : null);
      // The heading keeps its first reading's words and marks: only the figure after the keyword changes.
      return found != null ? line.text.trim().replace(/^(\S+\s+)[^\s.:؛،,;–—-]+/u, `$1${found}`) : null;
    });
  });
  return rereads;
}
