/**
 * Article headings of the Arabic edition (`المادة الأولى`, `المادة 2`, `المادة 3 مكررة`,
 * `الفصل 1`, `الفصل الأول`, `مادة فريدة`), the hierarchy above them (`القسم الأول`,
 * `الباب الثاني`, `الفرع 1`) and the end of the operative part (`وحرر بالرباط في …`).
 */
import { distance } from 'fastest-levenshtein';
import { feminineOrdinalAr, masculineOrdinalAr } from '../arabic-ordinals.js';
import { canonicalArticleNumber, toWesternDigits } from '../ids.js';
import type { Confidence } from '../model.js';
import { type ArticleHeading, UNREAD_NUMBER } from './articles.js';
import { matchPhrase, matchWord, skeleton } from './fuzzy.js';
import { isGroupHeadingAr } from './text-headers-ar.js';

const ARTICLE_WORDS = ['المادة', 'الفصل'];
const UNIQUE_HEADINGS = [
  'مادة فريدة',
  'المادة الفريدة',
  'مادة وحيدة',
  'المادة الوحيدة',
  'فصل فريد',
  'الفصل الفريد',
];
/** Article numbers printed as ordinal words, either gender (`الفصل الثاني`, `المادة الثانية عشرة`). */
const ORDINAL_NUMBERS: readonly (readonly [string, number])[] = Array.from({ length: 99 }, (_, i) => [
  [masculineOrdinalAr(i + 1), i + 1] as const,
  [feminineOrdinalAr(i + 1), i + 1] as const,
]).flat();

/**
 * The ordinal word(s) at the start of `text`: the longest phrase read (`الثاني عشر` over
 * `الثاني`), then the surest. Past the first, ordinals are one letter from each other or from
 * other words (`الرابع`/`السابع`, `السابعة`/`السابقة`), so they absorb OCR confusions only;
 * `الأول(ى)` is one edit from nothing and keeps the usual tolerance.
 */
function readOrdinalAr(text: string): { number: number; confidence: Confidence; length: number } | null {
  let best: { number: number; confidence: Confidence; length: number } | null = null;
  for (const [phrase, number] of ORDINAL_NUMBERS) {
    const m = matchPhrase(text, phrase);
    if (!m || (number > 1 && m.confidence < 0.9)) continue;
    if (!best || m.length > best.length || (m.length === best.length && m.confidence > best.confidence))
      best = { number, ...m };
  }
  return best;
}

/** A heading alone on its line with its figure: `الفصل 3`, `المادة :2`, `المادة 4.`. */
const ALONE_WITH_FIGURE = /^\S+\s+[.:]?\d{1,4}[.:]?$/u;
/**
 * Letters an article keyword may have misread on such a line (`الفسر` for `الفصل`), none lost
 * or added, and never a part's or chapter's word (`الفرع 2` is two letters from `الفصل 2`).
 */
const LOOSE_KEYWORD_EDITS = 2;

/** `مكرر` (bis), `مكررة`, `مكرر مرتين` (ter): the longest first. */
const SUFFIX_WORDS: readonly (readonly [string, string])[] = [
  ['مكرر مرتين', 'ter'],
  ['مكررة', 'bis'],
  ['مكرر', 'bis'],
];

/**
 * What may follow a heading on its line: a colon or a period, a dash (or a tatweel drawn as
 * one: `الفصل الأول :ـ`), then the article's first words.
 */
const SEPARATOR_AR = /^\s*([.:])?\s*([–—\u0640-])?\s*/;

function headingWith(
  s: string,
  length: number,
  number: string,
  confidence: Confidence,
): ArticleHeading | null {
  // `:ـ` ending the heading's line, which OCR of a scan reads as one letter: `الفصل الأول ي`.
  const rest = s.slice(length).replace(/^\s*ي$/u, ' :');
  const sep = SEPARATOR_AR.exec(rest)!;
  const after = rest.slice(sep[0].length);
  // `المادة 5 من القانون …` opening a line is a citation, not a heading.
  if (!sep[1] && !sep[2] && after) return null;
  return { number, heading: s.slice(0, length).trim(), rest: after.trim(), confidence };
}

/**
 * Reads an Arabic article heading at the start of a line; null when the line is not one.
 * Quoted new wording (`«الفصل 3. – …`) belongs to the text it amends.
 */
