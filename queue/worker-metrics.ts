/**
 * A worker process's figures for Prometheus, served on its health port: pages read, jobs by
 * stage and outcome, failures by code, seconds per OCR page, jobs in hand, and the queues'
 * depth (every stage's jobs by state, read from Redis at each scrape) — plus Node's own
 * process figures. One registry per instance, so two workers in one process never mix.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PageArtefact } from '../pipeline/model.js';
import type { Stage } from './queue-stages.js';

/** Every stage's job counts by BullMQ state (`waiting`, `active`, `delayed`, `failed`, …). */
export type QueueDepth = Partial<Record<Stage, Record<string, number>>>;

export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly pages = new Counter({
    name: 'jarida_pages_read_total',
    help: 'Pages read by this worker, by source (text-layer, ocr)',
    labelNames: ['source'],
    registers: [this.registry],
  });
  private readonly jobs = new Counter({
    name: 'jarida_jobs_total',
    help: 'Jobs this worker ran, by stage and outcome (completed, failed: every failed attempt)',
    labelNames: ['stage', 'outcome'],
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'jarida_job_failures_total',
    help: 'Failed job attempts by stage and error code (CORRUPT_PDF, OCR_TIMEOUT, …)',
    labelNames: ['stage', 'code'],
    registers: [this.registry],
  });
  private readonly ocrSeconds = new Histogram({
    name: 'jarida_ocr_page_seconds',
    help: 'Seconds to read one page (render and OCR, or its text layer), by source',
    labelNames: ['source'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly inHand = new Gauge({
    name: 'jarida_jobs_in_hand',
    help: 'Jobs this worker is running now, by stage',
    labelNames: ['stage'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Exports the queues' depth, read by `depth` at each scrape; nothing when it fails (Redis away). */
  measureQueues(depth: () => Promise<QueueDepth>): void {
    new Gauge({
      name: 'jarida_queue_jobs',
      help: 'Jobs in the queues, by stage and state (waiting, active, delayed, failed, completed, …)',
      labelNames: ['stage', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await depth().catch(() => ({}) as QueueDepth);
        for (const [stage, states] of Object.entries(counts)) {
          for (const [state, count] of Object.entries(states ?? {})) this.set({ stage, state }, count);
        }
      },
    });
  }

  /** A job of `stage` was taken. */
  started(stage: Stage): void {
    this.inHand.inc({ stage });
  }

  /** A job of `stage` ended after `seconds`; an OCR job that completed read its page from `source`. */
  ended(stage: Stage, seconds: number, page?: { source: PageArtefact['source'] }): void {
    this.inHand.dec({ stage });
    if (!page) return;
    this.pages.inc({ source: page.source });
    this.ocrSeconds.observe({ source: page.source }, seconds);
  }

  /** A job's outcome as BullMQ recorded it. */
  outcome(stage: Stage, outcome: 'completed' | 'failed', code?: string): void {
    this.jobs.inc({ stage, outcome });
    if (code) this.failures.inc({ stage, code });
  }

  /** The exposition text of every figure. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
