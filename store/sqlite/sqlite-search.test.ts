import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reindex } from '../../ingest/reindex.js';
import { DataDir } from '../data-dir.js';
import { amendingBulletins } from '../testing/contract-amendments.js';
import { contractBulletins, makePages } from '../testing/contract-data.js';
import {
  DAY_SPAN,
  DECADE_OF_ROWID,
  dayNumber,
  dayOfRowid,
  documentTags,
  rowidRange,
} from './search-index.js';
import { migrate, SCHEMA_VERSION } from './sqlite-schema.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'jarida-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('index layout', () => {
  it('orders rowids as publication days, and a date range is exactly its rowid range', () => {
    fc.assert(
      fc.property(isoDay, isoDay, (a, b) => {
        expect(Math.sign(dayNumber(a) - dayNumber(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        const [lo, hi] = rowidRange(a, a);
        expect(dayOfRowid(lo)).toBe(dayNumber(a));
        expect(dayOfRowid(hi)).toBe(dayNumber(a));
        expect(hi - lo).toBe(DAY_SPAN - 1);
      }),
    );
    expect(dayNumber(null)).toBe(0);
    expect(dayNumber('1900-01-01')).toBe(1);
  });

  it('tags a document with its type, language, text, number and article as single tokens', () => {
    expect(
      documentTags({
        textId: 'loi-organique-02-12',
        type: 'loi-organique',
        number: '02.12',
        language: 'ar',
        article: '12 bis',
      }),
    ).toBe('tloixorganique lar xloixorganiquex02x12 n02x12 a12xbis');
  });

  it('reads the decade of a document from its rowid in SQL; undated documents have none', () => {
    const db = new Database(':memory:');
    const decade = (rowid: number) =>
      db.prepare(`SELECT ${DECADE_OF_ROWID} FROM (SELECT ? AS rowid)`).pluck().get(rowid);
    expect(decade(rowidRange('1958-11-27', null)[0])).toBe('1950');
    expect(decade(rowidRange(null, '2009-12-31')[1])).toBe('2000');
    expect(decade(rowidRange('2010-01-01', null)[0])).toBe('2010');
    expect(decade(5)).toBeNull();
    db.close();
  });
});

describe('SQLite search index', () => {
  it('upgrades a database written before the search index: ids re-keyed by date, everything searchable', async () => {
    const path = join(dir, 'upgrade.db');
    const db = new Database(path);
    migrate(db, 3); // the schema before the search index migration
    db.exec(`
      INSERT INTO bulletins (id, edition, number, date, page_count, source_sha256) VALUES
        ('bo-fr-1', 'fr', '1', '2009-03-05', 1, 'a'), ('bo-fr-2', 'fr', '2', '1996-10-17', 1, 'b');
      INSERT INTO texts (id, type, number) VALUES ('loi-09-08', 'loi', '09-08'), ('decret-2-96-1', 'decret', '2-96-1');
      INSERT INTO expressions (text_id, language, title, bulletin_id, page, confidence) VALUES
        ('loi-09-08', 'fr', 'Loi n° 09-08 relative à la protection des données', 'bo-fr-1', 1, 1),
        ('decret-2-96-1', 'fr', 'Décret portant nomination du gouverneur', 'bo-fr-2', 1, 1);
      INSERT INTO articles (text_id, language, position, number, heading, body, page, page_index, date) VALUES
        ('loi-09-08', 'fr', 0, '1', 'Article premier', 'Le traitement des données est soumis à déclaration.', 1, 1, '2009-03-05');
    `);
    db.close();

    const store = await openSqliteStore(path);
    const hits = (await store.search({ query: 'déclaration' })).hits;
    expect(hits.map((h) => `${h.textId}/${h.article}`)).toEqual(['loi-09-08/1']);
    expect((await store.search({ query: 'gouverneur' })).hits.map((h) => h.textId)).toEqual([
      'decret-2-96-1',
    ]);
    expect((await store.search({ query: '', type: 'loi' })).total).toBe(1);
    await store.close();
    const check = new Database(path, { readonly: true });
    const id = check.prepare('SELECT id FROM articles').pluck().get() as number;
    expect(dayOfRowid(id)).toBe(dayNumber('2009-03-05'));
    check.close();
  });

  it('upgrades a database written before amended wordings were indexed: every wording searchable', async () => {
    const path = join(dir, 'versions-upgrade.db');
    const store = await openSqliteStore(path);
    for (const parsed of [...contractBulletins(), ...amendingBulletins()])
      await store.saveBulletin(parsed, makePages(parsed));
    const inForce = { query: '"consentement exprès"', number: '09-08', inForce: '2016-01-01' };
    // Scores compare within one result only.
    const found = async (s: typeof store) => (await s.search(inForce)).hits.map(({ score, ...hit }) => hit);
    const expected = await found(store);
    expect(expected).toHaveLength(1);
    await store.close();
    // Back to the schema before: no version documents, nothing ended.
    const db = new Database(path);
    db.exec(`DELETE FROM version_entries; DROP TRIGGER version_entries_index_delete; DROP TRIGGER articles_ended_delete;
      DROP TABLE version_entries; DROP TABLE ended_documents;`);
    db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    db.close();

    const upgraded = await openSqliteStore(path);
    expect(await found(upgraded)).toEqual(expected);
    expect((await upgraded.search({ query: '"données génétiques"', inForce: '2016-01-01' })).total).toBe(0);
    // Written after the upgrade, a document on the same day takes an id of its own.
    for (const parsed of amendingBulletins()) await upgraded.saveBulletin(parsed, makePages(parsed));
    expect(await found(upgraded)).toEqual(expected);
    await upgraded.close();
  });

  it('ranks within a window of the newest matches and says when the total is a lower bound', async () => {
    const store = await openSqliteStore(join(dir, 'window.db'), { rankWindow: 3 });
    for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
    const broad = await store.search({ query: 'données' });
    expect(broad).toMatchObject({ total: 3, totalRelation: 'gte' });
    // The window holds the newest matches: the 2009 decree and law, not older texts.
    expect(broad.hits.every((h) => (h.date ?? '') >= '2009-01-01')).toBe(true);
    expect(await store.search({ query: 'prorogation' })).toMatchObject({ total: 1, totalRelation: 'eq' });
    await store.close();
  });

  it('rebuilds the index from the artefacts of the data directory', async () => {
    const dataDir = new DataDir(join(dir, 'data'));
    for (const [i, parsed] of contractBulletins().entries()) {
      const sha = String(i).repeat(64);
      await dataDir.saveBulletin(sha, parsed);
      for (const page of makePages(parsed)) await dataDir.savePage(sha, page);
    }
    const store = await openSqliteStore(join(dir, 'rebuilt.db'));
    expect(await reindex(store, dataDir, { batch: 2 })).toBe(5);
    expect((await store.search({ query: 'art. 5 loi 09-08' })).hits[0]).toMatchObject({
      textId: 'loi-09-08',
      article: '5',
    });
    // Idempotent: a second rebuild leaves the same results in the same order (scores compare within one result only).
    const ranked = async () =>
      (await store.search({ query: 'société' })).hits.map((h) => `${h.textId}/${h.article}`);
    const before = await ranked();
    await reindex(store, dataDir);
    expect(await ranked()).toEqual(before);
    expect(before.length).toBeGreaterThan(2);
    await store.close();
  });
});
