/**
 * `npm run bench -- search [--articles N] [--amended PERCENT] [--queries Q] [--seed S] [--archive FILE] [--json]`:
 * index rate and query latency of the search store on a synthetic archive of N article
 * versions (French and Arabic originals, and PERCENT % amended wordings, 20 by default), and
 * what indexing the amended wordings adds to the SQLite file. The embedded SQLite store
 * always; Elasticsearch side by side when ELASTICSEARCH_URL is set. With `--json` the last line is
 * `{ "articles": N, "indexPerSec": x, "p50Ms": y, "p95Ms": z, ... }` (the SQLite figures).
 * `--archive FILE` keeps the SQLite archive there, and a later run with the same size and seed
 * queries it again instead of indexing (no index figures then): a million versions take minutes.
 */
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PreparationPool } from '../engines/preparation-pool.js';
import { openElasticsearchStore } from '../store/elasticsearch/elasticsearch-store.js';
import type { SearchStore } from '../store/search-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { machineLine, numberOption, percentile, table, writeSection } from './report.js';
import { type ArchiveText, type SyntheticBulletin, syntheticArchive } from './search-archive.js';
import { type BenchQuery, mixedQueries } from './search-queries.js';

/** Bulletins written per bulk call: the bench loads an archive, not one issue at a time. */
const BULK_BULLETINS = 500;

/** How long indexing took; null when the archive was indexed by an earlier run (`--archive`). */
interface Indexing {
  indexSeconds: number;
  indexPerSec: number;
  /** Index rate over the process's CPU time: what the store costs, whatever else runs on the machine. */
  indexPerCpuSec: number;
}

interface Measured {
  backend: string;
  articles: number;
  index: Indexing | null;
  /** Query latency percentiles in CPU time of this process. */
  cpuP50Ms: number;
  cpuP95Ms: number;
  p50Ms: number;
  p95Ms: number;
  /** Wall-clock and CPU percentiles per query kind. */
  kinds: Map<string, { p50: number; p95: number; cpuP50: number; cpuP95: number; count: number }>;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

interface ArchiveOptions {
  articles: number;
  seed: number;
  /** Share of amended wordings among the versions (0–1). */
  amended: number;
}

/** Sizes of the SQLite archive, compacted: as indexed, and with the amended wordings left out of the index. */
interface IndexGrowth {
  withVersionsBytes: number;
  originalsOnlyBytes: number;
  amendedVersions: number;
}

async function load(store: SearchStore, options: ArchiveOptions, texts: ArchiveText[]) {
  // Only the store's work is timed: generating the synthetic archive is not indexing.
  let storeMs = 0;
  let storeCpuMs = 0;
  const timed = async (write: () => Promise<void>) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await write();
    storeMs += performance.now() - started;
    storeCpuMs += cpuMs(process.cpuUsage(cpu));
  };
  let batch: SyntheticBulletin[] = [];
  let written = 0;
  for (const bulletin of syntheticArchive(options, texts)) {
    batch.push(bulletin);
    if (batch.length === BULK_BULLETINS) {
      const full = batch;
      await timed(() => store.saveBulletins(full));
      written += full.reduce((n, b) => n + b.parsed.texts.reduce((m, t) => m + t.articles.length, 0), 0);
      batch = [];
      process.stderr.write(`\r  indexed ${written} article versions`);
    }
  }
  const last = batch;
  await timed(() => store.saveBulletins(last));
  await timed(() => store.optimize());
  process.stderr.write('\n');
  return { seconds: storeMs / 1000, cpuSeconds: storeCpuMs / 1000 };
}

