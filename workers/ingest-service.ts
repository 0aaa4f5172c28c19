/**
 * Embedded ingestion: runs the pipeline stages in-process for a batch of files,
 * file by file, the pages of each file concurrently through the OCR pool.
 *
 * Side effects live in the repositories it is given (data directory, store, OCR
 * engine); the stages themselves are the pure functions of `pipeline/`. The queued
 * mode runs the same stages as BullMQ jobs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { errorReason } from '../pipeline/errors.js';
import { intake } from '../pipeline/intake.js';
import type { IntakeRecord, OcrLanguage, PageArtefact, ParsedBulletin } from '../pipeline/model.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { openDocument, readPage } from '../pipeline/pages.js';
import { parseBulletin } from '../pipeline/structure/parse-bulletin.js';
import type { DataDir } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';

export interface IngestOptions {
  /** OCR language, or `auto` to detect the script per page. */
  lang?: OcrLanguage | 'auto';
  /** Re-ingest files already ingested, replacing what they produced. */
  force?: boolean;
  /** Pages read at once per file; defaults to twice the OCR engine's size so OCR never waits on rendering. */
  pageConcurrency?: number;
}

/** Outcome of one input file: the `files[]` entry of `ingest --json`. */
export interface FileOutcome {
  path: string;
  status: 'ingested' | 'duplicate' | 'failed';
  /** sha256 of the file, when it could be read: the key of its artefacts. */
  sha256?: string;
  reason?: string;
  /** Machine-readable error code when failed. */
  code?: string;
  bulletin?: string;
  pages?: number;
  texts?: number;
  articles?: number;
  /** Low-confidence fields the parser flagged for an archivist to check. */
  warnings?: string[];
}

export type IngestEvent =
  | { kind: 'file-start'; path: string; fileIndex: number; fileCount: number }
  | { kind: 'pages-known'; path: string; pages: number }
  | { kind: 'page-done'; path: string; page: number; source: PageArtefact['source'] }
  | { kind: 'file-done'; outcome: FileOutcome };

export interface IngestDependencies {
  dataDir: DataDir;
  store: SearchStore;
  ocr: OcrEngine;
}

/** A bulletin already in the archive, read from another file: refuse rather than overwrite silently. */
export class BulletinConflictError extends Error {
  readonly code = 'BULLETIN_CONFLICT';
  constructor(bulletinId: string) {
    super(`bulletin ${bulletinId} is already in the archive from another file (use --force to replace it)`);
    this.name = 'BulletinConflictError';
  }
}

export class IngestService {
  constructor(private readonly deps: IngestDependencies) {}

  /**
   * Ingests every file; a file that fails is reported with its reason and the batch goes on.
   *
   * @example
   * const outcomes = await service.ingestBatch(['bo-fr-6280.pdf'], { lang: 'fra' }, (e) => log(e));
   */
  async ingestBatch(
    paths: string[],
    options: IngestOptions = {},
    onEvent: (event: IngestEvent) => void = () => {},
  ): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    for (const [fileIndex, file] of paths.entries()) {
      onEvent({ kind: 'file-start', path: file, fileIndex, fileCount: paths.length });
      const outcome = await this.ingestFile(file, options, onEvent);
      outcomes.push(outcome);
      onEvent({ kind: 'file-done', outcome });
    }
    return outcomes;
  }

  /** Ingests one file; never throws for bad input, only reports it. */
  async ingestFile(
    file: string,
    options: IngestOptions = {},
    onEvent: (event: IngestEvent) => void = () => {},
  ): Promise<FileOutcome> {
    let record: IntakeRecord;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
      record = intake(bytes, path.basename(file));
    } catch (error) {
      return failed(file, error);
    }
    const { dataDir, store } = this.deps;
    const already = await store.findBulletinBySource(record.sha256);
    if (already && !options.force)
      return { path: file, status: 'duplicate', sha256: record.sha256, bulletin: already };
    try {
      const pages = await this.readPages(file, bytes, record, options, onEvent);
      const parsed = parseBulletin(pages, record);
      const existingSource = await store.getBulletin(parsed.bulletin.id);
      if (existingSource && existingSource.sourceSha256 !== record.sha256 && !options.force) {
        throw new BulletinConflictError(parsed.bulletin.id);
      }
      await this.keepArtefacts(record, bytes, pages, parsed);
      await store.saveBulletin(parsed, pages);
      return {
        path: file,
        status: 'ingested',
        sha256: record.sha256,
        bulletin: parsed.bulletin.id,
        pages: pages.length,
        texts: parsed.texts.length,
        articles: parsed.texts.reduce((n, t) => n + t.articles.length, 0),
        ...(parsed.warnings.length ? { warnings: parsed.warnings } : {}),
      };
    } catch (error) {
      await dataDir.forgetArtefacts(record.sha256).catch(() => {});
      return { ...failed(file, error), sha256: record.sha256 };
    }
  }

  private async readPages(
    file: string,
    bytes: Uint8Array,
    record: IntakeRecord,
    options: IngestOptions,
    onEvent: (event: IngestEvent) => void,
  ): Promise<PageArtefact[]> {
    const document = await openDocument(bytes, record);
    try {
      onEvent({ kind: 'pages-known', path: file, pages: document.pageCount });
      const limit = pLimit(options.pageConcurrency ?? Math.max(2, this.deps.ocr.size * 2));
      const indexes = Array.from({ length: document.pageCount }, (_, i) => i + 1);
      return await Promise.all(
        indexes.map((index) =>
          limit(async () => {
            const page = await readPage(await document.page(index), this.deps.ocr, {
              lang: options.lang ?? 'fra',
            });
            onEvent({ kind: 'page-done', path: file, page: index, source: page.source });
            return page;
          }),
        ),
      );
    } finally {
      await document.close();
    }
  }

  private async keepArtefacts(
    record: IntakeRecord,
    bytes: Uint8Array,
    pages: PageArtefact[],
    parsed: ParsedBulletin,
  ): Promise<void> {
    const { dataDir } = this.deps;
    await dataDir.saveOriginal(record, bytes);
    for (const page of pages) await dataDir.savePage(record.sha256, page);
    await dataDir.saveBulletin(record.sha256, parsed);
  }
}

function failed(file: string, error: unknown): FileOutcome {
  const { reason, code } = errorReason(error);
  return { path: file, status: 'failed', reason, code };
}
