/**
 * The jarida HTTP server: the read-only public JSON API under `/v1` (OpenAPI at
 * `/openapi.json`, docs at `/docs`) and the web pages for jurists and drafters under `/`,
 * which read the archive through the API only.
 *
 * ```ts
 * const app = await buildApp({ store, dataDir: './jarida-data' });
 * await app.listen({ port: 8080 });
 * ```
 */
import { randomBytes } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DataDir } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';
import { ApiMetrics } from './api-metrics.js';
import { registerBulletinRoutes } from './bulletin-routes.js';
import {
  clientErrorHandler,
  installErrorHandler,
  NotFoundError,
  sendError,
  TooManyRequestsError,
} from './errors.js';
import { installFiniteNumberGuard } from './finite-numbers.js';
import { type MetricsScrape, type ReadinessCheck, registerHealthRoutes } from './health-routes.js';
import { installConditionalGet } from './http-cache.js';
import { PageImages, type PageImagesOptions } from './page-images.js';
import { registerSearchRoutes } from './search-routes.js';
import { registerTextRoutes } from './text-routes.js';
import { registerWebRoutes } from './web/web-routes.js';

/** Options of {@link buildApp}. */
export interface AppOptions {
  store: SearchStore;
  /** The archive's data directory (originals, page artefacts, page-image cache). */
  dataDir: DataDir | string;
  /** Requests per minute one client address may make, or `false` for no limit (benchmarks). Default 600. */
  rateLimitPerMinute?: number | false;
  /** Origins allowed to call the API from a browser: `*` (default: the API is public), or a list. */
  corsOrigins?: '*' | string[];
  /** Fastify logger option (default off). */
  logger?: FastifyServerOptions['logger'];
  /** A logger of the process's own (cli/service-log.ts) for Fastify's records; wins over `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** Where requests and searches are counted; default a registry of this app's own. */
  metrics?: ApiMetrics;
  /** What `/metrics` answers; default `metrics`' figures (`jarida serve --workers N` sums its processes'). */
  scrapeMetrics?: () => Promise<MetricsScrape>;
  /** Readiness conditions besides the store answering a read (`/readyz`). */
  readinessChecks?: Record<string, ReadinessCheck>;
  /** Which reverse proxies' `X-Forwarded-For` gives the client address, as Fastify's `trustProxy` (cli/trust-proxy.ts; default none). */
  trustProxy?: boolean | string;
  pageImages?: PageImagesOptions;
}

/**
 * Content Security Policy of every answer: the web pages and the API docs load scripts,
 * styles and images from this origin only; the web pages need no script at all.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Builds the server (not listening yet): plugins, API routes, docs and web pages. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const dataDir = typeof options.dataDir === 'string' ? new DataDir(options.dataDir) : options.dataDir;
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    trustProxy: options.trustProxy ?? false,
    // Ids and dates are short; a longer URL parameter is an attack or a mistake.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Malformed and over-long URLs are refused by the router itself: same JSON errors.
    frameworkErrors: sendError,
    // And what Node's parser refuses (431, 408, 400) before the router sees it.
    clientErrorHandler,
  });
  installErrorHandler(app);
  installFiniteNumberGuard(app);
  installConditionalGet(app);
  const metrics = options.metrics ?? new ApiMetrics();
  metrics.install(app);

  await app.register(helmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Page images and JSON are public: other sites may embed and fetch them.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, { origin: options.corsOrigins ?? '*', methods: ['GET', 'HEAD'] });
  // The web pages call the API in-process; they carry this per-process secret so the
  // visitor's one page view is not counted as several API requests.
  const internalToken = randomBytes(24).toString('hex');
  if (options.rateLimitPerMinute !== false) {
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      allowList: (request) => request.headers['x-jarida-internal'] === internalToken,
      errorResponseBuilder: (_request, context) =>
        new TooManyRequestsError(`rate limit of ${context.max} requests per ${context.after} exceeded`),
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'jarida API',
        description:
          "Read-only public API over Morocco's Bulletin officiel: texts, articles, their versions over time, amendments and the printed pages. Errors are `{ error, message }`.",
        version: '1',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: '/openapi.json' } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const pageImages = new PageImages(dataDir, options.store, options.pageImages);
  app.addHook('onClose', () => pageImages.close());
  registerSearchRoutes(app, metrics.timeSearches(options.store));
  registerTextRoutes(app, options.store);
  registerBulletinRoutes(app, { store: options.store, dataDir, pageImages });
  registerWebRoutes(app, { internalToken });
  registerHealthRoutes(app, {
    checks: {
      // A read of nothing: answers only if the database is open (SQLite) or reachable (Elasticsearch).
      store: async () => void (await options.store.findBulletinBySource('0'.repeat(64))),
      ...options.readinessChecks,
    },
    metrics:
      options.scrapeMetrics ??
      (async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() })),
  });

  app.setNotFoundHandler(async function notFound(request) {
    throw new NotFoundError(`no route ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}
