import { describe, expect, it } from 'vitest';
import { formatHijriFr, fromHijri, toHijri } from './calendars.js';
import { parseArabicDate, parseFrenchDate } from './dates.js';

describe('fromHijri / toHijri', () => {
  it('round-trips through Umm al-Qura', () => {
    for (const iso of ['1958-11-15', '2009-02-18', '2014-08-07', '2025-03-01']) {
      expect(fromHijri(toHijri(iso))).toBe(iso);
    }
    expect(formatHijriFr('1958-11-15')).toBe('4 joumada I 1378');
  });
});

describe('parseFrenchDate', () => {
  it.each([
    ['du 3 joumada I 1378 (15 novembre 1958) réglementant', '3 joumada I 1378', '1958-11-15'],
    ['le 1er rabii II 1424 (2 juin 2003)', '1er rabii II 1424', '2003-06-02'],
    ['N° 5670 – 2 chaoual 1429 (2-10-2008) 689', '2 chaoual 1429', '2008-10-02'],
    ['22 Safar 1430 (18 février 2009)', '22 Safar 1430', '2009-02-18'],
    ['17 Joumada I 1429 (23 mai 2008)', '17 Joumada I 1429', '2008-05-23'],
    ['10 chaoual 1435 (7 août 2014)', '10 chaoual 1435', '2014-08-07'],
  ])('%s', (text, hijri, gregorian) => {
    const d = parseFrenchDate(text)!;
    expect({ hijri: d.hijriText, gregorian: d.gregorian, confidence: d.confidence }).toEqual({
      hijri,
      gregorian,
      confidence: 1,
    });
  });

  it('returns the span of the date, closing parenthesis included', () => {
    const s = 'Dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant';
    const d = parseFrenchDate(s)!;
    expect(s.slice(d.start, d.end)).toBe('3 joumada I 1378 (15 novembre 1958)');
  });

  it('reads a first of the month whose ordinal a copy set apart (`1 er mai 1974`, `1 er moharrem 1421`)', () => {
    expect(parseFrenchDate('B.O.R.M. (3209) 1 er mai 1974, 738-739')).toMatchObject({
      gregorian: '1974-05-01',
    });
    expect(
      parseFrenchDate('publié au B.O n 4784 du 1 er moharrem 1421 (6 avril 2000), page 219'),
    ).toMatchObject({
      hijriText: '1er moharrem 1421',
      gregorian: '2000-04-06',
    });
  });

  it('reads a Gregorian date alone', () => {
    expect(parseFrenchDate('réuni le 14 mai 2009,')).toMatchObject({ hijri: null, gregorian: '2009-05-14' });
  });

  it.each([
    [
      '(II novembre 2003) with a Hijri date agreeing',
      '16 ramadan 1424 (II novembre 2003)',
      '16 ramadan 1424',
      '2003-11-11',
    ],
    ['rabii /I', '18 rabii /I 1424 (19 juin 2003)', '18 rabii II 1424', '2003-06-19'],
    ['joumada IT', '10 joumada IT 1424 (9 août 2003)', '10 joumada II 1424', '2003-08-09'],
    ['month names with OCR noise', '22 safar l430 (18 fevrler 2009)', '22 safar 1430', '2009-02-18'],
    ['the source typo 4 rejeb 1929', '4 rejeb 1929 (7 juillet 2008)', '4 rejeb 1429', '2008-07-07'],
    ['an ordinal misread by OCR', '18 rabii l 1424 (19 juin 2003)', '18 rabii II 1424', '2003-06-19'],
    ['a misread Gregorian digit', '22 safar 1430 (18 février 2006)', '22 safar 1430', '2009-02-18'],
    [
      'a misread Hijri day, to the nearest agreeing',
      '28 safar 1430 (18 février 2009)',
      '23 safar 1430',
      '2009-02-18',
    ],
    ['a Gregorian month misread', '18 rabii II 1424 (19 juln 2OO3)', '18 rabii II 1424', '2003-06-19'],
  ])('repairs %s', (_, text, hijri, gregorian) => {
    const d = parseFrenchDate(text)!;
    expect({ hijri: d.hijriText, gregorian: d.gregorian }).toEqual({ hijri, gregorian });
    expect(d.confidence).toBeLessThan(1);
  });

  it('keeps both dates as printed within the ±2 days Morocco sights the moon', () => {
    // Umm al-Qura puts 18 February 2009 on 23 safar; the BO printed 22.
    const d = parseFrenchDate('22 safar 1430 (18 février 2009)')!;
    expect(d).toMatchObject({
      hijriText: '22 safar 1430',
      gregorian: '2009-02-18',
      confidence: 1,
      notes: [],
    });
  });

  it('repairs neither side when both could be and both were read cleanly', () => {
    const d = parseFrenchDate('18 rabii I 1424 (19 juin 2003)')!;
    expect(d).toMatchObject({ hijriText: '18 rabii I 1424', gregorian: '2003-06-19', confidence: 0.4 });
  });

  it('reports dates that disagree beyond repair', () => {
    const d = parseFrenchDate('22 safar 1430 (3 mars 2011)')!;
    expect(d.confidence).toBeLessThanOrEqual(0.4);
    expect(d.notes[0]).toMatch(/disagree/);
  });

  it('computes the Gregorian date of a Hijri date printed alone, with lower confidence', () => {
    const d = parseFrenchDate('le 22 safar 1430, à Fès')!;
    expect(d.gregorian).toBe(fromHijri({ day: 22, month: 2, year: 1430 }));
    expect(d.confidence).toBeLessThan(1);
  });

  it('takes a Gregorian twin whose year OCR lost in the year of the Hijri date', () => {
    const d = parseFrenchDate('du 13 rabii I 1444 (9 octobre 2)) relative')!;
    expect([d.gregorian, d.hijriText]).toEqual(['2022-10-09', '13 rabii I 1444']);
    expect(d.notes).toEqual(['Gregorian year not read: 2022 from the Hijri date']);
    expect(d.confidence).toBeLessThan(1);
  });

  it('repairs the Hijri day by a Gregorian twin whose year OCR lost: its month name is sure', () => {
    // Seen on an Arabic scan: 13 lost its 1 and 2022 its last three digits.
    const d = parseArabicDate('صادر في 3 ربيع الأول 1444 (9 أكتوبر 2)) يتعلق')!;
    expect([d.gregorian, d.hijri]).toEqual(['2022-10-09', { day: 13, month: 3, year: 1444 }]);
    expect(d.notes[0]).toMatch(/^Hijri date 3 ربيع الأول 1444 repaired to agree with 2022-10-09/);
  });

  it('reads a Gregorian twin whose day is set against its month, as the Justice site prints it: `(13ماي 2013)`', () => {
    const d = parseArabicDate('مرسوم رقم 2.12.502 صادر في 2 رجب 1434 (13ماي 2013) بتطبيق')!;
    expect(d.gregorian).toBe('2013-05-13');
    expect(d.confidence).toBe(1);
    expect(d.notes).toEqual([]);
  });

  it('reads a Hijri day OCR set specks before, and repairs the Gregorian year by it', () => {
    // A generated scan's masthead (seed 6262, bo-ar-5123): 2003 read 2005, dots before the day.
    const d = parseArabicDate('عدد 23كين يين د 3 زع ...4 جمادى الأولى 1424 (4 يوليو 2005)')!;
    expect([d.gregorian, d.hijriText]).toEqual(['2003-07-04', '4 جمادى الأولى 1424']);
    expect(d.notes).toEqual([
      'Gregorian date 2005-07-04 repaired to 2003-07-04 to agree with the Hijri date',
    ]);
  });

  it('finds nothing in prose', () => {
    expect(parseFrenchDate('La société anonyme est une société commerciale.')).toBeNull();
  });
});

