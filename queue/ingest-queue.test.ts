/**
 * The queued ingest against a real redis-server: it gives the archive the embedded ingest
 * gives, the same files enqueued twice are one piece of work with one result, two files
 * of one bulletin read at the same moment leave one of them in the archive, and a real page
 * that reads as nothing is read again other ways in both modes alike.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Queue } from 'bullmq';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRealSet, onGreyPaper, REAL_OCR_SETS } from '../bench/real-ocr-sets.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { IngestService } from '../ingest/ingest-service.js';
import { type FileOutcome, IngestStages } from '../ingest/ingest-stages.js';
import { characterErrors } from '../pipeline/evaluation.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import { pageText } from '../pipeline/page-text.js';
import type { DataDir } from '../store/data-dir.js';
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
      dataDir: a.dataDir,
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
      // One OCR job per page, and per file the peer job that compares its pages once read.
      const ocrJobs = pages + embedded.outcomes.filter((o) => o.status === 'ingested').length;
      expect(ocr).toMatchObject({ completed: ocrJobs, failed: 0, waiting: 0, active: 0 });
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
        completed: ocrJobs,
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
        const jobs = stage === 'ocr' ? pages + cleanFiles.length : cleanFiles.length;
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

/** A scanned file (PDF of page images, no text layer) of `images` (JPEG), each page at its scan's size. */
async function scannedPdf(images: Buffer[], out: string): Promise<string> {
  const pdf = await PDFDocument.create();
  for (const jpeg of images) {
    const image = await pdf.embedJpg(jpeg);
    const { density = 300 } = await sharp(jpeg).metadata();
    const page = pdf.addPage([(image.width * 72) / density, (image.height * 72) / density]);
    page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, await pdf.save());
  return out;
}

/** The pages a data directory keeps for a file. */
async function keptPages(dataDir: DataDir, sha256: string, pages: number) {
  return Promise.all(Array.from({ length: pages }, (_, i) => dataDir.loadPage(sha256, i + 1)));
}

describe('a real page that reads as nothing', () => {
  test('is read again other ways, embedded and queued alike', async () => {
    // Three real typed pages; the last as if typed on grey paper and scanned with white bed
    // around it (issue 18): read as usual, such a page comes out empty.
    const typewritten = REAL_OCR_SETS.find((set) => set.name === 'typewritten')!;
    const real = await loadRealSet(typewritten, [
      'bnf1984__13_3536f_default',
      'bnf1984__15_20092_default',
      'bnf1984__19_13cb6_default',
    ]);
    const [typed13, typed15, typed19] = await Promise.all(real.map((page) => readFile(page.image)));
    const file = await scannedPdf(
      [typed15!, typed19!, await onGreyPaper(typed13!)],
      path.join(work(), 'grey', 'scan_0001.pdf'),
    );
    const embedded = await embeddedIngest([file], 'grey-embedded');
    const queued = await queuedIngest('grey-queued', [[file]]);
    try {
      const [outcome] = embedded.outcomes;
      expect(outcome).toMatchObject({ status: 'ingested', pages: 3 });
      expect(queued.outcomes[0]).toEqual(embedded.outcomes);
      expect(dumpStore(queued.a.dataDir.databasePath)).toEqual(dumpStore(embedded.db));
      const pages = await keptPages(embedded.dataDir, outcome!.sha256!, 3);
      expect(await keptPages(queued.a.dataDir, outcome!.sha256!, 3)).toEqual(pages);
      // The grey page reads as the others do: its text, not nothing, and no page flagged lost.
      const truths = [real[1]!, real[2]!, real[0]!].map((page) => page.truth);
      for (const [i, page] of pages.entries()) {
        const read = normalizeForCer(pageText(page!), 'fr');
        expect(characterErrors(truths[i]!, read).rate, `page ${i + 1}`).toBeLessThan(0.15);
        expect(page!.warnings, `page ${i + 1}`).toBeUndefined();
      }
    } finally {
      await queued.queue.close();
      await queued.a.store.close();
    }
  }, 1_800_000);
});
