/**
 * A sandbox for untrusted PDFs: each document is parsed and rendered by pipeline/pdf.ts in
 * a worker thread of its own, with a heap limit and a time limit per operation. A PDF that
 * makes pdf.js loop or eat memory gets its thread terminated and fails alone
 * (`PDF_TIMEOUT`, `PDF_OUT_OF_MEMORY`); the next document starts in a fresh thread. It also
 * takes page rendering off the main thread, so the OCR pool is fed while pages render; the
 * rendered PNG is moved across, not copied.
 *
 * @example
 * const sandbox = new PdfSandbox({ timeoutMs: 30_000 });
 * const document = await openDocument(bytes, record, { openPdf: sandbox.open });
 */
import { Worker } from 'node:worker_threads';
import {
  PdfOutOfMemoryError,
  PdfSandboxCrashError,
  PdfTimeoutError,
  PipelineError,
} from '../pipeline/errors.js';
import type { PdfOpener } from '../pipeline/pages.js';
import type { PdfDocument, PdfPage } from '../pipeline/pdf.js';
import type { SandboxError, SandboxReply, SandboxRequest } from './pdf-sandbox-protocol.js';
import { threadEntry } from './thread-entry.js';

/** Options of {@link PdfSandbox}. */
export interface PdfSandboxOptions {
  /**
   * Longest a parse, a page's text layer or a page render may take before the thread is
   * terminated; default 60 s, ten times a 300 dpi render on a busy machine.
   */
  timeoutMs?: number;
  /**
   * Heap of a sandbox thread (V8 old generation) in MB; default 512. pdf.js holds a normal
   * issue in a few tens of MB; page renders live outside this heap and are bounded by the
   * pixel limit instead.
   */
  maxHeapMb?: number;
  /** Module the threads run; default the compiled pdf-sandbox-worker.js beside this module. */
  entry?: URL;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_HEAP_MB = 512;

/** Runs each untrusted PDF in a killable worker thread; `open` is a {@link PdfOpener} for openDocument. */
export class PdfSandbox {
  private readonly threads = new Set<SandboxThread>();
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly entry: URL;

  constructor(options: PdfSandboxOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
    this.entry = options.entry ?? threadEntry('pdf-sandbox-worker.js', import.meta.url);
  }

  /** Threads alive now: one per open document. */
  get threadCount(): number {
    return this.threads.size;
  }

  /**
   * Opens a PDF in a new thread. Closing the document ends the thread.
   *
   * @throws what openPdf throws, and PdfTimeoutError, PdfOutOfMemoryError, PdfSandboxCrashError.
   */
  readonly open: PdfOpener = async (bytes, limits = {}) => {
    const thread = new SandboxThread(this.entry, this.timeoutMs, this.maxHeapMb, () =>
      this.threads.delete(thread),
    );
    this.threads.add(thread);
    // The thread gets its own copy, moved rather than cloned: the caller keeps its bytes.
    const copy = new Uint8Array(bytes);
    try {
      const { pageCount } = await thread.request({ op: 'open', bytes: copy, limits }, 'parse', [copy.buffer]);
      return sandboxedDocument(thread, pageCount!);
    } catch (error) {
      await thread.end();
      throw error;
    }
  };

  /** Terminates every thread, open documents included. */
  async close(): Promise<void> {
    await Promise.all([...this.threads].map((t) => t.end()));
  }
}

function sandboxedDocument(thread: SandboxThread, pageCount: number): PdfDocument {
  return {
    pageCount,
    page: async (index): Promise<PdfPage> => {
      const { page } = await thread.request({ op: 'page', index }, `page ${index}`);
      return {
        ...page!,
        render: async (dpi) => {
          const { png } = await thread.request({ op: 'render', index, dpi }, `render of page ${index}`);
          return Buffer.from(png!.buffer, png!.byteOffset, png!.byteLength);
        },
      };
    },
    close: async () => {
      await thread.request({ op: 'close' }, 'close').catch(() => {});
      await thread.end();
    },
  };
}

type Success = Extract<SandboxReply, { ok: true }>;
type Request = SandboxRequest extends infer R ? (R extends SandboxRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(reply: Success): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One worker thread holding one document; dead for good after a timeout, an overflow or a crash. */
class SandboxThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Why the thread is gone; every later request fails with it. */
  private death: Error | null = null;
  /** The operation in hand when the thread died (for the out-of-memory report). */
  private lastOperation = 'parse';

  constructor(
    entry: URL,
    private readonly timeoutMs: number,
    private readonly maxHeapMb: number,
    private readonly onExit: () => void,
  ) {
    this.worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    // An idle document must not keep the process alive; a request in flight has its timer.
    this.worker.unref();
    this.worker.on('message', (reply: SandboxReply) => this.settle(reply));
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.die(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new PdfOutOfMemoryError(this.lastOperation, this.maxHeapMb)
          : new PdfSandboxCrashError(error.message, { cause: error }),
      ),
    );
    this.worker.on('exit', (code) => this.die(new PdfSandboxCrashError(`thread exited with code ${code}`)));
  }

  /** Sends a request and waits for its reply, at most the timeout. */
  request(request: Request, operation: string, transfer: ArrayBuffer[] = []): Promise<Success> {
    if (this.death) return Promise.reject(this.death);
    const id = this.nextId++;
    this.lastOperation = operation;
    return new Promise<Success>((resolve, reject) => {
      const timer = setTimeout(
        () => this.die(new PdfTimeoutError(operation, this.timeoutMs)),
        this.timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** Terminates the thread (requests in flight fail). */
  async end(): Promise<void> {
    this.die(new PdfSandboxCrashError('the document was closed'));
    await this.worker.terminate();
  }

  private settle(reply: SandboxReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply);
    else pending.reject(revive(reply.error));
  }

  /** Fails every request in flight with `error` (the first cause of death wins) and stops the thread. */
  private die(error: Error): void {
    this.death ??= error;
    // Counted out now: a terminated thread runs no more JavaScript, though its exit comes later.
    this.onExit();
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(this.death);
    }
    this.pending.clear();
    void this.worker.terminate();
  }
}

/** An error from the thread, rebuilt with its code so reports and retry policies read it as before. */
function revive({ name, code, message }: SandboxError): Error {
  const error = code ? new PipelineError(code, message) : new Error(message);
  error.name = name;
  return error;
}
