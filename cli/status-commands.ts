/**
 * `jarida status` and `jarida retry`, over the one `Ingestion` the options choose: with
 * a queue (`--queue` or `REDIS_URL`), the jobs of each stage, the failed ones and the files
 * refused at enqueue; embedded, the archive's counts, the files the embedded ingest could not
 * read and the parser's low-confidence warnings.
 */
import { Command, Option } from 'commander';
import type { IngestionStatus } from '../ingest/ingestion.js';
import { STAGES, type Stage } from '../queue/queue-stages.js';
import { type ArchiveOptions, print, printJson, UsageError } from './context.js';
import {
  commandIngestion,
  type IngestCommandOptions,
  type QueueCommandOptions,
  reportOutcomes,
  withProgress,
} from './ingest-command.js';
import { escapeControls } from './terminal-text.js';

interface StatusOptions extends ArchiveOptions, QueueCommandOptions {
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

function printStatus(status: IngestionStatus): void {
  if (status.mode === 'queue') {
    print('stage      waiting  active  completed  failed  delayed');
    for (const s of status.stages) {
      const cells = [s.waiting + s.waitingChildren, s.active, s.completed, s.failed, s.delayed];
      print(
        `${s.stage.padEnd(9)} ${cells.map((c, i) => String(c).padStart([8, 7, 10, 7, 8][i]!)).join(' ')}`,
      );
    }
    for (const f of status.failures) {
      print(
        `failed ${f.stage}${f.page ? ` page ${f.page}` : ''} ${escapeControls(f.path)}: [${f.code}] ${escapeControls(f.reason)}`,
      );
    }
    for (const f of status.refused)
      print(`refused ${escapeControls(f.path)}: [${f.code}] ${escapeControls(f.reason)}`);
    printWarnings(status.warnings);
    return;
  }
  const a = status.archive;
  print(`${a.bulletins} bulletins, ${a.pages} pages, ${a.texts} texts, ${a.articles} articles`);
  // Paths, reasons and warnings come from input: escaped, so they cannot act on the terminal or forge a line.
  for (const f of status.failures)
    print(`failed ${escapeControls(f.path)}: [${f.code}] ${escapeControls(f.reason)}`);
  printWarnings(status.warnings);
}

/** The parser's warnings and the pages kept flagged, one line each (either mode). */
function printWarnings(warnings: IngestionStatus['warnings']): void {
  for (const w of warnings)
    for (const text of w.warnings) print(`warning ${w.bulletin}: ${escapeControls(text)}`);
}

export function statusCommand(): Command {
  return queueOptions(new Command('status'))
    .description(
      'jobs per stage, failures with reasons, files refused at enqueue (embedded: archive counts, failed files, warnings)',
    )
    .option('--json', 'print the status as JSON')
    .action(async function statusAction(this: Command) {
      const options = this.optsWithGlobals<StatusOptions>();
      const status = await commandIngestion(options, (ingestion) => ingestion.status());
      if (options.json) printJson(status);
      else printStatus(status);
    });
}

export function retryCommand(): Command {
  return queueOptions(new Command('retry'))
    .description('re-queue failed jobs and refused files (embedded: re-ingest the files that failed)')
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
      const outcomes = await commandIngestion(options, (ingestion) => {
        if (options.stage && ingestion.mode === 'embedded')
          throw new UsageError('--stage applies to queued jobs: embedded retry re-ingests whole files');
        return withProgress(ingestion.mode, options, (onEvent) =>
          ingestion.retry(
            { lang: options.lang, stages: options.stage ? [options.stage] : undefined },
            onEvent,
          ),
        );
      });
      reportOutcomes(outcomes, options);
    });
}
