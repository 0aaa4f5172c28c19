/**
 * Dates read out of printed and OCR'd text: the Hijri date and its Gregorian twin
 * (`3 joumada I 1378 (15 novembre 1958)`) are read apart, then checked against each other
 * (calendars.ts). One half is repaired from the other only when one repair is plainly
 * right, always with a note; when they disagree and nothing settles it, both readings are
 * kept in {@link ParsedDate.conflict} and the date is flagged for an archivist. A date is
 * never computed from one half in silence when the other was printed.
 */

import {
  calendarsAgree,
  daysBetween,
  FIRST_DAY_AR,
  GREGORIAN_MONTHS_AR,
  GREGORIAN_MONTHS_FR,
  HIJRI_MONTHS_AR,
  HIJRI_MONTHS_FR,
  type HijriDate,
  hijriToGregorian,
  parseIsoDate,
} from './calendars.js';
import { toWesternDigits } from './ids.js';
import { fold, matchWord, readDigits } from './structure/fuzzy.js';

/** Both readings of a date whose Hijri and Gregorian halves disagree and that nothing settled. */
export interface DateConflict {
  /** The Gregorian day the Hijri half names (Umm al-Qura); null when it names none. */
  fromHijri: string | null;
  /** The Gregorian half as read: `2012-01-05`, `2012-01` when its day was not read; null when unreadable. */
  printed: string | null;
}

/** A date as either edition prints it: Hijri first, Gregorian in parentheses, either alone. */
export interface ParsedDate {
  hijri: HijriDate | null;
  /** Hijri date as printed (after repair of OCR'd characters): `3 joumada I 1378`, `3 جمادى الأولى 1378`. */
  hijriText: string | null;
  /**
   * Gregorian ISO date as printed (or repaired), computed from the Hijri date only when none
   * is printed; in a {@link conflict}, the printed one when it names a day, else null.
   */
  gregorian: string | null;
  /** Where the date starts and ends in the parsed string (end is exclusive, after the `)`). */
  start: number;
  end: number;
  /** 1 when both halves were read cleanly and agree; lower after repairs or without a cross-check. */
  confidence: number;
  /** What was repaired or doubtful, for warnings. */
  notes: string[];
  /** Set when the two halves disagree beyond a sure repair: the date is for an archivist to settle. */
  conflict?: DateConflict;
}

/** The words of dates in one edition: month names and how the first day is printed. */
interface DateVocabulary {
  /** Hijri month names, index 0 = month 1, usual spelling first. */
  hijriMonths: readonly (readonly string[])[];
  gregorianMonths: readonly (readonly string[])[];
  /** How day 1 is printed (`1er`, `فاتح`), kept in the Hijri text as printed. */
  firstDay: string;
  /** Whether a token is that word (the French `1er` is read with the digits). */
  readFirstDay(token: string): boolean;
  /** Months printed with a separate ordinal word (`rabii I`), French only. */
  ordinalMonths: readonly (readonly [string, number])[];
  /** A word old texts print before the Hijri year (`13 شعبان عام 1350`). */
  yearWords: readonly string[];
  /** Words that open the Gregorian twin in place of a parenthesis (`… 1350 موافق 29 دجنبر 1931`). */
  twinWords: readonly string[];
}

interface Token {
  text: string;
  /** Token without trailing punctuation, the form compared. */
  bare: string;
  start: number;
  end: number;
}