/** `reuse`: the store already holds the archive; its texts are generated again, not saved. */
async function measure(
  backend: string,
  store: SearchStore,
  options: ArchiveOptions & { queries: number },
  reuse = false,
): Promise<Measured> {
  const texts: ArchiveText[] = [];
  let index: Indexing | null = null;
  if (reuse) for (const _ of syntheticArchive(options, texts));
  else {
    const { seconds, cpuSeconds } = await load(store, options, texts);
    index = {
      indexSeconds: seconds,
      indexPerSec: options.articles / seconds,
      indexPerCpuSec: options.articles / cpuSeconds,
    };
  }
  const queries: BenchQuery[] = mixedQueries(texts, options.queries, options.seed);
  // One pass to warm the page cache and the prepared statements, as a running server would be.
  for (const q of queries.slice(0, Math.min(queries.length, 50))) await store.search(q.request);
  const byKind = new Map<string, { wall: number[]; cpu: number[] }>();
  const all: number[] = [];
  const allCpu: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await store.search(q.request);
    const ms = performance.now() - started;
    const cpuSpent = cpuMs(process.cpuUsage(cpu));
    allCpu.push(cpuSpent);
    all.push(ms);
    const kind = byKind.get(q.kind) ?? { wall: [], cpu: [] };
    kind.wall.push(ms);
    kind.cpu.push(cpuSpent);
    byKind.set(q.kind, kind);
  }
  const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const sorted = sort(all);
  const sortedCpu = sort(allCpu);
  const kinds = new Map(
    [...byKind].map(([kind, { wall, cpu }]) => {
      const w = sort(wall);
      const c = sort(cpu);
      const p = {
        p50: percentile(w, 50),
        p95: percentile(w, 95),
        cpuP50: percentile(c, 50),
        cpuP95: percentile(c, 95),
      };
      return [kind, { ...p, count: w.length }] as const;
    }),
  );
  return {
    backend,
    articles: options.articles,
    index,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    cpuP50Ms: percentile(sortedCpu, 50),
    cpuP95Ms: percentile(sortedCpu, 95),
    kinds,
  };
}

/**
 * What indexing every amended wording costs on disk: the archive compacted (`VACUUM INTO`),
 * then the same copy without the amended wordings' index documents, merged and compacted again.
 */
async function indexGrowth(dbPath: string, work: string): Promise<IndexGrowth> {
  const copy = path.join(work, 'compact.db');
  const db = new Database(dbPath, { readonly: true });
  db.prepare('VACUUM INTO ?').run(copy);
  db.close();
  const withVersionsBytes = (await stat(copy)).size;
  const compact = new Database(copy);
  const amendedVersions = compact.prepare('SELECT count(*) FROM version_entries').pluck().get() as number;
  compact.exec(`DELETE FROM version_entries; DELETE FROM ended_documents;
    INSERT INTO search_index (search_index) VALUES ('optimize'); VACUUM;`);
  compact.close();
  const originalsOnlyBytes = (await stat(copy)).size;
  await rm(copy);
  return { withVersionsBytes, originalsOnlyBytes, amendedVersions };
}

