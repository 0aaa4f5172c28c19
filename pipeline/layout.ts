/**
 * Layout: from a page's lines (OCR or text layer) to reading order. Splits off the
 * running header and its printed page number, finds the gutter of two-column bodies,
 * and orders lines band by band: a full-width block (masthead, title), then the first
 * column, then the second, down the page.
 */
import { distance } from 'fastest-levenshtein';
import { toWesternDigits } from './ids.js';
import type { TextLine } from './model.js';

/** Options of {@link layoutPage}. */
export interface LayoutOptions {
  /** Right-to-left pages (Arabic edition) read the right column first. */
  rtl?: boolean;
}

/** Lines of one page in reading order, the running header apart. */
export interface PageLayout {
  /** Body lines in reading order; `column` 0 for full-width and first-column lines, 1 for the second column. */
  lines: TextLine[];
  /** Running header lines, left to right. */
  header: TextLine[];
  /** Page number printed in the running header. */
  printedPage?: number;
  /** 1 or 2: how many columns the body was found to have. */
  columns: number;
}

/** The running header sits in this top fraction of the page. */
const HEADER_ZONE = 0.12;
/** A gutter is a vertical strip crossed by at most this share of body lines. */
const MAX_GUTTER_CROSSINGS = 0.15;
/** Each column must hold at least this share of body lines (the last page of an issue may end its second column after a few). */
const MIN_COLUMN_SHARE = 0.1;
/** Tolerance, in page widths, for a line edge to overshoot the gutter and still stay in its column. */
const GUTTER_SLACK = 0.01;
/** Steepest gutter looked for, in page widths per page height: a page scanned about 4° askew. */
const MAX_SLOPE = 0.1;
const SLOPE_STEP = 0.005;

const HEADER_TITLES = ['BULLETIN OFFICIEL', 'الجريدة الرسمية'].map(foldConfusions);

/** Lays out a page: header out, columns found, lines in reading order. */
export function layoutPage(lines: TextLine[], options: LayoutOptions = {}): PageLayout {
  const { header, body } = splitHeader(lines);
  const columns = findColumns(body);
  const ordered =
    columns === null
      ? byPosition(body).map((l) => ({ ...l, column: 0 }))
      : readingOrder(body, columns, options);
  const printedPage = parsePrintedPage(header.map((l) => l.text).join(' '));
  return {
    lines: ordered,
    header,
    ...(printedPage !== undefined ? { printedPage } : {}),
    columns: columns === null ? 1 : 2,
  };
}

/** Whether a line reads as the running title `BULLETIN OFFICIEL`, tolerating OCR confusions (`BULLETlN OFFlClEL`). */
export function isRunningHeader(text: string): boolean {
  const squeezed = foldConfusions(text);
  return HEADER_TITLES.some((title) => {
    if (squeezed.includes(title)) return true;
    // Sliding window: at most two edits (`BULLETIN OFFICIFL`, a dropped letter).
    for (let i = 0; i + title.length - 1 <= squeezed.length; i += 1) {
      if (distance(squeezed.slice(i, i + title.length), title) <= 2) return true;
    }
    return false;
  });
}

/** Upper case without spaces, with the letters OCR confuses (`l I 1 |`, `O 0`) made one. */
function foldConfusions(text: string): string {
  return text
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/[L1|!ÌÍÏ]/g, 'I')
    .replace(/0/g, 'O');
}

/**
 * Printed page number of a running header: the number before the title (`689 BULLETIN
 * OFFICIEL N° …`) or after the date (`… (2-10-2008) 689`). Issue numbers, years and dates
 * are not taken for it.
 */
