/**
 * Fuzzing of the amendment stage: the link parsers of both editions on mutated amending
 * clauses, the consolidation-note reader on mutated excerpts of the real loi 17-95, and the
 * versions computation on random operation lists. Each must give well-formed links (canonical
 * article numbers, addressable text ids, real dates) and consistent versions, whatever it reads.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectArticleNumber,
  expectIsoDay,
  fuzzBudget,
  keywordSoup,
  mutate,
  mutation,
  TEXT_ID,
} from '../../test/fuzz.js';
import { canonicalNumber, textId } from '../ids.js';
import type { AmendmentKind, Language, LegalText } from '../model.js';
import { parseConsolidationNotes } from './consolidation-notes.js';
import type { CitedText, TextLinks } from './links.js';
import { parseTextLinks } from './parse-links.js';
import { type ComputedVersion, computeVersions, type DatedOperation } from './versions.js';

const KINDS: readonly AmendmentKind[] = [
  'amended',
  'completed',
  'replaced',
  'abrogated',
  'inserted',
  'renumbered',
];

/** Amending clauses as the French edition prints them. */
const FRENCH_CLAUSES = [
  "Les dispositions de l'article 3 du dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) sont modifiées ainsi qu'il suit : « Article 3. – Toute association fondée sur une cause illicite est nulle. »",
  "A l'article 2 du dahir précité, les mots « trois mois » sont remplacés par les mots « six mois ».",
  'Le dahir précité est complété par un article 4 bis ainsi rédigé : « Article 4 bis. – Les associations déposent leurs comptes. »',
  'Les articles 5 et 6 du dahir n° 1-58-376 précité sont abrogés.',
  'Sont abrogées les dispositions du décret n° 2-73-12 du 10 avril 1973.',
  'Les articles 8 et 9 du dahir précité deviennent respectivement les articles 9 et 10.',
  'La présente loi entre en vigueur à compter du 1er janvier 2016.',
];
const FRENCH_PREAMBLE =
  "Vu le dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d'association, tel qu'il a été modifié et complété ;";

/** Amending clauses as the Arabic general edition prints them. */
const ARABIC_CLAUSES = [
  'تغير وتتمم أحكام المادة 5 من القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين كما يلي: «المادة 5. - لا يمكن القيام بمعالجة المعطيات إلا بموافقة الشخص المعني. (الباقي لا يتغير فيه)»',
  'تنسخ أحكام المادة 12 من القانون رقم ٠٩.٠٨ السالف الذكر.',
  'يتمم القانون رقم 09.08 بالمادة 12 مكرر كما يلي: «المادة 12 مكرر. - تنشر اللجنة تقريرا سنويا.»',
];
const ARABIC_PREAMBLE =
  'بناء على الظهير الشريف رقم 1.09.15 الصادر في 22 من صفر 1430 بتنفيذ القانون رقم 09.08، كما وقع تغييره وتتميمه؛';

/** Words that make the link parsers change state. */
const KEYWORDS = [
  ' article 7 ',
  ' articles 1er à 12 ',
  ' abrogé ',
  ' sont abrogées ',
  ' modifié et complété ',
  ' ainsi qu’il suit : ',
  ' remplacés par ',
  ' les mots « ',
  ' » ',
  ' « Article 12 ter. – ',
  ' précité ',
  ' du dahir n° 1-58-376 ',
  ' de la loi n° 09-08 ',
  ' du décret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009) ',
  ' (31 février 2009) ',
  ' à compter du 99 mai 2016 ',
  ' deviennent les articles ',
  ' (Modifié par l’article 1er de la Loi n° 20-05 promulguée par le Dahir n° 1-08-18 du 17 Joumada I 1429 (23 mai 2008)) ',
  ' المادة 5 ',
  ' مكرر ',
  ' تنسخ ',
  ' تغير وتتمم ',
  ' القانون رقم 09.08 ',
  ' الظهير الشريف رقم 1.58.376 ',
  ' «',
  '» ',
  ' كما يلي: ',
  '\n',
];

