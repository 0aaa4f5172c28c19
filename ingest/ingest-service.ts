/**
 * Embedded ingestion: runs the stages of ingest/ingest-stages.ts in-process for a batch of
 * files, file by file, the pages of each file concurrently through the OCR pool, and records
 * failed files in the archive's ledger for `status` and `retry`. The queued mode
 * (queue/ingest-queue.ts, queue/job-handlers.ts) runs the same stages as BullMQ jobs.
 *
 * A failed file keeps the artefacts it got to (its pages above all), as in the queued mode:
 * a retry or a re-run reads only what is missing; `--force` reads everything again.
 */
import pLimit from 'p-limit';
import type { IntakeRecord, PageArtefact } from '../pipeline/model.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import type { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { withIngestLock } from './ingest-lock.js';
import {
  type FileOutcome,
  failedOutcome,
  IngestStages,
  isOutcome,
  recordOutcome,
  type StageDependencies,
} from './ingest-stages.js';
import type { EmbeddedStatus, Ingestion, IngestRequest, RetryRequest } from './ingestion.js';

export { BulletinConflictError, type FileOutcome } from './ingest-stages.js';

export interface IngestOptions extends Omit<IngestRequest, 'wait'> {
  /** Pages read at once per file; defaults to twice the OCR engine's size so OCR never waits on rendering. */
  pageConcurrency?: number;
}

export type IngestEvent =
  | { kind: 'file-start'; path: string; fileIndex: number; fileCount: number }
  | { kind: 'pages-known'; path: string; pages: number }
  | { kind: 'page-done'; path: string; page: number; source: PageArtefact['source'] }
  | { kind: 'file-done'; outcome: FileOutcome };

export interface IngestDependencies extends StageDependencies {
  ocr: OcrEngine;
  /** Where failed files are recorded for `jarida status` and `jarida retry`. */
  ledger: IngestLedger;
}

export class IngestService implements Ingestion {
  readonly mode = 'embedded';
  private readonly stages: IngestStages;

  constructor(private readonly deps: IngestDependencies) {
    this.stages = new IngestStages(deps);
  }

  /**
   * Ingests every file; a file that fails is reported with its reason and the batch goes on.
   *
   * @throws IngestLockedError at once when another ingest holds the data directory.
   *
   * @example
   * const outcomes = await service.ingest(['bo-fr-6280.pdf'], { lang: 'fra' }, (e) => log(e));
   */
  async ingest(
    paths: string[],
    options: IngestOptions = {},
    onEvent: (event: IngestEvent) => void = () => {},
  ): Promise<FileOutcome[]> {
    // One ingest per data directory at a time: two would both find a file new and both read it.
    return withIngestLock(this.deps.dataDir.root, async () => {
      const outcomes: FileOutcome[] = [];
      for (const [fileIndex, file] of paths.entries()) {
        onEvent({ kind: 'file-start', path: file, fileIndex, fileCount: paths.length });
        const outcome = await recordOutcome(this.deps.ledger, await this.ingestFile(file, options, onEvent));
        outcomes.push(outcome);
        onEvent({ kind: 'file-done', outcome });
      }
      return outcomes;
    });
  }

  async status(): Promise<EmbeddedStatus> {
    const { ledger } = this.deps;
    return {
      mode: 'embedded',
      archive: ledger.counts(),
      failures: ledger.failures(),
      warnings: ledger.warnings(),
    };
  }

  /** Reads again every file the ledger lists as failed (whole files: `stages` does not apply). */
  retry(request: RetryRequest = {}, onEvent?: (event: IngestEvent) => void): Promise<FileOutcome[]> {
    const failed = this.deps.ledger.failures().map((f) => f.path);
    return this.ingest(failed, { lang: request.lang }, onEvent);
  }

  /** Ingests one file; never throws for bad input, only reports it. */
  async ingestFile(
    file: string,
    options: IngestOptions = {},
    onEvent: (event: IngestEvent) => void = () => {},
  ): Promise<FileOutcome> {
    const admitted = await this.stages.admit(file, options.force);
    if (isOutcome(admitted)) return admitted;
    const { record, bytes } = admitted;
    try {
      const pages = await this.readPages(file, bytes, record, options, onEvent);
      const parsed = await this.stages.structure(record, pages, options.force);
      const summary = await this.stages.index(parsed, pages, options.force);
      return { path: file, status: 'ingested', sha256: record.sha256, ...summary };
    } catch (error) {
      return failedOutcome(file, error, record.sha256);
    }
  }

  private async readPages(
    file: string,
    bytes: Uint8Array,
    record: IntakeRecord,
    options: IngestOptions,
    onEvent: (event: IngestEvent) => void,
  ): Promise<PageArtefact[]> {
    const document = await this.stages.open({ record, bytes });
    try {
      onEvent({ kind: 'pages-known', path: file, pages: document.pageCount });
      const limit = pLimit(options.pageConcurrency ?? Math.max(2, this.deps.ocr.size * 2));
      const indexes = Array.from({ length: document.pageCount }, (_, i) => i + 1);
      await Promise.all(
        indexes.map((index) =>
          limit(async () => {
            const page = await this.stages.page(
              record,
              document,
              index,
              this.deps.ocr,
              options.lang ?? 'auto',
            );
            onEvent({ kind: 'page-done', path: file, page: index, source: page.source });
          }),
        ),
      );
      // A page far below the others of its file is read again, as the queue's peer job does.
      return await this.stages.peers(
        record,
        document.pageCount,
        this.deps.ocr,
        options.lang ?? 'auto',
        (work) => work(document),
      );
    } finally {
      await document.close();
    }
  }
}
