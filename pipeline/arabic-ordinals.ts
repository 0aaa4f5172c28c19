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

/** Feminine ordinal 1–199: `الثانية عشرة`, `الحادية والعشرون`, `الثالثة بعد المائة`. */
export function feminineOrdinalAr(n: number): string {
  if (n >= 100) return n === 100 ? 'المائة' : `${feminineOrdinalAr(n - 100)} بعد المائة`;
  if (n <= 10) return FEMININE[n]!;
  const unit = n % 10;
  const unitWord = unit === 1 ? 'الحادية' : FEMININE[unit]!;
  if (n < 20) return `${unitWord} عشرة`;
  const tens = TENS[Math.floor(n / 10)]!;
  return unit === 0 ? tens : `${unitWord} و${tens}`;
}

/** Masculine ordinal 1–10 for parts and chapters: `الباب الثالث`. */
export function masculineOrdinalAr(n: number): string {
  const word = MASCULINE[n];
  if (!word) throw new RangeError(`no ordinal word for ${n}`);
  return word;
}
