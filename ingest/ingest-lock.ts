/**
 * One embedded ingest per data directory at a time. Two at once would both find a file not
 * yet in the store, both read it and both report it ingested; SQLite would serialise their
 * writes but not their decisions. The lock is `<data dir>/ingest.lock`, a directory created
 * atomically (proper-lockfile), so it holds across processes and machines sharing the data
 * directory; its holder refreshes it, and one left by a killed holder is taken over once stale.
 */
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { JaridaError } from '../pipeline/errors.js';

/** Another ingest holds the data directory. */
export class IngestLockedError extends JaridaError {
  constructor(lockPath: string, options?: ErrorOptions) {
    super(
      'INGEST_LOCKED',
      `another jarida ingest is running on this data directory (${lockPath}); run this one when it ends`,
      options,
    );
  }
}

/** Options of {@link withIngestLock}. */
export interface IngestLockOptions {
  /** How long a lock not refreshed is left before it is taken over, ms (default 60 s, at least 5 s; refreshed every quarter of it). */
  staleMs?: number;
  /** Told when the lock was lost while held (refreshes blocked for longer than `staleMs`). */
  onCompromised?: (error: Error) => void;
}

const DEFAULT_STALE_MS = 60_000;

/**
 * Runs `body` holding the ingest lock of the data directory at `root`.
 *
 * @throws IngestLockedError at once when another ingest holds it.
 */
export async function withIngestLock<T>(
  root: string,
  body: () => Promise<T>,
  options: IngestLockOptions = {},
): Promise<T> {
  const lockPath = path.join(root, 'ingest.lock');
  const stale = options.staleMs ?? DEFAULT_STALE_MS;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(root, {
      lockfilePath: lockPath,
      realpath: false,
      stale,
      update: Math.max(1_000, Math.floor(stale / 4)),
      onCompromised: options.onCompromised ?? (() => {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED')
      throw new IngestLockedError(lockPath, { cause: error });
    throw error;
  }
  try {
    return await body();
  } finally {
    await release().catch(() => {});
  }
}
