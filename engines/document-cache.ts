/**
 * Open documents shared by the OCR jobs of one worker process: consecutive pages of a file
 * mostly land on the same worker, and re-parsing a PDF for every page would be waste. A
 * document stays open while jobs use it; idle ones beyond the limit are closed, oldest first.
 */
import type { IntakeRecord } from '../pipeline/model.js';
import type { SourceDocument } from '../pipeline/pages.js';

interface Entry {
  document: Promise<SourceDocument>;
  users: number;
  lastUsed: number;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param open opens a file's document (its original read from the shared data directory).
   * @param maxIdle documents kept open while no job uses them.
   */
  constructor(
    private readonly open: (record: IntakeRecord) => Promise<SourceDocument>,
    private readonly maxIdle = 2,
  ) {}

  /** Runs `work` with the file's document open. */
  async use<T>(record: IntakeRecord, work: (document: SourceDocument) => Promise<T>): Promise<T> {
    let entry = this.entries.get(record.sha256);
    if (!entry) {
      const document = this.open(record);
      entry = { document, users: 0, lastUsed: 0 };
      this.entries.set(record.sha256, entry);
      // A document that failed to open is not kept: the next job tries again.
      document.catch(() => this.entries.delete(record.sha256));
    }
    entry.users += 1;
    try {
      return await work(await entry.document);
    } finally {
      entry.users -= 1;
      entry.lastUsed = performance.now();
      await this.evict();
    }
  }

  /** Closes every idle document. */
  async close(): Promise<void> {
    await this.evict(0);
  }

  private async evict(maxIdle = this.maxIdle): Promise<void> {
    const idle = [...this.entries]
      .filter(([, e]) => e.users === 0)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [sha, entry] of idle.slice(0, Math.max(0, idle.length - maxIdle))) {
      this.entries.delete(sha);
      await entry.document.then((d) => d.close()).catch(() => {});
    }
  }
}
