/**
 * The queued ingest against a real redis-server: it gives the archive the embedded ingest
 * gives, the same files enqueued twice are one piece of work with one result, and two files
 * of one bulletin read at the same moment leave one of them in the archive.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { IngestService } from '../ingest/ingest-service.js';
import { type FileOutcome, IngestStages } from '../ingest/ingest-stages.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { type RedisServer, startRedis } from '../test/redis-server.js';
import { dumpStore } from '../test/store-dump.js';
import { generateFixtureFiles, openTempArchive, useTempDir } from '../test/temp-archive.js';
import { IngestQueue } from './ingest-queue.js';
import { connectionOptions } from './queue-connection.js';
import { STAGES } from './queue-stages.js';
import { QueueWorkers } from './queue-workers.js';

let redis: RedisServer;
const work = useTempDir('jarida-queue-');
let cleanFiles: string[];
let files: string[];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
  ({ files: cleanFiles } = await generateFixtureFiles(path.join(work(), 'clean'), {
    seed: 7,
    issues: 2,
    edition: 'fr',
    quality: 'clean',
  }));
  const { manifest: scan } = await generateFixtureFiles(path.join(work(), 'scan'), {
    seed: 8,
    issues: 1,
    edition: 'fr',
    quality: 'scan',
    pages: 'png',
  });
  // One scanned page (the masthead page) as its own file: the OCR path, at the cost of one page.
  const scanPage = path.join(work(), `${scan.issues[0]!.bulletinId}.png`);
  await copyFile(path.join(work(), 'scan', 'pages', `${scan.issues[0]!.bulletinId}-p1.png`), scanPage);
  const corrupt = path.join(work(), 'BO_9999_fr.pdf');
  await writeFile(corrupt, (await readFile(cleanFiles[0]!)).subarray(0, 3000));
  files = [...cleanFiles, scanPage, corrupt];
});

afterAll(async () => {
  await redis?.stop();
});

/** An archive in a fresh data directory, and a fresh queue prefix on the test's Redis. */
async function archive(name: string) {
  const { dataDir, store } = await openTempArchive(path.join(work(), name));
  const target = { url: redis.url, prefix: `test-${process.pid}-${++prefixes}` };
  return { dataDir, store, target, stages: new IngestStages({ dataDir, store }) };
}

async function embeddedIngest(paths: string[], name = 'embedded') {
  const a = await archive(name);
  const ocr = new TesseractPool({ size: 2 });
  const ledger = new IngestLedger(a.dataDir.databasePath);
  try {
    return {
      outcomes: await new IngestService({ ...a, ocr, ledger }).ingest(paths),
      db: a.dataDir.databasePath,
    };
  } finally {
    ledger.close();
    await ocr.close();
    await a.store.close();
  }
}

/** Enqueues `batches` of files one after the other, then runs workers for every stage until all are done. */
async function queuedIngest(name: string, batches: string[][]) {
  const a = await archive(name);
  const queue = new IngestQueue(a.target, a.stages);
  const ocr = new TesseractPool({ size: 2 });
  let workers: QueueWorkers | undefined;
  try {
    const enqueued: FileOutcome[][] = [];
    for (const batch of batches) enqueued.push(await Promise.all(batch.map((f) => queue.enqueue(f))));
    const countsBeforeWork = await queue.counts();
    workers = QueueWorkers.start({ ...a, stages: STAGES, ocr });
    const outcomes = await Promise.all(enqueued.map((batch) => queue.waitFor(batch, undefined, 200)));
    return { enqueued, outcomes, countsBeforeWork, counts: await queue.counts(), queue, a };
  } finally {
    await workers?.close();
    await ocr.close();
  }
}

