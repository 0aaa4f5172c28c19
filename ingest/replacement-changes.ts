/**
 * What a `--force` replacement of an issue changes: the texts the replaced file printed that
 * the new one does not (and the reverse), and the amendment events the dropped wording made.
 * Said in the ingest's outcome (its warnings, and `replaced` in `--json`), so an archivist
 * sees what a replacement took away before anyone searches for it.
 */
import { parseTextLinks } from '../pipeline/amendments/parse-links.js';
import { textId } from '../pipeline/ids.js';
import type { ParsedBulletin } from '../pipeline/model.js';

/** What replacing one file of an issue with another changed (`ingest --json`: `replaced`). */
export interface ReplacementChanges {
  /** sha256 of the file replaced. */
  previous: string;
  /** Ids of the texts the replaced file printed and the new one does not. */
  droppedTexts: string[];
  /** Ids of the texts only the new file prints. */
  addedTexts: string[];
  /** Amendment events only the replaced file made: `<by> art. N <kind> <target> art. M`. */
  droppedAmendments: string[];
  /** Amendment events only the new file makes. */
  addedAmendments: string[];
}

/** The amendment events a bulletin's texts make, each as one readable line. */
function amendmentEvents(parsed: ParsedBulletin): Set<string> {
  const events = new Set<string>();
  for (const text of parsed.texts) {
    for (const op of parseTextLinks(text).operations) {
      const by = op.byArticle ? `${text.id} art. ${op.byArticle}` : text.id;
      const target = textId(op.target.type, op.target.number, { signedOn: op.target.date, title: '' });
      events.add(`${by} ${op.kind} ${op.targetArticle ? `${target} art. ${op.targetArticle}` : target}`);
    }
  }
  return events;
}

function without(all: Iterable<string>, taken: Set<string>): string[] {
  return [...new Set(all)].filter((item) => !taken.has(item)).sort();
}

/** What `next` changes of the issue `previous` held (the same bulletin, from another file). */
export function replacementChanges(previous: ParsedBulletin, next: ParsedBulletin): ReplacementChanges {
  const before = new Set(previous.texts.map((t) => t.id));
  const after = new Set(next.texts.map((t) => t.id));
  const eventsBefore = amendmentEvents(previous);
  const eventsAfter = amendmentEvents(next);
  return {
    previous: previous.bulletin.sourceSha256,
    droppedTexts: without(before, after),
    addedTexts: without(after, before),
    droppedAmendments: without(eventsBefore, eventsAfter),
    addedAmendments: without(eventsAfter, eventsBefore),
  };
}

/** What is known of a replacement whose replaced file's artefacts were already gone: the file only. */
export function emptyChanges(previous: string): ReplacementChanges {
  return { previous, droppedTexts: [], addedTexts: [], droppedAmendments: [], addedAmendments: [] };
}

/** The changes as outcome warnings, one per dropped or added item, subject first as the parser's are. */
export function describeChanges(bulletin: string, changes: ReplacementChanges): string[] {
  const replaced = changes.previous.slice(0, 12);
  return [
    ...changes.droppedTexts.map(
      (id) => `${bulletin}: --force dropped text ${id} (printed only by ${replaced}…)`,
    ),
    ...changes.addedTexts.map((id) => `${bulletin}: --force added text ${id}`),
    ...changes.droppedAmendments.map((event) => `${bulletin}: --force dropped amendment event: ${event}`),
    ...changes.addedAmendments.map((event) => `${bulletin}: --force added amendment event: ${event}`),
  ];
}
