/**
 * Finds, for a text without a number, its publication in the other edition. A numbered text
 * meets its other edition by its number; a text without one has the fallback id of its own
 * title, and the two editions' titles hash apart. Translation leaves alone what pairs them:
 * the type, the date, the articles' numbers, and the figures printed in the title and the
 * articles (issue and decree numbers, amounts, days and years).
 */
import { canonicalNumber } from '../ids.js';

/** A text of the other edition, with the same type and date and no number. */
export interface EditionCandidate {
  id: string;
  title: string;
  articles: readonly { number: string; body: string }[];
}

/** The candidate a text was paired with, and how many of its figures the two share. */
export interface EditionPairing {
  id: string;
  /** Shared figures over the figures of the text that prints fewer: 1 when one holds all the other's. */
  score: number;
}

/** Pairing needs at least this share of figures and this many figures in common. */
const MIN_SCORE = 0.75;
const MIN_SHARED = 2;

const FIGURE = /\p{N}+(?:[.,/-]\p{N}+)*/gu;

/** The figures a text prints in its title and articles, in canonical form (`2.13.100` = `2-13-100`). */
function figures(title: string, articles: EditionCandidate['articles']): Set<string> {
  const text = [title, ...articles.map((a) => a.body)].join('\n');
  return new Set([...text.matchAll(FIGURE)].map((m) => canonicalNumber(m[0])));
}

function score(a: Set<string>, b: Set<string>): { shared: number; score: number } {
  let shared = 0;
  for (const f of a) if (b.has(f)) shared++;
  return { shared, score: shared / Math.max(1, Math.min(a.size, b.size)) };
}

/** Article headings OCR may have lost in one edition and still let two texts pair. */
const MAX_LOST_ARTICLES = 1;

/**
 * Whether two editions number their articles alike: the same numbers, or all but one whose
 * heading one edition's OCR could not read (`المادة ©`), the others in the same order.
 */
function articlesAgree(a: EditionCandidate['articles'], b: EditionCandidate['articles']): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > MAX_LOST_ARTICLES || (short.length === 0 && long.length > 0)) return false;
  let k = 0;
  for (const article of long) if (k < short.length && short[k]!.number === article.number) k++;
  return k === short.length;
}

/**
 * The candidate `text` is the other edition of, or null when none agrees on the articles and
 * enough figures, or when two agree equally (an archivist then pairs them by hand).
 *
 * @example pairWithOtherEdition(frenchRectificatif, [arabicRectificatif]) // { id: 'rectificatif-2013-05-03-…', score: 1 }
 */
export function pairWithOtherEdition(
  text: Omit<EditionCandidate, 'id'>,
  candidates: readonly EditionCandidate[],
): EditionPairing | null {
  const own = figures(text.title, text.articles);
  const scored = candidates
    .filter((c) => articlesAgree(c.articles, text.articles))
    .map((c) => ({ id: c.id, ...score(own, figures(c.title, c.articles)) }))
    .filter((c) => c.shared >= MIN_SHARED && c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || b.shared - a.shared);
  const [best, next] = scored;
  if (!best || (next && next.score === best.score && next.shared === best.shared)) return null;
  return { id: best.id, score: best.score };
}
