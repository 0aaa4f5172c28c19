/**
 * The SOMMAIRE (table of contents) of an issue: recognised so its entries are not taken
 * for texts, and parsed (title … page) to cross-check where each text was found.
 */
import type { EditionGrammar } from './editions.js';
import type { BodyLine } from './lines.js';
import { headerId, type TextHeader } from './text-headers.js';

/** One entry of the sommaire: the text it lists and the page it gives. */
export interface SommaireEntry {
  /** The entry as printed, page number and dot leaders removed. */
  title: string;
  page: number;
  /** Id of the listed text, when its header could be read. */
  textId: string | null;
  header: TextHeader | null;
}

/** Where the sommaire lies in the body lines (end exclusive) and what it lists. */
export interface Sommaire {
  start: number;
  end: number;
  entries: SommaireEntry[];
}

/** Decides whether a body line starts a text, and whether it opens the body of one. */
export interface SommaireBoundaries {
  /** The edition's sommaire title, headers and dates. */
  grammar: Pick<EditionGrammar, 'isSommaireStart' | 'parseTextHeader' | 'parseDate'>;
  isHeaderStart(lines: readonly BodyLine[], index: number): boolean;
  isBodyEvidence(line: string): boolean;
  /** Whether a number can be a page of this issue: `… prévue à l'article 3` ends with no page. */
  isPageNumber(n: number): boolean;
}

const CITING_WORD = /(?:\barticles?|\bart\.|\balinéas?|n°|\bno)\s*$/iu;

/** A page number ending a line after dots or a space, or alone on its line (RTL OCR may split it off). */
const PAGE_AT_END = /(?:^|\s*(?:\.{2,}|…+|\s)\s*)(\d{1,5})\s*$/;

/** The page number ending an entry line; null when the line ends otherwise or with a date's year. */
function entryPage(line: string, boundaries: SommaireBoundaries): { page: number; title: string } | null {
  const { isPageNumber } = boundaries;
  const m = PAGE_AT_END.exec(line);
  if (!m || !isPageNumber(Number(m[1]))) return null;
  const title = line.slice(0, m.index).trim();
  // `… prévue à l'article 3`, `… n° 12`: a number a citation ends with, not a page.
  if (CITING_WORD.test(title)) return null;
  const tail = title.split(/\s+/).slice(-4).join(' ');
  const date = boundaries.grammar.parseDate(`${tail} ${m[1]}`);
  // `… 22 safar 1430` ends with a year, not a page.
  if (date && date.end >= tail.length + 1) return null;
  return { page: Number(m[1]), title };
}

/** Reads the header of a listed text, which may follow a subject line (`Sociétés. – Dahir n° …`). */
function entryHeader(text: string, grammar: SommaireBoundaries['grammar']): TextHeader | null {
  // Headers start at a capital (French) or at any word (Arabic has no case).
  for (const m of text.matchAll(/(?:^|\s)(?=\p{Lu}|\p{Script=Arabic})/gu)) {
    const header = grammar.parseTextHeader(text.slice(m.index).trim());
    if (header) return header;
  }
  return null;
}

/**
 * Finds the sommaire: it starts at a line reading `SOMMAIRE` and ends before the first text
 * of the body, i.e. before the header that precedes the first line that can only be body
 * (an article heading, `Vu …`, `DÉCRÈTE :`…). Null when the issue has none.
 */
export function findSommaire(lines: readonly BodyLine[], boundaries: SommaireBoundaries): Sommaire | null {
  const start = lines.findIndex((l) => boundaries.grammar.isSommaireStart(l.text));
  if (start < 0) return null;
  let end = lines.length;
  const evidence = lines.findIndex((l, i) => i > start && boundaries.isBodyEvidence(l.text));
  if (evidence >= 0) {
    end = evidence;
    for (let i = evidence; i > start; i--) {
      if (boundaries.isHeaderStart(lines, i)) {
        end = i;
        break;
      }
    }
  } else {
    const page = lines[start]!.pageIndex;
    end = lines.findIndex((l, i) => i > start && l.pageIndex !== page);
    if (end < 0) end = lines.length;
  }
  const entries: SommaireEntry[] = [];
  let pending: string[] = [];
  for (const line of lines.slice(start + 1, end)) {
    pending.push(line.text);
    const page = entryPage(line.text, boundaries);
    if (!page) continue;
    pending[pending.length - 1] = page.title;
    const title = pending.join(' ').replace(/\s+/g, ' ').trim();
    pending = [];
    if (!title) continue;
    const header = entryHeader(title, boundaries.grammar);
    entries.push({ title, page: page.page, textId: header ? headerId(header) : null, header });
  }
  return { start, end, entries };
}
