/**
 * Cuts an article's body into its alinéas and enumerated items (`1°`, `a)`, `-`), each its own
 * entry, from the layout and the text. A line opens a new alinéa when it starts as one starts
 * (an enumerator, or a capital) and the line before it ends one: by closing a sentence (or
 * announcing a list) before an enumerator or a capital set in from its column's margin (the
 * first-line indent of a printed paragraph), or by stopping short of its column's right
 * margin: the Bulletin justifies its columns, so only an alinéa's last line falls short, and
 * where a text is set without indents that is all that ends an alinéa. Margins are judged
 * among the lines printed near a line, since a scanned page is seldom quite straight; specks
 * OCR boxed as lines are left out, and pieces of one printed line are put back together.
 */
import type { BoundingBox } from '../model.js';
import { type BodyLine, joinLines } from './lines.js';

/** A line of an article's body: its text and, when layout knew it, where it was printed. */
export type ParagraphLine = Pick<BodyLine, 'text' | 'pageIndex' | 'bbox'>;

/** Lines whose start lies this close (share of the page's width) to a line's start share its column. */
const COLUMN_SPAN = 0.08;
/** A start this far inside the column's margin (share of the page's width, ~5 pt on A4) is an indent. */
const MIN_INDENT = 0.008;
/** An end this far short of the column's right margin (share of the page's width, ~12 pt on A4) ends an alinéa. */
const MIN_SHORT = 0.02;
/** Short by this much (~5 pt), a line ends an alinéa when the next plainly opens one: indented, or an item. */
const NEARLY_SHORT = 0.008;
/**
 * Lines this close above or below a line (share of the page's height, about fifteen lines each
 * way, past a long list of hanging items) settle its margins: a page scanned a degree askew
 * drifts less than an indent over them.
 */
const NEAR = 0.2;
/** Line ends this close together (share of the page's width) are the same justified margin. */
const SAME_EDGE = 0.006;
/** A box narrower than this (share of the page's width, under two letters) holding no word is a speck. */
const SPECK_WIDTH = 0.012;

/**
 * `1°`, `2°)`, `1)`, `1.`, `1-`, `a)`, `b-`, `أ)`, `١.`, `I.`, `-`, `–`, `•`: an enumerated item's
 * start; OCR reads `1°` as `l°`, `I°` or `1 º` now and then.
 */
const ENUMERATOR =
  /^(?:[0-9\u0660-\u0669]{1,3}\s*[°º]|[lI|]\s*[°º]|[0-9\u0660-\u0669]{1,3}\s*[).\-–]\s|[a-z]{1,2}\s*[)–-]\s|[\u0621-\u064A]\s*[)–-]\s|[IVX]{1,5}\s*[.)–-]\s|[-–—•]\s)/u;

