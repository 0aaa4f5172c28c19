/**
 * `jarida worker`: processes the queued pipeline's jobs — any subset of its stages — until
 * SIGTERM or SIGINT. The first signal finishes the jobs in hand; a second stops at once and
 * leaves them to be recovered as stalled by another worker.
 */
import { Command, Option } from 'commander';
import { PdfSandbox } from '../engines/pdf-sandbox.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { queueTarget } from '../queue/queue-connection.js';
import { STAGES, type Stage } from '../queue/queue-stages.js';
import { QueueWorkers } from '../queue/queue-workers.js';
import { log, positiveInteger, UsageError, withArchive } from './context.js';
import { pdfTimeoutOption, type QueueCommandOptions } from './ingest-command.js';

interface WorkerCommandOptions extends QueueCommandOptions {
  dataDir?: string;
  stages: Stage[];
  concurrency?: number;
  lockDuration?: number;
  stalledInterval?: number;
  pdfTimeout?: number;
}

/** Parses `--stages ocr,structure` into known stages or throws a {@link UsageError}. */
function parseStages(value: string): Stage[] {
  const stages = value.split(',').map((s) => s.trim());
  const unknown = stages.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length || stages.length === 0) {
    throw new UsageError(`--stages takes some of ${STAGES.join(',')}; unknown: ${unknown.join(',')}`);
  }
  return stages as Stage[];
}

/** Resolves on the first SIGTERM/SIGINT with a promise that resolves on the second. */
function untilSignalled(): Promise<{ again: Promise<void> }> {
  return new Promise((resolveFirst) => {
    let second: () => void = () => {};
    const again = new Promise<void>((resolve) => {
      second = resolve;
    });
    let count = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      count += 1;
      log(count === 1 ? `${signal}: finishing the jobs in hand` : `${signal}: stopping now`);
      if (count === 1) resolveFirst({ again });
      else second();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('process queued ingest jobs (any subset of the stages) until SIGTERM')
    .option('--queue <url>', 'Redis URL of the queues (env REDIS_URL)')
    .option('--queue-prefix <prefix>', 'key prefix of the queues (env JARIDA_QUEUE_PREFIX, default jarida)')
    .option('--stages <list>', `stages to run, comma-separated (${STAGES.join(',')})`, parseStages, [
      ...STAGES,
    ])
    .option('--concurrency <n>', 'OCR jobs at once (default: one per core)', positiveInteger('--concurrency'))
    .addOption(
      new Option(
        '--lock-duration <ms>',
        'a job whose worker is silent this long is handed to another (default 30000)',
      ).argParser(positiveInteger('--lock-duration')),
    )
    .addOption(
      new Option('--stalled-interval <ms>', 'how often to look for stalled jobs (default 30000)').argParser(
        positiveInteger('--stalled-interval'),
      ),
    )
    .addOption(pdfTimeoutOption())
    .action(async function workerAction(this: Command) {
      const options = this.optsWithGlobals<WorkerCommandOptions>();
      const target = queueTarget(options);
      if (!target)
        throw new UsageError('jarida worker needs a queue: --queue redis://host:6379 or REDIS_URL');
      await withArchive(options, async ({ dataDir, store }) => {
        const ocr = options.stages.includes('ocr')
          ? new TesseractPool({ size: options.concurrency })
          : undefined;
        const sandbox = new PdfSandbox({ timeoutMs: options.pdfTimeout });
        const workers = QueueWorkers.start({
          target,
          dataDir,
          store,
          openPdf: sandbox.open,
          stages: options.stages,
          ocr,
          lockDurationMs: options.lockDuration,
          stalledIntervalMs: options.stalledInterval,
          onFailed: (stage, job, reason) => log(`${stage} ${job?.id ?? '?'} failed: ${reason}`),
          onError: (error) => log(`queue: ${error.message}`),
        });
        try {
          await workers.ready();
          log(`worker ready: stages ${options.stages.join(',')} on ${target.url} (prefix ${target.prefix})`);
          const { again } = await untilSignalled();
          await Promise.race([workers.close(), again.then(() => workers.close(true))]);
        } finally {
          await Promise.all([ocr?.close(), sandbox.close()]);
        }
      });
    });
}
