import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUERY_SYNTAX } from '../test/fuzz.js';
import {
  highlightTerms,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  parseQuery,
  QueryLimitError,
  toFtsMatch,
} from './query.js';

describe('parseQuery', () => {
  it('folds and stems free words', () => {
    expect(parseQuery("Réglementation de l'Association").terms).toEqual([
      'reglementation',
      'de',
      'association',
    ]);
  });

  it('makes phrases of balanced quotes of any kind and treats a lone quote as punctuation', () => {
    const q = parseQuery('traitement "données à caractère" «capital social» “siège”');
    expect(q.phrases).toEqual([['donn', 'a', 'caracter'], ['capital', 'social'], ['sieg']]);
    expect(q.terms).toEqual(['traitement']);
    expect(parseQuery('"données traitement').terms).toEqual(['donn', 'traitement']);
    expect(parseQuery('a "b" "c').phrases).toEqual([['b']]);
  });

  it.each([
    ['art. 5 loi 09-08', { text: { id: 'loi-09-08', type: 'loi', number: '09-08' }, article: '5' }],
    [
      'Article 12 du décret n° 2-07-263',
      { text: { id: 'decret-2-07-263', type: 'decret', number: '2-07-263' }, article: '12' },
    ],
    [
      "l'article premier de la loi organique n° 065.13",
      { text: { id: 'loi-organique-065-13', type: 'loi-organique', number: '065-13' }, article: '1' },
    ],
    [
      'article 97 bis de la loi 17-95',
      { text: { id: 'loi-17-95', type: 'loi', number: '17-95' }, article: '97-bis' },
    ],
    [
      'dahir 1.58.376, article unique',
      { text: { id: 'dahir-1-58-376', type: 'dahir', number: '1-58-376' }, article: 'unique' },
    ],
    [
      'Dahir portant loi n° 1-73-283',
      { text: { id: 'dahir-1-73-283', type: 'dahir-portant-loi', number: '1-73-283' } },
    ],
    [
      'arrêté conjoint 3579-22',
      { text: { id: 'arrete-conjoint-3579-22', type: 'arrete-conjoint', number: '3579-22' } },
    ],
    ['المادة 5 من القانون 09.08', { text: { id: 'loi-09-08', type: 'loi', number: '09-08' }, article: '5' }],
    [
      'المادة الأولى من القانون رقم ٠٩.٠٨',
      { text: { id: 'loi-09-08', type: 'loi', number: '09-08' }, article: '1' },
    ],
    [
      'الفصل 12 مكرر من الظهير الشريف رقم 1.58.376',
      { text: { id: 'dahir-1-58-376', type: 'dahir', number: '1-58-376' }, article: '12-bis' },
    ],
    ['مرسوم رقم 2.09.165', { text: { id: 'decret-2-09-165', type: 'decret', number: '2-09-165' } }],
    ['article 7', { article: '7' }],
  ])('finds the reference in %j', (query, reference) => {
    const q = parseQuery(query);
    expect(q.reference).toEqual(reference);
    // Nothing of a lone reference is left to match as words.
    expect(q.terms).toEqual([]);
  });

  it('keeps the free words around a reference', () => {
    const q = parseQuery('consentement préalable art. 5 loi 09-08');
    expect(q.terms).toEqual(['consentement', 'prealabl']);
    expect(q.reference?.article).toBe('5');
  });

  it('does not take citations inside words or bare numbers for references', () => {
    expect(parseQuery('emploi 2-3').reference).toBeNull();
    expect(parseQuery('partie 5').reference).toBeNull();
    expect(parseQuery('09-08').reference).toBeNull();
  });

  it('knows whether the query is in Arabic script', () => {
    expect(parseQuery('القانون').arabic).toBe(true);
    expect(parseQuery('loi').arabic).toBe(false);
  });
});

describe('toFtsMatch', () => {
  it('quotes every term and phrase', () => {
    expect(toFtsMatch(parseQuery('traitement "données personnelles" NEAR'))).toBe(
      '"traitement" "near" "donn personnel"',
    );
    expect(toFtsMatch(parseQuery('*:^-()'))).toBeNull();
    expect([...highlightTerms(parseQuery('a "b c"'))]).toEqual(['a', 'b', 'c']);
  });

  it('always yields an expression FTS5 accepts, whatever the input', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')");
    db.prepare('INSERT INTO f VALUES (?, ?)').run('loi 09 08', 'donnees a caracter personnel');
    const search = db.prepare('SELECT count(*) FROM f WHERE f MATCH ?').pluck();
    const syntax = fc.constantFrom(...QUERY_SYNTAX);
    const words = fc.constantFrom(
      'données',
      'loi',
      'art.',
      '5',
      '09-08',
      'القانون',
      'المادة',
      'أَحْكَامُ',
      'é',
      '\u0301',
    );
    const piece = fc.oneof(syntax, words, fc.string({ unit: 'grapheme', maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const match = toFtsMatch(parseQuery(pieces.join('')));
        if (match !== null) expect(() => search.get(match)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
    db.close();
  });
});

describe('query limits', () => {
  it('requires a word or phrase typed many times once', () => {
    const repeated = parseQuery('de la loi '.repeat(90));
    expect(repeated.terms).toEqual(['de', 'la', 'loi']);
    expect(repeated.text).toBe('de la loi');
    // What reaches FTS5: three quoted terms, not 270.
    expect(toFtsMatch(repeated)).toBe('"de" "la" "loi"');
    const phrases = parseQuery('"capital social" «capital social» "Capital  sociale"');
    expect(phrases.phrases).toEqual([['capital', 'social']]);
    expect(phrases.phraseTexts).toEqual(['capital social']);
  });

  it('refuses a query past the length limit before parsing it, with a stable code', () => {
    const huge = 'de la loi '.repeat(700);
    expect(huge.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    expect(() => parseQuery(huge)).toThrow(QueryLimitError);
    expect(() => parseQuery(huge)).toThrow(expect.objectContaining({ code: 'E_QUERY_TOO_LONG' }));
    expect(() => parseQuery('a'.repeat(MAX_QUERY_LENGTH))).not.toThrow();
  });

  it('refuses more distinct terms than the limit, counting phrase words', () => {
    const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');
    expect(parseQuery(words(MAX_QUERY_TERMS)).terms).toHaveLength(MAX_QUERY_TERMS);
    expect(() => parseQuery(words(MAX_QUERY_TERMS + 1))).toThrow(
      expect.objectContaining({ code: 'E_QUERY_TOO_MANY_TERMS' }),
    );
    expect(() => parseQuery(`${words(MAX_QUERY_TERMS)} "${words(1, MAX_QUERY_TERMS)}"`)).toThrow(
      QueryLimitError,
    );
  });
});
