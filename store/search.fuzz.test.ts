/**
 * Fuzzing of search, from what a jurist types to what SQLite answers: any string and any
 * filter values (wrong types, negative and huge numbers, FTS5 and Elasticsearch syntax,
 * bidi marks, NUL, lone surrogates) either give a bounded, well-formed result that respects
 * the filters, or a typed `SearchRequestError`; nothing typed ever reaches FTS5 as syntax.
 * (query.test.ts checks toFtsMatch against a bare FTS5 table; this runs the whole store.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectArticleNumber, fuzzBudget, hostileString, QUERY_SYNTAX, TEXT_ID } from '../test/fuzz.js';
import { MAX_QUERY_LENGTH, type ParsedQuery, parseQuery, QueryLimitError, toFtsMatch } from './query.js';
import {
  DEFAULT_SEARCH_LIMIT,
  type SearchRequest,
  SearchRequestError,
  type SearchStore,
  searchResultSchema,
} from './search-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { contractBulletins, makePages } from './testing/contract-data.js';

/** Query syntax, and words of the archive. */
const QUERY_PIECE = fc.oneof(
  fc.constantFrom(...QUERY_SYNTAX),
  fc.constantFrom(
    'associations',
    'données',
    'loi',
    'art. 5 loi 09-08',
    'المادة 5 من القانون 09.08',
    'dahir',
    '1-58-376',
  ),
  hostileString(6),
);
const QUERY = fc.oneof(
  { weight: 8, arbitrary: fc.array(QUERY_PIECE, { maxLength: 14 }).map((p) => p.join('')) },
  // Up to twice the length limit: either side of it.
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 * MAX_QUERY_LENGTH, size: 'max' }) },
);

/** A filter value: usually a plausible one, often one of the wrong type or out of range. */
function filterValue<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: plausible },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(null, true, -1, 0, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER, -1e300, [], {}, ''),
        hostileString(10),
      ),
    },
  );
}

const ISO_DAY = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const REQUEST = fc.record(
  {
    query: QUERY,
    type: filterValue(fc.constantFrom('loi', 'dahir', 'decret', 'dahir-portant-loi', 'arrete', 'edict')),
    number: filterValue(fc.constantFrom('09-08', '09.08', '٠٩.٠٨', '1-58-376', '17-95')),
    article: filterValue(fc.constantFrom('1', '2', '12 bis', 'premier', 'unique', '!!')),
    from: filterValue(fc.oneof(ISO_DAY, fc.constantFrom('2009-02-30', '2009-13-01', 'yesterday'))),
    to: filterValue(ISO_DAY),
    language: filterValue(fc.constantFrom('fr', 'ar', 'en')),
    inForce: filterValue(ISO_DAY),
    limit: filterValue(fc.integer({ min: -5, max: 600 })),
    offset: filterValue(fc.integer({ min: -5, max: 100 })),
    facets: filterValue(fc.boolean()),
  },
  { requiredKeys: ['query'] },
);

let dir: string;
let store: SearchStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jarida-search-fuzz-'));
  store = await openSqliteStore(join(dir, 'jarida.db'));
  for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parseQuery fuzzed', () => {
  it('yields letter-and-digit terms, quoted for FTS5, and re-parses its own terms to themselves', () => {
    fc.assert(
      fc.property(QUERY, (raw) => {
        let parsed: ParsedQuery;
        try {
          parsed = parseQuery(raw);
        } catch (error) {
          // Refused past the limits, and only then: the length is checked first, terms after.
          expect(error).toBeInstanceOf(QueryLimitError);
          const { code } = error as QueryLimitError;
          expect(code).toBe(raw.length > MAX_QUERY_LENGTH ? 'E_QUERY_TOO_LONG' : 'E_QUERY_TOO_MANY_TERMS');
          return;
        }
        for (const term of [...parsed.terms, ...parsed.phrases.flat()])
          expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
        if (parsed.reference?.text) expect(parsed.reference.text.id).toMatch(TEXT_ID);
        if (parsed.reference?.article) expectArticleNumber(parsed.reference.article);
        const match = toFtsMatch(parsed);
        if (match !== null) {
          // Nothing but quoted terms separated by spaces: no operator, column filter or prefix.
          expect(match).toMatch(/^"[\p{L}\p{N} ]+"(?: "[\p{L}\p{N} ]+")*$/u);
        }
        // Typed again, the free words give the same terms (the query round-trips), unless
        // spaces now make a reference of what controls kept apart (`Article\u00000`).
        const again = parseQuery(parsed.text);
        if (!parsed.reference && !again.reference) expect(again.terms).toEqual(parsed.terms);
      }),
      fuzzBudget(800),
    );
  });
});

describe('SQLite search fuzzed', () => {
  it('answers any request with a bounded result that respects its filters, or a SearchRequestError', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(REQUEST, async (request) => {
        let result: Awaited<ReturnType<SearchStore['search']>>;
        try {
          result = await store.search(request as SearchRequest);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(SearchRequestError);
          return;
        }
        answered++;
        expect(searchResultSchema.safeParse(result).success).toBe(true);
        const limit = (request.limit as number | undefined) ?? DEFAULT_SEARCH_LIMIT;
        expect(result.hits.length).toBeLessThanOrEqual(limit);
        expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
        for (const hit of result.hits) {
          expect(hit.textId).toMatch(TEXT_ID);
          expectArticleNumber(hit.article);
          if (request.language !== undefined) expect(hit.language).toBe(request.language);
          if (request.from !== undefined && hit.date !== null)
            expect(hit.date >= (request.from as string)).toBe(true);
          if (request.to !== undefined && hit.date !== null)
            expect(hit.date <= (request.to as string)).toBe(true);
        }
      }),
      fuzzBudget(1500),
    );
    // Enough requests were valid to reach SQLite, not only the validation.
    expect(answered).toBeGreaterThan(fuzzBudget(1500).numRuns / 10);
  });

  it('regression (fuzz): an impossible day as a filter is a SearchRequestError, not another day', async () => {
    for (const from of ['2009-13-01', '2009-02-30', '2009-00-10']) {
      await expect(store.search({ query: '', from })).rejects.toBeInstanceOf(SearchRequestError);
    }
  });

  it('regression guard: FTS5 operators alone are words or nothing, never a syntax error', async () => {
    for (const query of ['NEAR(', 'title:*', '"', 'a OR', '^*', '{loi}:', '\u0000', '\ud800']) {
      const result = await store.search({ query, limit: 5 });
      expect(result.hits.length).toBeLessThanOrEqual(5);
    }
  });
});
