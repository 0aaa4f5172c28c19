/**
 * An archive of parsed bulletins kept in memory, linked by the link stage the stores run
 * (link-stage.ts): saving a bulletin here keeps what a store keeps of it for linking (texts,
 * expressions, publications) and links it as a store's save does. `jarida eval` scores its
 * links and versions, so its figures are those of the production path.
 */
import type { Language, LegalText, ParsedBulletin } from '../model.js';
import {
  type ExpressionArticles,
  type ExpressionDate,
  type ExpressionVersions,
  type LinkPort,
  linkSavedSync,
  publishedVersions,
  type ResolvedLinks,
  type StoredLink,
  type StoredOperation,
} from './link-stage.js';
import type { AmendmentOperation, CitedText } from './links.js';
import { parseTextLinks } from './parse-links.js';
import type { KnownText, Resolution } from './resolve.js';
import type { ComputedVersion } from './versions.js';

/** A stored link of one expression; its resolution changes as texts arrive. */
interface MemoryLink extends StoredLink {
  byTextId: string;
  language: Language;
  seq: number;
  /** The operation, for an amendment. */
  op?: AmendmentOperation;
  inForce: string | null;
}

/** An operation as the archive resolved it. */
export interface ArchivedOperation extends Resolution {
  byTextId: string;
  /** The language of the expression it was read from. */
  language: Language;
  op: AmendmentOperation;
}

const key = (textId: string, language: Language) => `${textId}|${language}`;
const earliest = (dates: readonly (string | null)[]) =>
  dates.filter((d): d is string => d !== null).sort()[0] ?? null;

/** Parsed bulletins saved one after another, linked as a store links them. */
export class MemoryArchive implements LinkPort<MemoryLink> {
  private readonly bulletins = new Map<
    string,
    { date: string | null; edition: Language; textIds: string[] }
  >();
  /** As a store's texts table: a later reading fills what an earlier one left null. */
  private readonly texts = new Map<string, KnownText>();
  private readonly expressions = new Map<string, { text: LegalText; bulletinId: string }>();
  private readonly links = new Map<string, MemoryLink[]>();
  private readonly versions = new Map<string, ComputedVersion[]>();

  /** Saves one bulletin, replacing what a bulletin of its id held, and links its texts. */
  save({ bulletin, texts }: ParsedBulletin): void {
    const previous = this.bulletins.get(bulletin.id)?.textIds ?? [];
    const before = previous.flatMap((id) => this.amendmentsBy(id).flatMap((l) => l.resolution.textId ?? []));
    this.bulletins.delete(bulletin.id);
    for (const [k, e] of this.expressions) if (e.bulletinId === bulletin.id) this.dropExpression(k);
    for (const id of previous) if (!this.expressionKeys(id).length) this.texts.delete(id);

    this.bulletins.set(bulletin.id, {
      date: bulletin.date,
      edition: bulletin.edition,
      textIds: texts.map((t) => t.id),
    });
    for (const text of texts) {
      const seen = this.texts.get(text.id);
      this.texts.set(text.id, {
        id: text.id,
        type: text.type,
        number: text.number ?? seen?.number ?? null,
        signedOn: text.signedOn ?? seen?.signedOn ?? null,
      });
      // A text read again in this language (a reprint): the latest reading wins.
      this.dropExpression(key(text.id, text.language));
      this.expressions.set(key(text.id, text.language), { text, bulletinId: bulletin.id });
    }
    linkSavedSync(
      this,
      texts.map((text) => ({ text, links: parseTextLinks(text) })),
      before,
    );
  }

  /** Every stored operation with its resolution. */
  operations(): ArchivedOperation[] {
    return [...this.links.values()].flatMap((links) =>
      links.flatMap((l) =>
        l.op ? [{ ...l.resolution, byTextId: l.byTextId, language: l.language, op: l.op }] : [],
      ),
    );
  }

  /** The versions of every article of every `language` expression, by text id. */
  versionsIn(language: Language): Map<string, ComputedVersion[]> {
    const found = new Map<string, ComputedVersion[]>();
    for (const [k, versions] of this.versions) {
      const { text } = this.expressions.get(k)!;
      if (text.language === language) found.set(text.id, versions);
    }
    return found;
  }

  private dropExpression(k: string): void {
    this.expressions.delete(k);
    this.links.delete(k);
    this.versions.delete(k);
  }

