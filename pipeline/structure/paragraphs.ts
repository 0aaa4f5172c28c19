/**
 * Cuts an article's body into its alinéas and enumerated items (`1°`, `a)`, `-`), each its own
 * entry, from the layout and the text: a line opens a new alinéa when the line before it
 * closes a sentence (or announces a list) and it either starts with an enumerator or starts
 * indented from its column's margin (the first-line indent of a printed paragraph).
 */
import type { BoundingBox } from '../model.js';
import { type BodyLine, joinLines } from './lines.js';

/** A line of an article's body: its text and, when layout knew it, where it was printed. */
export type ParagraphLine = Pick<BodyLine, 'text' | 'pageIndex' | 'bbox'>;

/** Lines whose start lies this close (share of the page's width) to a line's start share its column. */
const COLUMN_SPAN = 0.08;
/** A start this far inside the column's margin (share of the page's width, ~5 pt on A4) is an indent. */
const MIN_INDENT = 0.008;

/** `1°`, `2°)`, `1)`, `1.`, `1-`, `a)`, `b-`, `أ)`, `١.`, `I.`, `-`, `–`, `•`: an enumerated item's start. */
const ENUMERATOR =
  /^(?:[0-9\u0660-\u0669]{1,3}\s*°|[0-9\u0660-\u0669]{1,3}\s*[).\-–]\s|[a-z]{1,2}\s*[)–-]\s|[\u0621-\u064A]\s*[)–-]\s|[IVX]{1,5}\s*[.)–-]\s|[-–—•]\s)/u;

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
  return { enumerator: found[0].trim(), wording: text.trim().slice(found[0].length).trim() };
}

/** Whether the script of `text` runs right to left (Arabic): its indent is on the right. */
function rightToLeft(text: string): boolean {
  return /\p{Script=Arabic}/u.test(text);
}

/** How far `box` starts inside the margin of its column, among `peers` printed on the same page. */
function indentOf(box: BoundingBox, peers: readonly BoundingBox[], rtl: boolean): number {
  if (rtl) {
    const right = box.x + box.w;
    const margin = Math.max(
      right,
      ...peers.map((p) => p.x + p.w).filter((r) => Math.abs(r - right) < COLUMN_SPAN),
    );
    return margin - right;
  }
  const margin = Math.min(box.x, ...peers.map((p) => p.x).filter((x) => Math.abs(x - box.x) < COLUMN_SPAN));
  return box.x - margin;
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
  let previous: string | null = null;
  for (const line of lines) {
    const text = line.text.trim();
    if (!text) continue;
    const opens =
      previous === null ||
      (CLOSES.test(previous) &&
        (startsItem(text) ||
          (line.bbox !== undefined &&
            indentOf(line.bbox, margins.get(line.pageIndex) ?? [], rightToLeft(text)) >= MIN_INDENT &&
            !/^\p{Ll}/u.test(text))));
    if (opens) groups.push([text]);
    else groups.at(-1)!.push(text);
    previous = text;
  }
  return groups.map(joinLines);
}
