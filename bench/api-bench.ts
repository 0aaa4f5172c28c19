/**
 * `npm run bench -- api [--articles N] [--duration S] [--connections C] [--seed S] [--archive DIR]`:
 * requests per second and latency percentiles of `jarida serve` under load (autocannon on
 * loopback), for search and text pages, over the search benchmark's synthetic archive of
 * N article versions (bench/search-archive.ts). The server runs in its own process, as in
 * production, so the load generator does not share its event loop. With `--archive DIR`
 * the archive is built in DIR once and reused by later runs of the same size and seed
 * (a million versions take minutes to build); without it, in a temporary directory.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PreparationPool } from '../engines/preparation-pool.js';
import { Prng } from '../fixtures/prng.js';
import { type ServeProcess, startServe } from '../search-api/serve-process.js';
import { DataDir } from '../store/data-dir.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { machineLine, numberOption, percentile, table, writeSection } from './report.js';
import { type ArchiveText, type SyntheticBulletin, syntheticArchive } from './search-archive.js';
import { mixedQueries } from './search-queries.js';

/** Bulletins per bulk write while building the archive. */
const BULK_BULLETINS = 500;

interface Scenario {
  name: string;
  paths: string[];
}

interface Measured {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

/** Kept beside a reusable archive's database: what it was built from, and its texts. */
interface ArchiveManifest {
  articles: number;
  seed: number;
  texts: ArchiveText[];
}

/** The texts of the archive in `dataDir`, built there first unless a run of the same size and seed left it. */
async function reuseOrBuildArchive(dataDir: DataDir, articles: number, seed: number): Promise<ArchiveText[]> {
  const manifestPath = path.join(dataDir.root, 'archive.json');
  if (existsSync(manifestPath)) {
    const kept = JSON.parse(await readFile(manifestPath, 'utf8')) as ArchiveManifest;
    if (kept.articles === articles && kept.seed === seed) return kept.texts;
    throw new Error(
      `${dataDir.root} holds an archive of ${kept.articles} versions (seed ${kept.seed}): pick another --archive`,
    );
  }
  if (existsSync(dataDir.databasePath))
    throw new Error(`${dataDir.databasePath} exists: pick an empty --archive`);
  await dataDir.ensure();
  const texts = await buildArchive(dataDir, articles, seed);
  await writeFile(manifestPath, JSON.stringify({ articles, seed, texts } satisfies ArchiveManifest));
  return texts;
}

/** Writes the synthetic archive into a data directory's SQLite store; returns its texts. */
async function buildArchive(dataDir: DataDir, articles: number, seed: number): Promise<ArchiveText[]> {
  const preparation = new PreparationPool();
  const store = await openSqliteStore(dataDir.databasePath, { prepare: preparation.prepare });
  const texts: ArchiveText[] = [];
  try {
    let batch: SyntheticBulletin[] = [];
    for (const bulletin of syntheticArchive({ articles, seed }, texts)) {
      batch.push(bulletin);
      if (batch.length === BULK_BULLETINS) {
        await store.saveBulletins(batch);
        batch = [];
        process.stderr.write(`\r  archive: ${texts.length} texts`);
      }
    }
    await store.saveBulletins(batch);
    await store.optimize();
    process.stderr.write('\n');
  } finally {
    await store.close();
    await preparation.close();
  }
  return texts;
}

/** `--name VALUE` from a benchmark's arguments, undefined when absent. */
function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** `/v1/search?…` from a search request. */
function searchPath(request: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) if (value !== undefined) params.set(key, String(value));
  return `/v1/search?${params}`;
}

/** Drives `paths` in turn over `connections` connections for `duration` seconds. */
async function load(
  address: string,
  scenario: Scenario,
  connections: number,
  duration: number,
): Promise<Measured> {
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: address,
    connections,
    duration,
    requests: [
      { setupRequest: (request) => ({ ...request, path: scenario.paths[next++ % scenario.paths.length] }) },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

export async function apiBenchmark(args: string[]): Promise<void> {
  const options = {
    articles: numberOption(args, 'articles', 100_000),
    duration: numberOption(args, 'duration', 15),
    connections: numberOption(args, 'connections', 4),
    seed: numberOption(args, 'seed', 2024),
  };
  const archive = optionValue(args, 'archive');
  const work = archive ?? (await mkdtemp(path.join(os.tmpdir(), 'jarida-api-bench-')));
  const dataDir = new DataDir(work);
  let server: ServeProcess | undefined;
  try {
    const started = performance.now();
    const texts = archive
      ? await reuseOrBuildArchive(dataDir, options.articles, options.seed)
      : await buildArchive(dataDir, options.articles, options.seed);
    process.stderr.write(`  archive ready in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    const prng = new Prng(options.seed);
    const someTexts = Array.from({ length: 500 }, () => prng.pick(texts));
    const scenarios: Scenario[] = [
      {
        name: 'search (mixed queries)',
        paths: mixedQueries(texts, 450, options.seed).map((q) => searchPath(q.request)),
      },
      { name: 'text (JSON)', paths: someTexts.map((t) => `/v1/texts/${t.id}`) },
      {
        name: 'article at a date (JSON)',
        paths: someTexts.map((t) => `/v1/texts/${t.id}/articles/1?at=2025-01-01`),
      },
      { name: 'text page (HTML)', paths: someTexts.map((t) => `/fr/texts/${t.id}`) },
    ];
    server = await startServe(work, ['--rate-limit', String(2 ** 31)]);
    const { address } = server;
    const results: Measured[] = [];
    for (const scenario of scenarios) {
      // A short warm-up: prepared statements and the page cache, as on a running server.
      await load(address, scenario, options.connections, 2);
      const measured = await load(address, scenario, options.connections, options.duration);
      process.stderr.write(
        `  ${measured.name}: ${measured.perSecond.toFixed(0)} req/s, p95 ${measured.p95.toFixed(1)} ms\n`,
      );
      results.push(measured);
    }
    const body = [
      '## api: HTTP throughput and latency under load',
      '',
      `\`jarida serve\` (its own processes, one per core, SQLite store, rate limit off) on ${options.articles.toLocaleString('en')} synthetic`,
      `article versions (the search benchmark's archive, seed ${options.seed}); autocannon on loopback,`,
      `${options.connections} connections, ${options.duration} s per scenario after a 2 s warm-up; ${machineLine()}.`,
      '',
      table(
        ['scenario', 'requests', 'req/s', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'failed'],
        results.map((r) => [
          r.name,
          r.requests,
          r.perSecond.toFixed(0),
          r.p50.toFixed(1),
          r.p95.toFixed(1),
          r.p99.toFixed(1),
          r.failed,
        ]),
      ),
      '',
      `Latencies include queueing behind the other connections. Load average ${os.loadavg()[0]!.toFixed(1)} at the`,
      `end on ${os.cpus().length} cores shared with other work.`,
    ].join('\n');
    await writeSection('api', body);
    process.stdout.write(`${body}\n`);
  } finally {
    server?.stop();
    if (!archive) await rm(work, { recursive: true, force: true });
  }
}
