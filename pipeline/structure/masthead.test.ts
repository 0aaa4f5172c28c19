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

  it('reads a header whose title OCR damaged, or lost, when its number and dates are there', () => {
    // Its date cut short: the body merged into the line starts at the group heading.
    const damaged = readRunningHeader(
      'BULLETIN O1 964 bis ~ 28 chaabane I TEXTES GENERAUX Dahir n° 1-11-91 du …',
    )!;
    expect([damaged.number, damaged.suffix, damaged.date, damaged.body]).toEqual([
      '964',
      'bis',
      null,
      'TEXTES GENERAUX Dahir n° 1-11-91 du …',
    ]);
    const untitled = readRunningHeader(
      'N° 5964 is 28 chaabane 1432 (30-7-2011) PREAMBULE Fidèle à son choix',
    )!;
    expect([untitled.number, untitled.date?.gregorian, untitled.body]).toEqual([
      '5964',
      '2011-07-30',
      'PREAMBULE Fidèle à son choix',
    ]);
    const numberFirst = readRunningHeader(
      'N° 5964 bis – 28 chaabane 1432 (30-7-2011) BULLETIN OFFICIEL 3601',
    )!;
    expect([numberFirst.number, numberFirst.suffix, numberFirst.page, numberFirst.body]).toEqual([
      '5964',
      'bis',
      3601,
      undefined,
    ]);
    // A masthead prints no date in figures: it is no untitled header.
    expect(readRunningHeader('N° 6906 16 hija 1441 (6 août 2020)')).toBeNull();
    // The header's date follows its number: a date further in the line is the body's.
    expect(
      readRunningHeader(
        'BULLETIN OFFICIEL N° 5964 TEXTES GENERAUX Dahir du 27 chaabane 1432 (29 juillet 2011)',
      )?.date,
    ).toBeNull();
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

  it('repairs a year OCR misread by the year of publication the masthead counts', () => {
    // `a4` for 24, 1995 for 1953: the 42nd year of a gazette begun in 1912, which n° 2126 fits.
    const misread = masthead('QUARANTE-DEUXIEME ANNEE. — N° 2126 a4 juillet 1995.\nSOMMAIRE');
    expect([misread.number, misread.date]).toEqual(['2126', '1953-07-24']);
    expect(misread.warnings.join('\n')).toMatch(/year 1953 taken from the year of publication/);
    // No year read at all (`1gfo`): the day and month are dated in the year counted.
    expect(masthead('VINGT-NEUVIEME ANNEE. — N° 1431. \\ 29 mars 1gfo.\nSOMMAIRE').date).toBe('1940-03-29');
    // A year the Hijri date vouches for stands, whatever the ordinal reads.
    expect(masthead('Cent-unième année – N° 6010 11 safar 1433 (5 janvier 2012)').date).toBe('2012-01-05');
  });

  it('takes the file name’s number when the pages’ reading lost figures of it and contradicts the series', () => {
    // A generated Arabic scan (seed 6262): `عدد 23كين` for 5123, the year 2003 read 2005.
    const line = 'السنة الثانية والتسعون -عدد 23كين يين د 3 زع ...4 جمادى الأولى 1424 (4 يوليو 2005)';
    const m = masthead(`${line}\nالجريدة الرسمية`, 'bo-ar-5123.pdf');
    expect([m.number, m.date]).toEqual(['5123', '2003-07-04']);
    expect(m.warnings.join('\n')).toMatch(/n° 23 taken as n° 5123, the file name's/);
    // A file name with other figures, or none, supplies nothing: the reading stays, flagged.
    expect(masthead(`${line}\nالجريدة الرسمية`, 'bo-ar-6123.pdf').number).toBe('23');
    expect(masthead(`${line}\nالجريدة الرسمية`).number).toBe('23');
  });

  it('reads a number set on the line after its sign', () => {
    const m = masthead('Cent-neuvième année – N°\n6906 16 hija 1441 (6 août 2020)\nSOMMAIRE');
    expect([m.number, m.date]).toEqual(['6906', '2020-08-06']);
  });

  it('repairs a figure of the number the series says was misread, and reads a 2 OCR took for `a`', () => {
    const m = masthead('Quarante-septième année – N° 9393 5 septembre 1958 - 5 de septiembre de 1958.');
    expect([m.number, m.date]).toEqual(['2393', '1958-09-05']);
    expect(m.warnings.join('\n')).toMatch(/n° 9393 taken as n° 2393/);
    expect(masthead('Cinquante-quatrième année — Ne a7a4 13 janvier 1965').number).toBe('2724');
    // `annéu.` still names the year; the date is the Spanish one further down.
    const damaged = masthead(
      'Cinquanle-quatritme annéu. - Afio LIV, — Ne a7a4\nROYAUME DU MAROC\n13 janvier ghd - 13 de enero de 1965.',
    );
    expect([damaged.number, damaged.date]).toEqual(['2724', '1965-01-13']);
  });

  it('keeps an issue whose number no issue bears unidentified', () => {
    const m = masthead('Quarante-septième année — Ne 32348 23 mai 1958\nSOMMAIRE');
    expect(m.number).toMatch(/^unidentified/);
    expect(m.warnings.join('\n')).toMatch(/n° 32348 is beyond the series/);
  });

  it('counts the pages that lost figures of the number for the fuller reading, with its suffix', () => {
    const m = masthead('BULLETIN O1 964 bis ~ 28 chaabane I TEXTES GENERAUX', 'x.pdf', [
      'N° 5964 is 28 chaabane 1432 (30-7-2011) PREAMBULE',
    ]);
    expect([m.number, m.suffix, m.date]).toEqual(['5964', 'bis', '2011-07-30']);
  });

  it('reads the BO web viewer’s record of an issue', () => {
    const m = masthead('Official bulletin n° 3873\nPublished on January 21, 1987\nTable of content');
    expect([m.number, m.date]).toEqual(['3873', '1987-01-21']);
  });

  it('reads a copy’s abbreviated note of its issue, a two-figure year dated by the series (bo-pages 046, 050)', () => {
    const booklet = masthead(
      '1 Revu et corrigé REFERENCE : B.O n 4432 du 9 rejeb 1417 (21/11/96) Dahir n du 5 rabii II 1417 (21 août 1996 ) portant',
    );
    expect([booklet.number, booklet.date]).toEqual(['4432', '1996-11-21']);
    // An annual review: the note wraps, its year printed in two figures; the later `Vu le dahir` cites no issue.
    const review = masthead(
      `III. - MAROC l. - Les gouvernements marocains en 1972 Le gouvernement en place au début de l'année
1972 est celui des 6 et 11 août 1971. Cf. AAN 1971 : 857-858. a) Nouveau gouvernement. Dahir nO
1-72-102 du 19 safar 1392 (4 avril 1972) mettant fin aux fonctions du Gouvernemnt. B.O.R.M. (3103),
19/4/72 : 638. Notre Majesté Chérifienne, Vu l'article 24 de la Constitution promulguée le 23 moharrem`,
    );
    expect([review.number, review.date]).toEqual(['3103', '1972-04-19']);
    // After a comma, `1 er` with its ordinal set apart.
    expect(
      masthead(
        'sition du gouvernement. B.O.R.M. (3209) 1 er mai 1974, 738-739. Notre Majesté Chérifienne, Vu le dahir n',
      ).date,
    ).toBe('1974-05-01');
    expect(
      masthead(
        '(8 juin 1965) portant constitution du Gouvernement, B.O.R.M. (2852),28-6-67 : 705. LOUANGE A DIEU',
      ),
    ).toMatchObject({ number: '2852', date: '1967-06-28' });
  });

  it('reads the notes of the fifth round’s real copies (bo-pages 077, 078, 081)', () => {
    // A booklet's `B.O N 4800 du 1er juin 2000`, the sign a bare capital N.
    expect(
      masthead('1\n\nB.O N 4800 du 1er juin 2000\n\nDahir n 1-00-199 du 15 safar 1421 (19 mai 2000)'),
    ).toMatchObject({ number: '4800', date: '2000-06-01' });
    // The Justice site's later copies: the day of the week between `du` and the date.
    expect(
      masthead('Bulletin Officiel n° 5480 du Jeudi 7 Décembre 2006\n\nDahir n° 1-06-153 du 30 chaoual 1427'),
    ).toMatchObject({ number: '5480', date: '2006-12-07' });
    // An issue named by its day and month alone, over three lines: 12 is the day, no issue number.
    const byDate = masthead(
      'DAHIR n. 1-58-250 portant Code de la nationalit marocaine (B.O.\n\n12\nsept. 1958, p. 1492).\n\nCHAPITRE I',
    );
    expect(byDate.number).not.toBe('12');
    expect(byDate.date).toBe('1958-09-12');
    expect(byDate.warnings.join('\n')).toMatch(/named by its date alone/);
    // As OCR read the scan: `B.0.` for `B.O.`.
    expect(masthead('Code de la nationalit marocaine (B.0.\n12\nsept. 1958, p. 1492).').date).toBe(
      '1958-09-12',
    );
    // A citation in a sentence is no note of the copy's issue.
    expect(masthead('Vu le dahir publié au B.O. 12 sept. 1958, p. 1492 ;').date).toBeNull();
  });

  it('flags a number and a date that contradict the series', () => {
    const m = masthead('Quatre-vingt-dix-huitième année – N° 2015 16 avril 2015\nSOMMAIRE');
    expect(m.warnings.join('\n')).toMatch(/n° 2015 dated 2015-04-16 contradicts the series/);
    expect(m.confidence).toBeLessThanOrEqual(0.5);
    expect(masthead('Cent-troisième année – N° 6280 10 chaoual 1435 (7 août 2014)').warnings).toEqual([]);
  });
});
