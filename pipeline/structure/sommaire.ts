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
  /** An entry the file ends in before its page (a copy cut short), as read. */
  cut?: string;
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

/** An open parenthesis, a day and a word ending a line: the date a number after them begins is not closed. */
const OPEN_DATE = /\(\s*(?:1er|\d{1,2})\s+\p{L}+\.?\s*$/u;

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
  // `… (5 awit 20`: a Gregorian date cut after its month (or a month OCR misread), its year begun.
  if (OPEN_DATE.test(title)) return null;
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

/** Lines an entry of the sommaire may span. */
const ENTRY_LINES = 6;

/**
 * Whether the header at `index` is an entry of the sommaire: a line ending with a page closes it
 * before `until`, another header or {@link ENTRY_LINES} lines. A line read out of place (a
 * countersignature `وقعه بالعطف:` put before the last entries) may pass for the first body
 * line; the entries before it are still not texts.
 */
function isEntry(
  lines: readonly BodyLine[],
  index: number,
  until: number,
  boundaries: SommaireBoundaries,
): boolean {
  const anyPage = { ...boundaries, isPageNumber: () => true };
  for (let i = index; i < Math.min(until, index + ENTRY_LINES); i++) {
    if (i > index && boundaries.isHeaderStart(lines, i)) return false;
    // Any page: the running headers the page range comes from may be misread (`68` for `468`).
    const page = entryPage(lines[i]!.text, anyPage);
    if (page && !opensDate(page.page, lines[i + 1]?.text, boundaries)) return true;
  }
  return false;
}

/** Whether `n` ending a line is the day of a date the next line goes on with (`الصادر في 4` / `رمضان 1377`), not a page. */
function opensDate(n: number, next: string | undefined, boundaries: SommaireBoundaries): boolean {
  if (!next) return false;
  const date = boundaries.grammar.parseDate(`${n} ${next.trim().split(/\s+/).slice(0, 4).join(' ')}`);
  return date?.start === 0;
}

/** Entries, each a header ending with a page, that tell a sommaire whose title OCR lost. */
const UNTITLED_ENTRIES = 2;

/**
 * Where a sommaire whose title line OCR lost (`و د فهرس ؤدجع كنا`: the title run into specks)
 * starts, told by its shape: on the first page, before any line that can only be body, two
 * entries or more that read as text headers ending with a page. Its
 * entries would otherwise be read as texts without a body. The index returned stands for the
 * lost title (the line before the first entry's header); null when there is no such run.
 */
function untitledStart(lines: readonly BodyLine[], boundaries: SommaireBoundaries): number | null {
  const firstPage = lines[0]?.pageIndex;
  const found: { at: number; page: number; header: string }[] = [];
  let block = 0;
  for (let i = 0; i < lines.length && lines[i]!.pageIndex === firstPage; i++) {
    if (boundaries.isBodyEvidence(lines[i]!.text)) break;
    const page = entryPage(lines[i]!.text, boundaries);
    // `… Vu le dahir n° 1-11-82 du 14` / `rejeb 1432 (17 juin 2011)`: a day, not a page (copy 019).
    if (!page || opensDate(page.page, lines[i + 1]?.text, boundaries)) continue;
    const upTo = (from: number) => [...lines.slice(from, i).map((l) => l.text), page.title].join(' ');
    // The header's first line: the last one of the entry's lines from which it still reads as a header.
    let at = i;
    while (at >= block && !entryHeader(upTo(at), boundaries.grammar)) at--;
    if (at >= block) found.push({ at, page: page.page, header: lines[at]!.text });
    block = i + 1;
  }
  // Pages are not required in order: OCR misreads them too (`3040` listed after `3640`). But
  // they are pages of one issue, and entries name different texts: a consolidated copy's title
  // printed twice (its Hijri year read as a page, `8208`) beside its list of amending texts
  // (`… ص 70038`) is no sommaire.
  const near = found.filter((f) =>
    found.some((g) => g.header !== f.header && Math.abs(g.page - f.page) <= ISSUE_PAGE_SPAN),
  );
  return near.length >= UNTITLED_ENTRIES ? near[0]!.at - 1 : null;
}

/**
 * Where a sommaire whose title a copy ran into a line starts (`… le texte arabe ages Pages SOMMAIRE
 * Médicaments à usage humain.- … Décret n° 2-14-841 du …`: a cover OCR'd or flowed as one
 * paragraph): the first line of the first page holding the title as a word in capitals, the way
 * the title is printed, and never prose (which writes `le sommaire`). Its entries follow on that
 * line and the next. Null when there is none.
 */
function runInTitle(
  lines: readonly BodyLine[],
  boundaries: SommaireBoundaries,
): { index: number; rest: string } | null {
  const firstPage = lines[0]?.pageIndex;
  for (let i = 0; i < lines.length && lines[i]!.pageIndex === firstPage; i++) {
    const words = [...lines[i]!.text.matchAll(/\S+/g)].slice(1);
    const title = words.find(
      (w) => w[0].length >= 4 && /^\p{Lu}+$/u.test(w[0]) && boundaries.grammar.isSommaireStart(w[0]),
    );
    if (title) return { index: i, rest: lines[i]!.text.slice(title.index + title[0].length).trim() };
  }
  return null;
}

/**
 * Whether the lines from `from` (the page after the sommaire's, no line of a body anywhere after
 * it) are its last entry going on over the page and cut by the end of the file (`Fondation … /
 * Dahir n° 1-14-126 du 3 chaoual 1435 (31 juillet 2014) / portant promulgation … / loi n° 1- 93
 * -228 d u 22 ra bii I`): a few lines, one header among them, and a last line that ends no
 * sentence. A text whose title is whole, or that prints more than its title, is not so read.
 */
function endsInCutEntry(lines: readonly BodyLine[], from: number, boundaries: SommaireBoundaries): boolean {
  const rest = lines.length - from;
  if (rest > ENTRY_LINES + 1) return false;
  const headers = lines.map((_, i) => i).filter((i) => i >= from && boundaries.isHeaderStart(lines, i));
  const last = lines.at(-1)!.text.trim();
  return headers.length === 1 && !/[.;:!?»)]$/.test(last) && entryPage(last, boundaries) === null;
}