describe('Hijri and Gregorian read apart, checked against each other (issue 16)', () => {
  it('does not let a Hijri day that lost a digit silently date the issue: `1 safar 1433 (S janvier 2012)`', () => {
    // Seen on a real masthead: the issue is of 5 January 2012; Umm al-Qura puts 1 safar 1433 on 26 December 2011.
    const d = parseFrenchDate('1 safar 1433 (S janvier 2012)')!;
    expect(d.gregorian).toBe('2012-01-05');
    expect(d.notes.join(' ')).toMatch(/repaired to agree with 2012-01-05/);
    expect(d.confidence).toBeLessThan(1);
  });

  it('keeps both readings and flags the date when the twin’s day is lost and its month disagrees', () => {
    const d = parseFrenchDate('1 safar 1433 (? janvier 2012)')!;
    expect(d.gregorian).toBeNull();
    expect(d.conflict).toEqual({ fromHijri: '2011-12-26', printed: '2012-01' });
    expect(d.notes[0]).toMatch(/flagged for an archivist/);
  });

  it('takes the day from the Hijri date, with a note, when the twin’s month and year vouch for it', () => {
    const d = parseFrenchDate('10 safar 1433 (? janvier 2012)')!;
    expect(d.gregorian?.slice(0, 7)).toBe('2012-01');
    expect(d.notes[0]).toMatch(/^Gregorian day not read/);
    expect(d.conflict).toBeUndefined();
  });

  it('repairs neither half when more than one repair fits, and keeps both readings', () => {
    // 8 could be a misread 1, 2, 3 or 4: the Hijri date only says which within Morocco's ±2 days.
    const d = parseFrenchDate('2 chaoual 1429 (8-10-2008)')!;
    expect(d).toMatchObject({
      gregorian: '2008-10-08',
      conflict: { fromHijri: '2008-10-02', printed: '2008-10-08' },
    });
    expect(d.confidence).toBeLessThanOrEqual(0.4);
  });

  it('says when a Gregorian twin was printed but could not be read at all', () => {
    const d = parseFrenchDate('1 safar 1433 (Sj 2?)')!;
    expect(d.notes).toEqual(['Gregorian date printed but not read: computed from the Hijri date']);
  });

  it('reads the Gregorian date of a masthead whose Hijri date OCR broke: `N joumada H 1436 (16 avril 2015)`', () => {
    expect(parseFrenchDate('N joumada H 1436 (16 avril 2015)')).toMatchObject({
      hijri: null,
      gregorian: '2015-04-16',
    });
  });
});

