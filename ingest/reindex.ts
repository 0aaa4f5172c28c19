/**
 * Rebuilds the search index from the artefacts of the data directory (`bulletin.json` and
 * the page artefacts of every ingested file): nothing is read again from the scans.
 * Elasticsearch fills new versioned indices and switches its aliases when done, so
 * searches keep working throughout; SQLite re-saves every bulletin (idempotent) in bulk.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PageArtefact, ParsedBulletin } from '../pipeline/model.js';
import type { DataDir } from '../store/data-dir.js';
import { ElasticsearchStore } from '../store/elasticsearch/elasticsearch-store.js';
import type { SearchStore } from '../store/search-store.js';

export interface ReindexOptions {
  /** Bulletins written per bulk call (default 100). */
  batch?: number;
  onProgress?: (bulletins: number) => void;
}

/** Every parsed bulletin of the data directory with its pages, in file-hash order. */
export async function* storedBulletins(
  dataDir: DataDir,
): AsyncGenerator<{ parsed: ParsedBulletin; pages: PageArtefact[] }> {
  const hashes = await readdir(path.join(dataDir.root, 'artefacts')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  for (const sha of hashes.sort()) {
    const parsed = await dataDir.loadBulletin(sha);
    if (!parsed) continue;
    const pages: PageArtefact[] = [];
    for (let index = 1; index <= parsed.bulletin.pageCount; index++) {
      const page = await dataDir.loadPage(sha, index);
      if (page) pages.push(page);
    }
    yield { parsed, pages };
  }
}

async function fill(store: SearchStore, dataDir: DataDir, options: ReindexOptions): Promise<number> {
  const size = options.batch ?? 100;
  let batch: { parsed: ParsedBulletin; pages: PageArtefact[] }[] = [];
  let written = 0;
  for await (const bulletin of storedBulletins(dataDir)) {
    batch.push(bulletin);
    if (batch.length === size) {
      await store.saveBulletins(batch);
      written += batch.length;
      options.onProgress?.(written);
      batch = [];
    }
  }
  await store.saveBulletins(batch);
  written += batch.length;
  await store.optimize();
  return written;
}

/** Rebuilds `store`'s index from `dataDir`; returns how many bulletins were indexed. */
export async function reindex(
  store: SearchStore,
  dataDir: DataDir,
  options: ReindexOptions = {},
): Promise<number> {
  if (store instanceof ElasticsearchStore) {
    let written = 0;
    await store.rebuild(async (writer) => {
      written = await fill(writer, dataDir, options);
    });
    return written;
  }
  return fill(store, dataDir, options);
}
