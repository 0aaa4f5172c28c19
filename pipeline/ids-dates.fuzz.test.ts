/**
 * Fuzzing of identifiers and dates, the two things every other stage builds on: any input
 * gives a canonical, idempotent identifier or null, and any printed date a real day, never
 * an exception. Dates printed the way the Bulletin prints them read back as themselves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectArticleNumber, expectIsoDay, fuzzBudget, hostileString, TEXT_ID } from '../test/fuzz.js';
import {
  formatGregorianAr,
  formatGregorianFr,
  formatGregorianNumeric,
  formatHijriAr,
  formatHijriFr,
  fromHijri,
  toHijri,
} from './calendars.js';
import { type ParsedDate, parseArabicDate, parseFrenchDate } from './dates.js';
import {
  articleId,
  bulletinId,
  canonicalArticleNumber,
  canonicalNumber,
  guessBulletinFromFileName,
  parseBulletinId,
  SUFFIXES,
  slug,
  textId,
  toWesternDigits,
} from './ids.js';
import { TEXT_TYPES } from './model.js';

/** Days the Bulletin may carry: 1912 (the protectorate's first issues) to 2076 (Umm al-Qura's table ends in 1500 AH). */
const ISO_DAY = fc
  .date({ min: new Date('1912-01-01T00:00:00Z'), max: new Date('2076-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const TEXT_TYPE = fc.constantFrom(...TEXT_TYPES);
/** Text numbers as either edition prints them: `1-58-376`, `1.58.376`, `٠٩.٠٨`, `2 - 09 - 165`. */
const PRINTED_NUMBER = fc
  .tuple(
    fc.array(fc.stringMatching(/^[0-9٠-٩۰-۹]{1,4}$/), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('-', '.', '/', ' - ', '–', '_'),
  )
  .map(([parts, separator]) => parts.join(separator));

describe('identifiers fuzzed', () => {
  it('canonicalNumber is idempotent and gives an addressable text id from any printed number', () => {
    fc.assert(
      fc.property(TEXT_TYPE, PRINTED_NUMBER, (type, printed) => {
        const number = canonicalNumber(printed);
        expect(canonicalNumber(number)).toBe(number);
        expect(number).toMatch(/^[0-9]+(?:-[0-9]+)*$/);
        expect(textId(type, printed)).toMatch(TEXT_ID);
        expect(textId(type, printed)).toBe(textId(type, number));
      }),
      fuzzBudget(2000),
    );
  });

  it('a text without a number gets {type}-{date}-{hash} whatever its title (the Constitution {type}-{year})', () => {
    fc.assert(
      fc.property(TEXT_TYPE, fc.option(ISO_DAY), hostileString(60), (type, signedOn, title) => {
        const id = textId(type, null, { signedOn, title });
        expect(id).toMatch(TEXT_ID);
        expect(id).toMatch(
          type === 'constitution' && signedOn
            ? /^constitution-\d{4}$/
            : /-(?:undated|\d{4}-\d{2}-\d{2})-[0-9a-f]{8}$/,
        );
        expect(textId(type, null, { signedOn, title })).toBe(id);
      }),
      fuzzBudget(2000),
    );
  });

  it('canonicalArticleNumber gives null or a canonical number, from any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(20),
          fc
            .tuple(
              fc
                .array(fc.constantFrom(...'0123456789٠٩'), { minLength: 1, maxLength: 30, size: 'max' })
                .map((d) => d.join('')),
              fc.constantFrom('', ' bis', '-ter', ' مكرر', 'er', '.', ' quater –', ' xyz'),
            )
            .map(([n, s]) => n + s),
        ),
        (raw) => {
          const number = canonicalArticleNumber(raw);
          if (number === null) return;
          expectArticleNumber(number);
          expect(articleId('loi-09-08', number)).toBe(`loi-09-08/art-${number}`);
        },
      ),
      fuzzBudget(3000),
    );
  });

  it('regression (fuzz): a run of 22 digits stays digits, not 3e+21', () => {
    expect(canonicalArticleNumber('3000000000000000000000')).toBe('3000000000000000000000');
    expect(canonicalArticleNumber('007 bis')).toBe('7-bis');
  });

  it('bulletin ids round-trip, and parseBulletinId accepts only what bulletinId writes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fr' as const, 'ar' as const),
        fc.stringMatching(/^[1-9][0-9]{0,4}$/),
        fc.option(fc.constantFrom(...SUFFIXES), { nil: undefined }),
        hostileString(20),
        (edition, number, suffix, junk) => {
          const key = { edition, number, ...(suffix ? { suffix } : {}) };
          expect(parseBulletinId(bulletinId(key))).toEqual(key);
          const parsed = parseBulletinId(junk);
          if (parsed) expect(bulletinId(parsed)).toBe(junk);
        },
      ),
      fuzzBudget(2000),
    );
  });

  it('a file name guess holds only an edition, a short number and a known suffix', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileString(30), fc.stringMatching(/^[A-Za-z0-9_ .\\/-]{0,40}$/)),
        (fileName) => {
          const guess = guessBulletinFromFileName(fileName);
          if (guess.edition !== undefined) expect(['fr', 'ar']).toContain(guess.edition);
          if (guess.number !== undefined) expect(guess.number).toMatch(/^\d{1,5}$/);
          if (guess.suffix !== undefined) expect(SUFFIXES).toContain(guess.suffix);
        },
      ),
      fuzzBudget(2000),
    );
  });

  it('slug is idempotent and keeps letters and digits only; Western digits keep the length', () => {
    fc.assert(
      fc.property(hostileString(40), (s) => {
        const slugged = slug(s);
        expect(slug(slugged)).toBe(slugged);
        expect(slugged).toMatch(/^(?:[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)?$/u);
        expect(toWesternDigits(s)).toHaveLength(s.length);
      }),
      fuzzBudget(2000),
    );
  });
});

