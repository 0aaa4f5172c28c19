/**
 * `jarida status` and `jarida retry`: with a queue (`--queue` or `REDIS_URL`), the jobs of
 * each stage and the failed ones; embedded, the archive's counts, the files the embedded
 * ingest could not read and the parser's low-confidence warnings.
 */
import { Command, Option } from 'commander';
import type { FileOutcome } from '../ingest/ingest-stages.js';
import { queueTarget } from '../queue/queue-connection.js';
import { STAGES, type Stage } from '../queue/queue-stages.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { EXIT_OK, EXIT_SOME_FAILED, print, printJson, UsageError, withArchive } from './context.js';
import {
  type IngestCommandOptions,
  printIngestSummary,
  type QueueCommandOptions,
  runIngest,
  withQueue,
} from './ingest-command.js';

interface StatusOptions extends QueueCommandOptions {
  dataDir?: string;
  json?: boolean;
}

function parseStage(value: string): Stage {
  if (!(STAGES as readonly string[]).includes(value)) {
    throw new UsageError(`--stage must be one of ${STAGES.join(', ')}, got "${value}"`);
  }
  return value as Stage;
}

function queueOptions(command: Command): Command {
  return command
    .option('--queue <url>', 'Redis URL of the queues (env REDIS_URL); embedded archive when none')
    .option('--queue-prefix <prefix>', 'key prefix of the queues (env JARIDA_QUEUE_PREFIX, default jarida)');
}

export function statusCommand(): Command {
  return queueOptions(new Command('status'))
    .description(
      'jobs per stage and failures with reasons (embedded: archive counts, failed files, warnings)',
    )
    .option('--json', 'print the status as JSON')
    .action(async function statusAction(this: Command) {
      const options = this.optsWithGlobals<StatusOptions>();
      const target = queueTarget(options);
      await withArchive(options, async (archive) => {
        if (target) {
          const status = await withQueue(target, archive, async (queue) => ({
            mode: 'queue' as const,
            stages: await queue.counts(),
            failures: await queue.failures(),
          }));
          if (options.json) return printJson(status);
          print('stage      waiting  active  completed  failed  delayed');
          for (const s of status.stages) {
            const cells = [s.waiting + s.waitingChildren, s.active, s.completed, s.failed, s.delayed];
            print(
              `${s.stage.padEnd(9)} ${cells.map((c, i) => String(c).padStart([8, 7, 10, 7, 8][i]!)).join(' ')}`,
            );
          }
          for (const f of status.failures) {
            print(`failed ${f.stage}${f.page ? ` page ${f.page}` : ''} ${f.path}: [${f.code}] ${f.reason}`);
          }
          return;
        }
        const ledger = new IngestLedger(archive.dataDir.databasePath);
        try {
          const status = {
            mode: 'embedded' as const,
            archive: ledger.counts(),
            failures: ledger.failures(),
            warnings: ledger.warnings(),
          };
          if (options.json) return printJson(status);
          const a = status.archive;
          print(`${a.bulletins} bulletins, ${a.pages} pages, ${a.texts} texts, ${a.articles} articles`);
          for (const f of status.failures) print(`failed ${f.path}: [${f.code}] ${f.reason}`);
          for (const w of status.warnings)
            for (const text of w.warnings) print(`warning ${w.bulletin}: ${text}`);
        } finally {
          ledger.close();
        }
      });
    });
}

export function retryCommand(): Command {
  return queueOptions(new Command('retry'))
    .description('re-queue failed jobs (embedded: re-ingest the files that failed)')
    .option('--stage <stage>', `only failures of this stage (${STAGES.join(', ')}; queue only)`, parseStage)
    .addOption(
      new Option('--lang <lang>', 'OCR language of embedded re-ingestion')
        .choices(['auto', 'fra', 'ara'])
        .default('auto'),
    )
    .option('--json', 'print { files: [...] } as JSON')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async function retryAction(this: Command) {
      const options = this.optsWithGlobals<StatusOptions & IngestCommandOptions & { stage?: Stage }>();
      const target = queueTarget(options);
      let outcomes: FileOutcome[];
      if (target) {
        outcomes = await withArchive(options, (archive) =>
          withQueue(target, archive, (queue) => queue.retry(options.stage ? [options.stage] : undefined)),
        );
      } else {
        if (options.stage)
          throw new UsageError('--stage applies to queued jobs: embedded retry re-ingests whole files');
        const failed = await withArchive(options, async ({ dataDir }) => {
          const ledger = new IngestLedger(dataDir.databasePath);
          try {
            return ledger.failures().map((f) => f.path);
          } finally {
            ledger.close();
          }
        });
        outcomes = failed.length ? await runIngest(failed, options) : [];
      }
      if (options.json) printJson({ files: outcomes });
      else printIngestSummary(outcomes);
      process.exitCode = outcomes.some((o) => o.status === 'failed') ? EXIT_SOME_FAILED : EXIT_OK;
    });
}