function report(
  results: Measured[],
  options: ArchiveOptions & { queries: number },
  growth: IndexGrowth | null,
): string {
  const ms = (x: number) => x.toFixed(1);
  const kinds = [...results[0]!.kinds.keys()];
  const elasticsearch = results.some((r) => r.backend.startsWith('elasticsearch'))
    ? ''
    : 'Elasticsearch was not measured: ELASTICSEARCH_URL was not set for this run.';
  return [
    '## search: index rate and query latency',
    '',
    `${options.articles.toLocaleString('en')} synthetic article versions (French and Arabic editions of each text,`,
    `1958–2024, seed ${options.seed}; ${Math.round(options.amended * 100)} % amended wordings, made by French amending lois);`,
    `${options.queries} queries of a mixed set, one at a time after a warm-up;`,
    `${machineLine()}. Index time is the store's (writes with pages, final index merge and statistics), not the generator's.`,
    '',
    table(
      [
        'backend',
        'index (versions/s)',
        'index time (s)',
        'p50 (ms)',
        'p95 (ms)',
        'index per CPU-s',
        'p50 / p95 CPU (ms)',
      ],
      results.map((r) => [
        r.backend,
        r.index ? Math.round(r.index.indexPerSec) : '–',
        r.index ? r.index.indexSeconds.toFixed(1) : '–',
        ms(r.p50Ms),
        ms(r.p95Ms),
        r.index ? Math.round(r.index.indexPerCpuSec) : '–',
        `${ms(r.cpuP50Ms)} / ${ms(r.cpuP95Ms)}`,
      ]),
    ),
    '',
    `Wall-clock figures depend on what else runs: load average ${os.loadavg()[0]!.toFixed(1)} at the end of this run`,
    `on ${os.cpus().length} cores. CPU figures are this process's CPU time (for Elasticsearch: the client's only).`,
    '',
    'Per query kind (p50 / p95 ms, wall clock · CPU):',
    '',
    table(
      ['kind', 'queries', ...results.map((r) => r.backend)],
      kinds.map((kind) => [
        kind,
        results[0]!.kinds.get(kind)!.count,
        ...results.map((r) => {
          const k = r.kinds.get(kind);
          return k ? `${ms(k.p50)} / ${ms(k.p95)} · ${ms(k.cpuP50)} / ${ms(k.cpuP95)}` : '–';
        }),
      ]),
    ),
    ...(growth
      ? [
          '',
          `SQLite file, compacted: ${mb(growth.withVersionsBytes)} MB with the ${growth.amendedVersions.toLocaleString('en')} amended wordings indexed,`,
          `${mb(growth.originalsOnlyBytes)} MB with only the originals indexed (+${(100 * (growth.withVersionsBytes / growth.originalsOnlyBytes - 1)).toFixed(1)} %).`,
        ]
      : []),
    ...(elasticsearch ? ['', elasticsearch] : []),
  ].join('\n');
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/** `--amended 0`: the originals alone (numberOption takes positive numbers only). */
function originalsOnly(args: string[]): boolean {
  const at = args.indexOf('--amended');
  return at >= 0 && args[at + 1] === '0';
}

export async function searchBenchmark(args: string[]): Promise<void> {
  const options = {
    articles: numberOption(args, 'articles', 100_000),
    amended: originalsOnly(args) ? 0 : numberOption(args, 'amended', 20) / 100,
    queries: numberOption(args, 'queries', 450),
    seed: numberOption(args, 'seed', 2024),
  };
  const json = args.includes('--json');
  const archiveAt = args.indexOf('--archive');
  const kept = archiveAt < 0 ? null : args[archiveAt + 1];
  if (kept === undefined) throw new Error('--archive needs a file');
  const work = await mkdtemp(path.join(os.tmpdir(), 'jarida-search-bench-'));
  const results: Measured[] = [];
  let growth: IndexGrowth | null = null;
  try {
    // As `jarida reindex` does: bulletins are prepared on another thread while SQLite writes.
    const preparation = new PreparationPool();
    const dbPath = kept ?? path.join(work, 'bench.db');
    const reuse =
      kept !== null &&
      (await access(kept).then(
        () => true,
        () => false,
      ));
    const sqlite = await openSqliteStore(dbPath, { prepare: preparation.prepare });
    try {
      results.push(await measure('sqlite (embedded)', sqlite, options, reuse));
    } finally {
      await sqlite.close();
      await preparation.close();
    }
    growth = await indexGrowth(dbPath, work);
    const url = process.env.ELASTICSEARCH_URL;
    if (url) {
      const es = await openElasticsearchStore({ node: url, indexPrefix: `jarida-bench-${Date.now()}` });
      try {
        results.push(await measure('elasticsearch', es, options));
      } finally {
        await es.destroy();
        await es.close();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const body = report(results, options, growth);
  await writeSection('search', body);
  process.stderr.write(`${body}\n`);
  const [sqlite] = results;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        articles: options.articles,
        indexPerSec: sqlite!.index && Math.round(sqlite!.index.indexPerSec),
        p50Ms: Number(sqlite!.p50Ms.toFixed(2)),
        p95Ms: Number(sqlite!.p95Ms.toFixed(2)),
        cpuP95Ms: Number(sqlite!.cpuP95Ms.toFixed(2)),
        ...(growth
          ? { withVersionsBytes: growth.withVersionsBytes, originalsOnlyBytes: growth.originalsOnlyBytes }
          : {}),
      })}\n`,
    );
  } else {
    process.stdout.write(`${body}\n`);
  }
}
