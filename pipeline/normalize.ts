/**
 * Text normalisation shared by indexing, querying and evaluation. The index and the
 * query must fold text the same way, so both go through {@link tokenizeForSearch}; CER
 * scoring uses the lighter {@link normalizeForCer}.
 */
import type { Language } from './model.js';

const HARAKAT = /[\u064b-\u0652]/g;
const TATWEEL = /\u0640/g;
const WHITESPACE = /\s+/g;

/**
 * Normalises a text before scoring OCR (CER/WER): NFC, whitespace collapsed; Arabic also
 * without harakat (U+064B–U+0652) and tatweel (U+0640), which ground truth leaves out.
 */
export function normalizeForCer(s: string, lang: Language): string {
  let out = s.normalize('NFC');
  if (lang === 'ar') out = out.replace(HARAKAT, '').replace(TATWEEL, '');
  return out.replace(WHITESPACE, ' ').trim();
}

/** Letters that NFKC/NFD leave alone but searchers expect to meet. */
const CHAR_FOLDS: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  '\u0671': '\u0627', // alef wasla → alef
  '\u0649': '\u064a', // alef maqsura → ya
  '\u0629': '\u0647', // ta marbuta → ha
  '\u06cc': '\u064a', // Farsi ya (OCR confuses it with ya)
  '\u06a9': '\u0643', // keheh → kaf
};
const CHAR_FOLD_RE = new RegExp(`[${Object.keys(CHAR_FOLDS).join('')}]`, 'g');
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g;
const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const ASCII_WORD = /^[a-z0-9]+$/;

/**
 * Character-level fold, script-agnostic: presentation forms (NFKC), case, Latin accents and
 * Arabic harakat (NFD then marks out: this also turns أ إ آ into ا and ؤ ئ into و ي), tatweel,
 * alef wasla, alef maqsura, ta marbuta, Arabic-Indic digits. Idempotent.
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(TATWEEL, '')
    .replace(CHAR_FOLD_RE, (c) => CHAR_FOLDS[c]!)
    .replace(ARABIC_INDIC_DIGIT, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

/** French clitics written with an apostrophe before the word they belong to. */
const FRENCH_ELISIONS = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'lorsqu',
  'puisqu',
  'jusqu',
  'quoiqu',
]);
const APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2032']);

/** Feminine and derived endings mapped to the masculine form, longest first. */
const FRENCH_ENDINGS: readonly (readonly [string, string])[] = [
  ['trice', 'teur'],
  ['euse', 'eur'],
  ['elle', 'el'],
  ['enne', 'en'],
  ['ette', 'et'],
  ['ive', 'if'],
];
const MIN_FRENCH_STEM = 3;

/**
 * Light French stemmer on a folded (lower-case, accent-free) word: plural then feminine
 * endings, so `sociétés`, `société` meet and `définitives` meets `définitif`. It only
 * needs to map inflections of one word together, not to produce a dictionary form.
 */
export function stemFrench(word: string): string {
  if (word.length <= MIN_FRENCH_STEM || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('eaux')) w = w.slice(0, -1);
  else if (w.endsWith('aux') && w.length > 4) w = `${w.slice(0, -3)}al`;
  else if ((w.endsWith('s') || w.endsWith('x')) && !w.endsWith('ss')) w = w.slice(0, -1);
  for (const [ending, masculine] of FRENCH_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= MIN_FRENCH_STEM) {
      w = w.slice(0, -ending.length) + masculine;
      break;
    }
  }
  // Drop a final mute e (and the e of -ée): société → societ, associée → associ.
  for (let i = 0; i < 2 && w.endsWith('e') && w.length > MIN_FRENCH_STEM; i++) w = w.slice(0, -1);
  return w;
}

/** Definite article with its proclitics (وال، بال، كال، فال، لل). */
const ARABIC_ARTICLES = [
  '\u0648\u0627\u0644',
  '\u0628\u0627\u0644',
  '\u0643\u0627\u0644',
  '\u0641\u0627\u0644',
  '\u0644\u0644',
  '\u0627\u0644',
];
/** Suffixes (after folding: ة is ه), as in Larkey's light10 stemmer. */
const ARABIC_SUFFIXES = [
  '\u0647\u0627',
  '\u0627\u0646',
  '\u0627\u062a',
  '\u0648\u0646',
  '\u064a\u0646',
  '\u064a\u0647',
  '\u0647',
  '\u064a',
];
const WAW = '\u0648';
const PREPOSITIONS = new Set(['\u0628', '\u0644', '\u0643', '\u0641']);

/**
 * Light Arabic stemmer (after Larkey's light10) on a folded word: conjunction و, the
 * definite article with its proclitics, then one suffix. Stems keep at least 2 letters;
 * a bare preposition (ب ل ك ف) only goes when 4 letters remain, since so many roots start with one.
 */