/** Words; figures set against Arabic letters are a word of their own (`(13ماي 2013)` as printed). */
function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (const m of s.matchAll(/[()]|[\d٠-٩]+(?=[\u0621-\u064A])|[^\s()]+/g)) {
    // Leading marks too: OCR reads specks before a day as dots (`...4 جمادى الأولى 1424`).
    // Trailing dashes too: a note set between dashes glues the last to its year (`1958-`).
    const bare = m[0] === '(' || m[0] === ')' ? m[0] : m[0].replace(/^[.…·]+|[,;.:]+$|(?<=\d)[-–—]+$/g, '');
    tokens.push({ text: m[0], bare, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** 1 when the day at token i is `1` with its ordinal's letters set apart (`1 er mai 1974`, `1 er moharrem 1421`), else 0. */
function ordinalApart(tokens: readonly Token[], i: number): number {
  return tokens[i]?.bare === '1' && /^(?:er|re)$/.test(tokens[i + 1]?.bare ?? '') ? 1 : 0;
}

/** `3`, `1er`, `1°`, `ler`, `II` (OCR for 11), `1O`, `فاتح`: a day of month and whether it was printed as the first. */
function readDay(
  token: string,
  vocab: DateVocabulary,
): { day: number; first: boolean; confidence: number } | null {
  if (vocab.readFirstDay(token)) return { day: 1, first: true, confidence: 1 };
  // Old scans print a 2 OCR reads `a` beside a figure (`a4 juillet` for 24 juillet).
  const a2 = /^(?:a\d|\da)$/.test(token);
  // `1°'`: the superscript `er` of the first printed or read as a degree sign (`1°' joumada II 1440`).
  const m = /^([\dOolI|!SBZ]{1,2}?)(er|re|[°º]['’]?)?$/.exec(a2 ? token.replace('a', '2') : token);
  if (!m) return null;
  const read = readDigits(m[1]!);
  if (!read) return null;
  const day = Number(read.digits);
  if (day < 1 || day > 31 || (/^[°º]/.test(m[2] ?? '') && day !== 1)) return null;
  return { day, first: Boolean(m[2]), confidence: a2 ? Math.min(read.confidence, 0.6) : read.confidence };
}

function readYear(
  token: string,
  min: number,
  max: number,
): { year: number; digits: string; confidence: number } | null {
  if (token.length !== 4) return null;
  const read = readDigits(token);
  if (!read || read.confidence < 0.8) return null;
  const year = Number(read.digits);
  return year >= min && year <= max ? { year, digits: read.digits, confidence: read.confidence } : null;
}

/** Months printed with an ordinal (`rabii I`, `joumada II`): base spellings → month of the first. */
const ORDINAL_MONTHS: readonly (readonly [string, number])[] = [
  ['rabii', 3],
  ['rebia', 3],
  ['rabia', 3],
  ['rabi', 3],
  ['joumada', 5],
  ['jumada', 5],
];

/** `I`, `II`, and how OCR prints them (`/I`, `IT`, `Il`, `11`), `premier`, `al oula`… → 1 or 2. */
function readOrdinal(
  tokens: Token[],
  i: number,
): { ordinal: 1 | 2; used: number; confidence: number } | null {
  const t = tokens[i]?.bare;
  if (!t) return null;
  const f = fold(t);
  if (f === 'i') return { ordinal: 1, used: 1, confidence: 1 };
  if (f === 'ii') return { ordinal: 2, used: 1, confidence: 1 };
  if (f === 'premier' || f === '1er') return { ordinal: 1, used: 1, confidence: 1 };
  if (f === 'al' && tokens[i + 1]) {
    const next = fold(tokens[i + 1]!.bare);
    if (next.startsWith('oul')) return { ordinal: 1, used: 2, confidence: 1 };
    if (next.startsWith('akh')) return { ordinal: 2, used: 2, confidence: 1 };
  }
  if (/^[1l|/!]$/.test(f)) return { ordinal: 1, used: 1, confidence: 0.7 };
  if (/^[i1l|/!][i1l|/!t]$/.test(f)) return { ordinal: 2, used: 1, confidence: 0.7 };
  return null;
}

/** A Hijri month name starting at token i, with OCR noise; `used` = tokens consumed. */
function readHijriMonth(
  tokens: Token[],
  i: number,
  vocab: DateVocabulary,
): { month: number; used: number; printed: string; confidence: number } | null {
  const word = tokens[i]?.bare;
  if (!word) return null;
  for (const [base, first] of vocab.ordinalMonths) {
    const c = matchWord(word, base);
    if (c === 0) continue;
    const ord = readOrdinal(tokens, i + 1);
    if (!ord) return null;
    const used = 1 + ord.used;
    const printed = tokens
      .slice(i, i + used)
      .map((t) => t.bare)
      .join(' ');
    const clean = c === 1 && ord.confidence === 1;
    return {
      month: first + ord.ordinal - 1,
      used,
      printed: clean ? printed : `${vocab.hijriMonths[first + ord.ordinal - 2]![0]}`,
      confidence: Math.min(c, ord.confidence),
    };
  }
  let best: { month: number; used: number; printed: string; confidence: number } | null = null;
  vocab.hijriMonths.forEach((spellings, index) => {
    for (const spelling of spellings) {
      const words = spelling.split(' ');
      // Ordinal spellings were handled above; `hija I`-like aliases would shadow real months.
      if (words.length > 1 && /^(i|ii|premier)$/i.test(words.at(-1)!)) continue;
      let c = 1;
      for (let k = 0; k < words.length && c > 0; k++)
        c = Math.min(c, matchWord(tokens[i + k]?.bare ?? '', words[k]!));
      if (c > 0 && (!best || c > best.confidence)) {
        const printed = tokens
          .slice(i, i + words.length)
          .map((t) => t.bare)
          .join(' ');
        best = {
          month: index + 1,
          used: words.length,
          printed: c === 1 ? printed : spellings[0]!,
          confidence: c,
        };
      }
    }
  });
  return best;
}

function readGregorianMonth(
  word: string,
  vocab: DateVocabulary,
): { month: number; confidence: number } | null {
  let best: { month: number; confidence: number } | null = null;
  vocab.gregorianMonths.forEach((names, index) => {
    for (const name of names) {
      const c = matchWord(word, name);
      if (c > 0 && (!best || c > best.confidence)) best = { month: index + 1, confidence: c };
    }
  });
  return best;
}

function isoOf(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  try {
    parseIsoDate(iso);
    return iso;
  } catch {
    return null;
  }
}

interface GregorianRead {
  day: number;
  month: number;
  year: number;
  used: number;
  confidence: number;
}

/** `15 novembre 1958`, `1er août 2014`, `2-10-2008`, `(II novembre 2003)` from token i. */
function readGregorian(tokens: Token[], i: number, vocab: DateVocabulary): GregorianRead | null {
  const t = tokens[i]?.bare;
  if (!t) return null;
  const numeric = /^([\dOolI]{1,2})[-/.]([\dOolI]{1,2})[-/.]([\dOolI]{4})$/.exec(t);
  if (numeric) {
    const [d, m, y] = [readDigits(numeric[1]!), readDigits(numeric[2]!), readYear(numeric[3]!, 1900, 2100)];
    if (!d || !m || !y) return null;
    return {
      day: Number(d.digits),
      month: Number(m.digits),
      year: y.year,
      used: 1,
      confidence: Math.min(d.confidence, m.confidence, y.confidence),
    };
  }
  const day = readDay(t, vocab);
  const apart = day ? ordinalApart(tokens, i) : 0;
  const month = day && readGregorianMonth(tokens[i + 1 + apart]?.bare ?? '', vocab);
  const year = month && readYear(tokens[i + 2 + apart]?.bare ?? '', 1900, 2100);
  if (!day || !month || !year) return null;
  return {
    day: day.day,
    month: month.month,
    year: year.year,
    used: 3 + apart,
    confidence: Math.min(day.confidence, month.confidence, year.confidence),
  };
}

/** Numbers that differ from `n` by one digit at the same place (OCR misread a single digit). */
function oneDigitVariants(n: number, width: number): number[] {
  const s = String(n).padStart(width, '0');
  const out: number[] = [];
  for (let k = 0; k < s.length; k++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== s[k]) out.push(Number(s.slice(0, k) + d + s.slice(k + 1)));
    }
  }
  return out;
}

/** Days of two digits of which OCR kept one (`1 safar` for `10 safar`). */
function droppedDigitVariants(day: number): number[] {
  if (day > 9) return [];
  return Array.from({ length: 10 }, (_, d) => [day * 10 + d, d * 10 + day]).flat();
}

/** Ordinal months OCR may flip (`rabii I` ↔ `rabii II`). */
const SIBLING_MONTH: Record<number, number> = { 3: 4, 4: 3, 5: 6, 6: 5 };

function hijriRepairs(h: HijriDate, gregorian: string): HijriDate[] {
  const candidates: HijriDate[] = [
    ...[...oneDigitVariants(h.day, 2), ...droppedDigitVariants(h.day)].map((day) => ({ ...h, day })),
    ...oneDigitVariants(h.year, 4).map((year) => ({ ...h, year })),
  ];
  if (SIBLING_MONTH[h.month]) candidates.push({ ...h, month: SIBLING_MONTH[h.month]! });
  return candidates.filter((c) => c.day >= 1 && c.day <= 30 && calendarsAgree(c, gregorian));
}

/** Distinct Gregorian dates one misread digit away from the one read that agree with the Hijri date. */
function gregorianRepairs(g: GregorianRead, h: HijriDate): string[] {
  const candidates = [
    ...oneDigitVariants(g.day, 2).map((day) => isoOf(g.year, g.month, day)),
    ...oneDigitVariants(g.year, 4).map((year) => isoOf(year, g.month, g.day)),
    ...oneDigitVariants(g.month, 2).map((month) => isoOf(g.year, month, g.day)),
  ];
  return [...new Set(candidates.filter((c): c is string => c !== null && calendarsAgree(h, c)))];
}

/**
 * The candidate whose Gregorian date is nearest to `target`, when no other is as near: two
 * candidates as near are two answers, and a repair must have one.
 */
function nearest<T>(
  candidates: readonly T[],
  gregorianOf: (c: T) => string,
  target: string | null,
): T | null {
  if (!target) return null;
  let best: T | null = null;
  let bestDays = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const c of candidates) {
    const days = Math.abs(daysBetween(gregorianOf(c), target));
    if (days < bestDays) [best, bestDays, tied] = [c, days, false];
    else if (days === bestDays && gregorianOf(c) !== gregorianOf(best!)) tied = true;
  }
  return tied ? null : best;
}

/** What the parenthesis after a Hijri date holds when it is no whole Gregorian date: the parts read. */
interface PartialTwin {
  day: number | null;
  /** Null when OCR left no word of it: then day and year were read ({@link monthLost}). */
  month: number | null;
  year: number | null;
  /** Index of the last token of the twin, its `)` when there is one. */
  last: number;
}

/** Tokens a Gregorian twin spans at most, parentheses excluded. */
const TWIN_TOKENS = 4;

/**
 * A Gregorian twin OCR damaged: `(S janvier 2012)`, `(9 أكتوبر 2))`, `(1?-10-2008)`. Its month
 * must be read; its day and year may not be. Null when the parenthesis holds no such thing.
 */
function readPartialTwin(tokens: Token[], open: number, vocab: DateVocabulary): PartialTwin | null {
  let close = open + 1;
  while (close < tokens.length && close <= open + TWIN_TOKENS && tokens[close]!.bare !== ')') close++;
  const inside = tokens.slice(open + 1, close);
  const last = tokens[close]?.bare === ')' ? close : close - 1;
  const numeric =
    inside.length === 1 && /^(\S{1,2})[-/.]([\dOolI]{1,2})[-/.](\S{2,4})$/.exec(inside[0]!.bare);
  if (numeric) {
    const month = readDigits(numeric[2]!);
    if (!month || Number(month.digits) < 1 || Number(month.digits) > 12) return null;
    return {
      day: readDay(numeric[1]!, vocab)?.day ?? null,
      month: Number(month.digits),
      year: readYear(numeric[3]!, 1900, 2100)?.year ?? null,
      last,
    };
  }
  const at = inside.findIndex((t) => readGregorianMonth(t.bare, vocab));
  if (at < 0) return monthLost(inside, last === close ? last : -1, vocab);
  return {
    day: at > 0 ? (readDay(inside[at - 1]!.bare, vocab)?.day ?? null) : null,
    month: readGregorianMonth(inside[at]!.bare, vocab)!.month,
    year: readYear(inside[at + 1]?.bare ?? '', 1900, 2100)?.year ?? null,
    last,
  };
}

/**
 * A closed twin whose month OCR left no word of (`(20 a t 2015)` for `(20 août 2015)`): its day
 * and year read, the month for the Hijri date to settle. Null unless the parenthesis closes
 * (`last`, -1 when it does not) on day, letters and year.
 */
function monthLost(inside: readonly Token[], last: number, vocab: DateVocabulary): PartialTwin | null {
  if (last < 0 || inside.length < 3) return null;
  const day = readDay(inside[0]!.bare, vocab);
  const year = readYear(inside.at(-1)!.bare, 1900, 2100);
  const letters = inside.slice(1, -1).every((t) => /^\p{L}{1,4}$/u.test(t.bare));
  return day && year && letters ? { day: day.day, month: null, year: year.year, last } : null;
}

/** A Hijri date as read, before it is checked against its twin. */
interface HijriRead {
  h: HijriDate;
  /** How the first day was printed (`1er`, `فاتح`), when it was. */
  first: string | null;
  printedMonth: string;
  confidence: number;
}

function hijriText(read: HijriRead): string {
  return `${read.h.day === 1 && read.first ? read.first : read.h.day} ${read.printedMonth} ${read.h.year}`;
}

/** A Hijri date repaired to `fix`: its month printed in the usual spelling when the repair changed it. */
function repaired(read: HijriRead, fix: HijriDate, vocab: DateVocabulary): HijriRead {
  const printedMonth = fix.month !== read.h.month ? vocab.hijriMonths[fix.month - 1]![0]! : read.printedMonth;
  return { ...read, h: fix, printedMonth };
}

/** The outcome of checking a Hijri date against its twin. */
interface Checked {
  read: HijriRead;
  gregorian: string | null;
  confidence: number;
  notes: string[];
  conflict?: DateConflict;
}

/** Both readings kept, the date flagged: what is left when nothing settles a disagreement. */
function conflicting(
  read: HijriRead,
  printed: string | null,
  gregorian: string | null,
  confidence: number,
): Checked {
  const fromHijri = hijriToGregorian(read.h);
  return {
    read,
    gregorian,
    confidence: Math.min(confidence, 0.4),
    notes: [
      `Hijri and Gregorian dates disagree: ${hijriText(read)} (${fromHijri ?? 'no such day'}) / ${printed ?? 'unreadable'}: flagged for an archivist`,
    ],
    conflict: { fromHijri, printed },
  };
}

/**
 * A Hijri date against a whole Gregorian twin. When they disagree, the half read less surely
 * is repaired by one misread (or, for a Hijri day, dropped) digit, if exactly one repair
 * fits; when both halves could be, or the repair is not one, both readings are kept.
 */
function checkWhole(read: HijriRead, g: GregorianRead, vocab: DateVocabulary): Checked {
  const printed = isoOf(g.year, g.month, g.day);
  const confidence = Math.min(read.confidence, g.confidence);
  if (printed && calendarsAgree(read.h, printed)) return { read, gregorian: printed, confidence, notes: [] };
  const fixH = printed ? nearest(hijriRepairs(read.h, printed), (c) => hijriToGregorian(c)!, printed) : null;
  const fixG = gregorianRepairs(g, read.h);
  if (fixH && (fixG.length === 0 || read.confidence < g.confidence)) {
    return {
      read: repaired(read, fixH, vocab),
      gregorian: printed,
      confidence: Math.min(confidence, 0.7),
      notes: [`Hijri date ${hijriText(read)} repaired to agree with ${printed}`],
    };
  }
  if (fixG.length === 1 && (!fixH || g.confidence < read.confidence)) {
    return {
      read,
      gregorian: fixG[0]!,
      confidence: Math.min(confidence, 0.7),
      notes: [`Gregorian date ${printed ?? 'invalid'} repaired to ${fixG[0]} to agree with the Hijri date`],
    };
  }
  return conflicting(read, printed, printed, confidence);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A Hijri date against a twin OCR damaged. A twin with its day names the dates its year may
 * be (the Hijri date's or one beside it): the one that agrees, else the Hijri date repaired to
 * one, the month name being surer than a digit. A twin without its day only vouches for the
 * Hijri date's month: the day is then the Hijri date's, with a note; when the month does not
 * agree, both readings are kept.
 */
function checkPartial(read: HijriRead, twin: PartialTwin, vocab: DateVocabulary): Checked {
  const near = hijriToGregorian(read.h);
  const confidence = Math.min(read.confidence, 0.6);
  const printed = `${twin.year ?? '????'}-${twin.month ? pad(twin.month) : '??'}${twin.day ? `-${pad(twin.day)}` : ''}`;
  if (!near) return conflicting(read, printed, null, confidence);
  if (twin.month === null) return checkMonthLost(read, twin, near, printed, confidence);
  const years = twin.year ? [twin.year] : [-1, 0, 1].map((d) => Number(near.slice(0, 4)) + d);
  const days = twin.day ? [twin.day] : Array.from({ length: 31 }, (_, d) => d + 1);
  const candidates = years.flatMap((y) => days.flatMap((d) => isoOf(y, twin.month!, d) ?? []));
  const lost = [twin.day ? null : 'day', twin.year ? null : 'year'].filter(Boolean).join(' and ');
  const agreeing = candidates.filter((c) => calendarsAgree(read.h, c));
  if (!twin.day && agreeing.length > 0) {
    return {
      read,
      gregorian: near,
      confidence: Math.min(confidence, 0.5),
      notes: [`Gregorian ${lost} not read: ${near} from the Hijri date, its month agreeing`],
    };
  }
  const found = nearest(agreeing, (c) => c, near);
  if (found) {
    return {
      read,
      gregorian: found,
      confidence,
      notes: [`Gregorian ${lost} not read: ${found.slice(0, 4)} from the Hijri date`],
    };
  }
  if (twin.day) {
    const fix = nearest(
      candidates.flatMap((gregorian) =>
        hijriRepairs(read.h, gregorian).map((hijri) => ({ gregorian, hijri })),
      ),
      (c) => c.gregorian,
      near,
    );
    if (fix) {
      return {
        read: repaired(read, fix.hijri, vocab),
        gregorian: fix.gregorian,
        confidence,
        notes: [
          `Hijri date ${hijriText(read)} repaired to agree with ${fix.gregorian}`,
          `Gregorian ${lost} not read: ${fix.gregorian.slice(0, 4)} from the Hijri date`,
        ],
      };
    }
  }
  return conflicting(read, printed, null, confidence);
}

/**
 * A twin whose day and year were read but not its month: the day of that year, in the month of
 * the date the Hijri one gives or a month beside it, that agrees with the Hijri date; only when
 * exactly one does, with a note. Else both readings are kept.
 */
function checkMonthLost(
  read: HijriRead,
  twin: PartialTwin,
  near: string,
  printed: string,
  confidence: number,
): Checked {
  const month = Number(near.slice(5, 7));
  const candidates = [month - 1, month, month + 1]
    .filter((m) => m >= 1 && m <= 12)
    .flatMap((m) => isoOf(twin.year!, m, twin.day!) ?? []);
  const agreeing = candidates.filter((c) => calendarsAgree(read.h, c));
  if (agreeing.length === 1) {
    return {
      read,
      gregorian: agreeing[0]!,
      confidence: Math.min(confidence, 0.6),
      notes: [
        `Gregorian month not read (${printed}): ${agreeing[0]} from the Hijri date, day and year agreeing`,
      ],
    };
  }
  return conflicting(read, printed, null, confidence);
}

/**
 * Finds the first date in a French string: `3 joumada I 1378 (15 novembre 1958)`,
 * `1er rabii II 1424 (19 juin 2003)`, `2 chaoual 1429 (2-10-2008)`, `15 novembre 1958`.
 * Tolerates OCR noise in month names and digits; checks the Hijri date against the
 * Gregorian one (±2 days) and repairs one misread digit or ordinal in either when exactly
 * one repair fits. Returns null when no date is found.
 */
export function parseFrenchDate(text: string): ParsedDate | null {
  return parseDate(text, FRENCH_DATES);
}

/**
 * Finds the first date in an Arabic string: `3 جمادى الأولى 1378 (15 نوفمبر 1958)`,
 * `فاتح رمضان 1435 (29 يونيو 2014)`, Western or Arabic-Indic digits; same checks and
 * repairs as {@link parseFrenchDate}. Positions refer to `text` (digit conversion keeps lengths).
 */
export function parseArabicDate(text: string): ParsedDate | null {
  return parseDate(toWesternDigits(text), ARABIC_DATES);
}

/**
 * The first day and month of a French date in `text` (`a4 juillet 1995`, `23 mai rgo8`), dated
 * in `year` whatever is printed after them: a masthead whose year OCR misread, repaired by the
 * year of publication it counts. Null when no day and month are read.
 */
export function parseFrenchDateInYear(text: string, year: number): ParsedDate | null {
  const tokens = tokenize(text);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const day = readDay(tokens[i]!.bare, FRENCH_DATES);
    const month = day && readGregorianMonth(tokens[i + 1]!.bare, FRENCH_DATES);
    const iso = day && month && isoOf(year, month.month, day.day);
    if (!day || !month || !iso) continue;
    return {
      hijri: null,
      hijriText: null,
      gregorian: iso,
      start: tokens[i]!.start,
      end: tokens[i + 1]!.end,
      confidence: Math.min(day.confidence, month.confidence, 0.7),
      notes: [
        `year ${year} taken from the year of publication the masthead counts: the year printed was misread`,
      ],
    };
  }
  return null;
}

const FRENCH_DATES: DateVocabulary = {
  hijriMonths: HIJRI_MONTHS_FR,
  gregorianMonths: GREGORIAN_MONTHS_FR.map((m) => [m]),
  firstDay: '1er',
  readFirstDay: () => false,
  ordinalMonths: ORDINAL_MONTHS,
  yearWords: [],
  twinWords: [],
};

const ARABIC_DATES: DateVocabulary = {
  hijriMonths: HIJRI_MONTHS_AR,
  gregorianMonths: GREGORIAN_MONTHS_AR,
  firstDay: FIRST_DAY_AR,
  readFirstDay: (token) => matchWord(token, FIRST_DAY_AR) > 0,
  ordinalMonths: [],
  yearWords: ['عام', 'سنة'],
  twinWords: ['موافق', 'الموافق'],
};

/** Whether a token is one of `words` (OCR noise tolerated). */
function isOneOf(token: Token | undefined, words: readonly string[]): boolean {
  return token !== undefined && words.some((w) => matchWord(token.bare, w) > 0);
}

/** A Hijri date and what its twin made of it, starting at token i; null when none starts there. */
function readHijriDate(tokens: Token[], i: number, vocab: DateVocabulary): ParsedDate | null {
  const day = readDay(tokens[i]!.bare, vocab);
  const apart = day ? ordinalApart(tokens, i) : 0;
  // `14 من رجب 1424`: the Arabic edition may word a day of the Hijri month so.
  const of = day && tokens[i + 1 + apart]?.bare === 'من' ? 1 : 0;
  const month = day && readHijriMonth(tokens, i + 1 + apart + of, vocab);
  const monthEnd = month ? i + 1 + apart + of + month.used : -1;
  const yearAt = isOneOf(tokens[monthEnd], vocab.yearWords) ? monthEnd + 1 : monthEnd;
  // Up to 1999: the source's own typos (`4 rejeb 1929` for 1429) are repaired, not dropped.
  const year = month && readYear(tokens[yearAt]?.bare ?? '', 1300, 1999);
  if (!day || !month || !year) return null;
  const read: HijriRead = {
    h: { day: day.day, month: month.month, year: year.year },
    first: day.first || apart > 0 ? vocab.firstDay : null,
    printedMonth: month.printed,
    confidence: Math.min(day.confidence, month.confidence, year.confidence),
  };
  const after = yearAt + 1;
  const hasTwin = tokens[after]?.bare === '(' || isOneOf(tokens[after], vocab.twinWords);
  // `6رجب 1434 60 يونيو 2013)`: OCR lost the parenthesis (here into the day, `(6` read `60`);
  // the twin is still there, the year read as the parenthesis that opens it.
  const open = hasTwin ? after : lostParenthesisTwin(tokens, after, vocab) ? yearAt : -1;
  const whole = open >= 0 ? readGregorian(tokens, open + 1, vocab) : null;
  const partial = open >= 0 && !whole ? readPartialTwin(tokens, open, vocab) : null;
  let checked: Checked;
  let end = tokens[yearAt]!.end;
  if (whole) {
    const close = tokens[open + 1 + whole.used];
    end = close?.bare === ')' ? close.end : tokens[open + whole.used]!.end;
    checked = checkWhole(read, whole, vocab);
  } else if (partial) {
    end = tokens[partial.last]!.end;
    checked = checkPartial(read, partial, vocab);
  } else {
    // A parenthesis with figures in it is a Gregorian date OCR left nothing of: say so.
    const unread = hasTwin && tokens.slice(open + 1, open + 1 + TWIN_TOKENS).some((t) => /\d/.test(t.bare));
    checked = {
      read,
      gregorian: hijriToGregorian(read.h),
      confidence: Math.min(read.confidence, 0.6),
      notes: [
        unread
          ? 'Gregorian date printed but not read: computed from the Hijri date'
          : 'no Gregorian date printed: computed from the Hijri date',
      ],
    };
  }
  return {
    hijri: checked.read.h,
    hijriText: hijriText(checked.read),
    gregorian: checked.gregorian,
    start: tokens[i]!.start,
    end,
    confidence: checked.confidence,
    notes: checked.notes,
    ...(checked.conflict ? { conflict: checked.conflict } : {}),
  };
}

/**
 * Whether the tokens after a Hijri date's year are its Gregorian twin with the opening
 * parenthesis lost: figures, a Gregorian month, then the twin's year or its closing
 * parenthesis (`1434 60 يونيو 2013)`). Another date further on is no twin.
 */
function lostParenthesisTwin(tokens: readonly Token[], at: number, vocab: DateVocabulary): boolean {
  const day = tokens[at]?.bare ?? '';
  const next = tokens[at + 2]?.bare ?? '';
  return (
    /^[\dOolI]{1,2}$/.test(day) &&
    readGregorianMonth(tokens[at + 1]?.bare ?? '', vocab) !== null &&
    (next === ')' || (/^\d{4}$/.test(next) && tokens[at + 3]?.bare === ')'))
  );
}

/** Tokens before a Gregorian date within which a Hijri month name means its Hijri twin was printed. */
const HIJRI_REACH = 6;

function parseDate(text: string, vocab: DateVocabulary): ParsedDate | null {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const hijri = readHijriDate(tokens, i, vocab);
    if (hijri) return hijri;
    const g = readGregorian(tokens, i, vocab);
    const iso = g && isoOf(g.year, g.month, g.day);
    if (g && iso) {
      // A Hijri month just before, whose date was not read: the Gregorian date stands unchecked.
      const unread = tokens
        .slice(Math.max(0, i - HIJRI_REACH), i)
        .some((_, k, near) => readHijriMonth(tokens, i - near.length + k, vocab));
      return {
        hijri: null,
        hijriText: null,
        gregorian: iso,
        start: tokens[i]!.start,
        end: tokens[i + g.used - 1]!.end,
        confidence: unread ? Math.min(g.confidence, 0.6) : g.confidence,
        notes: unread ? ['Hijri date printed but not read: the Gregorian date is unchecked'] : [],
      };
    }
  }
  return null;
}
