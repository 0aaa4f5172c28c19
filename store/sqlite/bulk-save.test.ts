import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PreparationPool } from '../../engines/preparation-pool.js';
import { dumpStore } from '../../test/store-dump.js';
import { amendingBulletins } from '../testing/contract-amendments.js';
import { contractBulletins, makePages } from '../testing/contract-data.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'jarida-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bulletins = () => [...contractBulletins(), ...amendingBulletins()];
const batch = () => bulletins().map((parsed) => ({ parsed, pages: makePages(parsed) }));

async function archive(name: string, fill: (store: SqliteStore) => Promise<void>, pool?: PreparationPool) {
  const path = join(dir, `${name}.db`);
  const store = await openSqliteStore(path, pool ? { prepare: pool.prepare } : {});
  try {
    await fill(store);
    // What a jurist sees of the index: hits in order, for words and for a reference.
    for (const query of ['société anonyme', 'article 2 loi 17-95']) {
      const { hits } = await store.search({ query });
      searches.set(`${name} ${query}`, hits);
    }
  } finally {
    await store.close();
  }
  return dumpStore(path);
}
const searches = new Map<string, unknown>();

describe('bulk saves prepared on worker threads', () => {
  it('write the same archive as saving one bulletin at a time: texts, index, links and versions', async () => {
    const oneByOne = await archive('one-by-one', async (store) => {
      for (const { parsed, pages } of batch()) await store.saveBulletin(parsed, pages);
    });
    const pool = new PreparationPool({ threads: 2 });
    try {
      const pooled = await archive('pooled', (store) => store.saveBulletins(batch()), pool);
      expect(pooled).toEqual(oneByOne);
      for (const query of ['société anonyme', 'article 2 loi 17-95']) {
        expect(searches.get(`pooled ${query}`)).toEqual(searches.get(`one-by-one ${query}`));
        expect(searches.get(`pooled ${query}`)).not.toEqual([]);
      }
      expect(pooled.article_versions.some((row) => row.includes('"introduced_by":"'))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('serialise a single save that arrives during a bulk save: both land', async () => {
    const [first, ...rest] = batch();
    const pool = new PreparationPool({ threads: 1 });
    try {
      const dump = await archive(
        'interleaved',
        async (store) => {
          await Promise.all([store.saveBulletins(rest), store.saveBulletin(first!.parsed, first!.pages)]);
        },
        pool,
      );
      const reference = await archive('reference', (store) => store.saveBulletins(batch()));
      expect(dump).toEqual(reference);
    } finally {
      await pool.close();
    }
  });

  it('roll the whole batch back when preparing a chunk fails, keeping what was saved before', async () => {
    const [first, ...rest] = batch();
    const path = join(dir, 'failing.db');
    let calls = 0;
    const store = await openSqliteStore(path, {
      // The second chunk fails after the first was written inside the transaction.
      prepare: async (parsed) => {
        if (++calls === 2) throw new Error('preparation thread died');
        const { prepareBulletin } = await import('./bulletin-preparation.js');
        return parsed.map((p) => prepareBulletin(p));
      },
    });
    try {
      await store.saveBulletin(first!.parsed, first!.pages);
      // Enough bulletins for several chunks (the same ones again: each save replaces the last).
      const many = Array.from({ length: 10 }, () => rest).flat();
      await expect(store.saveBulletins(many)).rejects.toThrow('preparation thread died');
      const stored = (await store.listTexts({})).map((t) => t.id).sort();
      expect(stored).toEqual([...new Set(first!.parsed.texts.map((t) => t.id))].sort());
    } finally {
      await store.close();
    }
  });
});
