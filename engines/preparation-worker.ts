/** Thread of engines/preparation-pool.ts: prepares the bulletins it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import type { ParsedBulletin } from '../pipeline/model.js';
import { TermCache } from '../pipeline/normalize.js';
import { prepareBulletin } from '../store/sqlite/bulletin-preparation.js';

const terms = new TermCache();

parentPort?.on('message', function prepare({ id, bulletins }: { id: number; bulletins: ParsedBulletin[] }) {
  try {
    parentPort!.postMessage({ id, prepared: bulletins.map((b) => prepareBulletin(b, terms)) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
