/**
 * The wording of each article of a text over time, computed from its original wording and
 * every amendment known to target it. Pure: the same texts and amendments give the same
 * versions whatever order they were read in.
 */
import { toWesternDigits } from '../ids.js';
import type { AmendmentKind } from '../model.js';
import { readItem, wordingParagraphs } from '../structure/paragraphs.js';
import { type AmendmentOperation, onPartOfArticle, type Substitution } from './links.js';

/** An operation on the target text, with the amending text that made it and when it took effect. */
export interface DatedOperation {
  op: AmendmentOperation;
  byTextId: string;
  /** Entry into force: the amending text's `à compter du` date, else its publication date. */
  inForce: string;
  /** Position of `op.byArticle` in the amending text and of the op within it: ties on one day. */
  order: number;
}

export interface VersionInput {
  textId: string;
  /** First publication of the target text: when its original wording took effect. */
  published: string;
  /** Original articles, in printed order; `paragraphs` their alinéas and items when read. */
  articles: readonly { number: string; body: string; paragraphs?: readonly string[] }[];
  operations: readonly DatedOperation[];
}

/** What made a version: `published` for the original wording. */
export type VersionCause = 'published' | AmendmentKind;

/** One period of one article's wording. */
export interface ComputedVersion {
  textId: string;
  article: string;
  validFrom: string;
  /** Exclusive end; null while in force. */
  validTo: string | null;
  /** Null from an abrogation on. */
  body: string | null;
  introducedBy: string | null;
  introducedByArticle: string | null;
  cause: VersionCause;
}

/** Sorts operations as they took effect; same day: amending text, then its article order. */
export function byEffect(a: DatedOperation, b: DatedOperation): number {
  if (a.inForce !== b.inForce) return a.inForce < b.inForce ? -1 : 1;
  if (a.byTextId !== b.byTextId) return a.byTextId < b.byTextId ? -1 : 1;
  return a.order - b.order;
}

/** Why an operation changed no wording: it names what the wording does not hold. */
export type UnappliedReason = 'paragraph-not-found' | 'words-not-found';

/** An operation left without a version (the amendment itself is kept), and why. */
export interface UnappliedOperation {
  textId: string;
  article: string;
  byTextId: string;
  op: AmendmentOperation;
  reason: UnappliedReason;
}

/** Joins the wording around deleted words: one space, none before a closing mark. */
function closeGap(left: string, right: string): string {
  const [l, r] = [left.trimEnd(), right.trimStart()];
  if (!l || !r) return l || r;
  return /^[.,)،]/u.test(r) ? l + r : `${l} ${r}`;
}

/**
 * Applies substitutions to a wording; null when a `from` is not in it (nothing is guessed).
 * Deleted words (`to` empty) leave no double space behind.
 */
export function substitute(body: string, subs: readonly Substitution[]): string | null {
  let out = body;
  for (const { from, to } of subs) {
    if (!out.includes(from)) return null;
    out = to === '' ? out.split(from).reduce(closeGap) : out.split(from).join(to);
  }
  return out;
}

