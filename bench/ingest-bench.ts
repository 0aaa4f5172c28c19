/**
 * `npm run bench -- ingest [--issues N] [--seed S]`: pages per minute of the embedded
 * ingest (render, OCR, layout, structure, store) against the native `tesseract` command
 * (Debian tesseract-ocr, the same fra traineddata, one thread per page, as many pages at
 * once as cores) on the same scan-quality fixture pages, with the CER of each.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { generateFixtures } from '../fixtures/generate.js';
import { evaluateFixtureSet } from '../ingest/fixture-evaluation.js';
import { characterErrors, sumErrorRates } from '../pipeline/evaluation.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import { nativeOcr, nativeTessdata, nativeTesseractVersion } from './native-tesseract.js';
import { machineLine, table, writeSection } from './report.js';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export async function ingestBenchmark(args: string[]): Promise<void> {
  const issues = option(args, 'issues', 2);
  const seed = option(args, 'seed', 9001);
  const version = await nativeTesseractVersion();
  const work = await mkdtemp(path.join(os.tmpdir(), 'jarida-bench-'));
  try {
    const fixtures = path.join(work, 'fixtures');
    const manifest = await generateFixtures({
      out: fixtures,
      seed,
      issues,
      edition: 'fr',
      quality: 'scan',
      pages: 'png',
    });

    const jaridaStart = performance.now();
    const report = await evaluateFixtureSet(fixtures);
    const jaridaSeconds = (performance.now() - jaridaStart) / 1000;
    const pages = report.ocr.pages;

    const tessdata = await nativeTessdata(path.join(work, 'tessdata'), ['fra']);
    const limit = pLimit(os.cpus().length);
    const nativeErrors = [];
    const nativeStart = performance.now();
    const jobs: Promise<{ truth: string; text: string }>[] = [];
    for (const issue of manifest.issues) {
      const truth = JSON.parse(await readFile(path.join(fixtures, issue.truth), 'utf8')) as BulletinTruth;
      for (const page of truth.pages) {
        const image = path.join(fixtures, 'pages', `${issue.bulletinId}-p${page.index}.png`);
        jobs.push(
          limit(async () => ({
            truth: page.text,
            text: await nativeOcr(image, { lang: 'fra', psm: 3, tessdata }),
          })),
        );
      }
    }
    for (const { truth, text } of await Promise.all(jobs)) {
      nativeErrors.push(characterErrors(normalizeForCer(truth, 'fr'), normalizeForCer(text, 'fr')));
    }
    const nativeSeconds = (performance.now() - nativeStart) / 1000;
    const nativeCer = sumErrorRates(nativeErrors).rate;

    const perMinute = (seconds: number) => (pages / seconds) * 60;
    const rows = [
      [
        'jarida ingest (embedded)',
        perMinute(jaridaSeconds).toFixed(1),
        (jaridaSeconds / pages).toFixed(2),
        pct(report.ocr.cer),
      ],
      [
        `native ${version}`,
        perMinute(nativeSeconds).toFixed(1),
        (nativeSeconds / pages).toFixed(2),
        pct(nativeCer),
      ],
      [
        'ratio jarida / native',
        (nativeSeconds / jaridaSeconds).toFixed(2),
        (jaridaSeconds / nativeSeconds).toFixed(2),
        (report.ocr.cer / nativeCer).toFixed(2),
      ],
    ];
    const body = [
      '## ingest: embedded pages per minute against native tesseract',
      '',
      `${pages} scan-quality French fixture pages (seed ${seed}, ${issues} issues); ${machineLine()}.`,
      'jarida: whole embedded ingest of the PDFs (render at 300 dpi, preprocess, OCR with tesseract.js, layout,',
      `structure, SQLite), one tesseract.js worker per core. Native: \`tesseract page.png stdout -l fra --psm 3\` on`,
      'the same pages as PNG, same fra best_int traineddata, OMP_THREAD_LIMIT=1, as many at once as cores.',
      '',
      table(['run', 'pages/min', 's/page', 'CER'], rows),
      '',
      `jarida also scored: text F1 ${report.texts.f1.toFixed(3)}, article F1 ${report.articles.f1.toFixed(3)}.`,
    ].join('\n');
    await writeSection('ingest', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
