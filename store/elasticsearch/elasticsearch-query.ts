/**
 * Query DSL from the {@link SearchRequest} the SQLite adapter answers, so both backends
 * behave alike: every word must match (in the body or the title), quoted phrases match as
 * `match_phrase`, filters are `bool` filters, an exact reference pins its article first
 * (a first search), and the rest is ranked by relevance or, without words, newest first.
 * Pure: builds request bodies, sends nothing.
 */
import { canonicalArticleNumber, canonicalNumber } from '../../pipeline/ids.js';
import { type ParsedQuery, parseQuery } from '../query.js';
import { HIGHLIGHT, type SearchRequest, SearchRequestError } from '../search-store.js';

/** Matches ranked and counted at most, as Elasticsearch's default `index.max_result_window`. */
export const DEFAULT_RESULT_WINDOW = 10_000;

type Query = Record<string, unknown>;

/** The searches one request becomes: the pinned reference (if any), then the ranked rest. */
export interface SearchPlan {
  query: ParsedQuery;
  /** Finds the articles an exact reference names; run first, its hits go on top. */
  pinned: { query: Query; sort: unknown[] } | null;
  /** The rest, to which the store adds `must_not` on pinned ids, `from` and `size`. */
  rest: { query: Query; sort: unknown[] };
  filters: Query[];
}

const WORD_FIELDS = ['body_fr', 'body_ar', 'title_fr^0.3', 'title_ar^0.3'];
const PHRASE_FIELDS = ['body_fr', 'body_ar', 'title_fr', 'title_ar'];

/** `bool` filters of the request's type, number, article, language, dates and "in force on". */
export function requestFilters(request: SearchRequest): Query[] {
  const filters: Query[] = [];
  if (request.type) filters.push({ term: { type: request.type } });
  if (request.number) filters.push({ term: { number: canonicalNumber(request.number) } });
  if (request.article) {
    const number = canonicalArticleNumber(request.article);
    if (!number) throw new SearchRequestError(`not an article number: ${request.article}`);
    filters.push({ term: { article: number } });
  }
  if (request.language) filters.push({ term: { language: request.language } });
  if (request.from || request.to) {
    filters.push({
      range: {
        date: { ...(request.from ? { gte: request.from } : {}), ...(request.to ? { lte: request.to } : {}) },
      },
    });
  }
  if (request.inForce) {
    // Published by then, and not yet replaced (valid_to is exclusive).
    filters.push({ range: { date: { lte: request.inForce } } });
    filters.push({
      bool: {
        should: [
          { bool: { must_not: { exists: { field: 'valid_to' } } } },
          { range: { valid_to: { gt: request.inForce } } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  return filters;
}

/** Every word in some field; each phrase in order in one field. */
function wordQueries(query: ParsedQuery): Query[] {
  const must: Query[] = [];
  if (query.text) {
    must.push({
      multi_match: { query: query.text, fields: WORD_FIELDS, type: 'cross_fields', operator: 'and' },
    });
  }
  for (const phrase of query.phraseTexts) {
    must.push({
      bool: {
        should: PHRASE_FIELDS.map((field) => ({ match_phrase: { [field]: phrase } })),
        minimum_should_match: 1,
      },
    });
  }
  return must;
}

const NEWEST_FIRST = [{ date: { order: 'desc', missing: '_last' } }, { text_id: 'asc' }, { position: 'asc' }];

/**
 * Plans the searches of one request (throws {@link SearchRequestError} on a bad filter, its
 * QueryLimitError past the query limits). Words are sent once each, so the `cross_fields`
 * query expands to at most MAX_QUERY_TERMS × 4 clauses, far below `max_clause_count`.
 */
export function planSearch(request: SearchRequest): SearchPlan {
  const query = parseQuery(request.query);
  const filters = requestFilters(request);
  const words = wordQueries(query);
  const { reference } = query;
  const preferred = query.arabic ? 'ar' : 'fr';
  const languageFirst = {
    _script: {
      type: 'number',
      order: 'asc',
      script: {
        source: "doc['language'].value == params.preferred ? 0 : (doc['language'].value == 'fr' ? 1 : 2)",
        params: { preferred },
      },
    },
  };
  const pinned =
    reference?.text && reference.article
      ? {
          query: {
            bool: {
              filter: [
                ...filters,
                { term: { text_id: reference.text.id } },
                { term: { article: reference.article } },
              ],
            },
          },
          // An article's newest wording first, as the embedded store pins them.
          sort: [languageFirst, { date: { order: 'desc' } }, { position: 'asc' }],
        }
      : null;
  const restFilters = [...filters];
  const should: Query[] = [];
  if (words.length === 0 && reference?.text) restFilters.push({ term: { text_id: reference.text.id } });
  if (words.length === 0 && reference?.article && !reference.text)
    restFilters.push({ term: { article: reference.article } });
  // Words besides a reference: the referenced text (and article) rank first.
  if (words.length > 0 && reference?.text)
    should.push({ term: { text_id: { value: reference.text.id, boost: 1000 } } });
  if (words.length > 0 && reference?.article)
    should.push({ term: { article: { value: reference.article, boost: 100 } } });
  const rest = {
    query: {
      bool: {
        ...(words.length > 0 ? { must: words } : { must: { match_all: {} } }),
        filter: restFilters,
        ...(should.length > 0 ? { should } : {}),
      },
    },
    sort: words.length > 0 ? ['_score', ...NEWEST_FIRST] : NEWEST_FIRST,
  };
  return { query, pinned, rest, filters };
}

/** Highlight of the printed wording, with the markers SQLite snippets use. */
export function highlightOptions(words: number) {
  const fields = Object.fromEntries(
    ['body_fr', 'body_ar', 'title_fr', 'title_ar'].map((f) => [
      f,
      { number_of_fragments: 1, fragment_size: words * 8, no_match_size: words * 8 },
    ]),
  );
  return { pre_tags: [HIGHLIGHT.open], post_tags: [HIGHLIGHT.close], fields, require_field_match: false };
}

/** Facet aggregations: hits per type and per decade. */
export const FACET_AGGREGATIONS = {
  type: { terms: { field: 'type', size: 20 } },
  decade: { terms: { field: 'decade', size: 20, order: { _key: 'asc' } } },
};
