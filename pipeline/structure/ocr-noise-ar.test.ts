import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArabicMetrics } from '../../fixtures/fonts-ar.js';
import { composeArabicIssue } from '../../fixtures/generate.js';
import { firstIssue } from '../../fixtures/issue-plan.js';
import { Prng } from '../../fixtures/prng.js';
import { PipelineError } from '../errors.js';
import { precisionRecall } from '../evaluation.js';
import { parseBulletin } from './parse-bulletin.js';
import { addNoise, pagesFromText, recordFor } from './test-helpers.js';

/**
 * What OCR does to Arabic print: hamza seats lost, `ى`/`ي` and `ة`/`ه` swapped, letters of
 * one skeleton read with the wrong dots, Arabic punctuation read as Latin, and (seen with
 * tesseract `ara` on generated pages) the leading digits of a number dropped.
 */
const CONFUSIONS_AR: Record<string, readonly string[]> = {
  أ: ['ا'],
  إ: ['ا'],
  آ: ['ا'],
  ى: ['ي'],
  ي: ['ى'],
  ة: ['ه'],
  ب: ['ت', 'ن'],
  ت: ['ب', 'ث'],
  ن: ['ب'],
  ج: ['ح'],
  ح: ['ج', 'خ'],
  ف: ['ق'],
  '،': [','],
  '؛': [';'],
  '2': [''],
  '1': ['l', ''],
  '0': ['o', ''],
  ' ': ['', '  '],
};

const metrics = new ArabicMetrics();

/** Two generated Arabic issues with their truth. */
const ISSUES = [5, 23].map((seed) => {
  const prng = new Prng(seed);
  return composeArabicIssue(firstIssue(prng), prng.fork(), metrics).truth;
});

function recall(issue: number, rate: number, seed: number): { texts: number; articlesFound: number } | null {
  const truth = ISSUES[issue]!;
  const pages = truth.pages.map((p, i) => addNoise(p.text, rate, seed * 31 + i, CONFUSIONS_AR));
  const expected = truth.texts.flatMap((t) => t.articles);
  try {
    const parsed = parseBulletin(pagesFromText(pages, { language: 'ara' }), recordFor('upload.pdf'));
    return {
      texts: precisionRecall(
        truth.texts.map((t) => t.id),
        parsed.texts.map((t) => t.id),
      ).recall,
      articlesFound: parsed.texts.flatMap((t) => t.articles).length / expected.length,
    };
  } catch (error) {
    if (error instanceof PipelineError && error.code === 'UNREADABLE_MASTHEAD') return null;
    throw error;
  }
}

describe('parseBulletin under random Arabic OCR noise', () => {
  it('never throws but the masthead error, and keeps the structure at rates up to 1 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        (issue, seed, rate) => {
          const r = recall(issue, rate, seed);
          if (r === null) return;
          expect(r.articlesFound).toBeGreaterThanOrEqual(0.75);
          expect(r.texts).toBeGreaterThan(0);
        },
      ),
      { numRuns: 50, seed: 20_251_122 },
    );
  });

  it('degrades gracefully as noise grows', () => {
    const mean = (rate: number) => {
      const runs = Array.from(
        { length: 12 },
        (_, s) => recall(s % 2, rate, s + 1) ?? { texts: 0, articlesFound: 0 },
      );
      return runs.reduce((a, r) => a + r.texts, 0) / runs.length;
    };
    const figures = [0, 0.005, 0.02, 0.05].map(mean);
    expect(figures[0]).toBe(1);
    expect(figures[1]).toBeGreaterThanOrEqual(0.85);
    for (let i = 1; i < figures.length; i++) expect(figures[i]!).toBeLessThanOrEqual(figures[i - 1]! + 0.02);
    expect(figures[3]!).toBeLessThan(figures[0]!);
  });
});
