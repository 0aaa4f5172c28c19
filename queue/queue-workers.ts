/**
 * A worker process's share of the queued pipeline: one BullMQ worker per stage it runs,
 * over the shared data directory and store. Closing finishes the jobs in hand, within a
 * grace period and whatever Redis does; what cannot be finished is left locked, to be
 * recovered as stalled by another worker.
 */
import { type Job, Worker } from 'bullmq';
import { DocumentCache } from '../engines/document-cache.js';
import { IngestStages, type StageDependencies } from '../ingest/ingest-stages.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { createJobHandlers } from './job-handlers.js';
import { connectionOptions, type QueueTarget } from './queue-connection.js';
import { defaultConcurrency, jobFailure, type PageResult, type Stage } from './queue-stages.js';
import type { WorkerMetrics } from './worker-metrics.js';

/** How long {@link QueueWorkers.close} waits for the jobs in hand by default: under Kubernetes' 30 s. */
export const DEFAULT_GRACE_MS = 25_000;

/**
 * Once no job is in hand, what is left of a close is recording the last outcomes and
 * saying goodbye to Redis: milliseconds when it answers. Longer means Redis is away
 * (BullMQ's close waits for it forever), and the connections are dropped instead.
 */
const SETTLE_MS = 2_000;

/** What a worker process is doing: for its readiness (a job that makes no progress is stuck). */
export interface WorkerActivity {
  /** Jobs running now. */
  inHand: number;
  /** When a job last started or ended (ms since the epoch); the start if none has. */
  lastProgressAt: number;
}

/** How {@link QueueWorkers.close} ended. */
export interface CloseOutcome {
  /** Whether Redis stopped answering (or the grace period ran out) and the connections were dropped. */
  dropped: boolean;
  /** Jobs still in hand when the connections were dropped: left to stalled-job recovery. */
  abandoned: number;
}

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
  /** Reports a job that failed (for good, or to be retried), with its error code and reason; logs of the worker command. */
  onFailed?: (stage: Stage, job: Job | undefined, failure: { code: string; reason: string }) => void;
  /** Redis or worker errors (a lost connection): reported, never fatal. */
  onError?: (error: Error) => void;
  /** Reports a job that completed, with its result; logs of the worker command. */
  onCompleted?: (stage: Stage, job: Job, result: unknown) => void;
  /** Where jobs are counted (the health port's `/metrics`). */
  metrics?: WorkerMetrics;
}

export class QueueWorkers {
  private readonly workers: Worker[] = [];
  private readonly documents: DocumentCache;
  private readonly current: WorkerActivity = { inHand: 0, lastProgressAt: Date.now() };
  private closing?: Promise<CloseOutcome>;

  private constructor(private readonly options: QueueWorkersOptions) {
    const stages = new IngestStages(options);
    this.documents = new DocumentCache(async (record) =>
      stages.open({ record, bytes: await stages.original(record) }),
    );
    const runsOcr = options.stages.includes('ocr');
    if (runsOcr && !options.ocr) throw new Error('the ocr stage needs an OCR engine');
    const handlers = createJobHandlers({
      stages,
      ocr: runsOcr && options.ocr ? { engine: options.ocr, documents: this.documents } : null,
    });
    for (const stage of options.stages) {
      this.workers.push(this.worker(stage, handlers[stage] as (job: Job) => Promise<unknown>));
    }
  }

  /** Starts processing the given stages at once. */
  static start(options: QueueWorkersOptions): QueueWorkers {
    return new QueueWorkers(options);
  }

  private worker(stage: Stage, handler: (job: Job) => Promise<unknown>): Worker {
    const { options } = this;
    const concurrency =
      stage === 'ocr'
        ? (options.ocrConcurrency ?? options.ocr?.size ?? defaultConcurrency('ocr'))
        : defaultConcurrency(stage);
    const worker = new Worker(stage, (job: Job) => this.track(stage, () => handler(job)), {
      connection: connectionOptions(options.target.url),
      prefix: options.target.prefix,
      concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A Redis restart can leave a job looking stalled once without any worker having died.
      maxStalledCount: 2,
    });
    worker.on('completed', (job, result) => {
      options.metrics?.outcome(stage, 'completed');
      options.onCompleted?.(stage, job, result);
    });
    worker.on('failed', (job, error) => {
      const failure = jobFailure(error.message);
      options.metrics?.outcome(stage, 'failed', failure.code);
      // A parent failed only because a child did is reported once, by the child.
      if (!failure.propagated) options.onFailed?.(stage, job, failure);
    });
    worker.on('error', (error) => options.onError?.(error));
    return worker;
  }

  /** Runs one job's handler, counting it in hand and as progress. */
  private async track<T>(stage: Stage, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.current.inHand += 1;
    this.current.lastProgressAt = Date.now();
    this.options.metrics?.started(stage);
    let result: T | undefined;
    try {
      result = await run();
      return result;
    } finally {
      this.current.inHand -= 1;
      this.current.lastProgressAt = Date.now();
      // The peer job of a file (queue-stages.ts) runs on the OCR queue too, and reads no page of its own.
      const read = stage === 'ocr' ? (result as Partial<PageResult> | undefined) : undefined;
      const page = read?.source ? { source: read.source } : undefined;
      this.options.metrics?.ended(stage, (performance.now() - started) / 1000, page);
    }
  }

  /** Resolves once every worker is connected and fetching jobs. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Jobs in hand and the last progress, now. */
  activity(): WorkerActivity {
    return { ...this.current };
  }

  /**
   * Stops taking jobs and waits for the ones in hand to finish and be recorded — at most
   * `graceMs`, and only while Redis answers: past that, the connections are dropped and
   * what is still in hand stays locked until another worker recovers it as stalled.
   * Calling it again returns the same close.
   */
  close(graceMs = DEFAULT_GRACE_MS): Promise<CloseOutcome> {
    this.closing ??= this.closeWithin(graceMs);
    return this.closing;
  }

  private async closeWithin(graceMs: number): Promise<CloseOutcome> {
    const deadline = Date.now() + graceMs;
    // BullMQ's own close waits for the jobs in hand, then for Redis, without a time limit.
    const closed = Promise.allSettled(this.workers.map((w) => w.close())).then(() => true);
    let idleSince: number | undefined;
    for (;;) {
      if (await Promise.race([closed, delay(100).then(() => false)])) break;
      const now = Date.now();
      if (this.current.inHand > 0) idleSince = undefined;
      else idleSince ??= now;
      if (now >= deadline || (idleSince !== undefined && now - idleSince >= SETTLE_MS)) {
        const abandoned = this.current.inHand;
        this.dropConnections();
        await this.documents.close();
        return { dropped: true, abandoned };
      }
    }
    await this.documents.close();
    return { dropped: false, abandoned: 0 };
  }

  /**
   * Drops every Redis connection without waiting for anything: their commands fail, no
   * lock is renewed, and the jobs in hand are recovered as stalled once their locks expire.
   */
  private dropConnections(): void {
    for (const worker of this.workers) {
      // A forced close disconnects without waiting; the pending graceful one cannot be, so both.
      worker.close(true).catch(() => {});
      worker.disconnect().catch(() => {});
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
