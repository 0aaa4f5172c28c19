/**
 * A worker's health port on a real redis-server: ready while Redis answers and the jobs in
 * hand move; not ready, with the reason, when they have not moved for `stuckAfterMs` or when
 * Redis is stopped; failures counted by code in `/metrics`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RedisServer, startRedis } from '../test/redis-server.js';
import type { WorkerActivity } from './queue-workers.js';
import { WorkerHealth } from './worker-health.js';
import { WorkerMetrics } from './worker-metrics.js';

let redis: RedisServer;
let health: WorkerHealth;
const metrics = new WorkerMetrics();
let activity: WorkerActivity = { inHand: 0, lastProgressAt: Date.now() };

beforeAll(async () => {
  redis = await startRedis();
  health = await WorkerHealth.start({
    target: { url: redis.url, prefix: 'health' },
    port: 0,
    metrics,
    activity: () => activity,
    stuckAfterMs: 1_000,
  });
});

afterAll(async () => {
  await health?.close();
  await redis?.stop();
});

type Readiness = { ready: boolean; checks: Record<string, string> };

async function readiness(): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${health.address}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe('worker health port', () => {
  test('is not ready while the jobs in hand have not moved for stuckAfterMs', async () => {
    // Its probe connects in the background: not ready until then, as an orchestrator's start period allows.
    const deadline = Date.now() + 10_000;
    while ((await readiness()).status !== 200 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await readiness()).toEqual({
      status: 200,
      body: { ready: true, checks: { redis: 'ok', progress: 'ok' } },
    });
    // Idle for long is not stuck: there is nothing to move.
    activity = { inHand: 0, lastProgressAt: Date.now() - 60_000 };
    expect((await readiness()).status).toBe(200);
    activity = { inHand: 2, lastProgressAt: Date.now() - 60_000 };
    const stuck = await readiness();
    expect(stuck.status).toBe(503);
    expect(stuck.body.checks).toEqual({
      redis: 'ok',
      progress: expect.stringMatching(/^2 jobs in hand and none started or ended for 60 s/),
    });
    activity = { inHand: 2, lastProgressAt: Date.now() };
    expect((await readiness()).status).toBe(200);
  });

  test('counts failed attempts by stage and code', async () => {
    metrics.outcome('ocr', 'failed', 'OCR_TIMEOUT');
    metrics.outcome('ocr', 'failed', 'OCR_TIMEOUT');
    metrics.outcome('structure', 'failed', 'UNREADABLE_MASTHEAD');
    const text = await (await fetch(`${health.address}/metrics`)).text();
    expect(text).toContain('jarida_job_failures_total{stage="ocr",code="OCR_TIMEOUT"} 2');
    expect(text).toContain('jarida_job_failures_total{stage="structure",code="UNREADABLE_MASTHEAD"} 1');
    expect(text).toContain('jarida_jobs_total{stage="ocr",outcome="failed"} 2');
    expect(text).toMatch(/^jarida_queue_jobs\{stage="ocr",state="waiting"\} 0$/m);
  });

  test('is not ready once Redis is stopped, within its probe time', async () => {
    await redis.stop();
    const started = Date.now();
    const down = await readiness();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(down.status).toBe(503);
    expect(down.body.checks.redis).not.toBe('ok');
    expect(down.body.checks.progress).toBe('ok');
    expect((await fetch(`${health.address}/healthz`)).status).toBe(200);
  });
});
