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
