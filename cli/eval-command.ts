/** `jarida eval <fixturesDir>`: ingests a fixture set into a temporary archive and scores it against its truth. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { BulletinTruth, FixtureManifest } from '../fixtures/truth.js';
import { type EvaluatedIssue, type EvaluationReport, evaluateIssues } from '../pipeline/evaluation.js';
import type { PageArtefact } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import { log, print, printJson } from './context.js';
import { runIngest } from './ingest-command.js';
import { progressWanted } from './progress.js';

const LANG_OF_EDITION = { fr: 'fra', ar: 'ara', both: 'auto' } as const;

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Ingests every issue of the fixture set in `dir` and scores the result. */
export async function evaluateFixtureSet(
  dir: string,
  options: { progress?: boolean } = {},
): Promise<EvaluationReport> {
  const manifest = await readJson<FixtureManifest>(path.join(dir, 'manifest.json'));
  const work = await mkdtemp(path.join(tmpdir(), 'jarida-eval-'));
  try {
    const files = manifest.issues.map((i) => path.join(dir, i.file));
    const lang = LANG_OF_EDITION[manifest.options.edition];
    const outcomes = await runIngest(files, { dataDir: work, lang, progress: options.progress });
    const dataDir = new DataDir(work);
    const issues: EvaluatedIssue[] = [];
    for (const [i, issue] of manifest.issues.entries()) {
      const truth = await readJson<BulletinTruth>(path.join(dir, issue.truth));
      const outcome = outcomes[i]!;
      if (outcome.status === 'failed') log(`failed: ${outcome.path}: ${outcome.reason}`);
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

const percent = (x: number) => `${(x * 100).toFixed(2)} %`;

export function evalCommand(): Command {
  return new Command('eval')
    .description(
      'ingest a fixture set into a temporary archive and score OCR, texts and articles against its truth',
    )
    .argument('<fixturesDir>', 'a directory written by `jarida fixtures generate`')
    .option('--json', 'print the scores as JSON')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async function evalAction(this: Command, dir: string) {
      const o = this.optsWithGlobals<{ json?: boolean; progress?: boolean }>();
      const report = await evaluateFixtureSet(dir, { progress: progressWanted(o) });
      if (o.json) return printJson(report);
      print(`issues     ${report.issues.total} (${report.issues.failed} failed), ${report.ocr.pages} pages`);
      print(`OCR        CER ${percent(report.ocr.cer)}   WER ${percent(report.ocr.wer)}`);
      for (const [name, s] of [
        ['texts', report.texts],
        ['articles', report.articles],
        ['amendments', report.amendments],
      ] as const) {
        print(
          `${name.padEnd(10)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.truePositives}/${s.expected} found, ${s.predicted} predicted)`,
        );
      }
      print(`bodies     CER ${percent(report.articles.bodyCer)} over matched articles`);
      print(
        `versions   ${percent(report.versions.accuracy)} exact over ${report.versions.samples} sampled (article, date) pairs`,
      );
      for (const [edition, s] of Object.entries(report.amendmentsByEdition)) {
        const a = s.amendments;
        print(
          `  ${edition}       amendments P ${a.precision.toFixed(3)}  R ${a.recall.toFixed(3)}  F1 ${a.f1.toFixed(3)}  (${a.truePositives}/${a.expected})   versions ${percent(s.versions.accuracy)} of ${s.versions.samples}`,
        );
      }
    });
}
