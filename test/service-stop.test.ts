/**
 * `jarida serve` and `jarida dashboard` as an orchestrator runs them: serve's readiness and
 * metrics summed over its serving processes, and both ending soon after SIGTERM — the
 * dashboard even when its Redis was stopped first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServe } from '../search-api/serve-process.js';
import { CLI } from './cli.js';
import { freePort, startRedis } from './redis-server.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jarida-service-stop-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Sends SIGTERM and resolves with the exit code and how long the process took to end. */
function terminate(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ code, ms: Date.now() - sent }));
    child.kill('SIGTERM');
  });
}

/** Status and body of a GET on a connection of its own, so each may reach another serving process. */
async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers: { connection: 'close' } });
  return { status: response.status, body: await response.text() };
}

describe('serve and dashboard as services', () => {
  test('serve --workers 2: ready, metrics summed over both processes, ended within 10 s of SIGTERM', async () => {
    const server = await startServe(path.join(work, 'serve'), ['--workers', '2']);
    try {
      const ready = await get(`${server.address}/readyz`);
      expect(ready.status, ready.body).toBe(200);
      for (let i = 0; i < 12; i++)
        expect((await get(`${server.address}/v1/search?query=loi`)).status).toBe(200);
      const metrics = await get(`${server.address}/metrics`);
      expect(metrics.status).toBe(200);
      // Whichever process answered, it counts the searches both processes served.
      expect(metrics.body).toContain(
        'jarida_http_requests_total{method="GET",route="/v1/search",status="200"} 12',
      );
    } finally {
      const { code, ms } = await terminate(server.child);
      expect(ms, server.stderr()).toBeLessThan(10_000);
      expect(code, server.stderr()).toBe(0);
    }
  });

  test('dashboard whose Redis was stopped ends within 10 s of SIGTERM', async () => {
    const redis = await startRedis();
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'dashboard', '--queue', redis.url, '--port', String(port)], {
      env: { ...process.env, JARIDA_ADMIN_TOKEN: 'archivists-secret-0123456789' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr!.on('data', (d) => {
      log += d;
    });
    try {
      const deadline = Date.now() + 60_000;
      while (!log.includes('dashboard on') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(log).toContain('dashboard on');
      await redis.stop();
      await new Promise((r) => setTimeout(r, 1_000));
      const { code, ms } = await terminate(child);
      expect(ms, log).toBeLessThan(10_000);
      expect(code, log).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await redis.stop();
    }
  });
});
