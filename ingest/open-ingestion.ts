/**
 * Where the choice between the embedded and the queued {@link Ingestion} is made, once: the
 * CLI's `ingest`, `status` and `retry`, the benches and `jarida eval` all come through here
 * and then speak to the interface only.
 */
import { stat } from 'node:fs/promises';
import { PdfSandbox } from '../engines/pdf-sandbox.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import type { QueueTarget } from '../queue/queue-connection.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { type ArchiveOptions, withArchive } from './archive.js';
import { type IngestEvent, IngestService } from './ingest-service.js';
import { type FileOutcome, IngestStages } from './ingest-stages.js';
import type { Ingestion, IngestRequest } from './ingestion.js';
import { listInputFiles } from './input-files.js';

/** The archive to ingest into, and how. */
export interface IngestionOptions extends ArchiveOptions {
  /** The queues to enqueue to (`jarida worker`s read the pages); embedded, in this process, when none. */
  target?: QueueTarget | null;
  /** Longest a PDF's parse or page render may take, ms; else the sandbox's default (60 s). */
  pdfTimeout?: number;
  /** Size limit of an input file in bytes; else 256 MiB (ingest/input-files.ts). */
  maxFileBytes?: number;
  /** Redis errors (a lost connection): reported, never fatal; commands wait for Redis. */
  onQueueError?: (error: Error) => void;
}

/**
 * Runs `body` with the ingestion of the archive in `options`, queued when a target is given,
 * else embedded, and closes it, its engines and the archive whatever happens. Every PDF is
 * parsed in a killable sandbox in both modes: the files are untrusted.
 */
export async function withIngestion<T>(
  options: IngestionOptions,
  body: (ingestion: Ingestion) => Promise<T>,
): Promise<T> {
  return withArchive(options, async (archive) => {
    const sandbox = new PdfSandbox({ timeoutMs: options.pdfTimeout });
    // Failed files in both modes: the embedded runner's, and those the queue refused.
    const ledger = new IngestLedger(archive.dataDir.databasePath);
    try {
      if (options.target) {
        // BullMQ loads only for queued ingests: the embedded one never needs it.
        const { IngestQueue } = await import('../queue/ingest-queue.js');
        const stages = new IngestStages({
          ...archive,
          openPdf: sandbox.open,
          maxFileBytes: options.maxFileBytes,
        });
        const queue = new IngestQueue(options.target, stages, {
          onError: options.onQueueError,
          refusals: ledger,
        });
        try {
          return await body(queue);
        } finally {
          await queue.close();
        }
      }
      const ocr = new TesseractPool();
      try {
        return await body(
          new IngestService({
            ...archive,
            ocr,
            ledger,
            openPdf: sandbox.open,
            maxFileBytes: options.maxFileBytes,
          }),
        );
      } finally {
        await ocr.close();
      }
    } finally {
      ledger.close();
      await sandbox.close();
    }
  });
}

/** Expands directories into the input files below them (links followed: ingest/input-files.ts), in a stable order. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      files.push(...(await listInputFiles(input)));
    } else {
      // A missing file is reported as a failed item by the ingestion, not as bad usage.
      files.push(input);
    }
  }
  return files;
}

/** Ingests files and directories into the archive in `options` and returns one outcome per file. */
export async function ingestFiles(
  inputs: string[],
  options: IngestionOptions & IngestRequest,
  onEvent?: (event: IngestEvent) => void,
): Promise<FileOutcome[]> {
  const files = await expandInputs(inputs);
  return withIngestion(options, (ingestion) => ingestion.ingest(files, options, onEvent));
}
