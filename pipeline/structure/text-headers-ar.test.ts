import { describe, expect, it } from 'vitest';
import { headerId } from './text-headers.js';
import { isUnmistakableHeaderAr, parseTextHeaderAr } from './text-headers-ar.js';

describe('parseTextHeaderAr: the types only some issues carry', () => {
  it('reads a dahir portant loi, whose id is in the dahirs’ series', () => {
    const header = parseTextHeaderAr(
      'ظهير شريف بمثابة قانون رقم 1.73.283 صادر في 6 ربيع الأول 1393 (10 أبريل 1973) يتعلق بالتعاونيات.',
    );
    expect(header).toMatchObject({ type: 'dahir-portant-loi', number: '1-73-283', signedOn: '1973-04-10' });
    expect(headerId(header!)).toBe('dahir-1-73-283');
  });

  it('gives a décision without a number the fallback id of its date and title', () => {
    const title = 'مقرر لوزير الصحة صادر في 3 ربيع الأول 1434 (15 يناير 2013) بتحديد لائحة الأدوية الأساسية.';
    const header = parseTextHeaderAr(title);
    expect(header).toMatchObject({ type: 'decision', number: null, signedOn: '2013-01-15' });
    expect(headerId(header!)).toMatch(/^decision-2013-01-15-[0-9a-f]{8}$/);
    // The same title without its final period is the same text.
    expect(headerId(parseTextHeaderAr(title.slice(0, -1))!)).toBe(headerId(header!));
  });

  it('reads a rectificatif: the issue it corrects is no number of its own, its date is that issue’s', () => {
    const header = parseTextHeaderAr(
      'استدراك خطأ مادي وقع في الجريدة الرسمية عدد 6139 الصادرة في 4 جمادى الآخرة 1434 (15 أبريل 2013).',
    );
    expect(header).toMatchObject({ type: 'rectificatif', number: null, signedOn: '2013-04-15' });
  });
});

describe('parseTextHeaderAr: what OCR does to Arabic-edition scans (issue 22)', () => {
  it('reads a date whose column rule OCR read as `|`', () => {
    const header = parseTextHeaderAr(
      'مرسوم رقم 2.22.431 صادر في 21 من ربيع الآخر 1444 (16 نوفمبر | 2022) بتطبيق القانون رقم 15.18.',
    );
    expect(header).toMatchObject({ type: 'decret', number: '2-22-431', signedOn: '2022-11-16' });
    expect(header!.notes).toEqual([]);
  });

  it('reads a number and a day a copy glued to the next word (real copy 089: `1.02.239صادر`, `25من`)', () => {
    expect(
      parseTextHeaderAr(
        'ظهير شريف رقم 1.02.239صادر في 25من رجب 1423 (3 أكتوبر 2002) بتنفيذ القانون رقم 37.99',
      ),
    ).toMatchObject({ number: '1-02-239', signedOn: '2002-10-03', hijriDate: '25 رجب 1423' });
  });

  it('reads a number whose dots OCR read as other marks (seeds 8101, 8103: `29_53`, `2.15:629`)', () => {
    for (const [mark, number] of [
      ['2_15_629', '2-15-629'],
      ['2.15:629', '2-15-629'],
      ['2,15.629', '2-15-629'],
      ['2٫15٫629', '2-15-629'],
    ])
      expect(
        parseTextHeaderAr(`مرسوم رقم ${mark} صادر في 21 من ربيع الآخر 1444 (16 نوفمبر 2022)`),
      ).toMatchObject({ number });
    // A comma closing the number is the sentence's, not the number's, even before figures.
    expect(
      parseTextHeaderAr('قانون رقم 15.18، صادر في 21 من ربيع الآخر 1444 (16 نوفمبر 2022)'),
    ).toMatchObject({
      number: '15-18',
    });
    expect(
      parseTextHeaderAr('قانون رقم 15.18، 16.18 صادر في 21 من ربيع الآخر 1444 (16 نوفمبر 2022)'),
    ).toMatchObject({ number: '15-18' });
  });

  it('flags a signing date it cannot read instead of dropping it silently', () => {
    const header = parseTextHeaderAr(
      'مرسوم رقم 2.22.431 صادر في 2ا من ربيـ الآ 14 (ا نو 20) بتطبيق القانون رقم 15.18.',
    );
    expect(header).toMatchObject({ number: '2-22-431', signedOn: null });
    expect(header!.notes.join()).toMatch(/signing date not read/);
    expect(header!.confidence).toBeLessThanOrEqual(0.5);
  });

  it('ends a title where the text’s first heading begins, not at a heading it cites', () => {
    const family = parseTextHeaderAr('قانون رقم 70.03 بمثابة مدونة الأسرة باب تمهيدي أحكام عامة');
    expect(family!.title).toBe('قانون رقم 70.03 بمثابة مدونة الأسرة');
    for (const title of [
      'مرسوم رقم 2.04.88 بتطبيق المادة الأولى من القانون رقم 65.99 المتعلق بمدونة الشغل',
      'قانون رقم 12.02 بتغيير المادة الأولى والثانية من الظهير الشريف رقم 1.58.376',
    ])
      expect(parseTextHeaderAr(title)!.title).toBe(title);
  });
});

describe('parseTextHeaderAr: the constitutional court and the Protectorate', () => {
  it('reads a decision of the constitutional court by the mark after its number', () => {
    const line = 'قرار رقم: 117/21 م.د';
    expect(parseTextHeaderAr(line)).toMatchObject({ type: 'decision', number: '117-21' });
    // Its own heading, even after a line that closes nothing (`ملف عدد: 070/21`).
    expect(isUnmistakableHeaderAr(line)).toBe(true);
    expect(isUnmistakableHeaderAr('قرار وزير المالية المذكور أعلاه')).toBe(false);
  });

  it('reads a dahir of the Protectorate: `ظهير` alone, its year after عام, its twin after موافق', () => {
    const line = 'ظهير 13 شعبان عام 1350 موافق 29 دجنبر 1931';
    expect(parseTextHeaderAr(line)).toMatchObject({
      type: 'dahir',
      number: null,
      hijriDate: '13 شعبان 1350',
    });
    expect(isUnmistakableHeaderAr(line)).toBe(true);
  });
});
