import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { contractBulletins, makePages } from '../testing/contract-data.js';
import { describeSearchStoreContract } from '../testing/search-store.contract.js';
import { SCHEMA_VERSION, SchemaVersionError } from './sqlite-schema.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'jarida-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeSearchStoreContract('sqlite', () => openSqliteStore(join(dir, `contract-${n++}.db`)));

describe('SqliteStore on disk', () => {
  it('creates a WAL database at the current schema version and reopens it with its data', async () => {
    const path = join(dir, 'reopen.db');
    const store = await openSqliteStore(path);
    for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
    await store.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const pages = db
      .prepare('SELECT * FROM pages WHERE bulletin_id = ? ORDER BY page_index')
      .all('bo-fr-4422') as {
      printed_page: number;
      text: string;
      header: string;
    }[];
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatchObject({ printed_page: 661, header: 'BULLETIN OFFICIEL N° 4422' });
    expect(pages[0]!.text).toMatch(/^Article Premier\nLa société anonyme/);
    // Every index row belongs to a stored article: cascades reached the contentless index.
    const fts = db.prepare('SELECT count(*) FROM search_index').pluck().get();
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get();
    expect(fts).toBe(articles);
    db.close();

    const reopened = await openSqliteStore(path);
    expect((await reopened.search({ query: 'prorogation' })).hits.map((h) => h.article)).toEqual(['3']);
    await reopened.close();
  });

  it('keeps the index in step with articles when bulletins are saved again', async () => {
    const path = join(dir, 'resave.db');
    const store = await openSqliteStore(path);
    for (let i = 0; i < 3; i++)
      for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM search_index').pluck().get()).toBe(17);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(17);
    db.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openSqliteStore(path)).rejects.toBeInstanceOf(SchemaVersionError);
  });
});
