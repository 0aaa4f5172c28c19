/**
 * Arabic copies that lost or misfiled law in silence (issue 16): articles run into one
 * paragraph, an amending dahir's quotation of the articles it replaces, letters stored as
 * presentation forms with figures written right to left. The inputs are the real copies of
 * fixtures/real/bo-pages (055, 056) and lines OCR read from them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realDataPath } from '../../fixtures/real-data.js';
import { parseArabicLinks } from '../amendments/parse-arabic.js';
import type { PageArtefact } from '../model.js';
import { announcedArticlesAr, cutInlineArticlesAr, inlineHeadingsAr } from './inline-articles-ar.js';
import { parseBulletin } from './parse-bulletin.js';
import { lettersOfPresentationForms } from './presentation-forms-ar.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';

const copy = (id: string) => readFileSync(realDataPath('bo-pages', `${id}.txt`), 'utf8');
const parseCopy = (text: string, id: string) =>
  parseBulletin(pagesFromText([text], { language: 'ara' }), recordFor(`copy-${id}.pdf`));

/**
 * Lines tesseract `ara` read from real copy 056 set as a page (the bo-pages bench's text-layer
 * rendering): the dahir flowed as one paragraph, its headings mid-line, `الفصل ]2[2` read `]212`.
 */
const OCR_056 = [
  'قانون تأسيس الجمعيات المغرب ظهير شريف رقم 6111961 الصادر في 3 جمادى الأولى #7351 ا[ 1 موافق 51',
  'نونير 8591 يضبط بموجبه حق تأسيس الجمعيات الحمد الله وحده يعام من ظهيرنا الشريف هذا أسماه االله وأعز',
  'أمره, أننا أصدرنا أمرنا الشريف بما يأتي : الجزء الأول في تأسيس الجمعيات بصفة عامة الفصل 1 الجمعية هي اتفاق',
  'لتحقيق تعاون مستمر بين شخصين أو عدة أشخاص لاستخدام معاوماتهم أو نشاطهم لغاية غير توزيع الأرباح فيما',
  'بينهم. وتجري عليها فيما يرجع لصحتها القواعد القانونية العامة المطبقة على العقود والالتزامات. الفصل ]212 يجوز',
  'تأسيس جمعيات الأشخاص بكل حرية ودون سابق إذن بشرط أن تراعى في ذلك مقتضيات الفصل 5. ]3 [ الفصل 3كل',
  'جمعية تؤسس لفغاي',
];

describe('article headings run into a line (a copy flowed as one paragraph)', () => {
  it('cuts them after a sentence end or a run-in part title, in sequence (OCR of copy 056)', () => {
    const cut = cutInlineArticlesAr(OCR_056.map((text) => ({ text }))).map((l) => l.text);
    expect(cut).toContain('الفصل 1');
    expect(cut).toContain('الفصل 2');
    expect(cut).toContain('الفصل 3');
    expect(cut).toContain('الجمعية هي اتفاق');
    expect(cut).toContain('كل');
    // Nothing lost: the words of every line are all still there, in order.
    const words = (lines: string[]) => lines.join(' ').replace(/\]212/, ']2[2').split(/\s+/).length;
    expect(words(cut)).toBeGreaterThanOrEqual(words(OCR_056) - 1);
  });

  it('leaves citations where they are (real lines of copies 054, 055, 056)', () => {
    for (const line of [
      'تأسيس جمعيات الأشخاص بكل حرية ودون سابق إذن بشرط أن تراعى في ذلك مقتضيات الفصل 5.',
      'بناء على الدستور ولا سيما الفصلين 26 و 58 منه،',
      'بناء على الفصل 102 من الدستور ؛',
      'الفصل 5 من الظهير الشريف رقم 1.58.376 المشار إليه أعلاه',
    ])
      expect(inlineHeadingsAr(line), line).toEqual([]);
    // After a sentence's end but followed by a citation's words, or its number out of sequence.
    expect(inlineHeadingsAr('… العقود. الفصل 5 من هذا الظهير')).toEqual([]);
    const outOfSequence = [{ text: 'والالتزامات. الفصل 7 يجوز تأسيس جمعيات' }];
    expect(cutInlineArticlesAr(outOfSequence)).toEqual(outOfSequence);
  });

  it('makes copy 056 as OCR read it one dahir with articles 1, 2 and 3', () => {
    const parsed = parseCopy(OCR_056.join('\n'), '056');
    expect(parsed.texts).toHaveLength(1);
    expect(parsed.texts[0]!.articles.map((a) => a.number)).toEqual(['1', '2', '3']);
    expect(parsed.texts[0]!.articles[0]!.body).toMatch(/^الجمعية هي اتفاق لتحقيق تعاون مستمر/);
  });

  it('flags a text whose body prints headings it could not cut, its wording kept', () => {
    // Copy 056 as OCR read it, from its second article on: `الفصل ]212` opens no sequence.
    const partial = [
      ...OCR_056.slice(0, 2),
      'أمره, أننا أصدرنا أمرنا الشريف بما يأتي :',
      ...OCR_056.slice(4),
    ];
    const parsed = parseCopy(partial.join('\n'), '056');
    const text = parsed.texts[0]!;
    expect(text.articles).toEqual([]);
    // The header's title ran on over the unbroken lines: the wording is kept there, flagged.
    expect(`${text.title} ${text.preamble ?? ''}`).toMatch(/الفصل ]212 يجوز تأسيس جمعيات الأشخاص/);
    // Named by the header's id (dahir-6111961), as its other warnings are, before the off-series number set it aside.
    expect(parsed.warnings.join('\n')).toMatch(
      /dahir-6111961 p\. 1: no article cut, though its text prints "الفصل ]212 يجوز/,
    );
  });
});

