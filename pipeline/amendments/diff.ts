/**
 * Difference between two wordings of an article, for `jarida history --diff`,
 * `/v1/texts/:id/articles/:n/diff` and the article page. Alinéa by alinéa, word by word
 * (the `diff` library's word diff, words cut by `Intl.Segmenter`: its own regexes know no
 * Arabic letters and compared Arabic letter by letter); an article rewritten for the most part
 * reads better as its two wordings side by side than as an interleave of words.
 */
import { diffArrays, diffWords } from 'diff';
import type { Language } from '../model.js';
import { wordingParagraphs } from '../structure/paragraphs.js';

/** One run of words: unchanged, only in the later wording, or only in the earlier one. */
export interface DiffPart {
  kind: 'equal' | 'added' | 'removed';
  text: string;
}

/** `words`: read as one wording with its changes marked; `side-by-side`: read as two wordings. */
export type DiffMode = 'words' | 'side-by-side';

/** The two wordings compared and what changed between them. */
export interface VersionDiff {
  from: { validFrom: string; introducedBy: string | null };
  to: { validFrom: string; introducedBy: string | null };
  /** The changes over the whole wording, alinéas joined by a space as in a body. */
  parts: DiffPart[];
  mode: DiffMode;
  /** The changes alinéa by alinéa: an alinéa left as it was is one `equal` part. */
  paragraphs: DiffPart[][];
  /** The alinéas of each wording, for reading them side by side (empty once abrogated). */
  before: string[];
  after: string[];
}

/** What a version needs to be compared: its wording (null once abrogated) and provenance. */
export interface DiffableVersion {
  validFrom: string;
  body: string | null;
  introducedBy: string | null;
  /** Language of the wording: how its words are cut (French when not given). */
  language?: Language;
}

/** Above this share of words changed, an article reads as rewritten: its wordings side by side. */
export const REWRITTEN_SHARE = 0.6;

const SEGMENTERS: Record<Language, Intl.Segmenter> = {
  fr: new Intl.Segmenter('fr', { granularity: 'word' }),
  ar: new Intl.Segmenter('ar', { granularity: 'word' }),
};

/** Words (not spaces nor punctuation) in a run of text. */
function wordCount(text: string, segmenter: Intl.Segmenter): number {
  let n = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
  return n;
}

/**
 * The alinéas of two wordings paired in order: unchanged ones as they are, and within each run
 * of changed ones, the i-th removed with the i-th added (a surplus one stands alone).
 */
function alignParagraphs(before: string[], after: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  let removed: string[] = [];
  const flush = (added: string[]) => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++)
      pairs.push([removed[i] ?? '', added[i] ?? '']);
    removed = [];
  };
  for (const change of diffArrays(before, after)) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) flush(change.value);
    else {
      flush([]);
      for (const p of change.value) pairs.push([p, p]);
    }
  }
  flush([]);
  return pairs;
}

/** The word diff of one pair of alinéas. */
function diffParagraph(a: string, b: string, segmenter: Intl.Segmenter): DiffPart[] {
  if (a === b) return [{ kind: 'equal', text: a }];
  return diffWords(a, b, { intlSegmenter: segmenter }).map(
    (c): DiffPart => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'equal', text: c.value }),
  );
}

/** Alinéas' parts as one run, joined by a space, runs of one kind merged. */
function joinParagraphs(paragraphs: DiffPart[][]): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (p: DiffPart) => {
    const last = parts.at(-1);
    if (last?.kind === p.kind) last.text += p.text;
    else if (p.text) parts.push({ ...p });
  };
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) {
      // The space between two alinéas belongs to the change on both sides of it, else to neither.
      const kind = parts.at(-1)?.kind === paragraph[0]?.kind ? paragraph[0]!.kind : 'equal';
      push({ kind, text: ' ' });
    }
    for (const p of paragraph) push(p);
  });
  return parts;
}

/** Alinéa-aligned word diff from version `a` to version `b`; an abrogated wording compares as empty. */
export function diffVersions(a: DiffableVersion, b: DiffableVersion): VersionDiff {
  const segmenter = SEGMENTERS[b.language ?? a.language ?? 'fr'];
  const before = a.body ? wordingParagraphs(a.body) : [];
  const after = b.body ? wordingParagraphs(b.body) : [];
  const paragraphs = alignParagraphs(before, after).map(([x, y]) => diffParagraph(x, y, segmenter));
  const parts = joinParagraphs(paragraphs);
  const words = (kind: DiffPart['kind']) =>
    parts.filter((p) => p.kind === kind).reduce((n, p) => n + wordCount(p.text, segmenter), 0);
  const kept = words('equal');
  const total = kept * 2 + words('removed') + words('added');
  const changedShare = total === 0 ? 0 : 1 - (kept * 2) / total;
  return {
    from: { validFrom: a.validFrom, introducedBy: a.introducedBy },
    to: { validFrom: b.validFrom, introducedBy: b.introducedBy },
    parts,
    mode: changedShare > REWRITTEN_SHARE ? 'side-by-side' : 'words',
    paragraphs,
    before,
    after,
  };
}

/**
 * A diff as text. Word mode: one line per alinéa, `[-removed-]` and `{+added+}` as
 * `git diff --word-diff` prints them; side by side: the wording before, then the wording after.
 */
export function formatDiff(diff: VersionDiff): string {
  if (diff.mode === 'side-by-side')
    return [
      `--- before (${diff.from.validFrom})`,
      ...(diff.before.length ? diff.before : ['(none)']),
      `+++ after (${diff.to.validFrom})`,
      ...(diff.after.length ? diff.after : ['(none)']),
    ].join('\n');
  return diff.paragraphs
    .map((paragraph) =>
      paragraph
        .map((p) => (p.kind === 'added' ? `{+${p.text}+}` : p.kind === 'removed' ? `[-${p.text}-]` : p.text))
        .join(''),
    )
    .join('\n');
}
