/**
 * A partial copy (no issue number anywhere) is kept under an unidentified issue; ingesting the
 * real issue afterwards joins it: the texts are the same texts, never duplicated (issue 16).
 * Real SQLite store, pages parsed by the real structure parser.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
