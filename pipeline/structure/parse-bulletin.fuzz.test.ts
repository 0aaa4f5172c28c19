/**
 * Fuzzing of the whole-bulletin parse, French and Arabic: pages of a real-looking issue
 * mutated by insertions of heading keywords, numbers, dates, bidi marks, NUL and controls,
 * lone surrogates and huge lines, by cut and repeated lines, and pages of random text.
 * Whatever the pages say, the parse either refuses the masthead with its typed error or
 * gives a bulletin whose ids, dates and page references are well-formed.
 * (ocr-noise*.test.ts measure recall under OCR-like noise; this is about robustness.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArabicMetrics } from '../../fixtures/fonts-ar.js';
import { composeArabicIssue } from '../../fixtures/generate.js';
import { firstIssue } from '../../fixtures/issue-plan.js';
import { Prng } from '../../fixtures/prng.js';
import {
  expectArticleNumber,
  expectIsoDay,
  fuzzBudget,
  keywordSoup,
  mutate,
  mutation,
  TEXT_ID,
} from '../../test/fuzz.js';
import { PipelineError } from '../errors.js';
import { bulletinId, parseBulletinId, textId } from '../ids.js';
import type { OcrLanguage, ParsedBulletin } from '../model.js';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';
import { ISSUE_PAGES } from './testing/test-issue.js';

/** Words and lines that make the parser change state: headings, masthead parts, dates. */
const KEYWORDS = [
  '\nArticle 5. – ',
  '\nARTICLE PREMIER\n',
  '\nArticle 12 bis\n',
  '\nArticle unique. – ',
  '\nArticle 99999999999999999999\n',
  '\nDahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant\n',
  '\nDécret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009)\n',
  '\nLOI N° 09-08\n',
  '\nArrêté du ministre de l’intérieur n° 3579-08 du 3 safar 1430 (30 janvier 2009)\n',
  '\nSOMMAIRE\n',
  '\nTEXTES GENERAUX\n',
  '\nBULLETIN OFFICIEL\n',
  'N° 5714 7 rabii I 1430 (5 mars 2009)',
  '(31 février 2009)',
  '(99-99-9999)',
  '32 chaoual 99999',
  '\nRectificatif au « Bulletin officiel » n° 5700\n',
  '«',
  '»',
  '\n552 BULLETIN OFFICIEL N° 5714 – 7 rabii I 1430 (5-3-2009)\n',
  '\nالمادة 5\n',
  '\nالمادة الأولى\n',
  '\nظهير شريف رقم 1.58.376 صادر في 3 جمادى الأولى 1378 (15 نوفمبر 1958)\n',
  '\nمرسوم رقم 2.09.165\n',
  '\nالجريدة الرسمية\n',
  'عدد 5714',
  '٠٩.٠٨',
  '\n',
  '\n\n',
] as const;

/** What every parse must give, whatever its pages said. */
function expectWellFormed(parsed: ParsedBulletin, pageCount: number): void {
  const { bulletin } = parsed;
  const key = parseBulletinId(bulletin.id);
  expect(key, bulletin.id).not.toBeNull();
  expect(bulletinId(key!)).toBe(bulletin.id);
  expect(bulletin.pageCount).toBe(pageCount);
  expectIsoDay(bulletin.date);
  if (bulletin.firstPage !== null && bulletin.lastPage !== null) {
    expect(bulletin.firstPage).toBeLessThanOrEqual(bulletin.lastPage);
  }
  for (const text of parsed.texts) {
    expect(text.id).toMatch(TEXT_ID);
    if (text.number !== null) expect(text.id).toBe(textId(text.type, text.number));
    expect(text.bulletinId).toBe(bulletin.id);
    // The edition is read from the masthead and script, not from the file: its texts follow it.
    expect(text.language).toBe(bulletin.edition);
    expectIsoDay(text.signedOn);
    expect(text.confidence).toBeGreaterThanOrEqual(0);
    expect(text.confidence).toBeLessThanOrEqual(1);
    for (const article of text.articles) {
      expectArticleNumber(article.number);
      expect(article.pageIndex).toBeGreaterThanOrEqual(1);
      expect(article.pageIndex).toBeLessThanOrEqual(pageCount);
      expect(typeof article.body).toBe('string');
    }
  }
  for (const warning of parsed.warnings) expect(typeof warning).toBe('string');
}

/** Parses the pages; null when the masthead is unreadable, the one error a parse may raise. */
function parseOrRefuse(pages: readonly string[], language: OcrLanguage, fileName = 'upload.pdf') {
  try {
    return parseBulletin(pagesFromText(pages, { language }), recordFor(fileName));
  } catch (error) {
    if (error instanceof PipelineError && error.code === 'UNREADABLE_MASTHEAD') return null;
    throw error;
  }
}

const ARABIC_PAGES = (() => {
  const prng = new Prng(5);
  return composeArabicIssue(firstIssue(prng), prng.fork(), new ArabicMetrics()).truth.pages.map(
    (p) => p.text,
  );
})();

const EDITIONS = [
  { name: 'French', edition: 'fr', language: 'fra', pages: ISSUE_PAGES },
  { name: 'Arabic', edition: 'ar', language: 'ara', pages: ARABIC_PAGES },
] as const;

describe.each(EDITIONS)('parseBulletin fuzzed, $name edition', ({ edition, language, pages }) => {
  it('the unmutated issue parses well-formed, with texts', () => {
    const parsed = parseOrRefuse(pages, language);
    expect(parsed).not.toBeNull();
    expect(parsed!.texts.length).toBeGreaterThan(0);
    expect(parsed!.bulletin.edition).toBe(edition);
    expectWellFormed(parsed!, pages.length);
  });

  it('mutated pages give a well-formed bulletin or the masthead error', () => {
    fc.assert(
      fc.property(fc.array(mutation(KEYWORDS), { minLength: 1, maxLength: 12 }), (mutations) => {
        const mutated = mutate(pages, mutations);
        const parsed = parseOrRefuse(mutated, language);
        if (parsed) expectWellFormed(parsed, mutated.length);
      }),
      fuzzBudget(100),
    );
  });

  it('pages of random text, named like an issue, give a well-formed bulletin', () => {
    fc.assert(
      fc.property(keywordSoup(KEYWORDS, 30, 4), (random) => {
        const texts = random.map((parts) => parts.join(' '));
        // The file name gives the number, so the masthead is never missing and texts are read.
        const parsed = parseOrRefuse(texts, language, `BO_6280_${edition}.pdf`);
        expect(parsed).not.toBeNull();
        expectWellFormed(parsed!, texts.length);
      }),
      fuzzBudget(100),
    );
  });
});
