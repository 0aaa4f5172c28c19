/**
 * The wording of each article of a text over time, computed from its original wording and
 * every amendment known to target it. Pure: the same texts and amendments give the same
 * versions whatever order they were read in.
 */
import type { AmendmentKind } from '../model.js';
import type { AmendmentOperation, Substitution } from './links.js';

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
  /** Original articles, in printed order. */
  articles: readonly { number: string; body: string }[];
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

/** Applies substitutions to a wording; a `from` not found leaves the wording as it was. */
export function substitute(body: string, subs: readonly Substitution[]): string {
  let out = body;
  for (const { from, to } of subs) {
    if (out.includes(from)) out = out.split(from).join(to);
  }
  return out;
}

/** The wording an operation leaves, given the wording before it (null: none or abrogated). */
function wordingAfter(op: AmendmentOperation, before: string | null): string | null | undefined {
  switch (op.kind) {
    case 'abrogated':
      return null;
    case 'completed':
      return before === null ? (op.body ?? null) : op.body ? `${before} ${op.body}` : before;
    case 'amended':
      if (op.substitutions) return before === null ? undefined : substitute(before, op.substitutions);
      return op.body ?? undefined;
    case 'replaced':
    case 'inserted':
      return op.body ?? undefined;
    case 'renumbered':
      return undefined;
  }
}

/**
 * Every article's versions, oldest first per article, articles in printed order then
 * inserted ones in the order they appeared. A whole-text abrogation ends every article; an
 * operation on an unknown article starts that article's list; two changes on one day make
 * one version.
 */
export function computeVersions(input: VersionInput): ComputedVersion[] {
  const lists = new Map<string, ComputedVersion[]>();
  for (const a of input.articles) {
    if (lists.has(a.number)) continue;
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
    body: string | null,
    by: DatedOperation,
    cause: VersionCause,
  ) => {
    let list = lists.get(article);
    if (!list) {
      list = [];
      lists.set(article, list);
    }
    const last = list.at(-1);
    const version: ComputedVersion = {
      textId: input.textId,
      article,
      validFrom: date,
      validTo: null,
      body,
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
      const current = lists.get(article)?.at(-1)?.body ?? null;
      if (op.kind === 'renumbered') {
        if (!op.newNumber || current === null) continue;
        change(article, date, null, dated, 'renumbered');
        change(op.newNumber, date, current, dated, 'renumbered');
        continue;
      }
      const next = wordingAfter(op, current);
      if (next === undefined) continue;
      const cause: VersionCause = lists.has(article) || op.kind === 'abrogated' ? op.kind : 'inserted';
      if (op.kind === 'abrogated' && current === null) continue;
      change(article, date, next, dated, cause);
    }
  }
  return printedOrder(
    input.articles.map((a) => a.number),
    [...lists.keys()],
  ).flatMap((n) => lists.get(n)!);
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
