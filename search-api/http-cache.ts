/**
 * Conditional GET: every successful GET answer carries an ETag (its own, or a hash of
 * the body), and a matching `If-None-Match` gets a bodiless 304. Routes say how long a
 * client may keep what they answer: {@link immutable} for page images and closed
 * versions, which never change once made; the rest is short-lived, since re-ingestion
 * and new amendments can change it.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT_LIVED = 'public, max-age=60, must-revalidate';

/** Marks the answer as never changing under its URL; `etag` when known, else a hash of the body. */
export function immutable(reply: FastifyReply, etag?: string): FastifyReply {
  reply.header('cache-control', IMMUTABLE);
  return etag ? reply.header('etag', `"${etag}"`) : reply;
}

/** Adds ETags and answers 304 when the client already holds the same bytes. */
export function installConditionalGet(app: FastifyInstance): void {
  app.addHook('onSend', async function conditionalGet(request, reply, payload) {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', SHORT_LIVED);
    let etag = reply.getHeader('etag') as string | undefined;
    if (!etag && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 22)}"`;
      reply.header('etag', etag);
    }
    if (etag && request.headers['if-none-match'] === etag) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}