describe('a Gregorian twin whose opening parenthesis OCR lost (issue 16, fifth round)', () => {
  it('checks the twin still: a Hijri day OCR cut is not turned silently into another date', () => {
    // Real copy 038 (adala, BO n° 6158) as OCR read its raster: `26 رجب 1434 (6 يونيو 2013)`
    // became `6رجب 1434 60 يونيو 2013)`. From the Hijri date alone: 2013-05-16, a month early.
    const date = parseArabicDate('الجريدة الرسمية عدد 6158 الصادرة بتاريخ 6رجب 1434 60 يونيو 2013)');
    expect(date?.gregorian).not.toBe('2013-05-16');
    expect(date?.conflict).toBeDefined();
    expect(date?.notes.join(' ')).toMatch(/disagree/);
  });

  it('reads a whole twin with no opening parenthesis as a twin', () => {
    expect(parseArabicDate('صادر في 3 جمادى الأولى 1378 15 نونبر 1958)')).toMatchObject({
      gregorian: '1958-11-15',
      confidence: 1,
    });
    expect(parseFrenchDate('du 3 joumada I 1378 15 novembre 1958)')).toMatchObject({
      gregorian: '1958-11-15',
      confidence: 1,
    });
  });

  it('leaves a later date that is no twin alone', () => {
    // A Hijri date with no twin, then other words and a date of another thing.
    const date = parseFrenchDate('du 3 joumada I 1378 relatif au 15 janvier 1960');
    expect(date?.gregorian).toBe(parseFrenchDate('du 3 joumada I 1378')?.gregorian);
    expect(date?.conflict).toBeUndefined();
    expect(date?.notes).toEqual(['no Gregorian date printed: computed from the Hijri date']);
  });
});

describe('a Gregorian twin whose month OCR left no word of (issue 16, fifth round)', () => {
  it('takes the day and year printed, the month from the Hijri date, with a note', () => {
    // Real copy 061 (BO n° 6388): `(20 août 2015)` read `(20 a t 2015)`; the Hijri date alone gives the 19th.
    const date = parseFrenchDate('Cent-quatriéme année — N° 6388 4 kaada 1436 (20 a t 2015) ISSN');
    expect(date).toMatchObject({ gregorian: '2015-08-20', hijriText: '4 kaada 1436' });
    expect(date?.confidence).toBeLessThan(1);
    expect(date?.notes.join(' ')).toMatch(/month not read/);
  });

  it('keeps both readings when the day printed fits no month beside the Hijri date', () => {
    const date = parseFrenchDate('4 kaada 1436 (5 a t 2015)');
    expect(date?.conflict).toBeDefined();
    expect(date?.gregorian).toBeNull();
  });
});

describe('a year with a dash glued to it (issue 16, fifth round)', () => {
  it('reads the year of a date closed by a dash, and keeps figures with inner dashes whole', () => {
    expect(parseArabicDate('المؤرخ في 19 شتنبر 1958-')?.gregorian).toBe('1958-09-19');
    expect(parseFrenchDate('2 chaoual 1429 (2-10-2008)')?.gregorian).toBe('2008-10-02');
  });
});