describe('an amending dahir quoting the articles it replaces (copy 055)', () => {
  it('keeps the quoted articles in the amending article, not as its own', () => {
    const parsed = parseCopy(copy('055'), '055');
    const dahir = parsed.texts.find((t) => t.id === 'dahir-1-73-283')!;
    expect(dahir.type).toBe('dahir-portant-loi');
    expect(dahir.articles.map((a) => a.number)).toEqual(['1']);
    expect(dahir.articles[0]!.body).toMatch(
      /كما يلي : الفصل 2- يجوز تأسيس جمعيات .* الفصل 5 – يجب .* الفصل 7 – /,
    );
    expect(parsed.warnings.join('\n')).not.toMatch(/appears twice/);
    // The amendment stage reads every article the formula names, past the note `(المقطع 2)`.
    const targets = parseArabicLinks(dahir).operations.map((o) => `${o.target.number}/${o.targetArticle}`);
    expect(targets).toEqual(
      ['2', '5', '7', '8', '14', '19', '20', '22', '27', '30', '35', '36', '37'].map((a) => `1-58-376/${a}`),
    );
  });

  it('reads the articles announced in the formula only when it amends and announces', () => {
    expect(
      announcedArticlesAr(
        'إن الفصول 2 و5 و7 من الظهير الشريف رقم 1.58.376 المشار إليه أعلاه تغير أو تتمم كما يلي :',
      ),
    ).toEqual(['2', '5', '7']);
    expect(announcedArticlesAr('بناء على الفصل 102 من الدستور ؛ أصدرنا أمرنا الشريف بما يلي :')).toBeNull();
    expect(
      announcedArticlesAr('تغير أحكام الفصل 5 من الظهير الشريف رقم 1.58.376 المشار إليه أعلاه.'),
    ).toBeNull();
  });

  it('still cuts the dahir’s own next article once the quoted ones are past', () => {
    // Copy 055's own lines, and a second article of the amending dahir after its quotation.
    const text = `${copy('055')}\n(الباقي لا يتغير فيه).\nالفصل 2\nينشر ظهيرنا الشريف هذا بالجريدة الرسمية.`;
    const dahir = parseCopy(text, '055').texts.find((t) => t.id === 'dahir-1-73-283')!;
    expect(dahir.articles.map((a) => a.number)).toEqual(['1', '2']);
    expect(dahir.articles[1]!.body).toBe('ينشر ظهيرنا الشريف هذا بالجريدة الرسمية.');
  });
});

