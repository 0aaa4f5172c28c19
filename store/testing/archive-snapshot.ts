/**
 * For tests: the issues of generated amendment chains parsed from their printed pages, and
 * everything a reader can see of an archive's texts, so tests compare stores saved in
 * different orders, or different adapters, in one assertion.
 */
import { composeAmendmentChains } from '../../fixtures/amendment-chains.js';
import { FontMetrics } from '../../fixtures/fonts.js';
import { composeIssue } from '../../fixtures/generate.js';
import { Prng } from '../../fixtures/prng.js';
import type { ParsedBulletin } from '../../pipeline/model.js';
import { parseBulletin } from '../../pipeline/structure/parse-bulletin.js';
import { pagesFromText, recordFor } from '../../pipeline/structure/testing/test-helpers.js';
import type { SearchStore } from '../search-store.js';

/** The chain issues of a clean fixture set, parsed from their printed pages; `arabic`: with the Arabic edition. */
export function chainBulletins(seed: number, options: { arabic?: boolean } = {}): ParsedBulletin[] {
  const metrics = new FontMetrics();
  const chains = composeAmendmentChains(
    new Prng(seed),
    new Set(),
    (edition, key, drafts) => composeIssue(edition, key, drafts, metrics),
    options.arabic ? new Prng(seed + 1) : null,
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

/**
 * Everything a reader can see of the texts `ids`: each text (now and as on `at`), its
 * history, backlinks, and every version of every article it ever had, in each language.
 */
export async function archiveSnapshot(store: SearchStore, ids: readonly string[], at = '2016-01-01') {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const text = await store.getText(id);
    const articles = new Set((await store.getText(id, { at: '2099-01-01' }))?.articles.map((a) => a.number));
    for (const a of text?.articles ?? []) articles.add(a.number);
    const numbers = [...articles].sort();
    out[id] = {
      text,
      at: await store.getText(id, { at }),
      history: await store.getHistory(id),
      backlinks: await store.getBacklinks(id),
      versions: await Promise.all(numbers.map((a) => store.getArticleVersions(id, a))),
      arabic: await Promise.all(numbers.map((a) => store.getArticleVersions(id, a, { language: 'ar' }))),
    };
  }
  return out;
}
