/**
 * The Arabic edition's identity on its pages: the masthead (`السنة الثانية عشرة بعد المائة –
 * عدد 7214`, then `3 جمادى الأولى 1378 (15 نونبر 1958)`) and the running header
 * (`الجريدة الرسمية عدد 7214 – 19 محرم 1421 (24 أبريل 2000)` with the page number before
 * or after it). Western or Arabic-Indic digits.
 */
import {
  GREGORIAN_MONTHS_AR,
  HIJRI_MONTHS_AR,
  SIGHTING_TOLERANCE_DAYS,
  toHijri,
  toIsoDate,
} from '../calendars.js';
import { type ParsedDate, parseArabicDate } from '../dates.js';
import { SUFFIXES, toWesternDigits } from '../ids.js';
import type { PageArtefact } from '../model.js';
import { matchPhrase, matchWord, skeleton } from './fuzzy.js';
import { type FirstPageMasthead, headerPage, type RunningHeader } from './masthead.js';
import { readPublicationYearAr } from './publication-year.js';

/**
 * `عدد 7214`, `عدد 2404 مكرر`: the issue number after `عدد`; suffix `مكرر` is bis. A header's
 * day OCR turned round to the number's other side (`عدد 14-5167 شوال` for `عدد 5167 - 14 شوال`)
 * is no issue number.
 */
const ISSUE_AR =
  /(?:^|[\s–—-])عدد\s*(?:(\d{1,2})\s*[-–—]\s*(?=\d{3,5}(?![.\d])))?(\d{1,5})(?![.\d])(?:\s+(مكرر|bis|ter|quater))?/u;

function readIssueAr(s: string): { number: string; suffix?: string; end: number; day?: string } | null {
  const m = ISSUE_AR.exec(s);
  if (!m || Number(m[2]) === 0) return null;
  const raw = m[3];
  const suffix =
    raw === 'مكرر' ? 'bis' : raw && (SUFFIXES as readonly string[]).includes(raw) ? raw : undefined;
  return {
    number: String(Number(m[2])),
    ...(suffix ? { suffix } : {}),
    end: m.index + m[0].length,
    ...(m[1] ? { day: m[1] } : {}),
  };
}

/** What follows the issue number, with the day OCR turned round to the number's other side back before its month. */
const withDay = (after: string, day: string | undefined): string =>
  day && !/^\s*\d/u.test(after) ? `${day} ${after}` : after;

/** Reads an Arabic running header line; null when the line is not one. */
export function readRunningHeaderAr(text: string): RunningHeader | null {
  const s = toWesternDigits(text);
  const lead = /^\s*(\d{1,5})\s+/.exec(s);
  // A note set between dashes (`– الجريدة الرسمية عدد 2395 المؤرخ في 19 شتنبر 1958 –`).
  const rest = (lead ? s.slice(lead[0].length) : s).replace(/^[\s–—-]+/u, '');
  const title = matchPhrase(rest, 'الجريدة الرسمية');
  if (!title) return null;
  const issue = readIssueAr(rest.slice(title.length));
  if (!issue) return null;
  const after = rest.slice(title.length + issue.end);
  const date = parseArabicDate(withDay(after, issue.day));
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
    const date =
      parseArabicDate(`${withDay(line.slice(issue.end), issue.day)} ${lines[i + 1] ?? ''}`) ??
      parseArabicDate(line) ??
      readReversedMastheadDate(line);
    if (nearYear || date) {
      return { number: issue.number, ...(issue.suffix ? { suffix: issue.suffix } : {}), date, confidence: 1 };
    }
  }
  return null;
}

/** A month name's letters for comparing with a fragment: no spaces, OCR confusions folded. */
const monthKey = (name: string) =>
  skeleton(name)
    .replace(/[^\p{Script=Arabic}]/gu, '')
    .replace(/[أإآ]/g, 'ا');

/** The one month (1–12) whose name, one of `names`, a fragment opens; null for none or two. */
function monthOpenedBy(fragment: string, names: readonly (readonly string[])[]): number | null {
  const key = monthKey(fragment);
  if (key.length < 3) return null;
  const months = names.flatMap((variants, i) =>
    variants.some((v) => monthKey(v).startsWith(key)) ? [i + 1] : [],
  );
  return months.length === 1 ? months[0]! : null;
}

/**
 * The date of a cover whose text layer was extracted in reverse, letter by letter, its figures
 * scattered (`2مرحم 2حم (2( 2لوي ((20 (20 السنة الثانية عشرة بعد املائة -عدد 7214` for `2 محرم
 * 1445 (20 يوليوز 2023)`): the words before `السنة` read backwards name the Hijri month
 * (`محرم`, `ذو الحج`) and the opening of the Gregorian one (`يول`, `أبر`); the Gregorian day is
 * the last figure before `السنة`, the year the year of publication counts. Kept only when the
 * Hijri month printed is the Gregorian date's, within the days Morocco's sighting may differ,
 * and always with a note: null otherwise.
 */
export function readReversedMastheadDate(line: string): ParsedDate | null {
  const at = line.indexOf('السنة');
  if (at <= 0) return null;
  const year = readPublicationYearAr(line.slice(at));
  const prefix = line.slice(0, at);
  const day = [...prefix.matchAll(/\d{1,2}(?!\d)/g)].at(-1)?.[0];
  if (year === null || !day) return null;
  const words = [...prefix.replace(/[^\p{Script=Arabic}]+/gu, ' ')]
    .reverse()
    .join('')
    .split(' ')
    .filter(Boolean);
  const fragments = [...words, ...words.slice(1).map((w, k) => `${words[k]}${w}`)];
  const hijriMonths = new Set(
    fragments.map((f) => monthOpenedBy(f, HIJRI_MONTHS_AR)).filter((m) => m !== null),
  );
  const gregorianMonths = new Set(
    fragments.map((f) => monthOpenedBy(f, GREGORIAN_MONTHS_AR)).filter((m) => m !== null),
  );
  if (hijriMonths.size !== 1 || gregorianMonths.size !== 1) return null;
  const [hijriMonth] = hijriMonths;
  const [month] = gregorianMonths;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== iso) return null;
  const DAY = 86_400_000;
  const agrees = Array.from(
    { length: 2 * SIGHTING_TOLERANCE_DAYS + 1 },
    (_, k) => k - SIGHTING_TOLERANCE_DAYS,
  ).some((k) => toHijri(toIsoDate(new Date(time + k * DAY))).month === hijriMonth);
  if (!agrees) return null;
  return {
    hijri: null,
    hijriText: null,
    gregorian: iso,
    start: 0,
    end: at,
    confidence: 0.5,
    notes: [
      `read from a masthead extracted in reverse (${prefix.trim()}): ${GREGORIAN_MONTHS_AR[month! - 1]![0]} and ${HIJRI_MONTHS_AR[hijriMonth! - 1]![0]} read backwards, day ${day}, year ${year} counted by the year of publication; the Hijri day not read`,
    ],
  };
}
