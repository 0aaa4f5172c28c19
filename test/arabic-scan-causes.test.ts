/**
 * Causes issue 22's real-law scan (test/real-arabic-law-scan.ts) showed, each fixed and checked
 * here on the lines OCR gave for it: a Hijri day worded `14 من رجب` or `12 من ذي الحجة`, the
 * stars between a dahir and its loi read as letters, a code's first heading run into the loi's
 * title, and second readings of bold lines (a text's first article re-read into `المادة 0`, a
 * dahir's number read right only in its cut-out line).
 */
import { describe, expect, it } from 'vitest';
import { headingRereads, mergeReread } from '../pipeline/arabic-numbers.js';
import { parseArabicDate } from '../pipeline/dates.js';
import type { TextLine } from '../pipeline/model.js';
import { readArticleHeadingAr } from '../pipeline/structure/articles-ar.js';
import { parseBulletin } from '../pipeline/structure/parse-bulletin.js';
import { stripRunningHeaders } from '../pipeline/structure/running-headers.js';
import { pagesFromText, recordFor } from '../pipeline/structure/testing/test-helpers.js';
import { parseTextHeaderAr } from '../pipeline/structure/text-headers-ar.js';

describe('Arabic dates worded as the gazette words them', () => {
  it('flags a Gregorian date whose Hijri twin was printed but not read: nothing checks it', () => {
    // Seed 9's Orders dahir: `2 ربيع الأول 1421 (5 يونيو 2000)` read with its Hijri year and a day lost.
    const header = parseTextHeaderAr(
      'ظهير شريف رقم 1.00.218 صادر في 2 ربيع الأول 1 5(9 يونيو 2000) يتعلق بأوسمة المملكة',
    );
    expect(header).toMatchObject({ signedOn: '2000-06-09', hijriDate: null });
    expect(header!.notes.join()).toMatch(/Hijri date printed but not read/);
    expect(header!.confidence).toBeLessThanOrEqual(0.6);
    // A Gregorian date printed alone stays unflagged.
    expect(parseArabicDate('بتاريخ 9 يونيو 2000')).toMatchObject({ gregorian: '2000-06-09', notes: [] });
  });

  it('reads the Hijri date of `صادر في 14 من رجب 1424 (11 سبتمبر 2003)`, not the Gregorian alone', () => {
    expect(parseArabicDate('صادر في 14 من رجب 1424 (11 سبتمبر 2003) بتنفيذ')).toMatchObject({
      hijriText: '14 رجب 1424',
      gregorian: '2003-09-11',
      notes: [],
    });
    expect(
      parseTextHeaderAr(
        'ظهير شريف رقم 1.04.22 صادر في 12 من ذي الحجة 1424 (3 فبراير 2004) بتنفيذ القانون رقم 70.03 بمثابة مدونة الأسرة',
      ),
    ).toMatchObject({ number: '1-04-22', signedOn: '2004-02-03', hijriDate: '12 ذي الحجة 1424' });
  });
});

/** Page 2 of the real-law scan (seed 5) as OCR read it: the Code du travail's dahir, the stars after it, the loi. */
const PAGE = [
  'ظهير شريف رقم 1.03.194 صادر في 14 من رجب 1424 (11 سبتمبر',
  '2003) بتنفيذ القانون رقم 65.99 المتعلق بمدونة الشغل.',
  'الحمد لله وحده؛»',
  'الطابع الشريف - بداخله:',
  'يعلم من ظهيرنا الشريف هذاء أسماه الله وأعز أمره أننا:',
  'بناء على الدستور ولا سيما الفصلين 26 و58 منه,',
  'أصدرنا أمرنا الشريف بما يلي:',
  'ينفذ وينشر بالجريدة الرسمية, عقب ظهيرنا الشريف هذاء القانون رقم',
  '699 المتعلق بمدونة الشغل, كما وافق عليه مجلس النواب ومجلس',
  'المستشارين.',
  'وحرر بمراكش في 14 رجب 1424 (11 شتنبر 2003).',
  'وقعه بالعطف:',
  'الوزير الأول,',
  'الإمضاء: لطيفة الشرايبى.',
  'ا ب',
  'اد د',
  'قانون رقم 65.99 يتعلق بمدونة الشغل',
  'أحكام تمهيدية',
  'المادة الأولى',
  'تسري أحكام هذا القانون على الأشخاص المرتبطين بعقد شغل. أيا',
  'كانت طرق تنفيذه. وطبيعة الأجر المقرر فيه؛ وكيفية أدائه.',
  'المادة 2',
  'يعد أجيزا كل شخص التزم ببذل نشاطه المهني, تحت تبعية مشغل',
  'واحد أو عدة مشغلين, لقاء اجن أيا كان نوعه, وطريقة أدائه.',
].join('\n');

