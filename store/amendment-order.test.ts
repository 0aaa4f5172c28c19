/**
 * Property: whatever order the issues of an amendment chain are saved in, the store ends with
 * the same texts, histories and versions, and they are those the in-memory amendment stage
 * computes over the whole set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeAmendmentChains } from '../fixtures/amendment-chains.js';
import { FontMetrics } from '../fixtures/fonts.js';
import { composeIssue } from '../fixtures/generate.js';
import { Prng } from '../fixtures/prng.js';
import { linkArchive } from '../pipeline/amendments/archive.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { parseBulletin } from '../pipeline/structure/parse-bulletin.js';
import { pagesFromText, recordFor } from '../pipeline/structure/test-helpers.js';
import { makePages } from './contract-data.js';
import { SqliteStore } from './sqlite-store.js';

/** The chain issues of a clean fixture set, parsed from their printed pages. */
function chainBulletins(seed: number): ParsedBulletin[] {
  const metrics = new FontMetrics();
  const chains = composeAmendmentChains(new Prng(seed), new Set(), (edition, key, drafts) =>
    composeIssue(edition, key, drafts, metrics),
  );
  return chains.map(({ issue: { truth } }) =>
    parseBulletin(
      pagesFromText(
        truth.pages.map((p) => p.text),
        { printedPages: truth.pages.map((p) => p.printedPage) },
      ),
      recordFor(`${truth.bulletin.id}.pdf`),
    ),
  );
}

/** Everything a reader can see of the archive's texts. */
async function snapshot(store: SqliteStore, ids: string[]) {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const text = await store.getText(id);
    const articles = new Set((await store.getText(id, { at: '2099-01-01' }))?.articles.map((a) => a.number));
    for (const a of text?.articles ?? []) articles.add(a.number);
    out[id] = {
      text,
      history: await store.getHistory(id),
      backlinks: await store.getBacklinks(id),
      versions: await Promise.all([...articles].sort().map((a) => store.getArticleVersions(id, a))),
    };
  }
  return out;
}

describe('amendment chains saved in any order', () => {
  const bulletins = chainBulletins(11);
  const ids = [...new Set(bulletins.flatMap((b) => b.texts.map((t) => t.id)))].sort();

  it('give identical texts, histories and versions, equal to the in-memory stage', async () => {
    const reference = new SqliteStore(':memory:');
    for (const b of bulletins) await reference.saveBulletin(b, makePages(b));
    const expected = await snapshot(reference, ids);
    const archive = linkArchive(bulletins);
    for (const [id, versions] of archive.versions) {
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