/** How many pages one issue spans at most: the pages its sommaire lists lie within it. */
const ISSUE_PAGE_SPAN = 1000;

/**
 * Finds the sommaire: it starts at a line reading `SOMMAIRE` (or where its shape shows it,
 * {@link untitledStart}) and ends before the first text
 * of the body, i.e. before the header that precedes the first line that can only be body
 * (an article heading, `Vu …`, `DÉCRÈTE :`…). Null when the issue has none.
 */
export function findSommaire(lines: readonly BodyLine[], boundaries: SommaireBoundaries): Sommaire | null {
  const titled = lines.findIndex((l) => boundaries.grammar.isSommaireStart(l.text));
  const runIn = titled >= 0 ? null : runInTitle(lines, boundaries);
  const start = titled >= 0 ? titled : (runIn?.index ?? untitledStart(lines, boundaries));
  if (start === null) return null;
  let end = lines.length;
  const evidence = lines.findIndex((l, i) => i > start && boundaries.isBodyEvidence(l.text));
  if (evidence >= 0) {
    end = evidence;
    for (let i = evidence; i > start; i--) {
      if (boundaries.isHeaderStart(lines, i) && !isEntry(lines, i, evidence, boundaries)) {
        end = i;
        break;
      }
    }
  } else {
    const page = lines[Math.max(start, 0)]!.pageIndex;
    end = lines.findIndex((l, i) => i > start && l.pageIndex !== page);
    if (end < 0 || endsInCutEntry(lines, end, boundaries)) end = lines.length;
  }
  const entries: SommaireEntry[] = [];
  let pending: string[] = [];
  // A run-in title's line goes on with the first entries.
  const listed = [...(runIn?.rest ? [runIn.rest] : []), ...lines.slice(start + 1, end).map((l) => l.text)];
  for (const line of listed) {
    pending.push(line);
    const page = entryPage(line, boundaries);
    if (!page) continue;
    pending[pending.length - 1] = page.title;
    const title = pending.join(' ').replace(/\s+/g, ' ').trim();
    pending = [];
    if (!title) continue;
    const header = entryHeader(title, boundaries.grammar);
    entries.push({ title, page: page.page, textId: header ? headerId(header) : null, header });
  }
  // The last entry read as a header but reached no page: the copy ends inside it (a cover cut
  // mid-date, `Décret n° 2-14-841 du 19 chaoual 1436 (5 awit 20`). Not a text: it is told.
  const last = pending.join(' ').replace(/\s+/g, ' ').trim();
  const cut = last && end === lines.length && entryHeader(last, boundaries.grammar) ? last : null;
  return { start, end, entries, ...(cut ? { cut } : {}) };
}
