/**
 * The API's figures for Prometheus: requests answered by route and status, their latency,
 * and the time the store (SQLite or Elasticsearch) takes to answer a search apart from the
 * rest of the request — plus Node's own process figures. One registry per app, so two apps
 * in one process (tests) never add to each other's counts.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { SearchRequest, SearchResult, SearchStore } from '../store/search-store.js';

/** Latency buckets in seconds: a cached page in milliseconds up to a cold search of a large archive. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'jarida_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'jarida_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly searches = new Histogram({
    name: 'jarida_search_duration_seconds',
    help: 'Time the store took to answer a search, by outcome (ok, error)',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts every answer of `app` once it is sent. */
  install(app: FastifyInstance): void {
    const { requests, latency } = this;
    app.addHook('onResponse', async function countRequest(request, reply) {
      // The route's pattern (`/v1/texts/:id`), never the URL: one series per route, not per text.
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });
  }

  /** `store` whose searches are timed; everything else passes through unchanged. */
  timeSearches(store: SearchStore): SearchStore {
    const searches = this.searches;
    async function search(request: SearchRequest): Promise<SearchResult> {
      const end = searches.startTimer();
      try {
        const result = await store.search(request);
        end({ outcome: 'ok' });
        return result;
      } catch (error) {
        end({ outcome: 'error' });
        throw error;
      }
    }
    return new Proxy(store, {
      get(target, property) {
        if (property === 'search') return search;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
