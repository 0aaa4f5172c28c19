import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../cli/ingest-command.js';
import type { TextMeta } from '../fixtures/content-fr.js';
import { ArabicMetrics } from '../fixtures/fonts-ar.js';
import { composeIssue } from '../fixtures/generate.js';
import type { IssueKey } from '../fixtures/issue-plan.js';
import { Prng } from '../fixtures/prng.js';
import { realDataPath } from '../fixtures/real-data.js';
import { renderIssue } from '../fixtures/render-issue.js';
import { bodyParagraph, standaloneArticle, textTitle } from '../fixtures/styles.js';
import { formatHijriAr } from '../pipeline/calendars.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';

/**
 * Issue 22, end to end: real Arabic law (the dahir on the Orders of the Kingdom, as extracted
 * from its official PDF: fixtures/real/legal-texts-ma/ar) set by the fixture generator as a
 * two-column Arabic-edition scan, a running header on every page, then OCR'd and parsed.
 */

/** Articles of the dahir printed. */
const ARTICLES = 18;

/**
 * Bodies of the dahir's first articles, as the extraction gave them but for its page markers
 * (`-3-`), list marks glued to words (`7IIوسام`) and full stops read `7`; the figures of its
 * headings are scrambled by the extraction, so the articles are numbered anew.
 */
async function realArticles(): Promise<string[]> {
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
    .slice(0, ARTICLES);
}

describe('real Arabic law set as a two-column Arabic-edition scan with running headers (issue 22)', () => {
  const key: IssueKey = { number: 5167, date: '2003-12-08', firstPage: 3969 };
  let dir: string;
  let parsed: ParsedBulletin | null = null;
  let pageCount = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-ar-headers-'));
    const bodies = await realArticles();
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
      key,
      [
        {
          texts: [meta],
          entry: { textId: meta.id, group: 'TEXTES GENERAUX', subject: 'أوسمة المملكة', title: meta.title },
          paragraphs,
        },
      ],
      new ArabicMetrics(),
    );
    pageCount = truth.pages.length;
    const rendered = await renderIssue(
      layout,
      { quality: 'scan', pageImages: false, info: { title: 'BO', date: key.date } },
      new Prng(22),
    );
    const file = path.join(dir, `bo-ar-${key.number}.pdf`);
    await writeFile(file, rendered.pdf);
    const dataDir = path.join(dir, 'data');
    const [outcome] = await runIngest([file], { dataDir, lang: 'ara', progress: false });
    parsed = outcome?.sha256 ? await new DataDir(dataDir).loadBulletin(outcome.sha256) : null;
  }, 600_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the law over several pages, each under a running header', () => {
    expect(pageCount).toBeGreaterThanOrEqual(3);
    expect(parsed).not.toBeNull();
  });

  it('finds the dahir and its articles', () => {
    // The dahir's number and date are OCR's to read (its bold title line may lose figures): the
    // text is found by its type, its articles by their numbers.
    const dahirs = parsed!.texts.filter((t) => t.type === 'dahir');
    expect(dahirs, JSON.stringify(parsed!.texts.map((t) => t.id))).toHaveLength(1);
    const found = dahirs[0]!.articles.map((a) => a.number);
    const expected = Array.from({ length: ARTICLES }, (_, i) => String(i + 1));
    const hits = expected.filter((n) => found.includes(n)).length;
    expect((2 * hits) / (found.length + expected.length)).toBeGreaterThanOrEqual(0.95);
  });

  it('leaves no running-header text in any article body', () => {
    for (const text of parsed!.texts)
      for (const article of text.articles) {
        expect(article.body, `${text.id} ${article.number}`).not.toMatch(/الجريدة\s*الرسمية/u);
        expect(article.body, `${text.id} ${article.number}`).not.toMatch(/عدد\s*5167/u);
        expect(article.body, `${text.id} ${article.number}`).not.toMatch(/ديسمبر\s*2003/u);
      }
  });

  it('cites printed pages of the issue, never the file’s page index', () => {
    const last = key.firstPage + pageCount - 1;
    expect([parsed!.bulletin.firstPage, parsed!.bulletin.lastPage]).toEqual([key.firstPage, last]);
    for (const text of parsed!.texts) {
      expect(text.page).toBeGreaterThanOrEqual(key.firstPage);
      expect(text.page).toBeLessThanOrEqual(last);
      for (const article of text.articles) {
        expect(article.page).toBeGreaterThanOrEqual(key.firstPage);
        expect(article.page).toBeLessThanOrEqual(last);
      }
    }
  });

  it('dates the issue from its masthead and headers', () => {
    expect(parsed!.bulletin.date).toBe(key.date);
    expect(parsed!.bulletin.number).toBe(String(key.number));
  });
});
