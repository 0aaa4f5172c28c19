/**
 * Embedded {@link SearchStore} on SQLite (better-sqlite3, FTS5): the default backend, no
 * server needed. Article bodies and text titles are indexed folded and stemmed by
 * pipeline/normalize.ts; snippets are cut from the printed wording.
 */
import Database from 'better-sqlite3';
import { canonicalArticleNumber, canonicalNumber } from '../pipeline/ids.js';
import type { Bulletin, Language, PageArtefact, ParsedBulletin, TextType } from '../pipeline/model.js';
import { normalizeForSearch, TermCache } from '../pipeline/normalize.js';
import { highlightTerms, parseQuery, toFtsMatch } from './query.js';
import {
  type ArticleRecord,
  type ArticleVersionRecord,
  type Backlink,
  DEFAULT_SEARCH_LIMIT,
  type ReadOptions,
  type SearchHit,
  type SearchRequest,
  SearchRequestError,
  type SearchResult,
  type SearchStore,
  searchRequestSchema,
  type TextHistory,
  type TextRecord,
  type TextSummary,
} from './search-store.js';
import { buildSnippet } from './snippet.js';
import { migrate } from './sqlite-schema.js';

export interface SqliteStoreOptions {
  /** Words per search snippet (default 24). */
  snippetWords?: number;
}

/** Relative weights of the indexed columns for bm25: a title match counts less than a body match. */
const BM25_WEIGHTS = { title: 0.3, body: 1.0 };
/** Higher is better (bm25() is lower for better matches). */
const BM25_SCORE = `-bm25(article_fts, ${BM25_WEIGHTS.title}, ${BM25_WEIGHTS.body})`;

interface Clause {
  sql: string;
  params: unknown[];
}

interface ArticleRow {
  id: number;
  text_id: string;
  language: Language;
  number: string;
  heading: string;
  body: string;
  page: number;
  page_index: number;
  bbox: string | null;
  path: string | null;
  date: string | null;
}

interface HitRow {
  id: number;
  text_id: string;
  number: string;
  language: Language;
  body: string;
  date: string | null;
  title: string;
  score: number;
}

interface BulletinRow {
  id: string;
  edition: Language;
  number: string;
  suffix: string | null;
  date: string | null;
  hijri_date: string | null;
  first_page: number | null;
  last_page: number | null;
  page_count: number;
  source_sha256: string;
}

/** Orders French expressions before Arabic ones (the default expression to show). */
const FRENCH_FIRST = (column: string) => `CASE ${column} WHEN 'fr' THEN 0 ELSE 1 END`;
/** Orders an expression first when in `preferred` (a bound parameter), then French, then Arabic. */
const LANGUAGE_ORDER = (column: string) => `CASE ${column} WHEN ? THEN 0 WHEN 'fr' THEN 1 ELSE 2 END`;

function articleEntry(row: ArticleRow) {
  return {
    number: row.number,
    heading: row.heading,
    body: row.body,
    page: row.page,
    pageIndex: row.page_index,
    ...(row.bbox ? { bbox: JSON.parse(row.bbox) } : {}),
    ...(row.path ? { path: JSON.parse(row.path) as string[] } : {}),
  };
}

export class SqliteStore implements SearchStore {
  private readonly db: Database.Database;
  private readonly snippetWords: number | undefined;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly terms = new TermCache();
  private readonly saveTransaction: (parsed: ParsedBulletin, pages: PageArtefact[]) => void;

  /** Opens (creating and migrating when needed) the database at `path`; `:memory:` for a throwaway one. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.snippetWords = options.snippetWords;
    this.saveTransaction = this.db.transaction((parsed: ParsedBulletin, pages: PageArtefact[]) =>
      this.writeBulletin(parsed, pages),
    );
  }

  /** Prepared statements, compiled once per distinct SQL (filters make a few shapes). */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  async saveBulletin(parsed: ParsedBulletin, pages: PageArtefact[]): Promise<void> {
    this.saveTransaction(parsed, pages);
  }

