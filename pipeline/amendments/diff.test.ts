import { describe, expect, it } from 'vitest';
import { diffVersions, formatDiff } from './diff.js';

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
    expect(
      diff.parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before.body);
    expect(
      diff.parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after.body);
    expect(formatDiff(diff)).toBe('Déclaration dans un délai de [-trois-]{+six+} mois.');
    expect(diff.to).toEqual({ validFrom: '2002-07-23', introducedBy: 'loi-75-00' });
  });

  it('compares an abrogated wording as empty', () => {
    const diff = diffVersions(after, { validFrom: '2010-01-01', body: null, introducedBy: 'loi-1-10' });
    expect(diff.parts).toEqual([{ kind: 'removed', text: after.body }]);
  });
});
