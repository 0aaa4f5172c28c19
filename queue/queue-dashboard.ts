/**
 * The archivists' queue dashboard: Bull Board over every stage's queue, behind a token.
 * The token comes as `Authorization: Bearer <token>`, or once as `?token=` from a browser,
 * which then gets it as an HttpOnly cookie; it is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { connectionOptions, type QueueTarget } from './queue-connection.js';
import { STAGES } from './queue-stages.js';

const COOKIE = 'jarida_admin';

/** Options of {@link createQueueDashboard}. */
export interface QueueDashboardOptions {
  target: QueueTarget;
  /** The archivists' shared secret (`JARIDA_ADMIN_TOKEN`); at least 16 characters. */
  token: string;
}

/** The dashboard refuses to run behind a guessable token. */
export class WeakAdminTokenError extends Error {
  readonly code = 'WEAK_ADMIN_TOKEN';
  constructor() {
    super('JARIDA_ADMIN_TOKEN must be set to a secret of at least 16 characters');
    this.name = 'WeakAdminTokenError';
  }
}

/** Whether `candidate` is the token, in time independent of where they differ (digests have equal length). */
export function tokenMatches(candidate: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(candidate), digest(token));
}

/** A cookie's value decoded; a malformed one (`%E0%A4%A`) matches no token, rather than throwing a 500. */
function cookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

function presentedToken(request: FastifyRequest): { token: string; fromQuery: boolean } | null {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  if (bearer) return { token: bearer[1]!, fromQuery: false };
  const query = (request.query as { token?: unknown } | undefined)?.token;
  if (typeof query === 'string') return { token: query, fromQuery: true };
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return { token: cookieValue(value.join('=')), fromQuery: false };
  }
  return null;
}

/** A Fastify app serving Bull Board at `/` for the queues of `target`; close it to release its Redis connections. */
export async function createQueueDashboard(options: QueueDashboardOptions): Promise<FastifyInstance> {
  if (options.token.length < 16) throw new WeakAdminTokenError();
  const queues = STAGES.map(
    (stage) =>
      new Queue(stage, { connection: connectionOptions(options.target.url), prefix: options.target.prefix }),
  );
  for (const queue of queues) queue.on('error', () => {});
  const app = Fastify({ logger: false });
  app.addHook('onRequest', async (request, reply) => {
    const presented = presentedToken(request);
    if (!presented || !tokenMatches(presented.token, options.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'admin token required' });
    }
    if (presented.fromQuery) {
      // The browser keeps the token from here on; the link with it need not be reused.
      reply.header(
        'set-cookie',
        `${COOKIE}=${encodeURIComponent(presented.token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
    }
  });
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify 9.10.1 declares its own copy of @bull-board/api 9.10.1: same shape, another declaration.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
  });
  serverAdapter.setBasePath('/');
  await app.register(serverAdapter.registerPlugin(), { prefix: '/' });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
  });
  return app;
}
