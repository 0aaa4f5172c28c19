/**
 * The issue's identity from its pages: the masthead of the first page
 * (`Cent-troisième année – N° 6280 10 chaoual 1435 (7 août 2014)`) and the running header
 * of every page (`BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689`). The pages
 * win over the file-name guess; an issue with no readable number anywhere is kept unidentified.
 */

import { seriesContradiction } from '../bulletin-series.js';
import {
  daysBetween,
  GREGORIAN_MONTHS_AR,
  GREGORIAN_MONTHS_FR,
  HIJRI_MONTHS_AR,
  HIJRI_MONTHS_FR,
  SIGHTING_TOLERANCE_DAYS,
} from '../calendars.js';
import { type ParsedDate, parseFrenchDate } from '../dates.js';
import { UnreadableMastheadError } from '../errors.js';
import { isUnidentified, SUFFIXES, unidentifiedBulletin } from '../ids.js';
import type { BulletinKey, Confidence, Edition, IntakeRecord, PageArtefact, TextLine } from '../model.js';
import { matchPhrase, matchWord, readDigits } from './fuzzy.js';
import { readFirstPageMastheadAr, readRunningHeaderAr } from './masthead-ar.js';

/** What a running header says. */
export interface RunningHeader {
  number: string;
  suffix?: string;
  date: ParsedDate | null;
  /** Printed page number, before or after the header text. */
  page: number | null;
  /** Whether the header runs on to the next line (its date and page are there). */
  wrapped?: true;
  /** Body text a layout merged into the header's line, after its date (`… (17-6-2011) TEXTES GENERAUX Dahir …`). */
  body?: string;
}

/** What the masthead and running headers say about the issue. */
export interface Masthead extends BulletinKey {
  /** Gregorian ISO date of the issue. */
  date: string | null;
  hijriDate: string | null;
  confidence: Confidence;
  warnings: string[];
}

/**
 * The number sign as printed and as OCR reads it: `N°`, `n°`, `nº`, `No`, `N®`, `N"`, `n° :`,
 * a bare `N`, and `n2`, `Ne` (`nº`, `N°` misread: only before a space, `n25` being no sign).
 */
const NUMBER_SIGN = `[Nn](?:[°oO0º®"*'.]{1,2}|[2e](?=\\s))?\\s*:?`;
const ISSUE_NUMBER = new RegExp(
  `^${NUMBER_SIGN}\\s*([\\dOolI]{1,5})(?![-.\\d]\\d)(?:\\s*[-–]?\\s*([a-z]+))?`,
);

/** `N° 6280 bis` at the start of `s`: the number (digits repaired) and suffix. */
function readIssueNumber(
  s: string,
): { number: string; suffix?: string; length: number; confidence: number } | null {
  const m = ISSUE_NUMBER.exec(s);
  if (!m) return null;
  const read = readDigits(m[1]!);
  if (!read || read.confidence < 0.8 || Number(read.digits) === 0) return null;
  const suffix =
    m[2] && (SUFFIXES as readonly string[]).includes(m[2].toLowerCase()) ? m[2].toLowerCase() : undefined;
  const length = suffix ? m[0].length : m[0].length - (m[2]?.length ?? 0);
  return {
    number: String(Number(read.digits)),
    ...(suffix ? { suffix } : {}),
    length,
    confidence: read.confidence,
  };
}

/**
 * Reads a running header line; null when the line is not one. A header wrapped over two
 * lines (`BULLETIN OFFICIEL N° 5670 – 2` / `chaoual 1429 (2-10-2008) 689`) is read whole when
 * `next` is the line after it; `wrapped` then says the next line was its end. The header of
 * the Ministry of Justice's copies reads too: `Bulletin officiel n° 3220 du 17/07/1974 - Page : 1083`.
 */