/** The line ends a sentence or announces what follows: `.`, `:`, `;`, `؛`, possibly before a closing quote. */
const CLOSES = /[.:;؛!?…]\s*[»”"]?\s*$/u;

/** Whether `text` starts with an enumerator (`1°`, `a)`, `-`…). */
export function startsItem(text: string): boolean {
  return ENUMERATOR.test(text.trim());
}

/** An item's enumerator (`1°`, `a)`) and its wording after it; null when `text` is no item. */
export function readItem(text: string): { enumerator: string; wording: string } | null {
  const found = ENUMERATOR.exec(text.trim());
  if (!found) return null;
  // `l°`, `I°`: OCR's readings of `1°`.
  const enumerator = found[0].trim().replace(/^[lI|](?=\s*[°º])/u, '1');
  return { enumerator, wording: text.trim().slice(found[0].length).trim() };
}

/** Whether the script of `text` runs right to left (Arabic): its indent is on the right. */
function rightToLeft(text: string): boolean {
  return /\p{Script=Arabic}/u.test(text);
}

/** Whether a line is a speck OCR read as one: a box of a letter or two, no word, no number, no enumerator. */
function isSpeck(line: ParagraphLine): boolean {
  const text = line.text.trim();
  return (
    line.bbox !== undefined &&
    line.bbox.w < SPECK_WIDTH &&
    /^[^\p{Ll}\p{N}]{1,3}$/u.test(text) &&
    !startsItem(`${text} `)
  );
}

/**
 * The margin among `edges` (the same edge of the lines near a line in its column, `outward`
 * -1 for the left, +1 for the right): the outermost edge `support` other lines share, so that
 * a speck or a line run into the next column sets no margin alone; null when none is shared so.
 */
function sharedMargin(edges: readonly number[], outward: 1 | -1, support = 1): number | null {
  const sorted = [...edges].sort((a, b) => outward * (b - a));
  return (
    sorted.find(
      (edge, i) =>
        sorted.slice(i + 1).filter((other) => Math.abs(other - edge) <= SAME_EDGE).length >= support,
    ) ?? null
  );
}

/** How a line sits in its column. */
interface Placement {
  /** How far it starts inside its column's margin. */
  indent: number;
  /** How far it ends short of the column's other margin; null when the lines near it do not settle that margin. */
  short: number | null;
}

/**
 * Where `box` sits among `peers` (the boxes of the lines printed on its page): against the
 * margins of the lines of its column printed near it, read in the script's direction (an
 * Arabic line starts on the right).
 */
function placementOf(box: BoundingBox, peers: readonly BoundingBox[], rtl: boolean): Placement {
  const outward = rtl ? 1 : -1;
  const start = (b: BoundingBox) => (rtl ? b.x + b.w : b.x);
  const end = (b: BoundingBox) => (rtl ? b.x : b.x + b.w);
  const column = peers.filter(
    (p) =>
      !(p.x === box.x && p.y === box.y && p.w === box.w) &&
      Math.abs(p.y - box.y) <= NEAR &&
      Math.abs(start(p) - start(box)) < COLUMN_SPAN,
  );
  const starts = [start(box), ...column.map(start)];
  // Arabic OCR boxes end unevenly on the right: there the outermost start of the page's column
  // is the margin (the local shared margin lost alinéa-level amendments on generated scans).
  const margin = rtl
    ? Math.max(start(box), ...peers.filter((p) => Math.abs(start(p) - start(box)) < COLUMN_SPAN).map(start))
    : (sharedMargin(starts, outward) ?? Math.min(...starts));
  // Only a justified column, where many lines end together, says which line stops short.
  const other = sharedMargin(column.map(end), rtl ? -1 : 1, Math.max(2, Math.ceil(column.length / 4)));
  // Distances measured inwards: rightwards from a left margin, leftwards from a right one.
  const inwards = (from: number, to: number) => (rtl ? from - to : to - from);
  return {
    indent: Math.max(0, inwards(margin, start(box))),
    short: other === null ? null : inwards(end(box), other),
  };
}

/**
 * The alinéas and items of a wording known only as text (an amended version quoted by its
 * amending text): its enumerated items, each opened after a `:` or `;`. An article printed
 * with its layout is cut by {@link splitParagraphs}, which also sees indents.
 */
export function wordingParagraphs(body: string): string[] {
  const words = body.trim().split(/\s+/u).filter(Boolean);
  const groups: string[][] = [];
  words.forEach((word, i) => {
    const opens = i === 0 || (/[:;؛]$/u.test(words[i - 1]!) && startsItem(`${word} ${words[i + 1] ?? ''}`));
    if (opens) groups.push([word]);
    else groups.at(-1)!.push(word);
  });
  return groups.map((g) => g.join(' '));
}

/** The boxes of body lines by page index: where each column's margin lies on each page. */
export type PageMargins = ReadonlyMap<number, readonly BoundingBox[]>;

/** The {@link PageMargins} of `lines` (every body line of a text or an issue). */
export function pageMargins(lines: readonly ParagraphLine[]): PageMargins {
  const byPage = new Map<number, BoundingBox[]>();
  for (const line of lines) {
    if (!line.bbox) continue;
    const boxes = byPage.get(line.pageIndex);
    if (boxes) boxes.push(line.bbox);
    else byPage.set(line.pageIndex, [line.bbox]);
  }
  return byPage;
}

/**
 * The alinéas and items of an article whose body is `lines` (the run-in rest of its heading
 * first). `margins` settle each column's margin on each page (by default from `lines`
 * alone); without boxes only enumerators open items, since a sentence ending a line says
 * nothing alone. Each entry's lines are joined as {@link joinLines} joins a body.
 */
export function splitParagraphs(
  lines: readonly ParagraphLine[],
  margins: PageMargins = pageMargins(lines),
): string[] {
  const groups: string[][] = [];
  let previous: { text: string; placement: Placement | null } | null = null;
  for (const line of printedLines(lines.filter((l) => l.text.trim() && !isSpeck(l)))) {
    const text = line.text.trim();
    const placement = line.bbox
      ? placementOf(line.bbox, margins.get(line.pageIndex) ?? [], rightToLeft(text))
      : null;
    if (previous === null || opensAlinea(previous, text, placement)) groups.push([text]);
    else groups.at(-1)!.push(text);
    previous = { text, placement };
  }
  return groups.map(joinLines);
}

/** Whether a line (`text`, printed at `placement`) opens an alinéa after `previous`. */
function opensAlinea(
  previous: { text: string; placement: Placement | null },
  text: string,
  placement: Placement | null,
): boolean {
  const closes = CLOSES.test(previous.text);
  const short = previous.placement?.short ?? 0;
  // An enumerator, or a capital set in, needs little more: a sentence closed or a line ended
  // early (OCR drops a final `;` or reads a `.` as `,` now and then).
  if (startsItem(text)) return closes || short >= NEARLY_SHORT;
  if (/^\p{Ll}/u.test(text) || !placement) return false;
  if (placement.indent >= MIN_INDENT) return closes || short >= NEARLY_SHORT;
  return short >= MIN_SHORT;
}

/**
 * The lines with the pieces of one printed line put back together, left to right (right to
 * left in Arabic): OCR boxes an item's enumerator apart from its wording now and then, and
 * may hand it over after it.
 */
function printedLines(lines: readonly ParagraphLine[]): ParagraphLine[] {
  const out: ParagraphLine[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last?.bbox && line.bbox && last.pageIndex === line.pageIndex && sameRow(last.bbox, line.bbox)) {
      const [first, second] =
        line.bbox.x < last.bbox.x !== rightToLeft(line.text) ? [line, last] : [last, line];
      out[out.length - 1] = {
        ...last,
        text: `${first.text.trim()} ${second.text.trim()}`,
        bbox: union(last.bbox, line.bbox),
      };
    } else out.push(line);
  }
  return out;
}

/** Whether two boxes side by side share most of their height: pieces of one printed line. */
function sameRow(a: BoundingBox, b: BoundingBox): boolean {
  const overlap = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  const apart = a.x + a.w <= b.x || b.x + b.w <= a.x;
  return apart && overlap > Math.min(a.h, b.h) / 2;
}

function union(a: BoundingBox, b: BoundingBox): BoundingBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}
