import { describe, expect, it } from 'vitest';
import type { LegalText } from '../model.js';
import { parseArabicLinks } from './parse-arabic.js';

function arabicText(articles: string[], preamble?: string): LegalText {
  return {
    id: 'loi-55-19',
    type: 'loi',
    number: '55-19',
    title: 'القانون رقم 55.19 بتغيير وتتميم القانون رقم 09.08',
    signedOn: null,
    hijriDate: null,
    language: 'ar',
    bulletinId: 'bo-ar-6866',
    page: 1,
    articles: articles.map((body, i) => ({
      number: String(i + 1),
      heading: `المادة ${i + 1}`,
      body,
      page: 1,
      pageIndex: 1,
    })),
    ...(preamble ? { preamble } : {}),
    confidence: 1,
  };
}

describe('parseArabicLinks', () => {
  const links = parseArabicLinks(
    arabicText(
      [
        'تغير وتتمم أحكام المادة 5 من القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين كما يلي: «المادة 5. - لا يمكن القيام بمعالجة المعطيات إلا بموافقة الشخص المعني. (الباقي لا يتغير فيه)»',
        'تنسخ أحكام المادة 12 من القانون رقم ٠٩.٠٨ السالف الذكر.',
        'يتمم القانون رقم 09.08 بالمادة 12 مكرر كما يلي: «المادة 12 مكرر. - تنشر اللجنة تقريرا سنويا.»',
      ],
      'بناء على الظهير الشريف رقم 1.09.15 الصادر في 22 من صفر 1430 بتنفيذ القانون رقم 09.08، كما وقع تغييره وتتميمه؛',
    ),
  );

  it('reads amended, abrogated and inserted articles from the formulas of the general edition', () => {
    expect(links.operations.map((o) => [o.byArticle, o.kind, o.target.number, o.targetArticle])).toEqual([
      ['1', 'amended', '09-08', '5'],
      ['2', 'abrogated', '09-08', '12'],
      ['3', 'inserted', '09-08', '12-bis'],
    ]);
  });

  it('takes the new wording without its heading nor the (الباقي لا يتغير فيه) mark', () => {
    expect(links.operations[0]!.body).toBe('لا يمكن القيام بمعالجة المعطيات إلا بموافقة الشخص المعني.');
    expect(links.operations[2]!.body).toBe('تنشر اللجنة تقريرا سنويا.');
  });

  it('keeps the visas, كما وقع تغييره وتتميمه included, as citations', () => {
    expect(links.citations.map((c) => [c.relation, c.target.type, c.target.number])).toEqual([
      ['cites', 'dahir', '1-09-15'],
      ['cites', 'loi', '09-08'],
    ]);
  });
});

