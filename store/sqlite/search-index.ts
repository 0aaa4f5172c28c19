/**
 * How the embedded store lays out its full-text index so that no search needs a join per
 * matching row:
 * - a document's rowid encodes its publication day (`day << 20 | sequence`), so "newest
 *   first", publication date ranges and "published by" become rowid ranges the index seeks;
 * - filters (type, number, article, language, the text itself) are tokens of an extra
 *   `tags` column, intersected by the index like any word.
 * Pure functions: the SQLite adapter and its tests use them.
 */
import { canonicalArticleNumber, canonicalNumber } from '../../pipeline/ids.js';
import type { Language, TextType } from '../../pipeline/model.js';

/** Documents a day can hold: the low bits of a rowid. */
export const DAY_SPAN = 2 ** 20;
const EPOCH = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

/** Day number of an ISO date (1900-01-01 is 1); 0 for an undated document, which sorts oldest. */
export function dayNumber(date: string | null): number {
  if (!date) return 0;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.floor((ms - EPOCH) / DAY_MS) + 1);
}

/** Smallest and largest rowid of documents published from `from` to `to`, both inclusive. */
export function rowidRange(from: string | null, to: string | null): [number, number] {
  const lo = from ? dayNumber(from) * DAY_SPAN : 0;
  const hi = to ? (dayNumber(to) + 1) * DAY_SPAN - 1 : Number.MAX_SAFE_INTEGER;
  return [lo, hi];
}

/** Publication day of a document from its rowid. */
export function dayOfRowid(rowid: number): number {
  return Math.floor(rowid / DAY_SPAN);
}

/** A tag is letters and digits only (the tokenizer keeps it whole): `-` becomes `x`. */
function tag(prefix: string, value: string): string {
  return `${prefix}${value.toLowerCase().replace(/[^a-z0-9]+/g, 'x')}`;
}

export const typeTag = (type: TextType) => tag('t', type);
export const numberTag = (number: string) => tag('n', canonicalNumber(number));
export const articleTag = (canonicalArticle: string) => tag('a', canonicalArticle);
export const languageTag = (language: Language) => tag('l', language);
export const textTag = (textId: string) => tag('x', textId);

/** What a document is filtered by. */
export interface TaggedDocument {
  textId: string;
  type: TextType;
  number: string | null;
  language: Language;
  /** Canonical article number; absent for a text indexed by its title alone. */
  article?: string;
}

/** The `tags` column of one document. */
export function documentTags(doc: TaggedDocument): string {
  const tags = [typeTag(doc.type), languageTag(doc.language), textTag(doc.textId)];
  if (doc.number) tags.push(numberTag(doc.number));
  if (doc.article) tags.push(articleTag(canonicalArticleNumber(doc.article) ?? doc.article));
  return tags.join(' ');
}

/** FTS5 expression requiring every tag (tags are letters and digits: nothing to escape). */
export function tagsMatch(tags: readonly string[]): string | null {
  return tags.length > 0 ? tags.map((t) => `tags : ${t}`).join(' AND ') : null;
}

/** Matches every document: each has exactly one language tag. */
export const EVERY_DOCUMENT = `tags : (${languageTag('fr')} OR ${languageTag('ar')})`;

const FIRST_DECADE = 1900;
const LAST_DECADE = 2090;

/**
 * SQL expression of a document's decade of publication (`'1990'`) from its rowid, NULL when
 * undated: decade boundaries are rowid bounds, so facets count decades without a join.
 */
export const DECADE_OF_ROWID = `CASE ${Array.from(
  { length: (LAST_DECADE - FIRST_DECADE) / 10 + 1 },
  (_, i) => LAST_DECADE - 10 * i,
)
  .map((decade) => `WHEN rowid >= ${rowidRange(`${decade}-01-01`, null)[0]} THEN '${decade}'`)
  .join(' ')} END`;

/**
 * SQL listing in `ended_documents` the original articles (of the texts `where` selects, a
 * condition on `a`) whose wording an amendment or abrogation ended, on the day it ended.
 */
export function endedOriginals(where: string): string {
  return `INSERT OR REPLACE INTO ended_documents (id, text_id, valid_to)
    SELECT a.id, a.text_id, min(v.valid_to) FROM articles a
    JOIN article_versions v ON v.text_id = a.text_id AND v.language = a.language AND v.article = a.number
    WHERE v.introduced_by IS NULL AND v.valid_to IS NOT NULL AND ${where}
    GROUP BY a.id`;
}
