/**
 * Hijri ↔ Gregorian conversion through `Intl`'s Umm al-Qura calendar, and the month
 * names the Bulletin officiel prints. Morocco fixes months by sighting, so a printed
 * Hijri date may differ from Umm al-Qura by a day or two: compare with a tolerance.
 */

import { toWesternDigits } from './ids.js';
import { fold, matchWord, readDigits } from './structure/fuzzy.js';

export interface HijriDate {
  day: number;
  /** 1 = moharrem … 12 = hija. */
  month: number;
  year: number;
}

const HIJRI_FORMAT = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Parses `YYYY-MM-DD` as a UTC date; throws on a malformed or impossible date. */
export function parseIsoDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== iso) throw new RangeError(`no such date: ${iso}`);
  return date;
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Umm al-Qura Hijri date of a Gregorian ISO date. */
export function toHijri(iso: string): HijriDate {
  const parts = HIJRI_FORMAT.formatToParts(parseIsoDate(iso));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { day: get('day'), month: get('month'), year: Number.parseInt(String(get('year')), 10) };
}

const DAY_MS = 86_400_000;
/** Mean length of a Hijri year in days, to land near the answer before an exact search. */
const HIJRI_YEAR_DAYS = 354.36667;
/** 1 moharrem 1 AH = 16 July 622 (Julian), in ms since the Unix epoch (proleptic Gregorian 19 July 622). */
const HIJRI_EPOCH_MS = Date.UTC(622, 6, 19);

/** Gregorian ISO date of a Hijri date (Umm al-Qura); null when the date does not exist. */
export function fromHijri(h: HijriDate): string | null {
  if (h.month < 1 || h.month > 12 || h.day < 1 || h.day > 30) return null;
  const approx =
    HIJRI_EPOCH_MS + ((h.year - 1) * HIJRI_YEAR_DAYS + (h.month - 1) * 29.53 + (h.day - 1)) * DAY_MS;
  for (let offset = 0; offset <= 40; offset++) {
    for (const sign of offset === 0 ? [1] : [-1, 1]) {
      const iso = toIsoDate(new Date(approx + sign * offset * DAY_MS));
      const got = toHijri(iso);
      if (got.year === h.year && got.month === h.month && got.day === h.day) return iso;
    }
  }
  return null;
}

/** Days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseIsoDate(b).getTime() - parseIsoDate(a).getTime()) / DAY_MS);
}

/** French spellings of Hijri months as the BO prints them; index 0 = month 1. The first is the usual one. */
export const HIJRI_MONTHS_FR: readonly (readonly string[])[] = [
  ['moharrem', 'moharram', 'mohorrem'],
  ['safar'],
  ['rabii I', 'rebia I', 'rabia I', 'rabi I', 'rabii premier'],
  ['rabii II', 'rebia II', 'rabia II', 'rabi II'],
  ['joumada I', 'joumada premier', 'jumada I', 'joumada al oula'],
  ['joumada II', 'jumada II', 'joumada al akhira'],
  ['rejeb', 'rajab'],
  ['chaabane', 'chaabane', 'chaaban', 'chaâbane'],
  ['ramadan'],
  ['chaoual', 'chaouval', 'chawwal'],
  ['kaada', 'kaâda', 'dou al kaada', 'hija I'],
  ['hija', 'hijja', 'dou al hija', 'kaada II'],
];