export function readRunningHeader(text: string, next?: string): RunningHeader | null {
  const lead = /^\s*(\d{1,5})\s+/.exec(text);
  let rest = lead ? text.slice(lead[0].length) : text.trimStart();
  const title = matchPhrase(rest, 'bulletin officiel');
  if (!title) return null;
  rest = rest.slice(title.length).replace(/^[\s,.–—-]+/, '');
  // After the title, a capital or a mark alone before the figures is the number sign (`W 5952`
  // for `N° 5952`); a word is not (`Bulletin officiel du 5 mars`).
  if (!ISSUE_NUMBER.test(rest)) rest = rest.replace(/^(?:\p{Lu}|[^\p{L}\s\d]{1,2})\s+(?=\d)/u, 'N° ');
  const issue = readIssueNumber(rest);
  if (!issue) return null;
  rest = rest.slice(issue.length);
  // The dash after the number may be glued to the day (`5952 bis-14 rejeb`): blanked for the date, positions kept.
  const readDate = (s: string) =>
    parseFrenchDate(s.replace(/^[\s–—-]+/, (dashes) => ' '.repeat(dashes.length)));
  let date = readDate(rest);
  const joined = !date && next !== undefined ? `${rest} ${next.trim()}` : null;
  const whole = joined === null ? null : readDate(joined);
  // The date must start on the header's own line: the next line alone is no part of it.
  const wrapped = whole !== null && whole.start < rest.length;
  if (wrapped) [rest, date] = [joined!, whole];
  // Words after the date (and its page number) are the body's: a header never runs on in words.
  const body = date && !wrapped ? rest.slice(date.end).replace(/^[\s)]*\d{0,5}\s*/, '') : '';
  const merged = /\p{L}{2,}.*\s.*\p{L}{2,}/u.test(body);
  return {
    number: issue.number,
    ...(issue.suffix ? { suffix: issue.suffix } : {}),
    date,
    page: headerPage(lead, merged ? rest.slice(0, date!.end) : rest, date),
    ...(wrapped ? { wrapped } : {}),
    ...(merged ? { body } : {}),
  };
}

/** Years a running header may print after its date: never page numbers. */
const PRINTED_YEARS = { min: 1300, max: 2100 };

/**
 * The page number of a running header: before its title (`689 BULLETIN …`, `lead`) or at
 * the end of what follows the issue number (`rest`), after the date: a year is never a page
 * number (the date's own, or a four-digit figure after a date OCR left unreadable).
 */
