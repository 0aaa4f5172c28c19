/**
 * What the Elasticsearch adapter stores and how it is analysed: one index template for
 * every versioned index of a prefix, French and Arabic analyzers built as the reference
 * documentation rebuilds the `french` and `arabic` analyzers (without stop words, so
 * phrases such as « protection des données » keep every word), and the documents made
 * from a parsed bulletin. Pure: no client, no server.
 */
import type { ComputedVersion } from '../../pipeline/amendments/versions.js';
import { canonicalArticleNumber, canonicalNumber } from '../../pipeline/ids.js';
import type { Language, ParsedBulletin } from '../../pipeline/model.js';
import { bulletinToRecord } from '../bulletin-record.js';

/**
 * The kinds of index a prefix has, each behind its alias `${prefix}-${kind}`: what is searched
 * and shown (documents, texts, bulletins), then the amendment graph (operations and
 * citations read from each expression, and the article versions they make).
 */
export const INDEX_KINDS = [
  'documents',
  'texts',
  'bulletins',
  'amendments',
  'citations',
  'versions',
] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** Where a store reads and writes each kind: the aliases, or during a rebuild the new versioned indices. */
export type IndexTargets = Record<IndexKind, string>;

/** Alias readers and writers use: `jarida-documents`. */
export function aliasName(prefix: string, kind: IndexKind): string {
  return `${prefix}-${kind}`;
}

/** A concrete index behind an alias: `jarida-documents-v1718000000000`. */
export function versionedIndexName(prefix: string, kind: IndexKind, version: number): string {
  return `${aliasName(prefix, kind)}-v${version}`;
}

/** Analysis settings: `jarida_french` and `jarida_arabic`. */
export const ANALYSIS = {
  filter: {
    french_elision: {
      type: 'elision',
      articles_case: true,
      articles: ['l', 'm', 't', 'qu', 'n', 's', 'j', 'd', 'c', 'jusqu', 'quoiqu', 'lorsqu', 'puisqu'],
    },
    french_light_stemmer: { type: 'stemmer', language: 'light_french' },
    arabic_light_stemmer: { type: 'stemmer', language: 'arabic' },
  },
  analyzer: {
    jarida_french: {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['french_elision', 'lowercase', 'asciifolding', 'french_light_stemmer'],
    },
    jarida_arabic: {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['lowercase', 'decimal_digit', 'arabic_normalization', 'arabic_light_stemmer'],
    },
  },
} as const;

const keyword = { type: 'keyword' } as const;
const french = { type: 'text', analyzer: 'jarida_french' } as const;
const arabic = { type: 'text', analyzer: 'jarida_arabic' } as const;
const stored = { type: 'keyword', index: false, doc_values: false } as const;

/** Field mappings, the union of every kind (each document fills its own). */
/**
 * Fields added since indices were first created: stored, not searched, so {@link MAPPINGS}
 * of an index already there take them in place (no rebuild). An article's alinéas and items.
 */
export const ADDED_IN_PLACE = { paragraphs: stored } as const;

export const MAPPINGS = {
  dynamic: 'strict',
  properties: {
    kind: keyword,
    // documents: one per article of an expression, or per text without articles (its title).
    text_id: keyword,
    language: keyword,
    type: keyword,
    number: keyword,
    article: keyword,
    position: { type: 'integer' },
    heading: stored,
    body_fr: french,
    body_ar: arabic,
    title_fr: french,
    title_ar: arabic,
    title: stored,
    date: { type: 'date', format: 'strict_date' },
    decade: keyword,
    valid_to: { type: 'date', format: 'strict_date' },
    bulletin: keyword,
    page: { type: 'integer' },
    page_index: { type: 'integer' },
    bbox: { type: 'object', enabled: false },
    path: stored,
    ...ADDED_IN_PLACE,
    // texts: one per expression.
    signed_on: { type: 'date', format: 'strict_date' },
    hijri_date: stored,
    promulgates: keyword,
    article_count: { type: 'integer' },
    // bulletins.
    edition: keyword,
    suffix: keyword,
    first_page: { type: 'integer' },
    last_page: { type: 'integer' },
    page_count: { type: 'integer' },
    source_sha256: keyword,
    // amendments and citations: one per operation or citation of an expression, `seq` in reading order.
    expression: keyword,
    by_text_id: keyword,
    seq: { type: 'integer' },
    by_article: keyword,
    amendment_kind: keyword,
    relation: keyword,
    cited_type: keyword,
    cited_number: keyword,
    // Compared as ISO strings only, never as dates: a misread date must not refuse the document.
    cited_date: keyword,
    target_text_id: keyword,
    reason: keyword,
    target_article: keyword,
    operation: { type: 'object', enabled: false },
    in_force: keyword,
    // versions: one per wording of an article of an expression (`position` orders a whole text).
    valid_from: { type: 'date', format: 'strict_date' },
    wording: stored,
    introduced_by: keyword,
    introduced_by_article: keyword,
    cause: keyword,
  },
} as const;

