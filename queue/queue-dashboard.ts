/**
 * The archivists' queue dashboard: Bull Board over every stage's queue, behind a token.
 * The token comes as `Authorization: Bearer <token>`, or once as `?token=` from a browser,
 * which gets it back as an HttpOnly cookie (`Secure` over TLS) and a redirect to the same
 * address without it, so the token leaves the address bar, the history and the `Referer`.
 * It is compared in constant time. Every page loads from this origin only (CSP): Bull
 * Board's link to Google Fonts is dropped, its pages fall back to the system's fonts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import helmet from '@fastify/helmet';
import { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { JaridaError } from '../pipeline/errors.js';
import { clientErrorHandler } from '../search-api/errors.js';
import { connectionOptions, type QueueTarget } from './queue-connection.js';
import { STAGES } from './queue-stages.js';

const COOKIE = 'jarida_admin';

/** Options of {@link createQueueDashboard}. */
export interface QueueDashboardOptions {
  target: QueueTarget;
  /**
   * The archivists' shared secret (`JARIDA_ADMIN_TOKEN`): at least {@link MIN_TOKEN_LENGTH}
   * characters other than spaces, {@link MIN_TOKEN_VARIETY} of them different.
   */
  token: string;
  /** Which reverse proxies' `X-Forwarded-Proto`/`-For` to believe, as Fastify's `trustProxy` (the cookie is `Secure` when one says https). Default none. */
  trustProxy?: boolean | string;
}

/** Characters other than white space a token must have. */
export const MIN_TOKEN_LENGTH = 16;
/** Distinct characters a token must have: `aaaaaaaaaaaaaaaa` or `0101010101010101` is no secret. */
export const MIN_TOKEN_VARIETY = 8;

/** The dashboard refuses to run behind a guessable token. */
export class WeakAdminTokenError extends JaridaError {
  constructor(reason: string) {
    super(
      'WEAK_ADMIN_TOKEN',
      `JARIDA_ADMIN_TOKEN must be a secret of at least ${MIN_TOKEN_LENGTH} characters other than spaces, ${MIN_TOKEN_VARIETY} of them different (${reason})`,
    );
  }
}

/** @throws WeakAdminTokenError when `token` is blank, short or made of few characters. */
export function checkTokenStrength(token: string): void {
  const characters = [...token.replace(/\s/gu, '')];
  if (characters.length === 0) throw new WeakAdminTokenError('it is empty or blank');
  if (characters.length < MIN_TOKEN_LENGTH)
    throw new WeakAdminTokenError(`it has ${characters.length} characters other than spaces`);
  const variety = new Set(characters).size;
  if (variety < MIN_TOKEN_VARIETY) throw new WeakAdminTokenError(`it has ${variety} different characters`);
}

/**
 * Content Security Policy of every page: this origin only. Bull Board's index page has an
 * inline style (its loading indicator) and style attributes, hence `'unsafe-inline'` for styles only.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    fontSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Bull Board's stylesheet link to Google Fonts: the CSP would block it anyway; dropped so no browser tries. */
const REMOTE_STYLESHEET = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>/giu;

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

/** The address of `request` without its `token` parameter: where a browser that presented it is sent. */
function withoutToken(request: FastifyRequest): string {
  const url = new URL(request.url, 'http://dashboard');
  url.searchParams.delete('token');
  // Never `//host`: a path is all the redirect may name.
  return `${url.pathname.replace(/^\/+/u, '/')}${url.search}`;
}

/**
 * A Fastify app serving Bull Board at `/` for the queues of `target`; close it to release its Redis connections.
 *
 * @throws WeakAdminTokenError when the token is weak ({@link checkTokenStrength}).
 */
export async function createQueueDashboard(options: QueueDashboardOptions): Promise<FastifyInstance> {
  checkTokenStrength(options.token);
  const queues = STAGES.map(
    (stage) =>
      new Queue(stage, { connection: connectionOptions(options.target.url), prefix: options.target.prefix }),
  );
  for (const queue of queues) queue.on('error', () => {});
  const app = Fastify({ logger: false, trustProxy: options.trustProxy ?? false, clientErrorHandler });
  await app.register(helmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request, reply) => {
    const presented = presentedToken(request);
    if (!presented || !tokenMatches(presented.token, options.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'admin token required' });
    }
    if (presented.fromQuery) {
      // The browser keeps the token from here on, and the address it sees no longer holds it.
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return reply
        .code(303)
        .header(
          'set-cookie',
          `${COOKIE}=${encodeURIComponent(presented.token)}; HttpOnly; SameSite=Strict; Path=/${secure}`,
        )
        .header('cache-control', 'no-store')
        .redirect(withoutToken(request), 303);
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html'))
      return payload;
    return payload.replace(REMOTE_STYLESHEET, '');
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
