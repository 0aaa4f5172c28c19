/**
 * A worker process's share of the queued pipeline: one BullMQ worker per stage it runs,
 * over the shared data directory and store. Closing finishes the jobs in hand (or, forced,
 * leaves them to be recovered as stalled by another worker).
 */
import { type Job, Worker } from 'bullmq';
import { DocumentCache } from '../engines/document-cache.js';
import { IngestStages, type StageDependencies } from '../ingest/ingest-stages.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { createJobHandlers } from './job-handlers.js';
import { connectionOptions, type QueueTarget } from './queue-connection.js';
import { defaultConcurrency, jobFailure, type Stage } from './queue-stages.js';

/** Options of {@link QueueWorkers.start}. */
export interface QueueWorkersOptions extends StageDependencies {
  target: QueueTarget;
  /** Stages this process runs. */
  stages: readonly Stage[];
  /** OCR engine for the `ocr` stage; its `size` is the OCR concurrency unless `ocrConcurrency` is given. */
  ocr?: OcrEngine;
  /** OCR jobs at once; default the engine's size (one per core). */
  ocrConcurrency?: number;
  /**
   * A job whose worker stops renewing its lock for this long is stalled and handed to
   * another worker. Default 30 s: several times an OCR page (~10 s), renewed every 15 s.
   */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs; default 30 s. */
  stalledIntervalMs?: number;
  /** Reports a job that failed (for good, or to be retried), with `[CODE] reason`; logs of the worker command. */
  onFailed?: (stage: Stage, job: Job | undefined, reason: string) => void;
  /** Redis or worker errors (a lost connection): reported, never fatal. */
  onError?: (error: Error) => void;
}

export class QueueWorkers {
  private constructor(
    private readonly workers: Worker[],
    private readonly documents: DocumentCache,
  ) {}

  /** Starts processing the given stages at once. */
  static start(options: QueueWorkersOptions): QueueWorkers {
    const stages = new IngestStages(options);
    const documents = new DocumentCache(async (record) =>
      stages.open({ record, bytes: await stages.original(record) }),
    );
    const runsOcr = options.stages.includes('ocr');
    if (runsOcr && !options.ocr) throw new Error('the ocr stage needs an OCR engine');
    const handlers = createJobHandlers({
      stages,
      ocr: runsOcr && options.ocr ? { engine: options.ocr, documents } : null,
    });
    const workers = options.stages.map((stage) => {
      const concurrency =
        stage === 'ocr'
          ? (options.ocrConcurrency ?? options.ocr?.size ?? defaultConcurrency('ocr'))
          : defaultConcurrency(stage);
      const worker = new Worker(stage, handlers[stage] as (job: Job) => Promise<unknown>, {
        connection: connectionOptions(options.target.url),
        prefix: options.target.prefix,
        concurrency,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        // A Redis restart can leave a job looking stalled once without any worker having died.
        maxStalledCount: 2,
      });
      worker.on('failed', (job, error) => {
        // A parent failed only because a child did is reported once, by the child.
        const failure = jobFailure(error.message);
        if (!failure.propagated) options.onFailed?.(stage, job, `[${failure.code}] ${failure.reason}`);
      });
      worker.on('error', (error) => options.onError?.(error));
      return worker;
    });
    return new QueueWorkers(workers, documents);
  }

  /** Resolves once every worker is connected and fetching jobs. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /**
   * Stops taking jobs and waits for the ones in hand to finish; with `force`, stops at once
   * and leaves them locked until their lock runs out and another worker recovers them.
   */
  async close(force = false): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close(force)));
    await this.documents.close();
  }
}
