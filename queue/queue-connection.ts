/**
 * Where the queues live: a Redis URL (`--queue`, else `REDIS_URL`) and a key prefix, so
 * several archives (or test runs) can share one Redis without seeing each other's jobs.
 */
import type { ConnectionOptions } from 'bullmq';

/** Key prefix of jarida's queues unless `--queue-prefix` / `JARIDA_QUEUE_PREFIX` says otherwise. */
export const DEFAULT_QUEUE_PREFIX = 'jarida';

/** A Redis URL and the key prefix of the queues in it. */
export interface QueueTarget {
  url: string;
  prefix: string;
}

/**
 * BullMQ connection options for `url`. Commands wait for Redis to come back instead of
 * failing (`maxRetriesPerRequest: null`): a restart of Redis must not end a long ingest.
 */
export function connectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

/** The queue target of the options or environment, or null when none is configured (embedded mode). */
export function queueTarget(
  options: { queue?: string; queuePrefix?: string },
  env: NodeJS.ProcessEnv = process.env,
): QueueTarget | null {
  const url = options.queue ?? env.REDIS_URL;
  if (!url) return null;
  return { url, prefix: options.queuePrefix ?? env.JARIDA_QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX };
}
