/**
 * The ingest stages as one set of functions over the archive's repositories, shared by the
 * embedded ingest (ingest/ingest-service.ts) and the queue's job handlers
 * (queue/job-handlers.ts): admit a file, read a page, structure, index — the pipeline's
 * stages (pipeline/stages.ts) run over the data directory and the store. Each stage reads
 * what the previous one kept in the data directory and keeps its own artefact there, so
 * the queued mode never passes more than ids through Redis and the two modes give the same
 * archive.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorReason, JaridaError } from '../pipeline/errors.js';
import { isUnidentified } from '../pipeline/ids.js';
import type {
  IntakeRecord,
  LegalText,
  OcrLanguage,
  PageArtefact,
  ParsedBulletin,
} from '../pipeline/model.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { pagesBelowPeers, pageWarnings, rereadBelowPeers } from '../pipeline/page-rereading.js';
import { expectedLanguage, type PdfOpener, type SourceDocument } from '../pipeline/pages.js';
import { PIPELINE } from '../pipeline/stages.js';
import type { EditionCandidate } from '../pipeline/structure/pair-editions.js';
import type { DataDir } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';
import type { IngestFailureLog } from '../store/sqlite/ingest-ledger.js';
import { DEFAULT_MAX_FILE_BYTES, readInputFile } from './input-files.js';
import {
  describeChanges,
  emptyChanges,
  type ReplacementChanges,
  replacementChanges,
} from './replacement-changes.js';

/** Outcome of one input file: the `files[]` entry of `ingest --json`. */
export interface FileOutcome {
  path: string;
  /** `queued`: enqueued by `ingest --queue --no-wait`, not yet done. */
  status: 'ingested' | 'duplicate' | 'failed' | 'queued';
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
  /** `--force` over another file of the bulletin: what the replacement dropped and added. */
  replaced?: ReplacementChanges;
  /**
   * Unidentified issues (partial copies, `bo-fr-unidentified-…`) joined to this issue: every
   * text they held is this issue's, so the store dropped them. For an unidentified file whose
   * texts an issue of the archive already holds, its own id: it was not kept apart.
   */
  merged?: string[];
}

/** What the structure and index stages report about a bulletin: the counts of its outcome. */
export type BulletinSummary = Required<Pick<FileOutcome, 'bulletin' | 'pages' | 'texts' | 'articles'>> &
  Pick<FileOutcome, 'warnings' | 'replaced' | 'merged'>;

/** The file a `--force` replaces, and its bulletin as its artefacts kept it (null when they are gone). */
interface ReplacedFile {
  sha256: string;
  parsed: ParsedBulletin | null;
}

/** A file admitted for reading: its identity and bytes (the original is kept in the data dir). */
export interface AdmittedFile {
  record: IntakeRecord;
  bytes: Uint8Array;
}

/** Where the stages read and write. */
export interface StageDependencies {
  dataDir: DataDir;
  store: SearchStore;
  /** Size limit of an input file in bytes (default {@link DEFAULT_MAX_FILE_BYTES}): a larger one fails `FILE_TOO_LARGE` unread. */
  maxFileBytes?: number;
  /** Parses PDFs; default in-process. Ingestion of untrusted files passes a PdfSandbox's `open`. */
  openPdf?: PdfOpener;
}

/** A bulletin already in the archive, read from another file: refuse rather than overwrite silently. */
export class BulletinConflictError extends JaridaError {
  constructor(bulletinId: string) {
    super(
      'BULLETIN_CONFLICT',
      `bulletin ${bulletinId} is already in the archive from another file (use --force to replace it)`,
    );
  }
}

/** A stage found an artefact of an earlier stage missing from the data directory. */
export class MissingArtefactError extends JaridaError {
  constructor(what: string) {
    super('MISSING_ARTEFACT', `${what} is missing from the data directory`);
  }
}

/** Codes of a write refused for want of space: a file (ENOSPC, EDQUOT) or SQLite (SQLITE_FULL). */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/**
 * The `failed` outcome of a file, with the error's reason and code. Every way a write finds
 * the disk full gets the one code `DISK_FULL`, so an archivist sees the cause, not the layer.
 */
export function failedOutcome(file: string, error: unknown, sha256?: string): FileOutcome {
  const { reason, code } = errorReason(error);
  const diskFull = DISK_FULL_CODES.has(code);
  return {
    path: file,
    status: 'failed',
    ...(sha256 ? { sha256 } : {}),
    reason: diskFull ? `disk full, free space in the data directory and re-run (${reason})` : reason,
    code: diskFull ? 'DISK_FULL' : code,
  };
}

/**
 * Records an outcome in the failure ledger (a success clears the file's entry). On a full
 * disk the ledger's own write can fail too: the outcome is still reported, a failure saying
 * that `jarida status` will not list it (a success's stale entry is cleared on the next run).
 */
