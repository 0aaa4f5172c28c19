import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../cli/ingest-command.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import { ARABIC_LAW_ISSUE, renderArabicLawScan } from './real-arabic-law-scan.js';

/**
 * Issue 22, end to end: real Arabic law set as a two-column Arabic-edition scan, a running
 * header on every page ({@link renderArabicLawScan}), then OCR'd and parsed.
 */

/** Articles of the dahir printed. */
const ARTICLES = 18;

describe('real Arabic law set as a two-column Arabic-edition scan with running headers (issue 22)', () => {
  const key = ARABIC_LAW_ISSUE;
  let dir: string;
  let parsed: ParsedBulletin | null = null;
  let pageCount = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-ar-headers-'));
    const { pdf, truth } = await renderArabicLawScan(ARTICLES, 22);
    pageCount = truth.pages.length;
    const file = path.join(dir, `bo-ar-${key.number}.pdf`);
    await writeFile(file, pdf);
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
