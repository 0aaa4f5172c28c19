/**
 * Full-text search of the embedded store: writes the documents of the index laid out by
 * search-index.ts and answers {@link SearchRequest}s from it. Every filter is either a tag
 * the index intersects or a rowid range it seeks, so a search reads the index and then
 * the handful of rows on the page, whatever the archive's size.
 *
 * Every wording of an article is a document: the article as printed, and each amended
 * wording (version_entries, dated the day it took effect). "In force on" a day is the
 * documents dated by then, less those whose wording ended by then (ended_documents).
 *
 * Broad queries: the index ranks (bm25) the `rankWindow` most recently published matches,
 * like a search engine's result window; `total` counts up to it and says so with
 * `totalRelation: 'gte'` beyond. The window is found first with the filters, then ranked
 * by the words alone: bm25 reads the whole doclist of every phrase of its expression to
 * weigh it, and a filter tag's phrase (the language tag holds half the archive) weighs
 * nothing.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalArticleNumber } from '../../pipeline/ids.js';
import type { Language, LegalText, TextType } from '../../pipeline/model.js';
import { TEXT_TYPES } from '../../pipeline/model.js';
import { normalizeForSearch, type TermCache } from '../../pipeline/normalize.js';
import { highlightTerms, parseQuery, toFtsMatch } from '../query.js';
import { type GroupedTextFacts, groupHitsByText } from '../search-groups.js';
import {
  DEFAULT_SEARCH_LIMIT,
  type SearchFacets,
  type SearchHit,
  type SearchRequest,
  SearchRequestError,
  type SearchResult,
  searchRequestSchema,
} from '../search-store.js';
import { buildSnippet } from '../snippet.js';
import {
  articleTag,
  DAY_SPAN,
  DECADE_OF_ROWID,
  dayNumber,
  dayOfRowid,
  documentTags,
  EVERY_DOCUMENT,
  endedOriginals,
  languageTag,
  numberTag,
  rowidRange,
  tagsMatch,
  textTag,
  typeTag,
} from './search-index.js';

export interface SqliteSearchOptions {
  /** Words per snippet (default 24). */
  snippetWords?: number;
  /** Matches ranked and counted at most (default 5,000). */
  rankWindow?: number;
}

/** Half Elasticsearch's default window: ranking costs ~1 µs of bm25 per windowed match. */
const DEFAULT_RANK_WINDOW = 5_000;
/** Relative weights of title, body and tags for bm25: a title match counts less; tags are filters only. */
const BM25_SCORE = '-bm25(search_index, 0.3, 1.0, 0.0)';
/**
 * A rowid range FTS5 seeks. better-sqlite3 binds every JS number as a REAL, and FTS5 takes
 * integer rowid bounds only: given a REAL, it reads the whole doclist and lets SQLite filter.
 */
const ROWID_BETWEEN = 'search_index.rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)';
/** Orders an expression first when in `preferred` (a bound parameter), then French, then Arabic. */
export const LANGUAGE_ORDER = (column: string) => `CASE ${column} WHEN ? THEN 0 WHEN 'fr' THEN 1 ELSE 2 END`;

interface DocumentRow {
  id: number;
  text_id: string;
  number: string;
  language: Language;
  body: string;
  date: string | null;
  title: string;
  valid_from: string | null;
  valid_to: string | null;
  introduced_by: string | null;
}

/** A wording the index holds for an amended version. */
interface IndexedVersionRow {
  id: number;
  language: Language;
  article: string;
  valid_from: string;
  indexed_hash: string | null;
}

/** An amended wording to index (article_versions joined to its text). */
interface AmendedVersionRow {
  language: Language;
  article: string;
  valid_from: string;
  valid_to: string | null;
  /** Null: the abrogation, which ends a wording and has none to index. */
  body: string | null;
  title: string;
  type: TextType;
  number: string | null;
}

interface RankedRow {
  rowid: number;
  score: number;
}

/** What the index is asked: one MATCH expression and one rowid range, less excluded rows. */
interface IndexQuery {
  match: string;
  range: [number, number];
  /** Rowids to leave out (pinned hits). */
  exclude: number[];
  /** In force on this day: documents whose wording ended by then are left out. */
  endedBy: string | null;
  /** The words of `match` alone, to rank by relevance; null: newest first. */
  words: string | null;
}

