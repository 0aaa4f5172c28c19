/**
 * Parameter fuzzing of the HTTP API and the web pages through `app.inject`: random types and
 * lengths, unicode (RTL, combining marks, NUL, lone surrogates as raw bytes), FTS5 and
 * Elasticsearch syntax, path traversal in every path parameter (encoded, double-encoded,
 * absolute), huge and negative page sizes, repeated parameters and other methods. Every answer
 * is 200, 400 or 404; errors are `{ error, message }` JSON; no body holds a stack trace, the
 * archive's path or a file from outside the archive.
 * (app.test.ts checks chosen hostile URLs one by one; this generates them.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDate } from '../pipeline/calendars.js';
import type { SearchStore } from '../store/search-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { contractBulletins, makePages } from '../store/testing/contract-data.js';
import { fuzzBudget, HOSTILE_CHARACTERS } from '../test/fuzz.js';
import { buildApp } from './app.js';

/** Written beside the data directory: a traversal that escapes the archive would serve it. */
const SENTINEL = 'SENTINEL-outside-the-archive-7f3a';

/** Path and query values an attacker or a broken client sends, already URL-encoded. */
const HOSTILE_VALUES = [
  '..%2f..%2fetc%2fpasswd',
  '..%2F..%2F..%2Fsecret.txt',
  '%2e%2e%2f%2e%2e%2fsecret.txt',
  '%252e%252e%252fsecret.txt',
  '..%5c..%5csecret.txt',
  '%2fetc%2fpasswd',
  '%2Ftmp',
  'C%3A%5Cwindows%5Cwin.ini',
  'loi-09-08%00',
  '%00',
  'bo-fr-4422%00.json',
  'file%3A%2F%2F%2Fetc%2Fpasswd',
  '%ED%A0%80',
  '%E0%A4%A',
  '%',
  '%C0%AE%C0%AE%2F',
  '%u002e%u002e',
  '-1',
  '0',
  '1e9',
  '1.5',
  '0x10',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  'true',
  '%22%20OR%201%3D1%20--',
  '%27%3B%20DROP%20TABLE%20texts%3B--',
  'NEAR(loi%20dahir)',
  'title%3A*',
  '%7B%22match_all%22%3A%7B%7D%7D',
  '_exists_%3Abody',
  'loi%20AND%20NOT%20dahir',
  '%D8%A7%D9%84%D9%85%D8%A7%D8%AF%D8%A9%205',
  '%E2%80%AEloi%E2%80%AC',
] as const;

/** Values the routes expect, so that fuzzing reaches past validation. */
const PLAUSIBLE_VALUES = [
  'loi-09-08',
  'loi-17-95',
  'dahir-1-58-376',
  'bo-fr-4422',
  'bo-ar-2404-bis',
  '1',
  '2',
  'premier',
  '12%20bis',
  'fr',
  'ar',
  'loi',
  'decret',
  '2009-02-23',
  '2001-01-01',
  '2012-02-29',
  '2009-02-29',
  '2009-13-01',
  '2009-04-31',
  '20',
  '500',
  'associations',
] as const;

/** Any value of a parameter: plausible, hostile, random unicode, or 10 KB long. */
const VALUE = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PLAUSIBLE_VALUES) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 4 }),
          fc.constantFrom(...HOSTILE_CHARACTERS.filter((c) => !/[\ud800-\udfff]/.test(c))),
        ),
        { maxLength: 8 },
      )
      .map((parts) => encodeURIComponent(parts.join(''))),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '9', '%2e', 'é', '%00', '-'), fc.integer({ min: 200, max: 10_000 }))
      .map(([unit, times]) => (unit === 'é' ? encodeURIComponent(unit.repeat(times)) : unit.repeat(times))),
  },
);

