import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realDataPath } from '../fixtures/real-data.js';
import {
  foldForSearch,
  normalizeForCer,
  normalizeForSearch,
  searchTerms,
  stemArabic,
  stemFrench,
  TermCache,
  tokenizeForSearch,
} from './normalize.js';

const REALDATA = realDataPath();

describe('normalizeForCer', () => {
  it('collapses whitespace and composes to NFC', () => {
    expect(normalizeForCer('  Article\u00a0 3\n\tbis  ', 'fr')).toBe('Article 3 bis');
    expect(normalizeForCer('re\u0301glementation', 'fr')).toBe('réglementation');
  });

  it('drops harakat and tatweel from Arabic only', () => {
    expect(normalizeForCer('تُطَبَّقُ أَحْكَامُ الـقـانون', 'ar')).toBe('تطبق أحكام القانون');
    // Real OCR ground truth leaves short vowels out: stripping them from the line is a no-op.
    const gt = readFileSync(`${REALDATA}/ocr-ar-lines/${firstGroundTruth()}`, 'utf8');
    expect(normalizeForCer(gt, 'ar')).toBe(gt.replace(/\s+/g, ' ').trim().normalize('NFC'));
  });
});

function firstGroundTruth(): string {
  return readdirSync(`${REALDATA}/ocr-ar-lines`).find((f) => f.endsWith('.gt.txt'))!;
}

describe('foldForSearch', () => {
  it('folds case, Latin accents and ligatures', () => {
    expect(foldForSearch('RÉGLEMENTATION Œuvre Ça')).toBe('reglementation oeuvre ca');
  });

  it('folds Arabic harakat, tatweel, alef variants, alef maqsura, ta marbuta and digits', () => {
    expect(foldForSearch('أَحْكَامُ')).toBe('احكام');
    expect(foldForSearch('إنجاز آلية ٱلقانون')).toBe('انجاز اليه القانون');
    expect(foldForSearch('الأولى المادة')).toBe('الاولي الماده');
    expect(foldForSearch('الـــقانون')).toBe('القانون');
    expect(foldForSearch('٠٩.٠٨ ۱۲')).toBe('09.08 12');
  });

  it('turns presentation forms into letters (NFKC)', () => {
    // ﻻ (lam-alef ligature) and ﺍﻟﻘﺎﻧﻮﻥ (isolated/final forms) as old PDFs encode them.
    expect(foldForSearch('\ufefb')).toBe('لا');
    expect(foldForSearch('\ufe8d\ufedf\ufed8\ufe8e\ufee7\ufeee\ufee5')).toBe('القانون');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s),
      ),
    );
  });
});

describe('stemFrench', () => {
  it.each([
    ['societes', 'societe'],
    ['associations', 'association'],
    ['associees', 'associe'],
    ['definitives', 'definitif'],
    ['personnelles', 'personnel'],
    ['directrice', 'directeur'],
    ['journaux', 'journal'],
    ['bureaux', 'bureau'],
    ['anciennes', 'ancien'],
    ['premiere', 'premier'],
    ['actes', 'acte'],
  ])('%s meets %s', (a, b) => {
    expect(stemFrench(a)).toBe(stemFrench(b));
  });

  it.each([
    ['loi', 'loi'],
    ['des', 'des'],
    ['1er', '1er'],
    ['2009', '2009'],
  ])('leaves short words and numbers alone: %s → %s', (word, stem) => {
    expect(stemFrench(word)).toBe(stem);
  });

  it('keeps distinct words apart', () => {
    expect(stemFrench('reglementation')).not.toBe(stemFrench('reglement'));
    expect(stemFrench('societe')).not.toBe(stemFrench('social'));
  });
});

describe('stemArabic', () => {
  it.each([
    ['القانون', 'قانون'],
    ['والقانون', 'قانون'],
    ['بالقانون', 'قانون'],
    ['للقانون', 'قانون'],
    ['المعطيات', 'معطيات'],
    ['الشركات', 'شركه'],
    ['بمرسوم', 'مرسوم'],
    ['انجازها', 'انجاز'],
  ])('%s meets %s', (a, b) => {
    expect(stemArabic(foldForSearch(a))).toBe(stemArabic(foldForSearch(b)));
  });

  it('keeps at least two letters and spares short words', () => {
    expect(stemArabic('من')).toBe('من');
    expect(stemArabic('بيع')).toBe('بيع');
    expect(stemArabic('كتاب')).toBe('كتاب');
  });
});

describe('tokenizeForSearch', () => {
  it('drops French elided clitics and keeps offsets into the original', () => {
    const text = "L'article 5 de l’association qu'elle déclare";
    const tokens = tokenizeForSearch(text);
    expect(tokens.map((t) => t.term)).toEqual(['articl', '5', 'de', 'association', 'ell', 'declar']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'article',
      '5',
      'de',
      'association',
      'elle',
      'déclare',
    ]);
  });

  it('keeps harakat inside the original span of an Arabic word', () => {
    const text = 'تُطَبَّقُ أَحْكَامُ';
    const tokens = tokenizeForSearch(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['تُطَبَّقُ', 'أَحْكَامُ']);
    expect(tokens.map((t) => t.term)).toEqual(['تطبق', 'احكام']);
  });

  it('splits numbers on their separators, the same way whatever the edition wrote', () => {
    expect(searchTerms('loi n° 09-08')).toEqual(['loi', 'n', '09', '08']);
    expect(searchTerms('القانون رقم ٠٩.٠٨').slice(2)).toEqual(['09', '08']);
  });

  it('only ever yields letters and digits, on real French and Arabic legal text', () => {
    const fr = readFileSync(`${REALDATA}/legal-texts-ma/fr/ma-loi-17-95.txt`, 'utf8').slice(0, 50_000);
    const ar = readFileSync(`${REALDATA}/legal-texts-ma/ar/ma-adala-administrative-164.txt`, 'utf8').slice(
      0,
      20_000,
    );
    for (const text of [fr, ar]) {
      const terms = searchTerms(text);
      expect(terms.length).toBeGreaterThan(1000);
      for (const t of terms) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(searchTerms(fr)).toContain('anonym');
  });

  it('gives the same terms with a term cache, even one that overflows', () => {
    const cache = new TermCache(8);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(normalizeForSearch(s, cache)).toBe(normalizeForSearch(s));
        expect(normalizeForSearch(s, cache)).toBe(normalizeForSearch(s));
      }),
    );
  });

  it('splits words exactly where Unicode letters, digits and marks end', () => {
    const word = /[\p{L}\p{N}\p{M}]+/gu;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const expected = [...s.matchAll(word)]
          .filter((m) => searchTerms(m[0]).length > 0)
          .map((m) => m.index);
        const starts = tokenizeForSearch(s).map((t) => t.start);
        // Elided clitics are dropped: every token starts where a word does, in order.
        expect(starts.every((start) => expected.includes(start))).toBe(true);
        expect(normalizeForSearch(s)).toBe(searchTerms(s).join(' '));
      }),
    );
    expect(tokenizeForSearch('a\u{1d400}b 𝟙').map((t) => [t.start, t.end])).toEqual([
      [0, 4],
      [5, 7],
    ]);
  });

  it('yields only letters and digits for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        for (const t of normalizeForSearch(s).split(' ').filter(Boolean))
          expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
    );
  });
});
