/**
 * References to other texts and their articles as French prose prints them:
 * `la loi n° 09-08`, `du dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958)`,
 * `de l'arrêté du ministre de l'intérieur n° 3579-22`, `du dahir du 15 novembre 1958`
 * (date only), `du décret précité` / `susvisé` (pointing back), and article lists
 * (`l'article premier`, `les articles 3, 4 et 12 bis`).
 */
import { parseFrenchDate } from '../dates.js';
import { canonicalArticleNumber, canonicalNumber } from '../ids.js';
import type { Confidence, TextType } from '../model.js';
import { readDigits } from '../structure/fuzzy.js';

/** A text named in prose, before it is resolved to an identifier. */
export interface TextReference {
  type: TextType;
  /** Canonical number (`1-58-376`); null when the text is named by date or by `précité`. */
  number: string | null;
  /** Signature date, ISO, when printed. */
  date: string | null;
  /** `précité`, `susvisé`: the text was named earlier (in the visas, the title or an earlier article). */
  anaphora: boolean;
  /** Where the reference starts and ends in the string it was read from. */
  start: number;
  end: number;
  confidence: Confidence;
}

const NON_ASCII = /[\u0080-\u{10ffff}]/gu;
/** Folded characters seen so far; bounded, since hostile input may hold any code point. */
const foldedChars = new Map<string, string>();
const FOLDED_CHARS_MAX = 4096;

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    const base = ch.normalize('NFD')[0] ?? ch;
    folded = (base.length === ch.length ? base : ch).toLowerCase();
    if (foldedChars.size < FOLDED_CHARS_MAX) foldedChars.set(ch, folded);
  }
  return folded;
}

/**
 * Folds accents and case without changing the length, so indices stay valid in the printed
 * string. Every amendment clause is folded on each save, so ASCII (most of a French text)
 * takes a fast path and other characters are folded once each.
 */
export function foldKeepingLength(s: string): string {
  return s.replace(/[A-Z]+/g, (run) => run.toLowerCase()).replace(NON_ASCII, foldChar);
}

/** Text types as prose names them, longest first; the types of ids (`dahir portant loi` is a dahir). */
const TYPE_WORDS: readonly (readonly [RegExp, TextType])[] = [
  [/^dahir portant loi/, 'dahir-portant-loi'],
  [/^dahir/, 'dahir'],
  [/^loi organique/, 'loi-organique'],
  [/^loi[- ]cadre/, 'loi-cadre'],
  [/^loi/, 'loi'],
  [/^decret[- ]loi/, 'decret-loi'],
  [/^decret royal portant loi/, 'decret-loi'],
  [/^decret/, 'decret'],
  [/^arrete conjoint/, 'arrete-conjoint'],
  [/^arrete/, 'arrete'],
];

