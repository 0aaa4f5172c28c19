/** Arabic ordinals as the Arabic edition prints them: the masthead's year, parts, chapters, alinéas. */

const FEMININE = [
  '',
  'الأولى',
  'الثانية',
  'الثالثة',
  'الرابعة',
  'الخامسة',
  'السادسة',
  'السابعة',
  'الثامنة',
  'التاسعة',
  'العاشرة',
];
const MASCULINE = [
  '',
  'الأول',
  'الثاني',
  'الثالث',
  'الرابع',
  'الخامس',
  'السادس',
  'السابع',
  'الثامن',
  'التاسع',
  'العاشر',
];
const TENS = [
  '',
  '',
  'العشرون',
  'الثلاثون',
  'الأربعون',
  'الخمسون',
  'الستون',
  'السبعون',
  'الثمانون',
  'التسعون',
];

/** An ordinal 11–99 from its gender's unit words: `الثاني عشر`, `الحادية والعشرون`. */
function compoundOrdinalAr(n: number, units: readonly string[], eleventh: string, teen: string): string {
  const unit = n % 10;
  const unitWord = unit === 1 ? eleventh : units[unit]!;
  if (n < 20) return `${unitWord} ${teen}`;
  const tens = TENS[Math.floor(n / 10)]!;
  return unit === 0 ? tens : `${unitWord} و${tens}`;
}

/** Feminine ordinal 1–199: `الثانية عشرة`, `الحادية والعشرون`, `الثالثة بعد المائة`. */
export function feminineOrdinalAr(n: number): string {
  if (n >= 100) return n === 100 ? 'المائة' : `${feminineOrdinalAr(n - 100)} بعد المائة`;
  if (n <= 10) return FEMININE[n]!;
  return compoundOrdinalAr(n, FEMININE, 'الحادية', 'عشرة');
}

/** Masculine ordinal 1–99 for parts, chapters and articles: `الباب الثالث`, `الفصل الحادي عشر`. */
export function masculineOrdinalAr(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no ordinal word for ${n}`);
  return n <= 10 ? MASCULINE[n]! : compoundOrdinalAr(n, MASCULINE, 'الحادي', 'عشر');
}
