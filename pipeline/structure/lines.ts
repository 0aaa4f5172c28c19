/**
 * The body lines of an issue as one stream, each keeping the page it was printed on: what
 * the text and article parsers walk through.
 */
import type { BoundingBox, PageArtefact } from '../model.js';
import { readPrintedPage } from './masthead.js';

/** One body line with its provenance. */
export interface BodyLine {
  text: string;
  /** Printed page number (falls back to the page index in the file). */
  page: number;
  /** 1-based page index in the file. */
  pageIndex: number;
  bbox?: BoundingBox;
  confidence: number;
}

/** The printed page numbers of a file's pages, by page index, and what was repaired in them. */
export interface PrintedPages {
  numbers: ReadonlyMap<number, number>;
  /** Whether the pages agreed on their numbering (then every page has its number, the first too). */
  agreed: boolean;
  /** One note per page whose number was read otherwise or not at all. */
  repairs: string[];
}

/**
 * Printed page numbers of the pages of one issue, which run on one by one. Each page read
 * from layout or its running header votes for an offset from its index; when two pages or
 * more agree on one and no other offset has as many, every page takes it: OCR misreads a
 * page number now and then (`3567` read `35067`), and a first page prints none. With fewer
 * votes (an issue of two or three pages) the pages `listed` by the sommaire break the tie:
 * the offset under which most of them fall on a page of the file. Otherwise each page keeps
 * its reading, or its index when none.
 */
export function printedPages(pages: readonly PageArtefact[], listed: readonly number[] = []): PrintedPages {
  const read = new Map(pages.map((p) => [p.index, p.printedPage ?? readPrintedPage(p.header)]));
  const votes = new Map<number, number>();
  for (const [index, number] of read)
    if (number !== null) votes.set(number - index, (votes.get(number - index) ?? 0) + 1);
  const offset = agreedOffset(votes, new Set(read.keys()), listed);
  const repairs: string[] = [];
  if (offset === null) {
    return {
      numbers: new Map(pages.map((p) => [p.index, read.get(p.index) ?? p.index])),
      agreed: false,
      repairs,
    };
  }
  const numbers = new Map<number, number>();
  for (const page of pages) {
    const number = page.index + offset;
    const was = read.get(page.index);
    if (was !== null && was !== number)
      repairs.push(
        `page ${page.index}: printed page read as ${was}, taken as ${number} from the pages around it${listed.length ? ' and the sommaire' : ''}`,
      );
    numbers.set(page.index, number);
  }
  return { numbers, agreed: true, repairs };
}

/** The offset of {@link printedPages}, or null when neither the pages nor the sommaire settle one. */
function agreedOffset(
  votes: ReadonlyMap<number, number>,
  indexes: ReadonlySet<number>,
  listed: readonly number[],
): number | null {
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const [best, next] = ranked;
  if (!best) return null;
  if (best[1] >= 2 && (!next || next[1] < best[1])) return best[0];
  const tied = ranked.filter(([, count]) => count === best[1]).map(([offset]) => offset);
  const support = tied.map((offset) => listed.filter((page) => indexes.has(page - offset)).length);
  const most = Math.max(...support);
  return most > 0 && support.indexOf(most) === support.lastIndexOf(most)
    ? tied[support.indexOf(most)]!
    : null;
}

/**
 * Flattens pages into body lines in reading order; blank lines, running headers and page
 * numbers that layout left in the body are dropped. `numbers`: each page's printed number
 * ({@link printedPages}).
 */
export function bodyLines(
  pages: readonly PageArtefact[],
  numbers: ReadonlyMap<number, number> = printedPages(pages).numbers,
): BodyLine[] {
  const out: BodyLine[] = [];
  for (const page of pages) {
    const printed = numbers.get(page.index) ?? page.index;
    page.lines.forEach((line, i) => {
      const text = line.text.replace(/\s+/g, ' ').trim();
      // A number alone is a page number at the top or bottom of a page, but in a sommaire
      // it is the page of the entry above (right-to-left OCR sets it on its own line).
      const edge = i === 0 || i === page.lines.length - 1;
      if (!text || (readPrintedPage([line]) !== null && (edge || !/^\d+$/.test(text)))) return;
      out.push({ text, page: printed, pageIndex: page.index, bbox: line.bbox, confidence: line.confidence });
    });
  }
  return out;
}

/**
 * Joins lines with single spaces, re-joining words hyphenated at a line end
 * (`réglemen-` + `tation` → `réglementation`) but keeping hyphens of compound words that
 * happen to end a line before a capital (`Chef-` + `Lieu` stays `Chef-Lieu`).
 */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out += ` ${line}`;
  }
  return out;
}
