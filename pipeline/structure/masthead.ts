/**
 * The issue's identity from its pages: the masthead of the first page
 * (`Cent-troisième année – N° 6280 10 chaoual 1435 (7 août 2014)`) and the running header
 * of every page (`BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689`). The pages
 * win over the file-name guess; an issue with no readable number anywhere is kept unidentified.
 */

import { isBeyondSeries, seriesContradiction, seriesDate, seriesRepair } from '../bulletin-series.js';
import {
  daysBetween,
  GREGORIAN_MONTHS_AR,
  GREGORIAN_MONTHS_EN,
  GREGORIAN_MONTHS_FR,
  HIJRI_MONTHS_AR,
  HIJRI_MONTHS_FR,
  SIGHTING_TOLERANCE_DAYS,
} from '../calendars.js';
import { type ParsedDate, parseFrenchDate, parseFrenchDateInYear } from '../dates.js';
import { UnreadableMastheadError } from '../errors.js';
import { isUnidentified, SUFFIXES, unidentifiedBulletin } from '../ids.js';
import type { BulletinKey, Confidence, Edition, IntakeRecord, PageArtefact, TextLine } from '../model.js';
import { dropsFigures, matchPhrase, matchWord, readDigits } from './fuzzy.js';
import { readFirstPageMastheadAr, readPublicationNoteAr, readRunningHeaderAr } from './masthead-ar.js';
import { readPublicationYear } from './publication-year.js';

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
  `^${NUMBER_SIGN}\\s*([\\dOolIa]{1,5})(?![-.\\d]\\d)(?:\\s*[-–]?\\s*([a-z]+))?`,
);

/** `N° 6280 bis` at the start of `s`: the number (digits repaired) and suffix. */
function readIssueNumber(
  s: string,
): { number: string; suffix?: string; length: number; confidence: number } | null {
  const m = ISSUE_NUMBER.exec(s);
  if (!m) return null;
  // Old scans print a 2 OCR reads `a` (`Ne a7a4` for 2724): among figures only.
  const twos = (m[1]!.match(/\d/g)?.length ?? 0) >= 2 ? m[1]!.replace(/a/g, '2') : m[1]!;
  const read = readDigits(twos);
  if (!read || read.confidence < 0.8 || Number(read.digits) === 0) return null;
  const suffix =
    m[2] && (SUFFIXES as readonly string[]).includes(m[2].toLowerCase()) ? m[2].toLowerCase() : undefined;
  const length = suffix ? m[0].length : m[0].length - (m[2]?.length ?? 0);
  return {
    number: String(Number(read.digits)),
    ...(suffix ? { suffix } : {}),
    length,
    confidence: twos === m[1] ? read.confidence : Math.min(read.confidence, 0.8),
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
  // The title OCR damaged past reading but for its first word (`BULLETIN O1 964 bis`): the
  // figures right after it are the number.
  const damaged = title ? null : DAMAGED_TITLE.exec(rest);
  if (title) rest = rest.slice(title.length).replace(/^[\s,.–—-]+/, '');
  else if (damaged) rest = `N° ${rest.slice(damaged[0].length)}`;
  else if (!UNTITLED_HEADER.test(rest)) return null;
  // After the title, a capital or a mark alone before the figures is the number sign (`W 5952`
  // for `N° 5952`); a word is not (`Bulletin officiel du 5 mars`).
  if (!ISSUE_NUMBER.test(rest)) rest = rest.replace(/^(?:\p{Lu}|[^\p{L}\s\d]{1,2})\s+(?=\d)/u, 'N° ');
  const issue = readIssueNumber(rest);
  if (!issue) return null;
  rest = rest.slice(issue.length);
  // The dash after the number may be glued to the day (`5952 bis-14 rejeb`): blanked for the date,
  // positions kept. The header's date follows its number: a date further on is the body's.
  const readDate = (s: string) => {
    const date = parseFrenchDate(s.replace(/^[\s–—~-]+/, (dashes) => ' '.repeat(dashes.length)));
    // Between them at most a short word: `du`, a suffix OCR damaged (`5964 is 28 chaabane`);
    // and the day of the week the Justice site's later copies print (`n° 5480 du Jeudi 7 Décembre 2006`).
    return date && HEADER_DATE_LEAD.test(s.slice(0, date.start)) ? date : null;
  };
  let date = readDate(rest);
  const joined = !date && next !== undefined ? `${rest} ${next.trim()}` : null;
  const whole = joined === null ? null : readDate(joined);
  // The date must start on the header's own line: the next line alone is no part of it.
  const wrapped = whole !== null && whole.start < rest.length;
  if (wrapped) [rest, date] = [joined!, whole];
  // Words after the date (and its page number) are the body's: a header never runs on in words.
  // With its date unreadable (`BULLETIN O1 964 bis ~ 28 chaabane I TEXTES GENERAUX Dahir …`),
  // the body starts at the group heading a layout merged into the line.
  const group = date ? null : GROUP_HEADING_IN_LINE.exec(rest);
  const end = date && !wrapped ? date.end : group ? group.index : rest.length;
  const body = rest.slice(end).replace(/^[\s)]*\d{0,5}\s*/, '');
  // The title after the dates, when the number opens the header (`N° 5964 – … (30-7-2011) BULLETIN OFFICIEL 12`).
  const trailing = title || damaged ? null : /^BULLETIN\s+OFFICIEL\s*(\d{1,5})?\s*$/iu.exec(body);
  const merged = !trailing && /\p{L}{2,}.*\s.*\p{L}{2,}/u.test(body);
  return {
    number: issue.number,
    ...(issue.suffix ? { suffix: issue.suffix } : {}),
    date,
    page: trailing?.[1] ? Number(trailing[1]) : headerPage(lead, merged ? rest.slice(0, end) : rest, date),
    ...(wrapped ? { wrapped } : {}),
    ...(merged ? { body } : {}),
  };
}

