/**
 * `serve`'s health and metrics through fastify.inject on a real SQLite archive: `/healthz`,
 * `/readyz` (ready while the store answers, 503 naming it once it does not), `/metrics`
 * (requests by route and status, latency, search latency), none of them rate-limited.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchStore } from '../store/search-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { contractBulletins, makePages } from '../store/testing/contract-data.js';
import { buildApp } from './app.js';

let dir: string;
let store: SearchStore;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jarida-health-'));
  store = await openSqliteStore(path.join(dir, 'jarida.db'));
  for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
  // Four requests a minute, which the API requests below use up: probes and scrapes must not count.
  app = await buildApp({ store, dataDir: dir, rateLimitPerMinute: 4 });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The value of one series in a Prometheus exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health and metrics of serve', () => {
  it('answers /healthz and /readyz, uncached and without counting against the rate limit', async () => {
    for (let i = 0; i < 5; i++) {
      const alive = await app.inject({ url: '/healthz' });
      expect(alive.statusCode).toBe(200);
      expect(alive.json()).toEqual({ status: 'alive' });
      expect(alive.headers['cache-control']).toBe('no-store');
    }
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toEqual({ ready: true, checks: { store: 'ok' } });
    expect((await app.inject({ url: '/openapi.json' })).json().paths).not.toHaveProperty('/readyz');
  });

  it('counts requests by route and status, and times searches', async () => {
    const before = (await app.inject({ url: '/metrics' })).body;
    const searches = 'jarida_http_requests_total{method="GET",route="/v1/search",status="200"}';
    const missing = 'jarida_http_requests_total{method="GET",route="/v1/texts/:id",status="404"}';
    const searchCount = 'jarida_search_duration_seconds_count{outcome="ok"}';
    expect(sample(before, searches)).toBeUndefined();

    expect((await app.inject({ url: '/v1/search?query=loi' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/search?query=associations' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/texts/loi-99-99' })).statusCode).toBe(404);

    const after = await app.inject({ url: '/metrics' });
    expect(after.statusCode).toBe(200);
    expect(after.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(after.body, searches)).toBe(2);
    expect(sample(after.body, missing)).toBe(1);
    expect(sample(after.body, searchCount)).toBe(2);
    expect(
      sample(after.body, 'jarida_http_request_duration_seconds_count{method="GET",route="/v1/search"}'),
    ).toBe(2);
    // Node's own figures come along.
    expect(after.body).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('is not ready once the store no longer answers, and says so', async () => {
    const dir2 = await mkdtemp(path.join(tmpdir(), 'jarida-health-closed-'));
    const closing = await openSqliteStore(path.join(dir2, 'jarida.db'));
    const other = await buildApp({ store: closing, dataDir: dir2 });
    try {
      expect((await other.inject({ url: '/readyz' })).statusCode).toBe(200);
      await closing.close();
      const answer = await other.inject({ url: '/readyz' });
      expect(answer.statusCode).toBe(503);
      expect(answer.json().ready).toBe(false);
      expect(answer.json().checks.store).not.toBe('ok');
      expect((await other.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await other.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });
});
