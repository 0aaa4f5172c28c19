/**
 * The year of publication a French masthead counts (`Quarante-deuxième année`,
 * `Cent-quatrième année`): the Bulletin officiel began in 1912, so its n-th year is 1911 + n
 * (`Troisième année` 1914, `Quarante-septième` 1958, `Cent-neuvième` 2020). OCR damages the
 * ordinal less than the figures of a date (`a4 juillet 1995` under `QUARANTE-DEUXIEME ANNEE`
 * for 24 July 1953): the year it gives repairs a misread one.
 */
import { distance } from 'fastest-levenshtein';
import { feminineOrdinalAr } from '../arabic-ordinals.js';
import { fold, matchWord } from './fuzzy.js';

/** The year before the first year of publication: year n is `FIRST_YEAR_BEFORE + n`. */
const FIRST_YEAR_BEFORE = 1911;

/** Years of publication the archive reaches (1912 to past 2030). */
const MAX_ORDINAL = 130;

const UNITS = [
  '',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const TENS = [
  '',
  '',
  'vingt',
  'trente',
  'quarante',
  'cinquante',
  'soixante',
  'soixante',
  'quatre-vingt',
  'quatre-vingt',
];

/** Cardinal in words, 1–199, hyphenated as the masthead writes it (`cent-trois`). */
function cardinal(n: number): string {
  if (n >= 100) return n === 100 ? 'cent' : `cent-${cardinal(n - 100)}`;
  if (n < 20) return UNITS[n]!;
  const ten = Math.floor(n / 10);
  let unit = n % 10;
  // 70–79 and 90–99 count on from soixante-dix / quatre-vingt-dix.
  if (ten === 7 || ten === 9) unit += 10;
  const tens = TENS[ten]!;
  if (unit === 0) return ten === 8 ? 'quatre-vingts' : tens;
  if (unit === 1 && ten !== 8 && ten !== 9) return `${tens}-et-un`;
  if (unit === 11 && ten === 7) return `${tens}-et-onze`;
  return `${tens}-${UNITS[unit]}`;
}

/** Ordinal of a year of publication with a capital, 1–199: `Première`, `Cent-troisième`, `Quatre-vingt-dix-septième`. */
export function ordinalFr(n: number): string {
  if (n < 1 || n > 199) throw new RangeError(`ordinal out of range: ${n}`);
  let words = n === 1 ? 'première' : cardinal(n);
  if (n !== 1) {
    words = words
      .replace(/quatre-vingts$/, 'quatre-vingt')
      .replace(/cinq$/, 'cinqu')
      .replace(/neuf$/, 'neuv')
      .replace(/e$/, '');
    words += 'ième';
  }
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Cent-troisième année` for 2014: the Bulletin officiel began in 1912. */
export function yearOfPublicationFr(year: number): string {
  return `${ordinalFr(year - FIRST_YEAR_BEFORE)} année`;
}

/** Each ordinal as {@link fold} leaves it, without separators (`quarantedeuxieme`). */
const ORDINALS = Array.from({ length: MAX_ORDINAL }, (_, i) => ({
  n: i + 1,
  word: fold(ordinalFr(i + 1)).replace(/[^a-z]/g, ''),
}));

/** Words an ordinal is printed in at most (`quatre-vingt-dix-neuvième`). */
const MAX_WORDS = 5;

/** Edits tolerated for OCR damage: one in a short ordinal, two in a long one. */
function tolerance(word: string): number {
  return word.length >= 12 ? 2 : 1;
}

/** The ordinal a run of words reads closest to, when only one is that close. */
function closestOrdinal(letters: string): number | null {
  let best: { n: number; d: number } | null = null;
  let tie = false;
  for (const { n, word } of ORDINALS) {
    const d = distance(letters, word);
    if (d > tolerance(word)) continue;
    if (!best || d < best.d) [best, tie] = [{ n, d }, false];
    else if (d === best.d) tie = true;
  }
  return best && !tie ? best.n : null;
}

/**
 * The year of publication counted in a masthead line (`Quarante- huitiame année- Afio …`):
 * the ordinal in the words right before `année`, OCR damage tolerated; null when the line
 * counts none or its ordinal reads as none (or as two).
 */
export function readPublicationYear(line: string): number | null {
  const words = line.split(/[\s–—-]+/).filter(Boolean);
  const at = words.findIndex((w) => matchWord(w.replace(/[.,:;]+$/, ''), 'année') > 0);
  if (at <= 0) return null;
  for (let count = Math.min(MAX_WORDS, at); count >= 1; count--) {
    const letters = fold(words.slice(at - count, at).join('')).replace(/[^a-z]/g, '');
    const n = letters ? closestOrdinal(letters) : null;
    if (n !== null) return FIRST_YEAR_BEFORE + n;
  }
  return null;
}

/** Each year of publication's Arabic words, letters only (`الثانيةعشرةبعدالمائة` for 112). */
const ORDINALS_AR = Array.from({ length: MAX_ORDINAL }, (_, i) => ({
  n: i + 1,
  letters: arabicLetters(feminineOrdinalAr(i + 1)),
}));

/** Arabic letters only, tā' marbūṭa and alif maqṣūra folded, as OCR and extraction confuse them. */
function arabicLetters(s: string): string {
  return s
    .replace(/[^\p{Script=Arabic}]|\u0640/gu, '')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[أإآ]/g, 'ا');
}

/**
 * The year of publication an Arabic masthead counts (`السنة الثانية عشرة بعد المائة` for 2023):
 * the ordinal after `السنة`, up to the dash or `عدد` before the issue number; two edits
 * tolerated (a text layer that lost its lam-alef writes `املائة`). Null when no ordinal is that
 * close, or two are.
 */
export function readPublicationYearAr(line: string): number | null {
  const m = /السنة\s+([^\d–—-]+?)\s*(?:[-–—]|عدد|$)/u.exec(line);
  if (!m) return null;
  // A text layer that lost the lam-alef ligature writes `املائة` for `المائة`; OCR reads ئ as ث.
  const letters = arabicLetters(m[1]!).replace(/امل/g, 'الم');
  if (!letters) return null;
  let best: { n: number; d: number } | null = null;
  let tie = false;
  for (const { n, letters: word } of ORDINALS_AR) {
    const d = distance(letters, word);
    if (d > 2) continue;
    if (!best || d < best.d) [best, tie] = [{ n, d }, false];
    else if (d === best.d) tie = true;
  }
  return best && !tie ? FIRST_YEAR_BEFORE + best.n : null;
}