describe('queued ingest', () => {
  test('gives the archive and the outcomes the embedded ingest gives', async () => {
    const embedded = await embeddedIngest(files);
    const queued = await queuedIngest('queued', [files]);
    try {
      expect(embedded.outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested', 'ingested', 'failed']);
      expect(queued.outcomes[0]).toEqual(embedded.outcomes);
      expect(dumpStore(queued.a.dataDir.databasePath)).toEqual(dumpStore(embedded.db));
      const ocr = queued.counts.find((c) => c.stage === 'ocr')!;
      const pages = embedded.outcomes.reduce((n, o) => n + (o.pages ?? 0), 0);
      expect(ocr).toMatchObject({ completed: pages, failed: 0, waiting: 0, active: 0 });
      // Bulletins are indexed one at a time across every worker: pairing editions reads what indexing wrote.
      const index = new Queue('index', {
        connection: connectionOptions(redis.url),
        prefix: queued.a.target.prefix,
      });
      expect(await index.getGlobalConcurrency()).toBe(1);
      await index.close();

      // Enqueued again once done: the archive has them, nothing new is queued.
      const again = await Promise.all(files.map((f) => queued.queue.enqueue(f)));
      expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'failed']);
      expect((await queued.queue.counts()).find((c) => c.stage === 'ocr')).toMatchObject({
        completed: pages,
        waiting: 0,
      });
    } finally {
      await queued.queue.close();
      await queued.a.store.close();
    }
  });

  test('the same files enqueued twice before any worker runs are read once, with one result', async () => {
    const twice = await queuedIngest('twice', [cleanFiles, cleanFiles]);
    try {
      const [first, second] = twice.outcomes;
      expect(first!.map((o) => o.status)).toEqual(['ingested', 'ingested']);
      expect(second).toEqual(first);
      const pages = first!.reduce((n, o) => n + (o.pages ?? 0), 0);
      for (const stage of STAGES) {
        const before = twice.countsBeforeWork.find((c) => c.stage === stage)!;
        const after = twice.counts.find((c) => c.stage === stage)!;
        const jobs = stage === 'ocr' ? pages : cleanFiles.length;
        expect(before.waiting + before.waitingChildren, stage).toBe(jobs);
        expect(after.completed, stage).toBe(jobs);
      }
      const dump = dumpStore(twice.a.dataDir.databasePath);
      expect(dump.bulletins).toHaveLength(cleanFiles.length);
      expect(dump.pages).toHaveLength(pages);
    } finally {
      await twice.queue.close();
      await twice.a.store.close();
    }
  });
});

/** Another file of the bulletin in `file`: its first `pages` pages only (same masthead, fewer texts). */
async function firstPages(file: string, pages: number, out: string): Promise<string> {
  const source = await PDFDocument.load(await readFile(file));
  const copy = await PDFDocument.create();
  for (const page of await copy.copyPages(source, [...Array(pages).keys()])) copy.addPage(page);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, await copy.save());
  return out;
}

describe('two files of one bulletin', () => {
  test('structured at the same moment: one is ingested, the other fails with a conflict', async () => {
    const whole = cleanFiles[0]!;
    const part = await firstPages(whole, 2, path.join(work(), 'part', path.basename(whole)));
    const a = await archive('conflict');
    const queue = new IngestQueue(a.target, a.stages);
    const ocr = new TesseractPool({ size: 1 });
    const before = QueueWorkers.start({ ...a, stages: ['ocr', 'structure'], ocr });
    let index: QueueWorkers | undefined;
    try {
      const enqueued = await queue.ingest([whole, part], { wait: false });
      expect(enqueued.map((o) => o.status)).toEqual(['queued', 'queued']);
      // Both files pass the structure stage before either is indexed: the moment of the race.
      await expect
        .poll(async () => (await queue.counts()).find((c) => c.stage === 'structure')!.completed, {
          timeout: 60_000,
          interval: 200,
        })
        .toBe(2);
      index = QueueWorkers.start({ ...a, stages: ['index'] });
      const outcomes = await queue.waitFor(enqueued, undefined, 200);
      const ingested = outcomes.filter((o) => o.status === 'ingested');
      const failed = outcomes.filter((o) => o.status === 'failed');
      expect(ingested).toHaveLength(1);
      expect(failed).toEqual([expect.objectContaining({ code: 'BULLETIN_CONFLICT' })]);
      // The archive holds the texts of exactly one file: those of the file ingested alone.
      const alone = await embeddedIngest([ingested[0]!.path], 'conflict-alone');
      expect(dumpStore(a.dataDir.databasePath)).toEqual(dumpStore(alone.db));
      const other = await embeddedIngest([failed[0]!.path], 'conflict-other');
      expect(dumpStore(other.db).texts).not.toEqual(dumpStore(alone.db).texts);
    } finally {
      await before.close();
      await index?.close();
      await ocr.close();
      await queue.close();
      await a.store.close();
    }
  });
});
