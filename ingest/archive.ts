/**
 * The archive a command or a bench works on: its data directory (originals, artefacts, the
 * SQLite database) and its search store (SQLite, or Elasticsearch when a URL is given).
 */
import { stat } from 'node:fs/promises';
import { PreparationPool } from '../engines/preparation-pool.js';
import { NotFoundError } from '../pipeline/errors.js';
import { DataDir, defaultDataDir } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';

export interface ArchiveOptions {
  dataDir?: string;
  /** Elasticsearch URL (`--es`, else `ELASTICSEARCH_URL`); the embedded SQLite store without one. */
  es?: string;
  /** The data directory must exist already (commands that only read): a missing one is a mistake, not an empty archive. */
  existing?: boolean;
}

export interface Archive {
  dataDir: DataDir;
  store: SearchStore;
  close(): Promise<void>;
}

/** Opens (creating if needed) the archive in `dataDir`, `JARIDA_DATA_DIR` or `./jarida-data`. */
export async function openArchive(options: ArchiveOptions): Promise<Archive> {
  const dataDir = new DataDir(options.dataDir ?? defaultDataDir());
  if (options.existing && !(await stat(dataDir.root).catch(() => null))?.isDirectory())
    throw new NotFoundError(
      `no archive at ${dataDir.root}: give the right --data-dir (or JARIDA_DATA_DIR); jarida ingest creates one`,
    );
  await dataDir.ensure();
  // Bulk writes (reindex) prepare bulletins on other threads; started only if used.
  const preparation = new PreparationPool();
  // Loaded here, not with this module: cli/context.ts re-exports it to every command, and
  // `jarida ocr` (no archive) should not load SQLite and Elasticsearch to start.
  const { openStore } = await import('../store/open-store.js');
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