/** Every route of the API and the web pages, with the names of its path and query parameters. */
const ROUTES: readonly { path: string; query: readonly string[] }[] = [
  {
    path: '/v1/search',
    query: [
      'query',
      'type',
      'number',
      'article',
      'from',
      'to',
      'language',
      'inForce',
      'limit',
      'offset',
      'facets',
    ],
  },
  { path: '/v1/texts', query: ['type', 'year', 'limit', 'offset'] },
  { path: '/v1/texts/:id', query: ['at', 'lang'] },
  { path: '/v1/texts/:id/articles/:n', query: ['at', 'lang'] },
  { path: '/v1/texts/:id/articles/:n/versions', query: ['lang'] },
  { path: '/v1/texts/:id/articles/:n/diff', query: ['from', 'to', 'lang'] },
  { path: '/v1/texts/:id/history', query: ['article'] },
  { path: '/v1/texts/:id/akn', query: ['at', 'lang'] },
  { path: '/v1/texts/:id/backlinks', query: [] },
  { path: '/v1/bulletins/:id', query: [] },
  { path: '/v1/bulletins/:id/pages/:n/lines', query: [] },
  { path: '/v1/bulletins/:id/pages/:n', query: [] },
  { path: '/fr/', query: ['query', 'type', 'from', 'to', 'inForce', 'offset'] },
  { path: '/ar/texts/:id', query: ['at', 'lang'] },
  { path: '/fr/texts/:id/articles/:n', query: ['at', 'from', 'to', 'lang'] },
  { path: '/fr/bulletins/:id', query: [] },
];

interface FuzzRequest {
  route: number;
  params: string[];
  query: [number, string][];
  method: InjectOptions['method'];
}

const REQUEST: fc.Arbitrary<FuzzRequest> = fc.record({
  route: fc.nat({ max: ROUTES.length - 1 }),
  params: fc.array(VALUE, { minLength: 2, maxLength: 2 }),
  // Indexes into the route's parameters: the same one may come twice (`?limit=1&limit=2`).
  query: fc.array(fc.tuple(fc.nat({ max: 10 }), VALUE), { maxLength: 6 }),
  method: fc.constantFrom('GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'),
});

function urlOf(request: FuzzRequest): string {
  const route = ROUTES[request.route]!;
  let k = 0;
  const path = route.path.replace(/:[a-z]+/g, () => request.params[k++]!);
  const query = route.query.length
    ? request.query.map(([i, value]) => `${route.query[i % route.query.length]}=${value}`).join('&')
    : '';
  return query ? `${path}?${query}` : path;
}

let dir: string;
let store: SearchStore;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jarida-api-fuzz-'));
  writeFileSync(join(dir, 'secret.txt'), SENTINEL);
  mkdirSync(join(dir, 'data'));
  store = await openSqliteStore(join(dir, 'data', 'jarida.db'));
  for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
  app = await buildApp({ store, dataDir: join(dir, 'data'), rateLimitPerMinute: false });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What no answer may hold: a stack frame, a module path, the archive's location, a file from outside it. */
function expectNothingLeaked(body: string): void {
  expect(body).not.toMatch(/\bat .+:\d+:\d+|node_modules|root:x:0:0|\[extensions\]/);
  expect(body).not.toContain(dir);
  expect(body).not.toContain(SENTINEL);
}