export function headerPage(
  lead: RegExpExecArray | null,
  rest: string,
  date: ParsedDate | null,
): number | null {
  if (lead) return Number(lead[1]);
  const trail = /(?:^|\s)(\d{1,5})\s*$/.exec(rest);
  if (!trail) return null;
  const n = Number(trail[1]);
  if (date) return trail.index >= date.end - 1 ? n : null;
  // `N° 5670 – 2` and no date: the day of a date wrapped to the next line, not a page.
  if (/^\s*[–—-]\s*\d{1,2}\s*$/.test(rest)) return null;
  // No date read: a figure right after a month name, a parenthesis or a day and month is its year.
  const before = rest.slice(0, trail.index).trimEnd();
  const yearLike = trail[1]!.length === 4 && n >= PRINTED_YEARS.min && n <= PRINTED_YEARS.max;
  const lastWord = /(\p{L}+)$/u.exec(before)?.[1];
  const afterMonth = lastWord !== undefined && MONTH_WORDS.some((month) => matchWord(lastWord, month) > 0);
  // A day and a word before it: a month name OCR damaged past reading (`15 jnvr 1996`).
  const dated = afterMonth || /(?:[(/.-]|\d[-/.]\d{1,2}[-/.]?|(?:^|\s)\d{1,2}\s+\p{L}+)$/u.test(before);
  return yearLike && dated ? null : n;
}

/** Words of three letters or more that name a month in either calendar and edition (`janvier`, `joumada`, `شوال`…). */
const MONTH_WORDS = [
  ...new Set(
    [...GREGORIAN_MONTHS_FR, ...GREGORIAN_MONTHS_AR, ...HIJRI_MONTHS_FR, ...HIJRI_MONTHS_AR]
      .flat()
      .flatMap((spelling) => spelling.split(' '))
      .filter((word) => word.length > 2),
  ),
];

/**
 * Printed page number from a page's running header lines (or a line holding only a number);
 * `next`: the line after them (the first body line), where a wrapped header may end.
 */
export function readPrintedPage(header: readonly Pick<TextLine, 'text'>[], next?: string): number | null {
  for (const [i, line] of header.entries()) {
    const after = header[i + 1]?.text ?? next;
    const running = readRunningHeader(line.text, after) ?? readRunningHeaderAr(line.text);
    if (running?.page) return running.page;
    const bare = /^\s*[-–]?\s*(\d{1,5})\s*[-–]?\s*$/.exec(line.text);
    if (bare && header.length === 1) return Number(bare[1]);
  }
  return null;
}

/** What the first page's masthead says. */
export interface FirstPageMasthead {
  number: string;
  suffix?: string;
  date: ParsedDate | null;
  confidence: number;
}

/** The first-page masthead: `… année – N° 6280 10 chaoual 1435 (7 août 2014)`, possibly over two lines. */
function readFirstPageMasthead(page: PageArtefact): FirstPageMasthead | null {
  const lines = [...page.header, ...page.lines.slice(0, 40)].map((l) => l.text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (readRunningHeader(line)) continue;
    for (const m of line.matchAll(new RegExp(`(?:^|[\\s–—-])(${NUMBER_SIGN}\\s*[\\dOolI])`, 'g'))) {
      const at = m.index + m[0].length - m[1]!.length;
      const issue = readIssueNumber(line.slice(at));
      if (!issue) continue;
      const before = line.slice(0, at);
      const words = before.split(/[\s–—-]+/);
      const nearYear = words.some((w) => matchWord(w, 'année') > 0);
      const after = `${line.slice(at + issue.length)} ${lines[i + 1] ?? ''}`;
      const date = parseFrenchDate(after);
      // The date right after the number, however many spaces a layout set between them.
      if (nearYear || (date && /^[\s,.–—-]*$/.test(after.slice(0, date.start)))) {
        return {
          number: issue.number,
          ...(issue.suffix ? { suffix: issue.suffix } : {}),
          date,
          confidence: issue.confidence,
        };
      }
    }
  }
  return null;
}

/** Spanish month names of the bilingual mastheads of the northern zone's issues (1956–1965). */
const SPANISH_MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const SPANISH_DATE = new RegExp(
  `(\\d{1,2})\\s+de\\s+(${SPANISH_MONTHS.join('|')}|setiembre)\\s+de\\s+(\\d{4})`,
  'i',
);

/** `13 de enero de 1965`: the Spanish date of a bilingual masthead, which OCR often reads better. */
function readSpanishDate(text: string): ParsedDate | null {
  const m = SPANISH_DATE.exec(text);
  if (!m) return null;
  const month = m[2]!.toLowerCase() === 'setiembre' ? 9 : SPANISH_MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const iso = `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString().slice(0, 10) !== iso) return null;
  return {
    hijri: null,
    hijriText: null,
    gregorian: iso,
    start: m.index,
    end: m.index + m[0].length,
    confidence: 0.8,
    notes: ['read from the Spanish date of the bilingual masthead'],
  };
}

/**
 * The date of a first-page masthead whose number or date OCR lost (`N joumada H 1436 (16 avril
 * 2015)`): on a line that names the year of publication or opens with the number sign; else the
 * Spanish date of a bilingual masthead.
 */
function readFirstPageDate(page: PageArtefact): ParsedDate | null {
  const top = [...page.header, ...page.lines.slice(0, 15)].map((l) => l.text);
  for (const text of top) {
    if (readRunningHeader(text)) continue;
    const masthead = /^\s*[Nn]\W/.test(text) || text.split(/[\s–—-]+/).some((w) => matchWord(w, 'année') > 0);
    const date = masthead ? parseFrenchDate(text) : null;
    if (date) return date;
  }
  for (const text of top) {
    const date = readSpanishDate(text);
    if (date) return date;
  }
  return null;
}

/**
 * A copy's note of the issue it comes from, where no masthead or running header is:
 * `Bulletin officiel n° 2404 bis du 27/11/1958` after the title, `( Bulletin Officiel n° 5358 du
 * 2 ramadan 1426 ( 6 octobre 2005 ), p. 667 )` on a reprint's cover. Only at the start of a line,
 * after a parenthesis or a sentence: `publié au Bulletin officiel n° …` cites another issue.
 */
function readPublicationNote(page: PageArtefact): RunningHeader | null {
  for (const { text } of [...page.header, ...page.lines.slice(0, 15)]) {
    for (const m of text.matchAll(/(?:^|[(]|[.!]\s)\s*(?=bulletin\s+officiel\s)/gi)) {
      const note = readRunningHeader(text.slice(m.index + m[0].length));
      if (note) return note;
    }
  }
  return null;
}

/** How each edition's masthead and running headers are read. */
interface MastheadReader {
  readRunningHeader(text: string, next?: string): RunningHeader | null;
  readFirstPage(page: PageArtefact): FirstPageMasthead | null;
  /** The masthead's date when its number or date was not read. */
  readFirstPageDate(page: PageArtefact): ParsedDate | null;
  /** A copy's note of its issue, when it has no masthead or running header. */
  readPublicationNote(page: PageArtefact): RunningHeader | null;
}

const READERS: Record<Edition, MastheadReader> = {
  fr: { readRunningHeader, readFirstPage: readFirstPageMasthead, readFirstPageDate, readPublicationNote },
  ar: {
    readRunningHeader: readRunningHeaderAr,
    readFirstPage: readFirstPageMastheadAr,
    readFirstPageDate: () => null,
    readPublicationNote: () => null,
  },
};

/**
 * The edition the pages are printed in, by their script: Arabic letters against Latin ones
 * on the first pages; the OCR language of the pages when they hold no letters.
 */
export function detectEdition(pages: readonly PageArtefact[]): Edition {
  let arabic = 0;
  let latin = 0;
  for (const page of pages.slice(0, 3)) {
    for (const line of [...page.header, ...page.lines.slice(0, 60)]) {
      arabic += line.text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
      latin += line.text.match(/\p{Script=Latin}/gu)?.length ?? 0;
    }
  }
  if (arabic === latin) {
    const ara = pages.filter((p) => p.language === 'ara').length;
    return ara * 2 > pages.length ? 'ar' : 'fr';
  }
  return arabic > latin ? 'ar' : 'fr';
}

/** Weight of the file name's number when a page reads it too (the masthead weighs 3, a running header 1). */
const FILE_NAME_WEIGHT = 3;

/**
 * Reads the issue's identity: the edition from the script of the pages, number and suffix
 * voted from the masthead (weight 3) and the running headers (1 each), date from the
 * masthead or the headers. The file name's number adds {@link FILE_NAME_WEIGHT} to the page
 * reading it agrees with, if any: the pages win over the file-name guess, with a warning
 * when they differ.
 *
 * With no number on the pages nor in a BO-shaped file name, the issue is unidentified
 * ({@link unidentifiedBulletin}), with a warning: its texts are kept all the same.
 *
 * @throws UnreadableMastheadError when the file has no pages.
 */
export function readMasthead(pages: readonly PageArtefact[], record: IntakeRecord): Masthead {
  const warnings: string[] = [];
  if (pages.length === 0) throw new UnreadableMastheadError(record.fileName, 'the file has no pages');
  const edition = detectEdition(pages);
  const reader = READERS[edition];
  if (record.guess.edition && record.guess.edition !== edition) {
    warnings.push(
      `file name says edition ${record.guess.edition}, the pages are the ${edition === 'ar' ? 'Arabic' : 'French'} edition`,
    );
  }
  const votes = new Map<string, { number: string; suffix?: string; weight: number }>();
  const vote = (number: string, suffix: string | undefined, weight: number): void => {
    const key = `${number}-${suffix ?? ''}`;
    const v = votes.get(key) ?? { number, ...(suffix ? { suffix } : {}), weight: 0 };
    v.weight += weight;
    votes.set(key, v);
  };
  const masthead = pages[0] ? reader.readFirstPage(pages[0]) : null;
  if (masthead) vote(masthead.number, masthead.suffix, 3);
  const headerDates: ParsedDate[] = [];
  for (const page of pages) {
    // The running header is in the header band or, when layout missed it, in the first body lines.
    const top = [...page.header, ...page.lines.slice(0, 3)];
    for (const [i, line] of top.slice(0, page.header.length + 2).entries()) {
      const running = reader.readRunningHeader(line.text, top[i + 1]?.text);
      if (!running) continue;
      vote(running.number, running.suffix, 1);
      if (running.date) headerDates.push(running.date);
      break;
    }
  }
  const note = votes.size === 0 && pages[0] ? reader.readPublicationNote(pages[0]) : null;
  if (note) {
    vote(note.number, note.suffix, 1);
    if (note.date) headerDates.push(note.date);
    warnings.push(
      `no masthead or running header: n° ${note.number}${note.suffix ? ` ${note.suffix}` : ''} taken from the copy's note of its issue`,
    );
  }
  // The file name never brings a number of its own, but backs the page reading it agrees with:
  // OCR that adds a digit to the masthead (`53588`) is outvoted by the running headers with it.
  const named = record.guess.number && votes.get(`${record.guess.number}-${record.guess.suffix ?? ''}`);
  if (named) named.weight += FILE_NAME_WEIGHT;
  const ranked = [...votes.values()].sort((a, b) => b.weight - a.weight);
  let key: BulletinKey;
  let confidence = masthead?.confidence ?? 0.8;
  if (ranked[0]) {
    const best = ranked[0];
    key = { edition, number: best.number, ...(best.suffix ? { suffix: best.suffix } : {}) };
    if (ranked.length > 1) {
      warnings.push(
        `issue number read as ${ranked.map((r) => `${r.number}${r.suffix ? ` ${r.suffix}` : ''}`).join(', ')}`,
      );
      confidence = Math.min(confidence, best.weight / ranked.reduce((s, r) => s + r.weight, 0));
    }
    const guess = record.guess;
    if (guess.number && (guess.number !== key.number || (guess.suffix ?? '') !== (key.suffix ?? ''))) {
      warnings.push(
        `file name says n° ${guess.number}${guess.suffix ? ` ${guess.suffix}` : ''}, the pages say n° ${key.number}${key.suffix ? ` ${key.suffix}` : ''}`,
      );
    }
  } else if (record.guess.number) {
    key = {
      edition,
      number: record.guess.number,
      ...(record.guess.suffix ? { suffix: record.guess.suffix } : {}),
    };
    warnings.push(
      `no issue number readable on the pages: n° ${record.guess.number} taken from the file name`,
    );
    confidence = 0.5;
  } else {
    key = unidentifiedBulletin(edition, record.sha256);
    warnings.push(
      'no issue number on the masthead, the running headers or a BO-shaped file name: kept as an unidentified issue, for an archivist to identify',
    );
    confidence = 0.3;
  }
  const mastheadDate = masthead?.date ?? (pages[0] ? reader.readFirstPageDate(pages[0]) : null);
  const date = issueDate(mastheadDate, headerDates, warnings);
  const contradiction = isUnidentified(key) ? null : seriesContradiction(key.number, date?.gregorian ?? null);
  if (contradiction) {
    warnings.push(contradiction);
    confidence = Math.min(confidence, 0.5);
  }
  return {
    ...key,
    date: date?.gregorian ?? null,
    hijriDate: date?.hijriText ?? null,
    confidence,
    warnings,
  };
}

