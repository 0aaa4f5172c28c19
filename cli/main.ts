#!/usr/bin/env node
/**
 * `jarida`: the command line. Parses options and calls the rest; no logic of its own.
 * Exit codes: 0 success, 1 some input failed (the rest done), 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_SOME_FAILED, EXIT_USAGE, log, UsageError } from './context.js';
import { dashboardCommand } from './dashboard-command.js';
import { demoCommand } from './demo-command.js';
import { evalCommand } from './eval-command.js';
import { fixturesCommand } from './fixtures-command.js';
import { exportCommand, historyCommand } from './history-commands.js';
import { ingestCommand } from './ingest-command.js';
import { ocrCommand } from './ocr-command.js';
import { searchCommand, showCommand, textsCommand } from './read-commands.js';
import { reindexCommand } from './reindex-command.js';
import { serveCommand } from './serve-command.js';
import { retryCommand, statusCommand } from './status-commands.js';
import { workerCommand } from './worker-command.js';

export function buildProgram(): Command {
  const program = new Command('jarida')
    .description("jarida: Morocco's Bulletin officiel, from scans to searchable, linked law")
    .version('0.1.0')
    .option('--data-dir <dir>', 'archive directory (env JARIDA_DATA_DIR, default ./jarida-data)')
    .option('--es <url>', 'Elasticsearch URL (env ELASTICSEARCH_URL); default: embedded SQLite')
    .showHelpAfterError()
    .exitOverride();
  for (const command of [
    demoCommand(),
    ingestCommand(),
    workerCommand(),
    statusCommand(),
    retryCommand(),
    dashboardCommand(),
    ocrCommand(),
    textsCommand(),
    showCommand(),
    historyCommand(),
    exportCommand(),
    searchCommand(),
    fixturesCommand(),
    evalCommand(),
    reindexCommand(),
    serveCommand(),
  ]) {
    program.addCommand(command);
  }
  exitOverrideEverywhere(program);
  return program;
}

/** Usage errors must end as exit code 2, not commander's own process.exit(1), in every subcommand. */
function exitOverrideEverywhere(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideEverywhere(sub);
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      log(`error: ${error.message}`);
      return EXIT_USAGE;
    }
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_SOME_FAILED;
  }
}

process.exitCode = await main(process.argv);
