/**
 * Mastheads and running headers of every era, with the strings real copies print and OCR
 * reads (issue 16): number signs, wrapped headers, the Ministry of Justice's headers, years
 * that are no page numbers, dates whose calendars disagree, numbers that contradict the series.
 */
import { describe, expect, it } from 'vitest';
import { readMasthead, readPrintedPage, readRunningHeader } from './masthead.js';
import { readRunningHeaderAr } from './masthead-ar.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';

describe('readRunningHeader', () => {
  it.each([
    ['BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689', '5670', '2008-10-02', 689],
    ['BULLETIN OFFICIEL N® 4068 – 4 rejeb 1410 (1-2-1990) 133', '4068', '1990-02-01', 133],
    ['Bulletin officiel nº 6280 – 10 chaoual 1435 (7-8-2014) 3731', '6280', '2014-08-07', 3731],
    ['BULLETIN OFFICIEL No 5670 – 2 chaoual 1429 (2-10-2008) 689', '5670', '2008-10-02', 689],
    ['BULLETIN OFFICIEL n2 5670 – 2 chaoual 1429 (2-10-2008) 689', '5670', '2008-10-02', 689],
    ['BULLETIN OFFICIEL N 5670 – 2 chaoual 1429 (2-10-2008) 689', '5670', '2008-10-02', 689],
    // The Ministry of Justice's copies of single texts.
    ['Bulletin officiel n° 3220 du 17/07/1974 - Page : 1083', '3220', '1974-07-17', 1083],
    ['Bulletin Officiel n° : 3220 du 17/07/1974 - Page : 1083', '3220', '1974-07-17', 1083],
    ['Bulletin officiel n° 5978 du 16 chaoual 1432 (15-9-2011)', '5978', '2011-09-15', null],
  ])('%s', (line, number, date, page) => {
    const header = readRunningHeader(line)!;
    expect({ number: header.number, date: header.date?.gregorian, page: header.page }).toEqual({
      number,
      date,
      page,
    });
  });

  it('reads the Justice site’s Arabic header: عدد N بتاريخ D الصفحة P', () => {
    const header = readRunningHeaderAr('الجريدة الرسمية عدد 4225 بتاريخ 20/10/1993 الصفحة 2061')!;
    expect({ number: header.number, date: header.date?.gregorian, page: header.page }).toEqual({
      number: '4225',
      date: '1993-10-20',
      page: 2061,
    });
  });

  it('reads a header wrapped over two lines whole: number, date and page from the second line', () => {
    const header = readRunningHeader('BULLETIN OFFICIEL N° 5670 – 2', 'chaoual 1429 (2-10-2008) 689')!;
    expect({
      number: header.number,
      date: header.date?.gregorian,
      page: header.page,
      wrapped: header.wrapped,
    }).toEqual({
      number: '5670',
      date: '2008-10-02',
      page: 689,
      wrapped: true,
    });
    // Alone, its first line gives no page: the figure after the dash is the day of the date.
    expect(readRunningHeader('BULLETIN OFFICIEL N° 5670 – 2')?.page).toBeNull();
    expect(readPrintedPage([{ text: 'BULLETIN OFFICIEL N° 5670 – 2' }], 'chaoual 1429 (2-10-2008) 689')).toBe(
      689,
    );
  });

  it('never takes a year for a page number', () => {
    expect(readRunningHeader('BULLETIN OFFICIEL N° 4430 – 15 jnvr 1996')?.page).toBeNull();
    expect(readRunningHeader('BULLETIN OFFICIEL N° 4430 – 15 (l8-l-l996')?.page).toBeNull();
    expect(
      readRunningHeader('BULLETIN OFFICIEL N° 4430 – 26 chaabane 1416 (18 janvier 1996)')?.page,
    ).toBeNull();
    expect(
      readRunningHeader('1996 BULLETIN OFFICIEL N° 4430 – 26 chaabane 1416 (18 janvier 1996)')?.page,
    ).toBe(1996);
  });
});

describe('readMasthead', () => {
  const masthead = (first: string, fileName = 'scan_0001.pdf', more: string[] = []) =>
    readMasthead(pagesFromText([first, ...more]), { ...recordFor(fileName), sha256: 'c0ffee12'.repeat(8) });

  it('reads `N® 4068` on a masthead', () => {
    const m = masthead('Soixante-dix-neuvième année – N® 4068 4 rejeb 1410 (1er février 1990)\nSOMMAIRE');
    expect([m.number, m.date]).toEqual(['4068', '1990-02-01']);
  });

  it('does not let a Hijri day OCR shortened date the issue in silence', () => {
    const m = masthead('Centième année – N° 6010 1 safar 1433 (S janvier 2012)\nSOMMAIRE');
    expect(m.date).not.toBe('2011-12-26');
    expect(m.date).toBe('2012-01-05');
    expect(m.warnings.join('\n')).toMatch(/issue date: Hijri date 1 safar 1433 repaired/);
  });

  it('flags the date for an archivist when the calendars disagree and nothing settles it', () => {
    const m = masthead('Centième année – N° 6010 1 safar 1433 (? janvier 2012)\nSOMMAIRE');
    expect(m.date).toBeNull();
    expect(m.warnings.join('\n')).toMatch(/1 safar 1433 \(2011-12-26\) \/ 2012-01: flagged for an archivist/);
  });

  it('lets the running headers settle a masthead date whose calendars disagree', () => {
    const m = masthead('Centième année – N° 6010 1 safar 1433 (? janvier 2012)\nSOMMAIRE', 'x.pdf', [
      'BULLETIN OFFICIEL N° 6010 – 10 safar 1433 (5-1-2012) 3\nDécret n° 2-11-1 du …',
    ]);
    expect(m.date).toBe('2012-01-05');
    expect(m.warnings.join('\n')).toMatch(/the running headers settle it: 2012-01-05/);
  });

  it('keeps a copy with no number anywhere as an unidentified issue, with a warning', () => {
    const m = masthead('N joumada H 1436 (16 avril 2015)\nSOMMAIRE', 'bulletin-officiel-fr-2015-04-16.pdf');
    expect(m).toMatchObject({
      edition: 'fr',
      number: 'unidentified',
      suffix: 'c0ffee12',
      date: '2015-04-16',
    });
    expect(m.warnings.join('\n')).toMatch(/unidentified issue, for an archivist/);
  });

  it('takes a number from a BO-shaped file name only, and never from `scan_0001.pdf`', () => {
    expect(masthead('ROYAUME DU MAROC\nSOMMAIRE', 'BO_5670_fr.pdf').number).toBe('5670');
    expect(masthead('ROYAUME DU MAROC\nSOMMAIRE', 'scan_0001.pdf').number).toBe('unidentified');
  });

  it('flags a number and a date that contradict the series', () => {
    const m = masthead('Quatre-vingt-dix-huitième année – N° 2015 16 avril 2015\nSOMMAIRE');
    expect(m.warnings.join('\n')).toMatch(/n° 2015 dated 2015-04-16 contradicts the series/);
    expect(m.confidence).toBeLessThanOrEqual(0.5);
    expect(masthead('Cent-troisième année – N° 6280 10 chaoual 1435 (7 août 2014)').warnings).toEqual([]);
  });
});