describe('letters stored as presentation forms, figures written right to left (copy 056)', () => {
  it('reads presentation forms as letters', () => {
    expect(lettersOfPresentationForms('ﺍﻟﻔﺼل 1 ﺍﻟﺠﻤﻌﻴﺔ')).toBe('الفصل 1 الجمعية');
    expect(lettersOfPresentationForms('ﻅﻬﻴﺭ ﺸﺭﻴﻑ ﺭﻗﻡ')).toBe('ظهير شريف رقم');
  });

  it('makes the copy dahir 1-58-376 of 15 November 1958, its figures turned round and flagged', () => {
    const parsed = parseCopy(copy('056'), '056');
    expect(parsed.texts).toHaveLength(1);
    const dahir = parsed.texts[0]!;
    expect(dahir).toMatchObject({ id: 'dahir-1-58-376', type: 'dahir' });
    // `1378 ]1 [ موافق 15 نونبر 1958`: the footnote call hides the Gregorian twin; the date computed
    // from the Hijri one (a day off the print's 15 November) is flagged as such.
    expect(dahir.signedOn).toMatch(/^1958-11-1[45]$/);
    expect(parsed.warnings.join('\n')).toMatch(
      /dahir-1-58-376: no Gregorian date printed: computed from the Hijri date/,
    );
    expect(dahir.title).toMatch(/^ظهير شريف رقم 1\.58\.376 الصادر في 3 جمادى الأولى 1378/);
    expect(dahir.articles.map((a) => a.number)).toEqual(['1', '2', '3']);
    const warnings = parsed.warnings.join('\n');
    expect(warnings).toMatch(/presentation forms, their figures written right to left .*8731.*check them/);
    // The web page's title the header ran into is kept, in a note.
    expect(warnings).toMatch(/"قانون تأسيس الجمعيات المغرب" before the header/);
  });

  it('leaves figures of a copy whose years read as years', () => {
    const page =
      'ﻅﻬﻴﺭ ﺸﺭﻴﻑ ﺭﻗﻡ 1.58.376 ﺍﻟﺼﺎﺩﺭ ﻓﻲ 3 ﺠﻤﺎﺩﻯ ﺍﻷﻭﻟﻰ 1378 (15 ﻨﻭﻨﺒﺭ 1958)\nﺍﻟﻔﺼل 1\nﺍﻟﺠﻤﻌﻴﺔ ﻫﻲ ﺍﺘﻔﺎﻕ.';
    const parsed = parseCopy(page, '056');
    expect(parsed.texts[0]).toMatchObject({ id: 'dahir-1-58-376', signedOn: '1958-11-15' });
    expect(parsed.warnings.join('\n')).not.toMatch(/right to left/);
  });

  it('reads a consolidated copy whose title is printed twice and lists its amending texts as one text, no sommaire', () => {
    // fixtures/real/legal-texts-ma/ar: `ظهير شريف رقم 80220081صادر في 0ربيع األول 8208` twice and
    // `… ص 70038` look like entries ending with pages, but name one text, pages no issue spans.
    const text = readFileSync(
      realDataPath('legal-texts-ma', 'ar', 'ma-adala-administrative-164.txt'),
      'utf8',
    );
    const parsed = parseCopy(text, 'adala-164');
    // Its own number's figures are scrambled by the extraction (`80220081`): which id it gets is
    // not what this checks.
    expect(parsed.texts).toHaveLength(1);
    expect(parsed.texts[0]!.articles.length).toBeGreaterThan(80);
    expect(parsed.warnings.join('\n')).not.toMatch(/the sommaire lists it/);
  });

  it('opens a dahir whose header an excerpt’s issue note precedes, as the sovereign’s formula follows it (copy 090)', () => {
    // `– الجريدة الرسمية عدد 2395 … –` ends with a dash, as a line leading into a citation does,
    // and the header (`ظهير شريف رقم 1.58.250بسن …`) carries no date: only the formula after it tells.
    const parsed = parseCopy(copy('090'), '090');
    expect(parsed.texts.map((t) => t.id)).toEqual(['dahir-1-58-250']);
    expect(parsed.texts[0]!.articles.map((a) => a.number)).toEqual(['1']);
  });

  it('gives a heading back the `مكررة` OCR set on the next line, as printed or misread', () => {
    // A generated Arabic scan (seed 6262, loi 98-07): `المادة 5` / `مكورة لا يجوز …`.
    const lines = ['المادة 5', 'مكورة لا يجوز للمسؤولين عن المعالجة', 'المادة 6', 'مكونة من ثلاثة أعضاء'];
    expect(cutInlineArticlesAr(lines.map((text) => ({ text }))).map((l) => l.text)).toEqual([
      'المادة 5 مكورة',
      'لا يجوز للمسؤولين عن المعالجة',
      'المادة 6',
      'مكونة من ثلاثة أعضاء',
    ]);
  });
});

