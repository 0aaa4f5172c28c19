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
 * never leaves half an artefact behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

  /** Drops every artefact of a file (used by `--force` re-ingestion). */
  async forgetArtefacts(sha256: string): Promise<void> {
    await rm(path.join(this.root, 'artefacts', sha256), { recursive: true, force: true });
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

/** Writes to a sibling temporary file, then renames: readers see the old file or the new one, never half. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
