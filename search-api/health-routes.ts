/**
 * What an orchestrator and a monitoring system ask a jarida process — the API and a worker
 * alike: `/healthz` (the process answers at all: alive), `/readyz` (every dependency it works
 * with answers: ready, else 503 naming the one that did not) and `/metrics` (Prometheus text
 * format). None is rate-limited, cached or listed in the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';

/** One readiness condition: resolves when met, rejects with the reason when not. */
export type ReadinessCheck = () => Promise<void>;

/** The `/readyz` answer: each check's `ok` or the reason it failed. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

/** A Prometheus exposition: its content type and text. */
export interface MetricsScrape {
  contentType: string;
  text: string;
}

/** Options of {@link registerHealthRoutes}. */
export interface HealthRoutesOptions {
  /** Readiness conditions by name (`store`, `redis`, `progress`). */
  checks: Record<string, ReadinessCheck>;
  /** The figures `/metrics` answers. */
  metrics: () => Promise<MetricsScrape>;
  /** A check that has not answered in this long has failed; default 2 s (probes time out in a few). */
  checkTimeoutMs?: number;
}

/** Runs every check at once, each bounded by `timeoutMs`. */
export async function readiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = 2_000,
): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, result]) => result === 'ok'), checks: Object.fromEntries(results) };
}

/** Adds `/healthz`, `/readyz` and `/metrics` to `app`. */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  const route = { schema: { hide: true }, config: { rateLimit: false } } as const;
  app.get('/healthz', route, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'alive' });
  });
  app.get('/readyz', route, async (_request, reply) => {
    const answer = await readiness(options.checks, options.checkTimeoutMs);
    return reply
      .code(answer.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(answer);
  });
  app.get('/metrics', route, async (_request, reply) => {
    const { contentType, text } = await options.metrics();
    return reply.header('cache-control', 'no-store').type(contentType).send(text);
  });
}
