/**
 * Notes of consolidated copies, which say under each article what changed it:
 * `(Modifié par l'article 1er de la Loi n° 20-05 promulguée par le Dahir n° 1-08-18 du 17
 * Joumada I 1429 (23 mai 2008)).`, `(Abrogé et remplacé par l'article 5 de la Loi n° 23-01
 * … - B.O. n°5210 du 6 mai 2004)`, `(Les alinéas 2 et 3 sont abrogés par l'article 4 …)`.
 * A note right under an article's heading concerns the whole article; one inside its body
 * (`1) (abrogé par …)`) a part of it, an amendment of the article.
 */
import { parseFrenchDate } from '../dates.js';
import { canonicalArticleNumber, textId } from '../ids.js';
import type { Amendment, AmendmentKind } from '../model.js';
import { readArticleHeading } from '../structure/articles.js';
import { findTextReferences, foldKeepingLength } from './references.js';

/** Verbs of a note, folded, most specific first. */
const NOTE_VERBS: readonly (readonly [RegExp, AmendmentKind])[] = [
  [/^abroge(?:e|s|es)? et remplace/, 'replaced'],
  [/^(?:modifie(?:e|s|es)? et complete|complete(?:e|s|es)? et modifie)/, 'amended'],
  [/^modifie/, 'amended'],
  [/^complete/, 'completed'],
  [/^abroge/, 'abrogated'],
];

/** `(` … `par l'article 1er de la Loi n° …` … `)`: a note, whatever it opens with. */
const NOTE_START = /(?:^|\s)\(\s*(?=[^()]*\bpar\b)/u;

/** The parenthesised note starting at `open` (an index of `(`) up to its matching `)`, or to the end. */
function noteAt(s: string, open: number): string {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return s.slice(open + 1, i);
  }
  return s.slice(open + 1);
}

/** Reads one note: what it did, and the amending text and article it names. */
function readNote(
  note: string,
  targetTextId: string,
  targetArticle: string | null,
  whole: boolean,
): Amendment | null {
  const folded = foldKeepingLength(note).replace(/\s+/g, ' ').trim();
  const verb = NOTE_VERBS.find(([re]) => re.test(folded))?.[1];
  const kind: AmendmentKind | null = verb ?? (/\babroge/.test(folded) ? 'abrogated' : null);
  if (!kind) return null;
  const refs = findTextReferences(note);
  // `… de la Loi n° 20-05 promulguée par le Dahir n° 1-08-18`: the loi amends; `… par le Dahir n° …
  // portant promulgation de la Loi n° 20-05`: so does the loi the dahir promulgates.
  const promulgated = /portant promulgation/.test(folded)
    ? refs.find((r) => r.type === 'loi' && r.number)
    : null;
  const by = promulgated ?? refs.find((r) => r.number);
  if (!by?.number) return null;
  const byArticle = /par l['’]article\s+(\S+)/.exec(folded)?.[1];
  const bulletinDate = /b\.\s?o\.\s?n\s?°?\s?\d+\s+du\s+(.+)$/.exec(folded);
  const date =
    (bulletinDate && parseFrenchDate(note.slice(folded.length - bulletinDate[1]!.length))?.gregorian) ||
    parseFrenchDate(note)?.gregorian;
  if (!date) return null;
  return {
    // Part of an article abrogated (`1) (abrogé par …)`, `Les alinéas 2 et 3 sont abrogés`) amends it.
    kind: kind === 'abrogated' && (!whole || /^les alineas/.test(folded)) ? 'amended' : kind,
    byTextId: textId(by.type, by.number),
    byArticle: byArticle ? canonicalArticleNumber(byArticle) : null,
    targetTextId,
    targetArticle,
    date,
  };
}

/**
 * The amendment links a consolidated copy of `targetTextId` records in its notes, in the
 * order they appear. A note before the first article concerns the whole text.
 */
export function parseConsolidationNotes(consolidated: string, targetTextId: string): Amendment[] {
  const out: Amendment[] = [];
  let article: string | null = null;
  let linesSinceHeading = Number.POSITIVE_INFINITY;
  const lines = consolidated.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = readArticleHeading(line);
    if (heading && heading.rest === '') {
      article = heading.number;
      linesSinceHeading = 0;
      continue;
    }
    if (line.trim()) linesSinceHeading++;
    const start = NOTE_START.exec(line);
    if (!start) continue;
    const open = line.indexOf('(', start.index);
    // A note may run over the next lines and a page footer (a line of digits alone) between them.
    const window = lines.slice(i, i + 6).filter((l, k) => k === 0 || !/^\s*\d*\s*$/.test(l));
    const note = noteAt(window.join(' ').slice(open), 0);
    const whole = linesSinceHeading === 1 && open === line.length - line.trimStart().length;
    const read = readNote(note, targetTextId, article, whole);
    if (read) out.push(read);
  }
  return out;
}
