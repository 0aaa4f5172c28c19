/**
 * The log of jarida's long-running processes (`worker`, `serve`, `dashboard`): one JSON line
 * per record on stderr (`level`, `time`, `msg`, and a job's `jobId`, `stage`, `file`,
 * `bulletin`, `code`) when stderr goes to a file or a log collector, the same records as
 * readable lines on a terminal. It is pino, Fastify's own logger, so the API's records and
 * the process's are one stream. One-shot commands keep their plain lines (cli/context.ts).
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Options of {@link serviceLogger}. */
export interface ServiceLoggerOptions {
  /** The process's role, carried by every record: `worker`, `serve`, `dashboard`. */
  name: string;
  /** Lowest level written; default env `JARIDA_LOG_LEVEL`, else `info`. */
  level?: string;
  /** Readable lines instead of JSON; default: when stderr is a terminal. */
  human?: boolean;
}

/** A logger writing to stderr synchronously, so the last records before an exit are never lost. */
export function serviceLogger(options: ServiceLoggerOptions): Logger {
  const human = options.human ?? Boolean(process.stderr.isTTY);
  const destination = human
    ? pretty({
        destination: 2,
        sync: true,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,name',
      })
    : pino.destination({ dest: 2, sync: true });
  return pino(
    {
      name: options.name,
      level: options.level ?? process.env.JARIDA_LOG_LEVEL ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      // `"level":"warn"` rather than pino's 40: filters and people read the word.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
