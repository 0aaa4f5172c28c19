/**
 * A text's history as both store adapters tell it: its publications, then the amending
 * events read from the amendments that target it, one event per amending article and kind.
 * Pure: the adapters fetch the rows, this module groups and orders them.
 */
import { canonicalArticleNumber } from '../pipeline/ids.js';
import type { AmendmentKind } from '../pipeline/model.js';
import type { TextHistory } from './search-store.js';

type HistoryEvent = TextHistory['events'][number];
type HistoryKind = HistoryEvent['kind'];

/** A renumbering shows in a history as an amendment of both numbers. */
const HISTORY_KIND: Partial<Record<AmendmentKind, HistoryKind>> = { renumbered: 'amended' };

/** One stored amendment of the text, as a history needs it. */
export interface AmendingRow {
  /** Entry into force of the amendment; null when unknown (the row makes no event). */
  date: string | null;
  /** Amending text. */
  by: string;
  byArticle: string | null;
  kind: AmendmentKind;
  /** Articles of the target it touches (its target article, a renumbering's new number); null or undefined: none named. */
  articles: readonly (string | null | undefined)[];
}

/**
 * Amending events, one per day, amending text, amending article and kind, in the order of
 * `rows` (oldest first): an amending article that touches several articles the same way
 * makes one event listing them all.
 */
export function amendingEvents(rows: readonly AmendingRow[]): HistoryEvent[] {
  const events = new Map<string, HistoryEvent>();
  for (const r of rows) {
    if (!r.date) continue;
    const kind = HISTORY_KIND[r.kind] ?? (r.kind as HistoryKind);
    const key = `${r.date}|${r.by}|${r.byArticle}|${kind}`;
    let event = events.get(key);
    if (!event) {
      event = { date: r.date, kind, by: r.by, byArticle: r.byArticle, articles: [] };
      events.set(key, event);
    }
    for (const a of r.articles) if (a && !event.articles.includes(a)) event.articles.push(a);
  }
  return [...events.values()];
}

/**
 * The history of `textId`: one `published` event per publication date, then the amending
 * events, oldest first (on one day, publication first). With `article`, only the events
 * touching it or the whole text. Null when the text was never published with a date.
 */
export function textHistory(
  textId: string,
  publications: readonly string[],
  amending: readonly HistoryEvent[],
  article?: string,
): TextHistory | null {
  if (publications.length === 0) return null;
  const number = article ? (canonicalArticleNumber(article) ?? article) : null;
  const published = publications.map((date) => ({
    date,
    kind: 'published' as const,
    by: textId,
    byArticle: null,
    articles: number ? [number] : [],
  }));
  const touching = amending.filter((e) => !number || e.articles.length === 0 || e.articles.includes(number));
  // Stable: on one day, publication comes before the amendments.
  const events = [...published, ...touching].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { id: textId, events };
}