/** What may stand between a header's number and its date: a short word, then a day of the week. */
const HEADER_DATE_LEAD =
  /^[\s–—~-]*(?:\p{L}{1,6}[\s–—~-]+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[\s,]+)?$/iu;

/** The group headings under which the texts of an issue are printed. */
export const GROUP_HEADINGS = 'TEXTES\\s+G[ÉE]N[ÉE]RAUX|TEXTES\\s+PARTICULIERS|AVIS\\s+ET\\s+COMMUNICATIONS';

/** A group heading inside a running header's line, after its number: where a merged body starts. */
const GROUP_HEADING_IN_LINE = new RegExp(`(?<=\\s)(?:${GROUP_HEADINGS})\\s+\\S`, 'iu');

/** `BULLETIN` and a scrap of its title before figures (`BULLETIN O1 964 bis`): a damaged header title. */
const DAMAGED_TITLE = /^BULLETIN\s+\S{1,3}\s+(?=\d)/u;

/**
 * A running header whose title OCR lost, at the top of a page: number sign, number, and the
 * header's dates with the Gregorian one in figures (`N° 5964 is 28 chaabane 1432 (30-7-2011)`),
 * which no masthead or text prints. The first of the month may be printed `1°` (`N° 6750 - 1°' joumada II 1440`).
 */
const UNTITLED_HEADER = new RegExp(
  `^${NUMBER_SIGN}\\s*\\d{1,5}(?:\\s*\\p{L}{1,6})?[\\s–—~-]+(?:\\d{1,2}|1er|1[°º]['’]?)\\s+\\S+(?:\\s+I{1,2})?\\s+\\d{4}\\s*\\(\\s*\\d{1,2}\\s*-\\s*\\d{1,2}\\s*-\\s*\\d{4}\\s*\\)`,
  'u',
);

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
    // A number sign ending its line (`Cent-neuvième année – N°`): the number opens the next one.
    const split = ENDS_WITH_NUMBER_SIGN.test(lines[i]!) && /^\s*[\dOolI]/.test(lines[i + 1] ?? '');
    const line = split ? `${lines[i]!.trimEnd()} ${lines[i + 1]!.trim()}` : lines[i]!;
    const nextLine = lines[i + (split ? 2 : 1)] ?? '';
    if (readRunningHeader(line)) continue;
    for (const m of line.matchAll(MASTHEAD_NUMBER)) {
      // A number with no sign (`… année - Año XLVII. — 2361 bis 31 janvier 1958`) is read as signed.
      const signed = m[2] === undefined;
      const at = m.index + m[0].length - (m[1] ?? m[2])!.length;
      const issue = readIssueNumber(signed ? line.slice(at) : `N° ${line.slice(at)}`);
      if (!issue) continue;
      const length = signed ? issue.length : issue.length - 3;
      const before = line.slice(0, at);
      const words = before.split(/[\s–—-]+/);
      const nearYear = words.some((w) => matchWord(w.replace(/[.,:;]+$/, ''), 'année') > 0);
      const after = `${line.slice(at + length)} ${nextLine}`;
      const printed = parseFrenchDate(after);
      // The date right after the number, however many spaces a layout set between them.
      const dated = printed !== null && /^[\s,.–—-]*$/.test(after.slice(0, printed.start));
      // A number with no sign needs both: the year of publication before it, its date after.
      if (signed ? nearYear || dated : nearYear && dated) {
        return {
          number: issue.number,
          ...(issue.suffix ? { suffix: issue.suffix } : {}),
          date: inPublicationYear(printed, after, readPublicationYear(before), issue.number),
          confidence: issue.confidence,
        };
      }
    }
  }
  return null;
}

