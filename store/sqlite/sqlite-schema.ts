/**
 * Schema of the embedded store and its migrations, versioned by `PRAGMA user_version`.
 * A text published in both editions is one `texts` row with two `expressions` (fr, ar);
 * articles belong to an expression. The full-text index is contentless: it holds folded,
 * stemmed terms only, the printed wording stays in `articles`.
 */
import type Database from 'better-sqlite3';
import { JaridaError } from '../../pipeline/errors.js';
import type { TextType } from '../../pipeline/model.js';
import { normalizeForSearch } from '../../pipeline/normalize.js';
import { DAY_SPAN, dayNumber, documentTags, endedOriginals } from './search-index.js';

/**
 * A table of what the articles of an expression cite, amendments and citations alike: the
 * citing article, how it cites (`how`), the cited text as printed and its resolution, then
 * `extra` columns; looked up by the text cited, by number and by date.
 */
function citingTable(table: string, how: string, extra: readonly string[] = []): string {
  const columns = [
    'by_text_id TEXT NOT NULL',
    'language TEXT NOT NULL',
    'seq INTEGER NOT NULL',
    'by_article TEXT',
    `${how} TEXT NOT NULL`,
    'cited_type TEXT NOT NULL',
    'cited_number TEXT',
    'cited_date TEXT',
    'target_text_id TEXT',
    'reason TEXT',
    'target_article TEXT',
    ...extra,
    'PRIMARY KEY (by_text_id, language, seq)',
    'FOREIGN KEY (by_text_id, language) REFERENCES expressions (text_id, language) ON DELETE CASCADE',
  ];
  return `CREATE TABLE ${table} (
    ${columns.join(',\n    ')}
  );
  CREATE INDEX ${table}_target ON ${table} (target_text_id);
  CREATE INDEX ${table}_cited_number ON ${table} (cited_number);
  CREATE INDEX ${table}_cited_date ON ${table} (cited_date);
`;
}

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE bulletins (
    id TEXT PRIMARY KEY,
    edition TEXT NOT NULL CHECK (edition IN ('fr', 'ar')),
    number TEXT NOT NULL,
    suffix TEXT,
    date TEXT,
    hijri_date TEXT,
    first_page INTEGER,
    last_page INTEGER,
    page_count INTEGER NOT NULL,
    source_sha256 TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX bulletins_source ON bulletins (source_sha256);

  CREATE TABLE pages (
    bulletin_id TEXT NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    page_index INTEGER NOT NULL,
    printed_page INTEGER,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    language TEXT NOT NULL,
    header TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (bulletin_id, page_index)
  );

  CREATE TABLE texts (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    number TEXT,
    signed_on TEXT,
    promulgates TEXT
  );
  CREATE INDEX texts_type_number ON texts (type, number);
  CREATE INDEX texts_number ON texts (number);

  CREATE TABLE expressions (
    text_id TEXT NOT NULL REFERENCES texts (id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (language IN ('fr', 'ar')),
    title TEXT NOT NULL,
    hijri_date TEXT,
    bulletin_id TEXT NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (text_id, language)
  );
  CREATE INDEX expressions_bulletin ON expressions (bulletin_id);

  CREATE TABLE publications (
    text_id TEXT NOT NULL REFERENCES texts (id) ON DELETE CASCADE,
    bulletin_id TEXT NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    PRIMARY KEY (text_id, bulletin_id)
  );
  CREATE INDEX publications_bulletin ON publications (bulletin_id);

  -- Keyed by position, not number: a misread heading may repeat a number and must not lose an article.
  -- date copies the bulletin's publication date: date filters and ordering need no join.
  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    text_id TEXT NOT NULL,
    language TEXT NOT NULL,
    position INTEGER NOT NULL,
    number TEXT NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    page INTEGER NOT NULL,
    page_index INTEGER NOT NULL,
    bbox TEXT,
    path TEXT,
    date TEXT,
    UNIQUE (text_id, language, position),
    FOREIGN KEY (text_id, language) REFERENCES expressions (text_id, language) ON DELETE CASCADE
  );
  CREATE INDEX articles_text_number ON articles (text_id, number);
  CREATE INDEX articles_number ON articles (number);
  CREATE INDEX articles_date ON articles (date);

  CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
  );
  -- Cascades from bulletins and expressions reach here, and contentless rows must be deleted by rowid.
  CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM article_fts WHERE rowid = old.id;
  END;

  -- The wording of each article over time (the amendments migration replaces it).
  CREATE TABLE article_versions (
    text_id TEXT NOT NULL REFERENCES texts (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    article TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    body TEXT NOT NULL,
    introduced_by TEXT,
    PRIMARY KEY (text_id, language, article, valid_from)
  );
  `,
  // Issue 7 (queue): files the embedded ingest could not read, for `jarida status` and `jarida retry`.
  `
  CREATE TABLE ingest_failures (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL
  );
  CREATE INDEX ingest_failures_sha256 ON ingest_failures (sha256);
  `,
  // Amendments: operations and citations read from each expression, the cited text as
  // printed (type, number, date) beside its resolution; versions are recomputed from them. The
  // first migration's article_versions is replaced: a version's body is null once abrogated.
  `
  DROP TABLE article_versions;
  ${citingTable('amendments', 'kind', ['operation TEXT NOT NULL', 'in_force TEXT'])}
  ${citingTable('citations', 'relation')}

  CREATE TABLE article_versions (
    text_id TEXT NOT NULL,
    language TEXT NOT NULL,
    article TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    body TEXT,
    introduced_by TEXT,
    introduced_by_article TEXT,
    cause TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (text_id, language, article, valid_from),
    FOREIGN KEY (text_id, language) REFERENCES expressions (text_id, language) ON DELETE CASCADE
  );
  CREATE INDEX article_versions_valid ON article_versions (valid_from, valid_to);
  `,
  // Issue 6 (search): the index of store/sqlite/search-index.ts. Article ids become
  // day << 20 | sequence (rowid ranges are date ranges), filters become tokens of a
  // `tags` column, and texts without articles get a document of their title. Uses the
  // SQL functions of registerIndexFunctions.
  `
  DROP TRIGGER articles_fts_delete;
  DROP TABLE article_fts;
  DROP INDEX articles_number;
  DROP INDEX articles_date;
  -- "In force on" probes the amended versions only: few beside the originals.
  CREATE INDEX article_versions_amended ON article_versions (valid_from) WHERE introduced_by IS NOT NULL;

  CREATE TEMP TABLE article_rekey AS
    SELECT id AS old_id,
      day_number(date) * ${DAY_SPAN} + row_number() OVER (PARTITION BY day_number(date) ORDER BY id) AS new_id
    FROM articles;
  UPDATE articles SET id = -id;
  UPDATE articles SET id = (SELECT new_id FROM article_rekey WHERE old_id = -articles.id);
  DROP TABLE temp.article_rekey;

  CREATE TABLE title_entries (
    id INTEGER PRIMARY KEY,
    text_id TEXT NOT NULL,
    language TEXT NOT NULL,
    UNIQUE (text_id, language),
    FOREIGN KEY (text_id, language) REFERENCES expressions (text_id, language) ON DELETE CASCADE
  );

  CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
  );
  CREATE TRIGGER articles_index_delete AFTER DELETE ON articles BEGIN
    DELETE FROM search_index WHERE rowid = old.id;
  END;
  CREATE TRIGGER title_entries_index_delete AFTER DELETE ON title_entries BEGIN
    DELETE FROM search_index WHERE rowid = old.id;
  END;

  INSERT INTO search_index (rowid, title, body, tags)
    SELECT a.id, search_terms(e.title), search_terms(a.body), search_tags(t.id, t.type, t.number, a.language, a.number)
    FROM articles a JOIN expressions e ON e.text_id = a.text_id AND e.language = a.language
    JOIN texts t ON t.id = a.text_id;
  INSERT INTO title_entries (id, text_id, language)
    SELECT day_number(b.date) * ${DAY_SPAN} + ${DAY_SPAN} / 2
        + row_number() OVER (PARTITION BY day_number(b.date) ORDER BY e.text_id, e.language),
      e.text_id, e.language
    FROM expressions e JOIN bulletins b ON b.id = e.bulletin_id
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.text_id = e.text_id AND a.language = e.language);
  INSERT INTO search_index (rowid, title, body, tags)
    SELECT te.id, search_terms(e.title), '', search_tags(t.id, t.type, t.number, te.language, NULL)
    FROM title_entries te JOIN expressions e ON e.text_id = te.text_id AND e.language = te.language
    JOIN texts t ON t.id = te.text_id;
  `,
  // Bulk loads: versions are read by text (the primary key) and "in force on" by the partial
  // index of amended versions, so this index only cost a B-tree write per version.
  `
  DROP INDEX article_versions_valid;
  `,
  // Backlinks ask which texts promulgate this one: without an index, a scan of every text.
  `
  CREATE INDEX texts_promulgates ON texts (promulgates) WHERE promulgates IS NOT NULL;
  `,
  // Alinéas and items of each article (a JSON array); null for articles read before them, shown as one alinéa.
  `
  ALTER TABLE articles ADD COLUMN paragraphs TEXT;
  `,
  // Issue 17 (every version searchable): each amended wording is a document of the index
  // (version_entries, ids keyed by the day it took effect), and every document whose wording
  // ended (an original replaced or abrogated, an amended wording replaced in turn) is listed
  // with that day in ended_documents, which "in force on" leaves out.
  `
  CREATE TABLE version_entries (
    id INTEGER PRIMARY KEY,
    text_id TEXT NOT NULL,
    language TEXT NOT NULL,
    article TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    -- What was indexed (wording, title, type, number), hashed: NULL re-indexes at the next change.
    indexed_hash TEXT,
    FOREIGN KEY (text_id, language) REFERENCES expressions (text_id, language) ON DELETE CASCADE
  );
  CREATE INDEX version_entries_text ON version_entries (text_id);
  CREATE TABLE ended_documents (
    id INTEGER PRIMARY KEY,
    text_id TEXT NOT NULL,
    valid_to TEXT NOT NULL
  );
  CREATE INDEX ended_documents_text ON ended_documents (text_id);
  CREATE TRIGGER version_entries_index_delete AFTER DELETE ON version_entries BEGIN
    DELETE FROM search_index WHERE rowid = old.id;
    DELETE FROM ended_documents WHERE id = old.id;
  END;
  CREATE TRIGGER articles_ended_delete AFTER DELETE ON articles BEGIN
    DELETE FROM ended_documents WHERE id = old.id;
  END;

  INSERT INTO version_entries (id, text_id, language, article, valid_from)
    SELECT day_number(valid_from) * ${DAY_SPAN} + ${(3 * DAY_SPAN) / 4}
        + row_number() OVER (PARTITION BY day_number(valid_from) ORDER BY text_id, language, position),
      text_id, language, article, valid_from
    FROM article_versions WHERE introduced_by IS NOT NULL AND body IS NOT NULL;
  INSERT INTO search_index (rowid, title, body, tags)
    SELECT ve.id, search_terms(e.title), search_terms(v.body), search_tags(t.id, t.type, t.number, v.language, v.article)
    FROM version_entries ve
    JOIN article_versions v USING (text_id, language, article, valid_from)
    JOIN expressions e ON e.text_id = ve.text_id AND e.language = ve.language
    JOIN texts t ON t.id = ve.text_id;
  INSERT INTO ended_documents (id, text_id, valid_to)
    SELECT ve.id, ve.text_id, v.valid_to FROM version_entries ve
    JOIN article_versions v USING (text_id, language, article, valid_from) WHERE v.valid_to IS NOT NULL;
  ${endedOriginals('TRUE')};
  `,
];

/** Schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Error when a database was written by a newer jarida than this one. */
export class SchemaVersionError extends JaridaError {
  constructor(message: string) {
    super('E_SCHEMA_VERSION', message);
  }
}

/** Brings a database up to `target` ({@link SCHEMA_VERSION}; lower in migration tests), each migration in its own transaction. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  registerIndexFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SchemaVersionError(`database schema ${current} is newer than this jarida (${SCHEMA_VERSION})`);
  }
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** SQL functions migrations use to fill the search index as the store would. */
export function registerIndexFunctions(db: Database.Database): void {
  const options = { deterministic: true };
  db.function('day_number', options, (date: unknown) => dayNumber(typeof date === 'string' ? date : null));
  db.function('search_terms', options, (text: unknown) => normalizeForSearch(String(text ?? '')));
  db.function('search_tags', options, (textId, type, number, language, article) =>
    documentTags({
      textId: String(textId),
      type: type as TextType,
      number: typeof number === 'string' ? number : null,
      language: language === 'ar' ? 'ar' : 'fr',
      ...(typeof article === 'string' ? { article } : {}),
    }),
  );
}
