/**
 * Picks the search backend: Elasticsearch when a URL is given (`--es URL` or
 * `ELASTICSEARCH_URL`), else the embedded SQLite store of the data directory.
 */
import type { DataDir } from './data-dir.js';
import type { SearchStore } from './search-store.js';
import { type BulletinPreparer, openSqliteStore } from './sqlite/sqlite-store.js';

export interface OpenStoreOptions {
  /** Elasticsearch URL; overrides `ELASTICSEARCH_URL`. */
  es?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the SQLite store prepares bulk writes (engines/preparation-pool.ts); its own thread by default. */
  prepare?: BulletinPreparer;
}

/** The Elasticsearch URL the options or the environment name, if any. */
export function elasticsearchUrl(options: OpenStoreOptions = {}): string | null {
  return options.es || (options.env ?? process.env).ELASTICSEARCH_URL || null;
}

/** Opens the store an archive in `dataDir` uses. */
export async function openStore(dataDir: DataDir, options: OpenStoreOptions = {}): Promise<SearchStore> {
  const url = elasticsearchUrl(options);
  if (url) {
    // The Elasticsearch client takes a quarter of a second to load: only for archives that use it.
    const { openElasticsearchStore } = await import('./elasticsearch/elasticsearch-store.js');
    return openElasticsearchStore({ node: url });
  }
  return openSqliteStore(dataDir.databasePath, { prepare: options.prepare });
}
