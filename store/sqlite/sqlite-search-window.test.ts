/**
 * The embedded search reads a query's window of newest matches with its filters, then ranks
 * that window by the words alone (store/sqlite/sqlite-search.ts). On the search benchmark's archive
 * and query set, small and with a small window so that windows fill, every page must be
 * what the straightforward formulation answers: one pass over the index with the words and
 * the filter tags together, bm25 over that window, and facets counted over that window. The
 * archive has amended wordings: in force on a day, the pass leaves out every document whose
 * wording ended by then, read from the article versions themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArchiveText, syntheticArchive } from '../../bench/search-archive.js';
import { mixedQueries } from '../../bench/search-queries.js';
import { parseQuery, toFtsMatch } from '../query.js';
import { DEFAULT_SEARCH_LIMIT, type SearchRequest } from '../search-store.js';
import { DAY_SPAN, languageTag, rowidRange, tagsMatch, typeTag } from './search-index.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

const RANK_WINDOW = 150;
const dir = mkdtempSync(join(tmpdir(), 'jarida-search-window-'));
const path = join(dir, 'archive.db');
const texts: ArchiveText[] = [];
let store: SqliteStore;
let db: Database.Database;

beforeAll(async () => {
  store = await openSqliteStore(path, { rankWindow: RANK_WINDOW });
  await store.saveBulletins([...syntheticArchive({ articles: 4000, seed: 11, amended: 0.2 }, texts)]);
  await store.optimize();
  db = new Database(path, { readonly: true });
}, 60_000);

afterAll(async () => {
  db?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The page a request gets from one pass: words and tags in one MATCH, the newest
 * `RANK_WINDOW` matches of the date range, ordered by bm25 (the store's weights).
 * Undefined for requests this formulation does not cover (references, number look-ups).
 */
function onePass(
  request: SearchRequest,
): { hits: string[]; total: number; facets: Record<string, Record<string, number>> } | undefined {
  const query = parseQuery(request.query);
  const words = toFtsMatch(query);
  if (!words || query.reference || request.number) return undefined;
  const tags = tagsMatch([
    ...(request.type ? [typeTag(request.type)] : []),
    ...(request.language ? [languageTag(request.language)] : []),
  ]);
  const match = [`{title body} : (${words})`, tags].filter(Boolean).join(' AND ');
  const to = request.to ?? request.inForce ?? null;
  const [lo, hi] = rowidRange(request.from ?? null, to);
  const dated = request.from || to;
  // Wordings ended by the day: originals an amendment replaced or abrogated, amended wordings replaced in turn.
  const ended = `AND rowid NOT IN (
    SELECT a.id FROM articles a JOIN article_versions v ON v.text_id = a.text_id AND v.language = a.language
      AND v.article = a.number AND v.introduced_by IS NULL WHERE v.valid_to <= @day
    UNION ALL SELECT ve.id FROM version_entries ve JOIN article_versions v USING (text_id, language, article, valid_from)
      WHERE v.valid_to <= @day)`;
  const rows = db
    .prepare(
      `SELECT w.rowid, w.score, d.text_id, d.number, t.type, substr(d.date, 1, 3) || '0' AS decade FROM (
         SELECT rowid, -bm25(search_index, 0.3, 1.0, 0.0) AS score FROM search_index
         WHERE search_index MATCH @match AND rowid BETWEEN @lo AND @hi ${request.inForce ? ended : ''}
         ORDER BY rowid DESC LIMIT @window) w
       JOIN (SELECT id, text_id, number, date FROM articles
         UNION ALL SELECT id, text_id, article, valid_from FROM version_entries) d ON d.id = w.rowid
       JOIN texts t ON t.id = d.text_id
       ORDER BY w.score DESC, w.rowid DESC`,
    )
    .all({
      match,
      lo: dated ? Math.max(lo, DAY_SPAN) : lo,
      hi,
      window: RANK_WINDOW,
      ...(request.inForce ? { day: request.inForce } : {}),
    }) as {
    score: number;
    text_id: string;
    number: string;
    type: string;
    decade: string;
  }[];
  const count = (key: 'type' | 'decade') => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row[key]] = (counts[row[key]] ?? 0) + 1;
    return counts;
  };
  const offset = request.offset ?? 0;
  return {
    hits: rows
      .slice(offset, offset + (request.limit ?? DEFAULT_SEARCH_LIMIT))
      .map((r) => `${r.text_id}/${r.number} ${r.score}`),
    total: rows.length,
    facets: { type: count('type'), decade: count('decade') },
  };
}

describe('SQLite search window', () => {
  it('pages and counts facets for every query of the benchmark set as one pass over words and filters would', async () => {
    const requests = mixedQueries(texts, 180, 11).map(({ request }, i) =>
      // Every third query asks for a later page.
      i % 3 === 2 ? { ...request, offset: DEFAULT_SEARCH_LIMIT } : request,
    );
    let compared = 0;
    let filled = 0;
    let amendedInForce = 0;
    for (const request of requests) {
      const expected = onePass(request);
      if (!expected) continue;
      const result = await store.search({ ...request, facets: true });
      expect(
        result.hits.map((h) => `${h.textId}/${h.article} ${h.score}`),
        JSON.stringify(request),
      ).toEqual(expected.hits);
      expect(result.total).toBe(expected.total);
      const facets = result.facets!;
      expect({
        type: Object.fromEntries(facets.type.map((f) => [f.value, f.count])),
        decade: Object.fromEntries(facets.decade.map((f) => [f.value, f.count])),
      }).toEqual(expected.facets);
      compared++;
      if (result.totalRelation === 'gte') filled++;
      if (request.inForce && result.hits.some((h) => h.introducedBy)) amendedInForce++;
    }
    // Most of the set is covered, and windows fill, with and without filters.
    expect(compared).toBeGreaterThan(120);
    expect(filled).toBeGreaterThan(20);
    expect(amendedInForce).toBeGreaterThan(5);
  });

  it('weighs the words only: a filter the matches all pass leaves hits and scores as they were', async () => {
    // A French word: every match is French, so the language filter drops none of them.
    const request: SearchRequest = { query: 'demande', from: '1990-01-01', to: '1999-12-31', limit: 50 };
    const unfiltered = await store.search(request);
    expect(unfiltered.hits.length).toBeGreaterThan(5);
    expect(await store.search({ ...request, language: 'fr' })).toEqual(unfiltered);
  });
});
