/**
 * The body lines of an issue as one stream, each keeping the page it was printed on: what
 * the text and article parsers walk through.
 */
import { isRunningHeader } from '../layout.js';
import type { BoundingBox, PageArtefact, TextLine } from '../model.js';
import { dropsFigures } from './fuzzy.js';
import { readPrintedPage, readRunningHeader } from './masthead.js';
import { readRunningHeaderAr } from './masthead-ar.js';
import {
  bodyPieces,
  type PageRunningHeader,
  stripRunningHeaders,
  withoutColumnRules,
} from './running-headers.js';

/** One body line with its provenance. */
export interface BodyLine {
  text: string;
  /** Printed page number (the page index in the file only when none could be settled, with a warning). */
  page: number;
  /** 1-based page index in the file. */
  pageIndex: number;
  bbox?: BoundingBox;
  confidence: number;
}

/** The printed page numbers of a file's pages, by page index, and what was repaired in them. */
export interface PrintedPages {
  /** Each page's number; a page whose number could not be settled is left out (and noted in `repairs`). */
  numbers: ReadonlyMap<number, number>;
  /** Whether the pages agreed on their numbering (then every page has its number, the first too). */
  agreed: boolean;
  /**
   * One note per page whose number was read otherwise, not at all, or could not be settled (its
   * index in the file then stands in for it), and per body line still carrying a piece of a header.
   */
  repairs: string[];
  /** What each page's running header or footer printed, by page index: the page's metadata. */
  headers: ReadonlyMap<number, PageRunningHeader>;
}

/** A page's readings of its printed number: layout's, its running header's (in pieces or merged too), a wrapped header's. */
function pageNumberReadings(page: PageArtefact, header: PageRunningHeader | null): number[] {
  if (page.printedPage !== undefined) return [page.printedPage];
  if (header?.pages.length) return header.pages;
  const read = readPrintedPage(page.header, page.lines[0]?.text);
  return read === null ? [] : [read];
}

/**
 * Printed page numbers of the pages of one issue, which run on one by one. Each page read
 * from layout or its running header votes for an offset from its index (a reading OCR left in
 * doubt, `38971`, splits its vote among its readings); when two pages or more agree on one and
 * no other offset has as many, every page takes it: OCR misreads a page number now and then
 * (`3567` read `35067`), and a first page prints none. With fewer votes (an issue of two or
 * three pages) the pages `listed` by the sommaire break the tie: the offset under which most of
 * them fall on a page of the file. Otherwise a single offset read is taken with a note, or each
 * page keeps its reading; a page with none keeps its index, with a note: never silently.
 */
export function printedPages(pages: readonly PageArtefact[], listed: readonly number[] = []): PrintedPages {
  const headers = new Map<number, PageRunningHeader>();
  const residues: string[] = [];
  const read = new Map<number, number[]>();
  for (const page of pages) {
    const stripped = stripRunningHeaders(onHeaderRow(page));
    if (stripped.header) headers.set(page.index, stripped.header);
    for (const residue of stripped.residues)
      residues.push(
        `page ${page.index}: a body line still carries a piece of a running header ("${residue.slice(0, 60)}")`,
      );
    read.set(page.index, pageNumberReadings(page, stripped.header));
  }
  const votes = new Map<number, number>();
  for (const [index, readings] of read)
    for (const number of readings)
      votes.set(number - index, (votes.get(number - index) ?? 0) + 1 / readings.length);
  const offset = agreedOffset(
    votes,
    new Map(pages.map((p) => [p.index, { readings: read.get(p.index)!, arabic: p.language === 'ara' }])),
    listed,
  );
  const repairs: string[] = [];
  if (offset === null) {
    const lone = loneOffset(votes);
    const numbers = new Map<number, number>();
    for (const page of pages) {
      const readings = read.get(page.index)!;
      const number = lone !== null ? page.index + lone : readings.length === 1 ? readings[0]! : null;
      if (number === null)
        repairs.push(
          `page ${page.index}: no printed page number read or settled from its neighbours: its index in the file stands in for it`,
        );
      else if (lone !== null && readings[0] !== number)
        repairs.push(
          `page ${page.index}: printed page taken as ${number} from the one page whose number was read`,
        );
      if (number !== null) numbers.set(page.index, number);
    }
    return { numbers, agreed: false, repairs: [...repairs, ...residues], headers };
  }
  const numbers = new Map<number, number>();
  for (const page of pages) {
    const number = page.index + offset;
    const was = read.get(page.index)![0];
    if (was !== undefined && was !== number)
      repairs.push(
        `page ${page.index}: printed page read as ${was}, taken as ${number} from the pages around it${listed.length ? ' and the sommaire' : ''}`,
      );
    numbers.set(page.index, number);
  }
  return { numbers, agreed: true, repairs: [...repairs, ...residues], headers };
}

/** The offset of the only page read without doubt, when no other reading contradicts it. */
function loneOffset(votes: ReadonlyMap<number, number>): number | null {
  const offsets = [...votes];
  return offsets.length === 1 && offsets[0]![1] === 1 ? offsets[0]![0] : null;
}