/**
 * Real copy 089 (a Scribd Arabic booklet: the dahir 1.02.239 and the loi 37-99 it promulgates)
 * as tesseract read its page, lines with their boxes (text, x, y, w, h). The loi's header follows
 * the booklet's page mark `-2-` after the dahir's footnote: no line closes before it, and a loi
 * prints no date of its own.
 */
const OCR_089: [string, number, number, number, number][] = [
  ['الحالة المدنية', 0.813, 0.085, 0.091, 0.009],
  ['ظهير شريف رقم 9.صادر في 25 من رجب 1233', 0.484, 0.111, 0.42, 0.017],
  ['أكتوبر )2002 بتنفيذ القانون رقم 37.99 المتعلق بالحالة', 0.524, 0.147, 0.381, 0.017],
  ['1', 0.896, 0.168, 0.008, 0.01],
  ['المدنية', 0.858, 0.187, 0.046, 0.009],
  ['الحمد هلل وحده؛', 0.786, 0.215, 0.119, 0.013],
  ['الطابع الشريف -بداخله :', 0.739, 0.252, 0.165, 0.013],
  ['(محمد بن الحسن بن محمد بن يوسف هللا وليه)', 0.548, 0.268, 0.356, 0.021],
  ['يعلم من ظهيرنا الشريف هذا ,اسماه هللا واعز امره أننا :', 0.524, 0.289, 0.381, 0.014],
  ['بناء على الدستور والسيما الفصلين 26 8منه.,', 0.577, 0.306, 0.328, 0.016],
  ['أصدرنا أمرنا الشريف بما يلى :', 0.699, 0.322, 0.205, 0.017],
  [
    'ينفذ وينشر بالجريدة الرسمية .عقب ظهيرنا الشريف هذا ,القانون رقم 37.99 المتعلق',
    0.328,
    0.338,
    0.576,
    0.02,
  ],
  ['بالحالة المدنية ,كما وافق عليه مجلس النواب ومجلس المستشارين.', 0.445, 0.363, 0.459, 0.013],
  ['وحرر بمراكش في 25من رجب 3( 1423 أكتوبر .)2002', 0.515, 0.387, 0.39, 0.017],
  ['وقعه بالعطف :', 0.805, 0.419, 0.1, 0.012],
  ['الوزير األول،', 0.821, 0.452, 0.083, 0.017],
  ['اإلمضاء :عبد الرحمن يوسفي.', 0.706, 0.474, 0.198, 0.013],
  ['- 1الجريدة الرسمية عدد 5054بتاريخ 2رمضان 7( 1423 نوفمبر ,)2002ص .3150', 0.321, 0.501, 0.584, 0.015],
  ['-2-', 0.882, 0.529, 0.023, 0.01],
  ['قانون رقم 37.99يتعلق بالحالة المدنية', 0.637, 0.548, 0.268, 0.014],
  ['الباب األول :أحكام عامة', 0.743, 0.573, 0.161, 0.017],
  ['المادة 1', 0.852, 0.603, 0.052, 0.01],
  ['يقصد بعبارة "الحالة المدنية" في هذا القانون وفي النصوص التنظيمية الصادرة', 0.36, 0.622, 0.544, 0.016],
  [
    'لتطبيقه نظام يقوم على تسجيل وترسيم الوقائع المدنية األساسية لألفراد من والدة ووفاة',
    0.295,
    0.637,
    0.61,
    0.017,
  ],
  ['وزواج وطالق ,وضبط جميع البيانات ‎١‏', 0.648, 0.66, 0.256, 0.013],
];

describe('a loi header after an open line (real copy 089)', () => {
  it('opens the loi when its first article heading follows, though it has no date', () => {
    const page: PageArtefact = {
      index: 0,
      source: 'ocr',
      confidence: 0.9,
      width: 1240,
      height: 1754,
      language: 'ara',
      lines: OCR_089.map(([text, x, y, w, h]) => ({ text, confidence: 0.9, bbox: { x, y, w, h } })),
      header: [],
    };
    const parsed = parseBulletin([page], recordFor('copy-089.pdf'));
    expect(parsed.texts.map((t) => [t.id, t.articles.map((a) => a.number)])).toContainEqual([
      'loi-37-99',
      ['1'],
    ]);
  });
});
