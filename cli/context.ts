/**
 * What every command shares: the data directory and store, JSON output on stdout,
 * logs on stderr, and the exit codes of DESIGN.md (0 ok, 1 some input failed, 2 bad usage).
 */

import { JaridaError, NotFoundError } from '../pipeline/errors.js';
import { escapeControlsInLines } from './terminal-text.js';

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

/** Bad usage the parser could not see (an unknown text id is not one: that is a 1). */
export class UsageError extends JaridaError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** The archive every command opens (ingest/archive.ts, shared with the benches). */
export { type Archive, type ArchiveOptions, openArchive, withArchive } from '../ingest/archive.js';
/** Input the command could not find or read: exit 1 with the message. */
export { NotFoundError };

/** One JSON document on stdout, as the `--json` contract says. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Human output on stdout; controls from input are escaped (cli/terminal-text.ts), line breaks kept. */
export function print(line = ''): void {
  process.stdout.write(`${escapeControlsInLines(line)}\n`);
}

/** Logs and progress go to stderr so stdout stays clean for `--json`; escaped as {@link print}. */
export function log(line: string): void {
  process.stderr.write(`${escapeControlsInLines(line)}\n`);
}

/** Parses a positive integer option or throws a {@link UsageError}. */
export function positiveInteger(name: string) {
  return function parsePositiveInteger(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** Parses `YYYY-MM-DD` or throws a {@link UsageError}. */
export function isoDate(name: string) {
  return function parseIsoDateOption(value: string): string {
    // Date.parse takes 2009-02-30 for 2 March: the day must come back as written.
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      !new Date(Date.parse(value) || 0).toISOString().startsWith(value)
    ) {
      throw new UsageError(`${name} must be a date YYYY-MM-DD that exists, got "${value}"`);
    }
    return value;
  };
}
