/**
 * `npm run bench -- ocr [--seed S] [--fixture-pages N] [--sets NAME,…|dev|test] [--limit N] [--line-limit N]`: jarida's OCR against the native
 * `tesseract` command (Debian tesseract-ocr, same best_int traineddata, psm 3 for pages and
 * 7 for cut-out lines, one thread), page by page in turn so both see the same machine load,
 * on the real sets of fixtures/real and on scan- and poor-quality fixture pages: CER, WER and
 * seconds per page (wall and CPU), as ratios. Also how much faster a trusted text layer is than OCR.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { generateFixtures } from '../fixtures/generate.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { intake } from '../pipeline/intake.js';
import type { Language, OcrLanguage } from '../pipeline/model.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { pageText } from '../pipeline/page-text.js';
import { openDocument, readPage } from '../pipeline/pages.js';
import { nativeOcr, nativeTessdata, nativeTesseractVersion } from './native-tesseract.js';
import {
  loadRealSet,
  onGreyPaper,
  REAL_OCR_SETS,
  type RealOcrPage,
  type RealOcrSet,
  readRealPage,
  type SetScore,
  scoreReads,
} from './real-ocr-sets.js';
import { machineLine, table, writeSection } from './report.js';

/** One image both engines read. */
interface BenchPage {
  /** Ground truth, normalised for scoring. */
  truth: string;
  language: Language;
  native(): Promise<string>;
  /** jarida's text, normalised for scoring. */
  jarida(): Promise<string>;
}

interface SideResult extends SetScore {
  seconds: number;
  /** CPU seconds (user + system): NaN where they cannot be measured. */
  cpu: number;
}