export async function recordOutcome(
  ledger: IngestFailureLog | undefined,
  outcome: FileOutcome,
): Promise<FileOutcome> {
  try {
    await ledger?.record(outcome);
    return outcome;
  } catch (error) {
    if (outcome.status !== 'failed') return outcome;
    return {
      ...outcome,
      reason: `${outcome.reason} (not recorded for jarida status: ${errorReason(error).reason})`,
    };
  }
}

/** Counts of a parsed bulletin, as outcomes report them. */
export function summarize(parsed: ParsedBulletin, pageCount: number): BulletinSummary {
  return {
    bulletin: parsed.bulletin.id,
    pages: pageCount,
    texts: parsed.texts.length,
    articles: parsed.texts.reduce((n, t) => n + t.articles.length, 0),
    ...(parsed.warnings.length ? { warnings: parsed.warnings } : {}),
  };
}

/** The stages of ingestion over one archive (data directory and store). */
export class IngestStages {
  constructor(private readonly deps: StageDependencies) {}

  /**
   * Intake: reads and identifies a file, and keeps its original in the data directory so
   * any machine sharing it can read the pages. Returns an outcome instead when the file is
   * unreadable (`failed`) or already in the archive (`duplicate`, unless `force`).
   */
  async admit(file: string, force = false): Promise<AdmittedFile | FileOutcome> {
    let admitted: AdmittedFile;
    try {
      const bytes = await readInputFile(file, this.deps.maxFileBytes);
      admitted = { record: PIPELINE.intake(bytes, path.basename(file)), bytes };
    } catch (error) {
      return failedOutcome(file, error);
    }
    const { sha256 } = admitted.record;
    // The store, not an artefact, says whether a file is in: its bulletin commits in one
    // transaction, while artefacts of a killed run may stand without it. A bulletin whose
    // artefacts are gone (a killed `--force` run) is read again: the index must stay
    // rebuildable from them.
    const already = await this.deps.store.findBulletinBySource(sha256);
    if (already && !force && (await this.deps.dataDir.hasArtefacts(sha256))) {
      return { path: file, status: 'duplicate', sha256, bulletin: already };
    }
    try {
      await this.deps.dataDir.sweepInterruptedWrites(admitted.record);
      if (force) await this.deps.dataDir.forgetArtefacts(sha256);
      await this.deps.dataDir.saveOriginal(admitted.record, admitted.bytes);
    } catch (error) {
      // A full disk fails this file, not the batch.
      return failedOutcome(file, error, sha256);
    }
    return admitted;
  }

  /** Opens an admitted file's document, its PDFs parsed by `openPdf` when given. @throws for an unreadable document. */
  open({ record, bytes }: AdmittedFile): Promise<SourceDocument> {
    return PIPELINE.open(bytes, record, this.deps.openPdf ? { openPdf: this.deps.openPdf } : {});
  }

  /** Pages in an admitted file (what the queued mode fans out over). @throws for an unreadable document. */
  async pageCount(admitted: AdmittedFile): Promise<number> {
    const document = await this.open(admitted);
    await document.close();
    return document.pageCount;
  }

  /** The original of an admitted file, from the data directory. */
  async original(record: IntakeRecord): Promise<Uint8Array> {
    return readFile(this.deps.dataDir.originalPath(record));
  }

  /**
   * Pages stage for one page: the artefact already kept (a retried or resumed file keeps the
   * pages it read), else the page read from the document through `ocr` and kept.
   */
  async page(
    record: IntakeRecord,
    document: SourceDocument,
    index: number,
    ocr: OcrEngine,
    lang: OcrLanguage | 'auto',
  ): Promise<PageArtefact> {
    const kept = await this.deps.dataDir.loadPage(record.sha256, index);
    if (kept) return kept;
    const page = await PIPELINE.readPage(await document.page(index), ocr, {
      lang,
      ...expectedLanguage(record),
    });
    await this.deps.dataDir.savePage(record.sha256, page);
    return page;
  }

  /**
   * Peer stage, once every page of a file is read: a page reading far below the file's other
   * pages is read again other ways (pipeline/page-rereading.ts) and kept in place of its first
   * reading. Run by the embedded ingest after its pages and by a job of its own in the queue
   * (the structure job has no OCR engine), so both modes give the same pages. `withDocument`
   * lends the file's document, opened only when a page is to be read again. Returns the file's
   * pages as kept now.
   */
  async peers(
    record: IntakeRecord,
    pageCount: number,
    ocr: OcrEngine,
    lang: OcrLanguage | 'auto',
    withDocument: <T>(work: (document: SourceDocument) => Promise<T>) => Promise<T>,
  ): Promise<PageArtefact[]> {
    const pages = await this.keptPages(record.sha256, pageCount);
    if (pagesBelowPeers(pages).length === 0) return pages;
    const reread = await withDocument((document) =>
      rereadBelowPeers(pages, async (index, peerConfidence) =>
        PIPELINE.readPage(await document.page(index), ocr, {
          lang,
          ...expectedLanguage(record),
          peerConfidence,
        }),
      ),
    );
    for (const page of reread) {
      await this.deps.dataDir.savePage(record.sha256, page);
      pages[page.index - 1] = page;
    }
    return pages;
  }