  private writeBulletin({ bulletin, texts, warnings }: ParsedBulletin, pages: PageArtefact[]): void {
    const previousTexts = this.stmt('SELECT text_id FROM publications WHERE bulletin_id = ?')
      .pluck()
      .all(bulletin.id) as string[];
    // Cascades remove its pages, expressions, articles (and their index rows) and publications.
    this.stmt('DELETE FROM bulletins WHERE id = ?').run(bulletin.id);
    const deleteOrphan = this.stmt(
      'DELETE FROM texts WHERE id = ? AND NOT EXISTS (SELECT 1 FROM expressions WHERE text_id = texts.id)',
    );
    for (const id of previousTexts) deleteOrphan.run(id);

    this.stmt(
      `INSERT INTO bulletins (id, edition, number, suffix, date, hijri_date, first_page, last_page, page_count, source_sha256, warnings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      bulletin.id,
      bulletin.edition,
      bulletin.number,
      bulletin.suffix ?? null,
      bulletin.date,
      bulletin.hijriDate,
      bulletin.firstPage,
      bulletin.lastPage,
      bulletin.pageCount,
      bulletin.sourceSha256,
      JSON.stringify(warnings),
    );
    const insertPage = this.stmt(
      `INSERT OR REPLACE INTO pages (bulletin_id, page_index, printed_page, source, confidence, language, header, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of pages) {
      const join = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');
      insertPage.run(
        bulletin.id,
        p.index,
        p.printedPage ?? null,
        p.source,
        p.confidence,
        p.language,
        join(p.header),
        join(p.lines),
      );
    }

    const upsertText = this.stmt(
      `INSERT INTO texts (id, type, number, signed_on, promulgates) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, number = COALESCE(excluded.number, number),
         signed_on = COALESCE(excluded.signed_on, signed_on), promulgates = COALESCE(excluded.promulgates, promulgates)`,
    );
    // A text already read in this language from another issue (a reprint): the latest reading wins.
    const deleteExpression = this.stmt('DELETE FROM expressions WHERE text_id = ? AND language = ?');
    const insertExpression = this.stmt(
      `INSERT INTO expressions (text_id, language, title, hijri_date, bulletin_id, page, confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPublication = this.stmt(
      'INSERT OR REPLACE INTO publications (text_id, bulletin_id, page) VALUES (?, ?, ?)',
    );
    const insertArticle = this.stmt(
      `INSERT INTO articles (text_id, language, position, number, heading, body, page, page_index, bbox, path, date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFts = this.stmt('INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)');

    for (const text of texts) {
      upsertText.run(text.id, text.type, text.number, text.signedOn, text.promulgates ?? null);
      deleteExpression.run(text.id, text.language);
      insertExpression.run(
        text.id,
        text.language,
        text.title,
        text.hijriDate,
        bulletin.id,
        text.page,
        text.confidence,
      );
      insertPublication.run(text.id, bulletin.id, text.page);
      const title = normalizeForSearch(text.title, this.terms);
      text.articles.forEach((a, position) => {
        const { lastInsertRowid } = insertArticle.run(
          text.id,
          text.language,
          position,
          a.number,
          a.heading,
          a.body,
          a.page,
          a.pageIndex,
          a.bbox ? JSON.stringify(a.bbox) : null,
          a.path ? JSON.stringify(a.path) : null,
          bulletin.date,
        );
        insertFts.run(lastInsertRowid, title, normalizeForSearch(a.body, this.terms));
      });
    }
  }

  async findBulletinBySource(sha256: string): Promise<string | null> {
    const id = this.stmt('SELECT id FROM bulletins WHERE source_sha256 = ? LIMIT 1').pluck().get(sha256);
    return (id as string | undefined) ?? null;
  }

  async getBulletin(id: string): Promise<Bulletin | null> {
    const row = this.stmt('SELECT * FROM bulletins WHERE id = ?').get(id) as BulletinRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      edition: row.edition,
      number: row.number,
      ...(row.suffix ? { suffix: row.suffix } : {}),
      date: row.date,
      hijriDate: row.hijri_date,
      firstPage: row.first_page,
      lastPage: row.last_page,
      pageCount: row.page_count,
      sourceSha256: row.source_sha256,
    };
  }

  async listTexts(filter: {
    type?: TextType;
    year?: number;
    limit?: number;
    offset?: number;
  }): Promise<TextSummary[]> {
    const rows = this.stmt(
      `WITH listed AS (
         SELECT t.*, COALESCE(substr(t.signed_on, 1, 4), (
           SELECT substr(min(b.date), 1, 4) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
           WHERE p.text_id = t.id)) AS year,
         (SELECT language FROM expressions x WHERE x.text_id = t.id ORDER BY ${FRENCH_FIRST('x.language')} LIMIT 1) AS language
         FROM texts t WHERE (@type IS NULL OR t.type = @type)
       )
       SELECT l.id, l.type, l.number, l.signed_on, e.title,
         (SELECT group_concat(language, ',') FROM (SELECT language FROM expressions x WHERE x.text_id = l.id ORDER BY language)) AS languages,
         (SELECT count(*) FROM articles a WHERE a.text_id = l.id AND a.language = l.language) AS articles
       FROM listed l JOIN expressions e ON e.text_id = l.id AND e.language = l.language
       WHERE (@year IS NULL OR l.year = @year)
       ORDER BY l.signed_on IS NULL, l.signed_on, l.id
       LIMIT @limit OFFSET @offset`,
    ).all({
      type: filter.type ?? null,
      year: filter.year === undefined ? null : String(filter.year).padStart(4, '0'),
      limit: filter.limit ?? -1,
      offset: filter.offset ?? 0,
    }) as {
      id: string;
      type: TextType;
      number: string | null;
      signed_on: string | null;
      title: string;
      languages: string;
      articles: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      number: r.number,
      title: r.title,
      signedOn: r.signed_on,
      languages: r.languages.split(',') as Language[],
      articles: r.articles,
    }));
  }

