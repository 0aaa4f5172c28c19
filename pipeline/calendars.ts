/**
 * The two calendars the Bulletin officiel prints: Hijri ↔ Gregorian conversion through
 * `Intl`'s Umm al-Qura calendar (ICU, shipped with Node: no library does it better), the
 * month names both editions print, and how dates are printed. Morocco fixes months by
 * sighting, so a printed Hijri date may differ from Umm al-Qura by a day or two: compare
 * with {@link calendarsAgree}. Reading dates out of OCR'd text is dates.ts's business.
 */

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
  // `صادر في 12 من ذي الحجة`: the genitive after `من` or `في`.
  ['ذو القعدة', 'ذي القعدة'],
  ['ذو الحجة', 'ذي الحجة'],
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
/** English month names: the labels of the BO web viewer's records (`Published on January 21, 1987`). */
export const GREGORIAN_MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

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
export const FIRST_DAY_AR = 'فاتح';

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

/** Gregorian date of a Hijri date, tolerating a day 30 that Umm al-Qura does not have. */
export function hijriToGregorian(h: HijriDate): string | null {
  const day = Math.min(h.day, 29);
  const iso = fromHijri({ ...h, day });
  if (!iso) return null;
  return toIsoDate(new Date(parseIsoDate(iso).getTime() + (h.day - day) * DAY_MS));
}

/** Days a printed Hijri date may differ from Umm al-Qura: Morocco sights the moon. */
export const SIGHTING_TOLERANCE_DAYS = 2;

/** Hijri years the Bulletin officiel can carry (1913–2100 and some slack). */
const HIJRI_YEARS = { min: 1300, max: 1530 };

/** Whether a Hijri date and a Gregorian ISO date name one day, within {@link SIGHTING_TOLERANCE_DAYS}. */
export function calendarsAgree(h: HijriDate, gregorian: string): boolean {
  if (h.year < HIJRI_YEARS.min || h.year > HIJRI_YEARS.max) return false;
  const g = hijriToGregorian(h);
  return g !== null && Math.abs(daysBetween(g, gregorian)) <= SIGHTING_TOLERANCE_DAYS;
}
