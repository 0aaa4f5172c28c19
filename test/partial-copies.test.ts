/**
 * A partial copy (no issue number anywhere) is kept under an unidentified issue; ingesting the
 * real issue afterwards joins it: the texts are the same texts, never duplicated, and the
 * unidentified issue is retired (issue 16). Real SQLite store and data directory, pages parsed
 * by the real structure parser and indexed by the ingest's own stages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestStages } from '../ingest/ingest-stages.js';
import { reindex, type SupersededFile } from '../ingest/reindex.js';
import { parseBulletin } from '../pipeline/structure/parse-bulletin.js';
import { pagesFromText, recordFor } from '../pipeline/structure/testing/test-helpers.js';
import { ISSUE_PAGES } from '../pipeline/structure/testing/test-issue.js';
import { DataDir } from '../store/data-dir.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';

describe('a partial copy, then the real issue', () => {
  let dir: string;
  let store: SqliteStore;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-partial-'));
    store = await openSqliteStore(new DataDir(dir).databasePath);
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the copy’s texts under an unidentified issue, and the real issue adds to them without duplicates', async () => {
    // The body pages of n° 5714 without their running headers: a copy that names no issue.
    const copyPages = pagesFromText(ISSUE_PAGES.slice(1).map((p) => p.split('\n').slice(1).join('\n')));
    const copy = parseBulletin(copyPages, { ...recordFor('scan_0001.pdf'), sha256: 'a1'.repeat(32) });
    expect(copy.bulletin.id).toBe('bo-fr-unidentified-a1a1a1a1');
    expect(copy.texts.length).toBeGreaterThan(0);
    await store.saveBulletin(copy, copyPages);
    const before = await store.listTexts({});

    const realPages = pagesFromText(ISSUE_PAGES);
    const real = parseBulletin(realPages, { ...recordFor('BO_5714_Fr.pdf'), sha256: 'b2'.repeat(32) });
    await store.saveBulletin(real, realPages);
    const after = await store.listTexts({});

    const copied = copy.texts.map((t) => t.id);
    expect(after.filter((t) => copied.includes(t.id))).toHaveLength(copied.length);
    expect(after.length).toBe(new Set([...before, ...after].map((t) => t.id)).size);
    const loi = await store.getText('loi-09-08', { language: 'fr' });
    expect(loi?.publications.map((p) => p.bulletin).sort()).toEqual([
      'bo-fr-5714',
      'bo-fr-unidentified-a1a1a1a1',
    ]);
    expect(loi?.articles.filter((a) => a.number === '1')).toHaveLength(1);
  });
});

describe('ingesting a partial copy, then the real issue', () => {
  let dir: string;
  let store: SqliteStore;
  let stages: IngestStages;
  // The body pages of n° 5714 without their running headers, and only the loi's pages: a copy of part of the issue.
  const copyPages = pagesFromText(ISSUE_PAGES.slice(1).map((p) => p.split('\n').slice(1).join('\n')));
  const copyRecord = { ...recordFor('scan_0001.pdf'), sha256: 'a1'.repeat(32) };
  const realPages = pagesFromText(ISSUE_PAGES);
  const realRecord = { ...recordFor('BO_5714_Fr.pdf'), sha256: 'b2'.repeat(32) };
  const ingest = async (record: typeof copyRecord, pages: typeof copyPages) =>
    stages.index(await stages.structure(record, pages), pages);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-partial-'));
    const dataDir = new DataDir(dir);
    store = await openSqliteStore(dataDir.databasePath);
    stages = new IngestStages({ dataDir, store });
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('retires the unidentified issue once the real one holds all its texts, and says so', async () => {
    const copy = await ingest(copyRecord, copyPages);
    expect(copy.bulletin).toBe('bo-fr-unidentified-a1a1a1a1');
    expect(copy.merged).toBeUndefined();
    expect(copy.texts).toBeGreaterThan(0);
    expect((await store.getText('loi-09-08'))?.publications.map((p) => p.bulletin)).toEqual([
      'bo-fr-unidentified-a1a1a1a1',
    ]);

    const real = await ingest(realRecord, realPages);
    expect(real.bulletin).toBe('bo-fr-5714');
    expect(real.merged).toEqual(['bo-fr-unidentified-a1a1a1a1']);
    expect(await store.getBulletin('bo-fr-unidentified-a1a1a1a1')).toBeNull();
    expect((await store.listBulletins()).map((b) => b.id)).toEqual(['bo-fr-5714']);
    const loi = await store.getText('loi-09-08', { language: 'fr' });
    expect(loi?.publications.map((p) => p.bulletin)).toEqual(['bo-fr-5714']);
    expect(loi?.articles.filter((a) => a.number === '1')).toHaveLength(1);
    // Each article found once: no second reading of it left in the index.
    const { hits } = await store.search({ query: 'données', limit: 50 });
    const refs = hits.map((h) => `${h.textId}/${h.article}/${h.language}`);
    expect(refs.length).toBeGreaterThan(0);
    expect(new Set(refs).size).toBe(refs.length);
    // The copy's file is not lost: its artefacts stay in the data directory.
    expect(await new DataDir(dir).loadBulletin(copyRecord.sha256)).not.toBeNull();
  });

  it('joins the copy at once when it is ingested again after the real issue', async () => {
    const again = await ingest(copyRecord, copyPages);
    expect(again.merged).toEqual(['bo-fr-unidentified-a1a1a1a1']);
    expect(await store.getBulletin('bo-fr-unidentified-a1a1a1a1')).toBeNull();
    expect((await store.getText('loi-09-08'))?.publications.map((p) => p.bulletin)).toEqual(['bo-fr-5714']);
    // The real issue indexed again keeps it whole: no copy to join.
    expect((await ingest(realRecord, realPages)).merged).toBeUndefined();
  });

  it('leaves the joined copy out when the index is rebuilt from the data directory, and says so', async () => {
    const leftOut: SupersededFile[] = [];
    await reindex(store, new DataDir(dir), { onSuperseded: (file) => leftOut.push(file) });
    expect((await store.listBulletins()).map((b) => b.id)).toEqual(['bo-fr-5714']);
    expect((await store.getText('loi-09-08'))?.publications.map((p) => p.bulletin)).toEqual(['bo-fr-5714']);
    expect(leftOut).toEqual([
      { sha256: copyRecord.sha256, bulletin: 'bo-fr-unidentified-a1a1a1a1', current: realRecord.sha256 },
    ]);
  });
});
