/**
 * Faults the queued ingest must survive, on a real redis-server: a worker killed with
 * SIGKILL in the middle of OCR (its page is recovered by another worker, every page indexed
 * once), and Redis itself restarted mid-run (the ingest completes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { IngestStages } from '../ingest/ingest-stages.js';
import { CLI } from '../test/cli.js';
import { type RedisServer, startRedis } from '../test/redis-server.js';
import { dumpStore } from '../test/store-dump.js';
import { generateFixtureFiles, openTempArchive, useTempDir } from '../test/temp-archive.js';
import { IngestQueue } from './ingest-queue.js';
import { connectionOptions, type QueueTarget } from './queue-connection.js';
import { jobId, STAGES } from './queue-stages.js';
import { QueueWorkers } from './queue-workers.js';

/**
 * Shorter locks than the default 30 s so a dead worker's job is recovered in seconds; still
 * long enough that a live worker whose event loop is held up rendering a page keeps its lock.
 */
const FAST_RECOVERY = { lockDurationMs: 10_000, stalledIntervalMs: 2_000 };

const work = useTempDir('jarida-faults-');
let scanPage: string;
let cleanIssue: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const { manifest: scan } = await generateFixtureFiles(path.join(work(), 'scan'), {
    seed: 31,
    issues: 1,
    edition: 'fr',
    quality: 'scan',
    pages: 'png',
  });
  scanPage = path.join(work(), 'scan', 'pages', `${scan.issues[0]!.bulletinId}-p1.png`);
  const clean = await generateFixtureFiles(path.join(work(), 'clean'), {
    seed: 32,
    issues: 1,
    edition: 'fr',
    quality: 'clean',
  });
  cleanIssue = clean.files[0]!;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh archive and queue prefix on `redis`; everything opened is closed after the test. */
async function setUp(redis: RedisServer, name: string) {
  const { dataDir, store } = await openTempArchive(path.join(work(), name));
  const target: QueueTarget = { url: redis.url, prefix: `faults-${name}` };
  const queue = new IngestQueue(target, new IngestStages({ dataDir, store }));
  const ocrQueue = new Queue('ocr', { connection: connectionOptions(redis.url), prefix: target.prefix });
  for (const q of [ocrQueue]) q.on('error', () => {});
  cleanups.push(async () => {
    await queue.close();
    await ocrQueue.close();
    await store.close();
  });
  return { dataDir, store, target, queue, ocrQueue };
}

/** Starts in-process workers for every stage; closed after the test. */
function startWorkers(archive: Awaited<ReturnType<typeof setUp>>) {
  const ocr = new TesseractPool({ size: 2 });
  const workers = QueueWorkers.start({ ...archive, stages: STAGES, ocr, ...FAST_RECOVERY });
  cleanups.push(async () => {
    await workers.close();
    await ocr.close();
  });
  return workers;
}

/** Resolves with the id of an OCR job once one has been active for `afterMs` (OCR under way). */
async function activeOcrJob(ocrQueue: Queue, afterMs: number): Promise<string> {
  for (;;) {
    const [active] = await ocrQueue.getActive();
    if (active?.id) {
      await new Promise((r) => setTimeout(r, afterMs));
      return active.id;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function spawnWorker(target: QueueTarget, dataDir: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'worker',
      '--queue',
      target.url,
      '--queue-prefix',
      target.prefix,
      '--data-dir',
      dataDir,
      '--concurrency',
      '1',
      '--lock-duration',
      String(FAST_RECOVERY.lockDurationMs),
      '--stalled-interval',
      String(FAST_RECOVERY.stalledIntervalMs),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGKILL');
      });
    }
  });
  return child;
}

describe('queued ingest under faults', () => {
  test('a worker killed with SIGKILL mid-OCR: another recovers its page, every page is indexed once', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const archive = await setUp(redis, 'sigkill');
    // The scanned page first: the doomed worker, one job at a time, takes it and is killed reading it.
    const enqueued = [await archive.queue.enqueue(scanPage), await archive.queue.enqueue(cleanIssue)];
    expect(enqueued.map((o) => o.status)).toEqual(['queued', 'queued']);

    const doomed = spawnWorker(archive.target, archive.dataDir.root);
    const killedJob = await activeOcrJob(archive.ocrQueue, 1_000);
    expect(killedJob).toBe(jobId('ocr', enqueued[0]!.sha256!, 1));
    await new Promise((resolve) => {
      doomed.once('exit', resolve);
      doomed.kill('SIGKILL');
    });
    // The dead worker's lock still holds the job: only stalled-job recovery can free it.
    expect(await (await archive.ocrQueue.getJob(killedJob))!.getState()).toBe('active');

    startWorkers(archive);
    const outcomes = await archive.queue.waitFor(enqueued, undefined, 200);
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested']);

    const recovered = (await archive.ocrQueue.getJob(killedJob))!;
    expect(await recovered.getState()).toBe('completed');
    expect(recovered.stalledCounter).toBeGreaterThanOrEqual(1);
    const pages = outcomes.reduce((n, o) => n + (o.pages ?? 0), 0);
    const indexed = dumpStore(archive.dataDir.databasePath).pages.map((row) => {
      const page = JSON.parse(row) as { bulletin_id: string; page_index: number };
      return `${page.bulletin_id}/${page.page_index}`;
    });
    const expected = outcomes.flatMap((o) =>
      Array.from({ length: o.pages ?? 0 }, (_, i) => `${o.bulletin}/${i + 1}`),
    );
    expect(indexed.sort()).toEqual(expected.sort());
    const counts = await archive.queue.counts();
    // One OCR job per page, and one peer job per file.
    expect(counts.find((c) => c.stage === 'ocr')).toMatchObject({ completed: pages + 2, failed: 0 });
    expect(counts.find((c) => c.stage === 'index')).toMatchObject({ completed: 2, failed: 0 });
    const index = new Queue('index', {
      connection: connectionOptions(redis.url),
      prefix: archive.target.prefix,
    });
    try {
      for (const o of outcomes) expect((await index.getJob(jobId('index', o.sha256!)))!.attemptsMade).toBe(1);
    } finally {
      await index.close();
    }
  });

  test('Redis restarted mid-run: the ingest completes', async () => {
    const redis = await startRedis({ persistent: true });
    cleanups.push(() => redis.stop());
    const archive = await setUp(redis, 'restart');
    const enqueued = [await archive.queue.enqueue(scanPage), await archive.queue.enqueue(cleanIssue)];
    expect(enqueued.map((o) => o.status)).toEqual(['queued', 'queued']);
    startWorkers(archive);
    const waiting = archive.queue.waitFor(enqueued, undefined, 200);

    await activeOcrJob(archive.ocrQueue, 500);
    await redis.restart(1_000);

    const outcomes = await waiting;
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested']);
    const dump = dumpStore(archive.dataDir.databasePath);
    expect(dump.bulletins).toHaveLength(2);
    expect(dump.pages).toHaveLength(outcomes.reduce((n, o) => n + (o.pages ?? 0), 0));
  });
});
