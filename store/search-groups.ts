/**
 * A page of search hits grouped by text, as a jurist reads results: each text once, with the
 * articles (and the wordings of them) that matched. Pure: each store looks up what the hits
 * do not carry (the text's type, number and first publication).
 */
import type { TextType } from '../pipeline/model.js';
import type { SearchHit, SearchTextGroup } from './search-store.js';

/** What a group says of its text beyond the hits. */
export interface GroupedTextFacts {
  type: TextType;
  number: string | null;
  /** First publication, in any edition. */
  date: string | null;
}

/**
 * One group per text, in the order of each text's first hit; a text the store no longer
 * knows (deleted between the two reads) is left out.
 *
 * @example
 * groupHitsByText(hits, new Map([['loi-09-08', { type: 'loi', number: '09-08', date: '2009-02-23' }]]));
 */
export function groupHitsByText(
  hits: readonly SearchHit[],
  facts: ReadonlyMap<string, GroupedTextFacts>,
): SearchTextGroup[] {
  const groups = new Map<string, SearchTextGroup>();
  for (const hit of hits) {
    const known = facts.get(hit.textId);
    if (!known) continue;
    let group = groups.get(hit.textId);
    if (!group) {
      group = { textId: hit.textId, title: hit.title, ...known, articles: [] };
      groups.set(hit.textId, group);
    }
    const { article, language, snippet, validFrom, validTo, introducedBy } = hit;
    group.articles.push({ article, language, snippet, validFrom, validTo, introducedBy });
  }
  return [...groups.values()];
}