/** A masthead's issue number: after its sign (group 1), or with none after a dash (group 2). */
const MASTHEAD_NUMBER = new RegExp(
  `(?:^|[\\s–—-])(${NUMBER_SIGN}\\s*[\\dOolIa])|[–—]\\s*(\\d{3,5}(?=\\s))`,
  'gu',
);

/** A line ending with the number sign, its number gone to the next line. */
const ENDS_WITH_NUMBER_SIGN = new RegExp(`(?:^|[\\s–—-])${NUMBER_SIGN}\\s*$`);

/**
 * A masthead's date checked against the year of publication it counts (`Quarante-deuxième
 * année`, {@link readPublicationYear}). With no year read (`29 mars 1gfo`), the day and month
 * printed are dated in that year, with a note. A year read is kept when the Hijri date vouches
 * for it, or when the issue `number` does not contradict the series with it; it is replaced
 * only when the year of publication resolves that contradiction (`N° 2126 a4 juillet 1995`
 * under `QUARANTE-DEUXIEME ANNEE`: 1953). `text`: where the date is printed.
 */
function inPublicationYear(
  date: ParsedDate | null,
  text: string,
  year: number | null,
  number?: string,
): ParsedDate | null {
  if (year === null || date?.gregorian?.startsWith(`${year}-`) || date?.hijri) return date;
  const dated = parseFrenchDateInYear(text, year);
  if (!date?.gregorian || !dated?.gregorian) return date ?? dated;
  const resolves =
    number !== undefined &&
    seriesContradiction(number, date.gregorian) !== null &&
    seriesContradiction(number, dated.gregorian) === null;
  return resolves ? dated : date;
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

/** A Gregorian date of figures read whole, or null when it names no day (`31 février`). */
function gregorianDate(
  year: string,
  month: number,
  day: string,
  at: { start: number; end: number },
  confidence: number,
  notes: string[],
): ParsedDate | null {
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString().slice(0, 10) !== iso) return null;
  return { hijri: null, hijriText: null, gregorian: iso, ...at, confidence, notes };
}

/** `13 de enero de 1965`: the Spanish date of a bilingual masthead, which OCR often reads better. */
function readSpanishDate(text: string): ParsedDate | null {
  const m = SPANISH_DATE.exec(text);
  if (!m) return null;
  const month = m[2]!.toLowerCase() === 'setiembre' ? 9 : SPANISH_MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  return gregorianDate(m[3]!, month, m[1]!, { start: m.index, end: m.index + m[0].length }, 0.8, [
    'read from the Spanish date of the bilingual masthead',
  ]);
}

/** The BO web viewer's record of an issue, in English: `Official bulletin n° 3873`, then `Published on January 21, 1987`. */
const VIEWER_NUMBER = /^\s*official\s+bulletin\s+(?=[Nn])/i;
const VIEWER_DATE = new RegExp(
  `published\\s+on\\s+(${GREGORIAN_MONTHS_EN.join('|')})\\s+(\\d{1,2}),?\\s+(\\d{4})`,
  'i',
);

/** The issue a web viewer's record names (its number, and its date on a line below), or null. */
function readViewerRecord(lines: readonly string[]): RunningHeader | null {
  for (const [i, text] of lines.entries()) {
    const label = VIEWER_NUMBER.exec(text);
    const issue = label ? readIssueNumber(text.slice(label[0].length)) : null;
    if (!issue) continue;
    const m = lines
      .slice(i, i + 4)
      .map((l) => VIEWER_DATE.exec(l))
      .find((d) => d !== null);
    const month = m
      ? GREGORIAN_MONTHS_EN.indexOf(m[1]!.toLowerCase() as (typeof GREGORIAN_MONTHS_EN)[number]) + 1
      : 0;
    const date = m
      ? gregorianDate(m[3]!, month, m[2]!, { start: m.index, end: m.index + m[0].length }, 1, [])
      : null;
    return { number: issue.number, ...(issue.suffix ? { suffix: issue.suffix } : {}), date, page: null };
  }
  return null;
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
    const date = masthead ? inPublicationYear(parseFrenchDate(text), text, readPublicationYear(text)) : null;
    if (date) return date;
  }
  for (const text of top) {
    const date = readSpanishDate(text);
    if (date) return date;
  }
  // `(B.O.` / `12` / `sept. 1958, p. 1492)`: a note naming the issue by its date alone, over lines.
  for (const [k, text] of top.entries()) {
    const date = readDateOnlyNote(`${text} ${top[k + 1] ?? ''} ${top[k + 2] ?? ''}`);
    if (date) return date;
  }
  return null;
}

