/**
 * Where the queues live: a Redis URL (`--queue`, else `REDIS_URL`) and a key prefix, so
 * several archives (or test runs) can share one Redis without seeing each other's jobs.
 */
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

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

/**
 * For what must answer at once or not at all — health probes, the queues' depth: while
 * Redis is away a command fails immediately (`enableOfflineQueue: false`) instead of waiting
 * for it, so neither a probe nor a close hangs. Reconnection goes on in the background, at
 * most every 2 s.
 */
const FAIL_FAST = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (times: number) => Math.min(times * 200, 2_000),
} satisfies RedisOptions;

/** A Redis client that fails fast (see {@link FAIL_FAST}); its connection errors are the caller's to read from failed commands. */
export function failFastClient(url: string): Redis {
  const client = new Redis(url, FAIL_FAST);
  client.on('error', () => {});
  return client;
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