/** Arabic names of Hijri months as the BO prints them. */
export const HIJRI_MONTHS_AR: readonly (readonly string[])[] = [
  ['محرم'],
  ['صفر'],
  ['ربيع الأول'],
  ['ربيع الآخر', 'ربيع الثاني'],
  ['جمادى الأولى'],
  ['جمادى الآخرة', 'جمادى الثانية'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة'],
  ['ذو الحجة'],
];

export const GREGORIAN_MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/**
 * Moroccan Arabic Gregorian month names; index 0 = January; variants after the first
 * (the Mashriq names some texts and OCR'd sources use).
 */
export const GREGORIAN_MONTHS_AR: readonly (readonly string[])[] = [
  ['يناير'],
  ['فبراير'],
  ['مارس'],
  ['أبريل', 'ابريل'],
  ['ماي', 'مايو'],
  ['يونيو', 'يونيه'],
  ['يوليو', 'يوليوز'],
  ['غشت', 'أغسطس'],
  ['شتنبر', 'سبتمبر'],
  ['أكتوبر', 'اكتوبر'],
  ['نونبر', 'نوفمبر'],
  ['دجنبر', 'ديسمبر'],
];

/** How the Arabic edition writes the first day of a month: `فاتح رمضان`. */
const FIRST_DAY_AR = 'فاتح';

/** `3 joumada I 1378` for a Gregorian ISO date. */
export function formatHijriFr(iso: string): string {
  const h = toHijri(iso);
  return `${h.day === 1 ? '1er' : h.day} ${HIJRI_MONTHS_FR[h.month - 1]![0]} ${h.year}`;
}

/** `15 novembre 1958` for a Gregorian ISO date. */
export function formatGregorianFr(iso: string): string {
  const d = parseIsoDate(iso);
  const day = d.getUTCDate();
  return `${day === 1 ? '1er' : day} ${GREGORIAN_MONTHS_FR[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `3 جمادى الأولى 1378` (`فاتح` for the first day) for a Gregorian ISO date. */
export function formatHijriAr(iso: string): string {
  const h = toHijri(iso);
  return `${h.day === 1 ? FIRST_DAY_AR : h.day} ${HIJRI_MONTHS_AR[h.month - 1]![0]} ${h.year}`;
}

/** `15 نونبر 1958` for a Gregorian ISO date (Moroccan month names). */
export function formatGregorianAr(iso: string): string {
  const d = parseIsoDate(iso);
  return `${d.getUTCDate()} ${GREGORIAN_MONTHS_AR[d.getUTCMonth()]![0]} ${d.getUTCFullYear()}`;
}

/** `2-10-2008`, as running headers print it. */
export function formatGregorianNumeric(iso: string): string {
  const d = parseIsoDate(iso);
  return `${d.getUTCDate()}-${d.getUTCMonth() + 1}-${d.getUTCFullYear()}`;
}

/** A date as either edition prints it: Hijri first, Gregorian in parentheses, either alone. */
export interface ParsedDate {
  hijri: HijriDate | null;
  /** Hijri date as printed (after repair of OCR'd characters): `3 joumada I 1378`, `3 جمادى الأولى 1378`. */
  hijriText: string | null;
  /** Gregorian ISO date as printed, or computed from the Hijri date when none is printed. */
  gregorian: string | null;
  /** Where the date starts and ends in the parsed string (end is exclusive, after the `)`). */
  start: number;
  end: number;
  /** 1 when both halves were read cleanly and agree; lower after repairs or without a cross-check. */
  confidence: number;
  /** What was repaired or doubtful, for warnings. */
  notes: string[];
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
}

interface Token {
  text: string;
  /** Token without trailing punctuation, the form compared. */
  bare: string;
  start: number;
  end: number;
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (const m of s.matchAll(/[()]|[^\s()]+/g)) {
    const bare = m[0] === '(' || m[0] === ')' ? m[0] : m[0].replace(/[,;.:]+$/, '');
    tokens.push({ text: m[0], bare, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** `3`, `1er`, `ler`, `II` (OCR for 11), `1O`, `فاتح`: a day of month and whether it was printed as the first. */
function readDay(
  token: string,
  vocab: DateVocabulary,
): { day: number; first: boolean; confidence: number } | null {
  if (vocab.readFirstDay(token)) return { day: 1, first: true, confidence: 1 };
  const m = /^([\dOolI|!]{1,2}?)(er|re)?$/.exec(token);
  if (!m) return null;
  const read = readDigits(m[1]!);
  if (!read) return null;
  const day = Number(read.digits);
  if (day < 1 || day > 31) return null;
  return { day, first: Boolean(m[2]), confidence: read.confidence };
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
  const month = day && readGregorianMonth(tokens[i + 1]?.bare ?? '', vocab);
  const year = month && readYear(tokens[i + 2]?.bare ?? '', 1900, 2100);
  if (!day || !month || !year) return null;
  return {
    day: day.day,
    month: month.month,
    year: year.year,
    used: 3,
    confidence: Math.min(day.confidence, month.confidence, year.confidence),
  };
}

/** Gregorian date of a Hijri date, tolerating a day 30 that Umm al-Qura does not have. */
function hijriToGregorian(h: HijriDate): string | null {
  const day = Math.min(h.day, 29);
  const iso = fromHijri({ ...h, day });
  if (!iso) return null;
  return toIsoDate(new Date(parseIsoDate(iso).getTime() + (h.day - day) * DAY_MS));
}

/** Days a printed Hijri date may differ from Umm al-Qura: Morocco sights the moon. */
const SIGHTING_TOLERANCE_DAYS = 2;

/** Hijri years the Bulletin officiel can carry (1913–2100 and some slack). */
const HIJRI_YEARS = { min: 1300, max: 1530 };

function agrees(h: HijriDate, gregorian: string): boolean {
  if (h.year < HIJRI_YEARS.min || h.year > HIJRI_YEARS.max) return false;
  const g = hijriToGregorian(h);
  return g !== null && Math.abs(daysBetween(g, gregorian)) <= SIGHTING_TOLERANCE_DAYS;
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

/** Ordinal months OCR may flip (`rabii I` ↔ `rabii II`). */
const SIBLING_MONTH: Record<number, number> = { 3: 4, 4: 3, 5: 6, 6: 5 };

function hijriRepairs(h: HijriDate, gregorian: string): HijriDate[] {
  const candidates: HijriDate[] = [
    ...oneDigitVariants(h.day, 2).map((day) => ({ ...h, day })),
    ...oneDigitVariants(h.year, 4).map((year) => ({ ...h, year })),
  ];
  if (SIBLING_MONTH[h.month]) candidates.push({ ...h, month: SIBLING_MONTH[h.month]! });
  return candidates.filter((c) => c.day >= 1 && c.day <= 30 && agrees(c, gregorian));
}

function gregorianRepairs(g: GregorianRead, h: HijriDate): string[] {
  const candidates = [
    ...oneDigitVariants(g.day, 2).map((day) => isoOf(g.year, g.month, day)),
    ...oneDigitVariants(g.year, 4).map((year) => isoOf(year, g.month, g.day)),
    ...oneDigitVariants(g.month, 2).map((month) => isoOf(g.year, month, g.day)),
  ];
  return candidates.filter((c): c is string => c !== null && agrees(h, c));
}

/**
 * A Gregorian twin whose year OCR lost (`(9 أكتوبر 2))`): its day and month, in the year
 * the Hijri date falls in or next to it. When the Hijri date disagrees with it, the Hijri
 * date is the one repaired: a month name survives OCR where a digit of the Hijri day does not.
 */
function yearlessGregorian(
  tokens: Token[],
  i: number,
  h: HijriDate,
  vocab: DateVocabulary,
): { gregorian: string; hijri: HijriDate } | null {
  const day = readDay(tokens[i]?.bare ?? '', vocab);
  const month = day && readGregorianMonth(tokens[i + 1]?.bare ?? '', vocab);
  const near = hijriToGregorian(h);
  if (!day || !month || !near) return null;
  const year = Number(near.slice(0, 4));
  const candidates = [year - 1, year, year + 1].flatMap((y) => isoOf(y, month.month, day.day) ?? []);
  const agreeing = closest(
    candidates.filter((c) => agrees(h, c)),
    (c) => c,
    near,
  );
  if (agreeing) return { gregorian: agreeing, hijri: h };
  const repaired = closest(
    candidates.flatMap((gregorian) => hijriRepairs(h, gregorian).map((hijri) => ({ gregorian, hijri }))),
    (c) => c.gregorian,
    near,
  );
  return repaired;
}

/** The candidate whose Gregorian date is nearest to `target`; null when there is none. */
function closest<T>(
  candidates: readonly T[],
  gregorianOf: (c: T) => string,
  target: string | null,
): T | null {
  if (!target) return null;
  let best: T | null = null;
  let bestDays = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const days = Math.abs(daysBetween(gregorianOf(c), target));
    if (days < bestDays) [best, bestDays] = [c, days];
  }
  return best;
}

function hijriText(h: HijriDate, first: string | null, printedMonth: string): string {
  return `${h.day === 1 && first ? first : h.day} ${printedMonth} ${h.year}`;
}

/**
 * Finds the first date in a French string: `3 joumada I 1378 (15 novembre 1958)`,
 * `1er rabii II 1424 (19 juin 2003)`, `2 chaoual 1429 (2-10-2008)`, `15 novembre 1958`.
 * Tolerates OCR noise in month names and digits; checks the Hijri date against the
 * Gregorian one (±2 days) and uses their agreement to repair one misread digit or ordinal
 * in either. Returns null when no date is found.
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

const FRENCH_DATES: DateVocabulary = {
  hijriMonths: HIJRI_MONTHS_FR,
  gregorianMonths: GREGORIAN_MONTHS_FR.map((m) => [m]),
  firstDay: '1er',
  readFirstDay: () => false,
  ordinalMonths: ORDINAL_MONTHS,
};

const ARABIC_DATES: DateVocabulary = {
  hijriMonths: HIJRI_MONTHS_AR,
  gregorianMonths: GREGORIAN_MONTHS_AR,
  firstDay: FIRST_DAY_AR,
  readFirstDay: (token) => matchWord(token, FIRST_DAY_AR) > 0,
  ordinalMonths: [],
};

function parseDate(text: string, vocab: DateVocabulary): ParsedDate | null {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const day = readDay(tokens[i]!.bare, vocab);
    const month = day && readHijriMonth(tokens, i + 1, vocab);
    const yearAt = month ? i + 1 + month.used : -1;
    // Up to 1999: the source's own typos (`4 rejeb 1929` for 1429) are repaired below, not dropped.
    const year = month && readYear(tokens[yearAt]?.bare ?? '', 1300, 1999);
    if (day && month && year) {
      let h: HijriDate = { day: day.day, month: month.month, year: year.year };
      let printedMonth = month.printed;
      let end = tokens[yearAt]!.end;
      let confidence = Math.min(day.confidence, month.confidence, year.confidence);
      const notes: string[] = [];
      let gregorian: string | null = null;
      const open = yearAt + 1;
      const g = tokens[open]?.bare === '(' ? readGregorian(tokens, open + 1, vocab) : null;
      if (g) {
        const close = tokens[open + 1 + g.used];
        end = close?.bare === ')' ? close.end : tokens[open + g.used]!.end;
        gregorian = isoOf(g.year, g.month, g.day);
        confidence = Math.min(confidence, g.confidence);
        if (!gregorian || !agrees(h, gregorian)) {
          const fixH = gregorian
            ? closest(hijriRepairs(h, gregorian), (c) => hijriToGregorian(c)!, gregorian)
            : null;
          const fixG = closest(gregorianRepairs(g, h), (c) => c, hijriToGregorian(h));
          const hijriConfidence = Math.min(day.confidence, month.confidence, year.confidence);
          // Both sides can be repaired: repair the one read less surely; if equally sure, neither.
          const repairHijri = fixH && (!fixG || hijriConfidence < g.confidence);
          const repairGregorian = fixG && (!fixH || g.confidence < hijriConfidence);
          if (repairHijri) {
            notes.push(
              `Hijri date ${hijriText(h, day.first ? vocab.firstDay : null, printedMonth)} repaired to agree with ${gregorian}`,
            );
            if (fixH.month !== h.month) printedMonth = vocab.hijriMonths[fixH.month - 1]![0]!;
            h = fixH;
            confidence = Math.min(confidence, 0.7);
          } else if (repairGregorian) {
            notes.push(
              `Gregorian date ${gregorian ?? 'invalid'} repaired to ${fixG} to agree with the Hijri date`,
            );
            gregorian = fixG;
            confidence = Math.min(confidence, 0.7);
          } else {
            notes.push(
              `Hijri and Gregorian dates disagree: ${hijriText(h, day.first ? vocab.firstDay : null, printedMonth)} / ${gregorian}`,
            );
            confidence = Math.min(confidence, 0.4);
          }
        }
      } else {
        const partial = tokens[open]?.bare === '(' ? yearlessGregorian(tokens, open + 1, h, vocab) : null;
        if (partial) {
          end = tokens[open + 2]!.end;
          if (partial.hijri !== h) {
            notes.push(
              `Hijri date ${hijriText(h, day.first ? vocab.firstDay : null, printedMonth)} repaired to agree with ${partial.gregorian}`,
            );
            h = partial.hijri;
          }
          notes.push(`Gregorian year not read: ${partial.gregorian.slice(0, 4)} from the Hijri date`);
          gregorian = partial.gregorian;
        } else {
          gregorian = hijriToGregorian(h);
          notes.push('no Gregorian date printed: computed from the Hijri date');
        }
        confidence = Math.min(confidence, 0.6);
      }
      return {
        hijri: h,
        hijriText: hijriText(h, day.first ? vocab.firstDay : null, printedMonth),
        gregorian,
        start: tokens[i]!.start,
        end,
        confidence,
        notes,
      };
    }
    const g = readGregorian(tokens, i, vocab);
    const iso = g && isoOf(g.year, g.month, g.day);
    if (g && iso) {
      return {
        hijri: null,
        hijriText: null,
        gregorian: iso,
        start: tokens[i]!.start,
        end: tokens[i + g.used - 1]!.end,
        confidence: g.confidence,
        notes: [],
      };
    }
  }
  return null;
}
