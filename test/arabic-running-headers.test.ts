import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../cli/ingest-command.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import { type ArabicScanMeasure, measureArabicScan } from './arabic-law-scan-measure.js';
import {
  ARABIC_CODES_ISSUE,
  ARABIC_LAW_ISSUE,
  renderArabicLawIssue,
  renderArabicLawScan,
} from './real-arabic-law-scan.js';

/**
 * Issue 22, end to end: real Arabic law set as a two-column Arabic-edition scan, a running
 * header on every page ({@link renderArabicLawScan}), then OCR'd and parsed.
 */

/** Articles of the dahir printed. */
const ARTICLES = 18;

/** A scan of `pdf` read as `jarida ingest` reads it, into a data directory under `dir`. */
async function ingestScan(dir: string, pdf: Uint8Array, number: number): Promise<ParsedBulletin | null> {
  const file = path.join(dir, `bo-ar-${number}.pdf`);
  await writeFile(file, pdf);
  const dataDir = path.join(dir, 'data');
  const [outcome] = await runIngest([file], { dataDir, lang: 'ara', progress: false });
  return outcome?.sha256 ? await new DataDir(dataDir).loadBulletin(outcome.sha256) : null;
}

describe('real Arabic law set as a two-column Arabic-edition scan with running headers (issue 22)', () => {
  const key = ARABIC_LAW_ISSUE;
  let dir: string;
  let parsed: ParsedBulletin | null = null;
  let pageCount = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-ar-headers-'));
    const { pdf, truth } = await renderArabicLawScan(ARTICLES, 22);
    pageCount = truth.pages.length;
    parsed = await ingestScan(dir, pdf, key.number);
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

  it('keeps what each running header printed as its page’s metadata, every date right', () => {
    // The first page carries the masthead, every other page a running header.
    const expected = Array.from({ length: pageCount - 1 }, (_, i) => ({
      pageIndex: i + 2,
      printedPage: key.firstPage + i + 1,
      issueNumber: String(key.number),
      date: key.date,
    }));
    expect(parsed!.pages?.map(({ hijriDate: _, ...page }) => page)).toEqual(expected);
  });

  it('dates the issue from its masthead and headers', () => {
    expect(parsed!.bulletin.date).toBe(key.date);
    expect(parsed!.bulletin.number).toBe(String(key.number));
  });
});

/** Articles of the dahir on the Orders of the Kingdom printed after the codes and the décret: four pages in all. */
const ORDERS_ARTICLES = 20;

describe('real Arabic law of several texts set as one Arabic-edition scan (issue 22’s done-when)', () => {
  // The dahirs promulgating the Code du travail and the Code de la famille, each code (its
  // books, titles and chapters between articles), the décret 2.12.502 and the dahir on the
  // Orders of the Kingdom: six texts, two of them linked to their dahirs.
  let dir: string;
  let measure: ArabicScanMeasure;
  let parsed: ParsedBulletin | null = null;
  let printed: number[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-ar-codes-'));
    const issue = await renderArabicLawIssue(ORDERS_ARTICLES, 9);
    printed = issue.printedPages;
    parsed = await ingestScan(dir, issue.pdf, ARABIC_CODES_ISSUE.number);
    measure = measureArabicScan(parsed!, issue.truth, printed);
  }, 900_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints six texts over several pages under running headers', () => {
    expect(printed.length).toBeGreaterThanOrEqual(4);
    expect(parsed).not.toBeNull();
  });

  it('finds every text and article (F1 ≥ 0.95), none invented', () => {
    expect(measure.texts.f1, JSON.stringify(measure.texts)).toBeGreaterThanOrEqual(0.95);
    expect(measure.articles.f1, JSON.stringify(measure.articles)).toBeGreaterThanOrEqual(0.95);
  });

  it('links each code to the dahir that promulgates it, under its own title', () => {
    for (const [dahir, loi, title] of [
      ['dahir-1-03-194', 'loi-65-99', 'قانون رقم 65.99 يتعلق بمدونة الشغل'],
      ['dahir-1-04-22', 'loi-70-03', 'قانون رقم 70.03 بمثابة مدونة الأسرة'],
    ]) {
      expect(parsed!.texts.find((t) => t.id === dahir)?.promulgates).toBe(loi);
      expect(parsed!.texts.find((t) => t.id === loi)?.title).toBe(title);
    }
  });

  it('leaves no running-header text in any article body', () => {
    expect(measure.headerLeaks).toEqual([]);
  });

  it('cites printed pages of the issue for every publication, never the file’s page index', () => {
    expect(measure.pages).toEqual({ wrong: [], firstPage: printed[0], lastPage: printed.at(-1) });
  });

  it('reads every running header’s page, issue and date, and every text’s signing date or flags it', () => {
    expect(measure.headers.wrong).toEqual([]);
    // Seed 9 read the Orders dahir's `1421 (5 يونيو` as `1 5(9 يونيو`: its Hijri year lost, the
    // Gregorian day misread. Nothing checks that day, so the date is flagged, never taken silently.
    expect(measure.textDates.silent).toEqual([]);
    expect(measure.textDates.right).toBeGreaterThanOrEqual(measure.textDates.total - 1);
    // The Hijri dates worded `14 من رجب 1424` and `12 من ذي الحجة 1424` too.
    expect(parsed!.texts.filter((t) => t.type === 'dahir').map((t) => t.hijriDate)).toContain('14 رجب 1424');
    expect(parsed!.texts.filter((t) => t.type === 'dahir').map((t) => t.hijriDate)).toContain(
      '12 ذي الحجة 1424',
    );
  });
});
