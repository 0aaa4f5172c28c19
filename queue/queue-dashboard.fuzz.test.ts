/**
 * The admin token, fuzzed: every way of presenting a token (header, query, cookie) with a
 * wrong, short, long, empty, unicode or malformed value is refused with a JSON 401, and only
 * the exact token opens the dashboard. `tokenMatches` compares digests with timingSafeEqual,
 * so any length may be compared without throwing or revealing where the difference is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzBudget, hostileString } from '../test/fuzz.js';
import { useQueueDashboard } from '../test/queue-harness.js';
import { tokenMatches } from './queue-dashboard.js';

const TOKEN = 'archivists-secret-0123456789';
const dashboard = useQueueDashboard('dashboard-fuzz', TOKEN);

/** Candidate tokens: near misses of the real one, and anything at all. */
const CANDIDATE = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    TOKEN.slice(0, -1),
    `${TOKEN}x`,
    ` ${TOKEN}`,
    TOKEN.toUpperCase(),
    TOKEN.repeat(2),
  ),
  fc.nat({ max: TOKEN.length - 1 }).map((k) => TOKEN.slice(0, k)),
  fc
    .tuple(fc.nat({ max: TOKEN.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }))
    .map(([k, c]) => TOKEN.slice(0, k) + c + TOKEN.slice(k + 1)),
  hostileString(30),
  fc.string({ unit: 'binary', minLength: 1_000, maxLength: 10_000 }),
);

describe('tokenMatches fuzzed', () => {
  it('is true for the token only, whatever the candidate’s length or characters', () => {
    fc.assert(
      fc.property(CANDIDATE, (candidate) => {
        expect(tokenMatches(candidate, TOKEN)).toBe(candidate === TOKEN);
      }),
      fuzzBudget(2000),
    );
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
  });
});

/** Headers and URL presenting a candidate token each way a client can. */
function presenting(way: number, candidate: string): { url: string; headers: Record<string, string> } {
  // Header values cannot carry every character: send those URL-encoded, as a browser would.
  const header = /^[\t\x20-\x7e]*$/.test(candidate)
    ? candidate
    : encodeURIComponent(candidate.replace(/[\ud800-\udfff]/g, ''));
  switch (way) {
    case 0:
      return { url: '/api/queues', headers: { authorization: `Bearer ${header}` } };
    case 1:
      return { url: '/api/queues', headers: { authorization: header } };
    case 2:
      return { url: `/?token=${encodeURIComponent(candidate.replace(/[\ud800-\udfff]/g, ''))}`, headers: {} };
    case 3:
      return { url: '/api/queues', headers: { cookie: `jarida_admin=${header}` } };
    default:
      return { url: '/api/queues', headers: {} };
  }
}

describe('queue dashboard fuzzed', () => {
  it('refuses every wrong, short, long, empty or missing token with a JSON 401', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 4 }), CANDIDATE, async (way, candidate) => {
        const request = presenting(way, candidate);
        const response = await dashboard.app.inject(request);
        const presented = way === 4 ? null : candidate;
        if (presented === TOKEN && way !== 1) return;
        expect(response.statusCode, JSON.stringify(request).slice(0, 200)).toBe(401);
        expect(response.json()).toEqual({ error: 'unauthorized', message: 'admin token required' });
      }),
      fuzzBudget(300),
    );
  });

  it('regression (fuzz): a cookie that is not valid percent-encoding is refused, not a 500', async () => {
    for (const cookie of ['jarida_admin=%E0%A4%A', 'jarida_admin=%', 'jarida_admin=%ZZ']) {
      const response = await dashboard.app.inject({ url: '/api/queues', headers: { cookie } });
      expect(response.statusCode, cookie).toBe(401);
    }
  });

  it('opens with the exact token each way it may be presented', async () => {
    for (const way of [0, 3]) {
      const response = await dashboard.app.inject(presenting(way, TOKEN));
      expect(response.statusCode, String(way)).toBe(200);
    }
    // From the address bar: a cookie, and the address again without the token.
    const fromQuery = await dashboard.app.inject(presenting(2, TOKEN));
    expect(fromQuery.statusCode).toBe(303);
    expect(fromQuery.headers['set-cookie']).toBeDefined();
  });
});
