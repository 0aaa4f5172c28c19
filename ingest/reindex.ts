/**
 * Rebuilds the search index from the artefacts of the data directory (`bulletin.json` and
 * the page artefacts of every ingested file): nothing is read again from the scans.
 * Elasticsearch fills new versioned indices and switches its aliases when done, so
 * searches keep working throughout; SQLite re-saves every bulletin (idempotent) in bulk.
 *
 * Each bulletin is rebuilt from the one file that currently holds it. A file `--force`
 * replaced may still have artefacts (an archive from before replacements retired them):
 * the store names the current file of each bulletin (`sourceSha256`); a bulletin the store
 * does not hold yet (a first Elasticsearch build) takes the file whose bulletin was written
 * last, as the replacement's was.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isUnidentified } from '../pipeline/ids.js';
import type { PageArtefact, ParsedBulletin } from '../pipeline/model.js';
import type { DataDir } from '../store/data-dir.js';
import { ElasticsearchStore } from '../store/elasticsearch/elasticsearch-store.js';
import type { SearchStore } from '../store/search-store.js';

export interface ReindexOptions {
  /** Bulletins written per bulk call (default 100). */
  batch?: number;
  onProgress?: (bulletins: number) => void;
  /** Told of each file left out because another holds its bulletin. */
  onSuperseded?: (file: SupersededFile) => void;
}

/**
 * A file left out of the rebuild: its artefacts hold a bulletin another file has replaced, or a
 * partial copy (an unidentified issue) whose texts the issue of another file all publishes, as
 * ingesting that issue joined them.
 */
export interface SupersededFile {
  sha256: string;
  bulletin: string;
  /** The file that holds the bulletin (for a partial copy: the issue's file). */
  current: string;
}

function artefactsDir(dataDir: DataDir): string {
  return path.join(dataDir.root, 'artefacts');
}

/** Files with artefacts, by hash. */
async function artefactHashes(dataDir: DataDir): Promise<string[]> {
  const hashes = await readdir(artefactsDir(dataDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return hashes.sort();
}

/**
 * The file that currently holds each bulletin of the data directory, and the files left over
 * from a replacement. `store` says which file holds a bulletin it has; else the newest wins.
 */
export async function currentFiles(
  dataDir: DataDir,
  store: Pick<SearchStore, 'getBulletin'>,
): Promise<{ current: string[]; superseded: SupersededFile[] }> {
  const candidates = new Map<string, { sha256: string; writtenAt: number }[]>();
  const contents = new Map<string, BulletinContents>();
  for (const sha256 of await artefactHashes(dataDir)) {
    const parsed = await dataDir.loadBulletin(sha256);
    if (!parsed) continue;
    const writtenAt = (await stat(path.join(artefactsDir(dataDir), sha256, 'bulletin.json'))).mtimeMs;
    const id = parsed.bulletin.id;
    candidates.set(id, [...(candidates.get(id) ?? []), { sha256, writtenAt }]);
    contents.set(sha256, { id, edition: parsed.bulletin.edition, texts: parsed.texts.map((t) => t.id) });
  }
  const current: string[] = [];
  const superseded: SupersededFile[] = [];
  for (const [bulletin, files] of candidates) {
    let holder = files[0]!;
    if (files.length > 1) {
      const stored = (await store.getBulletin(bulletin))?.sourceSha256;
      holder =
        files.find((f) => f.sha256 === stored) ??
        files.reduce((newest, f) => (f.writtenAt > newest.writtenAt ? f : newest));
    }
    current.push(holder.sha256);
    for (const f of files) {
      if (f !== holder) superseded.push({ sha256: f.sha256, bulletin, current: holder.sha256 });
    }
  }
  const joined = joinedCopies(current, contents);
  return {
    current: current.filter((sha) => !joined.some((f) => f.sha256 === sha)).sort(),
    superseded: [...superseded, ...joined],
  };
}

/** What a file's bulletin holds, as far as joining a partial copy to its issue needs. */
interface BulletinContents {
  id: string;
  edition: string;
  texts: string[];
}

/** The partial copies among `files` whose texts all one identified issue of their edition among `files` publishes. */
function joinedCopies(files: readonly string[], contents: Map<string, BulletinContents>): SupersededFile[] {
  const issues = files.filter((sha) => !isUnidentified(contents.get(sha)!.id));
  return files.flatMap((sha) => {
    const copy = contents.get(sha)!;
    if (!isUnidentified(copy.id) || copy.texts.length === 0) return [];
    const holder = issues.find((issue) => {
      const held = contents.get(issue)!;
      return held.edition === copy.edition && copy.texts.every((t) => held.texts.includes(t));
    });
    return holder ? [{ sha256: sha, bulletin: copy.id, current: holder }] : [];
  });
}

/** The parsed bulletins of `hashes` with their pages, in that order. */
export async function* storedBulletins(
  dataDir: DataDir,
  hashes: readonly string[],
): AsyncGenerator<{ parsed: ParsedBulletin; pages: PageArtefact[] }> {
  for (const sha of hashes) {
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

async function fill(
  store: SearchStore,
  dataDir: DataDir,
  hashes: readonly string[],
  options: ReindexOptions,
): Promise<number> {
  const size = options.batch ?? 100;
  let batch: { parsed: ParsedBulletin; pages: PageArtefact[] }[] = [];
  let written = 0;
  for await (const bulletin of storedBulletins(dataDir, hashes)) {
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

/** Rebuilds `store`'s index from `dataDir`, one file per bulletin; returns how many bulletins were indexed. */
export async function reindex(
  store: SearchStore,
  dataDir: DataDir,
  options: ReindexOptions = {},
): Promise<number> {
  const { current, superseded } = await currentFiles(dataDir, store);
  for (const file of superseded) options.onSuperseded?.(file);
  if (store instanceof ElasticsearchStore) {
    let written = 0;
    await store.rebuild(async (writer) => {
      written = await fill(writer, dataDir, current, options);
    });
    return written;
  }
  return fill(store, dataDir, current, options);
}
