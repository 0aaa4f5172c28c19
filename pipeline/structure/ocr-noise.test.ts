import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../errors.js';
import { precisionRecall } from '../evaluation.js';
import { parseBulletin } from './parse-bulletin.js';
import { addNoise, pagesFromText, recordFor } from './testing/test-helpers.js';
import { ISSUE_EXPECTED, ISSUE_PAGES } from './testing/test-issue.js';

/** What OCR does to single characters of French print (BO-FORMAT.md). */
const CONFUSIONS: Record<string, readonly string[]> = {
  l: ['1', 'I', '|'],
  '1': ['l', 'I'],
  I: ['l', '1', '/'],
  i: ['l', '1'],
  O: ['0'],
  '0': ['O', 'o'],
  o: ['0'],
  m: ['rn'],
  é: ['e', 'c'],
  è: ['e'],
  e: ['c'],
  h: ['li', 'ft'],
  '°': ['o', 'O', '"'],
  n: ['u'],
};

const EXPECTED_TEXTS = Object.keys(ISSUE_EXPECTED);
const EXPECTED_ARTICLES = Object.entries(ISSUE_EXPECTED).flatMap(([id, ns]) => ns.map((n) => `${id}/${n}`));

interface Recall {
  /** Recall of text ids and of `textId/article` keys. */
  texts: number;
  articles: number;
  /** Articles found, whatever text id they were filed under, over the articles expected. */
  articlesFound: number;
}

/** Recall of the parse of the test issue with noise; null when the masthead was unreadable. */
function recall(rate: number, seed: number): Recall | null {
  const pages = ISSUE_PAGES.map((p, i) => addNoise(p, rate, seed * 31 + i, CONFUSIONS));
  try {
    const parsed = parseBulletin(pagesFromText(pages), recordFor('upload.pdf'));
    return {
      texts: precisionRecall(
        EXPECTED_TEXTS,
        parsed.texts.map((t) => t.id),
      ).recall,
      articles: precisionRecall(
        EXPECTED_ARTICLES,
        parsed.texts.flatMap((t) => t.articles.map((a) => `${t.id}/${a.number}`)),
      ).recall,
      articlesFound: parsed.texts.flatMap((t) => t.articles).length / EXPECTED_ARTICLES.length,
    };
  } catch (error) {
    // The only error allowed is the masthead's: with no number anywhere, there is no issue to file texts under.
    if (error instanceof PipelineError && error.code === 'UNREADABLE_MASTHEAD') return null;
    throw error;
  }
}

function meanRecall(rate: number, seeds: number): { texts: number; articles: number } {
  const runs = Array.from({ length: seeds }, (_, s) => recall(rate, s + 1) ?? { texts: 0, articles: 0 });
  const mean = (f: (r: { texts: number; articles: number }) => number) =>
    runs.reduce((a, r) => a + f(r), 0) / runs.length;
  return { texts: mean((r) => r.texts), articles: mean((r) => r.articles) };
}

describe('parseBulletin under random OCR noise', () => {
  it('never throws but the masthead error, and keeps most texts and articles at rates up to 1 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        (seed, rate) => {
          const r = recall(rate, seed);
          if (r === null) return;
          // Ids may suffer from a misread digit; the structure (texts cut into articles) must hold.
          expect(r.articlesFound).toBeGreaterThanOrEqual(0.75);
          expect(r.texts).toBeGreaterThan(0);
        },
      ),
      // A fixed seed: the same cases every run, so a failure is a regression, not bad luck.
      { numRuns: 150, seed: 20_250_101 },
    );
  });

  it('degrades gracefully as noise grows', () => {
    const rates = [0.005, 0.02, 0.05, 0.1];
    const figures = rates.map((rate) => meanRecall(rate, 30));
    // Measured: 0.5 % → texts 0.93, articles 0.94; 2 % → 0.88, 0.87; 5 % → 0.64, 0.58; 10 % → 0.38, 0.41.
    expect(figures[0]!.texts).toBeGreaterThanOrEqual(0.9);
    expect(figures[0]!.articles).toBeGreaterThanOrEqual(0.9);
    expect(figures[1]!.articles).toBeGreaterThanOrEqual(0.8);
    for (let i = 1; i < rates.length; i++) {
      expect(figures[i]!.articles).toBeLessThanOrEqual(figures[i - 1]!.articles + 0.02);
    }
  });
});
