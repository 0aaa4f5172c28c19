/** `jarida serve [--port P] [--host H]`: the read-only API and the web pages over the archive. */
import { Command } from 'commander';
import { buildApp } from '../search-api/app.js';
import { log, openArchive, UsageError } from './context.js';

interface ServeOptions {
  dataDir?: string;
  port: number;
  host: string;
  corsOrigin?: string[];
  rateLimit: number;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(`--port must be 0–65535, got "${value}"`);
  return n;
}

function perMinute(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--rate-limit must be a positive integer, got "${value}"`);
  return n;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the JSON API (/v1, /openapi.json, /docs) and the web pages (/) over the archive')
    .option('--port <port>', 'TCP port (0: any free port)', port, Number(process.env.PORT ?? 8080))
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--cors-origin <origins...>', 'origins allowed to call the API from a browser (default: any)')
    .option('--rate-limit <n>', 'requests per minute per client address', perMinute, 600)
    .action(async function serveAction(this: Command) {
      const o = this.optsWithGlobals<ServeOptions>();
      const archive = await openArchive(o);
      const app = await buildApp({
        store: archive.store,
        dataDir: archive.dataDir,
        rateLimitPerMinute: o.rateLimit,
        ...(o.corsOrigin ? { corsOrigins: o.corsOrigin } : {}),
        logger: { level: 'warn' },
      });
      const address = await app.listen({ port: o.port, host: o.host });
      log(`jarida serving ${archive.dataDir.root} on ${address} (API docs: ${address}/docs)`);
      const stop = async () => {
        await app.close();
        await archive.close();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
