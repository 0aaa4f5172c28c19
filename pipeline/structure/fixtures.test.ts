import { describe, expect, it } from 'vitest';
import { FontMetrics } from '../../fixtures/fonts.js';
import { ArabicMetrics } from '../../fixtures/fonts-ar.js';
import { type ComposedIssue, composeArabicIssue, composeFrenchIssue } from '../../fixtures/generate.js';
import { firstIssue, type IssueKey, nextIssue } from '../../fixtures/issue-plan.js';
import { Prng } from '../../fixtures/prng.js';
import { precisionRecall } from '../evaluation.js';
import type { BulletinTruth } from '../evaluation-truth.js';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';

type Compose = (key: IssueKey, prng: Prng) => ComposedIssue;

const french = (): Compose => {
  const metrics = new FontMetrics();
  return (key, prng) => composeFrenchIssue(key, prng, metrics);
};
const arabic = (): Compose => {
  const metrics = new ArabicMetrics();
  return (key, prng) => composeArabicIssue(key, prng, metrics);
};

/** Consecutive clean issues of the fixture generator, with their truth. */
function generatedIssues(seed: number, count: number, compose: Compose = french()): BulletinTruth[] {
  const prng = new Prng(seed);
  const out: BulletinTruth[] = [];
  let key = firstIssue(prng);
  for (let n = 0; n < count; n++) {
    const { truth } = compose(key, prng.fork());
    out.push(truth);
    key = nextIssue(prng, key, truth.bulletin.lastPage!);
  }
  return out;
}

describe('parseBulletin on generated clean issues', () => {
  const issues = [
    ...generatedIssues(1, 3),
    ...generatedIssues(7, 2),
    ...generatedIssues(3, 3, arabic()),
    ...generatedIssues(11, 2, arabic()),
    ...generatedIssues(7, 2, arabic()),
  ];

  it('includes, in both editions, a dahir portant loi, a text without a number and a rectificatif', () => {
    for (const edition of ['fr', 'ar']) {
      const texts = issues.filter((t) => t.bulletin.edition === edition).flatMap((t) => t.texts);
      expect(texts.some((t) => t.type === 'dahir-portant-loi')).toBe(true);
      expect(texts.some((t) => t.type !== 'rectificatif' && t.number === null && t.articles.length > 0)).toBe(
        true,
      );
      expect(texts.some((t) => t.type === 'rectificatif')).toBe(true);
    }
  });

  it.each(issues.map((t) => [t.bulletin.id, t] as const))(
    '%s: texts and articles match the truth',
    (_, truth) => {
      const pages = pagesFromText(
        truth.pages.map((p) => p.text),
        { printedPages: truth.pages.map((p) => p.printedPage) },
      );
      const parsed = parseBulletin(pages, recordFor(`${truth.bulletin.id}.pdf`));
      expect(truth.texts.length).toBeGreaterThan(1);
      expect(truth.texts.some((t) => t.articles.length > 1)).toBe(true);
      expect(parsed.bulletin).toMatchObject({
        id: truth.bulletin.id,
        date: truth.bulletin.date,
        firstPage: truth.bulletin.firstPage,
        lastPage: truth.bulletin.lastPage,
      });
      const texts = precisionRecall(
        truth.texts.map((t) => t.id),
        parsed.texts.map((t) => t.id),
      );
      const articles = precisionRecall(
        truth.texts.flatMap((t) => t.articles.map((a) => `${t.id}/${a.number}`)),
        parsed.texts.flatMap((t) => t.articles.map((a) => `${t.id}/${a.number}`)),
      );
      expect({ texts: texts.f1, articles: articles.f1 }).toEqual({ texts: 1, articles: 1 });
      for (const want of truth.texts) {
        const got = parsed.texts.find((t) => t.id === want.id)!;
        expect({ signedOn: got.signedOn, page: got.page, promulgates: got.promulgates }).toEqual({
          signedOn: want.signedOn,
          page: want.page,
          promulgates: want.promulgates,
        });
        expect(got.articles.map((a) => [a.number, a.page, a.body])).toEqual(
          want.articles.map((a) => [a.number, a.page, a.body]),
        );
      }
    },
  );
});
