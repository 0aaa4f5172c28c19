/** The queue dashboard answers only with the admin token, and shows every stage's queue. */
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { useQueueDashboard } from '../test/queue-harness.js';
import { OVERSIZED_HEADERS, rawBody, rawHttp } from '../test/raw-http.js';
import {
  checkTokenStrength,
  createQueueDashboard,
  tokenMatches,
  WeakAdminTokenError,
} from './queue-dashboard.js';
import { STAGES } from './queue-stages.js';

const TOKEN = 'archivists-secret-0123456789';
const dashboard = useQueueDashboard('dashboard', TOKEN);

describe('queue dashboard', () => {
  test('refuses requests without the token or with a wrong one', async () => {
    expect((await dashboard.app.inject({ url: '/' })).statusCode).toBe(401);
    expect(
      (await dashboard.app.inject({ url: '/api/queues', headers: { authorization: 'Bearer nope' } }))
        .statusCode,
    ).toBe(401);
    expect((await dashboard.app.inject({ url: `/?token=${TOKEN}x` })).statusCode).toBe(401);
  });

  test('lists the stage queues for a bearer token', async () => {
    const response = await dashboard.app.inject({
      url: '/api/queues',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    const names = (response.json() as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names.sort()).toEqual([...STAGES].sort());
  });

  test('a browser given ?token= once gets a cookie and the address without the token', async () => {
    const first = await dashboard.app.inject({ url: `/?token=${TOKEN}` });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\//);
    // Plain HTTP: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).toMatch(/^jarida_admin=/);
    const page = await dashboard.app.inject({ url: '/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    expect((await dashboard.app.inject({ url: '/api/queues', headers: { cookie } })).statusCode).toBe(200);
    // Other parameters stay; a path never becomes another host.
    const deep = await dashboard.app.inject({ url: `/queue/ocr?status=failed&token=${TOKEN}` });
    expect(deep.headers.location).toBe('/queue/ocr?status=failed');
    for (const tricky of ['//evil.example/', '/.//evil.example/', '/\\evil.example/', '/%2F/evil.example/']) {
      const location = String(
        (await dashboard.app.inject({ url: `${tricky}?token=${TOKEN}` })).headers.location,
      );
      expect(location, tricky).toMatch(/^\/(?![/\\])/);
    }
  });

  test('loads nothing from another origin, and may not be framed', async () => {
    const page = await dashboard.app.inject({ url: '/', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("font-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toMatch(/(?:href|src)="(?:https?:)?\/\//);
  });

  test('sets the cookie Secure over https, as a trusted proxy says', async () => {
    const proxied = await createQueueDashboard({
      target: { url: dashboard.redis.url, prefix: 'dashboard' },
      token: TOKEN,
      trustProxy: true,
    });
    try {
      const viaTls = await proxied.inject({
        url: `/?token=${TOKEN}`,
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(viaTls.headers['set-cookie'])).toMatch(/; Secure/);
      // Without trust, the header is anyone's word.
      const untrusted = await dashboard.app.inject({
        url: `/?token=${TOKEN}`,
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(untrusted.headers['set-cookie'])).not.toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  test.each([
    ['empty', ''],
    ['blank', ' '.repeat(16)],
    ['short', 'short'],
    ['short once spaces are left out', '  abc def ghi j  '],
    ['one character repeated', 'a'.repeat(32)],
    ['two characters alternating', '01'.repeat(16)],
  ])('refuses to start behind a weak token: %s', async (_, token) => {
    await expect(
      createQueueDashboard({ target: { url: dashboard.redis.url, prefix: 'x' }, token }),
    ).rejects.toThrow(expect.objectContaining({ code: 'WEAK_ADMIN_TOKEN' }));
  });

  test('answers headers too large for the parser with its JSON error shape', async () => {
    const listening = await createQueueDashboard({
      target: { url: dashboard.redis.url, prefix: 'dashboard' },
      token: TOKEN,
    });
    try {
      await listening.listen({ port: 0, host: '127.0.0.1' });
      const raw = await rawHttp((listening.server.address() as AddressInfo).port, OVERSIZED_HEADERS);
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      expect(rawBody(raw)).toEqual({ error: 'request_header_fields_too_large', message: expect.any(String) });
    } finally {
      await listening.close();
    }
  });

  test('compares tokens exactly', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}0`, TOKEN)).toBe(false);
    expect(() => checkTokenStrength(TOKEN)).not.toThrow();
    expect(() => checkTokenStrength('x')).toThrow(WeakAdminTokenError);
  });
});
