/**
 * The archivist's side of the queued pipeline, the queued {@link Ingestion}: enqueue files as
 * flows, follow them to their outcome (the same `FileOutcome`s as the embedded ingest), count
 * jobs per stage, list failures with their reasons, and re-queue them.
 */
import { FlowProducer, type Job, Queue, QueueEvents } from 'bullmq';
import type { IngestEvent } from '../ingest/ingest-service.js';
import {
  type FileOutcome,
  failedOutcome,
  type IngestStages,
  isOutcome,
  recordOutcome,
} from '../ingest/ingest-stages.js';
import type { Ingestion, IngestRequest, QueueStatus, RetryRequest } from '../ingest/ingestion.js';
import { JaridaError } from '../pipeline/errors.js';
import type { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { connectionOptions, type QueueTarget } from './queue-connection.js';
import {
  type BulletinResult,
  bulletinFlow,
  type FileJobData,
  jobFailure,
  jobId,
  type PageResult,
  STAGES,
  type Stage,
} from './queue-stages.js';

/** Options of {@link IngestQueue.enqueue}; `force` also restarts a flow under way. */
export type EnqueueOptions = Omit<IngestRequest, 'wait'>;

/** Jobs of one stage by state: `jarida status --json` `stages[]`. */
export interface StageCounts {
  stage: Stage;
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  /** Parents waiting for their children (structure waiting for its pages). */
  waitingChildren: number;
}

/** A job that failed for a reason of its own (not only because a child did): `jarida status --json` `failures[]`. */
export interface JobFailureReport {
  stage: Stage;
  jobId: string;
  path: string;
  sha256: string;
  page?: number;
  code: string;
  reason: string;
  attempts: number;
  /** ISO timestamp. */
  failedAt: string | null;
}

/** A flow that cannot be replaced while some of its jobs are being processed. */
export class FlowBusyError extends JaridaError {
  constructor(sha256: string) {
    super('FLOW_BUSY', `the jobs of ${sha256} are still being processed; retry once they are done`);
  }
}

/** Options of an {@link IngestQueue}. */
export interface IngestQueueOptions {
  /** Redis errors (a lost connection): reported, never fatal, commands wait for Redis. */
  onError?: (error: Error) => void;
  /**
   * Where files refused before becoming jobs (unreadable, corrupt) are recorded, so that
   * `status` lists them and `retry` enqueues them again, as in the embedded mode.
   */
  refusals?: IngestLedger;
}

export class IngestQueue implements Ingestion {
  readonly mode = 'queue';
  private readonly queues: Record<Stage, Queue>;
  private readonly flows: FlowProducer;
  private indexOneAtATime = false;

  /** @param stages admit files into the shared archive (dedup against its store, original kept). */
  constructor(
    private readonly target: QueueTarget,
    private readonly stages: IngestStages,
    private readonly options: IngestQueueOptions = {},
  ) {
    const redis = { connection: connectionOptions(target.url), prefix: target.prefix };
    this.queues = Object.fromEntries(STAGES.map((s) => [s, new Queue(s, redis)])) as Record<Stage, Queue>;
    this.flows = new FlowProducer(redis);
    const onError = options.onError ?? (() => {});
    for (const queue of Object.values(this.queues)) queue.on('error', onError);
    this.flows.on('error', onError);
  }

  /**
   * Enqueues the files, then (unless `wait` is false) follows them to their outcomes, pages
   * reported as they are read.
   */
  async ingest(
    files: string[],
    request: IngestRequest = {},
    onEvent?: (event: IngestEvent) => void,
  ): Promise<FileOutcome[]> {
    const enqueued: FileOutcome[] = [];
    for (const file of files) enqueued.push(await this.enqueueRecorded(file, request));
    return request.wait === false ? enqueued : this.waitFor(enqueued, onEvent);
  }

  async status(): Promise<QueueStatus> {
    return {
      mode: 'queue',
      stages: await this.counts(),
      failures: await this.failures(),
      refused: this.options.refusals?.failures() ?? [],
      warnings: this.options.refusals?.warnings() ?? [],
    };
  }

  /** {@link enqueue}, a refusal recorded for `status` and `retry` (and a past one cleared). */
  private async enqueueRecorded(file: string, options: EnqueueOptions): Promise<FileOutcome> {
    return recordOutcome(this.options.refusals, await this.enqueue(file, options));
  }

  /**
   * Admits a file and enqueues its flow: `queued` with its page count, or at once `duplicate`
   * (already in the archive) or `failed` (unreadable). A file whose flow is under way joins
   * it: the same file enqueued twice is one piece of work.
   */
  async enqueue(file: string, options: EnqueueOptions = {}): Promise<FileOutcome> {
    const admitted = await this.stages.admit(file, options.force);
    if (isOutcome(admitted)) return admitted;
    const { record } = admitted;
    try {
      const pages = await this.stages.pageCount(admitted);
      await this.addFlow(
        { file, record, pages, lang: options.lang ?? 'auto', force: options.force ?? false },
        options.force ?? false,
      );
      return { path: file, status: 'queued', sha256: record.sha256, pages };
    } catch (error) {
      return failedOutcome(file, error, record.sha256);
    }
  }

  /**
   * Follows `queued` outcomes until each file is ingested or failed, reporting pages as the
   * OCR queue completes them; other outcomes pass through. Completion is read from the jobs
   * themselves (events only wake the check up), so events lost to a Redis restart lose
   * nothing but progress ticks.
   */
  async waitFor(
    outcomes: FileOutcome[],
    onEvent: (event: IngestEvent) => void = () => {},
    pollMs = 1_000,
  ): Promise<FileOutcome[]> {
    const results = [...outcomes];
    const pending = new Map<number, FileOutcome>();
    const pageOwners = new Map<string, { path: string; page: number }>();
    for (const [i, outcome] of outcomes.entries()) {
      onEvent({ kind: 'file-start', path: outcome.path, fileIndex: i, fileCount: outcomes.length });
      if (outcome.status !== 'queued' || !outcome.sha256) {
        onEvent({ kind: 'file-done', outcome });
        continue;
      }
      pending.set(i, outcome);
      onEvent({ kind: 'pages-known', path: outcome.path, pages: outcome.pages ?? 0 });
      for (let page = 1; page <= (outcome.pages ?? 0); page++) {
        pageOwners.set(jobId('ocr', outcome.sha256, page), { path: outcome.path, page });
      }
    }
    if (pending.size === 0) return results;
    let wake = () => {};
    const events = (['ocr', 'index'] as const).map((stage) => {
      const queueEvents = new QueueEvents(stage, {
        connection: connectionOptions(this.target.url),
        prefix: this.target.prefix,
      });
      queueEvents.on('error', () => {});
      queueEvents.on('failed', () => wake());
      return queueEvents;
    });
    events[0]!.on('completed', ({ jobId: id, returnvalue }) => {
      const owner = pageOwners.get(id);
      if (!owner) return;
      pageOwners.delete(id);
      const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as PageResult;
      onEvent({ kind: 'page-done', path: owner.path, page: owner.page, source: result.source });
    });
    events[1]!.on('completed', () => wake());
    try {
      await Promise.all(events.map((e) => e.waitUntilReady()));
      while (pending.size > 0) {
        for (const [i, outcome] of pending) {
          const final = await this.settle(outcome);
          if (!final) continue;
          results[i] = final;
          pending.delete(i);
          onEvent({ kind: 'file-done', outcome: final });
        }
        if (pending.size > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    } finally {
      await Promise.all(events.map((e) => e.close()));
    }
    return results;
  }

  /** The final outcome of a queued file, or null while its flow is under way. */
  async settle(queued: FileOutcome): Promise<FileOutcome | null> {
    const sha256 = queued.sha256 ?? '';
    const rootId = jobId('index', sha256);
    // The state first, then the job: a job read before it completed would lack its result.
    const state = await this.queues.index.getJobState(rootId);
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return null;
    const root = await this.queues.index.getJob(rootId);
    if (!root) {
      return failedOutcome(
        queued.path,
        new Error(`the jobs of ${sha256} were removed from the queue`),
        sha256,
      );
    }
    if (state === 'completed') {
      return { path: queued.path, status: 'ingested', sha256, ...(root.returnvalue as BulletinResult) };
    }
    const origin = (await this.originOfFailure(sha256, queued.pages ?? 0)) ?? jobFailure(root.failedReason);
    return { path: queued.path, status: 'failed', sha256, reason: origin.reason, code: origin.code };
  }

  /** Jobs of each stage by state. */
  async counts(): Promise<StageCounts[]> {
    return Promise.all(
      STAGES.map(async (stage) => {
        const c = await this.queues[stage].getJobCounts(
          'waiting',
          'prioritized',
          'active',
          'completed',
          'failed',
          'delayed',
          'waiting-children',
        );
        return {
          stage,
          waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
          active: c.active ?? 0,
          completed: c.completed ?? 0,
          failed: c.failed ?? 0,
          delayed: c.delayed ?? 0,
          waitingChildren: c['waiting-children'] ?? 0,
        };
      }),
    );
  }

  /** Jobs that failed for a reason of their own, in `stages` (default all), newest first within a stage. */
  async failures(stages: readonly Stage[] = STAGES): Promise<JobFailureReport[]> {
    const reports: JobFailureReport[] = [];
    for (const stage of stages) {
      for (const job of await this.queues[stage].getFailed(0, -1)) {
        const failure = jobFailure(job.failedReason);
        if (failure.propagated) continue;
        const data = job.data as FileJobData & { page?: number };
        reports.push({
          stage,
          jobId: job.id ?? '',
          path: data.file,
          sha256: data.record.sha256,
          ...(data.page !== undefined ? { page: data.page } : {}),
          code: failure.code,
          reason: failure.reason,
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        });
      }
    }
    return reports;
  }

  /**
   * Re-queues the files of failed jobs in `stages` (default all): each file's flow is
   * replaced by a fresh one, which reuses the pages already read. Without `stages`, the
   * files refused before any job are enqueued again too. Returns one outcome per file:
   * `queued`, or `failed` when its flow is still busy (or the file still unreadable).
   */
  async retry(request: RetryRequest = {}): Promise<FileOutcome[]> {
    const files = new Map<string, FileJobData>();
    for (const failure of await this.failures(request.stages)) {
      if (files.has(failure.sha256)) continue;
      const job = await this.queues[failure.stage].getJob(failure.jobId);
      if (!job) continue;
      const { page: _page, ...data } = job.data as FileJobData & { page?: number };
      files.set(failure.sha256, data);
    }
    const outcomes: FileOutcome[] = [];
    for (const [sha256, data] of files) {
      try {
        await this.addFlow(data, true);
        outcomes.push({ path: data.file, status: 'queued', sha256, pages: data.pages });
      } catch (error) {
        outcomes.push(failedOutcome(data.file, error, sha256));
      }
    }
    const refused = request.stages ? [] : (this.options.refusals?.failures() ?? []);
    for (const { path } of refused) outcomes.push(await this.enqueueRecorded(path, { lang: request.lang }));
    return outcomes;
  }

  async close(): Promise<void> {
    await Promise.all([...Object.values(this.queues).map((q) => q.close()), this.flows.close()]);
  }

  /** Adds a file's flow unless one is under way; a settled one (or any, with `replace`) is replaced. */
  private async addFlow(data: FileJobData, replace: boolean): Promise<void> {
    // One index job at a time across every worker: pairing the editions reads what indexing wrote.
    if (!this.indexOneAtATime) {
      await this.queues.index.setGlobalConcurrency(1);
      this.indexOneAtATime = true;
    }
    const rootId = jobId('index', data.record.sha256);
    const root = await this.queues.index.getJob(rootId);
    if (root) {
      const state = await root.getState();
      if (!replace && state !== 'completed' && state !== 'failed') return;
      const removed = await this.queues.index.remove(rootId, { removeChildren: true }).catch(() => 0);
      if (removed !== 1) throw new FlowBusyError(data.record.sha256);
    }
    await this.flows.add(bulletinFlow(data));
  }

  /** The first job of a file's flow, in pipeline order, that failed for its own reason. */
  private async originOfFailure(sha256: string, pages: number) {
    const jobs: [Stage, string][] = [
      ...Array.from({ length: pages }, (_, i) => ['ocr', jobId('ocr', sha256, i + 1)] as [Stage, string]),
      ['ocr', jobId('ocr', sha256)] as [Stage, string],
      ...(['structure', 'index'] as const).map((s) => [s, jobId(s, sha256)] as [Stage, string]),
    ];
    for (const [stage, id] of jobs) {
      if ((await this.queues[stage].getJobState(id)) !== 'failed') continue;
      const job: Job | undefined = await this.queues[stage].getJob(id);
      const failure = jobFailure(job?.failedReason);
      if (!failure.propagated) return failure;
    }
    return null;
  }
}
