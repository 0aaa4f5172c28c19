import { describe, expect, it } from 'vitest';
import { diffVersions, formatDiff } from './diff.js';

/** The wording a diff's parts spell once the `left` parts are left out: one side of the diff. */
function wordingWithout(diff: ReturnType<typeof diffVersions>, left: 'added' | 'removed'): string {
  return diff.parts
    .filter((p) => p.kind !== left)
    .map((p) => p.text)
    .join('');
}

describe('diffVersions', () => {
  const before = {
    validFrom: '1958-11-27',
    body: 'Déclaration dans un délai de trois mois.',
    introducedBy: null,
  };
  const after = {
    validFrom: '2002-07-23',
    body: 'Déclaration dans un délai de six mois.',
    introducedBy: 'loi-75-00',
  };

  it('marks the words a substitution changed, the rest equal', () => {
    const diff = diffVersions(before, after);
    expect(diff.parts.filter((p) => p.kind !== 'equal')).toEqual([
      { kind: 'removed', text: 'trois' },
      { kind: 'added', text: 'six' },
    ]);
    expect(wordingWithout(diff, 'added')).toBe(before.body);
    expect(wordingWithout(diff, 'removed')).toBe(after.body);
    expect(formatDiff(diff)).toBe('Déclaration dans un délai de [-trois-]{+six+} mois.');
    expect(diff.to).toEqual({ validFrom: '2002-07-23', introducedBy: 'loi-75-00' });
  });

  it('compares an abrogated wording as empty', () => {
    const diff = diffVersions(after, { validFrom: '2010-01-01', body: null, introducedBy: 'loi-1-10' });
    expect(diff.parts).toEqual([{ kind: 'removed', text: after.body }]);
  });
});
