import { JaridaError } from '../../pipeline/errors.js';
/**
 * Bulk writes that back off when Elasticsearch says it is overloaded: a whole request
 * answered 429, or single items rejected with status 429 (a full write queue), are sent
 * again after an exponentially growing pause; any other item error fails the write.
 */

/** One item of a bulk response, as the `_bulk` API returns it. */
export interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string | null } | null;
}

/** What sending one bulk request returns: per operation, in order. */
export interface BulkResponse {
  errors: boolean;
  items: Record<string, BulkItemResult>[];
}

/** An action line (`{ index: { _index, _id } }` or `{ delete: … }`) and its document, if any. */
export interface BulkOperation {
  action: Record<string, unknown>;
  document?: Record<string, unknown>;
}

export interface BackoffOptions {
  /** Attempts after the first (default 6). */
  retries?: number;
  /** First pause (default 200 ms), doubled at each retry, at most `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A bulk write Elasticsearch refused for a reason other than load, or still refused after every retry. */
export class BulkWriteError extends JaridaError {
  constructor(message: string) {
    super('E_ES_BULK', message);
  }
}

const TOO_MANY_REQUESTS = 429;

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: number; meta?: { statusCode?: number } };
  return e?.statusCode ?? e?.meta?.statusCode;
}

/** Pause before retry `attempt` (1-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  return Math.min(options.maxDelayMs ?? 10_000, (options.baseDelayMs ?? 200) * 2 ** (attempt - 1));
}

/**
 * Sends `operations` with `send` (one `_bulk` request body per call: action and document
 * lines flattened), retrying what was refused for load.
 */
export async function bulkWithBackoff(
  send: (body: Record<string, unknown>[]) => Promise<BulkResponse>,
  operations: readonly BulkOperation[],
  options: BackoffOptions = {},
): Promise<void> {
  const retries = options.retries ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let pending = [...operations];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      if (attempt > retries) {
        throw new BulkWriteError(`${pending.length} operations still refused (429) after ${retries} retries`);
      }
      await sleep(backoffDelay(attempt, options));
    }
    let response: BulkResponse;
    try {
      response = await send(pending.flatMap((op) => (op.document ? [op.action, op.document] : [op.action])));
    } catch (error) {
      if (statusOf(error) === TOO_MANY_REQUESTS) continue;
      throw error;
    }
    if (!response.errors) return;
    const refused: BulkOperation[] = [];
    response.items.forEach((item, i) => {
      const result = Object.values(item)[0];
      if (!result?.error) return;
      if (result.status === TOO_MANY_REQUESTS) refused.push(pending[i]!);
      else throw new BulkWriteError(`${result.error.type ?? 'error'}: ${result.error.reason ?? 'refused'}`);
    });
    pending = refused;
  }
}
