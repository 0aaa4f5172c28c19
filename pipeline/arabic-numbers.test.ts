/**
 * The lines below are tesseract's readings of Arabic scan fixtures (seeds 4242 and 8080,
 * page context, then the same line cut out and read raw), not made-up strings.
 */
import { describe, expect, it } from 'vitest';
import { hasDamagedNumber, mergeReread, rereadRegion } from './arabic-numbers.js';

describe('Arabic lines whose numbers lost digits', () => {
  it('flags cut years, numbers starting with 0 and text numbers without their dots', () => {
    for (const damaged of [
      'الأول 4 (13 يناير 3)) بتحديد شروط استيراد البذور.', // 1434 (13 يناير 2013)
      '013 بتطبيق القانون رقم 77.08 المتعلق بتدبير النفايات والتخلص', // 2013)
      'وحرر بالرباط فى 26 ربيع الأول 4 7 فبراير 2013).', // 1434 (7
      'قرار لوزير الفلاحة والصيد البحري رقم 3 صادر في 3 ربيع', // 3003.13
      'يحدد مبلغ الرسم المستحق في 0 درهم.', // 10.000
    ])
      expect(hasDamagedNumber(damaged), damaged).toBe(true);
  });

  it('leaves whole numbers alone: no second reading for them', () => {
    for (const whole of [
      'وحرر بالرباط فى 22 جمادى الأولى 1434 (3 أبريل 2013).',
      'بناء على القانون رقم 74.13 المتعلق بالتعاونيات, ولا سيما المادة 13',
      'مرسوم رقم 2.13.887 صادر في 15 ربيع الأول 1434 (27 يناير',
      'يحدد مبلغ الرسم المستحق في 10.000 درهم.',
      'المادة 3 مكررة',
    ])
      expect(hasDamagedNumber(whole), whole).toBe(false);
  });
});

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

  it('takes a number glued to the next word apart', () => {
    expect(
      mergeReread(
        ')3 أبريل 3)بتحديد عدد أعضاء مجالس الجماعات.',
        '(3 أبريل 2013) بتحديد عدد أعضاء مجالس الجماعات. ...',
      ),
    ).toBe(')3 أبريل 2013) بتحديد عدد أعضاء مجالس الجماعات.');
  });

  it('keeps the first reading when the second merges, drops or invents numbers', () => {
    // Two numbers became one (the Hijri year ran into the day): not a completion.
    expect(mergeReread('4 (3 مارس 2013)', '31434 مارس 2013) --')).toBe('4 (3 مارس 2013)');
    // A digit where the first reading had none is a mark at the cut-out's edge.
    expect(mergeReread('ولا سيما المادة 20 منه؛', 'ولا سيما المادة 20 منه؛ 0')).toBe(
      'ولا سيما المادة 20 منه؛',
    );
    // Fewer digits.
    expect(mergeReread('3).', '0')).toBe('3).');
  });

  it('keeps the first reading when the words do not line up', () => {
    expect(mergeReread('المادة 2', 'القادة 27')).toBe('المادة 2');
    expect(mergeReread('1 الإمضاء: نادية العلوي.', 'ماد اا الما نادي لعلو 1434')).toBe(
      '1 الإمضاء: نادية العلوي.',
    );
  });
});

describe('the region cut out for a second reading', () => {
  const page = { width: 2000, height: 3000 };
  const line = { x: 0.55, y: 0.5, w: 0.3, h: 0.02 };

  it('reaches two line heights to each side and a quarter above and below', () => {
    expect(rereadRegion(line, page, null)).toEqual({ left: 980, top: 1485, width: 840, height: 90 });
  });

  it('does not cross the gutter into the other column', () => {
    expect(rereadRegion(line, page, 0.53).left).toBe(1060);
    const left = { ...line, x: 0.15 };
    const region = rereadRegion(left, page, 0.46);
    expect(region.left + region.width).toBe(920);
  });

  it('stays inside the page', () => {
    expect(rereadRegion({ x: 0.01, y: 0, w: 0.98, h: 0.01 }, page, null)).toEqual({
      left: 0,
      top: 0,
      width: 2000,
      height: 38,
    });
  });
});