function legalText(language: Language, articles: readonly string[], preamble: string): LegalText {
  return {
    id: 'loi-51-14',
    type: 'loi',
    number: '51-14',
    title:
      language === 'fr'
        ? 'Loi n° 51-14 modifiant le dahir n° 1-58-376'
        : 'القانون رقم 51.14 بتغيير القانون رقم 09.08',
    signedOn: null,
    hijriDate: null,
    language,
    bulletinId: `bo-${language}-5000`,
    page: 1,
    articles: articles.map((body, i) => ({
      number: String(i + 1),
      heading: `Article ${i + 1}`,
      body,
      page: 1,
      pageIndex: 1,
    })),
    preamble,
    confidence: 1,
  };
}

function expectCited(target: CitedText): void {
  if (target.number !== null) {
    expect(canonicalNumber(target.number)).toBe(target.number);
    expect(textId(target.type, target.number)).toMatch(TEXT_ID);
  }
  expectIsoDay(target.date);
}

/** What links read from any text must be: canonical numbers, addressable targets, real dates. */
function expectWellFormedLinks(links: TextLinks, text: LegalText): void {
  expect(links.textId).toBe(text.id);
  expect(links.language).toBe(text.language);
  expectIsoDay(links.inForceFrom);
  const own = new Set(text.articles.map((a) => a.number));
  for (const op of links.operations) {
    expect(KINDS).toContain(op.kind);
    if (op.byArticle !== null) expect(own.has(op.byArticle), op.byArticle).toBe(true);
    if (op.targetArticle !== null) expectArticleNumber(op.targetArticle);
    if (op.newNumber !== undefined) expectArticleNumber(op.newNumber);
    expectCited(op.target);
    expect(op.confidence).toBeGreaterThanOrEqual(0);
    expect(op.confidence).toBeLessThanOrEqual(1);
  }
  for (const citation of links.citations) {
    if (citation.targetArticle !== null) expectArticleNumber(citation.targetArticle);
    expectCited(citation.target);
  }
}

describe.each([
  { language: 'fr' as const, clauses: FRENCH_CLAUSES, preamble: FRENCH_PREAMBLE },
  { language: 'ar' as const, clauses: ARABIC_CLAUSES, preamble: ARABIC_PREAMBLE },
])('parseTextLinks fuzzed ($language)', ({ language, clauses, preamble }) => {
  it('reads operations from the unmutated clauses', () => {
    const text = legalText(language, clauses, preamble);
    const links = parseTextLinks(text);
    expect(links.operations.length).toBeGreaterThan(0);
    expectWellFormedLinks(links, text);
  });

  it('gives well-formed links from mutated clauses and preamble', () => {
    fc.assert(
      fc.property(fc.array(mutation(KEYWORDS), { minLength: 1, maxLength: 10 }), (mutations) => {
        const [mutatedPreamble, ...articles] = mutate([preamble, ...clauses], mutations);
        const text = legalText(language, articles, mutatedPreamble!);
        expectWellFormedLinks(parseTextLinks(text), text);
      }),
      fuzzBudget(100),
    );
  });

  it('gives well-formed links from articles of random text', () => {
    fc.assert(
      fc.property(keywordSoup(KEYWORDS, 20, 5), (parts) => {
        const text = legalText(
          language,
          parts.map((p) => p.join('')),
          parts[0]!.join(' '),
        );
        expectWellFormedLinks(parseTextLinks(text), text);
      }),
      fuzzBudget(300),
    );
  });
});

// The consolidated loi 17-95 (sociétés anonymes), a real text: see fixtures/real/NOTICE.md.
const LOI_17_95_LINES = readFileSync(
  new URL('../../fixtures/real/legal-texts-ma/fr/ma-loi-17-95.txt', import.meta.url),
  'utf8',
).split('\n');

