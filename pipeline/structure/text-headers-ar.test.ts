import { describe, expect, it } from 'vitest';
import { headerId } from './text-headers.js';
import { parseTextHeaderAr } from './text-headers-ar.js';

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
