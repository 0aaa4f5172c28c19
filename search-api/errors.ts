/**
 * API errors as classes with a stable `code` and HTTP status, and the one error handler
 * that turns anything thrown into `{ error, message }` without ever leaking a stack trace
 * or an internal message.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SearchRequestError } from '../store/search-store.js';

/** An error the API answers with its own status and message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A well-formed request for something the archive does not hold: 404. */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(404, 'not_found', message);
    this.name = 'NotFoundError';
  }
}

/** A parameter the schema could not judge alone (an article number that is not one): 400. */
export class BadRequestError extends ApiError {
  constructor(message: string) {
    super(400, 'bad_request', message);
    this.name = 'BadRequestError';
  }
}

/** Too many requests from one client: 429. */
export class TooManyRequestsError extends ApiError {
  constructor(message: string) {
    super(429, 'too_many_requests', message);
    this.name = 'TooManyRequestsError';
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

/** The `{ error, message }` body and status for anything thrown by a route or a plugin. */
export function errorBody(error: unknown): { status: number; body: { error: string; message: string } } {
  if (error instanceof ApiError) {
    return { status: error.statusCode, body: { error: error.code, message: error.message } };
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
