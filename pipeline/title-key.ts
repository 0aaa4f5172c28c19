/**
 * The part of a title that identifies a text without a number, in a form OCR damage rarely
 * changes: what the fallback id of DESIGN.md hashes. OCR misreads figures more than letters;
 * among letters, Arabic ones that differ only by their dots (`الجريدة` → `الجزيدة`) and alefs
 * lost; it adds a stray letter to a word or a stroke beside letters of its shape, echoes the
 * start of a word before it (`الت النقل`), and loses
 * spaces and the short words between figures. The id already carries the type and the date, so the type word, the figures and
 * the date's words add nothing to the hash but risk.
 */
import { GREGORIAN_MONTHS_AR, GREGORIAN_MONTHS_FR, HIJRI_MONTHS_AR, HIJRI_MONTHS_FR } from './calendars.js';
import { SUFFIXES } from './ids.js';
import { foldForSearch } from './normalize.js';

/** Arabic letters folded to the letter of the same shape without dots (the rasm). */
const ARABIC_RASM: Record<string, string> = {
  ت: 'ب',
  ث: 'ب',
  ن: 'ب',
  ي: 'ب',
  ج: 'ح',
  خ: 'ح',
  ذ: 'د',
  ز: 'ر',
  ش: 'س',
  ض: 'ص',
  ظ: 'ط',
  غ: 'ع',
  ق: 'ف',
};
const ARABIC_RASM_RE = new RegExp(`[${Object.keys(ARABIC_RASM).join('')}]`, 'g');

/** Latin shapes OCR takes for one another, each folded to one (after the fold to lower case). */
const LATIN_SHAPES: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/cl/g, 'd'],
  [/vv/g, 'w'],
  [/[l1|!]/g, 'i'],
];

/** Words shorter than this are left out: particles OCR drops, merges or invents. */
const MIN_WORD_LENGTH = 3;
/** Words between two figures at most this many apart belong to a date or a reference. */
const MAX_WORDS_BETWEEN_FIGURES = 3;

function shape(word: string): string {
  // Alef, a thin upright stroke, is the letter OCR loses most (`العمومي` → `لعمومي`).
  let out = word.replace(/ا/g, '').replace(ARABIC_RASM_RE, (c) => ARABIC_RASM[c]!);
  for (const [from, to] of LATIN_SHAPES) out = out.replace(from, to);
  // A stray stroke beside letters of its shape (`يبتحديد` for `بتحديد`) adds nothing once runs are one.
  return out.replace(/(\p{L})\1+/gu, '$1');
}

const words = (s: string) =>
  foldForSearch(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Month names of both calendars in both editions, as shapes: the first word of each spelling
 * (`ربيع`, not the ordinal after it, which titles use for other things).
 */
const MONTH_WORDS = new Set(
  [...HIJRI_MONTHS_FR, ...HIJRI_MONTHS_AR, ...GREGORIAN_MONTHS_AR, GREGORIAN_MONTHS_FR]
    .flat()
    .map((spelling) => shape(words(spelling)[0]!)),
);

const hasFigure = (word: string) => /\p{N}/u.test(word);
/** An issue's or an article's suffix after a number (`6139 bis`, `6139 مكرر`): it tells two issues apart. */
const isSuffix = (word: string) => word === 'مكرر' || (SUFFIXES as readonly string[]).includes(word);

/**
 * The title's words that name the text, folded to shapes OCR keeps, joined without spaces.
 *
 * @example titleKey('Décision du ministre du 3 mai 2013 relative aux tarifs') === titleKey('Decision du rninistre du 8 mai 2013 relative auxtarifs')
 */
export function titleKey(title: string): string {
  // The first word is the type's, already in the id (and OCR may add a letter to it).
  const tokens = words(title).slice(1);
  const figures = tokens.flatMap((t, i) => (hasFigure(t) ? [i] : []));
  const inDate = new Set<number>();
  for (let k = 1; k < figures.length; k++) {
    const [from, to] = [figures[k - 1]!, figures[k]!];
    if (to - from - 1 <= MAX_WORDS_BETWEEN_FIGURES) for (let i = from + 1; i < to; i++) inDate.add(i);
  }
  const shapes = tokens
    .filter((t, i) => !hasFigure(t) && (!inDate.has(i) || isSuffix(t)) && t.length >= MIN_WORD_LENGTH)
    .map(shape)
    .filter((t) => !MONTH_WORDS.has(t));
  // OCR echoes the start of a word, or the whole word, before reading it (`في مجال الت النقل`):
  // a shape the next one begins with adds nothing.
  return shapes.filter((t, i) => !shapes[i + 1]?.startsWith(t)).join('');
}
