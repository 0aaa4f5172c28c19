#!/usr/bin/env node
/**
 * `jarida`: the command line. Parses options and calls the rest; no logic of its own.
 * Exit codes: 0 success, 1 some input failed (the rest done), 2 bad usage.
 */
import cluster from 'node:cluster';
import { Command, CommanderError } from 'commander';
import { EXIT_SOME_FAILED, EXIT_USAGE, log, UsageError } from './context.js';

/**
 * Each command's module, loaded only when that command runs: they pull in BullMQ, the
 * Elasticsearch client, Fastify, sharp or pdf.js, and a short command (`jarida show`) should
 * not pay a second of start-up for all of them.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  demo: async () => (await import('./demo-command.js')).demoCommand(),
  ingest: async () => (await import('./ingest-command.js')).ingestCommand(),
  worker: async () => (await import('./worker-command.js')).workerCommand(),
  status: async () => (await import('./status-commands.js')).statusCommand(),
  retry: async () => (await import('./status-commands.js')).retryCommand(),
  dashboard: async () => (await import('./dashboard-command.js')).dashboardCommand(),
  ocr: async () => (await import('./ocr-command.js')).ocrCommand(),
  texts: async () => (await import('./read-commands.js')).textsCommand(),
  show: async () => (await import('./read-commands.js')).showCommand(),
  history: async () => (await import('./history-commands.js')).historyCommand(),
  export: async () => (await import('./history-commands.js')).exportCommand(),
  coverage: async () => (await import('./coverage-command.js')).coverageCommand(),
  search: async () => (await import('./read-commands.js')).searchCommand(),
  fixtures: async () => (await import('./fixtures-command.js')).fixturesCommand(),
  eval: async () => (await import('./eval-command.js')).evalCommand(),
  reindex: async () => (await import('./reindex-command.js')).reindexCommand(),
  serve: async () => (await import('./serve-command.js')).serveCommand(),
};

/** Global options that take a value: what follows them is no command name. */
const GLOBAL_VALUES = new Set(['--data-dir', '--es']);

/** The command `argv` names, if it names one; otherwise (help, a typo) every command is loaded. */
function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_VALUES.has(arg)) i++;
    else if (!arg.startsWith('-')) return Object.hasOwn(COMMANDS, arg) ? arg : undefined;
  }
  return undefined;
}

/** The program with the commands `argv` needs: the one it names, or all of them. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('jarida')
    .description("jarida: Morocco's Bulletin officiel, from scans to searchable, linked law")
    .version('0.1.0')
    .option('--data-dir <dir>', 'archive directory (env JARIDA_DATA_DIR, default ./jarida-data)')
    .option('--es <url>', 'Elasticsearch URL (env ELASTICSEARCH_URL); default: embedded SQLite')
    .showHelpAfterError()
    .exitOverride();
  const named = commandNamed(argv);
  const wanted = named ? [named] : Object.keys(COMMANDS);
  for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) {
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
    await (await buildProgram(argv)).parseAsync(argv);
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

// `jarida show X | head`: the reader closed the pipe; stop quietly, as other Unix tools do, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});
process.exitCode = await main(process.argv);
// A forked serving process (`serve --workers`) that failed must end, not idle on its channel to the primary.
if (cluster.isWorker && process.exitCode !== 0) process.disconnect();