  /**
   * The expression of a text to show: `language` when given (null when missing), else French, else
   * Arabic; with `at`, only one published by then.
   */
  private expressionLanguage(textId: string, { language, at }: ReadOptions): Language | null {
    const found = this.stmt(
      `SELECT e.language FROM expressions e JOIN bulletins b ON b.id = e.bulletin_id
       WHERE e.text_id = @textId AND (@language IS NULL OR e.language = @language) AND (@at IS NULL OR b.date <= @at)
       ORDER BY ${FRENCH_FIRST('e.language')} LIMIT 1`,
    )
      .pluck()
      .get({ textId, language: language ?? null, at: at ?? null });
    return (found as Language | undefined) ?? null;
  }

  async getText(id: string, opts: ReadOptions = {}): Promise<TextRecord | null> {
    const language = this.expressionLanguage(id, opts);
    if (!language) return null;
    const head = this.stmt(
      `SELECT t.id, t.type, t.number, t.signed_on, t.promulgates, e.title, e.hijri_date
       FROM texts t JOIN expressions e ON e.text_id = t.id WHERE t.id = ? AND e.language = ?`,
    ).get(id, language) as {
      id: string;
      type: TextType;
      number: string | null;
      signed_on: string | null;
      promulgates: string | null;
      title: string;
      hijri_date: string | null;
    };
    const publications = this.stmt(
      `SELECT p.bulletin_id AS bulletin, b.edition, b.date, p.page FROM publications p
       JOIN bulletins b ON b.id = p.bulletin_id WHERE p.text_id = ? ORDER BY b.date, b.edition`,
    ).all(id) as TextRecord['publications'];
    const languages = this.stmt('SELECT language FROM expressions WHERE text_id = ? ORDER BY language')
      .pluck()
      .all(id) as Language[];
    const articles = this.stmt(
      'SELECT * FROM articles WHERE text_id = ? AND language = ? ORDER BY position',
    ).all(id, language) as ArticleRow[];
    return {
      id: head.id,
      type: head.type,
      number: head.number,
      title: head.title,
      signedOn: head.signed_on,
      hijriDate: head.hijri_date,
      language,
      languages,
      publications,
      articles: articles.map(articleEntry),
      ...(head.promulgates ? { promulgates: head.promulgates } : {}),
    };
  }

  async getArticle(textId: string, article: string, opts: ReadOptions = {}): Promise<ArticleRecord | null> {
    const number = canonicalArticleNumber(article);
    const language = this.expressionLanguage(textId, opts);
    if (!number || !language) return null;
    const row = this.stmt(
      `SELECT a.*, e.bulletin_id FROM articles a JOIN expressions e ON e.text_id = a.text_id AND e.language = a.language
       WHERE a.text_id = ? AND a.language = ? AND a.number = ? ORDER BY a.position LIMIT 1`,
    ).get(textId, language, number) as (ArticleRow & { bulletin_id: string }) | undefined;
    if (!row) return null;
    return {
      ...articleEntry(row),
      textId: row.text_id,
      article: row.number,
      language: row.language,
      bulletin: row.bulletin_id,
      validFrom: row.date,
      validTo: null,
      introducedBy: null,
    };
  }

