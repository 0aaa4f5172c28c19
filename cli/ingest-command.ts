/**
 * `jarida ingest <paths...>`: runs the pipeline over files and directories, embedded, or
 * with `--queue` (or `REDIS_URL`) as BullMQ flows that `jarida worker`s process.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { PdfSandbox } from '../engines/pdf-sandbox.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { type FileOutcome, IngestService } from '../ingest/ingest-service.js';
import { IngestStages } from '../ingest/ingest-stages.js';
import type { OcrLanguage } from '../pipeline/model.js';
import type { IngestQueue } from '../queue/ingest-queue.js';
import { type QueueTarget, queueTarget } from '../queue/queue-connection.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import {
  type Archive,
  EXIT_OK,
  EXIT_SOME_FAILED,
  log,
  positiveInteger,
  print,
  printJson,
  withArchive,
} from './context.js';
import { createBatchProgressReporter, createProgressReporter, progressWanted } from './progress.js';

const INPUT_EXTENSIONS = new Set(['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg']);

export interface IngestCommandOptions {
  dataDir?: string;
  lang: OcrLanguage | 'auto';
  force?: boolean;
  json?: boolean;
  progress?: boolean;
  /** Longest a PDF's parse or page render may take, ms; else the sandbox's default (60 s). */
  pdfTimeout?: number;
}

/** Options of the queued mode: where the queues are, and whether to follow the files to their outcome. */
export interface QueueCommandOptions {
  /** Redis URL; else `REDIS_URL`. */
  queue?: string;
  /** Key prefix of the queues; else `JARIDA_QUEUE_PREFIX`, else `jarida`. */
  queuePrefix?: string;
}

/** `--pdf-timeout`, taken alike by `ingest` and `worker`. */
export function pdfTimeoutOption(): Option {
  return new Option(
    '--pdf-timeout <ms>',
    'fail a PDF whose parse or page render takes longer with PDF_TIMEOUT (default 60000)',
  )
    .env('JARIDA_PDF_TIMEOUT_MS')
    .argParser(positiveInteger('--pdf-timeout'));
}

/** Expands directories into the input files below them, in a stable order. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(input, { recursive: true, withFileTypes: true });
      files.push(
        ...entries
          .filter((e) => e.isFile() && INPUT_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
          .map((e) => path.join(e.parentPath, e.name))
          .sort(),
      );
    } else {
      // A missing file is reported as a failed item by the service, not as bad usage.
      files.push(input);
    }
  }
  return files;
}

/** Ingests the inputs into the archive and returns the outcomes; shared by `ingest`, `demo` and `eval`. */
export async function runIngest(inputs: string[], options: IngestCommandOptions): Promise<FileOutcome[]> {
  const files = await expandInputs(inputs);
  return withArchive(options, async ({ dataDir, store }) => {
    const ocr = new TesseractPool();
    const failures = new IngestLedger(dataDir.databasePath);
    const sandbox = new PdfSandbox({ timeoutMs: options.pdfTimeout });
    try {
      const service = new IngestService({ dataDir, store, ocr, failures, openPdf: sandbox.open });
      const progress = createProgressReporter({ enabled: progressWanted(options) });
      try {
        return await service.ingestBatch(
          files,
          { lang: options.lang, force: options.force },
          progress.onEvent,
        );
      } finally {
        progress.stop();
      }
    } finally {
      failures.close();
      await Promise.all([ocr.close(), sandbox.close()]);
    }
  });
}

/** Runs `body` with the queues of `target` over the archive (PDFs counted in a sandbox), and closes both. */
export async function withQueue<T>(
  target: QueueTarget,
  archive: Archive,
  body: (queue: IngestQueue) => Promise<T>,
  pdfTimeoutMs?: number,
): Promise<T> {
  // BullMQ loads only for queued ingests: the embedded one never needs it.
  const { IngestQueue } = await import('../queue/ingest-queue.js');
  const sandbox = new PdfSandbox({ timeoutMs: pdfTimeoutMs });
  const stages = new IngestStages({ ...archive, openPdf: sandbox.open });
  const queue = new IngestQueue(target, stages, (error) => log(`queue: ${error.message}`));
  try {
    return await body(queue);
  } finally {
    await Promise.all([queue.close(), sandbox.close()]);
  }
}

/**
 * Enqueues the inputs as flows, then (unless `wait` is false) follows them to their outcomes
 * with progress bars of pages read, texts found and failures.
 */
export async function runQueuedIngest(
  inputs: string[],
  target: QueueTarget,
  options: IngestCommandOptions & { wait?: boolean },
): Promise<FileOutcome[]> {
  const files = await expandInputs(inputs);
  return withArchive(options, (archive) =>
    withQueue(
      target,
      archive,
      async (queue) => {
        const enqueued: FileOutcome[] = [];
        for (const file of files)
          enqueued.push(await queue.enqueue(file, { lang: options.lang, force: options.force }));
        if (options.wait === false) return enqueued;
        const progress = createBatchProgressReporter({ enabled: progressWanted(options) });
        try {
          return await queue.waitFor(enqueued, progress.onEvent);
        } finally {
          progress.stop();
        }
      },
      options.pdfTimeout,
    ),
  );
}

export function printIngestSummary(outcomes: FileOutcome[]): void {
  for (const o of outcomes) {
    const detail =
      o.status === 'failed'
        ? o.reason
        : o.status === 'queued'
          ? `${o.pages} pages`
          : `${o.bulletin}${o.pages !== undefined ? `, ${o.pages} pages, ${o.texts} texts, ${o.articles} articles` : ''}`;
    print(`${o.status.padEnd(9)} ${o.path}: ${detail}`);
  }
  const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const queued = count('queued') > 0 ? `, ${count('queued')} queued` : '';
  print(`${count('ingested')} ingested, ${count('duplicate')} duplicate, ${count('failed')} failed${queued}`);
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'read scanned or born-digital issues (PDF, TIFF, PNG, JPEG; files or directories) into the archive',
    )
    .argument('<paths...>', 'files or directories to ingest')
    .addOption(new Option('--lang <lang>', 'OCR language').choices(['auto', 'fra', 'ara']).default('auto'))
    .option('--force', 're-ingest files already in the archive, replacing what they produced')
    .option(
      '--queue <url>',
      'enqueue to the BullMQ queues at this Redis URL (env REDIS_URL) for `jarida worker`s',
    )
    .option('--queue-prefix <prefix>', 'key prefix of the queues (env JARIDA_QUEUE_PREFIX, default jarida)')
    .option('--no-wait', 'with a queue: enqueue and return, each file `queued`')
    .option('--no-progress', 'no progress bar on stderr')
    .addOption(pdfTimeoutOption())
    .option('--json', 'print { files: [...] } as JSON')
    .action(async function ingestAction(this: Command, paths: string[]) {
      const options = this.optsWithGlobals<IngestCommandOptions & QueueCommandOptions & { wait: boolean }>();
      const target = queueTarget(options);
      const outcomes = target
        ? await runQueuedIngest(paths, target, options)
        : await runIngest(paths, options);
      for (const o of outcomes) if (o.status === 'failed') log(`failed: ${o.path}: ${o.reason}`);
      if (options.json) printJson({ files: outcomes });
      else printIngestSummary(outcomes);
      process.exitCode = outcomes.some((o) => o.status === 'failed') ? EXIT_SOME_FAILED : EXIT_OK;
    });
}
