/**
 * API errors as classes with a stable `code` and HTTP status, and the one error handler
 * that turns anything thrown into `{ error, message }` without ever leaking a stack trace
 * or an internal message.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JaridaError, NotFoundError } from '../pipeline/errors.js';
import { QueryLimitError } from '../store/query.js';
import { SearchRequestError } from '../store/search-store.js';

/** An error the API answers with its own status and message. */
export class ApiError extends JaridaError {
  constructor(
    readonly statusCode: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** A well-formed request for something the archive does not hold: 404 (one class with the CLI's). */
export { NotFoundError };

/** A parameter the schema could not judge alone (an article number that is not one): 400. */
export class BadRequestError extends ApiError {
  constructor(message: string) {
    super(400, 'bad_request', message);
  }
}

/** Too many requests from one client: 429. */
export class TooManyRequestsError extends ApiError {
  constructor(message: string) {
    super(429, 'too_many_requests', message);
  }
}

/** Codes for the statuses Fastify itself raises (bad JSON, bad media type, payload too large…). */
const CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** API codes of the query limits (store/query.ts). */
const QUERY_LIMIT_CODES: Record<QueryLimitError['code'], string> = {
  E_QUERY_TOO_LONG: 'query_too_long',
  E_QUERY_TOO_MANY_TERMS: 'query_too_many_terms',
};

/** The `{ error, message }` body and status for anything thrown by a route or a plugin. */
export function errorBody(error: unknown): { status: number; body: { error: string; message: string } } {
  if (error instanceof ApiError) {
    return { status: error.statusCode, body: { error: error.code, message: error.message } };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, body: { error: error.code, message: error.message } };
  }
  if (error instanceof QueryLimitError) {
    return { status: 400, body: { error: QUERY_LIMIT_CODES[error.code], message: error.message } };
  }
  if (error instanceof SearchRequestError) {
    return { status: 400, body: { error: 'bad_request', message: error.message } };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return { status: 400, body: { error: 'bad_request', message: fastifyError.message ?? 'bad request' } };
  }
  // The router refuses an over-long URL parameter with 414: to a client, a bad parameter.
  const status = fastifyError.statusCode === 414 ? 400 : fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return {
      status,
      body: { error: CODES[status] ?? 'bad_request', message: fastifyError.message ?? 'bad request' },
    };
  }
  // Anything else is our fault: say so without its message, which may name files or SQL.
  return { status: 500, body: { error: 'internal_error', message: 'internal error' } };
}

/** Answers `error` as `{ error, message }`: known errors keep their status, the rest become a logged 500. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = errorBody(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Routes' and plugins' errors go through {@link sendError}; so must the router's (see `frameworkErrors`). */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
}

/** What Node's parser refuses before Fastify sees a request: status, code and message. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'request_header_fields_too_large',
    message: 'request headers exceed the maximum allowed size',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'request timed out' },
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (headers too large,
 * malformed, too slow) gets the API's `{ error, message }` too, where Fastify's default adds
 * a `statusCode` field.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: 400,
    code: 'bad_request',
    message: 'malformed request',
  };
  const body = JSON.stringify({ error: known.code, message: known.message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
