/**
 * `npm run bench -- queue [--issues N] [--seed S]`: pages per minute of the queued ingest
 * with one and with two `jarida worker` processes, against the embedded ingest on the same
 * scanned pages, side by side in one run, on a redis-server started for the run. The same
 * OCR capacity in every run: the embedded pool and the single worker read one page per
 * core; two workers read one page each per core… of this one machine, so the ratio measures
 * the queue's overhead (Redis round trips, artefacts through the data directory, one
 * process per worker), not more hardware.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { generateFixtures } from '../fixtures/generate.js';
import { IngestService } from '../ingest/ingest-service.js';
import { type FileOutcome, IngestStages } from '../ingest/ingest-stages.js';
import { IngestQueue } from '../queue/ingest-queue.js';
import { DataDir } from '../store/data-dir.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { startRedis } from '../test/redis-server.js';
import { machineLine, table, writeSection } from './report.js';

const CLI = path.resolve('dist/cli/main.js');

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

interface Run {
  name: string;
  seconds: number;
  pages: number;
  ingested: number;
}

function assertAllIngested(name: string, outcomes: FileOutcome[]): void {
  const bad = outcomes.filter((o) => o.status !== 'ingested');
  if (bad.length)
    throw new Error(`${name}: ${bad.map((o) => `${o.path}: ${o.status} ${o.reason ?? ''}`).join('; ')}`);
}

async function embedded(files: string[], dataDirPath: string): Promise<Run> {
  const dataDir = new DataDir(dataDirPath);
  await dataDir.ensure();
  const store = await openSqliteStore(dataDir.databasePath);
  const ocr = new TesseractPool();
  const ledger = new IngestLedger(dataDir.databasePath);
  try {
    const start = performance.now();
    const outcomes = await new IngestService({ dataDir, store, ocr, ledger }).ingest(files);
    const seconds = (performance.now() - start) / 1000;
    assertAllIngested('embedded', outcomes);
    const pages = outcomes.reduce((n, o) => n + (o.pages ?? 0), 0);
    return { name: `embedded (pool of ${ocr.size})`, seconds, pages, ingested: outcomes.length };
  } finally {
    ledger.close();
    await ocr.close();
    await store.close();
  }
}

/** Starts a `jarida worker` process and resolves once it is fetching jobs. */
function startWorker(
  url: string,
  prefix: string,
  dataDir: string,
  concurrency: number,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'worker',
      '--queue',
      url,
      '--queue-prefix',
      prefix,
      '--data-dir',
      dataDir,
      '--concurrency',
      String(concurrency),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      if (log.includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function queued(files: string[], dataDirPath: string, url: string, workers: number): Promise<Run> {
  const dataDir = new DataDir(dataDirPath);
  await dataDir.ensure();
  const store = await openSqliteStore(dataDir.databasePath);
  const prefix = `bench-${workers}`;
  const concurrency = Math.max(1, Math.floor(os.availableParallelism() / workers));
  const processes = await Promise.all(
    Array.from({ length: workers }, () => startWorker(url, prefix, dataDirPath, concurrency)),
  );
  const queue = new IngestQueue({ url, prefix }, new IngestStages({ dataDir, store }));
  try {
    const start = performance.now();
    const enqueued: FileOutcome[] = [];
    for (const file of files) enqueued.push(await queue.enqueue(file));
    const outcomes = await queue.waitFor(enqueued, undefined, 250);
    const seconds = (performance.now() - start) / 1000;
    assertAllIngested(`${workers} workers`, outcomes);
    const pages = outcomes.reduce((n, o) => n + (o.pages ?? 0), 0);
    const name = `queued, ${workers} worker${workers > 1 ? 's' : ''} × ${concurrency} OCR job${concurrency > 1 ? 's' : ''}`;
    return { name, seconds, pages, ingested: outcomes.length };
  } finally {
    await queue.close();
    await Promise.all(processes.map(stopWorker));
    await store.close();
  }
}

export async function queueBenchmark(args: string[]): Promise<void> {
  const issues = option(args, 'issues', 3);
  const seed = option(args, 'seed', 9101);
  const work = await mkdtemp(path.join(os.tmpdir(), 'jarida-queue-bench-'));
  const redis = await startRedis();
  const loadBefore = os.loadavg()[0]!;
  try {
    const fixtures = path.join(work, 'fixtures');
    const manifest = await generateFixtures({ out: fixtures, seed, issues, edition: 'fr', quality: 'scan' });
    const files = manifest.issues.map((issue) => path.join(fixtures, issue.file));
    const runs = [
      await embedded(files, path.join(work, 'embedded')),
      await queued(files, path.join(work, 'queued-1'), redis.url, 1),
      await queued(files, path.join(work, 'queued-2'), redis.url, 2),
    ];
    const baseline = runs[0]!;
    const perMinute = (r: Run) => (r.pages / r.seconds) * 60;
    const rows = runs.map((r) => [
      r.name,
      perMinute(r).toFixed(1),
      (r.seconds / r.pages).toFixed(2),
      (perMinute(r) / perMinute(baseline)).toFixed(2),
    ]);
    const twoWorkers = perMinute(runs[2]!);
    const gazette = 500_000;
    const projection = [1, 10, 50].map((machines) => {
      const days = gazette / (twoWorkers * machines) / 60 / 24;
      return [
        `${machines}`,
        `${(twoWorkers * machines).toFixed(0)}`,
        days >= 1 ? `${days.toFixed(1)} days` : `${(days * 24).toFixed(1)} h`,
      ];
    });
    const body = [
      '## queue: pages per minute, queued (1 and 2 workers) against embedded',
      '',
      `${baseline.pages} scan-quality French fixture pages in ${baseline.ingested} PDFs (seed ${seed}); ${machineLine()};`,
      `load average ${loadBefore.toFixed(1)} before the runs, ${os.loadavg()[0]!.toFixed(1)} after (other work on the machine slows all runs alike).`,
      'Each run ingests the same files into a fresh archive: render at 300 dpi, OCR (tesseract.js), layout,',
      'structure, SQLite. Queued: a redis-server on this machine, `jarida worker` processes started beforehand,',
      'timed from the first enqueue to the last file indexed; the OCR capacity is one page per core in every run.',
      '',
      table(['run', 'pages/min', 's/page', '× embedded'], rows),
      '',
      `Projection for the whole gazette (~${gazette.toLocaleString('en')} pages) at the two-worker rate per`,
      'machine like this one (OCR is the cost: pages/min scale with cores as long as Redis, the shared volume',
      'and the index keep up; one Redis handles thousands of jobs per second, far above these rates):',
      '',
      table(['machines', 'pages/min', 'whole gazette'], projection),
    ].join('\n');
    await writeSection('queue', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await redis.stop();
    await rm(work, { recursive: true, force: true });
  }
}
