import { describe, expect, it } from 'vitest';
import { articles } from '../../test/amendment-builders.js';
import type { AmendmentOperation } from './links.js';
import { computeVersions, type DatedOperation, versionAt, versionHistory } from './versions.js';

const target = { type: 'dahir' as const, number: '1-58-376', date: null };
function dated(
  byTextId: string,
  inForce: string,
  order: number,
  op: Partial<AmendmentOperation>,
): DatedOperation {
  return {
    byTextId,
    inForce,
    order,
    op: { kind: 'amended', byArticle: String(order + 1), target, targetArticle: null, confidence: 1, ...op },
  };
}

describe('computeVersions', () => {
  const versions = computeVersions({
    textId: 'dahir-1-58-376',
    published: '1958-11-27',
    articles: articles(
      ['1', 'Objet du dahir.'],
      ['2', 'Déclaration dans un délai de trois mois.'],
      ['3', 'Récépissé.'],
      ['4', 'Nullité.'],
      ['5', 'Amende.'],
    ),
    operations: [
      // Given out of order: versions follow the dates of entry into force.
      dated('loi-75-00', '2002-07-23', 0, {
        targetArticle: '2',
        substitutions: [{ from: 'trois mois', to: 'six mois' }],
      }),
      dated('loi-75-00', '2002-07-23', 1, {
        kind: 'inserted',
        targetArticle: '4-bis',
        body: 'Comptes annuels.',
      }),
      dated('dahir-1-73-283', '1973-04-10', 0, { targetArticle: '3', body: 'Récépissé daté.' }),
      dated('dahir-1-73-283', '1973-04-10', 1, { kind: 'abrogated', targetArticle: '5' }),
      dated('loi-75-00', '2002-07-23', 2, {
        kind: 'completed',
        targetArticle: '3',
        body: 'Copie au parquet.',
      }),
    ],
  });
  const of = (article: string) => versions.filter((v) => v.article === article);

  it('keeps an unamended article as one open version from publication', () => {
    expect(of('1')).toEqual([
      expect.objectContaining({
        validFrom: '1958-11-27',
        validTo: null,
        body: 'Objet du dahir.',
        introducedBy: null,
      }),
    ]);
  });

  it('chains versions of an amended article, each ending where the next begins', () => {
    expect(
      of('3').map((v) => [v.validFrom, v.validTo, v.body, v.introducedBy, v.introducedByArticle]),
    ).toEqual([
      ['1958-11-27', '1973-04-10', 'Récépissé.', null, null],
      ['1973-04-10', '2002-07-23', 'Récépissé daté.', 'dahir-1-73-283', '1'],
      ['2002-07-23', null, 'Récépissé daté. Copie au parquet.', 'loi-75-00', '3'],
    ]);
  });

  it('applies a partial substitution to the previous wording', () => {
    expect(versionAt(of('2'), '2010-01-01')!.body).toBe('Déclaration dans un délai de six mois.');
    expect(versionAt(of('2'), '2002-07-22')!.body).toBe('Déclaration dans un délai de trois mois.');
  });

  it('ends the last version at an abrogation and starts an inserted article its own list', () => {
    expect(of('5').map((v) => [v.validFrom, v.validTo, v.body, v.cause])).toEqual([
      ['1958-11-27', '1973-04-10', 'Amende.', 'published'],
      ['1973-04-10', null, null, 'abrogated'],
    ]);
    expect(of('4-bis')).toEqual([
      expect.objectContaining({ validFrom: '2002-07-23', body: 'Comptes annuels.', cause: 'inserted' }),
    ]);
    expect(versionAt(of('4-bis'), '2000-01-01')).toBeNull();
  });

  it('lists articles in printed order, an inserted one after the article it follows', () => {
    expect([...new Set(versions.map((v) => v.article))]).toEqual(['1', '2', '3', '4', '4-bis', '5']);
  });

  it('ends every article when the whole text is abrogated, and renumbers', () => {
    const whole = computeVersions({
      textId: 'decret-2-73-12',
      published: '1973-05-01',
      articles: articles(['1', 'Un.'], ['2', 'Deux.']),
      operations: [
        dated('loi-1-80', '1980-01-01', 0, { kind: 'renumbered', targetArticle: '2', newNumber: '3' }),
        dated('loi-2-90', '1990-01-01', 0, { kind: 'abrogated', targetArticle: null }),
      ],
    });
    expect(whole.filter((v) => v.validFrom === '1990-01-01').map((v) => [v.article, v.body])).toEqual([
      ['1', null],
      ['3', null],
    ]);
    expect(
      versionAt(
        whole.filter((v) => v.article === '3'),
        '1985-01-01',
      )!.body,
    ).toBe('Deux.');
  });
});

