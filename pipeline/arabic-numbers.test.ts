/**
 * The lines below are tesseract's readings of Arabic scan fixtures (seeds 4242, 8080, 4857
 * and 6029, page context, then the same line cut out and read raw), not made-up strings.
 */
import { describe, expect, it } from 'vitest';
import { expectLinesSplit } from '../test/expect-lines.js';
import {
  fitsHeadingSequence,
  hasDamagedNumber,
  headingRereads,
  mergeReread,
  opensDatedHeader,
  rereadRegions,
} from './arabic-numbers.js';
import type { TextLine } from './model.js';

describe('Arabic lines whose numbers lost digits', () => {
  it('flags cut years, numbers starting with 0 and text numbers without their dots', () => {
    expectLinesSplit(
      hasDamagedNumber,
      [
        'الأول 4 (13 يناير 3)) بتحديد شروط استيراد البذور.', // 1434 (13 يناير 2013)
        '013 بتطبيق القانون رقم 77.08 المتعلق بتدبير النفايات والتخلص', // 2013)
        'وحرر بالرباط فى 26 ربيع الأول 4 7 فبراير 2013).', // 1434 (7
        'قرار لوزير الفلاحة والصيد البحري رقم 3 صادر في 3 ربيع', // 3003.13
        'يحدد مبلغ الرسم المستحق في 0 درهم.', // 10.000
        'قرار لوزير الطاقة والمعادن رقم 420504 صادر في 3 رمضان 1435', // 4050.14: the dot lost
        'قرار لوزير الفلاحة والصيد البحري رقم 42131.09 صادر في', // 4131.09: a digit too many
      ],
      [],
    );
  });

  it('leaves whole numbers alone: no second reading for them', () => {
    expectLinesSplit(
      hasDamagedNumber,
      [],
      [
        'وحرر بالرباط فى 22 جمادى الأولى 1434 (3 أبريل 2013).',
        'بناء على القانون رقم 74.13 المتعلق بالتعاونيات, ولا سيما المادة 13',
        'مرسوم رقم 2.13.887 صادر في 15 ربيع الأول 1434 (27 يناير',
        'يحدد مبلغ الرسم المستحق في 10.000 درهم.',
        'المادة 3 مكررة',
      ],
    );
  });

  it('reads again the lines that open a dated text header, whose numbers look whole', () => {
    // Page context read 14 محرم as 4, 13 رمضان as 3: only the cut-out line shows it.
    expectLinesSplit(
      opensDatedHeader,
      [
        'قرار لوزير الفلاحة والصيد البحري رقم 4131.09 صادر في 4 محرم',
        'مرسوم رقم 2.14.926 صادر في 6 شوال 1435 (22 غشت 2014)',
        'قرار لوزير التجهيز والنقل صادر في 16 صفر 1430 (11 فبراير 2009)',
      ],
      [
        'بناء على القانون رقم 84.14 المتعلق بحرية الأسعار والمنافسة., ولا',
        'المرسوم رقم 2.09.964 الصادر في 4 محرم 1430',
        'قرار لوزير الداخلية', // no number to repair
      ],
    );
  });
});

/** Asserts that merging each second reading into its first gives the first back unchanged. */
function expectFirstKept(readings: [first: string, second: string][]): void {
  for (const [first, second] of readings) expect(mergeReread(first, second), second).toBe(first);
}