export function parsePrintedPage(header: string): number | undefined {
  const text = toWesternDigits(header)
    // Specks of the scan glued to the number (`1061_`) are no part of it.
    .replace(/(?<=\d)[_~`'’]+|[_~`'’]+(?=\d)/g, '')
    .replace(/[Oo](?=\d)|(?<=\d)[Oo]/g, '0')
    .replace(/(?<=\d)[lI|]|[lI|](?=\d\d)/g, '1');
  const titleAt = text.search(/B\s*U\s*L\s*L|الجريدة/i);
  const before = titleAt > 0 ? text.slice(0, titleAt) : '';
  const lead = /(?:^|\s)(\d{1,5})\s*$/.exec(before);
  if (lead) return Number(lead[1]);
  const closing = text.lastIndexOf(')');
  const after = closing >= 0 ? text.slice(closing + 1) : text.slice(Math.max(titleAt, 0));
  const trail = /(?:^|\s)(\d{1,5})\s*$/.exec(after);
  // `N° 5670 – 2` and no more: the day of a date wrapped to the next line (structure/masthead.ts reads it).
  return trail && (closing >= 0 || !/N\s*[°o"º]\s*\d+(?:\s*[–—-]\s*\d{1,2})?\s*$/i.test(after))
    ? Number(trail[1])
    : undefined;
}

function splitHeader(lines: TextLine[]): { header: TextLine[]; body: TextLine[] } {
  // A running header carries the issue number; the masthead's bare `BULLETIN OFFICIEL` title does not.
  const title = lines.find((l) => l.bbox.y < HEADER_ZONE && isRunningHeader(l.text) && /\d/.test(l.text));
  if (!title) return { header: [], body: lines };
  // Everything on the title's band belongs to the header: OCR often splits off the page number.
  const top = title.bbox.y - title.bbox.h * 0.5;
  const bottom = title.bbox.y + title.bbox.h * 1.5;
  const inBand = (l: TextLine): boolean => {
    const middle = l.bbox.y + l.bbox.h / 2;
    return middle >= top && middle <= bottom;
  };
  return {
    header: lines.filter(inBand).sort((a, b) => a.bbox.x - b.bbox.x),
    body: lines.filter((l) => !inBand(l)),
  };
}

/**
 * x of the gutter between two columns, or null for a single column: the vertical strip
 * in the middle of the text block that the fewest lines cross.
 */
export function findGutter(lines: TextLine[]): number | null {
  return clearestGutter(lines)?.x ?? null;
}

/** The gutter's x and how many lines cross it, if the lines fall in two columns around it. */
function clearestGutter(lines: TextLine[]): { x: number; crossings: number } | null {
  if (lines.length < 4) return null;
  const left = Math.min(...lines.map((l) => l.bbox.x));
  const right = Math.max(...lines.map((l) => l.bbox.x + l.bbox.w));
  const width = right - left;
  let best: { x: number; crossings: number } | null = null;
  const steps = 80;
  for (let i = Math.round(steps * 0.3); i <= Math.round(steps * 0.7); i += 1) {
    const x = left + (width * i) / steps;
    const crossings = lines.filter(
      (l) => l.bbox.x + GUTTER_SLACK < x && l.bbox.x + l.bbox.w - GUTTER_SLACK > x,
    ).length;
    // Ties go to the strip nearest the middle.
    const nearer = best && Math.abs(x - (left + width / 2)) < Math.abs(best.x - (left + width / 2));
    if (!best || crossings < best.crossings || (crossings === best.crossings && nearer))
      best = { x, crossings };
  }
  if (!best || best.crossings > lines.length * MAX_GUTTER_CROSSINGS) return null;
  const leftSide = lines.filter((l) => l.bbox.x + l.bbox.w <= best.x + GUTTER_SLACK).length;
  const rightSide = lines.filter((l) => l.bbox.x >= best.x - GUTTER_SLACK).length;
  const minimum = lines.length * MIN_COLUMN_SHARE;
  return leftSide >= minimum && rightSide >= minimum ? best : null;
}

/** A two-column body's gutter: its x at mid-height, and its slope on a page scanned askew. */
interface Columns {
  gutter: number;
  /** Page widths the gutter moves right per page height down (0 on an upright page). */
  slope: number;
}

/** How far sideways a line lies from where it would on the page turned upright by `slope`. */
function drift(line: TextLine, slope: number): number {
  return slope * (line.bbox.y + line.bbox.h / 2 - 0.5);
}

/**
 * Finds the columns of a body, upright or askew: the gutter is looked for with the lines
 * moved back as each slope up to {@link MAX_SLOPE} would have moved them, and the slope with
 * the clearest gutter wins (the smallest slope on ties). On a page scanned 2° askew the
 * columns overlap in x (the first column's last lines end right of where the second
 * column's first lines start), and an upright gutter put lines of the second column
 * before the first.
 */
function findColumns(lines: TextLine[]): Columns | null {
  let best: (Columns & { crossings: number }) | null = null;
  const steps = Math.round(MAX_SLOPE / SLOPE_STEP);
  for (let i = -steps; i <= steps; i += 1) {
    const slope = i * SLOPE_STEP;
    const upright = lines.map((l) => ({ ...l, bbox: { ...l.bbox, x: l.bbox.x - drift(l, slope) } }));
    const found = clearestGutter(upright);
    if (!found) continue;
    const better =
      !best ||
      found.crossings < best.crossings ||
      (found.crossings === best.crossings && Math.abs(slope) < Math.abs(best.slope));
    if (better) best = { gutter: found.x, slope, crossings: found.crossings };
  }
  return best && { gutter: best.gutter, slope: best.slope };
}

function readingOrder(lines: TextLine[], { gutter, slope }: Columns, options: LayoutOptions): TextLine[] {
  const side = (l: TextLine): 'left' | 'right' | 'full' => {
    const x = l.bbox.x - drift(l, slope);
    if (x + l.bbox.w <= gutter + GUTTER_SLACK) return 'left';
    if (x >= gutter - GUTTER_SLACK) return 'right';
    return 'full';
  };
  const [first, second] = options.rtl ? (['right', 'left'] as const) : (['left', 'right'] as const);
  const spanning = byPosition(lines.filter((l) => side(l) === 'full'));
  const ordered: TextLine[] = [];
  let bandTop = Number.NEGATIVE_INFINITY;
  // Each full-width line closes the band above it: both columns of that band come first.
  for (const boundary of [...spanning, null]) {
    const bandBottom = boundary ? boundary.bbox.y : Number.POSITIVE_INFINITY;
    const inBand = (l: TextLine): boolean => l.bbox.y >= bandTop && l.bbox.y < bandBottom;
    for (const [which, column] of [
      [first, 0],
      [second, 1],
    ] as const) {
      for (const l of byPosition(lines.filter((x) => side(x) === which && inBand(x))))
        ordered.push({ ...l, column });
    }
    if (boundary) {
      ordered.push({ ...boundary, column: 0 });
      bandTop = boundary.bbox.y;
    }
  }
  return ordered;
}

/** Top to bottom, then left to right. */
function byPosition(lines: TextLine[]): TextLine[] {
  return [...lines].sort((a, b) => a.bbox.y - b.bbox.y || a.bbox.x - b.bbox.x);
}

/**
 * Joins a paragraph's lines into running text: a word cut by an end-of-line hyphen is made
 * whole (`réglemen-` + `tation`), a number or name cut after a hyphen keeps it (`1-58-` + `376`, `Sidi-` + `Kacem`),
 * other lines are joined by one space.
 */
export function joinLines(lines: string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (/\p{Ll}[-\u00AD¬]$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else if (/[\p{L}\d]-$/u.test(text) && /^[\p{Lu}\d]/u.test(line)) text += line;
    else text = text ? `${text} ${line}` : line;
  }
  return text;
}