describe('versionHistory: alinéas and items', () => {
  const paragraphs = [
    'Sont soumises à déclaration :',
    '1° les associations ;',
    '2° les coopératives ;',
    '3° les fondations.',
    'La déclaration est déposée par écrit dans un délai de trois mois.',
  ];
  const history = (...operations: DatedOperation[]) =>
    versionHistory({
      textId: 'loi-17-95',
      published: '1996-10-17',
      articles: [{ number: '5', body: paragraphs.join(' '), paragraphs }],
      operations,
    });
  const bodies = (h: ReturnType<typeof history>) => h.versions.map((v) => [v.validFrom, v.body, v.cause]);

  it('replaces, abrogates and substitutes within the alinéa or item named, the others untouched', () => {
    const h = history(
      dated('loi-20-05', '2008-05-23', 0, {
        kind: 'replaced',
        targetArticle: '5',
        paragraph: 5,
        body: 'La déclaration est déposée dans un délai de six mois.',
      }),
      dated('loi-78-12', '2015-01-01', 0, { kind: 'abrogated', targetArticle: '5', item: '2°' }),
      dated('loi-78-12', '2015-01-01', 1, {
        targetArticle: '5',
        paragraph: 1,
        substitutions: [{ from: 'à déclaration', to: 'à une déclaration préalable' }],
      }),
      dated('loi-5-21', '2021-03-01', 0, {
        kind: 'completed',
        targetArticle: '5',
        body: '4° les mutuelles.',
      }),
    );
    expect(bodies(h)).toEqual([
      ['1996-10-17', paragraphs.join(' '), 'published'],
      [
        '2008-05-23',
        'Sont soumises à déclaration : 1° les associations ; 2° les coopératives ; 3° les fondations. La déclaration est déposée dans un délai de six mois.',
        'replaced',
      ],
      [
        '2015-01-01',
        'Sont soumises à une déclaration préalable : 1° les associations ; 3° les fondations. La déclaration est déposée dans un délai de six mois.',
        'amended',
      ],
      [
        '2021-03-01',
        'Sont soumises à une déclaration préalable : 1° les associations ; 3° les fondations. La déclaration est déposée dans un délai de six mois. 4° les mutuelles.',
        'completed',
      ],
    ]);
    expect(h.unapplied).toEqual([]);
  });

  it('finds the last alinéa whichever its number', () => {
    const h = history(
      dated('loi-20-05', '2008-05-23', 0, {
        kind: 'replaced',
        targetArticle: '5',
        lastParagraph: true,
        body: 'La déclaration est déposée dans un délai de six mois.',
      }),
    );
    expect(h.versions.at(-1)?.body).toBe(
      'Sont soumises à déclaration : 1° les associations ; 2° les coopératives ; 3° les fondations. La déclaration est déposée dans un délai de six mois.',
    );
    expect(h.unapplied).toEqual([]);
  });

  it('deletes words without leaving a double space', () => {
    const h = history(
      dated('loi-20-05', '2008-05-23', 0, {
        targetArticle: '5',
        substitutions: [{ from: 'par écrit', to: '' }],
      }),
    );
    expect(h.versions.at(-1)!.body).toBe(
      'Sont soumises à déclaration : 1° les associations ; 2° les coopératives ; 3° les fondations. La déclaration est déposée dans un délai de trois mois.',
    );
  });

  it('invents no version for an alinéa, an item or words the wording does not hold, and says why', () => {
    const h = history(
      dated('loi-20-05', '2008-05-23', 0, { kind: 'abrogated', targetArticle: '5', paragraph: 7 }),
      dated('loi-20-05', '2008-05-23', 1, { kind: 'abrogated', targetArticle: '5', item: '4°' }),
      dated('loi-20-05', '2008-05-23', 2, {
        targetArticle: '5',
        paragraph: 2,
        substitutions: [{ from: 'trois mois', to: 'six mois' }],
      }),
      dated('loi-20-05', '2008-05-23', 3, {
        targetArticle: '5',
        substitutions: [{ from: 'quinze jours', to: 'un mois' }],
      }),
    );
    expect(bodies(h)).toEqual([['1996-10-17', paragraphs.join(' '), 'published']]);
    expect(h.unapplied.map((u) => [u.article, u.op.byArticle, u.reason])).toEqual([
      ['5', '1', 'paragraph-not-found'],
      ['5', '2', 'paragraph-not-found'],
      ['5', '3', 'words-not-found'],
      ['5', '4', 'words-not-found'],
    ]);
  });

  it('cuts new wording into the alinéas it was quoted in, for a later change to one of them', () => {
    const h = history(
      dated('loi-20-05', '2008-05-23', 0, {
        kind: 'amended',
        targetArticle: '5',
        body: 'Sont soumises à déclaration les associations. La déclaration est écrite.',
        paragraphs: ['Sont soumises à déclaration les associations.', 'La déclaration est écrite.'],
      }),
      dated('loi-78-12', '2015-01-01', 0, { kind: 'abrogated', targetArticle: '5', paragraph: 2 }),
    );
    expect(h.versions.at(-1)!.body).toBe('Sont soumises à déclaration les associations.');
    expect(h.unapplied).toEqual([]);
  });

  it('places no alinéa-level change in an article whose alinéas were never read', () => {
    const h = versionHistory({
      textId: 'loi-17-95',
      published: '1996-10-17',
      articles: [{ number: '5', body: paragraphs.join(' ') }],
      operations: [
        dated('loi-20-05', '2008-05-23', 0, { kind: 'abrogated', targetArticle: '5', item: '3°' }),
      ],
    });
    expect(h.versions.map((v) => v.cause)).toEqual(['published']);
    expect(h.unapplied.map((u) => u.reason)).toEqual(['paragraph-not-found']);
  });
});
