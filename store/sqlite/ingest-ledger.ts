/**
 * The embedded ingest's ledger in the archive's SQLite database: files that failed (with
 * their reason, for `jarida status` and `jarida retry`), the archive's counts, and the
 * parser's low-confidence warnings kept with each bulletin. The queued mode keeps its
 * failures in Redis instead (queue/ingest-queue.ts).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './sqlite-schema.js';

/** What the ledger needs of an ingest outcome (workers' `FileOutcome`). */
export interface LedgerOutcome {
  path: string;
  status: string;
  sha256?: string;
  reason?: string;
  code?: string;
}

/** Where an ingest records the files that failed; a later success clears them. */
export interface IngestFailureLog {
  record(outcome: LedgerOutcome): Promise<void>;
}

/** A file the embedded ingest could not read. */
export interface IngestFailure {
  /** Absolute path of the file when it failed. */
  path: string;
  sha256: string | null;
  code: string;
  reason: string;
  /** ISO timestamp. */
  failedAt: string;
}

/** How much the archive holds. */
export interface ArchiveCounts {
  bulletins: number;
  pages: number;
  texts: number;
  articles: number;
}

/** The parser's low-confidence warnings of one bulletin. */
export interface BulletinWarnings {
  bulletin: string;
  warnings: string[];
}

export class IngestLedger implements IngestFailureLog {
  private readonly db: Database.Database;

  /** Opens the ledger in the archive database at `databasePath` (migrating it when needed). */
  constructor(databasePath: string) {
    this.db = new Database(databasePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  async record(outcome: LedgerOutcome): Promise<void> {
    const file = path.resolve(outcome.path);
    if (outcome.status === 'failed') {
      this.db
        .prepare(
          `INSERT INTO ingest_failures (path, sha256, code, reason, failed_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, code = excluded.code,
             reason = excluded.reason, failed_at = excluded.failed_at`,
        )
        .run(
          file,
          outcome.sha256 ?? null,
          outcome.code ?? 'INTERNAL',
          outcome.reason ?? '',
          new Date().toISOString(),
        );
    } else {
      // The file, or the same content under another name, is in the archive now.
      this.db
        .prepare('DELETE FROM ingest_failures WHERE path = ? OR sha256 = ?')
        .run(file, outcome.sha256 ?? null);
    }
  }

  /** Recorded failures, oldest first. */
  failures(): IngestFailure[] {
    return this.db
      .prepare(
        'SELECT path, sha256, code, reason, failed_at AS failedAt FROM ingest_failures ORDER BY failed_at, path',
      )
      .all() as IngestFailure[];
  }

  counts(): ArchiveCounts {
    const count = (table: string) =>
      (this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) ?? 0;
    return {
      bulletins: count('bulletins'),
      pages: count('pages'),
      texts: count('texts'),
      articles: count('articles'),
    };
  }

  /** Bulletins whose parser flagged low-confidence fields, by id. */
  warnings(): BulletinWarnings[] {
    const rows = this.db
      .prepare("SELECT id, warnings FROM bulletins WHERE warnings <> '[]' ORDER BY id")
      .all() as { id: string; warnings: string }[];
    return rows.map((r) => ({ bulletin: r.id, warnings: JSON.parse(r.warnings) as string[] }));
  }

  close(): void {
    this.db.close();
  }
}