/**
 * The issue's date: the masthead's, unless its two calendars disagree and the running headers
 * settle it (their most common date, when it is one of the masthead's readings); else the
 * headers' most common. What was repaired or left for an archivist goes to `warnings`.
 */
function issueDate(
  masthead: ParsedDate | null,
  headers: readonly ParsedDate[],
  warnings: string[],
): ParsedDate | null {
  const fromHeaders = mostCommonDate(headers.filter((d) => !d.conflict)) ?? mostCommonDate(headers);
  const date = masthead ?? fromHeaders;
  if (masthead?.conflict && fromHeaders?.gregorian && !fromHeaders.conflict) {
    const { fromHijri, printed } = masthead.conflict;
    const settles =
      (printed !== null && fromHeaders.gregorian.startsWith(printed.replace(/^\?+-/, ''))) ||
      (fromHijri !== null &&
        Math.abs(daysBetween(fromHijri, fromHeaders.gregorian)) <= SIGHTING_TOLERANCE_DAYS);
    if (settles) {
      warnings.push(
        `issue date: the masthead's Hijri and Gregorian dates disagree (${fromHijri ?? '?'} / ${printed ?? '?'}); the running headers settle it: ${fromHeaders.gregorian}`,
      );
      return fromHeaders;
    }
  }
  if (!date) warnings.push('issue date not found on the masthead or running headers');
  else
    warnings.push(...date.notes.filter((n) => !n.startsWith('no Gregorian')).map((n) => `issue date: ${n}`));
  return date;
}

function mostCommonDate(dates: readonly ParsedDate[]): ParsedDate | null {
  const counts = new Map<string, { date: ParsedDate; n: number }>();
  for (const d of dates) {
    const key = `${d.gregorian}|${d.hijriText}`;
    const c = counts.get(key) ?? { date: d, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.date ?? null;
}
