/**
 * Issue 22's input: real Arabic law set by the fixture generator as a two-column Arabic-edition
 * scan, a running header on every page: the dahir on the Orders of the Kingdom alone (as
 * extracted from its official PDF), or with excerpts of the Code du travail, the Code de la
 * famille and a décret (fixtures/real/legal-texts-ma/ar).
 */
import { readFile } from 'node:fs/promises';
import { headingAr, labelAr, promulgationAr, signatureBlock } from '../fixtures/content-ar.js';
import type { TextDraft, TextMeta } from '../fixtures/content-fr.js';
import type { Paragraph } from '../fixtures/flow.js';
import { ArabicMetrics } from '../fixtures/fonts-ar.js';
import { composeIssue } from '../fixtures/generate.js';
import type { IssueKey } from '../fixtures/issue-plan.js';
import { Prng } from '../fixtures/prng.js';
import { realDataPath } from '../fixtures/real-data.js';
import { renderIssue } from '../fixtures/render-issue.js';
import {
  bodyParagraph,
  centeredBold,
  indentedLine,
  standaloneArticle,
  textTitle,
} from '../fixtures/styles.js';
import { formatHijriAr } from '../pipeline/calendars.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { textId } from '../pipeline/ids.js';

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

/** The dahir on the Orders of the Kingdom with its first `articles` articles, as a draft of an issue. */
async function ordersDraft(articles: number): Promise<TextDraft> {
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
  return {
    texts: [meta],
    entry: { textId: meta.id, group: 'TEXTES GENERAUX', subject: 'أوسمة المملكة', title: meta.title },
    paragraphs: [
      textTitle(`${meta.title}.`, meta.id),
      bodyParagraph('الحمد لله وحده،'),
      bodyParagraph('يعلم من ظهيرنا الشريف هذا، أسماه الله وأعز أمره أننا:'),
      bodyParagraph('أصدرنا أمرنا الشريف بما يلي:'),
      ...bodies.flatMap((body, i) =>
        standaloneArticle(i === 0 ? 'المادة الأولى' : `المادة ${i + 1}`, [body], meta.id, i),
      ),
    ],
  };
}

/** Drafts laid out as an Arabic-edition issue of `key`, rendered at scan quality (`seed`). */
async function scanIssue(
  key: IssueKey,
  drafts: TextDraft[],
  seed: number,
): Promise<{ pdf: Uint8Array; truth: BulletinTruth }> {
  const { layout, truth } = composeIssue('ar', key, drafts, new ArabicMetrics());
  const rendered = await renderIssue(
    layout,
    { quality: 'scan', pageImages: false, info: { title: 'BO', date: key.date } },
    new Prng(seed),
  );
  return { pdf: rendered.pdf, truth };
}

/** The dahir's first `articles` articles printed as the only text of an issue, scanned (`seed`). */
export async function renderArabicLawScan(
  articles: number,
  seed: number,
): Promise<{ pdf: Uint8Array; truth: BulletinTruth }> {
  return scanIssue(ARABIC_LAW_ISSUE, [await ordersDraft(articles)], seed);
}

/** One text of {@link readCodesExcerpts}: its heading lines, opening and articles in print order. */
interface ExcerptText {
  type: TextMeta['type'];
  number: string;
  signedOn: string;
  title: string;
  promulgates?: string;
  /** Lines before the first article (visas, `رسم ما يلي:`), and headings with the article they precede. */
  opening: string[];
  blocks: ({ heading: string } | { article: string[] })[];
}

/** The excerpts of fixtures/real/legal-texts-ma/ar/bo-codes-excerpts.txt (its format is told in its head). */
async function readCodesExcerpts(): Promise<ExcerptText[]> {
  const text = await readFile(realDataPath('legal-texts-ma', 'ar', 'bo-codes-excerpts.txt'), 'utf8');
  const texts: ExcerptText[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const current = texts.at(-1);
    const [tag, ...rest] = line.split(' ');
    if (!line || line.startsWith('#')) continue;
    if (tag === '@text') {
      const [type, number, signedOn] = rest as [TextMeta['type'], string, string];
      texts.push({ type, number, signedOn, title: '', opening: [], blocks: [] });
    } else if (!current) throw new Error(`bo-codes-excerpts.txt: a line before any @text: ${line}`);
    else if (tag === '@title') current.title = rest.join(' ');
    else if (tag === '@promulgates') current.promulgates = rest[0];
    else if (tag === '@heading') current.blocks.push({ heading: rest.join(' ') });
    else if (tag === '@article') current.blocks.push({ article: [] });
    else {
      const last = current.blocks.at(-1);
      if (last && 'article' in last) last.article.push(line);
      else current.opening.push(line);
    }
  }
  return texts;
}

