/**
 * How the web pages read the archive: through the public `/v1` API, in-process
 * (`app.inject`), so the pages see exactly what any API client sees.
 */
import type { FastifyInstance } from 'fastify';
import { queryString } from './html.js';

/** An API answer: the parsed body on 200, else the `{ error, message }` body and its status. */
export type ApiAnswer<T> =
  | { ok: true; body: T }
  | { ok: false; status: number; error: { error: string; message: string } };

export class ApiClient {
  constructor(
    private readonly app: FastifyInstance,
    /** Exempts these calls from the rate limit: the visitor's page view was counted already. */
    private readonly internalToken: string,
  ) {}

  async get<T>(
    path: string,
    params: Record<string, string | number | undefined> = {},
  ): Promise<ApiAnswer<T>> {
    const response = await this.app.inject({
      method: 'GET',
      url: `${path}${queryString(params)}`,
      headers: { 'x-jarida-internal': this.internalToken },
    });
    const body = response.json();
    return response.statusCode === 200
      ? { ok: true, body: body as T }
      : { ok: false, status: response.statusCode, error: body };
  }
}

/** Path segment of an id, encoded: ids are validated by the API, never trusted here. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
