import { describe, expect, it } from 'vitest';
import { restoreArabicCommas } from './ocr.js';

// Lines of generated Arabic scans (seeds 5151, 7373) as the `ara` model read them.
describe('restoreArabicCommas', () => {
  it('reads a Latin comma after an Arabic word as the Arabic comma', () => {
    expect(restoreArabicCommas('(30 مارس 1973) بتنظيم حق تاسيس الجمعيات, كما وقع تغييره')).toBe(
      '(30 مارس 1973) بتنظيم حق تاسيس الجمعيات، كما وقع تغييره',
    );
    expect(restoreArabicCommas('داخل أجل ثمانية أيام, وتوجه نسخة منه إلى وكيل الملك وإلى وزير')).toBe(
      'داخل أجل ثمانية أيام، وتوجه نسخة منه إلى وكيل الملك وإلى وزير',
    );
  });

  it('leaves a comma between figures as printed', () => {
    expect(restoreArabicCommas('يعاقب بغرامة من 1,5 مليون درهم')).toBe('يعاقب بغرامة من 1,5 مليون درهم');
    expect(restoreArabicCommas('المواد ٣, ٤ و٥')).toBe('المواد ٣, ٤ و٥');
  });
});