/** A wording and its alinéas; the body stays as printed, the alinéas serve alinéa-level changes. */
interface Wording {
  body: string | null;
  paragraphs: readonly string[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const NONE: Wording = { body: null, paragraphs: [] };
/** The alinéas of an operation's new wording: as quoted, else its enumerated items. */
const alineas = (op: AmendmentOperation, body: string) => op.paragraphs ?? wordingParagraphs(body);
const whole = (op: AmendmentOperation): Wording =>
  op.body === undefined ? NONE : { body: op.body, paragraphs: alineas(op, op.body) };

/** `3°`, `3)`, `3 -`, `b)`: the number or letter an item is named by, across editions. */
const itemKey = (enumerator: string) => toWesternDigits(enumerator).replace(/[^\p{L}\p{N}]/gu, '');

/** Index of the alinéa or item `op` names in `paragraphs`; -1 when absent. */
function paragraphIndex(op: AmendmentOperation, paragraphs: readonly string[]): number {
  if (op.item !== undefined) {
    const key = itemKey(op.item);
    return paragraphs.findIndex((p) => {
      const item = readItem(p);
      return item !== null && itemKey(item.enumerator) === key;
    });
  }
  if (op.lastParagraph) return paragraphs.length - 1;
  return op.paragraph! >= 1 && op.paragraph! <= paragraphs.length ? op.paragraph! - 1 : -1;
}

/** The wording an alinéa-level operation leaves; a reason when the alinéa or the words are not there. */
function paragraphAfter(op: AmendmentOperation, before: Wording): Wording | UnappliedReason | undefined {
  const at = paragraphIndex(op, before.paragraphs);
  if (at < 0) return 'paragraph-not-found';
  const old = before.paragraphs[at]!;
  let replacement: readonly string[];
  if (op.kind === 'abrogated') replacement = [];
  else if (op.substitutions) {
    const next = substitute(old, op.substitutions);
    if (next === null) return 'words-not-found';
    replacement = [next];
  } else if (op.body !== undefined) replacement = alineas(op, op.body);
  else return undefined;
  const paragraphs = before.paragraphs.toSpliced(at, 1, ...replacement);
  return { body: paragraphs.length ? paragraphs.join(' ') : null, paragraphs };
}

/** The wording an operation leaves; undefined when it gives none, a reason when it cannot apply. */
function wordingAfter(op: AmendmentOperation, before: Wording): Wording | UnappliedReason | undefined {
  if (onPartOfArticle(op)) return before.body === null ? 'paragraph-not-found' : paragraphAfter(op, before);
  switch (op.kind) {
    case 'abrogated':
      return NONE;
    case 'completed':
      if (before.body === null) return whole(op);
      return op.body
        ? {
            body: `${before.body} ${op.body}`,
            paragraphs: [...before.paragraphs, ...(op.paragraphs ?? [op.body])],
          }
        : before;
    case 'amended': {
      if (!op.substitutions) return op.body === undefined ? undefined : whole(op);
      if (before.body === null) return undefined;
      const body = substitute(before.body, op.substitutions);
      if (body === null) return 'words-not-found';
      // Words within one alinéa keep the alinéas as they were cut; words across two re-cut them.
      const paragraphs = before.paragraphs.map((p) =>
        op.substitutions!.reduce((out, sub) => substitute(out, [sub]) ?? out, p),
      );
      return {
        body,
        paragraphs: squash(paragraphs.join(' ')) === squash(body) ? paragraphs : wordingParagraphs(body),
      };
    }
    case 'replaced':
    case 'inserted':
      return op.body === undefined ? undefined : whole(op);
    case 'renumbered':
      return undefined;
  }
}

/** Versions of a text and the operations that could not be applied to its wording. */
export interface VersionHistory {
  versions: ComputedVersion[];
  unapplied: UnappliedOperation[];
}

/**
 * Every article's versions, oldest first per article, articles in printed order then
 * inserted ones in the order they appeared. A whole-text abrogation ends every article; an
 * operation on an unknown article starts that article's list; two changes on one day make
 * one version. An operation on an alinéa or item (`paragraph`, `item`) changes only it; one
 * naming an alinéa, an item or words the wording does not hold makes no version and is
 * listed in `unapplied` with its reason.
 */
export function versionHistory(input: VersionInput): VersionHistory {
  const lists = new Map<string, ComputedVersion[]>();
  /** Each article's current alinéas, beside its last version. */
  const cut = new Map<string, readonly string[]>();
  const unapplied: UnappliedOperation[] = [];
  for (const a of input.articles) {
    if (lists.has(a.number)) continue;
    cut.set(a.number, a.paragraphs?.length ? a.paragraphs : [a.body]);
    lists.set(a.number, [
      {
        textId: input.textId,
        article: a.number,
        validFrom: input.published,
        validTo: null,
        body: a.body,
        introducedBy: null,
        introducedByArticle: null,
        cause: 'published',
      },
    ]);
  }
  const change = (
    article: string,
    date: string,
    wording: Wording,
    by: DatedOperation,
    cause: VersionCause,
  ) => {
    let list = lists.get(article);
    if (!list) {
      list = [];
      lists.set(article, list);
    }
    cut.set(article, wording.paragraphs);
    const last = list.at(-1);
    const version: ComputedVersion = {
      textId: input.textId,
      article,
      validFrom: date,
      validTo: null,
      body: wording.body,
      introducedBy: by.byTextId,
      introducedByArticle: by.op.byArticle,
      cause,
    };
    if (last && last.validFrom >= date) {
      Object.assign(last, { ...version, validFrom: last.validFrom });
      return;
    }
    if (last) last.validTo = date;
    list.push(version);
  };
  for (const dated of [...input.operations].sort(byEffect)) {
    const { op } = dated;
    // An amendment cannot take effect before the wording it amends was published.
    const date = [dated.inForce, input.published].sort()[1]!;
    const articles = op.targetArticle === null ? [...lists.keys()] : [op.targetArticle];
    for (const article of articles) {
      const body = lists.get(article)?.at(-1)?.body ?? null;
      const current: Wording = body === null ? NONE : { body, paragraphs: cut.get(article) ?? [body] };
      if (op.kind === 'renumbered') {
        if (!op.newNumber || body === null) continue;
        change(article, date, NONE, dated, 'renumbered');
        change(op.newNumber, date, current, dated, 'renumbered');
        continue;
      }
      const next = wordingAfter(op, current);
      if (next === undefined) continue;
      if (typeof next === 'string') {
        unapplied.push({ textId: input.textId, article, byTextId: dated.byTextId, op, reason: next });
        continue;
      }
      if (op.kind === 'abrogated' && body === null) continue;
      // `abrogated` means the article is gone: an abrogated alinéa amends the article.
      const cause: VersionCause = !lists.has(article)
        ? op.kind === 'abrogated'
          ? op.kind
          : 'inserted'
        : op.kind === 'abrogated' && next.body !== null
          ? 'amended'
          : op.kind;
      change(article, date, next, dated, cause);
    }
  }
  const versions = printedOrder(
    input.articles.map((a) => a.number),
    [...lists.keys()],
  ).flatMap((n) => lists.get(n)!);
  return { versions, unapplied };
}

/** Every article's versions; see {@link versionHistory}. */
export function computeVersions(input: VersionInput): ComputedVersion[] {
  return versionHistory(input).versions;
}

const SUFFIX_ORDER = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'nonies', 'decies'];

/** Original articles in printed order, each inserted one (`4-bis`) after the article it follows. */
function printedOrder(original: readonly string[], all: readonly string[]): string[] {
  const base = (n: string) => n.split('-')[0]!;
  const rank = (n: string) => SUFFIX_ORDER.indexOf(n.split('-')[1] ?? '') + 1;
  const key = (n: string): [number, number] => {
    const at = original.indexOf(n);
    if (at >= 0) return [at, 0];
    const anchor = original.findLastIndex((o) => base(o) === base(n) || Number(base(o)) < Number(base(n)));
    return [anchor, 1 + rank(n)];
  };
  return [...all].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1];
  });
}

/** The version of `versions` (one article's) in force on `date`; null before it existed. */
export function versionAt<T extends { validFrom: string; validTo: string | null }>(
  versions: readonly T[],
  date: string,
): T | null {
  return versions.find((v) => v.validFrom <= date && (v.validTo === null || date < v.validTo)) ?? null;
}
