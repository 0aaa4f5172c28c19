/**
 * What both stores answer alike when they read articles: an article's printed entry, the
 * entry of one of its versions, and the versions of an article in the expression shown.
 */
import { canonicalArticleNumber } from '../pipeline/ids.js';
import type { Language } from '../pipeline/model.js';
import { wordingParagraphs } from '../pipeline/structure/paragraphs.js';
import type { ArticleVersionRecord, TextRecord } from './search-store.js';

/** An article as the API shows it in a text. */
export type ArticleEntry = TextRecord['articles'][number];

/** An article as a store holds it: where it was printed known or not. */
export interface StoredArticle extends Omit<ArticleEntry, 'bbox' | 'path' | 'paragraphs'> {
  bbox?: ArticleEntry['bbox'] | null;
  path?: ArticleEntry['path'] | null;
  /** Null or absent when read before alinéas were: then it is one alinéa. */
  paragraphs?: ArticleEntry['paragraphs'] | null;
}

/** The entry of a stored article (whatever else its row holds): its box and heading path only when known. */
export function articleEntry({
  number,
  heading,
  body,
  page,
  pageIndex,
  bbox,
  path,
  paragraphs,
}: StoredArticle): ArticleEntry {
  return {
    number,
    heading,
    body,
    paragraphs: paragraphs ?? [body],
    page,
    pageIndex,
    ...(bbox ? { bbox } : {}),
    ...(path ? { path } : {}),
  };
}

/** The alinéas of a version's wording: as printed when it is the printed one, else read from its text. */
export function versionParagraphs(body: string, printed: StoredArticle | undefined): string[] {
  return printed?.paragraphs && printed.body === body ? printed.paragraphs : wordingParagraphs(body);
}

/**
 * The entries of `versions` (of one expression), each worded as its version and placed where
 * the article was printed: its own article among `articles`, else (an inserted one) the
 * amending article that printed it (`printedBy`, asked only then), else nowhere known.
 * Abrogated articles are left out.
 */
export async function versionEntries(
  versions: readonly ArticleVersionRecord[],
  articles: readonly StoredArticle[],
  printedBy: (
    version: ArticleVersionRecord,
  ) => StoredArticle | undefined | Promise<StoredArticle | undefined>,
): Promise<ArticleEntry[]> {
  const entries: ArticleEntry[] = [];
  for (const version of versions) {
    if (version.body === null) continue;
    const own = articles.find((a) => a.number === version.article);
    const source = own ?? (await printedBy(version));
    const where = source ? articleEntry(source) : { page: 0, pageIndex: 0 };
    const heading = own?.heading ?? `Article ${version.article.replace('-', ' ')}`;
    entries.push({
      ...where,
      number: version.article,
      heading,
      body: version.body,
      paragraphs: versionParagraphs(version.body, own),
    });
  }
  return entries;
}

/**
 * Every version of `article` (any printed form) in the expression a store shows
 * (`shownLanguage`), oldest first; none when the number or the expression is unknown.
 */
export async function versionsOfArticle(
  article: string,
  shownLanguage: () => Language | null | Promise<Language | null>,
  versions: (language: Language, number: string) => ArticleVersionRecord[] | Promise<ArticleVersionRecord[]>,
): Promise<ArticleVersionRecord[]> {
  const number = canonicalArticleNumber(article);
  const language = number ? await shownLanguage() : null;
  return number && language ? versions(language, number) : [];
}
