/**
 * `jarida ingest <paths...>`: runs the pipeline over files and directories, embedded, or
 * with `--queue` (or `REDIS_URL`) as BullMQ flows that `jarida worker`s process.
 */
import { Command, Option } from 'commander';
import type { IngestEvent } from '../ingest/ingest-service.js';
import type { FileOutcome } from '../ingest/ingest-stages.js';
import type { Ingestion } from '../ingest/ingestion.js';
import { expandInputs, type IngestionOptions, ingestFiles, withIngestion } from '../ingest/open-ingestion.js';
import { describeChanges } from '../ingest/replacement-changes.js';
import type { OcrLanguage } from '../pipeline/model.js';
import { queueTarget } from '../queue/queue-connection.js';
import {
  type ArchiveOptions,
  EXIT_OK,
  EXIT_SOME_FAILED,
  log,
  NotFoundError,
  positiveInteger,
  print,
  printJson,
} from './context.js';
import { createBatchProgressReporter, createProgressReporter, progressWanted } from './progress.js';
import { escapeControls } from './terminal-text.js';

export interface IngestCommandOptions extends ArchiveOptions {
  lang: OcrLanguage | 'auto';
  force?: boolean;
  json?: boolean;
  progress?: boolean;
  /** Longest a PDF's parse or page render may take, ms; else the sandbox's default (60 s). */
  pdfTimeout?: number;
  /** Size limit of an input file in MiB; else 256. */
  maxFileSize?: number;
}

/** Options of the queued mode: where the queues are. */
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

/** The one place the commands choose their mode: queued when `--queue` or `REDIS_URL` names a Redis. */
export function commandIngestion<T>(
  options: ArchiveOptions & QueueCommandOptions & { pdfTimeout?: number; maxFileSize?: number },
  body: (ingestion: Ingestion) => Promise<T>,
): Promise<T> {
  const ingestion: IngestionOptions = {
    ...options,
    ...(options.maxFileSize ? { maxFileBytes: options.maxFileSize * 1024 * 1024 } : {}),
    target: queueTarget(options),
    onQueueError: (error) => log(`queue: ${error.message}`),
  };
  return withIngestion(ingestion, body);
}

/**
 * Runs `body` with progress on stderr, stopped whatever happens: pages of the file being read
 * (embedded, one file at a time), or pages and files of the whole batch (queued, side by side).
 */
export async function withProgress<T>(
  mode: Ingestion['mode'],
  options: { progress?: boolean },
  body: (onEvent: (event: IngestEvent) => void) => Promise<T>,
): Promise<T> {
  const create = mode === 'queue' ? createBatchProgressReporter : createProgressReporter;
  const progress = create({ enabled: progressWanted(options) });
  try {
    return await body(progress.onEvent);
  } finally {
    progress.stop();
  }
}

/** Ingests the inputs into the archive, embedded whatever `REDIS_URL` says, with progress: `demo`'s ingest. */
export function runIngest(inputs: string[], options: IngestCommandOptions): Promise<FileOutcome[]> {
  return withProgress('embedded', options, (onEvent) => ingestFiles(inputs, options, onEvent));
}

/** Prints the outcomes as `{ files }` or a summary, and sets the exit code: 1 when any file failed. */
export function reportOutcomes(outcomes: FileOutcome[], options: { json?: boolean }): void {
  if (options.json) {
    // The JSON is for a program: the failures go to stderr too, for the person watching. The summary lists them itself.
    for (const o of outcomes)
      if (o.status === 'failed') log(`failed: ${escapeControls(o.path)}: ${escapeControls(o.reason ?? '')}`);
    printJson({ files: outcomes });
  } else printIngestSummary(outcomes);
  process.exitCode = outcomes.some((o) => o.status === 'failed') ? EXIT_SOME_FAILED : EXIT_OK;
}

export function printIngestSummary(outcomes: FileOutcome[]): void {
  for (const o of outcomes) {
    const detail =
      o.status === 'failed'
        ? o.reason
        : o.status === 'queued'
          ? `${o.pages} pages`
          : `${o.bulletin}${o.pages !== undefined ? `, ${o.pages} pages, ${o.texts} texts, ${o.articles} articles` : ''}`;
    // Names and reasons come from input: escaped, so they cannot act on the terminal or forge a line.
    print(`${o.status.padEnd(9)} ${escapeControls(o.path)}: ${escapeControls(detail ?? '')}`);
    if (o.replaced && o.bulletin)
      for (const line of describeChanges(o.bulletin, o.replaced)) print(`          ${line}`);
    for (const id of o.merged ?? []) print(`          ${o.bulletin}: joined the partial copy ${id}`);
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
    .option(
      '--force',
      're-ingest files already in the archive, or replace an issue read from another file (what that drops is named; the replaced file is removed)',
    )
    .option(
      '--queue <url>',
      'enqueue to the BullMQ queues at this Redis URL (env REDIS_URL) for `jarida worker`s',
    )
    .option('--queue-prefix <prefix>', 'key prefix of the queues (env JARIDA_QUEUE_PREFIX, default jarida)')
    .option('--no-wait', 'with a queue: enqueue and return, each file `queued`')
    .option('--no-progress', 'no progress bar on stderr')
    .addOption(pdfTimeoutOption())
    .addOption(
      new Option(
        '--max-file-size <MiB>',
        'fail a larger input file with FILE_TOO_LARGE, unread (default 256; an ingest peaks at about three times its largest file)',
      )
        .env('JARIDA_MAX_FILE_MB')
        .argParser(positiveInteger('--max-file-size')),
    )
    .option('--json', 'print { files: [...] } as JSON')
    .action(async function ingestAction(this: Command, paths: string[]) {
      const options = this.optsWithGlobals<IngestCommandOptions & QueueCommandOptions & { wait: boolean }>();
      const files = await expandInputs(paths);
      if (files.length === 0)
        throw new NotFoundError(
          `no input files in ${paths.join(', ')}: jarida reads PDF, TIFF, PNG and JPEG files, or directories holding them`,
        );
      const outcomes = await commandIngestion(options, (ingestion) =>
        withProgress(ingestion.mode, options, (onEvent) =>
          ingestion.ingest(files, { lang: options.lang, force: options.force, wait: options.wait }, onEvent),
        ),
      );
      reportOutcomes(outcomes, options);
    });
}
