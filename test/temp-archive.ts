/**
 * Set-ups the ingest, queue and OCR tests share: a temporary directory removed after the
 * tests, fixture issues generated into it in-process, a fresh archive (data directory and
 * SQLite store) below it, and an OCR engine that must not be called.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type GenerateOptions, generateFixtures } from '../fixtures/generate.js';
import type { FixtureManifest } from '../fixtures/truth.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { intake } from '../pipeline/intake.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { openDocument } from '../pipeline/pages.js';
import { DataDir } from '../store/data-dir.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

/**
 * A temporary directory named after `prefix`, made before the file's tests (before each test
 * with `'each'`) and removed after them; the returned function gives its path.
 */
export function useTempDir(prefix: string, scope: 'all' | 'each' = 'all'): () => string {
  let dir: string | undefined;
  const make = () => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  };
  const remove = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  };
  if (scope === 'each') {
    beforeEach(make);
    afterEach(remove);
  } else {
    beforeAll(make);
    afterAll(remove);
  }
  return () => {
    if (!dir) throw new Error(`the temporary directory ${prefix}… is used outside its tests`);
    return dir;
  };
}

/** Fixture issues generated in-process into `out`, with the paths of their files. */
export async function generateFixtureFiles(
  out: string,
  options: Omit<GenerateOptions, 'out'>,
): Promise<{ manifest: FixtureManifest; files: string[] }> {
  const manifest = await generateFixtures({ ...options, out });
  return { manifest, files: manifest.issues.map((issue) => path.join(out, issue.file)) };
}

/** The ground truth the generator wrote into `out` for `issue`. */
export async function readIssueTruth(out: string, issue: { truth: string }): Promise<BulletinTruth> {
  return JSON.parse(await readFile(path.join(out, issue.truth), 'utf8')) as BulletinTruth;
}

/**
 * Issue `index` of fixtures generated into `out`: its ground truth, and its document opened
 * as ingestion opens it (the caller closes it).
 */
export async function openFixtureIssue(
  out: string,
  options: Omit<GenerateOptions, 'out'>,
  index: number,
): Promise<{ truth: BulletinTruth; document: Awaited<ReturnType<typeof openDocument>> }> {
  const { manifest, files } = await generateFixtureFiles(out, options);
  const truth = await readIssueTruth(out, manifest.issues[index]!);
  const bytes = await readFile(files[index]!);
  return { truth, document: await openDocument(bytes, intake(bytes, path.basename(files[index]!))) };
}

/** A fresh archive in `dir`: its data directory, made, and its SQLite store, opened. */
export async function openTempArchive(dir: string): Promise<{ dataDir: DataDir; store: SqliteStore }> {
  const dataDir = new DataDir(dir);
  await dataDir.ensure();
  return { dataDir, store: await openSqliteStore(dataDir.databasePath) };
}

/** An OCR engine for inputs with a trusted text layer: any call fails the test with `why`. */
export function noOcr(why: string): OcrEngine {
  return { size: 1, recognize: () => Promise.reject(new Error(why)), close: async () => {} };
}