/** How many documents match, counted up to the rank window: exact below it. */
interface Total {
  total: number;
  exact: boolean;
}

/** The newest matches of a query, at most the rank window's size, and how many match. */
interface Window {
  ids: number[];
  total: Total;
}

export class SqliteSearch {
  private readonly rankWindow: number;
  private readonly snippetWords: number | undefined;
  /** Next sequence per publication day, within one write transaction. */
  private readonly nextSequence = new Map<number, number>();

  /** `stmt`: the store's cache of prepared statements, compiled once per distinct SQL. */
  constructor(
    private readonly db: Database.Database,
    private readonly stmt: (sql: string) => Database.Statement,
    private readonly terms: TermCache,
    options: SqliteSearchOptions = {},
  ) {
    this.rankWindow = options.rankWindow ?? DEFAULT_RANK_WINDOW;
    this.snippetWords = options.snippetWords;
  }

  /** Call at the start of each write transaction: ids are allocated from what is stored. */
  beginWrite(): void {
    this.nextSequence.clear();
  }

  /** A fresh document id for a document published on `date`: `day << 20 | sequence`. */
  allocateId(date: string | null): number {
    const day = dayNumber(date);
    let next = this.nextSequence.get(day);
    if (next === undefined) {
      const base = day * DAY_SPAN;
      const max = this.stmt(
        `SELECT max(m) FROM (SELECT max(id) AS m FROM articles WHERE id BETWEEN @lo AND @hi
         UNION ALL SELECT max(id) FROM title_entries WHERE id BETWEEN @lo AND @hi
         UNION ALL SELECT max(id) FROM version_entries WHERE id BETWEEN @lo AND @hi)`,
      )
        .pluck()
        .get({ lo: base, hi: base + DAY_SPAN - 1 }) as number | null;
      next = (max ?? base) + 1;
    }
    if (next >= (day + 1) * DAY_SPAN) throw new RangeError(`more than ${DAY_SPAN - 1} documents on one day`);
    this.nextSequence.set(day, next + 1);
    return next;
  }

  /** Indexes one article stored under `id`: its text's normalised title, its normalised body and tags. */
  indexArticle(id: number, title: string, article: { body: string; tags: string }): void {
    this.stmt('INSERT INTO search_index (rowid, title, body, tags) VALUES (?, ?, ?, ?)').run(
      id,
      title,
      article.body,
      article.tags,
    );
  }

  /** A text printed without articles (an appointment, a notice) is found by its title. */
  indexTitle(text: LegalText, date: string | null, title: string, tags: string): void {
    const id = this.allocateId(date);
    this.stmt('INSERT INTO title_entries (id, text_id, language) VALUES (?, ?, ?)').run(
      id,
      text.id,
      text.language,
    );
    this.stmt('INSERT INTO search_index (rowid, title, body, tags) VALUES (?, ?, ?, ?)').run(
      id,
      title,
      '',
      tags,
    );
  }

