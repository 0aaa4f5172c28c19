/**
 * `npm run bench -- laws [--law 5-96] [--seed S] [--keep DIR]`: each real law of
 * fixtures/real/legal-texts-ma/fr printed whole as a scan-quality issue, ingested through
 * the real pipeline (tesseract.js OCR, layout, structure) and its articles compared, in
 * order, with the law's own article headings: missing, extra, out of order, F1, and the CER
 * of the bodies of the articles found. `--keep DIR` leaves the PDFs, their truth and the archive there.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REAL_LAWS, type RealLaw, renderRealLaw } from '../fixtures/real-laws.js';
import { ingestFiles } from '../ingest/open-ingestion.js';
import { characterErrors, sumErrorRates } from '../pipeline/evaluation.js';
import type { TruthArticle } from '../pipeline/evaluation-truth.js';
import type { Article } from '../pipeline/model.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import { DataDir } from '../store/data-dir.js';
import { machineLine, numberOption, readSection, table, writeSection } from './report.js';

/** How the articles found compare with the ones expected, in order. */
export interface ArticleSequenceScore {
  expected: number;
  found: number;
  /** Expected numbers never found. */
  missing: string[];
  /** Numbers found that the law does not have (or has fewer times). */
  extra: string[];
  /** Numbers found and expected, but not in the law's order. */
  outOfOrder: string[];
  /** F1 of the articles matched in order (a number found twice is matched once). */
  f1: number;
  /** CER of the bodies of the articles matched in order. */
  bodyCer: number;
}

