/**
 * What every command shares: the data directory and store, JSON output on stdout,
 * logs on stderr, and the exit codes of DESIGN.md (0 ok, 1 some input failed, 2 bad usage).
 */

import { PreparationPool } from '../engines/preparation-pool.js';
import { DataDir, defaultDataDir } from '../store/data-dir.js';
import { openStore } from '../store/open-store.js';
import type { SearchStore } from '../store/search-store.js';

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

/** Bad usage the parser could not see (an unknown text id is not one: that is a 1). */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Input the command could not find or read: exit 1 with the message. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export interface ArchiveOptions {
  dataDir?: string;
  /** Elasticsearch URL (`--es`, else `ELASTICSEARCH_URL`); the embedded SQLite store without one. */
  es?: string;
}

export interface Archive {
  dataDir: DataDir;
  store: SearchStore;
  close(): Promise<void>;
}

/** Opens (creating if needed) the archive in `--data-dir`, `JARIDA_DATA_DIR` or `./jarida-data`. */
export async function openArchive(options: ArchiveOptions): Promise<Archive> {
  const dataDir = new DataDir(options.dataDir ?? defaultDataDir());
  await dataDir.ensure();
  // Bulk writes (reindex) prepare bulletins on other threads; started only if used.
  const preparation = new PreparationPool();
  const store = await openStore(dataDir, { es: options.es, prepare: preparation.prepare });
  return {
    dataDir,
    store,
    close: async () => {
      await store.close();
      await preparation.close();
    },
  };
}

/** Runs `body` with an open archive and closes it whatever happens. */
export async function withArchive<T>(
  options: ArchiveOptions,
  body: (archive: Archive) => Promise<T>,
): Promise<T> {
  const archive = await openArchive(options);
  try {
    return await body(archive);
  } finally {
    await archive.close();
  }
}

/** One JSON document on stdout, as the `--json` contract says. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Logs and progress go to stderr so stdout stays clean for `--json`. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Parses a positive integer option or throws a {@link UsageError}. */
export function positiveInteger(name: string) {
  return function parsePositiveInteger(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** Parses `YYYY-MM-DD` or throws a {@link UsageError}. */
export function isoDate(name: string) {
  return function parseIsoDateOption(value: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw new UsageError(`${name} must be a date YYYY-MM-DD, got "${value}"`);
    }
    return value;
  };
}
