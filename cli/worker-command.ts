/**
 * `jarida worker`: processes the queued pipeline's jobs — any subset of its stages — until
 * SIGTERM or SIGINT. The first signal finishes the jobs in hand within `--grace-period`
 * (sooner when Redis is away: nothing could record them); what is still in hand then is left
 * to be recovered as stalled by another worker. A second signal stops at once. With
 * `--health-port`, it answers `/healthz`, `/readyz` and `/metrics` there.
 */

import type { Job } from 'bullmq';
import { Command, Option } from 'commander';
import type { Logger } from 'pino';
import { PdfSandbox } from '../engines/pdf-sandbox.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { queueTarget } from '../queue/queue-connection.js';
import { type FileJobData, STAGES, type Stage } from '../queue/queue-stages.js';
import { DEFAULT_GRACE_MS, QueueWorkers } from '../queue/queue-workers.js';
import { DEFAULT_STUCK_AFTER_MS, WorkerHealth } from '../queue/worker-health.js';
import { WorkerMetrics } from '../queue/worker-metrics.js';
import { log, positiveInteger, UsageError, withArchive } from './context.js';
import { pdfTimeoutOption, type QueueCommandOptions } from './ingest-command.js';
import { serviceLogger } from './service-log.js';
import { exitAfterStop, untilStopSignal } from './shutdown-signals.js';

interface WorkerCommandOptions extends QueueCommandOptions {
  dataDir?: string;
  stages: Stage[];
  concurrency?: number;
  lockDuration?: number;
  stalledInterval?: number;
  pdfTimeout?: number;
  gracePeriod: number;
  healthPort?: number;
  healthHost: string;
  stuckAfter: number;
}

/**
 * Parses `--stages ocr,structure` into known stages or throws a {@link UsageError}. `link`,
 * a stage of earlier versions, is still accepted and left out, with a note: amendments are
 * linked by the index stage now.
 */
function parseStages(value: string): Stage[] {
  const given = value.split(',').map((s) => s.trim());
  const stages = given.filter((s) => s !== 'link');
  if (stages.length < given.length)
    log('--stages: `link` is deprecated and ignored; the index stage links amendments as it saves');
  const unknown = stages.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length || stages.length === 0) {
    throw new UsageError(`--stages takes some of ${STAGES.join(',')}; unknown: ${unknown.join(',')}`);
  }
  return stages as Stage[];
}

/** Parses `--health-port` (0: any free port, said in the log). */
function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(`--health-port must be 0–65535, got "${value}"`);
  return n;
}

/** A Redis URL fit for a log: without its password. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The fields of a job's log records: its id, stage and file, and the bulletin once known. */
function jobFields(stage: Stage, job: Job | undefined, result?: unknown) {
  const data = job?.data as Partial<FileJobData> | undefined;
  const bulletin = (result as { bulletin?: unknown } | undefined)?.bulletin;
  return {
    jobId: job?.id,
    stage,
    file: data?.file,
    ...(typeof bulletin === 'string' ? { bulletin } : {}),
  };
}

/**
 * Logs Redis errors without flooding: while Redis is away every reconnection attempt fails
 * the same way, so one message is said again at most every 30 s.
 */
function queueErrorLog(logger: Logger): (error: Error) => void {
  let last = { message: '', at: 0 };
  return (error) => {
    const now = Date.now();
    if (error.message === last.message && now - last.at < 30_000) return;
    last = { message: error.message, at: now };
    logger.warn({ code: (error as { code?: string }).code }, `queue: ${error.message}`);
  };
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
    .option(
      '--grace-period <ms>',
      'on SIGTERM, how long to wait for the jobs in hand before leaving them to another worker',
      positiveInteger('--grace-period'),
      DEFAULT_GRACE_MS,
    )
    .option('--health-port <port>', 'answer /healthz, /readyz and /metrics on this port', port)
    .option('--health-host <host>', 'address of the health port (0.0.0.0 for every interface)', '127.0.0.1')
    .option(
      '--stuck-after <ms>',
      'not ready when the jobs in hand have neither started nor ended for this long',
      positiveInteger('--stuck-after'),
      DEFAULT_STUCK_AFTER_MS,
    )
    .action(async function workerAction(this: Command) {
      const options = this.optsWithGlobals<WorkerCommandOptions>();
      const target = queueTarget(options);
      if (!target)
        throw new UsageError('jarida worker needs a queue: --queue redis://host:6379 or REDIS_URL');
      const logger = serviceLogger({ name: 'worker' });
      // Listened for from the start: a worker whose Redis never answered must stop too.
      const stopped = untilStopSignal({
        logger,
        graceful: 'finishing the jobs in hand',
        graceMs: options.gracePeriod,
      });
      await withArchive(options, async ({ dataDir, store }) => {
        const ocr = options.stages.includes('ocr')
          ? new TesseractPool({ size: options.concurrency })
          : undefined;
        const sandbox = new PdfSandbox({ timeoutMs: options.pdfTimeout });
        const metrics = options.healthPort === undefined ? undefined : new WorkerMetrics();
        const workers = QueueWorkers.start({
          target,
          dataDir,
          store,
          openPdf: sandbox.open,
          stages: options.stages,
          ocr,
          lockDurationMs: options.lockDuration,
          stalledIntervalMs: options.stalledInterval,
          metrics,
          onCompleted: (stage, job, result) =>
            logger[stage === 'index' ? 'info' : 'debug'](jobFields(stage, job, result), `${stage} done`),
          onFailed: (stage, job, { code, reason }) =>
            logger.warn(
              { ...jobFields(stage, job), code },
              `${stage} ${job?.id ?? '?'} failed: [${code}] ${reason}`,
            ),
          onError: queueErrorLog(logger),
        });
        let health: WorkerHealth | undefined;
        try {
          if (metrics) {
            health = await WorkerHealth.start({
              target,
              port: options.healthPort!,
              host: options.healthHost,
              metrics,
              activity: () => workers.activity(),
              stuckAfterMs: options.stuckAfter,
            });
            logger.info({ address: health.address }, `health on ${health.address}`);
          }
          const ready = workers.ready().then(
            () => true,
            () => false,
          );
          if (await Promise.race([ready, stopped.then(() => false)])) {
            logger.info(
              { stages: options.stages, prefix: target.prefix },
              `worker ready: stages ${options.stages.join(',')} on ${withoutPassword(target.url)} (prefix ${target.prefix})`,
            );
          }
          await stopped;
        } finally {
          // Also when the health port could not be opened: the workers must not go on alone.
          const { dropped, abandoned } = await workers.close(options.gracePeriod);
          if (dropped) {
            logger.warn(
              { abandoned },
              `stopped waiting for Redis: connections dropped, ${abandoned} jobs in hand left to stalled-job recovery`,
            );
          }
          await Promise.all([health?.close(), ocr?.close(), sandbox.close()]);
          logger.info('worker stopped');
          exitAfterStop();
        }
      });
    });
}
