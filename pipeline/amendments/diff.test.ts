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

  it('compares Arabic word by word, not letter by letter', () => {
    const diff = diffVersions(
      {
        validFrom: '1958-11-27',
        body: 'يجب التصريح داخل أجل ثلاثة أشهر عن كل مؤرخ.',
        introducedBy: null,
        language: 'ar',
      },
      {
        validFrom: '2002-07-23',
        body: 'يجب التصريح داخل أجل ستة أشهر عن كل مؤرخ.',
        introducedBy: 'loi-75-00',
        language: 'ar',
      },
    );
    expect(diff.parts.filter((p) => p.kind !== 'equal')).toEqual([
      { kind: 'removed', text: 'ثلاثة' },
      { kind: 'added', text: 'ستة' },
    ]);
    expect(diff.mode).toBe('words');
  });

  it('aligns the changes by alinéa: an alinéa left alone is one equal part, one line each', () => {
    const first = 'Sont soumis à déclaration :';
    const diff = diffVersions(
      { ...before, body: `${first} 1° les associations ; 2° les sociétés de trois associés.` },
      { ...after, body: `${first} 1° les associations ; 2° les sociétés de six associés.` },
    );
    expect(diff.paragraphs).toHaveLength(3);
    expect(diff.paragraphs[0]).toEqual([{ kind: 'equal', text: first }]);
    expect(formatDiff(diff).split('\n')).toEqual([
      first,
      '1° les associations ;',
      '2° les sociétés de [-trois-]{+six+} associés.',
    ]);
  });

  it('gives an article rewritten for the most part as its two wordings side by side', () => {
    const rewritten = {
      ...after,
      body: 'Le ministre chargé des finances fixe par arrêté les modalités de la déclaration.',
    };
    const diff = diffVersions(before, rewritten);
    expect(diff.mode).toBe('side-by-side');
    expect(diff.before).toEqual([before.body]);
    expect(diff.after).toEqual([rewritten.body]);
    expect(formatDiff(diff)).toBe(
      `--- before (1958-11-27)\n${before.body}\n+++ after (2002-07-23)\n${rewritten.body}`,
    );
    // The word parts are still there for whoever wants them.
    expect(wordingWithout(diff, 'added')).toBe(before.body);
  });
});
