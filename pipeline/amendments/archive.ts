/**
 * The amendment stage over a set of parsed bulletins, in memory: every text's links
 * resolved against the texts of the set, and the versions of every text. What the store
 * computes incrementally, computed at once; `jarida eval` scores it.
 */
import type { Language, LegalText, ParsedBulletin } from '../model.js';
import type { AmendmentOperation } from './links.js';
import { parseTextLinks } from './parse-links.js';
import { type KnownText, type Resolution, resolveCited } from './resolve.js';
import { type ComputedVersion, computeVersions, type DatedOperation } from './versions.js';

/** One operation with its amending text and the resolution of its target. */
export interface ResolvedOperation extends Resolution {
  byTextId: string;
  language: Language;
  op: AmendmentOperation;
  /** Entry into force: the amending text's own date, else its publication; null when undated. */
  inForce: string | null;
  /** Position of the operation in its text. */
  seq: number;
}

export interface ArchiveLinks {
  operations: ResolvedOperation[];
  /** Versions of every article of every text, by text id (`language` expressions). */
  versions: Map<string, ComputedVersion[]>;
}

/** Abrogations and renumberings hold in every language; wording only in its own. */
const LANGUAGE_FREE = new Set(['abrogated', 'renumbered']);

/**
 * Links and versions of the texts of `bulletins`, for the `language` expressions. A text
 * read twice in one language keeps the reading of the later issue. An expression's original
 * wording holds from its publication in that edition; an amendment takes effect from the
 * first publication of the amending text, in any edition.
 */
export function linkArchive(bulletins: readonly ParsedBulletin[], language: Language = 'fr'): ArchiveLinks {
  /** First publication by text id (any edition) and by `id|edition`. */
  const published = new Map<string, string>();
  const expressions = new Map<string, { text: LegalText; date: string }>();
  const earliest = (key: string, date: string) => {
    const first = published.get(key);
    if (!first || date < first) published.set(key, date);
  };
  for (const { bulletin, texts } of bulletins) {
    const date = bulletin.date ?? '';
    for (const text of texts) {
      const key = `${text.id}|${text.language}`;
      if (bulletin.date) {
        earliest(text.id, bulletin.date);
        earliest(`${text.id}|${bulletin.edition}`, bulletin.date);
      }
      const seen = expressions.get(key);
      if (!seen || seen.date < date) expressions.set(key, { text, date });
    }
  }
  const known: KnownText[] = [...expressions.values()].map(({ text }) => ({
    id: text.id,
    type: text.type,
    number: text.number,
    signedOn: text.signedOn,
  }));
  const operations: ResolvedOperation[] = [];
  const languages = new Map<string, Set<Language>>();
  for (const { text } of expressions.values()) {
    languages.set(text.id, (languages.get(text.id) ?? new Set()).add(text.language));
    const links = parseTextLinks(text);
    links.operations.forEach((op, seq) => {
      operations.push({
        ...resolveCited(op.target, known),
        byTextId: text.id,
        language: text.language,
        op,
        inForce: links.inForceFrom ?? published.get(text.id) ?? null,
        seq,
      });
    });
  }
  const versions = new Map<string, ComputedVersion[]>();
  for (const { text } of expressions.values()) {
    const from = published.get(`${text.id}|${language}`);
    if (text.language !== language || !from) continue;
    const dated: DatedOperation[] = operations
      .filter(
        (o) =>
          o.textId === text.id &&
          o.inForce !== null &&
          (o.language === language ||
            (LANGUAGE_FREE.has(o.op.kind) && !languages.get(o.byTextId)?.has(language))),
      )
      .map((o) => ({ op: o.op, byTextId: o.byTextId, inForce: o.inForce!, order: o.seq }));
    versions.set(
      text.id,
      computeVersions({ textId: text.id, published: from, articles: text.articles, operations: dated }),
    );
  }
  return { operations, versions };
}
