/**
 * The link stage, written once: the links read from the texts just saved are resolved against
 * the texts known and stored, every stored link those texts may answer is resolved again, and
 * the article versions of each text whose wording may have changed are recomputed. A reference
 * to a text not yet saved keeps its reason and is resolved when that text arrives, so the order
 * bulletins are saved in never changes the outcome.
 *
 * What is stored, and where, is a {@link LinkPort}'s: SQLite's inside its save transaction,
 * Elasticsearch's over its indices, the in-memory archive `jarida eval` scores (archive.ts).
 * The algorithm is one generator over the port, run by {@link linkSavedSync} for a port that
 * answers at once (a SQLite transaction cannot wait) and by {@link linkSaved} for one that
 * answers with promises.
 */
import type { Language, LegalText } from '../model.js';
import type { AmendmentOperation, CitedText, TextLinks } from './links.js';
import { type KnownText, type Resolution, resolveCited } from './resolve.js';
import {
  type ComputedVersion,
  computeVersions,
  type DatedOperation,
  type UnappliedOperation,
  versionHistory,
} from './versions.js';

/** A value, or a promise of one. */
export type Awaitable<T> = T | PromiseLike<T>;

/** An expression just saved, with what the amendment stage read from it. */
export interface SavedText {
  text: LegalText;
  links: TextLinks;
}

/** The links of a saved expression, each target resolved. */
export interface ResolvedLinks extends SavedText {
  /** Resolution of each of `links.operations`, in order. */
  operations: Resolution[];
  /** Resolution of each of `links.citations`, in order. */
  citations: Resolution[];
}

/** A stored link (an operation or a citation), as the stage resolves it again. */
export interface StoredLink {
  /** Only an amendment's target changes versions. */
  kind: 'amendment' | 'citation';
  cited: CitedText;
  /** What the store holds now. */
  resolution: Resolution;
}

/** A stored operation on one of the texts whose versions are recomputed. */
export interface StoredOperation {
  targetTextId: string;
  byTextId: string;
  /** The language of the expression the operation was read from. */
  language: Language;
  /** Position of the operation in that expression. */
  seq: number;
  op: AmendmentOperation;
  /** The amending text's own entry into force (`à compter du`); null when it sets none. */
  inForce: string | null;
  /** First publication of the amending text, in any edition; null when undated. */
  amendingPublished: string | null;
  /** The languages the amending text is stored in. */
  amendingLanguages: readonly Language[];
}

/** One stored expression of a text whose versions are recomputed. */
export interface ExpressionDate {
  textId: string;
  language: Language;
  /** First publication in its own edition: when its original wording took effect; null when undated. */
  published: string | null;
}

/** The original articles of one expression, in printed order. */
export interface ExpressionArticles {
  textId: string;
  language: Language;
  articles: { number: string; body: string; paragraphs?: string[] }[];
}

/** The versions to store for one dated expression. */
export interface ExpressionVersions {
  textId: string;
  language: Language;
  published: string;
  /**
   * Every article's versions; null when no operation shapes this wording: its versions are
   * then its articles as published ({@link publishedVersions}), which a store may copy
   * without reading them.
   */
  versions: ComputedVersion[] | null;
  /**
   * Operations that named an alinéa, an item or words this wording does not hold: kept as
   * amendments, flagged with their reason, no version made of them. Absent when none.
   */
  unapplied?: UnappliedAmendment[];
}

/** An operation that changed no wording, with the stored amendment it was read from. */
export interface UnappliedAmendment extends UnappliedOperation {
  /** The stored operation's expression language and position: the amendment to flag. */
  amendment: Pick<StoredOperation, 'byTextId' | 'language' | 'seq'>;
}

/**
 * What the stage reads and writes of an archive. Lists in, lists out: a port may answer each
 * call with one request. Methods may answer at once or with a promise.
 */
export interface LinkPort<L extends StoredLink = StoredLink> {
  /**
   * The texts a reference among `cited` may name: those of one of their numbers, and, for a
   * reference without a number, those signed on its date. Resolution picks among them.
   */
  knownTexts(cited: readonly CitedText[]): Awaitable<KnownText[]>;
  /** Replaces the links stored for each expression by those given. */
  replaceLinks(expressions: readonly ResolvedLinks[]): Awaitable<void>;
  /**
   * The stored links `texts` may answer: citing one of their numbers, or, citing no number,
   * one of their signature dates.
   */
  linksAnsweredBy(texts: readonly LegalText[]): Awaitable<L[]>;
  /** Stores a new resolution of each link. */
  updateResolutions(changes: readonly { link: L; resolution: Resolution }[]): Awaitable<void>;
  /** Every stored expression of `textIds`. */
  expressionsOf(textIds: readonly string[]): Awaitable<ExpressionDate[]>;
  /** The stored operations whose target is one of `textIds`. */
  operationsOn(textIds: readonly string[]): Awaitable<StoredOperation[]>;
  /** The original articles of `expressions`. */
  articlesOf(expressions: readonly ExpressionDate[]): Awaitable<ExpressionArticles[]>;
  /** Replaces every stored version of `textIds` by `versions` (an expression left out has none). */
  writeVersions(textIds: readonly string[], versions: readonly ExpressionVersions[]): Awaitable<void>;
}

/** Texts whose versions are recomputed per round of requests: a bulk load affects many. */
const RECOMPUTE_CHUNK = 200;

/** Abrogations and renumberings hold in every language; wording only in its own. */
const LANGUAGE_FREE = new Set<AmendmentOperation['kind']>(['abrogated', 'renumbered']);

