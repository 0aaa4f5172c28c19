/**
 * The queued pipeline's shape, in one place: its stages (one BullMQ queue each), the data
 * and result of each stage's jobs, their deterministic ids, retry policy, and the flow of
 * one bulletin — index ← structure ← peers ← one OCR job per page — so the pages of every
 * file fan out across all workers and each parent runs once its children are done (`peers`,
 * on the OCR queue, reads again a page far below its file's others). Amendments are
 * linked by the index job, inside the store's save (pipeline/amendments/link-stage.ts).
 *
 * Jobs carry ids and small summaries only; pages and bulletins travel through the shared
 * data directory (ingest/ingest-stages.ts).
 */
import { availableParallelism } from 'node:os';
import { type FlowJob, type JobsOptions, UnrecoverableError } from 'bullmq';
import { BulletinConflictError, type BulletinSummary } from '../ingest/ingest-stages.js';
import { errorReason, OcrTimeoutError, PipelineError } from '../pipeline/errors.js';
import type { IntakeRecord, OcrLanguage, PageArtefact } from '../pipeline/model.js';

/** The stages in pipeline order; each is a queue of that name. */
export const STAGES = ['ocr', 'structure', 'index'] as const;
export type Stage = (typeof STAGES)[number];

/** Jobs of one stage run at once by one worker process, by default: one OCR job per core, one of the others. */
export function defaultConcurrency(stage: Stage): number {
  return stage === 'ocr' ? availableParallelism() : 1;
}

/** What every job of a file carries: enough to find its artefacts and original. */
export interface FileJobData {
  /** The path as given to `ingest`, for reports. */
  file: string;
  record: IntakeRecord;
  /** Pages in the file. */
  pages: number;
  lang: OcrLanguage | 'auto';
  /** Replace a bulletin of the same id read from another file. */
  force: boolean;
}

/** An OCR job: one page of a file. */
export interface PageJobData extends FileJobData {
  page: number;
}

/** What an OCR job returns. */
export interface PageResult {
  page: number;
  source: PageArtefact['source'];
  confidence: number;
}

/** What the peer job of a file returns: the pages it read again (pipeline/page-rereading.ts). */
export interface PeersResult {
  reread: number[];
}

/** Name of the job, on the OCR queue, that reads again the pages of a file far below its others. */
export const PEERS_JOB = 'peers';

/** What the structure and index jobs return. */
export type BulletinResult = BulletinSummary;

/** Deterministic job id: content hash + page + stage, so the same file enqueued twice is one piece of work. */
export function jobId(stage: Stage, sha256: string, page?: number): string {
  return page === undefined ? `${sha256}-${stage}` : `${sha256}-p${String(page).padStart(4, '0')}-${stage}`;
}

/** Retry and retention policy of every job. */
export const JOB_OPTIONS: JobsOptions = {
  // Transient faults (a worker's OCR timeout, the data volume away for a moment) get three tries.
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  // Completed jobs are kept a while (status, dedup of in-flight re-enqueues); failures until retried.
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};

/** A parent fails when a child does, so a bad page fails its file instead of leaving it waiting forever. */
const CHILD_OPTIONS: JobsOptions = { ...JOB_OPTIONS, failParentOnFailure: true };

/** The flow of one file: its root is the index job. */
export function bulletinFlow(data: FileJobData): FlowJob {
  const sha = data.record.sha256;
  const pages = Array.from({ length: data.pages }, (_, i) => i + 1).map((page) => ({
    name: 'ocr',
    queueName: 'ocr',
    data: { ...data, page } satisfies PageJobData,
    opts: { ...CHILD_OPTIONS, jobId: jobId('ocr', sha, page) },
  }));
  // Once every page is read, one job with an OCR engine compares them (the structure job has none).
  const peers = {
    name: PEERS_JOB,
    queueName: 'ocr',
    data,
    opts: { ...CHILD_OPTIONS, jobId: jobId('ocr', sha) },
    children: pages,
  };
  const structure = {
    name: 'structure',
    queueName: 'structure',
    data,
    opts: { ...CHILD_OPTIONS, jobId: jobId('structure', sha) },
    children: [peers],
  };
  return {
    name: 'index',
    queueName: 'index',
    data,
    opts: { ...JOB_OPTIONS, jobId: jobId('index', sha) },
    children: [structure],
  };
}

/**
 * The error a job handler throws for a stage error: bad input (any pipeline error but an
 * OCR timeout, a bulletin conflict) fails at once with `UnrecoverableError`; anything else
 * is retried with back-off. The message is `CODE: reason` so status and outcomes keep the code.
 */
export function toJobError(error: unknown): Error {
  const { reason, code } = errorReason(error);
  const message = `${code}: ${reason}`;
  const badInput =
    (error instanceof PipelineError && !(error instanceof OcrTimeoutError)) ||
    error instanceof BulletinConflictError;
  return badInput ? new UnrecoverableError(message) : new Error(message);
}

/** Reason and code of a failed job, from its `failedReason`; `propagated` when it only failed because a child did. */
export function jobFailure(failedReason: string | undefined): {
  reason: string;
  code: string;
  propagated: boolean;
} {
  const text = failedReason ?? '';
  const coded = /^([A-Z][A-Z0-9_]*): ([\s\S]*)$/.exec(text);
  if (coded) return { code: coded[1]!, reason: coded[2]!, propagated: false };
  // BullMQ's own reasons: a parent failed by failParentOnFailure, a job stalled too often.
  const propagated = /^child .* failed$/.test(text);
  return { code: propagated ? 'CHILD_FAILED' : 'INTERNAL', reason: text, propagated };
}