  private expressionKeys(textId: string): string[] {
    return (['fr', 'ar'] as const).map((l) => key(textId, l)).filter((k) => this.expressions.has(k));
  }

  private amendmentsBy(textId: string): MemoryLink[] {
    return this.expressionKeys(textId)
      .flatMap((k) => this.links.get(k) ?? [])
      .filter((l) => l.op);
  }

  /** Publication dates of a text, in one edition or any. */
  private publishedOn(textId: string, edition?: Language): (string | null)[] {
    return [...this.bulletins.values()].flatMap((b) =>
      b.textIds.includes(textId) && (!edition || b.edition === edition) ? [b.date] : [],
    );
  }

  knownTexts(cited: readonly CitedText[]): KnownText[] {
    const numbers = new Set(cited.flatMap((c) => c.number ?? []));
    const dates = new Set(cited.flatMap((c) => (c.number === null && c.date !== null ? [c.date] : [])));
    return [...this.texts.values()]
      .filter(
        (t) => (t.number !== null && numbers.has(t.number)) || (t.signedOn !== null && dates.has(t.signedOn)),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  replaceLinks(expressions: readonly ResolvedLinks[]): void {
    for (const { text, links, operations, citations } of expressions) {
      const stored = (seq: number, kind: MemoryLink['kind'], cited: CitedText, resolution: Resolution) => ({
        kind,
        cited,
        resolution,
        byTextId: text.id,
        language: text.language,
        seq,
        inForce: links.inForceFrom,
      });
      this.links.set(key(text.id, text.language), [
        ...links.operations.map((op, seq) => ({
          ...stored(seq, 'amendment', op.target, operations[seq]!),
          op,
        })),
        ...links.citations.map((c, seq) => stored(seq, 'citation', c.target, citations[seq]!)),
      ]);
    }
  }

  linksAnsweredBy(texts: readonly LegalText[]): MemoryLink[] {
    const answers = (l: MemoryLink) =>
      texts.some((t) =>
        l.cited.number !== null
          ? l.cited.number === t.number
          : t.signedOn !== null && l.cited.date === t.signedOn,
      );
    return [...this.links.values()].flatMap((links) => links.filter(answers));
  }

  updateResolutions(changes: readonly { link: MemoryLink; resolution: Resolution }[]): void {
    for (const { link, resolution } of changes) link.resolution = resolution;
  }

  expressionsOf(textIds: readonly string[]): ExpressionDate[] {
    return textIds.flatMap((textId) =>
      this.expressionKeys(textId).map((k) => {
        const { language } = this.expressions.get(k)!.text;
        return { textId, language, published: earliest(this.publishedOn(textId, language)) };
      }),
    );
  }

  operationsOn(textIds: readonly string[]): StoredOperation[] {
    return [...this.links.values()].flatMap((links) =>
      links.flatMap((l) =>
        l.op && l.resolution.textId !== null && textIds.includes(l.resolution.textId)
          ? [
              {
                targetTextId: l.resolution.textId,
                byTextId: l.byTextId,
                language: l.language,
                seq: l.seq,
                op: l.op,
                inForce: l.inForce,
                amendingPublished: earliest(this.publishedOn(l.byTextId)),
                amendingLanguages: this.expressionKeys(l.byTextId).map(
                  (k) => this.expressions.get(k)!.text.language,
                ),
              },
            ]
          : [],
      ),
    );
  }

  articlesOf(expressions: readonly ExpressionDate[]): ExpressionArticles[] {
    return expressions.map(({ textId, language }) => ({
      textId,
      language,
      articles: this.expressions.get(key(textId, language))?.text.articles ?? [],
    }));
  }

  writeVersions(textIds: readonly string[], versions: readonly ExpressionVersions[]): void {
    for (const id of textIds) for (const k of this.expressionKeys(id)) this.versions.delete(k);
    for (const e of versions) {
      const k = key(e.textId, e.language);
      const articles = this.expressions.get(k)?.text.articles ?? [];
      this.versions.set(k, e.versions ?? publishedVersions(e, articles));
    }
  }
}

/** The bulletins saved in order into a new in-memory archive. */
export function linkArchive(bulletins: readonly ParsedBulletin[]): MemoryArchive {
  const archive = new MemoryArchive();
  for (const parsed of bulletins) archive.save(parsed);
  return archive;
}