  /** The kept artefacts of pages 1..`pageCount` of a file, for the structure and index stages. */
  async keptPages(sha256: string, pageCount: number): Promise<PageArtefact[]> {
    const pages: PageArtefact[] = [];
    for (let index = 1; index <= pageCount; index++) {
      const page = await this.deps.dataDir.loadPage(sha256, index);
      if (!page) throw new MissingArtefactError(`page ${index} of ${sha256}`);
      pages.push(page);
    }
    return pages;
  }

  /**
   * Structure stage: parses the pages into a bulletin and keeps it.
   *
   * @throws BulletinConflictError when the bulletin came from another file (unless `force`):
   *   refused early here, before the index stage's work; the index stage checks again.
   */
  async structure(record: IntakeRecord, pages: PageArtefact[], force = false): Promise<ParsedBulletin> {
    const parsed = PIPELINE.structure(pages, record);
    // Pages kept despite a failed reading (PAGE_UNREADABLE) are the bulletin's warnings too.
    parsed.warnings.push(...pageWarnings(parsed.bulletin.id, pages));
    await this.refuseConflict(parsed, force);
    await this.deps.dataDir.saveBulletin(record.sha256, parsed);
    return parsed;
  }

  /** @throws BulletinConflictError when the archive holds `parsed`'s bulletin from another file (unless `force`). */
  private async refuseConflict(parsed: ParsedBulletin, force: boolean): Promise<void> {
    if (force) return;
    const existing = await this.deps.store.getBulletin(parsed.bulletin.id);
    if (existing && existing.sourceSha256 !== parsed.bulletin.sourceSha256) {
      throw new BulletinConflictError(parsed.bulletin.id);
    }
  }

  /**
   * Gives a text without a number the id of its other edition's publication when the archive
   * holds it ({@link pairWithOtherEdition}), so that both are one text with two expressions.
   * The first edition indexed keeps its id; ids never change once given.
   */
  private async pairEdition(text: LegalText, parsed: ParsedBulletin): Promise<boolean> {
    if (!text.signedOn) return false;
    const other = text.language === 'fr' ? 'ar' : 'fr';
    const candidates: EditionCandidate[] = [];
    for (const summary of await this.deps.store.listTexts({ type: text.type, signedOn: text.signedOn })) {
      if (summary.number !== null || !summary.languages.includes(other)) continue;
      const record = await this.deps.store.getText(summary.id, { language: other });
      // A text already published in this language elsewhere is paired (or is another text);
      // one published in this language by this very bulletin is its earlier ingest.
      const taken = record?.publications.some(
        (p) => p.edition === text.language && p.bulletin !== parsed.bulletin.id,
      );
      if (record && !taken) candidates.push(record);
    }
    const pairing = PIPELINE.pairEdition(text, candidates);
    if (!pairing || pairing.id === text.id) return false;
    parsed.warnings.push(
      `${pairing.id}: paired with its ${other} publication by date, articles and figures (${Math.round(pairing.score * 100)} % shared); its own title gave ${text.id}`,
    );
    text.id = pairing.id;
    return true;
  }

  /** The kept bulletin of a file, for the link and index stages. */
  async keptBulletin(sha256: string): Promise<ParsedBulletin> {
    const parsed = await this.deps.dataDir.loadBulletin(sha256);
    if (!parsed) throw new MissingArtefactError(`bulletin of ${sha256}`);
    return parsed;
  }