describe('parseArabicLinks: substitutions, replacements and entry into force', () => {
  const links = parseArabicLinks(
    arabicText([
      'تعوض عبارة «ثلاثة أشهر» الواردة في الفصل 2 من الظهير الشريف رقم 1.58.376 الصادر في 3 جمادى الأولى 1378 (15 نونبر 1958) بعبارة «ستة أشهر».',
      'تنسخ أحكام الفصل 3 من الظهير الشريف رقم 1.58.376 السالف الذكر، كما وقع تغييره بالظهير الشريف بمثابة قانون رقم 1.73.283، وتعوض بالأحكام التالية: «الفصل 3. – يسلم الوصل داخل أجل ستين يوما.»',
      'يتمم الظهير الشريف رقم 1.58.376 السالف الذكر بالفصل 4 المكرر التالي: «الفصل 4 المكرر. – تمسك الجمعيات محاسبة منتظمة.»',
      'تنسخ جميع الأحكام المخالفة لهذا القانون ولا سيما أحكام القانون رقم 34.04.',
      'يدخل هذا القانون حيز التنفيذ ابتداء من 1 يناير 2003.',
    ]),
  );

  it('reads تعوض عبارة «…» بعبارة «…» as a substitution on the article it names', () => {
    expect(links.operations[0]).toMatchObject({
      kind: 'amended',
      target: { type: 'dahir', number: '1-58-376' },
      targetArticle: '2',
      substitutions: [{ from: 'ثلاثة أشهر', to: 'ستة أشهر' }],
    });
    expect(links.operations[0]!.body).toBeUndefined();
  });

  it('reads تنسخ … وتعوض as a replacement and المكرر as bis, wording without its heading', () => {
    expect(links.operations.slice(1).map((o) => [o.kind, o.targetArticle, o.body])).toEqual([
      ['replaced', '3', 'يسلم الوصل داخل أجل ستين يوما.'],
      ['inserted', '4-bis', 'تمسك الجمعيات محاسبة منتظمة.'],
    ]);
  });

  it('keeps الأحكام المخالفة as a citation, and reads ابتداء من as the entry into force', () => {
    expect(links.citations).toContainEqual({
      byArticle: '4',
      relation: 'abrogates',
      target: { type: 'loi', number: '34-04', date: null },
      targetArticle: null,
    });
    expect(links.inForceFrom).toBe('2003-01-01');
  });
  it('reads the alinéa, the item or the words an article-level clause changes', () => {
    const amending = parseArabicLinks(
      arabicText([
        'تغير وتتمم على النحو التالي أحكام الفقرة الثانية من المادة 5 من القانون رقم 09.08 السالف الذكر: «يجتمع المجلس مرتين في السنة على الأقل.»',
        'تنسخ أحكام الفقرة الثالثة من المادة 6 من القانون رقم 09.08 السالف الذكر.',
        'تتمم المادة 7 من القانون رقم 09.08 السالف الذكر بالبند 4 التالي: «4 - الشركات المدرجة في البورصة.»',
        'تعوض أحكام البند 3 من المادة 8 من القانون رقم 09.08 السالف الذكر بالأحكام التالية: «3 - المؤسسات العمومية؛»',
        'تحذف عبارة «كتابة» الواردة في المادة 9 من القانون رقم 09.08 السالف الذكر.',
        'تعوض عبارة «ثلاثة أشهر» الواردة في الفقرة الأولى من المادة 10 من القانون رقم 09.08 السالف الذكر بعبارة «ستة أشهر».',
        'تنسخ أحكام الفقرة الأخيرة من المادة 11 من القانون رقم 09.08 السالف الذكر.',
      ]),
    );
    expect(
      amending.operations.map((o) => [
        o.kind,
        o.targetArticle,
        o.paragraph ?? o.item ?? (o.lastParagraph && 'last') ?? null,
        o.body ?? o.substitutions ?? null,
      ]),
    ).toEqual([
      ['amended', '5', 2, 'يجتمع المجلس مرتين في السنة على الأقل.'],
      ['abrogated', '6', 3, null],
      ['completed', '7', null, '4 - الشركات المدرجة في البورصة.'],
      ['replaced', '8', '3', '3 - المؤسسات العمومية؛'],
      ['amended', '9', null, [{ from: 'كتابة', to: '' }]],
      ['amended', '10', 1, [{ from: 'ثلاثة أشهر', to: 'ستة أشهر' }]],
      ['abrogated', '11', 'last', null],
    ]);
  });
});

describe('parseArabicLinks: numbers cut short by right-to-left OCR', () => {
  it('reads رقم 9 as the text of that kind the amending text names in full, and nothing when none fits', () => {
    const links = parseArabicLinks(
      arabicText(
        [
          'تعوض عبارة «شهرين» الواردة في الفصل 2 من الظهير الشريف رقم 9 الصادر في 12 رمضان 1377 بعبارة «أربعة أشهر».',
          'تنسخ أحكام الفصل 5 من الظهير الشريف رقم 4 السالف الذكر.',
        ],
        'بناء على الظهير الشريف رقم 1.58.339 الصادر في 12 رمضان 1377 بشأن التجمعات العمومية؛',
      ),
    );
    expect(links.operations.map((o) => [o.kind, o.target.number, o.targetArticle])).toEqual([
      ['amended', '1-58-339', '2'],
    ]);
  });
});

