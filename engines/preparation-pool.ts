/**
 * Worker threads that prepare bulletins for the embedded store (normalise, tag, read
 * amendment links: store/sqlite/bulletin-preparation.ts) while its thread writes SQLite. A bulk
 * load or a reindex is then bounded by the writes alone, not by writes plus preparation.
 *
 * @example
 * const pool = new PreparationPool();
 * const store = await openSqliteStore(db, { prepare: pool.prepare });
 * await store.saveBulletins(batch);
 * await pool.close();
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { JaridaError } from '../pipeline/errors.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import type { PreparedBulletin } from '../store/sqlite/bulletin-preparation.js';
import { threadEntry } from './thread-entry.js';

/** Options of {@link PreparationPool}. */
export interface PreparationPoolOptions {
  /** Threads; default one less than the cores (at least one): the caller's thread writes. */
  threads?: number;
}

/** Error of a preparation thread, with what it said. */
export class PreparationError extends JaridaError {
  constructor(message: string) {
    super('E_PREPARATION', message);
  }
}

interface Pending {
  resolve: (prepared: PreparedBulletin[]) => void;
  reject: (error: Error) => void;
}

type Reply = { id: number; prepared: PreparedBulletin[] } | { id: number; error: string };

export class PreparationPool {
  private workers: Worker[] = [];
  private readonly threads: number;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** Threads start on the first {@link prepare}: a command that never bulk-loads pays nothing. */
  constructor(options: PreparationPoolOptions = {}) {
    this.threads = options.threads ?? Math.max(1, os.availableParallelism() - 1);
  }

  private start(): Worker[] {
    const entry = threadEntry('preparation-worker.js', import.meta.url);
    return Array.from({ length: this.threads }, () => {
      const worker = new Worker(entry);
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
      // Idle threads must not keep the process alive; they are held only while work is pending.
      worker.unref();
      return worker;
    });
  }

  /** Prepares `bulletins` on the next thread in turn; a {@link BulletinPreparer} for the store. */
  readonly prepare = (bulletins: readonly ParsedBulletin[]): Promise<PreparedBulletin[]> => {
    if (this.workers.length === 0) this.workers = this.start();
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) for (const w of this.workers) w.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, bulletins });
    });
  };

  async close(): Promise<void> {
    this.failAll(new PreparationError('preparation pool closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) for (const w of this.workers) w.unref();
    if ('error' in reply) pending.reject(new PreparationError(reply.error));
    else pending.resolve(reply.prepared);
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
