/** The queue dashboard answers only with the admin token, and shows every stage's queue. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RedisServer, startRedis } from '../test/redis-server.js';
import { createQueueDashboard, tokenMatches, WeakAdminTokenError } from './queue-dashboard.js';
import { STAGES } from './queue-stages.js';

const TOKEN = 'archivists-secret-0123456789';
let redis: RedisServer;
let app: FastifyInstance;

beforeAll(async () => {
  redis = await startRedis();
  app = await createQueueDashboard({ target: { url: redis.url, prefix: 'dashboard' }, token: TOKEN });
});

afterAll(async () => {
  await app?.close();
  await redis?.stop();
});

describe('queue dashboard', () => {
  test('refuses requests without the token or with a wrong one', async () => {
    expect((await app.inject({ url: '/' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/queues', headers: { authorization: 'Bearer nope' } })).statusCode,
    ).toBe(401);
    expect((await app.inject({ url: `/?token=${TOKEN}x` })).statusCode).toBe(401);
  });

  test('lists the stage queues for a bearer token', async () => {
    const response = await app.inject({ url: '/api/queues', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    const names = (response.json() as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names.sort()).toEqual([...STAGES].sort());
  });

  test('a browser given ?token= once keeps it as a cookie', async () => {
    const first = await app.inject({ url: `/?token=${TOKEN}` });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<html');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^jarida_admin=/);
    expect((await app.inject({ url: '/api/queues', headers: { cookie } })).statusCode).toBe(200);
  });

  test('refuses to start behind a short token; compares tokens exactly', async () => {
    await expect(
      createQueueDashboard({ target: { url: redis.url, prefix: 'x' }, token: 'short' }),
    ).rejects.toThrow(WeakAdminTokenError);
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}0`, TOKEN)).toBe(false);
  });
});