/**
 * The operations that shape `expression`'s wording: those read in its language, and
 * abrogations and renumberings from texts not stored in it. Each takes effect from the
 * amending text's entry into force, else its first publication in any edition; an operation
 * with neither is left out.
 */
export function datedOperations(
  operations: readonly StoredOperation[],
  expression: Pick<ExpressionDate, 'textId' | 'language'>,
): DatedOperation[] {
  const { textId, language } = expression;
  return operations.flatMap((o) => {
    if (o.targetTextId !== textId) return [];
    const shapes =
      o.language === language || (LANGUAGE_FREE.has(o.op.kind) && !o.amendingLanguages.includes(language));
    const inForce = o.inForce ?? o.amendingPublished;
    return shapes && inForce ? [{ op: o.op, byTextId: o.byTextId, inForce, order: o.seq }] : [];
  });
}

/** The versions of an expression no operation shapes: each article as published. */
export function publishedVersions(
  expression: Pick<ExpressionVersions, 'textId' | 'published'>,
  articles: ExpressionArticles['articles'],
): ComputedVersion[] {
  return computeVersions({
    textId: expression.textId,
    published: expression.published,
    articles,
    operations: [],
  });
}

/** The answer of one port call, whether it came at once or as a promise. */
function* answer<T>(value: Awaitable<T>): Generator<Awaitable<T>, T, unknown> {
  return (yield value) as T;
}

type Steps = Generator<unknown, void, unknown>;

const sameResolution = (a: Resolution, b: Resolution) => a.textId === b.textId && a.reason === b.reason;

function* linkSteps<L extends StoredLink>(
  port: LinkPort<L>,
  saved: readonly SavedText[],
  before: readonly string[],
): Steps {
  const affected = new Set(before);
  const known = yield* answer(
    port.knownTexts(
      saved.flatMap(({ links }) => [...links.operations, ...links.citations].map((l) => l.target)),
    ),
  );
  const resolved = saved.map((s) => ({
    ...s,
    operations: s.links.operations.map((op) => resolveCited(op.target, known)),
    citations: s.links.citations.map((c) => resolveCited(c.target, known)),
  }));
  for (const { text, operations } of resolved) {
    affected.add(text.id);
    for (const { textId } of operations) if (textId) affected.add(textId);
  }
  yield* answer(port.replaceLinks(resolved));

  const stored = yield* answer(port.linksAnsweredBy(saved.map((s) => s.text)));
  const knownNow = yield* answer(port.knownTexts(stored.map((l) => l.cited)));
  const changes: { link: L; resolution: Resolution }[] = [];
  for (const link of stored) {
    const resolution = resolveCited(link.cited, knownNow);
    if (!sameResolution(resolution, link.resolution)) changes.push({ link, resolution });
    // The text an amendment targeted before and the one it targets now both change.
    if (link.kind === 'amendment')
      for (const id of [link.resolution.textId, resolution.textId]) if (id) affected.add(id);
  }
  yield* answer(port.updateResolutions(changes));

  const ids = [...affected].sort();
  for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK)
    yield* recomputeSteps(port, ids.slice(i, i + RECOMPUTE_CHUNK));
}

/** Recomputes the versions of every expression of `textIds` from its articles and the operations on it. */
function* recomputeSteps<L extends StoredLink>(port: LinkPort<L>, textIds: readonly string[]): Steps {
  const expressions = yield* answer(port.expressionsOf(textIds));
  const stored = yield* answer(port.operationsOn(textIds));
  const dated = expressions.flatMap((e) =>
    e.published === null ? [] : [{ ...e, published: e.published, operations: datedOperations(stored, e) }],
  );
  const amended = dated.flatMap(({ operations, ...e }) => (operations.length > 0 ? [e] : []));
  const articles = amended.length > 0 ? yield* answer(port.articlesOf(amended)) : [];
  const versions = dated.map(({ operations, ...e }): ExpressionVersions => {
    if (operations.length === 0) return { ...e, versions: null };
    const own = articles.find((a) => a.textId === e.textId && a.language === e.language);
    const { versions, unapplied } = versionHistory({ ...e, articles: own?.articles ?? [], operations });
    // The dated operations are the stored ones, unchanged: each unapplied one finds its row.
    const flagged = unapplied.flatMap((u): UnappliedAmendment[] => {
      const row = stored.find((o) => o.op === u.op);
      return row
        ? [{ ...u, amendment: { byTextId: row.byTextId, language: row.language, seq: row.seq } }]
        : [];
    });
    return { ...e, versions, ...(flagged.length ? { unapplied: flagged } : {}) };
  });
  yield* answer(port.writeVersions(textIds, versions));
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/**
 * Links the texts just saved, over a port that answers at once (inside a SQLite transaction).
 * `before`: the texts the saved bulletins' previous texts amended, whose versions change too.
 */
export function linkSavedSync<L extends StoredLink>(
  port: LinkPort<L>,
  saved: readonly SavedText[],
  before: readonly string[],
): void {
  const steps = linkSteps(port, saved, before);
  for (let step = steps.next(); !step.done; ) {
    // A programming error, not bad input: this port belongs with linkSaved.
    if (isPromiseLike(step.value))
      throw new TypeError('the link port answered with a promise: use linkSaved');
    step = steps.next(step.value);
  }
}

/** Links the texts just saved, over a port that may answer with promises; see {@link linkSavedSync}. */
export async function linkSaved<L extends StoredLink>(
  port: LinkPort<L>,
  saved: readonly SavedText[],
  before: readonly string[],
): Promise<void> {
  const steps = linkSteps(port, saved, before);
  for (let step = steps.next(); !step.done; ) step = steps.next(await step.value);
}
