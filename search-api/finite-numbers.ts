/**
 * Refuses numbers that are not finite in query strings and path parameters. Fastify's ajv
 * coerces `1e309`, `Infinity` or 400 nines to `Infinity`, which passes `type: integer` and
 * `maximum` alike; a route would then hand it to the store (SQLite answers "datatype
 * mismatch", a 500). Found by search-api/api.fuzz.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { BadRequestError } from './errors.js';

function refuseInfinite(values: unknown, where: string): void {
  if (typeof values !== 'object' || values === null) return;
  for (const [name, value] of Object.entries(values)) {
    const all = Array.isArray(value) ? value : [value];
    if (all.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      throw new BadRequestError(`${where}/${name} must be a finite number`);
    }
  }
}

/** Adds the check after validation (and coercion) of every route. */
export function installFiniteNumberGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    refuseInfinite(request.params, 'params');
    refuseInfinite(request.query, 'querystring');
  });
}
