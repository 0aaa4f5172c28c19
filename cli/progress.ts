/** Progress of an ingest on stderr: a bar of pages read per file, when stderr is a terminal. */
import cliProgress from 'cli-progress';
import type { IngestEvent } from '../ingest/ingest-service.js';

export interface ProgressReporter {
  onEvent(event: IngestEvent): void;
  stop(): void;
}

export function createProgressReporter(options: { enabled: boolean }): ProgressReporter {
  if (!options.enabled) return { onEvent: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{file} [{bar}] {value}/{total} pages | {eta_formatted} left | file {fileNumber}/{fileCount}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let fileNumber = 0;
  let fileCount = 0;
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'file-start':
          fileNumber = event.fileIndex + 1;
          fileCount = event.fileCount;
          break;
        case 'pages-known': {
          const payload = { file: event.path.replace(/^.*\//, ''), fileNumber, fileCount };
          if (started) bar.setTotal(event.pages);
          else bar.start(event.pages, 0, payload);
          bar.update(0, payload);
          started = true;
          break;
        }
        case 'page-done':
          bar.increment();
          break;
        case 'file-done':
          break;
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/**
 * Progress of a batch whose files run side by side (the queued ingest) on stderr: pages read
 * over the batch, and files done with the texts found and the failures so far.
 */
export function createBatchProgressReporter(options: { enabled: boolean }): ProgressReporter {
  if (!options.enabled) return { onEvent: () => {}, stop: () => {} };
  let bars: {
    multi: cliProgress.MultiBar;
    pages: cliProgress.SingleBar;
    files: cliProgress.SingleBar;
  } | null = null;
  /** Shown once some file is queued: a batch of duplicates has nothing to follow. */
  const show = () => {
    if (bars) return bars;
    const multi = new cliProgress.MultiBar(
      { stream: process.stderr, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const pages = multi.create(
      totalPages,
      0,
      {},
      { format: 'pages [{bar}] {value}/{total} read | {eta_formatted} left' },
    );
    const files = multi.create(
      fileCount,
      filesDone,
      { texts, failures },
      {
        format: 'files [{bar}] {value}/{total} done | {texts} texts found | {failures} failed',
      },
    );
    // Off a terminal cli-progress skips the start of created bars: their totals are set here.
    pages.setTotal(totalPages);
    files.setTotal(fileCount);
    bars = { multi, pages, files };
    return bars;
  };
  /** Pages still unread per file: a file done counts its pages whose events were missed. */
  const unread = new Map<string, number>();
  let totalPages = 0;
  let fileCount = 0;
  let filesDone = 0;
  let texts = 0;
  let failures = 0;
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'file-start':
          fileCount = event.fileCount;
          break;
        case 'pages-known':
          unread.set(event.path, event.pages);
          totalPages += event.pages;
          show().pages.setTotal(totalPages);
          break;
        case 'page-done':
          unread.set(event.path, (unread.get(event.path) ?? 1) - 1);
          show().pages.increment();
          break;
        case 'file-done': {
          const { outcome } = event;
          const missed = outcome.status === 'ingested' ? (unread.get(outcome.path) ?? 0) : 0;
          unread.delete(outcome.path);
          texts += outcome.texts ?? 0;
          if (outcome.status === 'failed') failures += 1;
          filesDone += 1;
          if (bars) {
            bars.pages.increment(missed);
            bars.files.increment({ texts, failures });
          }
          break;
        }
      }
    },
    stop() {
      bars?.multi.stop();
    },
  };
}

/** Bars only on a terminal, and not with `--no-progress` (commander then sets `progress: false`). */
export function progressWanted(options: { progress?: boolean }): boolean {
  return options.progress !== false && process.stderr.isTTY === true;
}
