/**
 * `jarida worker` run as a service, as an orchestrator runs it, against a real redis-server:
 * its health port (ready, then not once Redis is stopped), its metrics moving as it works,
 * its JSON log, and its stop — within 10 s of SIGTERM whatever Redis does, and at once on a
 * second SIGTERM even with a job in hand.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateFixtures } from '../fixtures/generate.js';
import { connectionOptions } from '../queue/queue-connection.js';
import { CLI, jarida, json } from './cli.js';
import { freePort, type RedisServer, startRedis } from './redis-server.js';

let work: string;
let cleanIssue: string;
let scanPage: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jarida-worker-service-'));
  const clean = await generateFixtures({
    out: path.join(work, 'clean'),
    seed: 51,
    issues: 1,
    edition: 'fr',
    quality: 'clean',
  });
  cleanIssue = path.join(work, 'clean', clean.issues[0]!.file);
  const scan = await generateFixtures({
    out: path.join(work, 'scan'),
    seed: 52,
    issues: 1,
    edition: 'fr',
    quality: 'scan',
    pages: 'png',
  });
  const id = scan.issues[0]!.bulletinId;
  scanPage = path.join(work, `${id}.png`);
  await copyFile(path.join(work, 'scan', 'pages', `${id}-p1.png`), scanPage);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function redisServer(): Promise<RedisServer> {
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  return redis;
}

/** A running `jarida worker`, its stderr so far, and its exit. */
interface RunningWorker {
  child: ChildProcess;
  log(): string;
  exited: Promise<{ code: number | null; at: number }>;
  /** Resolves with the first match of `pattern` in the log; fails with the log after 60 s. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

function startWorker(args: string[]): RunningWorker {
  const child = spawn(process.execPath, [CLI, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => {
    log += d;
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return {
    child,
    log: () => log,
    exited,
    async waitFor(pattern) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const match = pattern.exec(log);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${pattern} in the worker's log:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** Sends SIGTERM and resolves with the exit code and how long the worker took to end. */
async function terminate(worker: RunningWorker): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  worker.child.kill('SIGTERM');
  const { code, at } = await worker.exited;
  return { code, ms: at - sent };
}

/** The value of one series in a Prometheus exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, log: () => string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within 30 s. Worker log:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * An OCR-only worker (grace period 120 s) with a scanned page's OCR job in hand: the
 * recognition takes seconds, so the job is still in hand when the test acts.
 */
