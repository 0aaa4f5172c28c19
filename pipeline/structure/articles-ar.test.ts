import { describe, expect, it } from 'vitest';
import { readArticleHeadingAr, readHierarchyHeadingAr } from './articles-ar.js';

describe('Arabic article headings and citations at a line start (issue 22)', () => {
  it('reads headings, with the article’s first words after a separator', () => {
    expect(readArticleHeadingAr('المادة الأولى')).toMatchObject({ number: '1', rest: '' });
    expect(readArticleHeadingAr('المادة 8')).toMatchObject({ number: '8' });
    expect(readArticleHeadingAr('المادة 3 مكررة. – تطبق أحكام')).toMatchObject({
      number: '3-bis',
      rest: 'تطبق أحكام',
    });
  });

  it('reads `مكررة` OCR changed a letter of (a generated scan, seed 6262: `المادة 5 مكورة`)', () => {
    expect(readArticleHeadingAr('المادة 5 مكورة')).toMatchObject({ number: '5-bis', rest: '' });
    expect(readArticleHeadingAr('المادة 5 مكورة. – تطبق')).toMatchObject({ number: '5-bis', rest: 'تطبق' });
    expect(readArticleHeadingAr('المادة 5.مكورة')).toMatchObject({ number: '5-bis', rest: '' });
    // A word two letters away (`مكونة`, composed) is no `مكررة`.
    expect(readArticleHeadingAr('المادة 5 مكونة')?.number).not.toBe('5-bis');
  });

  it('reads ordinal-word headings as numbers (fixtures/real/bo-pages/040: `الفصل الثاني :`)', () => {
    for (const [line, number, rest] of [
      ['الفصل الأول :ـ', '1', ''],
      [
        'الفصل الثاني : يستثني من ذلك الجمعيات الدينية المؤسسة',
        '2',
        'يستثني من ذلك الجمعيات الدينية المؤسسة',
      ],
      ['الفصل الثالث : يجب على ذوي الرغبة في تأسيس جمعية', '3', 'يجب على ذوي الرغبة في تأسيس جمعية'],
      ['الفصل العاشر', '10', ''],
      ['الفصل الحادي عشر. – يلغى', '11', 'يلغى'],
      ['المادة الثانية', '2', ''],
      ['المادة الثانية عشرة - تدخل', '12', 'تدخل'],
      ['المادة الحادية والعشرون :', '21', ''],
      ['المادة الرابعة 4 مكررة', null, null],
      ['المادة الرابعة مكررة. – تحدث', '4-bis', 'تحدث'],
    ] as const) {
      const heading = readArticleHeadingAr(line);
      if (number === null) expect(heading, line).toBeNull();
      else expect(heading, line).toMatchObject({ number, rest });
    }
  });

  it('reads a heading alone on its line with its figure through more OCR damage (seed 8101)', () => {
    // As tesseract `ara` read `الفصل 3` and `المادة 2:` of generated scans: flagged by a lower confidence.
    const damaged = readArticleHeadingAr('الفسر 3');
    expect(damaged).toMatchObject({ number: '3', rest: '' });
    expect(damaged!.confidence).toBeLessThan(0.75);
    expect(readArticleHeadingAr('المادة :2')).toMatchObject({ number: '2', rest: '', confidence: 1 });
    // Not with words after it, nor a part's or chapter's word two letters away (`الفرع`).
    for (const line of ['الفسر 3 من القانون', 'الفرع 2', 'الفصلين 42', 'المادة :2 من القانون'])
      expect(readArticleHeadingAr(line), line).toBeNull();
  });

  it('takes no citation, part or chapter for an ordinal-word heading', () => {
    for (const line of [
      'الفصل الثاني من هذا الظهير',
      'الفصل الثاني عشر من الظهير الشريف',
      'المادة الثانية؛',
      'المادة الثالثة، والمادة 5',
      '- الفصل الثالث من القانون؛',
      'الباب الثاني',
      'القسم الثاني :',
      'المادة السابقة :',
    ])
      expect(readArticleHeadingAr(line), line).toBeNull();
  });

  it('takes no citation for a heading: `من …`, a clause ending with `؛` or `،`', () => {
    for (const line of [
      'المادة الأولى؛',
      'المادة الأولى، والمادة 5 من هذا القانون',
      'المادة 5 من القانون رقم 65.99',
      'المادة 12؛',
      'الفصل الأول، وكذا',
      'المادة 5 ؛',
      'المادة 12 أعلاه.',
      // As the real decrees extract (fixtures/real/legal-texts-ma/ar): the figure glued to `من`.
      'الفصل 8من الكتاب الثاني من المرسوم رقم 2.58.1151',
      'الفصل 6الا بنسبة الربع من مبلغها',
      'المادتان 5 و 6 من هذا الظهير',
      'المواد 5 إلى 8',
    ])
      expect(readArticleHeadingAr(line), line).toBeNull();
  });

  it('takes no enumerated item citing an article for a heading', () => {
    for (const line of ['- المادة 5 من القانون رقم 65.99؛', '1) المادة 5؛', 'أ) الفصل 3 من الظهير الشريف'])
      expect(readArticleHeadingAr(line), line).toBeNull();
  });

  it('reads a part or chapter printed without its article (`باب تمهيدي`) as a heading above articles', () => {
    expect(readHierarchyHeadingAr('باب تمهيدي')).not.toBeNull();
    expect(readHierarchyHeadingAr('الباب التمهيدي')).not.toBeNull();
    expect(readHierarchyHeadingAr('القسم الثاني')).not.toBeNull();
    expect(readHierarchyHeadingAr('باب الرزق')).toBeNull();
  });
});