const TYPE_START = /(?<![\p{L}])(dahir|loi|decret|arrete)(?![\p{L}])/gu;
/** `n°`, `no`, `n 0`, `n°`: what print and OCR make of the number sign. */
const NUMBER_SIGN = /^\s*[nN]{1,2}\s?[°oO0º"*'.]{0,2}\s*([\dOolI]+(?:\s?[-–./]\s?[\dOolI]+)+)/;
const ANAPHORA = /^\s*,?\s*(precite|susvise|susmentionne|sus-vise|ci-dessus vise)e?s?(?![\p{L}])/u;
/** Words an arrêté's author takes before its number: `du ministre de l'intérieur`. */
const AUTHOR_GAP =
  /^(?:\s+(?:du|de|des|de la|de l'|d'|et|chef|ministre|gouvernement|[\p{L}'’-]+)){1,14}?(?=\s*[nN]{1,2}\s?[°oO0º])/u;

function readNumber(s: string): { number: string; length: number; confidence: Confidence } | null {
  const m = NUMBER_SIGN.exec(s);
  if (!m) return null;
  const groups = m[1]!.split(/\s?[-–./]\s?/);
  const read = groups.map((g) => readDigits(g));
  if (read.some((r) => !r)) return null;
  const confidence = Math.min(...read.map((r) => r!.confidence));
  if (confidence < 0.8) return null;
  return { number: canonicalNumber(read.map((r) => r!.digits).join('-')), length: m[0].length, confidence };
}

/** A date right after `du` / `en date du`, as in `du dahir du 15 novembre 1958`. */
function readDateAfter(s: string): { date: string; length: number; confidence: Confidence } | null {
  const lead = /^\s*(?:,\s*)?(?:en date )?du\s+/.exec(s);
  if (!lead) return null;
  const date = parseFrenchDate(s.slice(lead[0].length, lead[0].length + 80));
  if (!date?.gregorian || date.start > 0) return null;
  return { date: date.gregorian, length: lead[0].length + date.end, confidence: date.confidence };
}

/**
 * Every reference to a text in `printed`, in order. A bare type word (`la loi` in
 * `conformément à la loi`) is no reference; `la présente loi` neither.
 */
export function findTextReferences(printed: string): TextReference[] {
  const s = foldKeepingLength(printed);
  const refs: TextReference[] = [];
  for (const m of s.matchAll(TYPE_START)) {
    const start = m.index;
    if (/(present|presente)\s+$/.test(s.slice(Math.max(0, start - 10), start))) continue;
    const head = s.slice(start, start + 40);
    const typed = TYPE_WORDS.find(([re]) => re.test(head));
    if (!typed) continue;
    const typeLength = typed[0].exec(head)![0].length;
    let pos = start + typeLength;
    const window = () => s.slice(pos, pos + 160);
    const anaphoraBefore = ANAPHORA.exec(window());
    if (anaphoraBefore) pos += anaphoraBefore[0].length;
    let number = readNumber(window());
    if (!number && typed[1].startsWith('arrete')) {
      const gap = AUTHOR_GAP.exec(window());
      if (gap) {
        const after = readNumber(s.slice(pos + gap[0].length, pos + gap[0].length + 40));
        if (after) {
          pos += gap[0].length;
          number = after;
        }
      }
    }
    if (number) pos += number.length;
    const date = readDateAfter(window());
    if (date) pos += date.length;
    const anaphoraAfter = number || date ? null : ANAPHORA.exec(window());
    if (anaphoraAfter) pos += anaphoraAfter[0].length;
    if (!number && !date && !anaphoraBefore && !anaphoraAfter) continue;
    refs.push({
      type: typed[1],
      number: number?.number ?? null,
      date: date?.date ?? null,
      anaphora: !number && !date,
      start,
      end: pos,
      confidence: Math.min(number?.confidence ?? 1, date?.confidence ?? 1),
    });
  }
  return refs;
}

/** An article number as prose writes it: `premier`, `1er`, `12`, `12 bis`. */
const ARTICLE_NUMBER = String.raw`(?:premier|premiere|1er|unique|\d+)(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies))?`;
const ARTICLE_LIST = new RegExp(
  // `l'article`, and `larticle` when OCR lost the apostrophe.
  String.raw`(?:(?<![\p{L}])|(?<=(?:^|[^\p{L}])l))articles?\s+(${ARTICLE_NUMBER}(?:\s*(?:,|et)\s*${ARTICLE_NUMBER})*)`,
  'gu',
);

/** Article numbers named in prose, with where each list starts and ends. */
export interface ArticleReference {
  numbers: string[];
  start: number;
  end: number;
}

/** Every `article N` / `articles N, M et P` in `printed`, numbers canonical (`12-bis`, `1`). */
export function findArticleReferences(printed: string): ArticleReference[] {
  const s = foldKeepingLength(printed);
  return [...s.matchAll(ARTICLE_LIST)].map((m) => ({
    numbers: m[1]!
      .split(/\s*(?:,|\bet\b)\s*/)
      .map((n) => canonicalArticleNumber(n.trim()))
      .filter((n): n is string => n !== null),
    start: m.index,
    end: m.index + m[0].length,
  }));
}
