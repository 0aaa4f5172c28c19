/**
 * What the embedded store derives from a parsed bulletin before writing it: each text's
 * normalised title, each article's normalised body and filter tags, and the links its
 * wording makes to other texts. Pure and independent of the database, so a bulk load can
 * prepare the next bulletins on another thread while SQLite writes these
 * (store/preparation-pool.ts).
 */
import type { TextLinks } from '../../pipeline/amendments/links.js';
import { parseTextLinks } from '../../pipeline/amendments/parse-links.js';
import type { ParsedBulletin } from '../../pipeline/model.js';
import { normalizeForSearch, type TermCache } from '../../pipeline/normalize.js';
import { documentTags } from './search-index.js';

/** One text's derived data, in the order of `ParsedBulletin.texts`. */
export interface PreparedText {
  /** Title folded and stemmed for the index. */
  title: string;
  /** Index tags of the text's title entry (used when it has no articles). */
  titleTags: string;
  /** Per article, in order: body folded and stemmed, and its index tags. */
  articles: { body: string; tags: string }[];
  links: TextLinks;
}

/** The derived data of one bulletin: one entry per text. */
export type PreparedBulletin = PreparedText[];

/**
 * Derives what the store indexes and links from one parsed bulletin.
 *
 * @example
 * const prepared = prepareBulletin(parsed, new TermCache());
 * prepared[0].articles[0].body; // 'loi relat protect person physiqu …'
 */
export function prepareBulletin({ texts }: ParsedBulletin, terms?: TermCache): PreparedBulletin {
  return texts.map((text) => {
    const doc = { textId: text.id, type: text.type, number: text.number, language: text.language };
    return {
      title: normalizeForSearch(text.title, terms),
      titleTags: documentTags(doc),
      articles: text.articles.map((a) => ({
        body: normalizeForSearch(a.body, terms),
        tags: documentTags({ ...doc, article: a.number }),
      })),
      links: parseTextLinks(text),
    };
  });
}