/**
 * The offset of {@link printedPages}, or null when neither the pages nor the sommaire settle one.
 * Offsets tied on votes are told apart first by the Arabic pages' readings: OCR of Arabic pages
 * drops the leading figures of numbers (`391` for `3971`) and hardly adds any, so a reading that
 * is the number an offset gives with figures dropped half-fits that offset; then by the sommaire.
 */
function agreedOffset(
  votes: ReadonlyMap<number, number>,
  read: ReadonlyMap<number, { readings: readonly number[]; arabic: boolean }>,
  listed: readonly number[],
): number | null {
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const [best, next] = ranked;
  if (!best) return null;
  if (best[1] >= 2 && (!next || next[1] < best[1])) return best[0];
  const tied = ranked.filter(([, count]) => count === best[1]).map(([offset]) => offset);
  const unique = (scores: readonly number[]) => {
    const most = Math.max(...scores);
    return most > 0 && scores.indexOf(most) === scores.lastIndexOf(most) ? tied[scores.indexOf(most)]! : null;
  };
  const fit = tied.map((offset) => {
    let score = 0;
    for (const [index, { readings, arabic }] of read) {
      const expected = String(index + offset);
      if (readings.some((r) => String(r) === expected)) score += 1;
      else if (arabic && readings.some((r) => dropsFigures(String(r), expected))) score += 0.5;
    }
    return score;
  });
  return (
    (tied.length > 1 ? unique(fit) : null) ??
    unique(tied.map((offset) => listed.filter((page) => read.has(page - offset)).length))
  );
}

/** Words a line of the header band needs to be taken for body text: a running header's pieces have fewer. */
const MIN_BODY_WORDS = 6;

/**
 * The page with the body lines layout took into its header band given back: lines of the band
 * on another row than the running header's that read as no piece of one go first in the body,
 * in reading order. Layout takes a band of one and a half lines around the header, and a scan's
 * line boxes, taller than its line pitch, reach into it from the lines above and below (a
 * reprint whose top line cites `Bulletin officiel no 2404 bis du 27/11/1958` took the dahir's
 * header above it into the band, and lost it).
 */
function onHeaderRow(page: PageArtefact): PageArtefact {
  const title = page.header.find((l) => isRunningHeader(l.text) && /\d/.test(l.text));
  if (!title) return page;
  const onRow = (l: TextLine) => {
    const middle = l.bbox.y + l.bbox.h / 2;
    return middle >= title.bbox.y && middle <= title.bbox.y + title.bbox.h;
  };
  // A running header OCR split or wrapped over two rows keeps its pieces (`10 chaabane 1423 (17-10-2002)`).
  const header = (l: TextLine) =>
    (l.text.match(/\p{L}{2,}/gu)?.length ?? 0) < MIN_BODY_WORDS ||
    isRunningHeader(l.text) ||
    readRunningHeader(l.text) !== null ||
    readRunningHeaderAr(l.text) !== null;
  const off = page.header.filter((l) => !onRow(l) && !header(l));
  if (off.length === 0) return page;
  return {
    ...page,
    header: page.header.filter((l) => !off.includes(l)),
    lines: [...off.sort((a, b) => a.bbox.y - b.bbox.y), ...page.lines],
  };
}

/**
 * Flattens pages into body lines in reading order; blank lines, running headers and footers
 * (whole, in pieces or merged into a body line: {@link stripRunningHeaders}) and page numbers
 * that layout left in the body are dropped. `numbers`: each page's printed number
 * ({@link printedPages}).
 */
export function bodyLines(
  pages: readonly PageArtefact[],
  numbers: ReadonlyMap<number, number> = printedPages(pages).numbers,
): BodyLine[] {
  const out: BodyLine[] = [];
  for (const page of pages) {
    const printed = numbers.get(page.index) ?? page.index;
    const push = (text: string, line: TextLine) =>
      out.push({ text, page: printed, pageIndex: page.index, bbox: line.bbox, confidence: line.confidence });
    const banded = onHeaderRow(page);
    const { headerBody, lines } = stripRunningHeaders(banded);
    for (const line of headerBody) push(line.text, line);
    lines.forEach((line, i) => {
      const text = withoutColumnRules(line.text.replace(/\s+/g, ' ')).trim();
      // A number alone is a page number at the top or bottom of a page, but in a sommaire
      // it is the page of the entry above (right-to-left OCR sets it on its own line).
      const edge = i === 0 || i === lines.length - 1;
      const merged = i === 0 ? bodyPieces(readRunningHeader(text)?.body ?? '') : [];
      if (merged.length) {
        for (const part of merged) push(part, line);
        return;
      }
      if (!text || (readPrintedPage([line]) !== null && (edge || !/^\d+$/.test(text)))) return;
      // A running header wrapped over two lines: its first line printing no page, and its end.
      const previous = i === 0 ? banded.header.at(-1)?.text : lines[i - 1]!.text;
      if (i <= 1 && previous !== undefined && readRunningHeader(previous, text)?.wrapped) return;
      if (i === 0 && readRunningHeader(text, lines[1]?.text)?.wrapped) return;
      push(text, line);
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
