import { describe, expect, it } from 'vitest';
import { readFirstPageMastheadAr, readReversedMastheadDate, readRunningHeaderAr } from './masthead-ar.js';

const page = (...texts: string[]) =>
  ({ header: [], lines: texts.map((text) => ({ text })) }) as unknown as Parameters<
    typeof readFirstPageMastheadAr
  >[0];

/**
 * Arabic-edition covers whose text layer was extracted in reverse, letter by letter, the
 * figures scattered: real copies of bo-pages (065, 074, 075), as the pipeline read them.
 */
describe('the date of an Arabic cover extracted in reverse', () => {
  it.each([
    // 074: 2 محرم 1445 (20 يوليوز 2023).
    ['2مرحم 2حم (2( 2لوي ((20 (20 السنة الثانية عشرة بعد املائة -عدد 7214', '2023-07-20'],
    // 075 as OCR read its raster, the Hijri day's figures moved: 18 ذو الحجة 1443 (18 يوليوز 2022).
    ['8 جحلا وذ 318 (18(1لوي ((18 (18 السنة الحادية عشرة بعد املائة -عدد 7109', '2022-07-18'],
    // 065: 22 شعبان 1441 (16 أبريل 2020).
    ['22ابعش 22ش (1( 22ربأ ((16 (16 السنة التاسعة بعد املائة  -عدد 6874', '2020-04-16'],
  ])('%s', (line, iso) => {
    const date = readReversedMastheadDate(line);
    expect(date?.gregorian).toBe(iso);
    expect(date?.confidence).toBeLessThan(1);
    expect(date?.notes.join(' ')).toMatch(/in reverse/);
    expect(readFirstPageMastheadAr(page(line))).toMatchObject({ date: { gregorian: iso } });
  });

  it('reads no date when the Hijri month is not the Gregorian date’s, or a month is not legible', () => {
    // محرم with April: no day of April 2023 falls in moharrem.
    expect(
      readReversedMastheadDate('2مرحم 2حم (2( 2ربأ ((20 (20 السنة الثانية عشرة بعد املائة -عدد 7214'),
    ).toBeNull();
    // The Gregorian month cut to two letters (`يو`: يونيو or يوليوز).
    expect(
      readReversedMastheadDate('2مرحم 2حم (2( 2وي ((20 (20 السنة الثانية عشرة بعد املائة -عدد 7214'),
    ).toBeNull();
    // No year of publication.
    expect(readReversedMastheadDate('2مرحم 2حم (2( 2لوي ((20 (20 عدد 7214')).toBeNull();
  });

  it('leaves a masthead printed the right way round to the date reader', () => {
    const line = 'السنة الثانية عشرة بعد المائة – عدد 7214 – 2 محرم 1445 (20 يوليوز 2023)';
    expect(readFirstPageMastheadAr(page(line))?.date).toMatchObject({
      gregorian: '2023-07-20',
      confidence: 1,
    });
  });
});

describe('a note of the issue set between dashes (bo-pages 090)', () => {
  it('reads the number and date, the closing dash glued to the year as OCR read the scan', () => {
    for (const line of [
      '– الجريدة الرسمية عدد 2395 المؤرخ في 19 شتنبر 1958 –',
      '- الجريدة الرسمية عدد 2395 المؤرخ في 19 شتنبر 1958-',
    ])
      expect(readRunningHeaderAr(line)).toMatchObject({ number: '2395', date: { gregorian: '1958-09-19' } });
  });
});