/** Months as a note abbreviates them (`sept.`), index 0 = January. */
const MONTH_ABBREVIATIONS = [
  'janv',
  'f[ée]vr',
  'mars',
  'avr',
  'mai',
  'juin',
  'juil',
  'ao[uû]t',
  'sept',
  'oct',
  'nov',
  'd[ée]c',
];
const DATE_ONLY_NOTE = new RegExp(
  `(?:^|\\()\\s*B\\.\\s?[O0]\\.?\\s+(\\d{1,2})\\s+(${MONTH_ABBREVIATIONS.map((m) => `(${m})`).join('|')})\\p{L}*\\.?\\s+(\\d{4})`,
  'iu',
);

/**
 * A note naming the issue by its date only, month abbreviated (`(B.O. 12 sept. 1958, p. 1492)`),
 * at the start of a line or after a parenthesis: the issue's date, with a note. Null otherwise.
 */
function readDateOnlyNote(text: string): ParsedDate | null {
  const m = DATE_ONLY_NOTE.exec(text);
  if (!m) return null;
  const month = m.slice(3, 15).findIndex((g) => g !== undefined) + 1;
  return gregorianDate(m[15]!, month, m[1]!, { start: m.index, end: m.index + m[0].length }, 0.8, [
    `the issue named by its date alone (${m[0].replace(/^\(?\s*/, '').replace(/\s+/g, ' ')}): no number printed`,
  ]);
}

/**
 * The issue's title abbreviated, as reviews and consolidated copies print it, and the number
 * after it: `B.O n 4432 du …`, `B.O.R.M. (3103), 19/4/72` (Bulletin officiel du Royaume du Maroc).
 */
const ABBREVIATED_TITLE =
  /^B\.\s?O\.?(?:\s?R\.\s?M\.?)?\s*(?:[nN][°ºo]?\s*)?\(?(\d{1,5})\)?[\s,]*(?:du\s+)?/u;

/** A month name or its abbreviation (`sept.`): the figures before it are a day, not an issue number. */
const MONTH_AFTER = /^(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)\p{L}*\.?(?:\s|$)/iu;

/** `19/4/72`, `28-6-67`: a date of figures whose year is printed in two. */
const SHORT_YEAR_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})(?!\d)/;

/**
 * A note of the issue with its title abbreviated (`B.O n 4432 du 9 rejeb 1417 (21/11/96)`,
 * `B.O.R.M. (3103), 19/4/72 : 638`), read as the title in full; a year printed in two figures
 * takes the century the series puts the number in.
 */
function readAbbreviatedNote(text: string): RunningHeader | null {
  const m = ABBREVIATED_TITLE.exec(text);
  // `(B.O. 12 sept. 1958, p. 1492)`: an issue named by its date alone; 12 is its day.
  if (!m || MONTH_AFTER.test(text.slice(m[0].length))) return null;
  const rest = text.slice(m[0].length);
  const note = readRunningHeader(`Bulletin officiel n° ${m[1]} du ${rest}`);
  if (!note || note.date) return note;
  const short = SHORT_YEAR_DATE.exec(rest);
  if (!short) return note;
  const century = Number(seriesDate(Number(note.number)).slice(0, 4)) - Number(short[3]);
  const year = String(Math.round(century / 100) * 100 + Number(short[3]));
  const at = { start: m[0].length, end: m[0].length + short[0].length };
  const date = gregorianDate(year, Number(short[2]), short[1]!, at, 0.8, [
    `year printed in two figures: ${year} from the series' date for n° ${note.number}`,
  ]);
  return { ...note, date };
}

/**
 * A copy's note of the issue it comes from, where no masthead or running header is:
 * `Bulletin officiel n° 2404 bis du 27/11/1958` after the title, `( Bulletin Officiel n° 5358 du
 * 2 ramadan 1426 ( 6 octobre 2005 ), p. 667 )` on a reprint's cover, `REFERENCE : B.O n 4432 du …`,
 * `B.O.R.M. (3103), 19/4/72` in a review. Only at the start of a line, after a parenthesis, a
 * colon, a comma or a sentence: `publié au Bulletin officiel n° …` cites another issue.
 */
