/**
 * Property: whatever order the issues of an amendment chain are saved in, the store ends with
 * the same texts, histories and versions, and they are those of the in-memory archive
 * `jarida eval` scores (the same link stage over another port).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkArchive } from '../pipeline/amendments/memory-archive.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { chainBulletins, archiveSnapshot as snapshot } from './testing/archive-snapshot.js';
import { makePages } from './testing/contract-data.js';

describe('amendment chains saved in any order', () => {
  const bulletins = chainBulletins(11);
  const ids = [...new Set(bulletins.flatMap((b) => b.texts.map((t) => t.id)))].sort();

  it('give identical texts, histories and versions, equal to the in-memory archive', async () => {
    const reference = new SqliteStore(':memory:');
    for (const b of bulletins) await reference.saveBulletin(b, makePages(b));
    const expected = await snapshot(reference, ids);
    const archive = linkArchive(bulletins);
    for (const [id, versions] of archive.versionsIn('fr')) {
      for (const article of new Set(versions.map((v) => v.article))) {
        const stored = await reference.getArticleVersions(id, article);
        expect(stored.map((v) => [v.validFrom, v.validTo, v.body, v.introducedBy])).toEqual(
          versions
            .filter((v) => v.article === article)
            .map((v) => [v.validFrom, v.validTo, v.body, v.introducedBy]),
        );
      }
    }
    await reference.close();
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(bulletins, { minLength: bulletins.length }), async (order) => {
        const store = new SqliteStore(':memory:');
        try {
          for (const b of order) await store.saveBulletin(b, makePages(b));
          expect(await snapshot(store, ids)).toEqual(expected);
        } finally {
          await store.close();
        }
      }),
      { numRuns: 6, seed: 5 },
    );
  });
});
