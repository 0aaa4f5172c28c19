/**
 * `jarida eval` and the ingest bench: a fixture set ingested into a temporary archive, by the
 * embedded ingestion, and scored against its truth.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureManifest } from '../fixtures/truth.js';
import { type EvaluatedIssue, type EvaluationReport, evaluateIssues } from '../pipeline/evaluation.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import type { PageArtefact } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import type { IngestEvent } from './ingest-service.js';
import type { FileOutcome } from './ingest-stages.js';
import { ingestFiles } from './open-ingestion.js';

const LANG_OF_EDITION = { fr: 'fra', ar: 'ara', both: 'auto' } as const;

/** Options of {@link evaluateFixtureSet}. */
export interface FixtureEvaluationOptions {
  /** Progress of the ingest. */
  onEvent?: (event: IngestEvent) => void;
  /** A fixture that failed to ingest (it is scored as nothing found). */
  onFailed?: (outcome: FileOutcome) => void;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Ingests every issue of the fixture set in `dir` and scores the result. */
export async function evaluateFixtureSet(
  dir: string,
  options: FixtureEvaluationOptions = {},
): Promise<EvaluationReport> {
  const manifest = await readJson<FixtureManifest>(path.join(dir, 'manifest.json'));
  const work = await mkdtemp(path.join(tmpdir(), 'jarida-eval-'));
  try {
    const files = manifest.issues.map((i) => path.join(dir, i.file));
    const lang = LANG_OF_EDITION[manifest.options.edition];
    const outcomes = await ingestFiles(files, { dataDir: work, lang }, options.onEvent);
    const dataDir = new DataDir(work);
    const issues: EvaluatedIssue[] = [];
    for (const [i, issue] of manifest.issues.entries()) {
      const truth = await readJson<BulletinTruth>(path.join(dir, issue.truth));
      const outcome = outcomes[i]!;
      if (outcome.status === 'failed') options.onFailed?.(outcome);
      if (outcome.status !== 'ingested' || !outcome.sha256) {
        issues.push({ truth, pages: null, parsed: null });
        continue;
      }
      const pages: PageArtefact[] = [];
      for (let index = 1; index <= (outcome.pages ?? 0); index++) {
        const page = await dataDir.loadPage(outcome.sha256, index);
        if (page) pages.push(page);
      }
      issues.push({ truth, pages, parsed: await dataDir.loadBulletin(outcome.sha256) });
    }
    return evaluateIssues(issues);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