/** Body of `PUT _index_template/<prefix>`: every versioned index of the prefix gets the analyzers and mappings. */
export function indexTemplate(prefix: string, options: { shards?: number; replicas?: number } = {}) {
  return {
    index_patterns: INDEX_KINDS.map((kind) => `${aliasName(prefix, kind)}-v*`),
    template: {
      settings: {
        number_of_shards: options.shards ?? 1,
        number_of_replicas: options.replicas ?? 0,
        analysis: ANALYSIS,
      },
      mappings: MAPPINGS,
    },
    priority: 200,
    _meta: { description: 'jarida: Bulletin officiel articles, texts, bulletins and their amendment graph' },
  };
}

/** Decade of an ISO date: `1990` for 1990–1999. */
export function decadeOf(date: string | null): string | null {
  return date ? `${date.slice(0, 3)}0` : null;
}

/** A document to index with its id. */
export interface IndexedDocument {
  kind: IndexKind;
  id: string;
  source: Record<string, unknown>;
}

const byLanguage = (language: Language, field: string, value: string) => ({
  [`${field}_${language}`]: value,
});

/** Every document a parsed bulletin makes: the bulletin, each expression, each article (or title). */
export function bulletinDocuments({ bulletin, texts }: ParsedBulletin): IndexedDocument[] {
  const documents: IndexedDocument[] = [
    { kind: 'bulletins', id: bulletin.id, source: { kind: 'bulletin', ...bulletinToRecord(bulletin) } },
  ];
  for (const text of texts) {
    const common = {
      text_id: text.id,
      language: text.language,
      type: text.type,
      number: text.number ? canonicalNumber(text.number) : null,
      title: text.title,
      ...byLanguage(text.language, 'title', text.title),
      date: bulletin.date,
      decade: decadeOf(bulletin.date),
      bulletin: bulletin.id,
    };
    documents.push({
      kind: 'texts',
      id: `${text.id}:${text.language}`,
      source: {
        kind: 'text',
        ...common,
        signed_on: text.signedOn,
        hijri_date: text.hijriDate,
        promulgates: text.promulgates ?? null,
        page: text.page,
        article_count: text.articles.length,
      },
    });
    if (text.articles.length === 0) {
      documents.push({
        kind: 'documents',
        id: `${text.id}:${text.language}:title`,
        source: { kind: 'title', ...common },
      });
    }
    text.articles.forEach((a, position) => {
      documents.push({
        kind: 'documents',
        id: `${text.id}:${text.language}:${position}`,
        source: {
          kind: 'article',
          ...common,
          article: canonicalArticleNumber(a.number) ?? a.number,
          position,
          heading: a.heading,
          ...byLanguage(text.language, 'body', a.body),
          page: a.page,
          page_index: a.pageIndex,
          bbox: a.bbox ?? null,
          path: a.path ?? null,
          paragraphs: a.paragraphs ?? null,
        },
      });
    });
  }
  return documents;
}

/** Fields an amended wording's document takes from its expression's article documents. */
const EXPRESSION_FIELDS = [
  'text_id',
  'language',
  'type',
  'number',
  'title',
  'title_fr',
  'title_ar',
  'bulletin',
];

/**
 * The documents-index entry of an amended wording (kind `version`), searched like an article:
 * dated the day it took effect, with its validity for the in-force filter. `article` is any
 * article document of the same expression (its text's fields); null when the version has no
 * wording to search (an abrogation) or is the original.
 */
export function versionDocument(
  article: Record<string, unknown>,
  version: ComputedVersion,
  position: number,
): IndexedDocument | null {
  if (version.introducedBy === null || version.body === null) return null;
  const language = article.language as Language;
  const common = Object.fromEntries(
    EXPRESSION_FIELDS.filter((f) => f in article).map((f) => [f, article[f]]),
  );
  return {
    kind: 'documents',
    id: `${version.textId}:${language}:version:${version.article}:${version.validFrom}`,
    source: {
      ...common,
      kind: 'version',
      article: version.article,
      position,
      ...byLanguage(language, 'body', version.body),
      date: version.validFrom,
      decade: decadeOf(version.validFrom),
      valid_from: version.validFrom,
      valid_to: version.validTo,
      introduced_by: version.introducedBy,
    },
  };
}
