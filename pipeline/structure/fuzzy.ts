/**
 * Keyword matching that tolerates what OCR does to French print: `l`/`1`/`I`, `O`/`0`,
 * `rn`/`m`, lost accents, `h` read as `ft` (`Daftir` for `Dahir`), and to Arabic print:
 * hamza seats, `ى`/`ي`, `ة`/`ه`, tatweel; plus a bounded number of other edits. Every
 * match says how sure it is.
 */
import { distance } from 'fastest-levenshtein';
import type { Confidence } from '../model.js';

/** Lower case, no accents: the form in which printed and OCR'd words are compared exactly. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Collapses the characters OCR confuses into one representative each, so that confused
 * spellings compare equal: `ARTlCLE` ≡ `Article`, `Daftir` ≡ `Dahir`, `PREMlER` ≡ `premier`.
 */
export function skeleton(s: string): string {
  return (
    fold(s)
      // Arabic: tatweel drawn out, final yā' without dots, tā' marbūṭa read as hā'.
      .replace(/\u0640/g, '')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      // `قراز` for `قرار`: a scan's speck reads as the dot that makes rā' a zāy.
      .replace(/ز/g, 'ر')
      .replace(/rn/g, 'm')
      .replace(/vv/g, 'w')
      .replace(/ft|fi/g, 'h')
      .replace(/[1i|!íìî/]/g, 'l')
      .replace(/0/g, 'o')
  );
}

/** Edits beyond OCR confusions a keyword of this length may absorb: none for short words. */
function maxEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/**
 * How well a word read from a page matches a keyword: 1 when equal up to case and accents,
 * 0.9 when equal up to OCR confusions, lower with each further edit; 0 when too far.
 * `edits` raises the edits a short keyword may absorb, for a word whose place vouches for it
 * (a sommaire title alone on its line).
 */
export function matchWord(word: string, keyword: string, edits?: number): Confidence {
  if (fold(word) === fold(keyword)) return 1;
  const a = skeleton(word);
  const b = skeleton(keyword);
  if (!a) return 0;
  if (a === b) return 0.9;
  const found = distance(a, b);
  return found <= Math.max(maxEdits(b.length), edits ?? 0) ? 0.9 - 0.15 * found : 0;
}

/**
 * Matches a phrase of keywords against the words at the start of `text`; returns the
 * confidence (the weakest word's) and how many characters of `text` it covered, or null.
 */
export function matchPhrase(text: string, phrase: string): { confidence: Confidence; length: number } | null {
  const wanted = phrase.split(/[\s-]+/);
  const re = /[^\s\-–—.,:;،؛]+/gy;
  let pos = 0;
  let confidence = 1;
  for (const keyword of wanted) {
    const gap = /^[\s\-–—]*/.exec(text.slice(pos))![0].length;
    re.lastIndex = pos + gap;
    const m = re.exec(text);
    if (!m) return null;
    const c = matchWord(m[0], keyword);
    if (c === 0) return null;
    confidence = Math.min(confidence, c);
    pos = re.lastIndex;
  }
  return { confidence, length: pos };
}

const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  l: '1',
  I: '1',
  '|': '1',
  '!': '1',
  i: '1',
  S: '5',
  B: '8',
  Z: '2',
};

/**
 * Reads a token that should be digits (a number, a day, a year), repairing letters OCR puts
 * for digits: `1O` → `10`, `II` → `11`. Null when a character is neither.
 */
export function readDigits(token: string): { digits: string; confidence: Confidence } | null {
  if (!token) return null;
  let repaired = 0;
  let out = '';
  for (const ch of token) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (DIGIT_LOOKALIKES[ch] !== undefined) {
      out += DIGIT_LOOKALIKES[ch];
      repaired++;
    } else return null;
  }
  // A token of letters only (`II`, `lO`) is read as digits only where the context wants them.
  return { digits: out, confidence: repaired === 0 ? 1 : repaired < token.length ? 0.8 : 0.6 };
}

/**
 * Whether the figures of `short` are those of `long` with some dropped, in order (`964` for
 * `5964`, `9` for `3602-19`): OCR loses figures far more often than it invents them.
 */
export function dropsFigures(short: string, long: string): boolean {
  const read = short.replace(/\D/g, '');
  const whole = long.replace(/\D/g, '');
  let at = 0;
  for (const figure of whole) if (figure === read[at]) at++;
  return read.length > 0 && at === read.length && read.length < whole.length;
}

/** Whether a line is mostly capital letters (section titles, signatures, `DÉCRÈTE :`). */
export function isMostlyUpperCase(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.7;
}
