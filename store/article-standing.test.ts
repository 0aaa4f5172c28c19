import { describe, expect, it } from 'vitest';
import { formatLegalDate, noteScope, standingLabel, standingOn } from './article-standing.js';
import type { ArticleVersionRecord } from './search-store.js';

/** Article 5 of the 1958 dahir: printed, amended in 1973, abrogated in 2002. */
const version = (validFrom: string, validTo: string | null, body: string | null, by: string | null) =>
  ({
    textId: 'dahir-1-58-376',
    article: '5',
    language: 'fr',
    validFrom,
    validTo,
    body,
    introducedBy: by,
    introducedByArticle: by && '1',
  }) satisfies ArticleVersionRecord;
const versions = [
  version('1958-11-27', '1973-04-10', 'Dans un délai de trois mois.', null),
  version('1973-04-10', '2002-07-23', 'Dans un délai de six mois.', 'dahir-1-73-283'),
  version('2002-07-23', null, null, 'loi-75-00'),
];

describe('standingOn', () => {
  it('reads the wording in force, the last one once abrogated, the first one before it applies', () => {
    expect(standingOn(versions, '1980-01-01')).toMatchObject({ status: 'in-force', shown: versions[1] });
    expect(standingOn(versions, '1973-04-10')?.shown).toBe(versions[1]);
    expect(standingOn(versions, '2010-01-01')).toEqual({
      status: 'abrogated',
      shown: versions[1],
      abrogation: versions[2],
    });
    expect(standingOn(versions, '1950-01-01')).toMatchObject({
      status: 'not-yet-in-force',
      shown: versions[0],
    });
    expect(standingOn([], '2010-01-01')).toBeNull();
  });
});

describe('standingLabel', () => {
  const base = {
    at: '2010-01-01',
    validFrom: '1973-04-10',
    introducedBy: 'dahir-1-73-283',
    introducedByTitle: 'Dahir portant loi n° 1-73-283 du 6 rebia I 1393 (10 avril 1973) modifiant le dahir',
    abrogatedBy: null,
    abrogatedOn: null,
  };
  it('names the amending text by its title cut after its number, in the language asked', () => {
    const amended = { ...base, status: 'in-force', wording: 'amended' } as const;
    expect(standingLabel(amended, 'fr')).toBe(
      'version en vigueur depuis le 10 avril 1973 (Dahir portant loi n° 1-73-283)',
    );
    expect(standingLabel(amended, 'ar')).toMatch(
      /^الصيغة السارية منذ 10 أبريل 1973 \(Dahir portant loi n° 1-73-283\)$/,
    );
    const gone = {
      ...base,
      status: 'abrogated',
      wording: 'amended',
      abrogatedBy: { id: 'loi-75-00', title: null },
      abrogatedOn: '2002-07-23',
    } as const;
    expect(standingLabel(gone, 'fr')).toBe('abrogé depuis le 23 juillet 2002 (loi-75-00)');
    const original = { ...base, status: 'in-force', wording: 'original', validFrom: null } as const;
    expect(standingLabel(original, 'fr')).toBe('rédaction d’origine');
  });
});

describe('formatLegalDate', () => {
  it('writes days as French and Arabic law print them, the first of a month `1er` in French', () => {
    expect(formatLegalDate('2003-01-01', 'fr')).toBe('1er janvier 2003');
    expect(formatLegalDate('2009-02-18', 'fr')).toBe('18 février 2009');
    expect(formatLegalDate('2011-07-01', 'fr')).toBe('1er juillet 2011');
    expect(formatLegalDate('2003-01-01', 'ar')).toBe('1 يناير 2003');
    expect(formatLegalDate('2003-13-01', 'fr')).toBe('2003-13-01');
  });
});

describe('noteScope', () => {
  it('says which alinéas and items a change was on, nothing for a whole article', () => {
    expect(noteScope({}, 'fr')).toBe('');
    expect(noteScope({ paragraphs: [2] }, 'fr')).toBe('alinéa 2');
    expect(noteScope({ paragraphs: [2, 3, 5] }, 'fr')).toBe('alinéas 2, 3 et 5');
    expect(noteScope({ paragraphs: [1], items: ['3°'] }, 'fr')).toBe('alinéa 1, 3°');
    expect(noteScope({ paragraphs: [2, 4] }, 'ar')).toBe('الفقرات 2 و4');
  });
});
