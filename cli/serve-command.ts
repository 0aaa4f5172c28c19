/**
 * `jarida serve [--port P] [--host H] [--workers N]`: the read-only API and the web pages over
 * the archive. SQLite answers a search synchronously, so one process serves one search at a
 * time; N processes (node:cluster, one per core by default) share the port and the archive
 * (WAL: readers never block each other).
 */
import cluster from 'node:cluster';
import os from 'node:os';
import { Command } from 'commander';
import type { Logger } from 'pino';
import { ApiMetrics } from '../search-api/api-metrics.js';
import { buildApp } from '../search-api/app.js';
import { aggregateClusterMetrics, clusterScrape } from '../search-api/cluster-metrics.js';
import { openArchive, positiveInteger, UsageError } from './context.js';
import { serviceLogger } from './service-log.js';
import { untilStopSignal } from './shutdown-signals.js';
import { httpServiceOptions, type TrustProxy } from './trust-proxy.js';

interface ServeOptions {
  dataDir?: string;
  port: number;
  host: string;
  corsOrigin?: string[];
  rateLimit: number;
  workers: number;
  gracePeriod: number;
  trustProxy: TrustProxy;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(`--port must be 0–65535, got "${value}"`);
  return n;
}

/**
 * The port every serving process after the first listens on: the one the first process got.
 * With `--port 0`, a process that listened while no other did would get a port of its own.
 */
const SHARED_PORT = 'JARIDA_SERVE_SHARED_PORT';

/**
 * Forks `count` serving processes and keeps them running (a crashed one is replaced) until
 * SIGINT/SIGTERM, which each of them gets to finish its requests in hand; a second signal
 * kills them at once.
 */
function superviseWorkers(count: number, root: string, logger: Logger, graceMs: number): void {
  let stopping = false;
  let env: NodeJS.ProcessEnv | undefined;
  aggregateClusterMetrics();
  cluster.fork();
  // Said once, by the primary, when the first process listens; the others then join its port.
  cluster.once('listening', function announce(_worker, { address, port }) {
    announceServing(logger, root, `http://${address}:${port}`);
    env = { [SHARED_PORT]: String(port) };
    for (let i = 1; i < count; i++) cluster.fork(env);
  });
  cluster.on('exit', function replace(worker, code, signal) {
    if (stopping) return;
    logger.warn(
      { exited: worker.process.pid, code, signal },
      `jarida serve: process ${worker.process.pid} exited (${signal ?? code}); starting another`,
    );
    cluster.fork(env);
  });
  // The signal itself: cluster's worker.kill() would first wait for every connection to end.
  const signalAll = (signal: NodeJS.Signals) => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  untilStopSignal({
    logger,
    graceful: 'finishing the requests in hand',
    graceMs,
    onSecond: () => signalAll('SIGKILL'),
  }).then(() => {
    stopping = true;
    signalAll('SIGTERM');
  });
}

function announceServing(logger: Logger, root: string, address: string): void {
  logger.info({ address }, `jarida serving ${root} on ${address} (API docs: ${address}/docs)`);
}

export function serveCommand(): Command {
  return httpServiceOptions(new Command('serve'))
    .description('serve the JSON API (/v1, /openapi.json, /docs) and the web pages (/) over the archive')
    .option('--port <port>', 'TCP port (0: any free port)', port, Number(process.env.PORT ?? 8080))
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--cors-origin <origins...>', 'origins allowed to call the API from a browser (default: any)')
    .option(
      '--rate-limit <n>',
      'requests per minute per client address',
      positiveInteger('--rate-limit'),
      600,
    )
    .option(
      '--workers <n>',
      'serving processes sharing the port (default: one per core)',
      positiveInteger('--workers'),
      os.availableParallelism(),
    )
    .action(async function serveAction(this: Command) {
      const o = this.optsWithGlobals<ServeOptions>();
      const logger = serviceLogger({ name: 'serve' });
      if (cluster.isPrimary && o.workers > 1) {
        // Created and migrated once, here, rather than by every serving process at once.
        const archive = await openArchive(o);
        await archive.close();
        return superviseWorkers(o.workers, archive.dataDir.root, logger, o.gracePeriod);
      }
      const archive = await openArchive(o);
      const metrics = new ApiMetrics();
      const app = await buildApp({
        store: archive.store,
        dataDir: archive.dataDir,
        // Each process counts its own clients; connections are spread evenly across them.
        rateLimitPerMinute: Math.ceil(o.rateLimit / o.workers),
        trustProxy: o.trustProxy,
        ...(o.corsOrigin ? { corsOrigins: o.corsOrigin } : {}),
        // Fastify's own records (a request that failed) in the process's log; no line per request.
        loggerInstance: logger.child({}, { level: 'warn' }),
        metrics,
        ...(cluster.isWorker ? { scrapeMetrics: clusterScrape(metrics.registry) } : {}),
      });
      const shared = cluster.isWorker ? process.env[SHARED_PORT] : undefined;
      const address = await app.listen({ port: shared ? Number(shared) : o.port, host: o.host });
      // Every process listens on the same port: the first one says where.
      if (cluster.isPrimary) announceServing(logger, archive.dataDir.root, address);
      let stopping: Promise<void> | undefined;
      const stop = () => {
        stopping ??= (async function close() {
          await app.close();
          await archive.close();
          // A forked process lives as long as its channel to the primary: let go of it to exit.
          if (cluster.isWorker && process.connected) process.disconnect();
        })();
        return stopping;
      };
      const graceful = 'finishing the requests in hand';
      untilStopSignal({ logger, graceful, graceMs: o.gracePeriod }).then(stop);
      // A serving process whose primary is gone receives no more connections.
      if (cluster.isWorker) process.once('disconnect', stop);
    });
}
