/**
 * Embedded {@link SearchStore} on SQLite (better-sqlite3, FTS5): the default backend, no
 * server needed. Article bodies and text titles are indexed folded and stemmed by
 * pipeline/normalize.ts; snippets are cut from the printed wording.
 */
import Database from 'better-sqlite3';
import { linkSavedSync } from '../../pipeline/amendments/link-stage.js';
import { versionAt } from '../../pipeline/amendments/versions.js';
import { canonicalArticleNumber } from '../../pipeline/ids.js';
import type {
  Bulletin,
  Edition,
  Language,
  PageArtefact,
  ParsedBulletin,
  TextType,
} from '../../pipeline/model.js';
import { TermCache } from '../../pipeline/normalize.js';
import { textHistory } from '../amendment-history.js';
import { articleEntry, type StoredArticle, versionEntries, versionsOfArticle } from '../article-reads.js';
import { type BulletinRecord, bulletinFromRecord } from '../bulletin-record.js';
import {
  type ArticleRecord,
  type ArticleVersionRecord,
  type Backlink,
  compareBulletins,
  type ReadOptions,
  type SearchRequest,
  type SearchResult,
  type SearchStore,
  type TextHistory,
  type TextRecord,
  type TextSummary,
} from '../search-store.js';
import { type PreparedBulletin, prepareBulletin } from './bulletin-preparation.js';
import { SqliteAmendments } from './sqlite-amendments.js';
import { migrate } from './sqlite-schema.js';
import { LANGUAGE_ORDER, SqliteSearch } from './sqlite-search.js';

export interface SqliteStoreOptions {
  /** Words per search snippet (default 24). */
  snippetWords?: number;
  /** Matches a search ranks and counts at most (default 5,000). */
  rankWindow?: number;
  /**
   * Prepares bulletins for {@link SqliteStore.saveBulletins} elsewhere (engines/preparation-pool.ts),
   * so that preparing the next ones overlaps writing these; default: on this thread.
   */
  prepare?: BulletinPreparer;
}

/** Prepares parsed bulletins for writing, one result per bulletin in order. */
export type BulletinPreparer = (bulletins: readonly ParsedBulletin[]) => Promise<PreparedBulletin[]>;

type SaveRequest = { parsed: ParsedBulletin; pages: PageArtefact[] };
type PreparedSave = SaveRequest & { prepared: PreparedBulletin };

/** Bulletins prepared per call to a {@link BulletinPreparer}: small enough to overlap, large enough to amortise. */
const PREPARE_CHUNK = 20;

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
  paragraphs: string | null;
  date: string | null;
}

interface BulletinRow extends BulletinRecord {
  id: string;
}

/** Orders French expressions before Arabic ones (the default expression to show). */
const FRENCH_FIRST = (column: string) => `CASE ${column} WHEN 'fr' THEN 0 ELSE 1 END`;

/** An article row as both stores' reads take it. */
function storedArticle(row: ArticleRow): StoredArticle {
  const { bbox, path, paragraphs, page_index: pageIndex } = row;
  return {
    ...row,
    pageIndex,
    bbox: bbox && JSON.parse(bbox),
    path: path && JSON.parse(path),
    paragraphs: paragraphs && JSON.parse(paragraphs),
  };
}

export class SqliteStore implements SearchStore {
  private readonly db: Database.Database;
  private readonly index: SqliteSearch;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly terms = new TermCache();
  private readonly saveTransaction: (batch: readonly PreparedSave[]) => void;
  private readonly amendments: SqliteAmendments;
  private readonly prepare: BulletinPreparer | undefined;
  /** The last write: writes run one after another, since a bulk save's transaction spans awaits. */
  private writing: Promise<unknown> = Promise.resolve();

