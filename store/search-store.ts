/**
 * The store of ingested bulletins, texts and articles, with full-text search. Two adapters
 * implement it (embedded SQLite, Elasticsearch); both pass `search-store.contract.ts`.
 * The record shapes are the `--json` shapes of DESIGN.md, as zod schemas so the API can
 * validate and document them.
 */
import { z } from 'zod';
import { JaridaError } from '../pipeline/errors.js';
import type {
  Bulletin,
  Edition,
  Language,
  PageArtefact,
  ParsedBulletin,
  TextType,
} from '../pipeline/model.js';
import { TEXT_TYPES } from '../pipeline/model.js';

export const languageSchema = z.enum(['fr', 'ar']);
export const textTypeSchema = z.enum(TEXT_TYPES);
/** A real day as `YYYY-MM-DD`: `2009-13-01` would otherwise filter as some other day (found by fuzzing). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'no such date');
const boundingBoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

/** One line of `jarida texts --json`. */
export const textSummarySchema = z.object({
  id: z.string(),
  type: textTypeSchema,
  number: z.string().nullable(),
  /** Title in French when published in French, else in Arabic. */
  title: z.string(),
  signedOn: isoDate.nullable(),
  languages: z.array(languageSchema),
  /** How many articles (in the expression the title comes from). */
  articles: z.number().int(),
});
export type TextSummary = z.infer<typeof textSummarySchema>;

export const publicationSchema = z.object({
  bulletin: z.string(),
  edition: languageSchema,
  date: isoDate.nullable(),
  page: z.number().int(),
});
export type Publication = z.infer<typeof publicationSchema>;

export const articleEntrySchema = z.object({
  number: z.string(),
  heading: z.string(),
  body: z.string(),
  /** Its alinéas and enumerated items (`1°`, `a)`) in order, each its own entry: `[body]` when it has one. */
  paragraphs: z.array(z.string()),
  page: z.number().int(),
  pageIndex: z.number().int(),
  bbox: boundingBoxSchema.optional(),
  path: z.array(z.string()).optional(),
});

/** `jarida show --json`: one expression of a text (its articles) and every publication of the text. */
export const textRecordSchema = z.object({
  id: z.string(),
  type: textTypeSchema,
  number: z.string().nullable(),
  title: z.string(),
  signedOn: isoDate.nullable(),
  hijriDate: z.string().nullable(),
  language: languageSchema,
  /** Every language the text is published in, `ar` before `fr`. */
  languages: z.array(languageSchema),
  publications: z.array(publicationSchema),
  articles: z.array(articleEntrySchema),
  promulgates: z.string().optional(),
});
export type TextRecord = z.infer<typeof textRecordSchema>;

/**
 * One article of one expression, with where it was published: the `show --article --json`
 * shape: the original wording, valid from the publication date, unless read as on a date
 * (`at`), when it is the version in force then.
 */