  /**
   * Indexes the amended wordings of `textIds` as the link stage just wrote their versions, and
   * lists the documents whose wording ended. A wording indexed before as it is now keeps its
   * document: a text amended again (each amending text recomputes its target) re-indexes only
   * what changed. Texts never amended (most) cost three index probes.
   */
  indexVersions(textIds: readonly string[]): void {
    const amended = this.stmt(
      `SELECT v.language, v.article, v.valid_from, v.valid_to, v.body, e.title, t.type, t.number
       FROM article_versions v
       JOIN expressions e ON e.text_id = v.text_id AND e.language = v.language
       JOIN texts t ON t.id = v.text_id
       WHERE v.text_id = ? AND v.introduced_by IS NOT NULL ORDER BY v.language, v.position`,
    );
    const indexed = this.stmt(
      'SELECT id, language, article, valid_from, indexed_hash FROM version_entries WHERE text_id = ?',
    );
    const insertEntry = this.stmt(
      `INSERT INTO version_entries (id, text_id, language, article, valid_from, indexed_hash)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertEnded = this.stmt('INSERT INTO ended_documents (id, text_id, valid_to) VALUES (?, ?, ?)');
    const key = (v: { language: string; article: string; valid_from: string }) =>
      `${v.language}\u0000${v.article}\u0000${v.valid_from}`;
    for (const textId of textIds) {
      const before = new Map((indexed.all(textId) as IndexedVersionRow[]).map((r) => [key(r), r] as const));
      this.stmt('DELETE FROM ended_documents WHERE text_id = ?').run(textId);
      const versions = amended.all(textId) as AmendedVersionRow[];
      // Without an amended version, no wording of the text ended (an abrogation is one).
      if (versions.length > 0) this.stmt(endedOriginals('a.text_id = @textId')).run({ textId });
      for (const v of versions) {
        if (v.body === null) continue;
        const hash = createHash('sha1')
          .update([v.body, v.title, v.type, v.number ?? ''].join('\u0000'))
          .digest('base64');
        const kept = before.get(key(v));
        let id = kept?.id;
        if (kept && kept.indexed_hash === hash) before.delete(key(v));
        else {
          id = this.allocateId(v.valid_from);
          insertEntry.run(id, textId, v.language, v.article, v.valid_from, hash);
          const tags = documentTags({ textId, ...v });
          this.indexArticle(id, normalizeForSearch(v.title, this.terms), {
            body: normalizeForSearch(v.body, this.terms),
            tags,
          });
        }
        if (v.valid_to) insertEnded.run(id, textId, v.valid_to);
      }
      // What is no longer a wording of the text (its trigger drops its document).
      const remove = this.stmt('DELETE FROM version_entries WHERE id = ?');
      for (const stale of before.values()) remove.run(stale.id);
    }
  }

  /** Merges the index into one segment and refreshes the planner's statistics. */
  optimize(): void {
    // analysis_limit: sampled statistics, seconds instead of minutes on a large archive.
    this.db.exec(
      `INSERT INTO search_index (search_index) VALUES ('optimize'); PRAGMA analysis_limit = 1000; ANALYZE;`,
    );
  }

  search(input: SearchRequest): SearchResult {
    const parsedRequest = searchRequestSchema.safeParse(input);
    if (!parsedRequest.success) throw new SearchRequestError(parsedRequest.error.message);
    const request = parsedRequest.data;
    const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
    const offset = request.offset ?? 0;
    // Refused past its limits; each term once: FTS5 reads at most MAX_QUERY_TERMS doclists.
    const query = parseQuery(request.query);
    const preferred: Language = query.arabic ? 'ar' : 'fr';
    const { reference } = query;
    const words = toFtsMatch(query);

    const tags = this.filterTags(request);
    const range = this.filterRange(request);
    const endedBy = request.inForce && this.anyEnded() ? request.inForce : null;

    // An exact article reference is answered first, whatever the ranking says.
    const pinned =
      reference?.text && reference.article
        ? this.pinnedIds(
            {
              match: tagsMatch([...tags, textTag(reference.text.id), articleTag(reference.article)])!,
              range,
              exclude: [],
              endedBy,
            },
            preferred,
          )
        : [];
    const restTags = [...tags];
    if (reference?.text && !words) restTags.push(textTag(reference.text.id));
    if (reference?.article && !reference.text && !words) restTags.push(articleTag(reference.article));
    const filterMatch = tagsMatch(restTags);
    const wordsMatch = words ? `{title body} : (${words})` : null;
    const match = [wordsMatch, filterMatch].filter(Boolean).join(' AND ');
    const indexQuery: IndexQuery = {
      match: match || EVERY_DOCUMENT,
      range,
      exclude: pinned,
      endedBy,
      words: wordsMatch,
    };

    const pinnedOnPage = pinned.slice(offset, offset + limit);
    const restLimit = limit - pinnedOnPage.length;
    const restOffset = Math.max(0, offset - pinned.length);
    let ranked: RankedRow[] = [];
    let counted: Total | null = null;
    if (restLimit > 0 && words && reference?.text) {
      ranked = this.rankReferencedTextFirst(
        indexQuery,
        reference.text.id,
        reference.article,
        restLimit,
        restOffset,
      );
    } else if (restLimit > 0) {
      ({ rows: ranked, total: counted } = this.page(indexQuery, restLimit, restOffset));
    }
    counted ??= this.window(indexQuery).total;
    const topScore = ranked[0]?.score ?? 0;
    const rows = this.documents([...pinnedOnPage, ...ranked.map((r) => r.rowid)]);
    const terms = highlightTerms(query);
    const hit = (id: number, score: number): SearchHit[] => {
      const row = rows.get(id);
      if (!row) return [];
      return [
        {
          textId: row.text_id,
          article: row.number,
          language: row.language,
          title: row.title,
          snippet: buildSnippet(row.body || row.title, terms, {
            words: this.snippetWords,
            cache: this.terms,
          }),
          date: row.date,
          score,
          validFrom: row.valid_from,
          validTo: row.valid_to,
          introducedBy: row.introduced_by,
        },
      ];
    };
    const hits = [
      ...pinnedOnPage.flatMap((id) => hit(id, topScore + 1)),
      ...ranked.flatMap((r) => hit(r.rowid, r.score)),
    ];
    return {
      total: pinned.length + counted.total,
      totalRelation: counted.exact ? 'eq' : 'gte',
      hits,
      texts: groupHitsByText(hits, this.textFacts(hits.map((h) => h.textId))),
      ...(request.facets ? { facets: this.facets(indexQuery, pinned) } : {}),
    };
  }

  private filterTags(request: SearchRequest): string[] {
    const tags: string[] = [];
    if (request.type) tags.push(typeTag(request.type));
    if (request.number) tags.push(numberTag(request.number));
    if (request.article) {
      const number = canonicalArticleNumber(request.article);
      if (!number) throw new SearchRequestError(`not an article number: ${request.article}`);
      tags.push(articleTag(number));
    }
    if (request.language) tags.push(languageTag(request.language));
    return tags;
  }

  /** Publication dates from the range and, in force on a day, published by then. */
  private filterRange(request: SearchRequest): [number, number] {
    const [lo, hi] = rowidRange(request.from ?? null, request.to ?? null);
    const [, published] = rowidRange(null, request.inForce ?? null);
    // A dated filter leaves undated documents (day 0) out.
    const floor = request.from || request.to || request.inForce ? DAY_SPAN : 0;
    return [Math.max(lo, floor), Math.min(hi, published)];
  }

  /** Whether any wording ended: until amendments are linked, "in force on" is a date range alone. */
  private anyEnded(): boolean {
    return this.stmt('SELECT EXISTS (SELECT 1 FROM ended_documents)').pluck().get() === 1;
  }

  /**
   * The articles an exact reference names, in the preferred language first, then their
   * newest wording first (a misread repeated number in printed order).
   */
  private pinnedIds(query: Omit<IndexQuery, 'words'>, preferred: Language): number[] {
    const { ids } = this.window({ ...query, words: null });
    if (ids.length === 0) return [];
    return this.stmt(
      `SELECT id FROM (
         SELECT id, language, position FROM articles WHERE id IN (SELECT value FROM json_each(@ids))
         UNION ALL SELECT id, language, 0 FROM version_entries WHERE id IN (SELECT value FROM json_each(@ids)))
       ORDER BY ${LANGUAGE_ORDER('language').replace('?', '@preferred')}, id / ${DAY_SPAN} DESC, position`,
    )
      .pluck()
      .all({ ids: JSON.stringify(ids), preferred }) as number[];
  }

  /**
   * SQL of a query's matches as `id` (and `columns`), newest first: the index reads them
   * backwards from the top of the range and stops at `LIMIT ?`, the caller's last parameter.
   */
  private newest(query: IndexQuery, columns = ''): { sql: string; params: unknown[] } {
    const exclude =
      query.exclude.length > 0 ? 'AND search_index.rowid NOT IN (SELECT value FROM json_each(?))' : '';
    // A lookup by rowid per match: only in-force searches pay it, and only once wordings ended.
    // A join, not a NOT EXISTS subquery: a sixth cheaper per match.
    const ended = query.endedBy
      ? 'LEFT JOIN ended_documents d ON d.id = search_index.rowid AND d.valid_to <= ?'
      : '';
    return {
      sql: `SELECT search_index.rowid AS id${columns} FROM search_index ${ended}
        WHERE search_index MATCH ? AND ${ROWID_BETWEEN} ${exclude} ${query.endedBy ? 'AND d.id IS NULL' : ''}
        ORDER BY search_index.rowid DESC LIMIT ?`,
      params: [
        ...(query.endedBy ? [query.endedBy] : []),
        query.match,
        ...query.range,
        ...(query.exclude.length > 0 ? [JSON.stringify(query.exclude)] : []),
      ],
    };
  }

  /**
   * The newest matches, read backwards from the top of the range: the index stops at the
   * window's size (one more says whether the total is exact).
   */
  private window(query: IndexQuery): Window {
    const newest = this.newest(query);
    const ids = this.stmt(newest.sql)
      .pluck()
      .all(...newest.params, this.rankWindow + 1) as number[];
    if (ids.length <= this.rankWindow) return { ids, total: { total: ids.length, exact: true } };
    return { ids: ids.slice(0, this.rankWindow), total: { total: this.rankWindow, exact: false } };
  }

  /**
   * One page of a query's matches and, when the page is not past the end, their total.
   * Words alone are weighed by bm25 as the index reads the window, in one pass; with filter
   * tags the window is read first and {@link rank}ed by the words.
   */
  private page(query: IndexQuery, limit: number, offset: number): { rows: RankedRow[]; total: Total | null } {
    if (query.words === null || query.words !== query.match) {
      const window = this.window(query);
      return { rows: this.rank(query.words, window.ids, limit, offset), total: window.total };
    }
    const newest = this.newest(query, `, ${BM25_SCORE} AS score`);
    // The window is stored once and counted with aggregates: window functions (count, row_number)
    // copied it through two more temporary tables, as costly as ranking it. Beyond the window's
    // size, its oldest match (the one more) is counted, not ranked.
    const rows = this.stmt(
      `WITH w AS MATERIALIZED (${newest.sql})
       SELECT id AS rowid, score, (SELECT count(*) FROM w) AS total FROM w
       WHERE (SELECT count(*) FROM w) <= ? OR id > (SELECT min(id) FROM w)
       ORDER BY score DESC, id DESC LIMIT ? OFFSET ?`,
    ).all(...newest.params, this.rankWindow + 1, this.rankWindow, limit, offset) as (RankedRow & {
      total: number;
    })[];
    const n = rows[0]?.total;
    return {
      rows: rows.map(({ rowid, score }) => ({ rowid, score })),
      total: n === undefined ? null : { total: Math.min(n, this.rankWindow), exact: n <= this.rankWindow },
    };
  }

  /**
   * A page of the window's matches (`ids`, newest first): by bm25 of `words` when given, else
   * newest first (within a day, in printed order). The words are matched again within the
   * window's rowid range, so bm25 weighs only their phrases.
   */
  private rank(words: string | null, ids: number[], limit: number, offset: number): RankedRow[] {
    const end = limit < 0 ? undefined : offset + limit;
    if (words === null) {
      const newestFirst = [...ids].sort((a, b) => dayOfRowid(b) - dayOfRowid(a) || a - b);
      return newestFirst.slice(offset, end).map((rowid) => ({ rowid, score: 0 }));
    }
    if (ids.length === 0) return [];
    // `+rowid`: a rowid IN list given to FTS5 would restart the match, and bm25's weights, per id.
    return this.stmt(
      `SELECT rowid, ${BM25_SCORE} AS score FROM search_index
       WHERE search_index MATCH ? AND ${ROWID_BETWEEN} AND +rowid IN (SELECT value FROM json_each(?))
       ORDER BY score DESC, rowid DESC LIMIT ? OFFSET ?`,
    ).all(words, ids.at(-1), ids[0], JSON.stringify(ids), limit, offset) as RankedRow[];
  }

  /** Words besides a text reference: that text's matches (the named article first), then the others. */
  private rankReferencedTextFirst(
    query: IndexQuery,
    textId: string,
    article: string | undefined,
    limit: number,
    offset: number,
  ): RankedRow[] {
    const within = { ...query, match: `${query.match} AND tags : ${textTag(textId)}` };
    const inText = this.page(within, -1, 0).rows;
    const named = article ? articleTag(article) : null;
    if (named) {
      const namedIds = new Set(this.window({ ...within, match: `${within.match} AND tags : ${named}` }).ids);
      inText.sort((a, b) => Number(namedIds.has(b.rowid)) - Number(namedIds.has(a.rowid)));
    }
    const first = inText.slice(offset, offset + limit);
    if (first.length === limit) return first;
    const others = this.page(
      { ...query, exclude: [...query.exclude, ...inText.map((r) => r.rowid)] },
      limit - first.length,
      Math.max(0, offset - inText.length),
    );
    return [...first, ...others.rows];
  }

  /**
   * Rows of the documents to show, by id: articles (their original wording), title-only texts
   * and amended wordings (dated the day they took effect), each with its validity.
   */
  private documents(ids: number[]): Map<number, DocumentRow> {
    if (ids.length === 0) return new Map();
    const rows = this.stmt(
      `SELECT a.id, a.text_id, a.number, a.language, a.body, a.date, e.title,
         COALESCE((SELECT min(v.valid_from) FROM article_versions v WHERE v.text_id = a.text_id
           AND v.language = a.language AND v.article = a.number AND v.introduced_by IS NULL), a.date) AS valid_from,
         (SELECT d.valid_to FROM ended_documents d WHERE d.id = a.id) AS valid_to, NULL AS introduced_by
       FROM articles a JOIN expressions e ON e.text_id = a.text_id AND e.language = a.language
       WHERE a.id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT te.id, te.text_id, '' AS number, te.language, '' AS body, b.date, e.title, b.date, NULL, NULL
       FROM title_entries te JOIN expressions e ON e.text_id = te.text_id AND e.language = te.language
       JOIN bulletins b ON b.id = e.bulletin_id
       WHERE te.id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT ve.id, ve.text_id, ve.article, ve.language, v.body, ve.valid_from, e.title, v.valid_from, v.valid_to,
         v.introduced_by
       FROM version_entries ve
       JOIN article_versions v ON v.text_id = ve.text_id AND v.language = ve.language AND v.article = ve.article
         AND v.valid_from = ve.valid_from
       JOIN expressions e ON e.text_id = ve.text_id AND e.language = ve.language
       WHERE ve.id IN (SELECT value FROM json_each(@ids))`,
    ).all({ ids: JSON.stringify(ids) }) as DocumentRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Type, number and first publication of the texts of a page's hits. */
  private textFacts(textIds: string[]): Map<string, GroupedTextFacts> {
    if (textIds.length === 0) return new Map();
    const rows = this.stmt(
      `SELECT t.id, t.type, t.number, (SELECT min(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
         WHERE p.text_id = t.id) AS date
       FROM texts t WHERE t.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify([...new Set(textIds)])) as ({ id: string } & GroupedTextFacts)[];
    return new Map(rows.map(({ id, ...facts }) => [id, facts]));
  }

  /**
   * Hits per text type and per decade of publication among the window's matches, like
   * `total`: one pass over the index (the decade is the rowid's; the type is looked up once
   * per text, the window holding several articles of most), where a count per type and per
   * decade read a common word's doclist twenty times.
   */
  private facets(query: IndexQuery, pinned: number[]): SearchFacets {
    const newest = this.newest({ ...query, exclude: query.exclude.filter((id) => !pinned.includes(id)) });
    const groups = this.stmt(
      `SELECT t.type, g.decade, g.hits FROM (
         SELECT COALESCE(a.text_id, te.text_id, ve.text_id) AS text_id, ${DECADE_OF_ROWID.replaceAll('rowid', 'w.id')} AS decade,
           count(*) AS hits
         FROM (${newest.sql}) w
         LEFT JOIN articles a ON a.id = w.id LEFT JOIN title_entries te ON te.id = w.id
         LEFT JOIN version_entries ve ON ve.id = w.id
         GROUP BY 1, 2) g
       LEFT JOIN texts t ON t.id = g.text_id`,
    )
      .raw()
      .all(...newest.params, this.rankWindow) as [TextType | null, string | null, number][];
    const types = new Map<string, number>();
    const decades = new Map<string, number>();
    for (const [type, decade, hits] of groups) {
      if (type) types.set(type, (types.get(type) ?? 0) + hits);
      if (decade) decades.set(decade, (decades.get(decade) ?? 0) + hits);
    }
    const facet = (counts: Map<string, number>, order: readonly string[]) =>
      order.filter((value) => counts.has(value)).map((value) => ({ value, count: counts.get(value)! }));
    return { type: facet(types, TEXT_TYPES), decade: facet(decades, [...decades.keys()].sort()) };
  }
}
