/**
 * The issue's identity from its pages: the masthead of the first page
 * (`Cent-troisième année – N° 6280 10 chaoual 1435 (7 août 2014)`) and the running header
 * of every page (`BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689`). The pages
 * win over the file-name guess; an issue with no readable number anywhere is an error.
 */
import { type ParsedDate, parseFrenchDate } from '../dates.js';
import { UnreadableMastheadError } from '../errors.js';
import { SUFFIXES } from '../ids.js';
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
}

/** What the masthead and running headers say about the issue. */
export interface Masthead extends BulletinKey {
  /** Gregorian ISO date of the issue. */
  date: string | null;
  hijriDate: string | null;
  confidence: Confidence;
  warnings: string[];
}

const ISSUE_NUMBER = /^[Nn][°oO0º"*'.]{0,2}\s*([\dOolI]{1,5})(?![-.\d]\d)(?:\s*[-–]?\s*([a-z]+))?/;

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

/** Reads a running header line; null when the line is not one. */
export function readRunningHeader(text: string): RunningHeader | null {
  const lead = /^\s*(\d{1,5})\s+/.exec(text);
  let rest = lead ? text.slice(lead[0].length) : text.trimStart();
  const title = matchPhrase(rest, 'bulletin officiel');
  if (!title) return null;
  rest = rest.slice(title.length).replace(/^[\s,.–—-]+/, '');
  const issue = readIssueNumber(rest);
  if (!issue) return null;
  rest = rest.slice(issue.length);
  const date = parseFrenchDate(rest);
  return {
    number: issue.number,
    ...(issue.suffix ? { suffix: issue.suffix } : {}),
    date,
    page: headerPage(lead, rest, date),
  };
}

/**
 * The page number of a running header: before its title (`689 BULLETIN …`, `lead`) or at
 * the end of what follows the issue number (`rest`), unless that number is the date's year.
 */
export function headerPage(
  lead: RegExpExecArray | null,
  rest: string,
  date: ParsedDate | null,
): number | null {
  if (lead) return Number(lead[1]);
  const trail = /\s(\d{1,5})\s*$/.exec(rest);
  return trail && (!date || trail.index >= date.end - 1) ? Number(trail[1]) : null;
}

/** Printed page number from a page's running header lines (or a line holding only a number). */
export function readPrintedPage(header: readonly Pick<TextLine, 'text'>[]): number | null {
  for (const line of header) {
    const running = readRunningHeader(line.text) ?? readRunningHeaderAr(line.text);
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
    for (const m of line.matchAll(/(?:^|[\s–—-])([Nn][°oO0º"*'.]{0,2}\s*[\dOolI])/g)) {
      const at = m.index + m[0].length - m[1]!.length;
      const issue = readIssueNumber(line.slice(at));
      if (!issue) continue;
      const before = line.slice(0, at);
      const words = before.split(/[\s–—-]+/);
      const nearYear = words.some((w) => matchWord(w, 'année') > 0);
      const date = parseFrenchDate(`${line.slice(at + issue.length)} ${lines[i + 1] ?? ''}`);
      if (nearYear || (date && date.start < 3)) {
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

/** How each edition's masthead and running headers are read. */
interface MastheadReader {
  readRunningHeader(text: string): RunningHeader | null;
  readFirstPage(page: PageArtefact): FirstPageMasthead | null;
}

const READERS: Record<Edition, MastheadReader> = {
  fr: { readRunningHeader, readFirstPage: readFirstPageMasthead },
  ar: { readRunningHeader: readRunningHeaderAr, readFirstPage: readFirstPageMastheadAr },
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
 * @throws UnreadableMastheadError when no issue number can be read from the pages or the file name.
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
    for (const line of [...page.header, ...page.lines.slice(0, 2)]) {
      const running = reader.readRunningHeader(line.text);
      if (!running) continue;
      vote(running.number, running.suffix, 1);
      if (running.date) headerDates.push(running.date);
      break;
    }
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
    throw new UnreadableMastheadError(
      record.fileName,
      'no issue number on the masthead, running headers or file name',
    );
  }
  const date = masthead?.date ?? mostCommonDate(headerDates);
  if (!date) warnings.push('issue date not found on the masthead or running headers');
  else
    warnings.push(...date.notes.filter((n) => !n.startsWith('no Gregorian')).map((n) => `issue date: ${n}`));
  return {
    ...key,
    date: date?.gregorian ?? null,
    hijriDate: date?.hijriText ?? null,
    confidence,
    warnings,
  };
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