describe('merging the second reading of a line', () => {
  it('takes the completed numbers and keeps the words of the first reading', () => {
    expect(
      mergeReread(
        'الأول 4 (13 يناير 3)) بتحديد شروط استيراد البذور.',
        'الأول 1434 (13 يناير 2013) بتحديد شروط استيراد البذود ....',
      ),
    ).toBe('الأول 1434 (13 يناير 2013) بتحديد شروط استيراد البذور.');
    expect(
      mergeReread(
        'بناء على القانون رقم 19.0 المتعلق بحرية الأسعار والمنافسة؛ ولا',
        '0 \u200fبناء على القانون رقم 19.10 المتعلق بحرية الأسعار والمنافسة ولا\u200e ٠',
      ),
    ).toBe('بناء على القانون رقم 19.10 المتعلق بحرية الأسعار والمنافسة؛ ولا');
  });

  it('gives a text number its shape back, and the day its lost digit', () => {
    expect(
      mergeReread(
        'قرار لوزير الطاقة والمعادن رقم 420504 صادر في 3 رمضان 1435',
        'قرار لوزير الطاقة والمعادن رقم 4050.14 صادر في 13 رمضان 1435',
      ),
    ).toBe('قرار لوزير الطاقة والمعادن رقم 4050.14 صادر في 13 رمضان 1435');
    // The groups turned round by page context.
    expect(
      mergeReread(
        'قرار لوزير الداخلية رقم 08 .1089 صادر في 5 ذو القعدة 1429 (23',
        'قرار لوزير الداخلية رقم 1089.08 صادر في 25 ذو القعدة 1429 (23',
      ),
    ).toBe('قرار لوزير الداخلية رقم 1089.08 صادر في 25 ذو القعدة 1429 (23');
    // A text number already shaped stays, even when the second reading differs.
    expect(mergeReread('بناء على القانون رقم 84.14 المتعلق', 'بناء على القانون رقم 34.14 المتعلق')).toBe(
      'بناء على القانون رقم 84.14 المتعلق',
    );
  });

  it('pairs the words of both readings when one lost or misread a word', () => {
    // The sommaire entry: page context lost في (read 5) and the number's last digits.
    expect(
      mergeReread(
        'قرار لوزير الطاقة والمعادن رقم 404 صادر 5 13',
        'قرار لوزير الطاقة والمعادن رقم 4050.14 صادر في 13',
      ),
    ).toBe('قرار لوزير الطاقة والمعادن رقم 4050.14 صادر 5 13');
    // A word spelt one letter off (محدرم) still pairs.
    expect(
      mergeReread(
        'قرار لوزير الفلاحة والصيد البحري رقم 4131.09 صادر في 4 محرم',
        'قرار لوزير الفلاحة والصيد البحري رقم 4131.09 صادر في 14 محدرم',
      ),
    ).toBe('قرار لوزير الفلاحة والصيد البحري رقم 4131.09 صادر في 14 محرم');
    // A short word misread (زقم) pairs by its place between two words that pair.
    expect(
      mergeReread(
        'مرسوم زقم 7 صادر في 4 محرم 0 \u200e1١\u200f يناير',
        'مرسوم رقم 2.09.457 صادر في 4 محرم 1430 (1 ينايد 07',
      ),
    ).toBe('مرسوم زقم 2.09.457 صادر في 4 محرم 0 1١ يناير');
  });

  it('takes a number glued to the next word apart', () => {
    expect(
      mergeReread(
        ')3 أبريل 3)بتحديد عدد أعضاء مجالس الجماعات.',
        '(3 أبريل 2013) بتحديد عدد أعضاء مجالس الجماعات. ...',
      ),
    ).toBe(')3 أبريل 2013) بتحديد عدد أعضاء مجالس الجماعات.');
  });

  it('keeps the first reading when the second merges, drops or invents numbers', () => {
    expectFirstKept([
      // Two numbers became one (the Hijri year ran into the day): not a completion.
      ['4 (3 مارس 2013)', '31434 مارس 2013) --'],
      // A digit where the first reading had none is a mark at the cut-out's edge.
      ['ولا سيما المادة 20 منه؛', 'ولا سيما المادة 20 منه؛ 0'],
      // Fewer digits.
      ['3).', '0'],
      // The year ran into the day (1430 (11 → 1191430).
      ['0 (11 يناير 2009) بتحديد شروط استيراد البذور.', '1191430 يناير 2009) بتحديد شروط استيراد البذون 7'],
      // A day no month has (issue 22's real-law scan, seed 15: the Orders dahir's bold title line).
      [
        'ظهير شريف رقم 1.00.218 صادر في 2 ربيع الأول 1 (5 يونيو',
        'ظهير شريف رقم 1.00.218 صادر في 2 بيع الأول 1421 (58 يونيو',
      ],
    ]);
  });

  it('keeps the first reading when the words do not line up', () => {
    expectFirstKept([
      ['المادة 2', 'القادة 27'],
      ['1 الإمضاء: نادية العلوي.', 'ماد اا الما نادي لعلو 1434'],
    ]);
  });
});

