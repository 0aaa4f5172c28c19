/**
 * A real archive for API and browser tests: clean (born-digital) fixture issues generated
 * and ingested with the built `jarida` command into a temporary data directory, so page
 * artefacts, originals and page images are the real thing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureManifest } from '../fixtures/truth.js';
import { jarida, json } from './cli.js';

export interface FixtureArchive {
  /** Temporary directory holding the fixtures and the data directory. */
  work: string;
  dataDir: string;
  manifest: FixtureManifest;
  /** Per input file, what ingestion said (a failed file is reported, not thrown). */
  ingested: { path: string; status: string; reason?: string; bulletin?: string }[];
  remove(): Promise<void>;
}

/**
 * Generates `issues` clean issues of `edition` with `seed` and ingests them; with
 * `amendments`, also the generator's amendment chains when this build's generator has them.
 */
export async function buildFixtureArchive(options: {
  seed: number;
  issues: number;
  edition: 'fr' | 'ar' | 'both';
  amendments?: boolean;
}): Promise<FixtureArchive> {
  const work = await mkdtemp(path.join(tmpdir(), 'jarida-api-'));
  const fixtures = path.join(work, 'fx');
  const dataDir = path.join(work, 'data');
  const manifest = await generateIssues(fixtures, options);
  const files = manifest.issues.map((issue) => path.join(fixtures, issue.file));
  const ingest = await jarida(['--data-dir', dataDir, 'ingest', ...files, '--json']);
  const { files: ingested } = json<{ files: FixtureArchive['ingested'] }>(ingest);
  return { work, dataDir, manifest, ingested, remove: () => rm(work, { recursive: true, force: true }) };
}

/** Generates fixture issues into `out` with the built command: clean (born-digital, text-layer) unless told. */
export async function generateIssues(
  out: string,
  options: {
    seed: number;
    issues: number;
    edition?: 'fr' | 'ar' | 'both';
    quality?: 'clean' | 'scan' | 'poor';
    amendments?: boolean;
  },
): Promise<FixtureManifest> {
  const generated = await jarida([
    'fixtures',
    'generate',
    '--out',
    out,
    '--seed',
    String(options.seed),
    '--issues',
    String(options.issues),
    '--edition',
    options.edition ?? 'fr',
    '--quality',
    options.quality ?? 'clean',
    ...(options.amendments ? ['--amendments'] : []),
    '--json',
  ]);
  if (generated.code !== 0) throw new Error(`fixtures generate failed: ${generated.stderr}`);
  return json<FixtureManifest>(generated);
}
