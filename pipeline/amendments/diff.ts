/**
 * Word-level difference between two wordings of an article (the `diff` library's word
 * diff), for `jarida history --diff` and `/v1/texts/:id/articles/:n/diff`.
 */
import { diffWordsWithSpace } from 'diff';

/** One run of words: unchanged, only in the later wording, or only in the earlier one. */
export interface DiffPart {
  kind: 'equal' | 'added' | 'removed';
  text: string;
}

/** The two wordings compared and what changed between them. */
export interface VersionDiff {
  from: { validFrom: string; introducedBy: string | null };
  to: { validFrom: string; introducedBy: string | null };
  parts: DiffPart[];
}

/** What a version needs to be compared: its wording (null once abrogated) and provenance. */
export interface DiffableVersion {
  validFrom: string;
  body: string | null;
  introducedBy: string | null;
}

/** Word-level diff from version `a` to version `b`; an abrogated wording compares as empty. */
export function diffVersions(a: DiffableVersion, b: DiffableVersion): VersionDiff {
  const parts = diffWordsWithSpace(a.body ?? '', b.body ?? '').map(
    (c): DiffPart => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'equal', text: c.value }),
  );
  return {
    from: { validFrom: a.validFrom, introducedBy: a.introducedBy },
    to: { validFrom: b.validFrom, introducedBy: b.introducedBy },
    parts,
  };
}

/** A diff as text: `[-removed-]` and `{+added+}`, as `git diff --word-diff` prints it. */
export function formatDiff(diff: VersionDiff): string {
  return diff.parts
    .map((p) => (p.kind === 'added' ? `{+${p.text}+}` : p.kind === 'removed' ? `[-${p.text}-]` : p.text))
    .join('');
}
