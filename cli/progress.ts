/** Progress of an ingest on stderr: a bar of pages read per file, when stderr is a terminal. */
import cliProgress from 'cli-progress';
import type { IngestEvent } from '../ingest/ingest-service.js';
import { escapeControls } from './terminal-text.js';

export interface ProgressReporter {
  onEvent(event: IngestEvent): void;
  stop(): void;
}

/** Seconds as `45s`, `3m 05s`, `1h 02m`. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The bar of the embedded ingest: pages of the file being read, the rate over the whole run
 * (pages a minute) and the time left for this file at that rate. cli-progress's own ETA starts
 * again with each file and reads "INF" until a page is done; this one says "…" until it knows.
 */
export function createProgressReporter(options: { enabled: boolean }): ProgressReporter {
  if (!options.enabled) return { onEvent: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{file} [{bar}] {value}/{total} pages | {rate} | {left} left | file {fileNumber}/{fileCount}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let fileNumber = 0;
  let fileCount = 0;
  let startedAt = 0;
  let pagesRead = 0;
  let filePages = 0;
  let fileRead = 0;
  const timing = () => {
    const minutes = (Date.now() - startedAt) / 60_000;
    const perMinute = pagesRead > 0 && minutes > 0 ? pagesRead / minutes : 0;
    return {
      rate: perMinute ? `${perMinute.toFixed(perMinute < 10 ? 1 : 0)} pages/min` : '– pages/min',
      left: perMinute ? duration(((filePages - fileRead) / perMinute) * 60) : '…',
    };
  };
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'file-start':
          fileNumber = event.fileIndex + 1;
          fileCount = event.fileCount;
          break;
        case 'pages-known': {
          filePages = event.pages;
          fileRead = 0;
          if (!started) startedAt = Date.now();
          const payload = {
            file: escapeControls(event.path.replace(/^.*\//, '')),
            fileNumber,
            fileCount,
            ...timing(),
          };
          if (started) bar.setTotal(event.pages);
          else bar.start(event.pages, 0, payload);
          bar.update(0, payload);
          started = true;
          break;
        }
        case 'page-done':
          pagesRead += 1;
          fileRead += 1;
          bar.increment(1, timing());
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
