/**
 * The data directory: originals and stage artefacts, content-addressed by the file's
 * sha256, so any stage can be re-run from what the previous one kept and the index
 * rebuilt from artefacts alone.
 *
 * ```
 * <root>/jarida.db                              embedded SQLite store
 * <root>/originals/<sha[0:2]>/<sha>.<ext>       the file as received
 * <root>/artefacts/<sha>/intake.json            IntakeRecord
 * <root>/artefacts/<sha>/page-0001.json         PageArtefact per page
 * <root>/artefacts/<sha>/bulletin.json          ParsedBulletin
 * ```
 * Every write goes to a temporary file first and is renamed into place, so a crash
 * never leaves half an artefact behind; the temporary files a killed writer leaves are
 * swept when its file is admitted again ({@link DataDir.sweepInterruptedWrites}).
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { IntakeRecord, PageArtefact, ParsedBulletin } from '../pipeline/model.js';

const EXTENSIONS: Record<IntakeRecord['mediaType'], string> = {
  'application/pdf': 'pdf',
  'image/tiff': 'tif',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** Default data directory: `JARIDA_DATA_DIR`, else `./jarida-data`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.JARIDA_DATA_DIR || './jarida-data';
}

export class DataDir {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get databasePath(): string {
    return path.join(this.root, 'jarida.db');
  }

  async ensure(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  originalPath(record: IntakeRecord): string {
    return path.join(
      this.root,
      'originals',
      record.sha256.slice(0, 2),
      `${record.sha256}.${EXTENSIONS[record.mediaType]}`,
    );
  }

  private artefactPath(sha256: string, name: string): string {
    return path.join(this.root, 'artefacts', sha256, name);
  }

  private static pageName(index: number): string {
    return `page-${String(index).padStart(4, '0')}.json`;
  }

  async saveOriginal(record: IntakeRecord, bytes: Uint8Array): Promise<void> {
    await writeAtomically(this.originalPath(record), bytes);
    await this.writeJson(record.sha256, 'intake.json', record);
  }

  /** What intake learnt about a file (its media type locates the original), or null. */
  async loadIntake(sha256: string): Promise<IntakeRecord | null> {
    return this.readJson<IntakeRecord>(sha256, 'intake.json');
  }

  async savePage(sha256: string, page: PageArtefact): Promise<void> {
    await this.writeJson(sha256, DataDir.pageName(page.index), page);
  }

  async loadPage(sha256: string, index: number): Promise<PageArtefact | null> {
    return this.readJson<PageArtefact>(sha256, DataDir.pageName(index));
  }

  async saveBulletin(sha256: string, parsed: ParsedBulletin): Promise<void> {
    await this.writeJson(sha256, 'bulletin.json', parsed);
  }

  async loadBulletin(sha256: string): Promise<ParsedBulletin | null> {
    return this.readJson<ParsedBulletin>(sha256, 'bulletin.json');
  }

  /**
   * Whether the artefacts of an indexed file are all kept: its bulletin and every page of it,
   * as a rebuild of the index from artefacts needs them. A `--force` re-ingest killed after
   * dropping them leaves a bulletin in the store without them.
   */
  async hasArtefacts(sha256: string): Promise<boolean> {
    const parsed = await this.loadBulletin(sha256);
    if (!parsed) return false;
    const pages = Array.from({ length: parsed.bulletin.pageCount }, (_, i) =>
      access(this.artefactPath(sha256, DataDir.pageName(i + 1))),
    );
    return Promise.all(pages).then(
      () => true,
      () => false,
    );
  }

  /**
   * Removes the temporary files that writers of this file's original and artefacts left when
   * they were killed mid-write. A temporary file names its writer (host and process), so one
   * still being written by a live process, here or on another machine sharing the data
   * directory, is left alone.
   */
  async sweepInterruptedWrites(record: IntakeRecord): Promise<void> {
    const original = this.originalPath(record);
    const places = [
      { dir: path.dirname(original), prefix: `${path.basename(original)}.` },
      { dir: path.join(this.root, 'artefacts', record.sha256), prefix: '' },
    ];
    for (const { dir, prefix } of places) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (name.startsWith(prefix) && writerIsGone(name)) await rm(path.join(dir, name), { force: true });
      }
    }
  }

  /** Drops every artefact of a file (used by `--force` re-ingestion). */
  async forgetArtefacts(sha256: string): Promise<void> {
    await rm(path.join(this.root, 'artefacts', sha256), { recursive: true, force: true });
  }

  /**
   * Removes a file the archive no longer holds (another file of its issue replaced it with
   * `--force`): its original, its artefacts and its cached page images, so the data directory
   * holds what the archive holds and a rebuild cannot bring it back. The intake record goes last:
   * it locates the original, and a retirement killed half-way is finished by the next one.
   */
  async retireFile(sha256: string): Promise<void> {
    const intake = await this.loadIntake(sha256);
    if (intake) await rm(this.originalPath(intake), { force: true });
    await rm(path.join(this.root, 'cache', 'pages', sha256), { recursive: true, force: true });
    await this.forgetArtefacts(sha256);
  }

  private async writeJson(sha256: string, name: string, value: unknown): Promise<void> {
    await writeAtomically(this.artefactPath(sha256, name), JSON.stringify(value));
  }

  private async readJson<T>(sha256: string, name: string): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.artefactPath(sha256, name), 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/** This host in temporary file names (dots and other separators folded). */
const HOST = hostname().replace(/[^A-Za-z0-9-]/g, '-');
/** This process as a temporary file's writer. */
const WRITER = `${HOST}.${process.pid}`;
/** `<file>.<host>.<pid>.<random>.tmp`: a temporary file and who writes it. */
const TEMPORARY_NAME = /\.([A-Za-z0-9-]+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Whether `name` is a temporary file whose writer, a process of this host, no longer runs. */
function writerIsGone(name: string): boolean {
  const match = TEMPORARY_NAME.exec(name);
  // Another machine's processes cannot be asked; this process's own writes are in flight.
  if (!match || match[1] !== HOST || Number(match[2]) === process.pid) return false;
  try {
    process.kill(Number(match[2]), 0);
    return false;
  } catch (error) {
    // EPERM: alive, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Writes to a sibling temporary file, then renames: readers see the old file or the new one, never half. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${WRITER}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