describe('parseArabicLinks: numbers OCR misread (generated scans, seed 5151)', () => {
  // Article bodies as OCR read them from the scanned Arabic edition; the title and the other
  // articles name the amended text in full.
  function amending(id: string, number: string, title: string, articles: string[], preamble?: string) {
    return parseArabicLinks({ ...arabicText(articles, preamble), id, number, title });
  }

  it('takes a number with its separators lost (158.309) for the one named with the same figures', () => {
    const links = amending(
      'loi-99-02',
      '99-02',
      'قانون رقم 99.02 يقضي بتغيير وتتميم الظهير الشريف رقم 1.58.309',
      [
        'تعوض عبارة «شهرين» الواردة في الفصل 2 من الظهير الشريف رقم 158.309 الصادر في 12 صفر 1378 (28 غشت 1958) بشأن التعاونيات الفلاحية بعبارة «أربعة أشهر».',
        'تنسخ أحكام الفصل 3 من الظهير الشريف رقم 1.58.309 السالف الذكر, كما وقع تغييره بالظهير الشريف بمثابة قانون رقم 1.73.523 وتعوض بالأحكام التالية: «الفصل 3. - يسلم وزير الفلاحة الوصل داخل أجل ستين يوما.»',
      ],
    );
    expect(links.operations.map((o) => [o.kind, o.target.number, o.targetArticle])).toEqual([
      ['amended', '1-58-309', '2'],
      ['replaced', '1-58-309', '3'],
    ]);
  });

  it('takes a number misread (98.09 .1) for the text named twice with the date printed after it', () => {
    const links = amending(
      'dahir-1-73-523',
      '1-73-523',
      'ظهير شريف بمثابة قانون رقم 1.73.523 صادر في 6 جمادى الأولى 3 72 يونيو 1973) بتغيير الظهير الشريف رقم 1.58.309 الصادر في 2 ضفر 1378 (28 غشت 1958) بشأن التغاوّنيات الفلاحيّة',
      [
        'تغير على النحو التالي أحكام الفصل 3 من الظهير الشريف رقم 98.09 .1 الصادر في 12 صفر 1378 (28 غشت 1958): «الفصل 3 - يسلم وزير الفلاحة وصلا مؤرخا ومختوما داخل أجل ثمانية أيام؛ وتوجه نسخة منه إلى وكيل الملك وإلى وزير الداخلية.»',
        'تنسخ أحكام الفصل 5 من الظهير الشريف رقم 1.58.309 السالف الذكر.',
        // Another dahir of another date, named once: kept as printed.
        'تنسخ أحكام الفصل 7 من الظهير الشريف رقم 1.60.101 الصادر في 3 يناير 1960.',
      ],
    );
    expect(links.operations.map((o) => [o.kind, o.target.number, o.targetArticle])).toEqual([
      ['amended', '1-58-309', '3'],
      ['abrogated', '1-58-309', '5'],
      ['abrogated', '1-60-101', '7'],
    ]);
  });

  it('takes a number misread (61.6) followed by السالف الذكر for the one text of its kind named before', () => {
    const links = amending(
      'loi-99-14',
      '99-14',
      'قانون رقم 99.14 يقضي بتغيير وتتميم القانون رقم 67.06 المتعلق بمؤسسات التكوين المهني الخاص',
      [
        'تحذف كلمة «كتابة» الواردة في المادة 6 من القانون رقم 67.06 السالف الذكر',
        'تتمم المادة 7 من القانون رقم 61.6 السالف الذكر بالبند 4 التالي: «4 - ممثل عن الهيئات المهنية.»',
      ],
    );
    expect(links.operations.map((o) => [o.kind, o.target.number, o.targetArticle, o.body ?? null])).toEqual([
      ['amended', '67-06', '6', null],
      ['completed', '67-06', '7', '4 - ممثل عن الهيئات المهنية.'],
    ]);
  });

  it('takes رقم 1. (the rest lost) for the text named twice with that date, and reads يلفى as يلغى (seed 7373)', () => {
    const links = amending(
      'dahir-1-73-591',
      '1-73-591',
      'ظهير شريف بمثابة قانون رقم 1.73.591 صادر في 25 صفر 1393 (30 مارس 1973) بتغيير الظهير الشريف رقم 18.71 الصادر في 2 جب 1377 (1 فبرايز 1958) بتنظيم حق تاسيس الجمعيات',
      [
        'تغير على النحو التالي أحكام الفصل 3 من الظهير الشريف رقم 1. الصادر في 12 رجب 1377 (1 فبراير 1958): «الفصل 3. - يسلم السلطة الإدارية المحلية وصلا مؤرخا ومختوما داخل أجل ثمانية أيام, وتوجه نسخة منه إلى وكيل الملك وإلى وزير الداخلية.»',
        'يلفى الفصل 5 من الظهير الشريف رقم 1.58.271 المشار إليه أعلاه.',
      ],
      'بناء على الظهير الشريف رقم 1.58.271 الصادر في 12 رجب 1377 (1 فبراير 1958) بتنظيم حق تاسيس الجمعيات, كما وقع تغييره وتتميمه؛',
    );
    expect(links.operations.map((o) => [o.kind, o.target.number, o.targetArticle])).toEqual([
      ['amended', '1-58-271', '3'],
      ['abrogated', '1-58-271', '5'],
    ]);
  });

  it('reads new wording whose opening « OCR read as a period from the colon announcing it', () => {
    const links = amending('loi-99-14', '99-14', 'قانون رقم 99.14 يقضي بتغيير وتتميم القانون رقم 67.06', [
      'تعوض أحكام البند 3 من المادة 2 من القانون رقم 67.06 السالف الذكر بالأحكام التالية: .3 - معاهد التكوين التقني والتكوين بالتناوب.»',
    ]);
    expect(links.operations).toMatchObject([
      {
        kind: 'replaced',
        targetArticle: '2',
        item: '3',
        body: '3 - معاهد التكوين التقني والتكوين بالتناوب.',
      },
    ]);
  });
});