export const articleRecordSchema = articleEntrySchema.extend({
  textId: z.string(),
  article: z.string(),
  language: languageSchema,
  bulletin: z.string(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  /** Amending text of this wording; null for the original. */
  introducedBy: z.string().nullable(),
});
export type ArticleRecord = z.infer<typeof articleRecordSchema>;

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 500;

/** `jarida search` / `/v1/search` parameters. */
export const searchRequestSchema = z.object({
  /** Free text: words, `"quoted phrases"`, references such as `art. 5 loi 09-08`. Never FTS syntax. */
  query: z.string(),
  type: textTypeSchema.optional(),
  /** Text number in any edition's form: `09-08`, `09.08`, `٠٩.٠٨`. */
  number: z.string().optional(),
  /** Article number: `5`, `12 bis`, `premier`. */
  article: z.string().optional(),
  /** Publication date range, inclusive (of an amended wording: the day it took effect). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  language: languageSchema.optional(),
  /** Only wording in force that day: versions valid on it (an article unamended since publication is in force from its publication). */
  inForce: isoDate.optional(),
  limit: z.number().int().min(0).max(MAX_SEARCH_LIMIT).optional(),
  offset: z.number().int().min(0).optional(),
  /** Also count hits per text type and decade ({@link SearchResult.facets}). */
  facets: z.boolean().optional(),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;

export const searchHitSchema = z.object({
  textId: z.string(),
  article: z.string(),
  language: languageSchema,
  title: z.string(),
  /** Excerpt of the article as printed, matched words between {@link HIGHLIGHT} markers. */
  snippet: z.string(),
  /** Publication date (of an amended wording: the day it took effect). */
  date: isoDate.nullable(),
  /** Higher is better; comparable within one result only. */
  score: z.number(),
  /** The day this wording took effect: the publication for the original, the amendment's entry into force else. */
  validFrom: isoDate.nullable(),
  /** The day it stopped being in force (exclusive); null while in force. */
  validTo: isoDate.nullable(),
  /** Amending text that gave this wording; null for the original. */
  introducedBy: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** One text of a search result with its matching articles, in the order of the hits. */
export const searchTextGroupSchema = z.object({
  textId: z.string(),
  title: z.string(),
  type: textTypeSchema,
  number: z.string().nullable(),
  /** First publication of the text, in any edition. */
  date: isoDate.nullable(),
  articles: z.array(
    searchHitSchema.pick({
      article: true,
      language: true,
      snippet: true,
      validFrom: true,
      validTo: true,
      introducedBy: true,
    }),
  ),
});
export type SearchTextGroup = z.infer<typeof searchTextGroupSchema>;

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
/** Hits per text type and per decade of publication (`1990` for 1990–1999), non-zero only. */
export const searchFacetsSchema = z.object({ type: facetSchema, decade: facetSchema });
export type SearchFacets = z.infer<typeof searchFacetsSchema>;

/** `jarida search --json`. */
export const searchResultSchema = z.object({
  total: z.number().int(),
  /**
   * `eq`: `total` is exact; `gte`: more matched than the store ranks and counts (its result
   * window), `total` is that window. Absent means `eq`.
   */
  totalRelation: z.enum(['eq', 'gte']).optional(),
  hits: z.array(searchHitSchema),
  /** The page's hits grouped by text: one entry per text, in the order of its first hit. */
  texts: z.array(searchTextGroupSchema),
  /** Only when the request asked for facets. */
  facets: searchFacetsSchema.optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/** One version of an article's wording: the `/v1/texts/:id/articles/:n/versions` entries. */
export const articleVersionSchema = z.object({
  textId: z.string(),
  article: z.string(),
  language: languageSchema,
  validFrom: isoDate,
  /** Exclusive end; null while in force. */
  validTo: isoDate.nullable(),
  /** Null once abrogated: the version records the abrogation. */
  body: z.string().nullable(),
  /** Amending text; null for the original wording. */
  introducedBy: z.string().nullable(),
  /** Article of the amending text that made the change. */
  introducedByArticle: z.string().nullable(),
});
export type ArticleVersionRecord = z.infer<typeof articleVersionSchema>;

export const historyEventKindSchema = z.enum([
  'published',
  'amended',
  'completed',
  'replaced',
  'abrogated',
  'inserted',
]);

/** `jarida history --json`: `{ id, events: [{ date, kind, by, byArticle, articles }] }`. */
export const textHistorySchema = z.object({
  id: z.string(),
  events: z.array(
    z.object({
      date: isoDate,
      kind: historyEventKindSchema,
      /** The text that made the change (the text itself for `published`). */
      by: z.string(),
      byArticle: z.string().nullable(),
      /** Articles of this text the event touched; empty when it touched the whole text. */
      articles: z.array(z.string()),
      /** The alinéa of those articles the event is on (1 = first); absent: the whole article. */
      paragraph: z.number().int().positive().optional(),
      /** Set when the event is on the article's last alinéa (`le dernier alinéa`), whichever its number. */
      lastParagraph: z.literal(true).optional(),
      /** The enumerated item it is on, as printed (`3°`, `b)`); absent: none named. */
      item: z.string().optional(),
      /** Set when the amendment names an alinéa, item or words the wording does not hold: it changed no wording. */
      unapplied: z.literal(true).optional(),
      /** Why it changed no wording; only with `unapplied`. */
      reason: z.enum(['paragraph-not-found', 'words-not-found']).optional(),
    }),
  ),
});
export type TextHistory = z.infer<typeof textHistorySchema>;

/** What amends or cites a text: `/v1/texts/:id/backlinks`. */
export const backlinkSchema = z.object({
  /** The citing or amending text. */
  textId: z.string(),
  article: z.string().nullable(),
  relation: z.enum(['amends', 'cites', 'promulgates', 'abrogates']),
  /** Article of the cited text, when one is named. */
  targetArticle: z.string().nullable(),
  date: isoDate.nullable(),
});
export type Backlink = z.infer<typeof backlinkSchema>;

/** Markers around matched words in snippets; not HTML-escaped (the snippet is plain text). */
export const HIGHLIGHT = { open: '<mark>', close: '</mark>' } as const;

/** Which expression of a text to read, and on which day. */
export interface ReadOptions {
  language?: Language;
  /** ISO date: the wording in force that day. */
  at?: string;
}

export interface SearchStore {
  /** Writes one parsed bulletin with its texts/articles and its pages; one transaction; idempotent (re-saving replaces that bulletin's rows, never duplicates). */
  saveBulletin(parsed: ParsedBulletin, pages: PageArtefact[]): Promise<void>;
  /**
   * Writes many bulletins at once (a bulk load or a reindex), each as {@link saveBulletin} would;
   * faster than one call per bulletin. Not atomic as a whole: a failure may leave some written.
   */
  saveBulletins(batch: readonly { parsed: ParsedBulletin; pages: PageArtefact[] }[]): Promise<void>;
  /**
   * Removes a bulletin: its pages, publications, and the expressions and articles read from it;
   * a text no other bulletin publishes goes too. Texts it amended get their versions
   * recomputed. Nothing when the store does not hold it.
   */
  removeBulletin(id: string): Promise<void>;
  /** Makes everything written so far fast to search (index merge, statistics); call after a bulk load. */
  optimize(): Promise<void>;
  /** Bulletin id already ingested from this file hash, if any (dedup at intake). */
  findBulletinBySource(sha256: string): Promise<string | null>;
  getBulletin(id: string): Promise<Bulletin | null>;
  /** Every bulletin held (of one edition when given), by edition, then number, then suffix (none first): what the archive covers. */
  listBulletins(filter?: { edition?: Edition }): Promise<Bulletin[]>;
  /** Texts ordered by signature date then id; `year` is the signature year (publication year when undated). */
  listTexts(filter: {
    type?: TextType;
    year?: number;
    /** ISO signature date: the texts signed that day (the ingest looks there for a text's other edition). */
    signedOn?: string;
    limit?: number;
    offset?: number;
  }): Promise<TextSummary[]>;
  /**
   * One expression of a text: `language` when given, else French when published in French, else Arabic.
   * With `at`, as it stood that day: null when not yet published then.
   */
  getText(id: string, opts?: ReadOptions): Promise<TextRecord | null>;
  /** `article` in any printed form (`5`, `12 bis`, `premier`); same rules as {@link getText}. */
  getArticle(textId: string, article: string, opts?: ReadOptions): Promise<ArticleRecord | null>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Every version of an article, oldest first: its original wording, then each amendment's. */
  getArticleVersions(
    textId: string,
    article: string,
    opts?: { language?: Language },
  ): Promise<ArticleVersionRecord[]>;
  /** Publication and amending events of a text, oldest first; only those touching `article` when given. */
  getHistory(textId: string, opts?: { article?: string }): Promise<TextHistory | null>;
  /** Texts that amend, cite or promulgate this one. */
  getBacklinks(textId: string): Promise<Backlink[]>;
  close(): Promise<void>;
}

/** The order of {@link SearchStore.listBulletins}: edition, then issue number, then suffix (none first). */
export function compareBulletins(a: Bulletin, b: Bulletin): number {
  return (
    a.edition.localeCompare(b.edition) ||
    numberOrder(a) - numberOrder(b) ||
    (a.suffix ?? '').localeCompare(b.suffix ?? '') ||
    a.id.localeCompare(b.id)
  );
}

/** An issue's number as a sort key; unidentified issues (no number read) last. */
function numberOrder(b: Bulletin): number {
  const n = Number(b.number);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/** A request the store cannot serve as given (bad filter value). */
export class SearchRequestError extends JaridaError {
  constructor(message: string, code = 'E_SEARCH_REQUEST') {
    super(code, message);
  }
}