/** Pairs of indexes (expected, found) of a longest common subsequence of article numbers. */
function matchInOrder(want: readonly string[], got: readonly string[]): [number, number][] {
  const lengths = Array.from({ length: want.length + 1 }, () => new Uint32Array(got.length + 1));
  for (let i = want.length - 1; i >= 0; i--)
    for (let j = got.length - 1; j >= 0; j--)
      lengths[i]![j] =
        want[i] === got[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < want.length && j < got.length; ) {
    if (want[i] === got[j]) pairs.push([i++, j++]);
    else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Numbers of `numbers` that `taken` does not use, as many times as they are left over. */
function leftOver(numbers: readonly string[], taken: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of taken) counts.set(n, (counts.get(n) ?? 0) + 1);
  return numbers.filter((n) => {
    const left = counts.get(n) ?? 0;
    counts.set(n, left - 1);
    return left <= 0;
  });
}

/** Scores the articles found against the expected ones, in order. */
export function scoreArticleSequence(
  expected: readonly TruthArticle[],
  found: readonly Article[],
): ArticleSequenceScore {
  const want = expected.map((a) => a.number);
  const got = found.map((a) => a.number);
  const pairs = matchInOrder(want, got);
  const missing = leftOver(want, got);
  const extra = leftOver(got, want);
  const inOrder = pairs.map(([, j]) => got[j]!);
  const outOfOrder = leftOver(leftOver(got, extra), inOrder);
  const bodies = pairs.map(([i, j]) =>
    characterErrors(normalizeForCer(expected[i]!.body, 'fr'), normalizeForCer(found[j]!.body, 'fr')),
  );
  return {
    expected: want.length,
    found: got.length,
    missing,
    extra,
    outOfOrder,
    // Matched in order, not as sets: a number found twice counts once.
    f1: want.length + got.length ? (2 * pairs.length) / (want.length + got.length) : 1,
    bodyCer: sumErrorRates(bodies).rate,
  };
}

interface LawRun {
  law: RealLaw;
  pages: number;
  texts: number;
  score: ArticleSequenceScore;
  seconds: number;
}

async function runLaw(law: RealLaw, work: string, seed: number, index: number): Promise<LawRun> {
  const issue = await renderRealLaw(law, {
    quality: 'scan',
    seed,
    issue: { number: 4500 + index, date: '1997-06-02', firstPage: 1001 },
  });
  const file = path.join(work, `bo-fr-${4500 + index}.pdf`);
  await writeFile(file, issue.pdf);
  await writeFile(path.join(work, `bo-fr-${4500 + index}.truth.json`), JSON.stringify(issue.truth));
  const dataDir = path.join(work, 'data');
  const start = performance.now();
  const [outcome] = await ingestFiles([file], { dataDir, lang: 'fra', force: true });
  const seconds = (performance.now() - start) / 1000;
  const parsed = outcome?.sha256 ? await new DataDir(dataDir).loadBulletin(outcome.sha256) : null;
  const truth = issue.truth.texts[0]!;
  const text = parsed?.texts.find((t) => t.id === truth.id);
  return {
    law,
    pages: issue.truth.pages.length,
    texts: parsed?.texts.length ?? 0,
    score: scoreArticleSequence(truth.articles, text?.articles ?? []),
    seconds,
  };
}

/** A list of numbers cut short for a table cell. */
function few(numbers: string[]): string {
  if (numbers.length === 0) return '';
  const shown = numbers.slice(0, 8).join(', ');
  return numbers.length > 8 ? `${shown}, … (${numbers.length})` : shown;
}

/** A table row of a law's run. */
function rowOf({ law, pages, texts, score, seconds }: LawRun): string[] {
  return [
    `loi ${law.number}`,
    String(pages),
    String(texts),
    String(score.expected),
    String(score.found),
    few(score.missing),
    few(score.extra),
    few(score.outOfOrder),
    score.f1.toFixed(3),
    score.bodyCer.toFixed(4),
    seconds.toFixed(0),
    new Date().toISOString().slice(0, 10),
  ];
}

/** The rows of the section as last written, by law: a run of one law keeps the others'. */
async function previousRows(): Promise<Map<string, string[]>> {
  const rows = ((await readSection('laws')) ?? '')
    .split('\n')
    .filter((line) => line.startsWith('| loi '))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  return new Map(rows.map((cells) => [cells[0]!, cells]));
}

async function writeRows(rows: Map<string, string[]>, seed: number): Promise<void> {
  const ordered = REAL_LAWS.map((law) => rows.get(`loi ${law.number}`)).filter((row) => row !== undefined);
  await writeSection(
    'laws',
    `## Real laws, whole, as scans

Each real law of \`fixtures/real/legal-texts-ma/fr\` printed whole by the fixture generator at scan
quality (seed ${seed}), ingested (tesseract.js OCR, layout, structure) and its articles compared in
order with the law's own \`Article …\` headings: F1 of the articles matched in order, body CER over
them, seconds of ingest (OCR of every page included). \`--law N\` re-measures one row. ${machineLine()}.

${table(
  [
    'law',
    'pages',
    'texts found',
    'articles expected',
    'found',
    'missing',
    'extra',
    'out of order',
    'article F1',
    'body CER',
    'seconds',
    'measured',
  ],
  ordered,
)}`,
  );
}

export async function lawsBenchmark(args: string[]): Promise<void> {
  const seed = numberOption(args, 'seed', 17);
  const only = args.includes('--law') ? args[args.indexOf('--law') + 1] : undefined;
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
  const laws = REAL_LAWS.filter((l) => !only || l.number === only);
  if (laws.length === 0) throw new Error(`--law: no real law n° ${only}`);
  const work = keep ?? (await mkdtemp(path.join(os.tmpdir(), 'jarida-laws-')));
  await mkdir(work, { recursive: true });
  try {
    for (const law of laws) {
      process.stderr.write(`loi ${law.number}: rendering and ingesting…\n`);
      const run = await runLaw(law, work, seed, REAL_LAWS.indexOf(law));
      process.stderr.write(`${JSON.stringify({ law: law.number, ...run.score, seconds: run.seconds })}\n`);
      // Written after each law, over the section as it stands then: a whole run takes long.
      const rows = await previousRows();
      rows.set(`loi ${law.number}`, rowOf(run));
      await writeRows(rows, seed);
    }
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
}
