/**
 * `npm run bench -- bo-pages [--split dev|test|test2|test3|test4|test5] [--rendering text-layer|scan] [--seed S] [--keep DIR] [--json]`:
 * the real page copies of fixtures/real/bo-pages, each rendered as a PDF (text layer, and
 * scan), ingested through the real pipeline into an archive of its own, and scored against its
 * hand-checked truth, per split: texts P/R, articles R, issue number right, issue date right
 * or flagged, files refused. Every split and both renderings by default.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BO_PAGE_SPLITS,
  type BoPage,
  type BoPageRendering,
  type BoPageScore,
  type BoPageSplit,
  type BoPagesSummary,
  loadBoPages,
  renderBoPage,
  scoreBoPage,
  summarizeBoPages,
} from '../fixtures/real-bo-pages.js';
import { ingestFiles } from '../ingest/open-ingestion.js';
import { DataDir } from '../store/data-dir.js';
import { machineLine, numberOption, table, writeSection } from './report.js';

const RENDERINGS: readonly BoPageRendering[] = ['text-layer', 'scan'];

/**
 * Renders each copy, ingests it alone (a fresh archive each: copies of one issue would
 * otherwise meet as the same bulletin) and scores it. The file is named `copy-NNN.pdf`: a
 * name that is not BO-shaped, so nothing may be taken from it.
 */
export async function readBoPages(
  pages: readonly BoPage[],
  rendering: BoPageRendering,
  work: string,
  seed = 1,
): Promise<BoPageScore[]> {
  const scores: BoPageScore[] = [];
  for (const page of pages) {
    const dir = path.join(work, rendering, page.id);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `copy-${page.id}.pdf`);
    await writeFile(file, await renderBoPage(page, rendering, seed));
    const dataDir = path.join(dir, 'data');
    const [outcome] = await ingestFiles([file], {
      dataDir,
      lang: page.truth.edition === 'ar' ? 'ara' : 'fra',
    });
    const parsed =
      outcome?.status === 'ingested' && outcome.sha256
        ? await new DataDir(dataDir).loadBulletin(outcome.sha256)
        : null;
    scores.push(scoreBoPage(page, outcome, parsed));
  }
  return scores;
}

const pct = (x: number) => x.toFixed(2);

/** One table row of a split's summary. */
function summaryRow(split: string, rendering: string, s: BoPagesSummary): string[] {
  return [
    split,
    rendering,
    String(s.items),
    `${pct(s.texts.precision)} / ${pct(s.texts.recall)} (${s.texts.truePositives}/${s.texts.predicted}/${s.texts.expected})`,
    `${pct(s.articles.recall)} (${s.articles.found}/${s.articles.expected})`,
    `${s.number.right}/${s.items}`,
    `${s.date.right}+${s.date.flagged}/${s.items}`,
    `${s.number.wrong + s.date.wrong}`,
    `${s.refused} (${s.refusedWithTexts} with texts)`,
  ];
}

/** One row per copy: what was read against what was expected. */
function itemRow(score: BoPageScore, rendering: string): string[] {
  const found = new Set(score.predictedArticles.filter((a) => score.expectedArticles.includes(a))).size;
  return [
    score.id,
    score.split,
    rendering,
    score.refused ? `refused ${score.code ?? ''}` : (score.read.number ?? '—'),
    score.number,
    score.read.date ?? '—',
    score.date,
    score.read.texts.join(' ') || '—',
    `${found}/${new Set(score.expectedArticles).size}`,
  ];
}

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function boPagesBenchmark(args: string[]): Promise<void> {
  const split = optionValue(args, 'split') as BoPageSplit | undefined;
  if (split && !BO_PAGE_SPLITS.includes(split))
    throw new Error(`--split must be one of ${BO_PAGE_SPLITS.join(', ')}`);
  const only = optionValue(args, 'rendering') as BoPageRendering | undefined;
  if (only && !RENDERINGS.includes(only))
    throw new Error(`--rendering must be one of ${RENDERINGS.join(', ')}`);
  const seed = numberOption(args, 'seed', 1);
  const keep = optionValue(args, 'keep');
  const pages = await loadBoPages(split);
  const work = keep ?? (await mkdtemp(path.join(os.tmpdir(), 'jarida-bo-pages-')));
  await mkdir(work, { recursive: true });
  const summaries: string[][] = [];
  const items: string[][] = [];
  const report: Record<string, Record<string, BoPagesSummary>> = {};
  try {
    for (const rendering of only ? [only] : RENDERINGS) {
      process.stderr.write(`bo-pages: ${rendering}, ${pages.length} copies…\n`);
      const scores = await readBoPages(pages, rendering, work, seed);
      for (const s of BO_PAGE_SPLITS) {
        const own = scores.filter((score) => score.split === s);
        if (own.length === 0) continue;
        const summary = summarizeBoPages(own);
        report[s] = { ...report[s], [rendering]: summary };
        summaries.push(summaryRow(s, rendering, summary));
      }
      items.push(...scores.map((score) => itemRow(score, rendering)));
    }
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await writeSection(
    'bo-pages',
    `## Real page copies (fixtures/real/bo-pages)

Stored public copies of Bulletin officiel pages (mastheads and sommaires 1958–2015, body pages,
Ministry of Justice single-text copies, reprints; both editions), each set on A4 and rendered as a
text-layer PDF (Arabic: its clean raster, as the generator does) and as a 300 dpi scan (seed ${seed}),
ingested alone, and scored against its hand-checked truth. Texts match by type and number, articles
by text and number; an issue field is *flagged* when it is not right but the parser warned about the
masthead. Columns: texts P / R (found/predicted/expected), articles R, issue number right, issue
date right + flagged, silent wrong numbers and dates, files refused. ${machineLine()}.

${table(['split', 'rendering', 'copies', 'texts P / R', 'articles R', 'number right', 'date right+flagged', 'wrong, silent', 'refused'], summaries)}

<details><summary>Per copy</summary>

${table(['copy', 'split', 'rendering', 'number read', 'number', 'date read', 'date', 'texts read', 'articles found'], items)}

</details>`,
  );
}
