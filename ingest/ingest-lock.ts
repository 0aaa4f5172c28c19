/**
 * One embedded ingest per data directory at a time. Two at once would both find a file not
 * yet in the store, both read it and both report it ingested; SQLite would serialise their
 * writes but not their decisions. The lock is `<data dir>/ingest.lock`, a directory created
 * atomically (proper-lockfile), so it holds across processes and machines sharing the data
 * directory; its holder refreshes it, and one left by a killed holder is taken over once stale.
 * Beside it, `ingest.lock.owner` names the holder's host and process: a lock whose holder on
 * this host is dead is taken over at once, so a killed run is finished by running it again.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
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
  const ownerPath = `${lockPath}.owner`;
  const stale = options.staleMs ?? DEFAULT_STALE_MS;
  const take = () =>
    lockfile.lock(root, {
      lockfilePath: lockPath,
      realpath: false,
      stale,
      update: Math.max(1_000, Math.floor(stale / 4)),
      onCompromised: options.onCompromised ?? (() => {}),
    });
  let release: () => Promise<void>;
  try {
    release = await take().catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOCKED' || !(await takeOverDeadHolder(lockPath, ownerPath))) throw error;
      return take();
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED')
      throw new IngestLockedError(lockPath, { cause: error });
    throw error;
  }
  await writeFile(ownerPath, JSON.stringify(thisHolder()));
  try {
    return await body();
  } finally {
    await rm(ownerPath, { force: true });
    await release().catch(() => {});
  }
}

interface Holder {
  host: string;
  pid: number;
}

function thisHolder(): Holder {
  return { host: os.hostname(), pid: process.pid };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the lock when its owner file names a process of this host that no longer runs.
 * The owner file is renamed away first, so of two ingests finding the same dead holder only
 * one removes the lock (the other's rename fails, or finds a live holder and puts it back).
 */
async function takeOverDeadHolder(lockPath: string, ownerPath: string): Promise<boolean> {
  const claim = `${ownerPath}.${process.pid}`;
  const owner = await readFile(ownerPath, 'utf8')
    .then((text) => JSON.parse(text) as Holder)
    .catch(() => null);
  if (!owner || owner.host !== os.hostname() || isAlive(owner.pid)) return false;
  if (
    !(await rename(ownerPath, claim).then(
      () => true,
      () => false,
    ))
  )
    return false;
  const claimed = JSON.parse(await readFile(claim, 'utf8')) as Holder;
  if (claimed.pid !== owner.pid) {
    await rename(claim, ownerPath);
    return false;
  }
  await rm(lockPath, { recursive: true, force: true });
  await rm(claim, { force: true });
  return true;
}
