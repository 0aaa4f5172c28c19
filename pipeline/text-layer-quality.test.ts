import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realDataPath } from '../fixtures/real-data.js';
import { dominantScript, scoreTextLayer } from './text-layer-quality.js';

const REAL = realDataPath('legal-texts-ma');
/** A page-sized slice of a real text's lines. */
const page = (file: string, from: number, count = 45): string[] =>
  readFileSync(`${REAL}/${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(from, from + count);

/** The triage of each `[file, line]` page, with where it was taken for assertion messages. */
const triage = (pages: [file: string, from: number][]) =>
  pages.map(([file, from]) => ({ where: `${file}@${from}`, score: scoreTextLayer(page(file, from)) }));

describe('text-layer triage', () => {
  it('trusts the text of real French laws', () => {
    for (const { where, score } of triage([
      ['fr/ma-loi-17-95.txt', 100],
      ['fr/ma-loi-17-95.txt', 2000],
      ['fr/ma-loi-5-96.txt', 300],
    ])) {
      expect(score.trusted, where).toBe(true);
      expect(score.script).toBe('fra');
    }
  });

  it('refuses an Arabic layer with broken lam-alef and glued digits', () => {
    const score = scoreTextLayer(page('ar/ma-adala-administrative-164.txt', 0));
    expect(score.script).toBe('ara');
    expect(score.brokenLigatureRatio).toBeGreaterThan(0);
    expect(score.trusted).toBe(false);
  });

  it('refuses the real extractions whose dates and figures came out in visual order', () => {
    // The 1966 BO page (`18رمضان (31) 1386دجنبر )1966`, columns interleaved) and the dahir further on.
    for (const { where, score } of triage([
      ['ar/ma-adala-finance-laws-9096.txt', 0],
      ['ar/ma-adala-finance-laws-9096.txt', 600],
      ['ar/ma-adala-administrative-164.txt', 200],
    ])) {
      expect(score.scrambledNumberRatio, where).toBeGreaterThan(0.3);
      expect(score.trusted, where).toBe(false);
    }
    for (const from of [0, 2000]) {
      expect(scoreTextLayer(page('fr/ma-loi-17-95.txt', from)).scrambledNumberRatio).toBeLessThan(0.05);
    }
  });

  it('refuses presentation-form glyphs and reversed lines, and trusts the same text in logical order', () => {
    // The 1966 page's prose lines, without the figures extraction scrambled.
    const logical = page('ar/ma-adala-finance-laws-9096.txt', 0, 100).filter(
      (l) => /\p{Script=Arabic}{3}/u.test(l) && !/\d/.test(l),
    );
    expect(scoreTextLayer(logical).trusted).toBe(true);
    const reversed = logical.map((l) => [...l].reverse().join(''));
    const reversedScore = scoreTextLayer(reversed);
    expect(reversedScore.reversedLineRatio).toBeGreaterThan(0.3);
    expect(reversedScore.trusted).toBe(false);
    // NFKC would undo presentation forms; map a few letters to their isolated forms as PDFs store them.
    const forms: Record<string, string> = { ا: '\uFE8D', ل: '\uFEDD', م: '\uFEE1', ر: '\uFEAD', ي: '\uFEF1' };
    const glyphs = logical.map((l) => l.replace(/[المري]/g, (c) => forms[c]!));
    const glyphScore = scoreTextLayer(glyphs);
    expect(glyphScore.presentationFormRatio).toBeGreaterThan(0.1);
    expect(glyphScore.trusted).toBe(false);
  });

  it('refuses replacement and private-use characters, and a layer that is only a page number', () => {
    const french = page('fr/ma-loi-5-96.txt', 300);
    const damaged = french.map((l) => l.replace(/[éèà]/g, '\uFFFD').replace(/s/g, '\uE012'));
    expect(scoreTextLayer(damaged).trusted).toBe(false);
    expect(scoreTextLayer(['689']).trusted).toBe(false);
    expect(scoreTextLayer([]).trusted).toBe(false);
  });

  it('tells the dominant script', () => {
    expect(dominantScript('المادة 5 من القانون رقم 09.08')).toBe('ara');
    expect(dominantScript('Article 5 de la loi n° 09-08')).toBe('fra');
  });
});
