/** `jarida ingest <paths...>`: runs the pipeline over files and directories, embedded. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { OcrLanguage } from '../pipeline/model.js';
import { type FileOutcome, IngestService } from '../workers/ingest-service.js';
import { TesseractPool } from '../workers/tesseract-pool.js';
import { EXIT_OK, EXIT_SOME_FAILED, log, print, printJson, withArchive } from './context.js';
import { createProgressReporter } from './progress.js';

const INPUT_EXTENSIONS = new Set(['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg']);

export interface IngestCommandOptions {
  dataDir?: string;
  lang: OcrLanguage | 'auto';
  force?: boolean;
  json?: boolean;
  progress?: boolean;
}

/** Expands directories into the input files below them, in a stable order. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(input, { recursive: true, withFileTypes: true });
      files.push(
        ...entries
          .filter((e) => e.isFile() && INPUT_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
          .map((e) => path.join(e.parentPath, e.name))
          .sort(),
      );
    } else {
      // A missing file is reported as a failed item by the service, not as bad usage.
      files.push(input);
    }
  }
  return files;
}

/** Ingests the inputs into the archive and returns the outcomes; shared by `ingest`, `demo` and `eval`. */
export async function runIngest(inputs: string[], options: IngestCommandOptions): Promise<FileOutcome[]> {
  const files = await expandInputs(inputs);
  return withArchive(options, async ({ dataDir, store }) => {
    const ocr = new TesseractPool();
    try {
      const service = new IngestService({ dataDir, store, ocr });
      const progress = createProgressReporter({ enabled: options.progress ?? process.stderr.isTTY });
      try {
        return await service.ingestBatch(
          files,
          { lang: options.lang, force: options.force },
          progress.onEvent,
        );
      } finally {
        progress.stop();
      }
    } finally {
      await ocr.close();
    }
  });
}

export function printIngestSummary(outcomes: FileOutcome[]): void {
  for (const o of outcomes) {
    const detail =
      o.status === 'failed'
        ? o.reason
        : `${o.bulletin}${o.pages !== undefined ? `, ${o.pages} pages, ${o.texts} texts, ${o.articles} articles` : ''}`;
    print(`${o.status.padEnd(9)} ${o.path}: ${detail}`);
  }
  const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  print(`${count('ingested')} ingested, ${count('duplicate')} duplicate, ${count('failed')} failed`);
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'read scanned or born-digital issues (PDF, TIFF, PNG, JPEG; files or directories) into the archive',
    )
    .argument('<paths...>', 'files or directories to ingest')
    .addOption(new Option('--lang <lang>', 'OCR language').choices(['auto', 'fra', 'ara']).default('fra'))
    .option('--force', 're-ingest files already in the archive, replacing what they produced')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--json', 'print { files: [...] } as JSON')
    .action(async function ingestAction(this: Command, paths: string[]) {
      const options = this.optsWithGlobals<IngestCommandOptions>();
      const outcomes = await runIngest(paths, options);
      for (const o of outcomes) if (o.status === 'failed') log(`failed: ${o.path}: ${o.reason}`);
      if (options.json) printJson({ files: outcomes });
      else printIngestSummary(outcomes);
      process.exitCode = outcomes.some((o) => o.status === 'failed') ? EXIT_SOME_FAILED : EXIT_OK;
    });
}