/** The issue of {@link renderArabicLawIssue}: the Code du travail's (BO n° 5167, p. 3969). */
export const ARABIC_CODES_ISSUE: IssueKey = ARABIC_LAW_ISSUE;

/** What {@link renderArabicLawIssue} prints: the excerpts' texts, and the dahir on the Orders' first articles. */
export interface ArabicLawIssue {
  pdf: Uint8Array;
  truth: BulletinTruth;
  /** Every printed page number of the issue, first to last. */
  printedPages: number[];
}

/**
 * Real Arabic law set as one multi-text Arabic-edition issue, scanned (issue 22's held-back
 * check as near as we can build it): the dahir promulgating the Code du travail and the code
 * (two linked texts), the dahir promulgating the Code de la famille and the code, the décret
 * 2.12.502 with its visas and signing date, then the dahir on the Orders of the Kingdom's first
 * `ordersArticles` articles (0: none); two columns, headings of books, titles and chapters
 * between articles, a running header with the printed page number on every page after the first.
 */
export async function renderArabicLawIssue(ordersArticles: number, seed: number): Promise<ArabicLawIssue> {
  const prng = new Prng(seed);
  const drafts: TextDraft[] = [];
  for (const text of await readCodesExcerpts()) {
    const id = textId(text.type, text.number);
    const word = 'المادة';
    const articles = text.blocks.filter((b) => 'article' in b);
    const labels = articles.map((_, i) => (i === 0 ? 'premier' : String(i + 1)));
    const meta: TextMeta = {
      id,
      type: text.type,
      number: text.number,
      title: text.title,
      signedOn: text.signedOn,
      // A loi printed after its dahir carries no date of its own.
      hijriDate: text.type === 'loi' ? null : formatHijriAr(text.signedOn),
      articleLabels: text.type === 'dahir' ? [] : labels.map((l) => labelAr(l, word, false)),
      ...(text.promulgates ? { promulgates: text.promulgates } : {}),
    };
    let article = 0;
    const body: Paragraph[] = [];
    for (const block of text.blocks) {
      if ('heading' in block) body.push(centeredBold(block.heading, { spaceBefore: 3, spaceAfter: 1 }));
      else {
        body.push(
          ...standaloneArticle(
            headingAr(labelAr(labels[article]!, word, false), word),
            block.article,
            id,
            article,
          ),
        );
        article++;
      }
    }
    const paragraphs: Paragraph[] =
      text.type === 'dahir'
        ? promulgationAr(
            prng,
            { id, title: text.title, signedOn: text.signedOn },
            text.title.replace(/^.*? بتنفيذ القانون رقم /u, ''),
          )
        : text.type === 'loi'
          ? [textTitle(text.title, id), ...body]
          : [
              textTitle(`${text.title}.`, id),
              indentedLine(text.opening[0]!),
              ...text.opening.slice(1, -1).map((line) => bodyParagraph(line)),
              centeredBold(text.opening.at(-1)!),
              ...body,
              ...signatureBlock(prng, text.signedOn, true, []),
            ];
    const promulgated = drafts.at(-1)?.texts[0]?.promulgates === id ? drafts.pop() : undefined;
    drafts.push(
      promulgated
        ? {
            ...promulgated,
            texts: [...promulgated.texts, meta],
            paragraphs: [...promulgated.paragraphs, ...paragraphs],
          }
        : {
            texts: [meta],
            entry: { textId: id, group: 'TEXTES GENERAUX', subject: text.title, title: `${text.title}.` },
            paragraphs,
          },
    );
  }
  if (ordersArticles > 0) drafts.push(await ordersDraft(ordersArticles));
  const { pdf, truth } = await scanIssue(ARABIC_CODES_ISSUE, drafts, seed);
  return { pdf, truth, printedPages: truth.pages.map((_, i) => ARABIC_CODES_ISSUE.firstPage + i) };
}