  /** Until amendments are linked (issue 5) an article has one version: its original wording. */
  async getArticleVersions(
    textId: string,
    article: string,
    opts: { language?: Language } = {},
  ): Promise<ArticleVersionRecord[]> {
    const original = await this.getArticle(textId, article, opts);
    if (!original?.validFrom) return [];
    return [
      {
        textId,
        article: original.article,
        language: original.language,
        validFrom: original.validFrom,
        validTo: null,
        body: original.body,
        introducedBy: null,
        introducedByArticle: null,
      },
    ];
  }

  /** Publication events, one per edition that printed the text (amendment events come with issue 5). */
  async getHistory(textId: string, opts: { article?: string } = {}): Promise<TextHistory | null> {
    const publications = this.stmt(
      `SELECT b.date FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
       WHERE p.text_id = ? AND b.date IS NOT NULL ORDER BY b.date, b.edition`,
    )
      .pluck()
      .all(textId) as string[];
    if (!publications.length) return null;
    const articles = opts.article ? [canonicalArticleNumber(opts.article) ?? opts.article] : [];
    return {
      id: textId,
      events: publications.map((date) => ({
        date,
        kind: 'published' as const,
        by: textId,
        byArticle: null,
        articles,
      })),
    };
  }

  /** Texts that promulgate this one (citations and amendments come with issue 5). */
  async getBacklinks(textId: string): Promise<Backlink[]> {
    const rows = this.stmt(
      `SELECT t.id, MIN(b.date) AS date FROM texts t
       LEFT JOIN publications p ON p.text_id = t.id LEFT JOIN bulletins b ON b.id = p.bulletin_id
       WHERE t.promulgates = ? GROUP BY t.id ORDER BY date, t.id`,
    ).all(textId) as { id: string; date: string | null }[];
    return rows.map((r) => ({
      textId: r.id,
      article: null,
      relation: 'promulgates',
      targetArticle: null,
      date: r.date,
    }));
  }

  async search(input: SearchRequest): Promise<SearchResult> {
    const parsedRequest = searchRequestSchema.safeParse(input);
    if (!parsedRequest.success) throw new SearchRequestError(parsedRequest.error.message);
    const request = parsedRequest.data;
    const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
    const offset = request.offset ?? 0;
    const query = parseQuery(request.query);
    const preferred: Language = query.arabic ? 'ar' : 'fr';
    const filters = this.requestFilters(request);
    const { reference } = query;
    const match = toFtsMatch(query);

    // An exact article reference is answered first, whatever the ranking says.
    const pinned: HitRow[] =
      reference?.text && reference.article
        ? (this.selectHits(
            null,
            [
              ...filters,
              { sql: 'a.text_id = ? AND a.number = ?', params: [reference.text.id, reference.article] },
            ],
            [
              { sql: LANGUAGE_ORDER('a.language'), params: [preferred] },
              { sql: 'a.position', params: [] },
            ],
            -1,
            0,
          ) as HitRow[])
        : [];

    const rest: Clause[] = [...filters];
    if (pinned.length > 0)
      rest.push({ sql: `a.id NOT IN (${pinned.map(() => '?').join(',')})`, params: pinned.map((p) => p.id) });
    const order: Clause[] = [];
    if (match) {
      // Free words given: rank by them, the referenced text and article number first.
      if (reference?.text) order.push({ sql: 'a.text_id <> ?', params: [reference.text.id] });
      if (reference?.article) order.push({ sql: 'a.number <> ?', params: [reference.article] });
      order.push({ sql: 'score DESC', params: [] });
    } else if (reference?.text) {
      rest.push({ sql: 'a.text_id = ?', params: [reference.text.id] });
      if (!reference.article) order.push({ sql: LANGUAGE_ORDER('a.language'), params: [preferred] });
    } else if (reference?.article) {
      rest.push({ sql: 'a.number = ?', params: [reference.article] });
    }
    order.push(
      { sql: 'a.date DESC', params: [] },
      { sql: 'a.text_id', params: [] },
      { sql: LANGUAGE_ORDER('a.language'), params: [preferred] },
      { sql: 'a.position', params: [] },
    );

    const restTotal = this.countHits(match, rest);
    const pinnedOnPage = pinned.slice(offset, offset + limit);
    const restLimit = limit - pinnedOnPage.length;
    const restOffset = Math.max(0, offset - pinned.length);
    // Plain words without filters: the index ranks alone, no join per matching row.
    const plain = match !== null && rest.length === 0 && reference === null;
    const select = () =>
      plain && match
        ? this.selectRanked(match, restLimit, restOffset)
        : this.selectHits(match, rest, order, restLimit, restOffset);
    const restRows = restLimit > 0 ? (select() as HitRow[]) : [];
    const topScore = restRows[0]?.score ?? 0;
    const terms = highlightTerms(query);
    const toHit = (row: HitRow, score: number): SearchHit => ({
      textId: row.text_id,
      article: row.number,
      language: row.language,
      title: row.title,
      snippet: buildSnippet(row.body, terms, { words: this.snippetWords }),
      date: row.date,
      score,
    });
    return {
      total: pinned.length + restTotal,
      hits: [
        ...pinnedOnPage.map((row) => toHit(row, topScore + 1)),
        ...restRows.map((row) => toHit(row, row.score)),
      ],
    };
  }

