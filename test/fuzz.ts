/**
 * The fuzz tests' budget: a fixed seed and a fixed number of runs per property, so that CI is
 * reproducible and bounded (the `*.fuzz.test.ts` files take about a minute together).
 * Locally, `JARIDA_FUZZ_SCALE=20` multiplies every property's runs and `JARIDA_FUZZ_SEED=n`
 * explores other cases; a failure prints its seed and path, which fast-check replays.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseIsoDate } from '../pipeline/calendars.js';
import { canonicalArticleNumber } from '../pipeline/ids.js';

/** Seed of every property unless `JARIDA_FUZZ_SEED` says otherwise. */
const CI_SEED = 20_260_109;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return value;
}

/** fast-check parameters of a property that runs `runs` cases in CI. */
export function fuzzBudget(runs: number): { seed: number; numRuns: number } {
  return {
    seed: envNumber('JARIDA_FUZZ_SEED', CI_SEED),
    numRuns: Math.max(1, Math.round(runs * envNumber('JARIDA_FUZZ_SCALE', 1))),
  };
}

/** Characters that break naive text handling: bidi controls, NUL and C0 controls, lone surrogates, combining marks. */
export const HOSTILE_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\r',
  '\t',
  '\f',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u0301',
  '\u0651',
  '\u00a0',
  '\u2028',
  '\u2029',
] as const;

/** Any string mixing hostile characters, digits, Arabic and Latin text (graphemes included). */
export function hostileString(maxLength = 40): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...HOSTILE_CHARACTERS),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.constantFrom('0', '1', '5', '09', '1-58-376', '٠٩', '۵', ' ', '-', '.', '/'),
        fc.constantFrom('loi', 'Article', 'المادة', 'ظهير', 'bis', 'مكرر', 'premier'),
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));
}

/** Query syntax of FTS5 and of Elasticsearch's query_string: what a search box must survive. */
export const QUERY_SYNTAX = [
  '"',
  '*',
  '^',
  ':',
  '-',
  '+',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '~',
  '?',
  '\\',
  '/',
  ',',
  'NEAR(',
  'NEAR/2',
  'AND',
  'OR',
  'NOT',
  '&&',
  '||',
  'title:',
  'body:*',
  '_exists_:',
  "'",
  '«',
  '»',
  ' ',
] as const;

/** A text id the API can address (its `textIdParam`): lowercase slug of type, number or date and hash. */
export const TEXT_ID = /^[a-z0-9][a-z0-9-]{0,159}$/;
/** A canonical article number: `1`, `12-bis`, `unique`. */
export const ARTICLE_NUMBER =
  /^(?:\d+(?:-(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies))?|unique)$/;

/** Asserts an optional ISO day is a real date. */
export function expectIsoDay(value: string | null | undefined): void {
  if (value != null) expect(() => parseIsoDate(value), value).not.toThrow();
}

/** Asserts an article number is canonical: well-formed, and read back as itself. */
export function expectArticleNumber(value: string): void {
  expect(value).toMatch(ARTICLE_NUMBER);
  expect(canonicalArticleNumber(value)).toBe(value);
}

/**
 * Random text made of `keywords` and hostile strings: 1 to `maxGroups` groups (pages, articles)
 * of up to `maxPieces` pieces each, a hostile piece being up to `maxPieces` characters long.
 */
export function keywordSoup(
  keywords: readonly string[],
  maxPieces: number,
  maxGroups: number,
): fc.Arbitrary<string[][]> {
  return fc.array(
    fc.array(fc.oneof(hostileString(maxPieces), fc.constantFrom(...keywords)), { maxLength: maxPieces }),
    {
      minLength: 1,
      maxLength: maxGroups,
    },
  );
}

/** One edit of a text: what OCR, extraction or an attacker may do to a page. */
export type Mutation =
  | { kind: 'insert'; page: number; at: number; text: string }
  | { kind: 'delete'; page: number; at: number; length: number }
  | { kind: 'repeat-line'; page: number; at: number; times: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const page = fc.nat({ max: 20 });

/**
 * Mutations inserting `keywords` (the words that make a parser change state), hostile
 * characters, digit runs, random strings and huge lines, cutting text and repeating lines.
 */
export function mutation(keywords: readonly string[]): fc.Arbitrary<Mutation> {
  const insertion = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...keywords) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CHARACTERS) },
    { weight: 2, arbitrary: fc.stringMatching(/^[0-9]{1,12}$/) },
    { weight: 2, arbitrary: hostileString(12) },
    // Huge lines: a run-away extraction, a table read as one line.
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('x', 'Article ', '1-', 'المادة ', '« ', ' ', '('),
          fc.integer({ min: 2_000, max: 8_000 }),
        )
        .map(([unit, times]) => unit.repeat(times)),
    },
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('insert' as const), page, at: position, text: insertion }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        page,
        at: position,
        length: fc.integer({ min: 1, max: 400 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('repeat-line' as const),
        page,
        at: position,
        times: fc.integer({ min: 2, max: 50 }),
      }),
    },
  );
}

/** Applies mutations to pages of text (a mutation's page is taken modulo their number). */
export function mutate(pages: readonly string[], mutations: readonly Mutation[]): string[] {
  const out = [...pages];
  for (const m of mutations) {
    const i = m.page % out.length;
    const text = out[i]!;
    const at = Math.floor(m.at * (text.length + 1));
    if (m.kind === 'insert') out[i] = text.slice(0, at) + m.text + text.slice(at);
    else if (m.kind === 'delete') out[i] = text.slice(0, at) + text.slice(at + m.length);
    else {
      const lines = text.split('\n');
      const k = Math.floor(m.at * lines.length);
      lines.splice(k, 0, ...Array<string>(m.times - 1).fill(lines[k] ?? ''));
      out[i] = lines.join('\n');
    }
  }
  return out;
}
