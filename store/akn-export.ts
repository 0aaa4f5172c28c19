/**
 * Assembles the Akoma Ntoso export of a text from any {@link SearchStore}: its wording on a
 * day, the amendments it received (its history) and those it makes (read again from its
 * articles), for `jarida export` and `/v1/texts/:id/akn`.
 */
import { type AknModification, type AknText, toAkomaNtoso } from '../pipeline/amendments/akoma-ntoso.js';
import { parseTextLinks } from '../pipeline/amendments/parse-links.js';
import { resolveCited } from '../pipeline/amendments/resolve.js';
import type { Language, LegalText } from '../pipeline/model.js';
import { today } from './article-standing.js';
import type { SearchStore, TextRecord } from './search-store.js';

export interface AknExportOptions {
  language?: Language;
  /** The day whose wording to export (default: today, as every read of the law). */
  at?: string;
}

/** The Akoma Ntoso document of `id`, or null when the archive has no such text (on that day). */
export async function exportAkomaNtoso(
  store: SearchStore,
  id: string,
  options: AknExportOptions = {},
): Promise<string | null> {
  const history = await store.getHistory(id);
  if (!history) return null;
  const at = options.at ?? today();
  const text = await store.getText(id, { language: options.language, at });
  if (!text) return null;
  const expressionDate = history.events.filter((e) => e.date <= at).at(-1)?.date ?? at;
  const headOf = async (other: string) => {
    const record = await store.getText(other);
    const [type, ...rest] = other.split('-');
    return {
      otherType: record?.type ?? (type as TextRecord['type']),
      otherNumber: record?.number ?? (rest.join('-') || null),
      otherYear: (record?.signedOn ?? record?.publications[0]?.date ?? '0000').slice(0, 4),
    };
  };
  const passive: AknModification[] = [];
  for (const e of history.events) {
    if (e.kind === 'published') continue;
    const head = await headOf(e.by);
    for (const article of e.articles.length ? e.articles : [null]) {
      passive.push({
        kind: e.kind,
        otherTextId: e.by,
        otherArticle: e.byArticle,
        article,
        date: e.date,
        ...head,
      });
    }
  }
  const active: AknModification[] = [];
  for (const op of parseTextLinks(asLegalText(text)).operations) {
    // A date-only target cannot be named without the archive's other texts: left out.
    const target = resolveCited(op.target, []).textId;
    if (!target) continue;
    active.push({
      kind: op.kind,
      otherTextId: target,
      otherArticle: op.targetArticle,
      article: op.byArticle,
      date: text.publications[0]?.date ?? at,
      ...(await headOf(target)),
    });
  }
  const document: AknText = {
    id: text.id,
    type: text.type,
    number: text.number,
    title: text.title,
    signedOn: text.signedOn,
    language: text.language,
    expressionDate,
    publications: text.publications.map((p) => ({ bulletin: p.bulletin, date: p.date })),
    articles: text.articles.map((a) => ({
      number: a.number,
      heading: a.heading,
      body: a.body,
      paragraphs: a.paragraphs,
    })),
    passive,
    active,
  };
  return toAkomaNtoso(document);
}

/** A stored text as the amendment parsers read it (no preamble: operations live in articles). */
function asLegalText(text: TextRecord): LegalText {
  return {
    id: text.id,
    type: text.type,
    number: text.number,
    title: text.title,
    signedOn: text.signedOn,
    hijriDate: text.hijriDate,
    language: text.language,
    bulletinId: text.publications[0]?.bulletin ?? '',
    page: text.publications[0]?.page ?? 0,
    articles: text.articles,
    confidence: 1,
  };
}