export function stemArabic(word: string): string {
  let w = word;
  if (w.startsWith(WAW) && w.length >= 4) w = w.slice(1);
  const article = ARABIC_ARTICLES.find((a) => w.startsWith(a) && w.length - a.length >= 2);
  if (article) w = w.slice(article.length);
  else if (PREPOSITIONS.has(w[0]!) && w.length >= 5) w = w.slice(1);
  for (const suffix of ARABIC_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 2) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

const ARABIC_LETTER = /[\u0600-\u06ff]/;

/** Search term of one folded word: stemmed by the stemmer of its script. */
function stemFolded(folded: string): string {
  if (ARABIC_LETTER.test(folded)) return stemArabic(folded);
  return stemFrench(folded);
}

/** One word of a text as the index sees it, with where it sits in the original string. */
export interface SearchToken {
  /** Offsets in the original string (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** Folded and stemmed form: what is indexed and matched. */
  term: string;
}

const WORD_START = /[\p{L}\p{N}]/u;

/**
 * Memo of word → [folded, term] for callers that normalise much text (the indexer): the
 * vocabulary of the law is small, so most words are folded once. Owned by the caller;
 * bounded by clearing when full.
 */
export class TermCache {
  private readonly entries = new Map<string, readonly [string, string]>();
  constructor(private readonly maxEntries = 200_000) {}

  /** Folded form and search term of one word as matched by the tokenizer. */
  lookup(raw: string): readonly [string, string] {
    let entry = this.entries.get(raw);
    if (!entry) {
      entry = foldWord(raw);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(raw, entry);
    }
    return entry;
  }
}

function foldWord(raw: string): readonly [string, string] {
  const lower = raw.toLowerCase();
  const folded = ASCII_WORD.test(lower) ? lower : foldForSearch(raw).replace(NOT_WORD, '');
  return [folded, folded ? stemFolded(folded) : ''];
}

/** Per UTF-16 code unit: 0 not yet classified, 1 part of a word, 2 a separator. */
const WORD_UNITS = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isWordUnit(code: number): boolean {
  let kind = WORD_UNITS[code]!;
  if (kind === 0) {
    kind = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_UNITS[code] = kind;
  }
  return kind === 1;
}

/** Whether the character (a surrogate pair counts as one) at `i` belongs to a word; its length in code units, 0 when not. */
function wordCharLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdfff) return isWordUnit(code) ? 1 : 0;
  const point = text.codePointAt(i)!;
  const length = point > 0xffff ? 2 : 1;
  return WORD_CHAR.test(String.fromCodePoint(point)) ? length : 0;
}

/**
 * Calls `word(start, end)` for each run of letters, digits and marks, in order. A table of
 * code units instead of a Unicode-property regex: indexing scans every article, and the
 * regex costs several times more per character.
 */
function forEachWord(text: string, word: (start: number, end: number) => void): void {
  let i = 0;
  while (i < text.length) {
    let length = wordCharLength(text, i);
    if (length === 0) {
      i++;
      continue;
    }
    const start = i;
    do {
      i += length;
      length = i < text.length ? wordCharLength(text, i) : 0;
    } while (length > 0);
    word(start, i);
  }
}

/** Whether the word ending at `end` is an elided French clitic (`l'`, `qu'`) of the word after it. */
function isElision(text: string, end: number, folded: string): boolean {
  return (
    APOSTROPHES.has(text[end] ?? '') && FRENCH_ELISIONS.has(folded) && WORD_START.test(text[end + 1] ?? '')
  );
}

/**
 * Splits a text into search tokens, in order, keeping their offsets in the original so a
 * snippet can be highlighted in the text as printed. French elided clitics (`l'`, `d'`,
 * `qu'`…) are dropped; every term contains only letters and digits, so it is safe to quote.
 */
export function tokenizeForSearch(text: string, cache?: TermCache): SearchToken[] {
  const tokens: SearchToken[] = [];
  forEachWord(text, (start, end) => {
    const raw = text.slice(start, end);
    const [folded, term] = cache ? cache.lookup(raw) : foldWord(raw);
    if (folded && !isElision(text, end, folded)) tokens.push({ start, end, term });
  });
  return tokens;
}

/** Terms of a text, in order: what is indexed for full-text search. */
export function searchTerms(text: string, cache?: TermCache): string[] {
  return tokenizeForSearch(text, cache).map((t) => t.term);
}

/** Normalised text for the full-text index: its terms joined by single spaces. */
export function normalizeForSearch(text: string, cache?: TermCache): string {
  // No token objects: this runs once per indexed article.
  let out = '';
  forEachWord(text, (start, end) => {
    const raw = text.slice(start, end);
    const [folded, term] = cache ? cache.lookup(raw) : foldWord(raw);
    if (folded && !isElision(text, end, folded)) out = out ? `${out} ${term}` : term;
  });
  return out;
}
