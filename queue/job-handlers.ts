/**
 * The job handler of each stage: typed, thin, calling the stages the embedded ingest calls
 * (ingest/ingest-stages.ts) and returning a small outcome. Errors leave as
 * {@link toJobError} says: bad input fails at once, anything else is retried.
 */
import type { Job } from 'bullmq';
import type { DocumentCache } from '../engines/document-cache.js';
import { type IngestStages, summarize } from '../ingest/ingest-stages.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import {
  type BulletinResult,
  type FileJobData,
  type PageJobData,
  type PageResult,
  PEERS_JOB,
  type PeersResult,
  toJobError,
} from './queue-stages.js';

/** What the handlers need: the stages over the shared archive, and for OCR an engine and open documents. */
export interface HandlerDependencies {
  stages: IngestStages;
  ocr: { engine: OcrEngine; documents: DocumentCache } | null;
}

/** The handler of each stage's jobs (one per stage of queue-stages.ts). */
export interface JobHandlers {
  /** A page's OCR job, or the peer job of its file ({@link PEERS_JOB}) once every page is read. */
  ocr(job: Job<PageJobData | FileJobData>): Promise<PageResult | PeersResult>;
  structure(job: Job<FileJobData>): Promise<BulletinResult>;
  index(job: Job<FileJobData>): Promise<BulletinResult>;
}

export function createJobHandlers({ stages, ocr }: HandlerDependencies): JobHandlers {
  return {
    ocr: (job) =>
      asJob(async () => {
        if (!ocr) throw new Error('this worker runs no OCR engine');
        const { record, lang } = job.data;
        if (job.name === PEERS_JOB) {
          const pages = await stages.peers(record, job.data.pages, ocr.engine, lang, (work) =>
            ocr.documents.use(record, work),
          );
          return { reread: pages.filter((p) => p.peerConfidence !== undefined).map((p) => p.index) };
        }
        const { page } = job.data as PageJobData;
        const artefact = await ocr.documents.use(record, (document) =>
          stages.page(record, document, page, ocr.engine, lang),
        );
        return { page, source: artefact.source, confidence: artefact.confidence };
      }),
    structure: (job) =>
      asJob(async () => {
        const { record, pages, force } = job.data;
        const parsed = await stages.structure(record, await stages.keptPages(record.sha256, pages), force);
        return summarize(parsed, pages);
      }),
    index: (job) =>
      asJob(async () => {
        const { record, pages, force } = job.data;
        const parsed = await stages.keptBulletin(record.sha256);
        return stages.index(parsed, await stages.keptPages(record.sha256, pages), force);
      }),
  };
}

async function asJob<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toJobError(error);
  }
}