describe('the region cut out for a second reading', () => {
  const page = { width: 2000, height: 3000 };
  const line = { x: 0.55, y: 0.5, w: 0.3, h: 0.02 };

  it('reaches two line heights to each side and a quarter above and below', () => {
    expect(rereadRegions(line, page, null, 0.02)).toEqual([{ left: 980, top: 1485, width: 840, height: 90 }]);
  });

  it('does not cross the gutter into the other column', () => {
    expect(rereadRegions(line, page, 0.53, 0.02)[0]!.left).toBe(1060);
    const left = { ...line, x: 0.15 };
    const [region] = rereadRegions(left, page, 0.46, 0.02);
    if (!region) throw new Error('no region');
    expect(region.left + region.width).toBe(920);
  });

  it("cuts a box taller than the page's lines again at its top and at its bottom", () => {
    // bo-ar-5712 p. 2: the header's box reached into the next line, read as debris whole.
    const tall = { ...line, h: 0.032 };
    const [whole, top, bottom] = rereadRegions(tall, page, null, 0.02);
    expect(whole).toMatchObject({ top: 1476, height: 144 });
    expect(top).toMatchObject({ top: 1485, height: 90 });
    expect(bottom).toMatchObject({ top: 1521, height: 90 });
    expect(rereadRegions({ ...line, h: 0.025 }, page, null, 0.02)).toHaveLength(1);
  });

  it('stays inside the page', () => {
    expect(rereadRegions({ x: 0.01, y: 0, w: 0.98, h: 0.01 }, page, null, 0.01)).toEqual([
      {
        left: 0,
        top: 0,
        width: 2000,
        height: 38,
      },
    ]);
  });
});

/** Lines of a two-column Arabic page (gutter at 0.5): `[text, right column?, top]`, in any order. */
const pageLines = (lines: readonly [string, boolean, number][]): TextLine[] =>
  lines.map(([text, right, y]) => ({
    text,
    confidence: 0.9,
    bbox: { x: right ? 0.6 : 0.2, y, w: 0.1, h: 0.015 },
  }));

describe('article headings read again when their figure breaks the sequence (issue 22)', () => {
  // Readings of the real dahir on the Orders of the Kingdom as a scan (test/real-arabic-law-scan.ts):
  // seed 3 read the heading of article 8 `المادة ©`; seed 22 that of article 80 `المادة 850`,
  // and its cut-out line `اللمادة 80 0`.
  const lines = pageLines([
    ['المادة 9', false, 0.1],
    ['يمنح الوسام بظهير شريف.', true, 0.12],
    ['المادة 7', true, 0.5],
    ['المادة ©', true, 0.8],
    ['المادة 10', false, 0.4],
    ['المادة 850', false, 0.7],
  ]);
  const rereads = headingRereads(lines, 0.5);

  it('picks the headings whose figure is no number or breaks the page’s sequence, right column first', () => {
    expect([...rereads.keys()].sort()).toEqual([3, 5]);
  });

  it('takes the second reading’s figure when it fits, and keeps the first when it does not', () => {
    expect(rereads.get(3)!('المادة 8')).toBe('المادة 8');
    expect(rereads.get(5)!('اللمادة 11 0')).toBe('المادة 11');
    expect(rereads.get(5)!('المادة 850')).toBeNull();
    expect(rereads.get(3)!('المادة 5')).toBeNull();
    expect(rereads.get(3)!('| 8')).toBeNull();
  });

  it('changes the figure only, keeping the article’s first words run in after it', () => {
    const runIn = headingRereads(
      pageLines([
        ['المادة 4: يحدث', true, 0.1],
        ['المادة 5: تحدد', true, 0.2],
        ['المادة 286: يمنح', true, 0.3],
      ]),
      0.5,
    );
    expect(runIn.get(2)!('المادة 6: يمنح')).toBe('المادة 6: يمنح');
  });

  it('trusts a lone heading’s second reading only where the first held no number', () => {
    const lone = headingRereads(pageLines([['المادة ©', true, 0.5]]), 0.5);
    expect(lone.get(0)!('المادة 8')).toBe('المادة 8');
    expect(lone.get(0)!('اللمادة 8 0')).toBeNull();
    const numbered = headingRereads(pageLines([['المادة 286', true, 0.5]]), 0.5);
    expect(numbered.get(0)!('المادة 28')).toBeNull();
  });

  it('leaves citations, bis articles and sequences that fit alone', () => {
    const plain = pageLines([
      ['المادة 5 من القانون رقم 65.99', true, 0.1],
      ['المادة 3 مكررة', true, 0.2],
      ['المادة 4', true, 0.3],
      ['المادة 5', true, 0.4],
    ]);
    expect(headingRereads(plain, 0.5).size).toBe(0);
    expect(fitsHeadingSequence([4, null, 6], 2, 6)).toBe(true);
    expect(fitsHeadingSequence([4, null, null], 2, 6)).toBe(true);
    expect(fitsHeadingSequence([null], 0, 6)).toBeNull();
  });
});