  /** Opens (creating and migrating when needed) the database at `path`; `:memory:` for a throwaway one. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(path);
    // First: switching a new database to WAL, and migrating it, wait for another process doing the same.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Reads of a large archive: keep hot index pages in memory and map the file, up to
    // SQLite's limit (2 GiB): a million article versions take 1.5 GB, and pages past the map
    // are read by a system call each.
    this.db.pragma('cache_size = -131072');
    this.db.pragma('mmap_size = 2147418112');
    this.db.pragma('temp_store = MEMORY');
    migrate(this.db);
    this.amendments = new SqliteAmendments(
      (sql) => this.stmt(sql),
      (textIds) => this.index.indexVersions(textIds),
    );
    this.index = new SqliteSearch(this.db, (sql) => this.stmt(sql), this.terms, options);
    this.prepare = options.prepare;
    this.saveTransaction = this.db.transaction((batch: readonly PreparedSave[]) => {
      this.index.beginWrite();
      for (const save of batch) this.writeBulletin(save);
    });
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

  private exclusive<T>(write: () => Promise<T>): Promise<T> {
    const run = this.writing.then(write, write);
    this.writing = run.catch(() => {});
    return run;
  }

  async saveBulletin(parsed: ParsedBulletin, pages: PageArtefact[]): Promise<void> {
    await this.exclusive(async () =>
      this.saveTransaction([{ parsed, pages, prepared: prepareBulletin(parsed, this.terms) }]),
    );
  }

  /**
   * One transaction for the whole batch: a bulk load pays for one commit, and the full-text
   * index flushes one segment, not one per bulletin. With a preparer, chunks are written as
   * they come back prepared, while the next ones are being prepared.
   */
  async saveBulletins(batch: readonly SaveRequest[]): Promise<void> {
    const prepare = this.prepare;
    if (!prepare) {
      await this.exclusive(async () =>
        this.saveTransaction(batch.map((b) => ({ ...b, prepared: prepareBulletin(b.parsed, this.terms) }))),
      );
      return;
    }
    const chunks: SaveRequest[][] = [];
    for (let i = 0; i < batch.length; i += PREPARE_CHUNK) chunks.push(batch.slice(i, i + PREPARE_CHUNK));
    // Every chunk is sent at once: the preparer works through them while chunks are written in order.
    const prepared = chunks.map((chunk) => prepare(chunk.map((b) => b.parsed)));
    // A rejected chunk must not go unhandled while earlier ones are written.
    for (const p of prepared) p.catch(() => {});
    await this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.index.beginWrite();
        for (const [i, chunk] of chunks.entries()) {
          const done = await prepared[i]!;
          chunk.forEach((b, j) => {
            this.writeBulletin({ ...b, prepared: done[j]! });
          });
        }
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async optimize(): Promise<void> {
    this.index.optimize();
  }

  async removeBulletin(id: string): Promise<void> {
    await this.exclusive(async () =>
      this.db.transaction(() => {
        this.index.beginWrite();
        // The texts its removal leaves changed (amendments it printed gone) get their versions recomputed.
        linkSavedSync(this.amendments, [], this.dropBulletin(id));
      })(),
    );
  }

  /**
   * Deletes a bulletin's rows, and its texts no other bulletin publishes; returns the texts
   * its texts amended, whose versions must be recomputed.
   */
  private dropBulletin(id: string): string[] {
    const previousTexts = this.stmt('SELECT text_id FROM publications WHERE bulletin_id = ?')
      .pluck()
      .all(id) as string[];
    const previousTargets = this.amendments.targetsOf(previousTexts);
    // Cascades remove its pages, expressions, articles (and their index rows) and publications.
    this.stmt('DELETE FROM bulletins WHERE id = ?').run(id);
    const deleteOrphan = this.stmt(
      'DELETE FROM texts WHERE id = ? AND NOT EXISTS (SELECT 1 FROM expressions WHERE text_id = texts.id)',
    );
    for (const text of previousTexts) deleteOrphan.run(text);
    return previousTargets;
  }

  private writeBulletin({ parsed: { bulletin, texts, warnings }, pages, prepared }: PreparedSave): void {
    const previousTargets = this.dropBulletin(bulletin.id);

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
      `INSERT INTO articles (id, text_id, language, position, number, heading, body, page, page_index, bbox, path, date, paragraphs)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    for (const [t, text] of texts.entries()) {
      const derived = prepared[t]!;
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
      if (text.articles.length === 0)
        this.index.indexTitle(text, bulletin.date, derived.title, derived.titleTags);
      text.articles.forEach((a, position) => {
        const id = this.index.allocateId(bulletin.date);
        insertArticle.run(
          id,
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
          a.paragraphs ? JSON.stringify(a.paragraphs) : null,
        );
        this.index.indexArticle(id, derived.title, derived.articles[position]!);
      });
    }
    linkSavedSync(
      this.amendments,
      texts.map((text, t) => ({ text, links: prepared[t]!.links })),
      previousTargets,
    );
  }

  async findBulletinBySource(sha256: string): Promise<string | null> {
    const id = this.stmt('SELECT id FROM bulletins WHERE source_sha256 = ? LIMIT 1').pluck().get(sha256);
    return (id as string | undefined) ?? null;
  }

  async getBulletin(id: string): Promise<Bulletin | null> {
    const row = this.stmt('SELECT * FROM bulletins WHERE id = ?').get(id) as BulletinRow | undefined;
    return row ? bulletinFromRecord(row.id, row) : null;
  }

  async listBulletins(filter: { edition?: Edition } = {}): Promise<Bulletin[]> {
    const rows = (
      filter.edition
        ? this.stmt('SELECT * FROM bulletins WHERE edition = ?').all(filter.edition)
        : this.stmt('SELECT * FROM bulletins').all()
    ) as BulletinRow[];
    return rows.map((row) => bulletinFromRecord(row.id, row)).sort(compareBulletins);
  }

  async listTexts(filter: Parameters<SearchStore['listTexts']>[0]): Promise<TextSummary[]> {
    const rows = this.stmt(
      `WITH listed AS (
         SELECT t.*, COALESCE(substr(t.signed_on, 1, 4), (
           SELECT substr(min(b.date), 1, 4) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
           WHERE p.text_id = t.id)) AS year,
         (SELECT language FROM expressions x WHERE x.text_id = t.id ORDER BY ${FRENCH_FIRST('x.language')} LIMIT 1) AS language
         FROM texts t WHERE (@type IS NULL OR t.type = @type) AND (@signedOn IS NULL OR t.signed_on = @signedOn)
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
      signedOn: filter.signedOn ?? null,
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
  /** An expression of an undated issue stays readable on any day: nothing shows it came later. */
  private expressionLanguage(textId: string, { language, at }: ReadOptions): Language | null {
    const found = this.stmt(
      `SELECT e.language FROM expressions e JOIN bulletins b ON b.id = e.bulletin_id
       WHERE e.text_id = @textId AND (@language IS NULL OR e.language = @language) AND (@at IS NULL OR b.date IS NULL OR b.date <= @at)
       ORDER BY ${FRENCH_FIRST('e.language')} LIMIT 1`,
    )
      .pluck()
      .get({ textId, language: language ?? null, at: at ?? null });
    return (found as Language | undefined) ?? null;
  }

  /** The date of the issue an expression was read from; null when that date was not read. */
  private expressionDate(textId: string, language: Language): string | null {
    return (this.stmt(
      'SELECT b.date FROM expressions e JOIN bulletins b ON b.id = e.bulletin_id WHERE e.text_id = ? AND e.language = ?',
    )
      .pluck()
      .get(textId, language) ?? null) as string | null;
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
      // Versions start on a publication date: an undated issue's text is read as printed.
      articles:
        opts.at && this.expressionDate(id, language) !== null
          ? await versionEntries(
              this.amendments.versionsAt(id, language, opts.at),
              articles.map(storedArticle),
              (v) => this.printedBy(v),
            )
          : articles.map((row) => articleEntry(storedArticle(row))),
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
    if (opts.at) {
      const version = versionAt(this.amendments.versions(textId, language, number), opts.at);
      const [entry] = version
        ? await versionEntries([version], row ? [storedArticle(row)] : [], (v) => this.printedBy(v))
        : [];
      if (!version || !entry) return null;
      const bulletin = this.stmt('SELECT bulletin_id FROM expressions WHERE text_id = ? AND language = ?')
        .pluck()
        .get(textId, language) as string;
      const { validFrom, validTo, introducedBy } = version;
      return { ...entry, textId, article: number, language, bulletin, validFrom, validTo, introducedBy };
    }
    if (!row) return null;
    return {
      ...articleEntry(storedArticle(row)),
      textId: row.text_id,
      article: row.number,
      language: row.language,
      bulletin: row.bulletin_id,
      validFrom: row.date,
      validTo: null,
      introducedBy: null,
    };
  }

  /** The amending article that printed a version, in the version's language when published in it. */
  private printedBy(version: ArticleVersionRecord): StoredArticle | undefined {
    const row = this.stmt(
      `SELECT * FROM articles WHERE text_id = ? AND number = ? ORDER BY ${LANGUAGE_ORDER('language')}, position LIMIT 1`,
    ).get(version.introducedBy, version.introducedByArticle, version.language) as ArticleRow | undefined;
    return row && storedArticle(row);
  }

  /** Every version of an article in one expression, oldest first (an abrogation is a version with a null body). */
  async getArticleVersions(
    textId: string,
    article: string,
    opts: { language?: Language } = {},
  ): Promise<ArticleVersionRecord[]> {
    return versionsOfArticle(
      article,
      () => this.expressionLanguage(textId, opts),
      (language, number) => this.amendments.versions(textId, language, number),
    );
  }

  /** Publication events, one per edition that printed the text, then the amending events in date order. */
  async getHistory(textId: string, opts: { article?: string } = {}): Promise<TextHistory | null> {
    const publications = this.stmt(
      `SELECT b.date FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
       WHERE p.text_id = ? AND b.date IS NOT NULL ORDER BY b.date, b.edition`,
    )
      .pluck()
      .all(textId) as string[];
    if (!publications.length) return null;
    return textHistory(textId, publications, this.amendments.amendingEvents(textId), opts.article);
  }

  /** Texts that promulgate, amend, abrogate or cite this one, oldest first. */
  async getBacklinks(textId: string): Promise<Backlink[]> {
    const rows = this.stmt(
      `SELECT t.id, MIN(b.date) AS date FROM texts t
       LEFT JOIN publications p ON p.text_id = t.id LEFT JOIN bulletins b ON b.id = p.bulletin_id
       WHERE t.promulgates = ? GROUP BY t.id ORDER BY date, t.id`,
    ).all(textId) as { id: string; date: string | null }[];
    const promulgating: Backlink[] = rows.map((r) => ({
      textId: r.id,
      article: null,
      relation: 'promulgates',
      targetArticle: null,
      date: r.date,
    }));
    return [...promulgating, ...this.amendments.backlinks(textId)].sort((a, b) =>
      (a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0,
    );
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    return this.index.search(request);
  }

  async close(): Promise<void> {
    await this.writing;
    this.db.close();
  }
}

/** Opens the embedded store at `path` (created and migrated when needed). */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  return new SqliteStore(path, options);
}
