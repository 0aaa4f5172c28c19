/**
 * Schema of the embedded store and its migrations, versioned by `PRAGMA user_version`.
 * A text published in both editions is one `texts` row with two `expressions` (fr, ar);
 * articles belong to an expression. The full-text index is contentless: it holds folded,
 * stemmed terms only, the printed wording stays in `articles`.
 */
import type Database from 'better-sqlite3';

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

  -- Issue 5 (amendments) fills this: the wording of each article over time.
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
];

/** Schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Error when a database was written by a newer jarida than this one. */
export class SchemaVersionError extends Error {
  readonly code = 'E_SCHEMA_VERSION';
  override readonly name = 'SchemaVersionError';
}

/** Brings a database up to {@link SCHEMA_VERSION}, each migration in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SchemaVersionError(`database schema ${current} is newer than this jarida (${SCHEMA_VERSION})`);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
