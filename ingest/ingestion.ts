/**
 * One ingestion, two ways to run it: embedded (ingest/ingest-service.ts, failures in the
 * archive's SQLite ledger) or queued (queue/ingest-queue.ts, BullMQ jobs that `jarida worker`s
 * run, failures kept with the jobs in Redis). `jarida ingest`, `status` and `retry` speak to
 * this interface only; {@link withIngestion} (open-ingestion.ts) chooses the mode once.
 */
import type { OcrLanguage } from '../pipeline/model.js';
import type { JobFailureReport, StageCounts } from '../queue/ingest-queue.js';
import type { Stage } from '../queue/queue-stages.js';
import type { ArchiveCounts, BulletinWarnings, IngestFailure } from '../store/sqlite/ingest-ledger.js';
import type { IngestEvent } from './ingest-service.js';
import type { FileOutcome } from './ingest-stages.js';

/** What to ingest files with. */
export interface IngestRequest {
  /** OCR language, or `auto` to detect the script per page. */
  lang?: OcrLanguage | 'auto';
  /** Re-read files already in the archive, replacing what they produced. */
  force?: boolean;
  /** Queued only: `false` returns once the files are enqueued, each `queued` (or `failed`, `duplicate`). */
  wait?: boolean;
}

/** What to retry. */
export interface RetryRequest {
  /** OCR language of files read again (embedded). */
  lang?: OcrLanguage | 'auto';
  /** Queued only: the failures of these stages (default all); the embedded mode retries whole files. */
  stages?: readonly Stage[];
}

/** `jarida status --json` of the embedded mode: the archive's counts, failed files, parser warnings. */
export interface EmbeddedStatus {
  mode: 'embedded';
  archive: ArchiveCounts;
  failures: IngestFailure[];
  warnings: BulletinWarnings[];
}

/** `jarida status --json` of the queued mode: jobs per stage by state, the failed jobs, the refused files. */
export interface QueueStatus {
  mode: 'queue';
  stages: StageCounts[];
  failures: JobFailureReport[];
  /** Files that failed before becoming jobs (unreadable, corrupt): `retry` enqueues them again. */
  refused: IngestFailure[];
  /** As in the embedded mode: the parser's warnings and the pages kept flagged (`PAGE_UNREADABLE`). */
  warnings: BulletinWarnings[];
}

export type IngestionStatus = EmbeddedStatus | QueueStatus;

/** Ingest files, say where the archive stands, retry what failed: the same outcomes in either mode. */
export interface Ingestion {
  readonly mode: IngestionStatus['mode'];
  /**
   * One outcome per file, in order (the `files[]` of `ingest --json`): a file that fails is
   * reported with its reason and code, and the others go on.
   */
  ingest(
    files: string[],
    request?: IngestRequest,
    onEvent?: (event: IngestEvent) => void,
  ): Promise<FileOutcome[]>;
  status(): Promise<IngestionStatus>;
  /** Takes up the failed files again: embedded, reads them again; queued, re-queues them (`queued`). */
  retry(request?: RetryRequest, onEvent?: (event: IngestEvent) => void): Promise<FileOutcome[]>;
}
