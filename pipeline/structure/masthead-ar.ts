/**
 * The Arabic edition's identity on its pages: the masthead (`السنة الثانية عشرة بعد المائة –
 * عدد 7214`, then `3 جمادى الأولى 1378 (15 نونبر 1958)`) and the running header
 * (`الجريدة الرسمية عدد 7214 – 19 محرم 1421 (24 أبريل 2000)` with the page number before
 * or after it). Western or Arabic-Indic digits.
 */
import { parseArabicDate } from '../dates.js';
import { SUFFIXES, toWesternDigits } from '../ids.js';
import type { PageArtefact } from '../model.js';
import { matchPhrase, matchWord } from './fuzzy.js';
import { type FirstPageMasthead, headerPage, type RunningHeader } from './masthead.js';

/** `عدد 7214`, `عدد 2404 مكرر`: the issue number after `عدد`; suffix `مكرر` is bis. */
const ISSUE_AR = /(?:^|[\s–—-])عدد\s*(\d{1,5})(?![.\d])(?:\s+(مكرر|bis|ter|quater))?/u;

function readIssueAr(s: string): { number: string; suffix?: string; end: number } | null {
  const m = ISSUE_AR.exec(s);
  if (!m || Number(m[1]) === 0) return null;
  const raw = m[2];
  const suffix =
    raw === 'مكرر' ? 'bis' : raw && (SUFFIXES as readonly string[]).includes(raw) ? raw : undefined;
  return { number: String(Number(m[1])), ...(suffix ? { suffix } : {}), end: m.index + m[0].length };
}

/** Reads an Arabic running header line; null when the line is not one. */
export function readRunningHeaderAr(text: string): RunningHeader | null {
  const s = toWesternDigits(text);
  const lead = /^\s*(\d{1,5})\s+/.exec(s);
  const rest = lead ? s.slice(lead[0].length) : s.trimStart();
  const title = matchPhrase(rest, 'الجريدة الرسمية');
  if (!title) return null;
  const issue = readIssueAr(rest.slice(title.length));
  if (!issue) return null;
  const after = rest.slice(title.length + issue.end);
  const date = parseArabicDate(after);
  return {
    number: issue.number,
    ...(issue.suffix ? { suffix: issue.suffix } : {}),
    date,
    page: headerPage(lead, after, date),
  };
}

/** The end of a note of the issue: its date's year, then its page (`… 2013 الصفحة 3180`, `… (6 يونيو 2013)`). */
const NOTE_END = /\d{4}\s*\)?\s*(?:(?:الصفحة|ص)\s*\d{1,5})?\s*$/u;

/**
 * A copy's note of the issue it comes from, where no masthead or running header is: a line of
 * its own near the top, before or after the text's title (`الجريدة الرسمية عدد 6143 بتاريخ 15
 * أبريل 2013 الصفحة 3180`). Only a line that is the note whole, title to date and page: a
 * recital's `… بالجريدة الرسمية عدد …` cites another issue.
 */
export function readPublicationNoteAr(page: PageArtefact): RunningHeader | null {
  for (const { text } of [...page.header, ...page.lines.slice(0, 15)]) {
    const s = toWesternDigits(text).trim();
    if (!matchPhrase(s, 'الجريدة الرسمية') || !NOTE_END.test(s)) continue;
    const note = readRunningHeaderAr(s);
    if (note?.date) return note;
  }
  return null;
}

/** The first-page masthead: `السنة … – عدد 7214` and its date, on one line or the next. */
export function readFirstPageMastheadAr(page: PageArtefact): FirstPageMasthead | null {
  const lines = [...page.header, ...page.lines.slice(0, 40)].map((l) => toWesternDigits(l.text));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (readRunningHeaderAr(line)) continue;
    const issue = readIssueAr(line);
    if (!issue) continue;
    // `… بالجريدة الرسمية عدد 4882 بتاريخ …`: a recital or a list of amending texts citing an issue.
    if (/الجريدة\s+الرسمية\s*$/u.test(line.slice(0, line.lastIndexOf('عدد', issue.end)))) continue;
    const nearYear = line.split(/\s+/).some((w) => matchWord(w, 'السنة') > 0);
    const date = parseArabicDate(`${line.slice(issue.end)} ${lines[i + 1] ?? ''}`) ?? parseArabicDate(line);
    if (nearYear || date) {
      return { number: issue.number, ...(issue.suffix ? { suffix: issue.suffix } : {}), date, confidence: 1 };
    }
  }
  return null;
}