export function readArticleHeadingAr(line: string): ArticleHeading | null {
  // Direction marks OCR puts around a figure in right-to-left text (`المادة \u200e١\u200f`) are no part of it.
  const s = toWesternDigits(line.trim().replace(/[\u200e\u200f\u061c]/gu, ''));
  if (/^[«"“]/.test(s)) return null;
  for (const phrase of UNIQUE_HEADINGS) {
    const m = matchPhrase(s, phrase);
    if (m) return headingWith(s, m.length, 'unique', m.confidence);
  }
  const word = /^\S+/.exec(s)?.[0] ?? '';
  // A keyword and a figure alone on their line vouch for each other: the keyword may absorb
  // more OCR damage there (`الفسر 3` for `الفصل 3`), flagged by its lower confidence.
  const bare = word.replace(/[.:]+$/, '');
  const loose = ALONE_WITH_FIGURE.test(s) && !LEVELS_AR.some((level) => matchWord(bare, level) > 0);
  const keyword = Math.max(
    ...ARTICLE_WORDS.map((w) =>
      matchWord(bare, w, loose && bare.length === w.length ? LOOSE_KEYWORD_EDITS : 0),
    ),
  );
  if (keyword === 0) return null;
  let pos = word.length;
  // Punctuation glued to the figure is no part of it: `المادة الأولى؛` is a citation ending a clause;
  // before the figure that ends the line, it is the heading's colon OCR put on the wrong side (`المادة :2`).
  const token = /^\s*[.:]?(\d{1,4})\s*$/u.exec(s.slice(pos)) ?? /^\s*([^\s.:؛،,;–—-]+)/u.exec(s.slice(pos));
  if (!token) return null;
  let base: string | null = null;
  let confidence = keyword;
  if (/^\d{1,4}$/.test(token[1]!)) {
    base = token[1]!;
    pos += token[0].length;
    // `المادة ١ لأولى`: OCR read the ordinal's first letter as its figure, and the rest of the line says the same number.
    const after = s.slice(pos).trim();
    const same = after ? readOrdinalAr(after) : null;
    if (same?.number === Number(base) && same.length === after.length) {
      pos = s.length;
      confidence = Math.min(confidence, same.confidence);
    }
  } else if (/^[^\p{L}\p{N}]$/u.test(token[1]!) && !s.slice(pos + token[0].length).trim()) {
    // A lone mark where the figure belongs, alone on its line: a heading whose number OCR lost.
    return { number: UNREAD_NUMBER, heading: s, rest: '', confidence: Math.min(keyword, 0.5) };
  } else {
    const gap = s.slice(pos).length - s.slice(pos).trimStart().length;
    const ordinal = readOrdinalAr(s.slice(pos + gap));
    if (ordinal) {
      base = String(ordinal.number);
      confidence = Math.min(confidence, ordinal.confidence);
      pos += gap + ordinal.length;
    }
  }
  if (base === null) return null;
  let raw = base;
  for (const [phrase, suffix] of SUFFIX_WORDS) {
    const m = matchPhrase(s.slice(pos).trimStart(), phrase);
    if (m) {
      raw = `${base} ${suffix}`;
      pos += s.slice(pos).length - s.slice(pos).trimStart().length + m.length;
      break;
    }
  }
  const misread = raw === base ? bisWord(s.slice(pos)) : null;
  if (misread) {
    raw = `${base} bis`;
    pos += misread.length;
    confidence = Math.min(confidence, 0.7);
  }
  const number = canonicalArticleNumber(raw);
  return number ? headingWith(s, pos, number, confidence) : null;
}

/**
 * `مكررة` (bis) opening `text`, as printed or with one letter OCR changed (`مكورة`: a word no
 * article's first words begin with); the matched text (spaces before it included), or null.
 */
export function bisWord(text: string): string | null {
  // A speck OCR read as a full stop may sit before it: `المادة 5.مكورة`.
  const m = /^\s*\.?\s*(مك\p{L}{2,3})(?=[\s.:–—-]|$)/u.exec(text);
  return m && distance(m[1]!, 'مكررة') <= 1 ? m[0] : null;
}

/** Levels above articles, outermost first. */
const LEVELS_AR = ['الكتاب', 'الجزء', 'القسم', 'الباب', 'الفرع', 'المبحث'];

/** Ordinal words of parts and chapters, compared folded (OCR drops hamzas: `الاول`). */
const ORDINALS_AR = new Set(
  [
    'الأول',
    'الأولى',
    'الثاني',
    'الثانية',
    'الثالث',
    'الثالثة',
    'الرابع',
    'الرابعة',
    'الخامس',
    'الخامسة',
    'السادس',
    'السادسة',
    'السابع',
    'السابعة',
    'الثامن',
    'الثامنة',
    'التاسع',
    'التاسعة',
    'العاشر',
    'العاشرة',
    'التمهيدي',
    'الفريد',
  ].map(skeleton),
);

/** A word without its article: `باب تمهيدي` is printed without it as `الباب التمهيدي` with it. */
function withoutArticle(word: string): string {
  return word.replace(/^ال(?=\p{L}{2})/u, '');
}

/** Whether a word is an ordinal of parts and chapters, with or without its article (`تمهيدي`). */
export function isOrdinalAr(word: string): boolean {
  return ORDINALS_AR.has(skeleton(word)) || ORDINALS_AR.has(skeleton(`ال${word}`));
}

/** A hierarchy heading (`الباب الثاني`, `باب تمهيدي`, `الفرع 1 – …`): its level rank, or null. */
export function readHierarchyHeadingAr(line: string): number | null {
  const s = toWesternDigits(line.trim());
  const m = /^(\S+)\s+([^\s.:–—-]+)(.*)$/.exec(s);
  if (!m) return null;
  const rank = LEVELS_AR.findIndex((level) => matchWord(withoutArticle(m[1]!), withoutArticle(level)) > 0);
  if (rank < 0 || !(/^\d{1,3}$/.test(m[2]!) || isOrdinalAr(m[2]!))) return null;
  return m[3] === '' || /^\s*[.:–—-]/.test(m[3]!) ? rank : null;
}

/**
 * Where a text's operative part ends: `وحرر بالرباط في …`, `وقعه بالعطف:`, `الإمضاء: …`,
 * or the group heading of the texts that follow (a loi ends with no signature of its own).
 */
export function isTextEndAr(line: string): boolean {
  const s = line.trim();
  return (
    matchPhrase(s, 'وحرر') !== null ||
    matchPhrase(s, 'وقعه بالعطف') !== null ||
    matchPhrase(s, 'الإمضاء') !== null ||
    isGroupHeadingAr(s)
  );
}