  private requestFilters(request: SearchRequest): Clause[] {
    const filters: Clause[] = [];
    if (request.type) filters.push({ sql: 't.type = ?', params: [request.type] });
    if (request.number) filters.push({ sql: 't.number = ?', params: [canonicalNumber(request.number)] });
    if (request.article) {
      const number = canonicalArticleNumber(request.article);
      if (!number) throw new SearchRequestError(`not an article number: ${request.article}`);
      filters.push({ sql: 'a.number = ?', params: [number] });
    }
    if (request.language) filters.push({ sql: 'a.language = ?', params: [request.language] });
    if (request.from) filters.push({ sql: 'a.date >= ?', params: [request.from] });
    if (request.to) filters.push({ sql: 'a.date <= ?', params: [request.to] });
    return filters;
  }

  private fromClause(match: string | null): string {
    return match
      ? 'article_fts JOIN articles a ON a.id = article_fts.rowid JOIN texts t ON t.id = a.text_id'
      : 'articles a JOIN texts t ON t.id = a.text_id';
  }

  private whereClause(match: string | null, filters: Clause[]): Clause {
    const all = match ? [{ sql: 'article_fts MATCH ?', params: [match] }, ...filters] : filters;
    return {
      sql: all.length > 0 ? `WHERE ${all.map((c) => c.sql).join(' AND ')}` : '',
      params: all.flatMap((c) => c.params),
    };
  }

  private countHits(match: string | null, filters: Clause[]): number {
    // Without filters the index alone knows the count: no join per matching row.
    if (match && filters.length === 0) {
      return this.stmt('SELECT count(*) FROM article_fts WHERE article_fts MATCH ?')
        .pluck()
        .get(match) as number;
    }
    const where = this.whereClause(match, filters);
    return this.stmt(`SELECT count(*) FROM ${this.fromClause(match)} ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  /** Hits ranked by the index alone, joined for the page only: common words match a large share of articles. */
  private selectRanked(match: string, limit: number, offset: number) {
    return this.stmt(
      `SELECT a.id, a.text_id, a.number, a.language, a.body, a.date, e.title, h.score
       FROM (SELECT rowid, ${BM25_SCORE} AS score FROM article_fts WHERE article_fts MATCH ?
             ORDER BY score DESC, rowid LIMIT ? OFFSET ?) h
       JOIN articles a ON a.id = h.rowid JOIN expressions e ON e.text_id = a.text_id AND e.language = a.language
       ORDER BY h.score DESC, h.rowid`,
    ).all(match, limit, offset);
  }

  private selectHits(
    match: string | null,
    filters: Clause[],
    order: Clause[],
    limit: number,
    offset: number,
  ) {
    const where = this.whereClause(match, filters);
    const score = match ? BM25_SCORE : '0';
    return this.stmt(
      `SELECT a.id, a.text_id, a.number, a.language, a.body, a.date, e.title, ${score} AS score
       FROM ${this.fromClause(match)} JOIN expressions e ON e.text_id = a.text_id AND e.language = a.language
       ${where.sql} ORDER BY ${order.map((c) => c.sql).join(', ')} LIMIT ? OFFSET ?`,
    ).all(...where.params, ...order.flatMap((c) => c.params), limit, offset);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Opens the embedded store at `path` (created and migrated when needed). */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  return new SqliteStore(path, options);
}
