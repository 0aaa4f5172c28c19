/** Progress of an ingest on stderr: a bar of pages read per file, when stderr is a terminal. */
import cliProgress from 'cli-progress';
import type { IngestEvent } from '../workers/ingest-service.js';

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