interface Comparison {
  name: string;
  pages: number;
  native: SideResult;
  jarida: SideResult;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/**
 * CPU seconds (user + system) of the child processes this process has waited for, from
 * /proc/self/stat (cutime, cstime; in clock ticks of 1/100 s): what the native command used.
 * NaN where there is no /proc.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of this process, every thread (the main one, tesseract.js workers, sharp's pool). */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * `work` timed in wall seconds and in CPU seconds as `cpu` counts them. On a shared machine
 * the wall time of both engines follows the load; their CPU time does not.
 */
async function measured<T>(
  work: () => Promise<T>,
  cpu: () => number,
): Promise<{ value: T; seconds: number; cpu: number }> {
  const before = cpu();
  const { value, seconds } = await timed(work);
  return { value, seconds, cpu: cpu() - before };
}

/** Reads every page with both engines in turn, native first. */
async function compare(name: string, pages: BenchPage[]): Promise<Comparison> {
  const reads = {
    native: [] as { truth: string; text: string }[],
    jarida: [] as { truth: string; text: string }[],
  };
  const seconds = { native: 0, jarida: 0 };
  const cpu = { native: 0, jarida: 0 };
  for (const page of pages) {
    const native = await measured(page.native, childrenCpuSeconds);
    const jarida = await measured(page.jarida, ownCpuSeconds);
    reads.native.push({ truth: page.truth, text: normalizeForCer(native.value, page.language) });
    reads.jarida.push({ truth: page.truth, text: jarida.value });
    seconds.native += native.seconds;
    seconds.jarida += jarida.seconds;
    cpu.native += native.cpu;
    cpu.jarida += jarida.cpu;
    process.stderr.write('.');
  }
  process.stderr.write(` ${name}\n`);
  return {
    name,
    pages: pages.length,
    native: { ...scoreReads(reads.native), seconds: seconds.native, cpu: cpu.native },
    jarida: { ...scoreReads(reads.jarida), seconds: seconds.jarida, cpu: cpu.jarida },
  };
}

/** jarida's text of an image file read as any input is. */
async function readImage(engine: OcrEngine, file: string, lang: OcrLanguage, language: Language) {
  const bytes = await readFile(file);
  const document = await openDocument(bytes, intake(bytes, path.basename(file)));
  try {
    return normalizeForCer(pageText(await readPage(await document.page(1), engine, { lang })), language);
  } finally {
    await document.close();
  }
}

/** Fixture pages as PNG files with their truth, `limit` pages at most. */
async function fixturePages(
  dir: string,
  options: { seed: number; edition: 'fr' | 'ar'; quality: 'scan' | 'poor'; limit: number },
): Promise<{ image: string; truth: string }[]> {
  const manifest = await generateFixtures({
    out: dir,
    seed: options.seed,
    issues: 1,
    edition: options.edition,
    quality: options.quality,
    pages: 'png',
  });
  const pages: { image: string; truth: string }[] = [];
  for (const issue of manifest.issues) {
    const truth = JSON.parse(await readFile(path.join(dir, issue.truth), 'utf8')) as BulletinTruth;
    for (const page of truth.pages) {
      pages.push({
        image: path.join(dir, 'pages', `${issue.bulletinId}-p${page.index}.png`),
        truth: page.text,
      });
    }
  }
  return pages.slice(0, options.limit);
}

/** Pages per second of reading a clean PDF whose text layer triage trusts, and how many were OCR'd. */
async function textLayerSpeed(
  dir: string,
  seed: number,
  engine: OcrEngine,
): Promise<{ pagesPerSecond: number; pages: number; ocr: number }> {
  const manifest = await generateFixtures({ out: dir, seed, issues: 1, edition: 'fr', quality: 'clean' });
  let pages = 0;
  let ocr = 0;
  let seconds = 0;
  // The first pass is not timed: pdf.js sets up its modules and fonts once per process, as
  // tesseract.js starts its worker once (kept out of the OCR timings too).
  for (const timedPass of [false, true]) {
    for (const issue of manifest.issues) {
      const bytes = await readFile(path.join(dir, issue.file));
      const { seconds: s } = await timed(async () => {
        const document = await openDocument(bytes, intake(bytes, path.basename(issue.file)));
        for (let index = 1; index <= document.pageCount; index++) {
          const page = await readPage(await document.page(index), engine, { lang: 'fra' });
          if (!timedPass) continue;
          pages += 1;
          if (page.source === 'ocr') ocr += 1;
        }
        await document.close();
      });
      if (timedPass) seconds += s;
    }
  }
  return { pagesPerSecond: pages / seconds, pages, ocr };
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ratio = (a: number, b: number) => (b === 0 ? '–' : (a / b).toFixed(2));
const perPage = (seconds: number, pages: number) =>
  Number.isNaN(seconds) ? '–' : (seconds / pages).toFixed(2);

function row(c: Comparison): string[] {
  const sNative = c.native.seconds / c.pages;
  const sJarida = c.jarida.seconds / c.pages;
  const cerRatio = c.jarida.cer.rate / c.native.cer.rate;
  const met = cerRatio <= 1 && sJarida / sNative <= 1.25 ? 'yes' : 'no';
  return [
    c.name,
    String(c.pages),
    pct(c.native.cer.rate),
    pct(c.jarida.cer.rate),
    ratio(c.jarida.cer.rate, c.native.cer.rate),
    pct(c.native.wer.rate),
    pct(c.jarida.wer.rate),
    ratio(c.jarida.wer.rate, c.native.wer.rate),
    sNative.toFixed(2),
    sJarida.toFixed(2),
    ratio(sJarida, sNative),
    perPage(c.native.cpu, c.pages),
    perPage(c.jarida.cpu, c.pages),
    Number.isNaN(c.native.cpu) ? '–' : ratio(c.jarida.cpu, c.native.cpu),
    met,
  ];
}

/** `--sets a,b`: the real sets to read (by name, or `dev` / `test` for a split); default all. */
function chosenSets(args: string[]): RealOcrSet[] {
  const i = args.indexOf('--sets');
  if (i < 0) return [...REAL_OCR_SETS];
  const names = (args[i + 1] ?? '').split(',');
  return REAL_OCR_SETS.filter((set) => names.includes(set.name) || names.includes(set.split));
}

/** The typewritten pages put on grey paper ({@link onGreyPaper}), as files in `dir`. */
async function greyPaperPages(dir: string): Promise<RealOcrPage[]> {
  await mkdir(dir, { recursive: true });
  const pages: RealOcrPage[] = [];
  for (const page of await loadRealSet(TYPEWRITTEN)) {
    const image = path.join(dir, `${page.id}.jpg`);
    await writeFile(image, await onGreyPaper(await readFile(page.image)));
    pages.push({ ...page, image });
  }
  return pages;
}

const TYPEWRITTEN = REAL_OCR_SETS.find((set) => set.name === 'typewritten')!;

/** `--limit N` / `--line-limit N`: at most N pages (lines) of a set, taken evenly over it. */
function spread<T>(pages: T[], limit: number): T[] {
  if (pages.length <= limit) return pages;
  const step = pages.length / limit;
  return Array.from({ length: limit }, (_, i) => pages[Math.floor(i * step)]!);
}

export async function ocrBenchmark(args: string[]): Promise<void> {
  const seed = option(args, 'seed', 4242);
  const fixtureLimit = option(args, 'fixture-pages', 4);
  const sets = chosenSets(args);
  const limit = option(args, 'limit', Number.POSITIVE_INFINITY);
  const lineLimit = option(args, 'line-limit', Number.POSITIVE_INFINITY);
  const version = await nativeTesseractVersion();
  const work = await mkdtemp(path.join(os.tmpdir(), 'jarida-ocr-bench-'));
  // One worker, like the one-thread native command: seconds per page compare directly.
  // A page of a loaded shared machine may take minutes: the bench measures, it does not time out.
  const pool = new TesseractPool({ size: 1, pageTimeoutMs: 900_000 });
  try {
    const tessdata = await nativeTessdata(path.join(work, 'tessdata'), ['fra', 'ara']);
    const comparisons: Comparison[] = [];
    const readings: [string, RealOcrSet, RealOcrPage[]][] = [];
    for (const set of sets) {
      const most = set.segmentation === 'line' ? lineLimit : limit;
      readings.push([`real: ${set.name} (${set.split})`, set, spread(await loadRealSet(set), most)]);
    }
    if (sets.includes(TYPEWRITTEN)) {
      const pages = spread(await greyPaperPages(path.join(work, 'grey-paper')), limit);
      readings.push(['derived: typewritten on grey paper (dev)', TYPEWRITTEN, pages]);
    }
    for (const [name, set, pages] of readings) {
      // Worker start-up is paid once per language, not per page: keep it out of the timing.
      await readRealPage(pool, set, pages[0]!);
      comparisons.push(
        await compare(
          name,
          pages.map((page) => ({
            truth: page.truth,
            language: set.language,
            native: () =>
              nativeOcr(page.image, {
                lang: set.ocrLanguage,
                psm: set.segmentation === 'line' ? 7 : 3,
                tessdata,
              }),
            jarida: () => readRealPage(pool, set, page),
          })),
        ),
      );
    }
    for (const [edition, quality] of fixtureLimit > 0
      ? ([
          ['fr', 'scan'],
          ['fr', 'poor'],
          ['ar', 'scan'],
        ] as const)
      : []) {
      const language: Language = edition;
      const lang: OcrLanguage = edition === 'ar' ? 'ara' : 'fra';
      const pages = await fixturePages(path.join(work, `${edition}-${quality}`), {
        seed,
        edition,
        quality,
        limit: fixtureLimit,
      });
      // As for the real sets: the worker's start and its first page in baseline WASM code are
      // paid once per language, not per page. Without this the Arabic fixtures, read after the
      // French ones by the one worker, counted a fresh worker's start on their first page.
      if (pages[0]) await readImage(pool, pages[0].image, lang, language);
      comparisons.push(
        await compare(
          `fixtures: ${edition} ${quality}`,
          pages.map((page) => ({
            truth: normalizeForCer(page.truth, language),
            language,
            native: () => nativeOcr(page.image, { lang, psm: 3, tessdata }),
            jarida: () => readImage(pool, page.image, lang, language),
          })),
        ),
      );
    }
    const partial = sets.length < REAL_OCR_SETS.length;
    const textLayer = fixtureLimit > 0 ? await textLayerSpeed(path.join(work, 'clean'), seed, pool) : null;
    const ocrScan = comparisons.find((c) => c.name === 'fixtures: fr scan');
    const ocrPagesPerSecond = ocrScan ? ocrScan.pages / ocrScan.jarida.seconds : 0;

    const body = [
      '## ocr: jarida against native tesseract',
      '',
      `${machineLine()}. Native: \`${version}\`, \`tesseract IMAGE stdout -l LANG --psm 3\` (psm 7 for the`,
      'cut-out Arabic lines), the same best_int traineddata as tesseract.js, OMP_THREAD_LIMIT=1. jarida: `readPage`',
      '(preprocessing, tesseract.js, layout, re-reading of lost pages) on one worker. Each page is read by both in',
      `turn. Real sets: ${Number.isFinite(limit) || Number.isFinite(lineLimit) ? `at most ${limit} pages and ${lineLimit} lines of each set, taken evenly, of` : 'all of'}`,
      'fixtures/real (see its NOTICE), `dev` the sets choices were tuned on, `test` sets',
      'never tuned on; `derived`: the typewritten pages put on grey paper with white scanner bed around',
      `(\`onGreyPaper\`). Fixtures: the first ${fixtureLimit} pages of one issue, seed ${seed}. CER/WER: NFC,`,
      'whitespace collapsed; Arabic also without harakat and tatweel. Target (issue 18): on every real set, jarida',
      'CER ≤ native at ≤ 1.25 × its seconds per page. CPU: user + system seconds of the native command and of',
      "jarida's whole process (main thread, tesseract.js worker, sharp's threads) per page, which the machine's load",
      "does not change as it changes wall time. jarida's worker start-up is kept out (one untimed read per set first).",
      '',
      table(
        [
          'set',
          'pages',
          'CER native',
          'CER jarida',
          'CER ratio',
          'WER native',
          'WER jarida',
          'WER ratio',
          's/page native',
          's/page jarida',
          'time ratio',
          'CPU s/page native',
          'CPU s/page jarida',
          'CPU ratio',
          'target met',
        ],
        comparisons.map(row),
      ),
      ...(textLayer
        ? [
            '',
            `Text-layer triage: a clean born-digital issue (${textLayer.pages} pages, ${textLayer.ocr} OCR'd) reads at`,
            `${textLayer.pagesPerSecond.toFixed(1)} pages/s from its trusted text layer, against`,
            `${ocrPagesPerSecond.toFixed(3)} pages/s OCR'd (fr scan above): ${(textLayer.pagesPerSecond / ocrPagesPerSecond).toFixed(0)}× faster.`,
          ]
        : []),
    ].join('\n');
    // A run on some sets only is printed, not written over the full run's section.
    if (!partial) await writeSection('ocr', body);
    process.stdout.write(`${body}\n`);
  } finally {
    await pool.close();
    await rm(work, { recursive: true, force: true });
  }
}