function readPublicationNote(page: PageArtefact): RunningHeader | null {
  const top = [...page.header, ...page.lines.slice(0, 15)];
  const viewer = readViewerRecord(top.map((l) => l.text));
  if (viewer) return viewer;
  for (const [k, { text }] of top.entries()) {
    for (const m of text.matchAll(/(?:^|[(]|[.!:,]\s)\s*(?=bulletin\s+officiel\s|B\.\s?O\b)/giu)) {
      const at = text.slice(m.index + m[0].length);
      // A review's note runs on: its date may wrap onto the next line (`B.O.R.M. (3103),` / `19/4/72 : 638.`),
      // or over two (`(B.O.` / `12` / `sept. 1958, p. 1492).`).
      const runOn = `${at} ${top[k + 1]?.text ?? ''} ${top[k + 2]?.text ?? ''}`;
      const note = readAbbreviatedNote(runOn) ?? readRunningHeader(at);
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
    readPublicationNote: readPublicationNoteAr,
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
  const votes = new Map<string, NumberVote>();
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
  mergeLostFigures(votes, warnings);
  dropBeyondSeries(votes, warnings);
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
    // One figure misread (`N° 9393` of 5 September 1958): the one number the series allows.
    const repaired = date?.gregorian ? seriesRepair(key.number, date.gregorian) : null;
    const named = record.guess.number;
    if (repaired) {
      warnings.push(
        `n° ${key.number} taken as n° ${repaired}, one figure away, which the series puts on its date`,
      );
      key = { ...key, number: repaired };
    } else if (
      named &&
      date?.gregorian &&
      dropsFigures(key.number, named) &&
      seriesContradiction(named, date.gregorian) === null
    ) {
      // Figures lost (`عدد 23كين` for 5123): the BO-shaped file name holds them and fits the date.
      warnings.push(
        `n° ${key.number} taken as n° ${named}, the file name's, whose figures it keeps and which the series puts on its date`,
      );
      key = { ...key, number: named, ...(record.guess.suffix ? { suffix: record.guess.suffix } : {}) };
    }
  }
  // A number no issue bears (`Ne 32348` for 2378) names none: the issue waits for an archivist.
  if (!isUnidentified(key) && isBeyondSeries(key.number)) {
    warnings.push(
      `n° ${key.number} is beyond the series: kept as an unidentified issue, for an archivist to identify`,
    );
    key = unidentifiedBulletin(edition, record.sha256);
    confidence = Math.min(confidence, 0.3);
  }
  return {
    ...key,
    date: date?.gregorian ?? null,
    hijriDate: date?.hijriText ?? null,
    confidence,
    warnings,
  };
}

/** One reading of the issue number and the weight of the pages that read it. */
interface NumberVote {
  number: string;
  suffix?: string;
  weight: number;
}

/**
 * A reading of the issue number that is another reading with figures lost (`964 bis` on one
 * page, `5964` on the next: a damaged running header) counts for the fuller one, which takes
 * the suffix only the damaged reading kept (`N° 5964 is` for `bis`). Votes are keyed
 * `number-suffix`.
 */
function mergeLostFigures(votes: Map<string, NumberVote>, warnings: string[]): void {
  for (const [key, short] of [...votes]) {
    // A fuller reading no issue bears is the one OCR added a figure to (`57140` beside `5714`).
    const fuller = [...votes.values()].filter(
      (v) => v !== short && dropsFigures(short.number, v.number) && !isBeyondSeries(v.number),
    );
    if (fuller.length !== 1) continue;
    const whole = fuller[0]!;
    votes.delete(key);
    votes.delete(`${whole.number}-${whole.suffix ?? ''}`);
    whole.weight += short.weight;
    whole.suffix ??= short.suffix;
    votes.set(`${whole.number}-${whole.suffix ?? ''}`, whole);
    warnings.push(
      `issue number read as n° ${short.number} on a page whose header lost figures, n° ${whole.number} on another: taken as n° ${whole.number}${whole.suffix ? ` ${whole.suffix}` : ''}`,
    );
  }
}

/**
 * Readings of the issue number no issue bears (beyond the series: `57140` for 5714), when
 * another reading is one an issue bears: the pages that read it misread it.
 */
function dropBeyondSeries(votes: Map<string, NumberVote>, warnings: string[]): void {
  const beyond = [...votes].filter(([, v]) => isBeyondSeries(v.number));
  if (beyond.length === 0 || beyond.length === votes.size) return;
  for (const [key] of beyond) votes.delete(key);
  warnings.push(
    `issue number read as ${[...votes.values(), ...beyond.map(([, v]) => v)].map((v) => `${v.number}${v.suffix ? ` ${v.suffix}` : ''}`).join(', ')}: n° ${beyond.map(([, v]) => v.number).join(', ')} beyond the series, misread`,
  );
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