/** What any date read from any string must be: a real day, a span inside the string. */
function expectWellFormedDate(date: ParsedDate | null, text: string): void {
  if (date === null) return;
  expectIsoDay(date.gregorian);
  expect(date.start).toBeGreaterThanOrEqual(0);
  expect(date.end).toBeGreaterThanOrEqual(date.start);
  expect(date.end).toBeLessThanOrEqual(text.length);
  expect(date.confidence).toBeGreaterThanOrEqual(0);
  expect(date.confidence).toBeLessThanOrEqual(1);
  if (date.hijri) {
    expect(date.hijri.month).toBeGreaterThanOrEqual(1);
    expect(date.hijri.month).toBeLessThanOrEqual(12);
    expect(date.hijri.day).toBeGreaterThanOrEqual(1);
    expect(date.hijri.day).toBeLessThanOrEqual(30);
  }
}

/** Pieces of printed dates, to assemble near-dates: right words, wrong numbers, broken parentheses. */
const DATE_PIECE = fc.oneof(
  fc.constantFrom(
    'joumada I',
    'rabii II',
    'chaoual',
    'safar',
    'hija',
    'février',
    'novembre',
    '1er',
    '(',
    ')',
    ' ',
    'جمادى الأولى',
    'رمضان',
    'فاتح',
    'نوفمبر',
    'يونيو',
    'من',
  ),
  fc.stringMatching(/^[0-9٠-٩]{1,5}$/),
  fc.constantFrom('-', '.', '/'),
  hostileString(4),
);

describe('dates fuzzed', () => {
  it('Hijri and Gregorian dates convert both ways', () => {
    fc.assert(
      fc.property(ISO_DAY, (iso) => {
        expect(fromHijri(toHijri(iso))).toBe(iso);
      }),
      fuzzBudget(1000),
    );
  });

  it('fromHijri of any day, month and year gives null or that Hijri day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 40 }),
        fc.integer({ min: -1, max: 14 }),
        fc.integer({ min: 1330, max: 1499 }),
        (day, month, year) => {
          const iso = fromHijri({ day, month, year });
          if (iso !== null) expect(toHijri(iso)).toEqual({ day, month, year });
        },
      ),
      fuzzBudget(1000),
    );
  });

  it('a date printed as the Bulletin prints it reads back as itself, in either edition', () => {
    fc.assert(
      fc.property(ISO_DAY, (iso) => {
        const french = `du ${formatHijriFr(iso)} (${formatGregorianFr(iso)}) portant`;
        expect(parseFrenchDate(french)?.gregorian).toBe(iso);
        expect(
          parseFrenchDate(`N° 5714 – ${formatHijriFr(iso)} (${formatGregorianNumeric(iso)})`)?.gregorian,
        ).toBe(iso);
        expect(parseArabicDate(`صادر في ${formatHijriAr(iso)} (${formatGregorianAr(iso)})`)?.gregorian).toBe(
          iso,
        );
      }),
      fuzzBudget(500),
    );
  });

  it('any string gives no date or a real one inside it, in either edition', () => {
    fc.assert(
      fc.property(fc.array(DATE_PIECE, { maxLength: 16 }), (pieces) => {
        const text = pieces.join(' ');
        expectWellFormedDate(parseFrenchDate(text), text);
        expectWellFormedDate(parseArabicDate(text), text);
      }),
      fuzzBudget(3000),
    );
  });
});