describe('a loi after the dahir that promulgates it, on a scan (issue 22)', () => {
  const parsed = parseBulletin(pagesFromText([PAGE], { language: 'ara' }), recordFor('bo-ar-5167.pdf'));
  const loi = parsed.texts.find((t) => t.id === 'loi-65-99');

  it('reads the loi’s own title after the stars OCR read as letters (`ا ب`, `اد د`)', () => {
    expect(parsed.texts.map((t) => t.id)).toEqual(['dahir-1-03-194', 'loi-65-99']);
    expect(parsed.warnings.join('\n')).not.toMatch(/title line was not found/);
    expect(loi!.articles.map((a) => a.number)).toEqual(['1', '2']);
  });

  it('ends the title where the code’s first heading (`أحكام تمهيدية`) begins', () => {
    expect(loi!.title).toBe('قانون رقم 65.99 يتعلق بمدونة الشغل');
    expect(loi!.articles[0]!.body).not.toMatch(/أحكام تمهيدية/u);
  });
});

/** Lines of page 3 of the scan (seed 7) with their boxes as OCR gave them: two columns, gutter near 0.5. */
const line = (text: string, x: number, y: number): TextLine => ({
  text,
  confidence: 0.9,
  bbox: { x, y, w: 0.06, h: 0.009 },
});

describe('bold lines of a multi-text page read again (issue 22)', () => {
  // The right column ends the Code de la famille (articles 10 to 12); the left one holds the
  // décret's only article, then the dahir on the Orders of the Kingdom's first ones.
  const lines = [
    line('المادة 10', 0.69, 0.71),
    line('المادة 11', 0.69, 0.79),
    line('المادة 12', 0.69, 0.88),
    line('المادة الأولى', 0.25, 0.41),
    line('المادة الأولى', 0.25, 0.66),
    line('المادة 2', 0.25, 0.8),
  ];

  it('leaves a text’s first article worded `المادة الأولى` as read, though it breaks the sequence', () => {
    // Its cut-out line read `المادة الأولى 0`, and 0 "fitted" before the next text's article 1.
    expect([...headingRereads(lines, 0.5).keys()]).toEqual([]);
  });

  it('reads again a heading read `المادة 0`, and never takes 0 from the second reading', () => {
    const zero = [...lines.slice(0, 3), line('المادة 0', 0.25, 0.41), ...lines.slice(4)];
    const reread = headingRereads(zero, 0.5).get(3);
    expect(reread).toBeDefined();
    expect(reread!('المادة الأولى 0')).toBeNull();
  });

  it('takes a dahir’s number from its cut-out line when page context mangled it (`1..0.58`)', () => {
    expect(
      mergeReread(
        'ظهير شريف رقم 1..0.58 صادر في 2 ربيع الأول 1421 (5 يونيو',
        'ظهير شريف رقم 1.00.218 صادر في 2 ربيع الأول 1421 (5 يونيو',
      ),
    ).toBe('ظهير شريف رقم 1.00.218 صادر في 2 ربيع الأول 1421 (5 يونيو');
  });
});

describe('the masthead’s title is no piece of a running header (issue 22)', () => {
  it('warns of the title alone in a body, not of the masthead that prints it under المملكة المغربية', () => {
    // Page 1 of the scan (seed 5) as OCR read it.
    const masthead = [
      '4 شوال 1424 (8 دجنبر 2003)',
      'السنة الثانية والتسعون - عدد 5167',
      '1217-0817',
      'المملكة المغربية',
      'الجريدة الرسمية',
      'النشرة العامة',
      'فهرس',
      'نصوص عامة',
    ];
    const [first, body] = pagesFromText(
      [
        masthead.join('\n'),
        [...PAGE.split('\n').slice(0, 8), 'الجريدة الرسمية', ...PAGE.split('\n').slice(8)].join('\n'),
      ],
      { language: 'ara' },
    );
    expect(stripRunningHeaders(first!).residues).toEqual([]);
    expect(stripRunningHeaders(body!).residues).toEqual(['الجريدة الرسمية']);
  });
});

describe('a running header OCR damaged past its pattern (issue 22)', () => {
  it('still gives its issue number and date when layout found it by its title', () => {
    // Page 6 of the scan (seed 7): `الجريدة` read `الجويدة`, `عدد` read `عدة` and glued, marks over the words.
    const page = pagesFromText([PAGE], { language: 'ara' })[0]!;
    const header = (text: string) => ({ text, confidence: 0.8, bbox: { x: 0.1, y: 0.03, w: 0.8, h: 0.01 } });
    const stripped = stripRunningHeaders({
      ...page,
      header: [header('الجويدة الرسميّةعدة 14-5167 شوَال 1424 (8 دجنبز 2003)'), header('3974')],
    });
    expect(stripped.header?.number).toBe('5167');
    expect([stripped.header?.date?.gregorian, stripped.header?.date?.hijriText]).toEqual([
      '2003-12-08',
      '14 شوال 1424',
    ]);
    expect(stripped.lines.map((l) => l.text)).toEqual(PAGE.split('\n'));
  });
});

describe('an article heading OCR read as figure and word at once (issue 22)', () => {
  it('reads `المادة ١ لأولى` (direction marks around the figure) as article 1, not a citation', () => {
    // Page 3 of the scan (seed 11): the dahir on the Orders' first article; it was lost without a word.
    expect(readArticleHeadingAr('المادة \u200e١\u200f لأولى')).toMatchObject({ number: '1', rest: '' });
    // A figure and another number's word stay what they were: no heading.
    expect(readArticleHeadingAr('المادة 2 الأولى')).toBeNull();
  });
});
