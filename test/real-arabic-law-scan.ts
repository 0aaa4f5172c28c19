/**
 * Issue 22's input: real Arabic law (the dahir on the Orders of the Kingdom, as extracted from
 * its official PDF: fixtures/real/legal-texts-ma/ar) set by the fixture generator as a
 * two-column Arabic-edition scan, a running header on every page.
 */
import { readFile } from 'node:fs/promises';
import type { TextMeta } from '../fixtures/content-fr.js';
import { ArabicMetrics } from '../fixtures/fonts-ar.js';
import { composeIssue } from '../fixtures/generate.js';
import type { IssueKey } from '../fixtures/issue-plan.js';
import { Prng } from '../fixtures/prng.js';
import { realDataPath } from '../fixtures/real-data.js';
import { renderIssue } from '../fixtures/render-issue.js';
import { bodyParagraph, standaloneArticle, textTitle } from '../fixtures/styles.js';
import { formatHijriAr } from '../pipeline/calendars.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';

/** The issue the dahir is printed in. */
export const ARABIC_LAW_ISSUE: IssueKey = { number: 5167, date: '2003-12-08', firstPage: 3969 };

/**
 * Bodies of the dahir's first `count` articles, as the extraction gave them but for its page
 * markers (`-3-`), list marks glued to words (`7IIوسام`) and full stops read `7`; the figures
 * of its headings are scrambled by the extraction, so the articles are numbered anew.
 */
async function realArticles(count: number): Promise<string[]> {
  const text = await readFile(
    realDataPath('legal-texts-ma', 'ar', 'ma-adala-administrative-164.txt'),
    'utf8',
  );
  const bodies: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^المادة\s+\S+$/u.test(line)) bodies.push([]);
    else if (bodies.length && line && !/^-\d+-$/.test(line) && !/^الفرع|^الفصل/u.test(line))
      bodies.at(-1)!.push(line.replace(/^\d*[IVX]*(?=\p{Script=Arabic})/u, '').replace(/7$/, '.'));
  }
  return bodies
    .map((b) => b.join(' ').replace(/ا([أإآ])ل/gu, 'ال$1'))
    .filter((b) => b.length > 40)
    .slice(0, count);
}

/** The dahir's first `articles` articles printed as the only text of an issue, scanned (`seed`). */
export async function renderArabicLawScan(
  articles: number,
  seed: number,
): Promise<{ pdf: Uint8Array; truth: BulletinTruth }> {
  const bodies = await realArticles(articles);
  const meta: TextMeta = {
    id: 'dahir-1-00-218',
    type: 'dahir',
    number: '1-00-218',
    title: 'ظهير شريف رقم 1.00.218 صادر في 2 ربيع الأول 1421 (5 يونيو 2000) يتعلق بأوسمة المملكة',
    signedOn: '2000-06-05',
    hijriDate: formatHijriAr('2000-06-05'),
    articleLabels: bodies.map((_, i) => (i === 0 ? 'premier' : String(i + 1))),
  };
  const paragraphs = [
    textTitle(`${meta.title}.`, meta.id),
    bodyParagraph('الحمد لله وحده،'),
    bodyParagraph('يعلم من ظهيرنا الشريف هذا، أسماه الله وأعز أمره أننا:'),
    bodyParagraph('أصدرنا أمرنا الشريف بما يلي:'),
    ...bodies.flatMap((body, i) =>
      standaloneArticle(i === 0 ? 'المادة الأولى' : `المادة ${i + 1}`, [body], meta.id, i),
    ),
  ];
  const { layout, truth } = composeIssue(
    'ar',
    ARABIC_LAW_ISSUE,
    [
      {
        texts: [meta],
        entry: { textId: meta.id, group: 'TEXTES GENERAUX', subject: 'أوسمة المملكة', title: meta.title },
        paragraphs,
      },
    ],
    new ArabicMetrics(),
  );
  const rendered = await renderIssue(
    layout,
    { quality: 'scan', pageImages: false, info: { title: 'BO', date: ARABIC_LAW_ISSUE.date } },
    new Prng(seed),
  );
  return { pdf: rendered.pdf, truth };
}
