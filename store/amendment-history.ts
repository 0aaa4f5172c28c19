/**
 * A text's history as both store adapters tell it: its publications, then the amending
 * events read from the amendments that target it, one event per amending article and kind.
 * Pure: the adapters fetch the rows, this module groups and orders them.
 */

import type { AmendmentOperation } from '../pipeline/amendments/links.js';
import type { UnappliedReason } from '../pipeline/amendments/versions.js';
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
  /** The alinéa (by number, or the last) and item the amendment is on, from its operation. */
  paragraph?: number;
  lastParagraph?: true;
  item?: string;
  /** Why the amendment changed no wording, when it did not (see {@link storedOperation}). */
  unapplied?: UnappliedReason | null;
}

/**
 * A stored operation and the flag the link stage may add to it: the reason it changed no
 * wording. The flag rides in the stored operation (no column, no mapping field), so both
 * stores keep it where they keep the operation.
 */
export type FlaggedOperation = AmendmentOperation & { unapplied?: UnappliedReason | null };

/** The operation of a stored amendment, without its flag, and the flag. */
export function storedOperation(stored: FlaggedOperation): {
  op: AmendmentOperation;
  unapplied: UnappliedReason | null;
} {
  const { unapplied, ...op } = stored;
  return { op, unapplied: unapplied ?? null };
}

/** The history fields of a stored operation: its alinéa, item and unapplied flag. */
export function operationFields(
  stored: FlaggedOperation,
): Pick<AmendingRow, 'paragraph' | 'lastParagraph' | 'item' | 'unapplied'> {
  const { op, unapplied } = storedOperation(stored);
  return { paragraph: op.paragraph, lastParagraph: op.lastParagraph, item: op.item, unapplied };
}

/**
 * Amending events, one per day, amending text, amending article, kind, alinéa, item and
 * unapplied reason, in the order of `rows` (oldest first): an amending article that touches
 * several articles the same way makes one event listing them all. An abrogated alinéa stays
 * `abrogated` with its `paragraph`: the article itself lives on.
 */
export function amendingEvents(rows: readonly AmendingRow[]): HistoryEvent[] {
  const events = new Map<string, HistoryEvent>();
  for (const r of rows) {
    if (!r.date) continue;
    const kind = HISTORY_KIND[r.kind] ?? (r.kind as HistoryKind);
    const key = `${r.date}|${r.by}|${r.byArticle}|${kind}|${r.paragraph}|${r.lastParagraph}|${r.item}|${r.unapplied}`;
    let event = events.get(key);
    if (!event) {
      event = {
        date: r.date,
        kind,
        by: r.by,
        byArticle: r.byArticle,
        articles: [],
        ...(r.paragraph !== undefined ? { paragraph: r.paragraph } : {}),
        ...(r.lastParagraph ? { lastParagraph: true as const } : {}),
        ...(r.item !== undefined ? { item: r.item } : {}),
        ...(r.unapplied ? { unapplied: true as const, reason: r.unapplied } : {}),
      };
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
