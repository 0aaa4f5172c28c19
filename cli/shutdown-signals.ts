/**
 * How jarida's long-running processes (`worker`, `serve`, `dashboard`) stop, whatever state
 * they are in: the first SIGTERM or SIGINT begins a graceful stop, which must end within
 * the process's grace period or the process ends anyway; a second signal ends it at once.
 */
import { constants } from 'node:os';
import type { Logger } from 'pino';

/** Options of {@link untilStopSignal}. */
export interface StopSignalOptions {
  logger: Logger;
  /** What the first signal does, for the log: `finishing the jobs in hand`. */
  graceful: string;
  /** Longest the graceful stop may take before the process ends anyway. */
  graceMs: number;
  /** Runs on the second signal before the exit (a primary signals its serving processes). */
  onSecond?: (signal: NodeJS.Signals) => void;
}

/** Time past the grace period for what follows it (closing thread pools, the store) before the process ends anyway. */
const CLOSING_MS = 5_000;

/**
 * Resolves with the first SIGTERM/SIGINT. From then on the process ends at most
 * `graceMs` + 5 s later, and at once (exit code 128 + signal) on a second signal.
 */
export function untilStopSignal(options: StopSignalOptions): Promise<NodeJS.Signals> {
  const { logger } = options;
  return new Promise((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        options.onSecond?.(signal);
        quietly(() => logger.warn({ signal }, `${signal}: stopping now`));
        process.exit(128 + constants.signals[signal]);
      }
      signalled = true;
      // Unreferenced: a stop that ends in time lets the process exit without waiting for it.
      setTimeout(() => {
        quietly(() => logger.error({ graceMs: options.graceMs }, 'graceful stop overran its grace period'));
        process.exit(1);
      }, options.graceMs + CLOSING_MS).unref();
      resolve(signal);
      quietly(() => logger.info({ signal, graceMs: options.graceMs }, `${signal}: ${options.graceful}`));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/** Runs `log`, ignoring a failure: a stderr that is gone (a closed pipe) must not stop a stop. */
function quietly(log: () => void): void {
  try {
    log();
  } catch {}
}

/**
 * Ends the process shortly after a graceful stop is done, should anything still hold it
 * (a client still trying to reconnect to a Redis that is away); a process with nothing left
 * exits by itself before that.
 */
export function exitAfterStop(): void {
  setTimeout(() => process.exit(), 1_000).unref();
}
