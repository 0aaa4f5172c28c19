/**
 * A worker process's health port (`jarida worker --health-port P`): `/healthz` (alive),
 * `/readyz` (Redis answers, and the jobs in hand are moving: one started or ended within
 * `stuckAfterMs`) and `/metrics` ({@link WorkerMetrics}, with every queue's depth).
 */
import { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { registerHealthRoutes } from '../search-api/health-routes.js';
import { failFastClient, type QueueTarget } from './queue-connection.js';
import { STAGES } from './queue-stages.js';
import type { WorkerActivity } from './queue-workers.js';
import type { WorkerMetrics } from './worker-metrics.js';

/** A worker whose jobs in hand have neither started nor ended for this long is stuck, by default. */
export const DEFAULT_STUCK_AFTER_MS = 10 * 60_000;

/** Options of {@link WorkerHealth.start}. */
export interface WorkerHealthOptions {
  target: QueueTarget;
  port: number;
  /** Address to listen on; default 127.0.0.1 (0.0.0.0 for a scraper in another container). */
  host?: string;
  metrics: WorkerMetrics;
  /** What the worker is doing now ({@link QueueWorkers.activity}). */
  activity: () => WorkerActivity;
  /** Default {@link DEFAULT_STUCK_AFTER_MS}: an OCR page takes seconds, a large bulletin's structure a minute or two. */
  stuckAfterMs?: number;
}

export class WorkerHealth {
  private constructor(
    private readonly app: FastifyInstance,
    private readonly redis: Redis,
    private readonly queues: Queue[],
    /** `http://host:port` it listens on. */
    readonly address: string,
  ) {}

  /** Listens on `options.port` (0: any free port, see {@link address}). */
  static async start(options: WorkerHealthOptions): Promise<WorkerHealth> {
    // Connections of its own that fail fast: a probe must answer even while Redis is away.
    const redis = failFastClient(options.target.url);
    const queues = STAGES.map(
      (stage) => new Queue(stage, { connection: redis, prefix: options.target.prefix }),
    );
    for (const queue of queues) queue.on('error', () => {});
    options.metrics.measureQueues(async () =>
      Object.fromEntries(
        await Promise.all(queues.map(async (queue) => [queue.name, await queue.getJobCounts()] as const)),
      ),
    );
    const stuckAfterMs = options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS;
    const app = Fastify({ logger: false });
    registerHealthRoutes(app, {
      checks: {
        redis: async () => void (await redis.ping()),
        progress: async () => {
          const { inHand, lastProgressAt } = options.activity();
          const silentMs = Date.now() - lastProgressAt;
          if (inHand > 0 && silentMs > stuckAfterMs) {
            throw new Error(
              `${inHand} jobs in hand and none started or ended for ${Math.round(silentMs / 1000)} s`,
            );
          }
        },
      },
      metrics: () => options.metrics.scrape(),
    });
    const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
    return new WorkerHealth(app, redis, queues, address);
  }

  /** Stops answering and drops its connections without waiting for Redis. */
  async close(): Promise<void> {
    await this.app.close();
    this.redis.disconnect();
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => {})));
  }
}
