/** The collection's coverage computed from bulletins held, and catalogues read from CSV and JSON. */
import { describe, expect, it } from 'vitest';
import type { Bulletin } from '../pipeline/model.js';
import { CatalogueError, computeCoverage, type HeldIssue, parseCatalogue } from './collection-coverage.js';

function held(
  id: string,
  date: string | null,
  pages: [number, number] | null,
  texts = 2,
  warnings: string[] = [],
): HeldIssue {
  const [, edition, number, suffix] = /^bo-(fr|ar)-([^-]+)(?:-(.+))?$/.exec(id)!;
  const bulletin: Bulletin = {
    id,
    edition: edition as 'fr' | 'ar',
    number: number!,
    ...(suffix ? { suffix } : {}),
    date,
    hijriDate: null,
    firstPage: pages?.[0] ?? null,
    lastPage: pages?.[1] ?? null,
    pageCount: pages ? pages[1] - pages[0] + 1 : 4,
    sourceSha256: id,
  };
  return { bulletin, texts, warnings };
}

const archive = [
  held('bo-ar-5700', '2009-01-05', [1, 20]),
  held('bo-ar-5701', '2009-01-08', [21, 40]),
  held('bo-ar-5704', '2009-01-19', [71, 90], 3),
  held('bo-ar-5704-bis', '2009-01-20', [91, 94], 1),
  held('bo-ar-5800', '2010-01-04', [5, 30]),
  held('bo-fr-5714', null, null, 1, ['bo-fr-5714: masthead read with low confidence']),
  held('bo-fr-unidentified-1a2b3c4d', null, [200, 203], 0),
];

describe('computeCoverage', () => {
  const coverage = computeCoverage(archive);
  const arabic = coverage.editions.find((e) => e.edition === 'ar')!;

  it('counts issues, pages and texts per edition and year', () => {
    expect(arabic).toMatchObject({ issues: 5, texts: 10, numbers: { from: 5700, to: 5800 } });
    expect(arabic.years.map((y) => [y.year, y.issues.length, y.texts])).toEqual([
      [2009, 4, 8],
      [2010, 1, 2],
    ]);
    expect(arabic.years[0]!.issues[3]).toMatchObject({ id: 'bo-ar-5704-bis', suffix: 'bis', firstPage: 91 });
  });

  it('lists the numbers missing from the continuous numbering, a bis issue counting for nothing', () => {
    expect(arabic.missingNumbers).toEqual([
      { from: 5702, to: 5703, count: 2 },
      { from: 5705, to: 5799, count: 95 },
    ]);
  });

  it('lists the printed pages of a year no held issue covers', () => {
    expect(arabic.years.map((y) => y.missingPages)).toEqual([[{ from: 41, to: 70 }], [{ from: 1, to: 4 }]]);
  });

  it('flags issues to check, undated ones apart from the years', () => {
    const french = coverage.editions.find((e) => e.edition === 'fr')!;
    expect(french.years.map((y) => y.year)).toEqual([null]);
    expect(french.numbers).toEqual({ from: 5714, to: 5714 });
    expect(coverage.flagged.map((f) => f.bulletin)).toEqual(['bo-fr-5714', 'bo-fr-unidentified-1a2b3c4d']);
    expect(coverage.flagged[0]!.reasons).toEqual([
      'no publication date read',
      'no printed page numbers read',
      'bo-fr-5714: masthead read with low confidence',
    ]);
    expect(coverage.flagged[1]!.reasons[0]).toMatch(/unidentified/);
  });

  it('compares with a catalogue: what is missing, what it does not list', () => {
    const catalogue = parseCatalogue('edition,number,suffix\nar,5700\nar,5701\nar,5702\nar,5704,bis\n');
    const compared = computeCoverage(archive, { edition: 'ar', catalogue });
    expect(compared.catalogue).toEqual({
      expected: 4,
      missing: [{ edition: 'ar', number: '5702', id: 'bo-ar-5702' }],
      unexpected: ['bo-ar-5704', 'bo-ar-5800'],
    });
    expect(compared.editions.map((e) => e.edition)).toEqual(['ar']);
  });
});

describe('parseCatalogue', () => {
  it('reads JSON issues or ids, and CSV by its header', () => {
    expect(parseCatalogue('["bo-fr-6280", {"edition": "ar", "number": "2404", "suffix": "bis"}]')).toEqual([
      { edition: 'fr', number: '6280' },
      { edition: 'ar', number: '2404', suffix: 'bis' },
    ]);
    expect(parseCatalogue('Number;Edition;Date\n6280;fr;2014-08-07')).toEqual([
      { edition: 'fr', number: '6280', date: '2014-08-07' },
    ]);
    expect(parseCatalogue('id\nbo-ar-7000\n')).toEqual([{ edition: 'ar', number: '7000' }]);
  });

  it('names the entry that is no issue', () => {
    expect(() => parseCatalogue('["bo-fr-6280", "loi-09-08"]')).toThrow(/entry 2 .*loi-09-08/);
    expect(() => parseCatalogue('edition,number\nfr,62a')).toThrow(CatalogueError);
    expect(() => parseCatalogue('title\nx')).toThrow(/header/);
  });
});
