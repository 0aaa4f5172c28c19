/**
 * Issue 22's done-when criteria measured on a parsed Arabic-edition scan against its truth:
 * texts and articles found, running-header text left in article bodies, publication pages
 * printed (never the file's page index), and the dates of every running header and text header.
 */
import { precisionRecall } from '../pipeline/evaluation.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { articleId } from '../pipeline/ids.js';
import type { ParsedBulletin } from '../pipeline/model.js';

export interface ArabicScanMeasure {
  texts: { precision: number; recall: number; f1: number; missed: string[]; invented: string[] };
  articles: { precision: number; recall: number; f1: number; missed: string[]; invented: string[] };
  /** Article bodies holding a fragment of a running header (title, issue number, date or page number), with the fragment. */
  headerLeaks: string[];
  /** Texts and articles whose page is not a printed page of the issue, and the bulletin's first and last page. */
  pages: { wrong: string[]; firstPage: number | null; lastPage: number | null };
  /** Running headers whose page number, issue number or date was read wrong or not at all. */
  headers: { right: number; total: number; wrong: string[] };
  /** Texts found whose signing date differs from the printed one, and those of them no warning flags. */
  textDates: { right: number; total: number; wrong: string[]; silent: string[] };
}

/** A running header's pieces, as OCR may leave them in a line: title, issue number, Hijri and Gregorian dates. */
function headerFragments(truth: BulletinTruth): RegExp[] {
  const { number } = truth.bulletin;
  return [
    /(?<!\p{L})الجريدة\s*الرسمية/u,
    new RegExp(`عدد\\s*${number}|${number}\\s*عدد`, 'u'),
    /(?:ديسمبر|دجنبر)\s*2003/u,
    /شوال\s*1424/u,
  ];
}

export function measureArabicScan(
  parsed: ParsedBulletin,
  truth: BulletinTruth,
  printedPages: readonly number[],
): ArabicScanMeasure {
  const score = (want: string[], got: string[]) => {
    const pr = precisionRecall(want, got);
    return {
      precision: pr.precision,
      recall: pr.recall,
      f1: pr.f1,
      missed: want.filter((k) => !got.includes(k)),
      invented: got.filter((k) => !want.includes(k)),
    };
  };
  const truthArticles = truth.texts.flatMap((t) => t.articles.map((a) => ({ text: t.id, a })));
  const fragments = headerFragments(truth);
  const pageNumber = new RegExp(`(?<!\\d)(?:${printedPages.join('|')})(?!\\d)`, 'u');
  // A text found under another id (its number misread) is compared with the printed text of its type and date.
  const truthOf = (text: ParsedBulletin['texts'][number]) =>
    truth.texts.find((t) => t.id === text.id) ??
    truth.texts.find((t) => t.type === text.type && t.signedOn === text.signedOn);
  const headerLeaks: string[] = [];
  const wrongPages: string[] = [];
  const printed = new Set(printedPages);
  for (const text of parsed.texts) {
    if (!printed.has(text.page)) wrongPages.push(`${text.id} p.${text.page}`);
    for (const article of text.articles) {
      const key = articleId(text.id, article.number);
      if (!printed.has(article.page)) wrongPages.push(`${key} p.${article.page}`);
      const printedBody = truthOf(text)?.articles.find((a) => a.number === article.number)?.body ?? '';
      for (const fragment of [...fragments, pageNumber]) {
        const hit = fragment.exec(article.body);
        // A fragment the law itself prints (a year, a number) is no leak.
        if (hit && !fragment.test(printedBody)) headerLeaks.push(`${key}: ${hit[0]}`);
      }
    }
  }
  const headerPages = truth.pages.slice(1);
  const headersWrong: string[] = [];
  for (const page of headerPages) {
    const got = parsed.pages?.find((p) => p.pageIndex === page.index);
    const want = `${page.printedPage} ${truth.bulletin.number} ${truth.bulletin.date}`;
    const read = got ? `${got.printedPage} ${got.issueNumber} ${got.date}` : 'none';
    if (read !== want) headersWrong.push(`page ${page.index}: ${read} (printed ${want})`);
  }
  const dates = truth.texts.filter((t) => t.signedOn && t.hijriDate);
  const datesWrong: string[] = [];
  const datesSilent: string[] = [];
  for (const text of dates) {
    const got = parsed.texts.find((t) => t.id === text.id);
    if (got?.signedOn === text.signedOn) continue;
    datesWrong.push(`${text.id}: ${got ? got.signedOn : 'not found'}`);
    if (got && !parsed.warnings.some((w) => w.startsWith(`${got.id}: `) && /date/u.test(w)))
      datesSilent.push(`${text.id}: ${got.signedOn}`);
  }
  return {
    texts: score(
      truth.texts.map((t) => t.id),
      parsed.texts.map((t) => t.id),
    ),
    articles: score(
      truthArticles.map(({ text, a }) => articleId(text, a.number)),
      parsed.texts.flatMap((t) => t.articles.map((a) => articleId(t.id, a.number))),
    ),
    headerLeaks,
    pages: { wrong: wrongPages, firstPage: parsed.bulletin.firstPage, lastPage: parsed.bulletin.lastPage },
    headers: {
      right: headerPages.length - headersWrong.length,
      total: headerPages.length,
      wrong: headersWrong,
    },
    textDates: {
      right: dates.length - datesWrong.length,
      total: dates.length,
      wrong: datesWrong,
      silent: datesSilent,
    },
  };
}