describe('API parameter fuzzing', () => {
  it('answers every request 200, 400 or 404, errors as { error, message }, leaking nothing', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(REQUEST, async (request) => {
        const url = urlOf(request);
        const response = await app.inject({ method: request.method, url });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect([200, 400, 404], `${request.method} ${url}: ${response.body.slice(0, 300)}`).toContain(
          response.statusCode,
        );
        expectNothingLeaked(response.body);
        // The API answers errors in JSON; the web pages (`/fr`, `/ar`) as pages for people.
        if (response.statusCode >= 400 && request.method !== 'HEAD' && url.startsWith('/v1/')) {
          expect(response.headers['content-type']).toMatch(/^application\/json/);
          expect(Object.keys(response.json()).sort()).toEqual(['error', 'message']);
        }
      }),
      fuzzBudget(1500),
    );
    // The fuzzing reached past validation, not only into it.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
  });

  it('takes as a date exactly the days the calendar has, in every date parameter of the API and the pages', async () => {
    // Routes of loi-09-08 (published 2009) and loi-17-95 (amended): a real day may be 200 or
    // 404 (no wording that day), an impossible one is always 400.
    const DATED_URLS = [
      (d: string) => `/v1/texts/loi-09-08?at=${d}`,
      (d: string) => `/v1/texts/loi-17-95/articles/2?at=${d}`,
      (d: string) => `/v1/texts/loi-09-08/akn?at=${d}`,
      (d: string) => `/v1/texts/loi-17-95/articles/2/diff?from=${d}&to=2001-01-01`,
      (d: string) => `/v1/texts/loi-17-95/articles/2/diff?from=1997-01-01&to=${d}`,
      (d: string) => `/v1/search?query=loi&from=${d}`,
      (d: string) => `/v1/search?to=${d}`,
      (d: string) => `/v1/search?query=loi&inForce=${d}`,
      (d: string) => `/fr/texts/loi-09-08?at=${d}`,
      (d: string) => `/ar/texts/loi-17-95/articles/2?from=1997-01-01&to=${d}`,
      (d: string) => `/fr/?query=loi&inForce=${d}`,
    ];
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    // Month 0–13 and day 0–32 around the edges of months, leap years and centuries.
    const DAY = fc
      .tuple(
        fc.oneof(fc.integer({ min: 1000, max: 2999 }), fc.constantFrom(1900, 2000, 2004, 2100, 2400)),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    const exists = (day: string) => {
      try {
        parseIsoDate(day);
        return true;
      } catch {
        return false;
      }
    };
    const seen = { real: 0, impossible: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: DATED_URLS.length - 1 }), DAY, async (route, day) => {
        const url = DATED_URLS[route]!(day);
        const response = await app.inject(url);
        const real = exists(day);
        seen[real ? 'real' : 'impossible']++;
        if (real) expect([200, 404], `${url}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
        else expect(response.statusCode, url).toBe(400);
      }),
      fuzzBudget(400),
    );
    expect(seen.real).toBeGreaterThan(0);
    expect(seen.impossible).toBeGreaterThan(0);
  });

  it('answers bodies and odd content types sent to a read-only API with 404 JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: ROUTES.length - 1 }),
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE') as fc.Arbitrary<InjectOptions['method']>,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'multipart/form-data',
          'application/x-www-form-urlencoded',
        ),
        fc.oneof(fc.string({ maxLength: 200 }), fc.json()),
        async (route, method, contentType, payload) => {
          const url = ROUTES[route]!.path.replace(':id', 'loi-09-08').replace(':n', '1');
          const response = await app.inject({
            method,
            url,
            payload,
            headers: { 'content-type': contentType },
          });
          expect([400, 404, 413, 415], `${method} ${url}`).toContain(response.statusCode);
          expect(Object.keys(response.json()).sort()).toEqual(['error', 'message']);
          expectNothingLeaked(response.body);
        },
      ),
      fuzzBudget(200),
    );
  });

  it('regression (fuzz): a number too large for a double is a 400, not Infinity handed to SQLite', async () => {
    for (const url of [
      `/v1/texts?limit=${'9'.repeat(309)}`,
      '/v1/texts?offset=1e309',
      '/v1/texts?year=Infinity',
    ]) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toBe('bad_request');
    }
  });

  it('never serves a file from outside the archive, however the path is written', async () => {
    const escapes = [
      '/v1/bulletins/..%2f..%2fsecret.txt',
      '/v1/bulletins/bo-fr-4422/pages/..%2f..%2f..%2fsecret.txt',
      '/v1/bulletins/%2e%2e/%2e%2e/secret.txt',
      '/v1/bulletins/..%252f..%252fsecret.txt/pages/1',
      '/assets/..%2f..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/docs/static/..%2f..%2f..%2f..%2fsecret.txt',
      '/docs/static/%2e%2e%2f%2e%2e%2fpackage.json',
      `/docs/static/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      '/../../secret.txt',
      '/fr/bulletins/..%2f..%2fsecret.txt',
    ];
    for (const url of escapes) {
      const response = await app.inject(url);
      expect([400, 404], url).toContain(response.statusCode);
      expectNothingLeaked(response.body);
    }
  });
});
