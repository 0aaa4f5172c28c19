/**
 * The queue dashboard on a real redis-server for the dashboard's tests: both started before the
 * file's tests and stopped after them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createQueueDashboard } from '../queue/queue-dashboard.js';
import { type RedisServer, startRedis } from './redis-server.js';

/** A running dashboard and the Redis it reads. */
export interface DashboardHarness {
  readonly app: FastifyInstance;
  readonly redis: RedisServer;
}

/** Starts a redis-server and a dashboard on queue `prefix` guarded by `token`, for the file's tests. */
export function useQueueDashboard(prefix: string, token: string): DashboardHarness {
  let redis: RedisServer | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    app = await createQueueDashboard({ target: { url: redis.url, prefix }, token });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the queue dashboard is used outside its tests');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get redis() {
      return started(redis);
    },
  };
}
