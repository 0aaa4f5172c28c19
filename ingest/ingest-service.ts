/**
 * Embedded ingestion: runs the stages of ingest/ingest-stages.ts in-process for a batch of
 * files, file by file, the pages of each file concurrently through the OCR pool. The queued
 * mode (queue/job-handlers.ts) runs the same stages as BullMQ jobs.
 */
import pLimit from 'p-limit';
import { errorReason } from '../pipeline/errors.js';
import type { IntakeRecord, OcrLanguage, PageArtefact } from '../pipeline/model.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import type { IngestFailureLog } from '../store/sqlite/ingest-ledger.js';
import {
  type FileOutcome,
  failedOutcome,
  IngestStages,
  isOutcome,
  type StageDependencies,
} from './ingest-stages.js';

export { BulletinConflictError, type FileOutcome } from './ingest-stages.js';

export interface IngestOptions {
  /** OCR language, or `auto` to detect the script per page. */
  lang?: OcrLanguage | 'auto';
  /** Re-ingest files already ingested, replacing what they produced. */
  force?: boolean;
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
  /** Where failed files are recorded for `jarida status` and `jarida retry`; none when omitted. */
  failures?: IngestFailureLog;
}

export class IngestService {
  private readonly stages: IngestStages;

  constructor(private readonly deps: IngestDependencies) {
    this.stages = new IngestStages(deps);
  }

  /**
   * Ingests every file; a file that fails is reported with its reason and the batch goes on.
   *
   * @example
   * const outcomes = await service.ingestBatch(['bo-fr-6280.pdf'], { lang: 'fra' }, (e) => log(e));
   */
  async ingestBatch(
    paths: string[],
    options: IngestOptions = {},
    onEvent: (event: IngestEvent) => void = () => {},
  ): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    for (const [fileIndex, file] of paths.entries()) {
      onEvent({ kind: 'file-start', path: file, fileIndex, fileCount: paths.length });
      const outcome = await this.recorded(await this.ingestFile(file, options, onEvent));
      outcomes.push(outcome);
      onEvent({ kind: 'file-done', outcome });
    }
    return outcomes;
  }

  /**
   * Records an outcome in the failure ledger. On a full disk the ledger's own write can fail
   * too: the batch goes on and the outcome is still reported, a failure saying that
   * `jarida status` will not list it (a success's stale entry is cleared on the next run).
   */
  private async recorded(outcome: FileOutcome): Promise<FileOutcome> {
    try {
      await this.deps.failures?.record(outcome);
      return outcome;
    } catch (error) {
      if (outcome.status !== 'failed') return outcome;
      return {
        ...outcome,
        reason: `${outcome.reason} (not recorded for jarida status: ${errorReason(error).reason})`,
      };
    }
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
      const summary = await this.stages.index(parsed, pages);
      return { path: file, status: 'ingested', sha256: record.sha256, ...summary };
    } catch (error) {
      await this.stages.forget(record.sha256);
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
      return await Promise.all(
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
            return page;
          }),
        ),
      );
    } finally {
      await document.close();
    }
  }
}
