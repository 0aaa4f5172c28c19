import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoPages } from '../bench/bo-pages-bench.js';
import {
  type BoPage,
  type BoPageScore,
  type BoPagesSummary,
  loadBoPages,
  summarizeBoPages,
} from '../fixtures/real-bo-pages.js';
import { realDataPath } from '../fixtures/real-data.js';

/**
 * Real page copies of fixtures/real/bo-pages (dev split only), rendered as text-layer PDFs
 * and ingested through the real pipeline: the scores may not fall below the floor measured
 * on them. `npm run bench -- bo-pages` scores the whole corpus, both splits and renderings.
 */

/**
 * A small dev sample, French only (an Arabic copy has no text layer: its clean raster is OCR'd,
 * 25 s a page; the benchmark reads them): a body page whose running header wraps over two lines
 * (001), a masthead read `1 safar 1433 (S janvier 2012)` (004), a Justice-site single text (008),
 * a consolidated reprint with no issue number and `ART. 2 (modifie par …)` headings (010), a 1958
 * masthead whose number and year OCR mangled (016), a single dahir promulgating a loi that the
 * copy does not print (021).
 */
const SAMPLE = ['001', '004', '008', '010', '016', '021'];

/**
 * Measured on the sample on 2026-12-07 (13:02 UTC tree; see the report of issue 16). The
 * 12:29 UTC tree scored texts P 0.8 (021's loi 40-17, only named in the dahir's title, made a
 * text) and articles R 10/13 (010's `ART. 2 (modifie par …)` headings missed). Raise it as the
 * parser improves; never lower it to make a change pass.
 */
const FLOOR = {
  textsPrecision: 1,
  textsRecall: 1,
  articlesRecall: 1,
  // 016's `Ne 32348` / `rgo8` is kept unidentified and flagged, not read.
  numberRight: 5 / 6,
  dateRightOrFlagged: 1,
};

describe('the bo-pages corpus', () => {
  it('has every copy in exactly one split, with its text and truth, both editions in each split', async () => {
    const files = await readdir(realDataPath('bo-pages'));
    const ids = files.filter((f) => /^\d{3}\.txt$/.test(f)).map((f) => f.slice(0, 3));
    const pages = await loadBoPages();
    expect(pages.map((p) => p.id)).toEqual(ids.sort());
    expect(files.filter((f) => f.endsWith('.truth.json'))).toHaveLength(ids.length);
    for (const split of ['dev', 'test'] as const) {
      const editions = new Set(pages.filter((p) => p.split === split).map((p) => p.truth.edition));
      expect([...editions].sort()).toEqual(['ar', 'fr']);
    }
    for (const page of pages) {
      expect(page.text.length).toBeGreaterThan(0);
      expect(page.truth.issue.date ?? '2000-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const text of page.truth.texts) expect(text.number ?? '1-1').toMatch(/^\d+(?:-\d+)+$/);
    }
  });
});

describe('real page copies as text-layer PDFs, ingested and scored (dev sample)', () => {
  let work: string;
  let sample: BoPage[];
  let scores: BoPageScore[];
  let summary: BoPagesSummary;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'jarida-bo-pages-'));
    sample = (await loadBoPages('dev')).filter((p) => SAMPLE.includes(p.id));
    scores = await readBoPages(sample, 'text-layer', work);
    summary = summarizeBoPages(scores);
  }, 120_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('reads the whole sample, from the dev split only', () => {
    expect(sample.map((p) => p.id)).toEqual(SAMPLE);
    expect(sample.every((p) => p.split === 'dev')).toBe(true);
    expect(scores).toHaveLength(SAMPLE.length);
  });

  it('refuses no copy, and never stores a wrong issue number or date without a word', () => {
    expect(summary.refused).toBe(0);
    const silent = scores.filter((s) => s.number === 'wrong' || s.date === 'wrong');
    expect(silent.map((s) => ({ id: s.id, read: s.read }))).toEqual([]);
  });

  it('stays at or above the measured floor', () => {
    const measured = {
      textsPrecision: summary.texts.precision,
      textsRecall: summary.texts.recall,
      articlesRecall: summary.articles.recall,
      numberRight: summary.numberRight,
      dateRightOrFlagged: summary.dateRightOrFlagged,
    };
    for (const [key, floor] of Object.entries(FLOOR))
      expect(measured[key as keyof typeof FLOOR], key).toBeGreaterThanOrEqual(floor);
  });
});