describe('parseConsolidationNotes fuzzed on excerpts of the real loi 17-95', () => {
  it('links to addressable texts, canonical articles and real dates', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: LOI_17_95_LINES.length - 1 }),
        fc.integer({ min: 20, max: 300 }),
        fc.array(mutation(KEYWORDS), { maxLength: 10 }),
        (start, length, mutations) => {
          const excerpt = LOI_17_95_LINES.slice(start, start + length).join('\n');
          const [mutated] = mutate([excerpt], mutations);
          for (const amendment of parseConsolidationNotes(mutated!, 'loi-17-95')) {
            expect(amendment.targetTextId).toBe('loi-17-95');
            expect(amendment.byTextId).toMatch(TEXT_ID);
            expect(KINDS).toContain(amendment.kind);
            if (amendment.byArticle !== null) expectArticleNumber(amendment.byArticle);
            if (amendment.targetArticle !== null) expectArticleNumber(amendment.targetArticle);
            expectIsoDay(amendment.date);
          }
        },
      ),
      fuzzBudget(150),
    );
  });
});

const ISO_DAY = fc
  .date({ min: new Date('1956-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const ARTICLE = fc.constantFrom('1', '2', '3', '3-bis', '4', '4-ter', '12', 'unique');
const TARGET = { type: 'dahir' as const, number: '1-58-376', date: null };

const datedOperation: fc.Arbitrary<Omit<DatedOperation, 'order'>> = fc.record({
  byTextId: fc.constantFrom('loi-75-00', 'dahir-1-73-283', 'loi-07-09'),
  inForce: ISO_DAY,
  op: fc.record(
    {
      kind: fc.constantFrom(...KINDS),
      byArticle: fc.option(ARTICLE),
      target: fc.constant(TARGET),
      targetArticle: fc.option(ARTICLE, { freq: 4 }),
      body: fc.string({ maxLength: 20 }),
      substitutions: fc.array(
        fc.record({ from: fc.string({ maxLength: 4 }), to: fc.string({ maxLength: 4 }) }),
        {
          maxLength: 3,
        },
      ),
      newNumber: ARTICLE,
      confidence: fc.constant(1),
    },
    { requiredKeys: ['kind', 'byArticle', 'target', 'targetArticle', 'confidence'] },
  ),
});

describe('computeVersions on random operation lists', () => {
  it('gives each article a chain of versions, and the same whatever order operations come in', () => {
    fc.assert(
      fc.property(
        ISO_DAY,
        fc.uniqueArray(ARTICLE, { minLength: 1, maxLength: 5 }),
        fc.array(datedOperation, { maxLength: 12 }),
        fc.nat(),
        (published, numbers, ops, shuffleSeed) => {
          const operations = ops.map((op, order) => ({ ...op, order }));
          const input = {
            textId: 'dahir-1-58-376',
            published,
            articles: numbers.map((number) => ({ number, body: `Texte de l'article ${number}.` })),
            operations,
          };
          const versions = computeVersions(input);
          const byArticle = new Map<string, ComputedVersion[]>();
          for (const v of versions) byArticle.set(v.article, [...(byArticle.get(v.article) ?? []), v]);
          for (const number of numbers) expect(byArticle.has(number), number).toBe(true);
          for (const [article, chain] of byArticle) {
            expectArticleNumber(article);
            chain.forEach((v, i) => {
              expect(v.validFrom >= published, `${article} starts ${v.validFrom}`).toBe(true);
              if (v.validTo !== null) expect(v.validTo > v.validFrom).toBe(true);
              const next = chain[i + 1];
              // Each version ends where the next begins; only the last is open.
              expect(v.validTo).toBe(next ? next.validFrom : null);
            });
          }
          // Operations arrive in whatever order the archive was read: versions do not depend on it.
          const shuffled = [...operations].sort(
            (a, b) => ((a.order * 7919 + shuffleSeed) % 101) - ((b.order * 7919 + shuffleSeed) % 101),
          );
          expect(computeVersions({ ...input, operations: shuffled })).toEqual(versions);
        },
      ),
      fuzzBudget(1000),
    );
  });
});