async function ocrWorkerWithJobInHand(redis: RedisServer, prefix: string) {
  const queue = ['--queue', redis.url, '--queue-prefix', prefix, '--data-dir', path.join(work, prefix)];
  const worker = startWorker([
    ...queue,
    '--stages',
    'ocr',
    '--concurrency',
    '1',
    '--health-port',
    '0',
    '--grace-period',
    '120000',
  ]);
  const health = (await worker.waitFor(/health on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  await worker.waitFor(/worker ready/);
  const enqueued = await jarida(['ingest', scanPage, ...queue, '--no-wait', '--json']);
  expect(enqueued.code, enqueued.stderr).toBe(0);
  await until(
    'an OCR job in hand',
    async () =>
      sample((await get(`${health}/metrics`)).body, 'jarida_jobs_in_hand{stage="ocr"}') === 1
        ? true
        : undefined,
    worker.log,
  );
  return { worker, health };
}

describe('jarida worker as a service', () => {
  test('answers its health port, counts the jobs it runs, is not ready once Redis is stopped, and ends within 10 s of SIGTERM', async () => {
    const redis = await redisServer();
    const dataDir = path.join(work, 'health');
    const queue = ['--queue', redis.url, '--queue-prefix', 'svc', '--data-dir', dataDir];
    const worker = startWorker([...queue, '--concurrency', '1', '--health-port', '0']);
    const health = (await worker.waitFor(/health on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await worker.waitFor(/worker ready/);

    expect(await get(`${health}/healthz`)).toEqual({ status: 200, body: '{"status":"alive"}' });
    const ready = await get(`${health}/readyz`);
    expect(ready.status, ready.body).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ ready: true, checks: { redis: 'ok', progress: 'ok' } });

    const ingest = await jarida(['ingest', cleanIssue, ...queue, '--json']);
    expect(ingest.code, ingest.stderr).toBe(0);
    const [file] = json<{ files: { status: string; pages: number }[] }>(ingest).files;
    expect(file!.status).toBe('ingested');

    const metrics = await get(`${health}/metrics`);
    expect(metrics.status).toBe(200);
    expect(sample(metrics.body, 'jarida_pages_read_total{source="text-layer"}')).toBe(file!.pages);
    expect(sample(metrics.body, 'jarida_ocr_page_seconds_count{source="text-layer"}')).toBe(file!.pages);
    // A job per page, and the file's peer job (no page of its own: not among the pages read).
    expect(sample(metrics.body, 'jarida_jobs_total{stage="ocr",outcome="completed"}')).toBe(file!.pages + 1);
    expect(sample(metrics.body, 'jarida_jobs_total{stage="index",outcome="completed"}')).toBe(1);
    expect(sample(metrics.body, 'jarida_jobs_in_hand{stage="ocr"}')).toBe(0);
    expect(sample(metrics.body, 'jarida_queue_jobs{stage="index",state="completed"}')).toBe(1);
    expect(sample(metrics.body, 'jarida_queue_jobs{stage="ocr",state="waiting"}')).toBe(0);

    await redis.stop();
    const notReady = await until(
      'readiness false',
      async () => {
        const answer = await get(`${health}/readyz`);
        return answer.status === 503
          ? (JSON.parse(answer.body) as { checks: Record<string, string> })
          : undefined;
      },
      worker.log,
    );
    expect(notReady.checks.redis).not.toBe('ok');
    expect(notReady.checks.progress).toBe('ok');
    expect((await get(`${health}/healthz`)).status).toBe(200);
    // Queue depth is not made up while Redis is away.
    expect((await get(`${health}/metrics`)).body).not.toMatch(/^jarida_queue_jobs\{/m);

    const { code, ms } = await terminate(worker);
    expect(ms, worker.log()).toBeLessThan(10_000);
    expect(code, worker.log()).toBe(0);

    // Not a terminal: one JSON record per line, with level, time and message.
    const records = worker
      .log()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; time: string; msg: string; name: string });
    expect(records.every((r) => r.level && r.time && r.msg && r.name === 'worker')).toBe(true);
    expect(records.map((r) => r.msg)).toContain('SIGTERM: finishing the jobs in hand');
    expect(records.find((r) => r.msg === 'index done')).toMatchObject({ level: 'info', stage: 'index' });
    // A whole issue through every stage: minutes on a loaded two-core machine.
  }, 400_000);

  test('a worker that never reached Redis ends within 10 s of SIGTERM', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const worker = startWorker([
      '--queue',
      url,
      '--data-dir',
      path.join(work, 'nowhere'),
      '--stages',
      'index',
    ]);
    await worker.waitFor(/ECONNREFUSED/);
    const { code, ms } = await terminate(worker);
    expect(ms, worker.log()).toBeLessThan(10_000);
    expect(code, worker.log()).toBe(0);
  });

  test('an idle worker whose Redis was stopped drops its connections rather than wait for Redis', async () => {
    const redis = await redisServer();
    const queue = ['--queue', redis.url, '--queue-prefix', 'svc4', '--data-dir', path.join(work, 'idle')];
    const worker = startWorker([...queue, '--stages', 'index']);
    await worker.waitFor(/worker ready/);
    await redis.stop();
    await worker.waitFor(/ECONNREFUSED/);
    const { code, ms } = await terminate(worker);
    // BullMQ's own close would wait for Redis until the 25 s grace period runs out.
    expect(ms, worker.log()).toBeLessThan(10_000);
    expect(code, worker.log()).toBe(0);
    expect(worker.log()).toContain('connections dropped, 0 jobs in hand');
  });

  test('with a job in hand and Redis stopped, SIGTERM ends the worker once the job is done, long before its grace period', async () => {
    const redis = await redisServer();
    const { worker } = await ocrWorkerWithJobInHand(redis, 'svc3');
    await redis.stop();
    const { code, ms } = await terminate(worker);
    // The page's OCR ends in seconds (tens on a loaded machine); its outcome cannot reach Redis,
    // and nothing waits for Redis or for the 120 s grace period after that.
    expect(ms, worker.log()).toBeLessThan(60_000);
    expect(code, worker.log()).toBe(0);
    expect(worker.log()).toContain('worker stopped');
  });

  test('a second SIGTERM ends a worker at once, leaving the job in hand to stalled-job recovery', async () => {
    const redis = await redisServer();
    const { worker } = await ocrWorkerWithJobInHand(redis, 'svc2');
    worker.child.kill('SIGTERM');
    await worker.waitFor(/SIGTERM: finishing the jobs in hand/);
    await new Promise((r) => setTimeout(r, 300));
    expect(worker.child.exitCode, 'the first SIGTERM waits for the job in hand').toBeNull();

    const { code, ms } = await terminate(worker);
    expect(ms, worker.log()).toBeLessThan(2_000);
    expect(code, worker.log()).toBe(128 + 15);
    expect(worker.log()).toContain('SIGTERM: stopping now');

    // The job is still active, locked by nobody alive: another worker recovers it once its lock expires.
    const ocr = new Queue('ocr', { connection: connectionOptions(redis.url), prefix: 'svc2' });
    try {
      expect(await ocr.getJobCounts('active', 'completed')).toEqual({ active: 1, completed: 0 });
    } finally {
      await ocr.close();
    }
  });
});