  /**
   * Index stage: pairs the texts without a number with their other edition's publication
   * (the kept bulletin takes the ids, for a rebuild of the index), then writes the bulletin and
   * its pages to the store (idempotent: a re-run replaces them). Pairing and the conflict
   * check read what earlier indexing wrote, so bulletins are indexed one at a time: in queued
   * mode the index queue's global concurrency is 1 (ingest-queue.ts). Two editions structured
   * at once still pair, and of two files of one bulletin structured at once the second fails.
   *
   * A partial copy and its issue are joined ({@link joinPartialCopies}).
   *
   * @throws BulletinConflictError when the bulletin came from another file (unless `force`).
   */
  async index(parsed: ParsedBulletin, pages: PageArtefact[], force = false): Promise<BulletinSummary> {
    await this.refuseConflict(parsed, force);
    let paired = false;
    for (const text of parsed.texts) {
      if (text.number === null && (await this.pairEdition(text, parsed))) paired = true;
    }
    if (paired) await this.deps.dataDir.saveBulletin(parsed.bulletin.sourceSha256, parsed);
    const summary = summarize(parsed, pages.length);
    if (isUnidentified(parsed.bulletin.id) && (await this.heldByAnIssue(parsed))) {
      // A partial copy of an issue already in: its texts stay that issue's, never a second publication.
      await this.deps.store.removeBulletin(parsed.bulletin.id);
      return { ...summary, merged: [parsed.bulletin.id] };
    }
    // Read before the save: with `force`, another file of this bulletin may hold it.
    const replaced = await this.replacedFile(parsed);
    await this.deps.store.saveBulletin(parsed, pages);
    const merged = await this.joinPartialCopies(parsed);
    const joined = merged.length > 0 ? { ...summary, merged } : summary;
    return replaced ? { ...joined, ...(await this.retire(replaced, parsed, summary.warnings)) } : joined;
  }

  /**
   * Issue 16: a file with no readable number was kept as an unidentified issue; once the
   * issue it is a copy of is indexed, each unidentified issue of its edition whose texts are
   * all `parsed`'s is removed from the store, so they are published once. Its file stays in
   * the data directory (nothing read is lost); one whose artefacts are gone is left alone,
   * as nothing then shows what it held.
   */
  private async joinPartialCopies(parsed: ParsedBulletin): Promise<string[]> {
    const { bulletin } = parsed;
    if (isUnidentified(bulletin.id)) return [];
    const held = new Set(parsed.texts.map((t) => t.id));
    const merged: string[] = [];
    for (const other of await this.deps.store.listBulletins({ edition: bulletin.edition })) {
      if (!isUnidentified(other.id)) continue;
      const copy = await this.deps.dataDir.loadBulletin(other.sourceSha256);
      if (!copy || copy.texts.length === 0 || !copy.texts.every((t) => held.has(t.id))) continue;
      await this.deps.store.removeBulletin(other.id);
      merged.push(other.id);
    }
    return merged;
  }

  /** Whether one identified issue of its edition already publishes every text of an unidentified `parsed`. */
  private async heldByAnIssue(parsed: ParsedBulletin): Promise<boolean> {
    const issuesOf: string[][] = [];
    for (const text of parsed.texts) {
      const record = await this.deps.store.getText(text.id, { language: text.language });
      issuesOf.push(
        (record?.publications ?? [])
          .filter((p) => p.edition === parsed.bulletin.edition && !isUnidentified(p.bulletin))
          .map((p) => p.bulletin),
      );
    }
    const [first, ...rest] = issuesOf;
    return (first ?? []).some((issue) => rest.every((issues) => issues.includes(issue)));
  }

  /** The file that holds `parsed`'s bulletin in the archive, when another than `parsed`'s own. */
  private async replacedFile(parsed: ParsedBulletin): Promise<ReplacedFile | null> {
    const existing = await this.deps.store.getBulletin(parsed.bulletin.id);
    if (!existing || existing.sourceSha256 === parsed.bulletin.sourceSha256) return null;
    return {
      sha256: existing.sourceSha256,
      parsed: await this.deps.dataDir.loadBulletin(existing.sourceSha256),
    };
  }

  /**
   * Once the store holds the replacement: what it changed, as outcome warnings and `replaced`,
   * and the replaced file removed from the data directory (original, artefacts, page images), so
   * a rebuild of the index cannot bring it back. A failed removal is a warning: `reindex` leaves
   * a replaced file out anyway.
   */
  private async retire(
    replaced: ReplacedFile,
    parsed: ParsedBulletin,
    warnings: string[] = [],
  ): Promise<Pick<BulletinSummary, 'warnings' | 'replaced'>> {
    const id = parsed.bulletin.id;
    const changes = replaced.parsed ? replacementChanges(replaced.parsed, parsed) : null;
    const said = changes
      ? describeChanges(id, changes)
      : [
          `${id}: --force replaced ${replaced.sha256}, whose artefacts were gone: what it held cannot be listed`,
        ];
    const removed = await this.deps.dataDir.retireFile(replaced.sha256).then(
      () => [],
      (error: unknown) => [
        `${id}: the replaced file ${replaced.sha256} could not be removed: ${errorReason(error).reason}`,
      ],
    );
    return {
      warnings: [...warnings, ...said, ...removed],
      replaced: changes ?? emptyChanges(replaced.sha256),
    };
  }
}

/** Whether an outcome came back instead of an admitted file. */
export function isOutcome(value: AdmittedFile | FileOutcome): value is FileOutcome {
  return 'status' in value;
}
