/** `jarida dashboard`: the queue dashboard (Bull Board) for archivists, behind `JARIDA_ADMIN_TOKEN`. */
import { Command } from 'commander';
import { queueTarget } from '../queue/queue-connection.js';
import { createQueueDashboard, WeakAdminTokenError } from '../queue/queue-dashboard.js';
import { positiveInteger, UsageError } from './context.js';
import type { QueueCommandOptions } from './ingest-command.js';
import { serviceLogger } from './service-log.js';
import { exitAfterStop, untilStopSignal } from './shutdown-signals.js';
import { httpServiceOptions, type TrustProxy } from './trust-proxy.js';

interface DashboardOptions extends QueueCommandOptions {
  port: number;
  host: string;
  gracePeriod: number;
  trustProxy: TrustProxy;
}

export function dashboardCommand(): Command {
  return httpServiceOptions(new Command('dashboard'))
    .description('serve the queue dashboard (Bull Board); requests need the token in env JARIDA_ADMIN_TOKEN')
    .option('--queue <url>', 'Redis URL of the queues (env REDIS_URL)')
    .option('--queue-prefix <prefix>', 'key prefix of the queues (env JARIDA_QUEUE_PREFIX, default jarida)')
    .option('--port <port>', 'port to listen on', positiveInteger('--port'), 3001)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async function dashboardAction(this: Command) {
      const options = this.optsWithGlobals<DashboardOptions>();
      const target = queueTarget(options);
      if (!target)
        throw new UsageError('jarida dashboard needs a queue: --queue redis://host:6379 or REDIS_URL');
      let app: Awaited<ReturnType<typeof createQueueDashboard>>;
      try {
        app = await createQueueDashboard({
          target,
          token: process.env.JARIDA_ADMIN_TOKEN ?? '',
          trustProxy: options.trustProxy,
        });
      } catch (error) {
        if (error instanceof WeakAdminTokenError) throw new UsageError(error.message);
        throw error;
      }
      const logger = serviceLogger({ name: 'dashboard' });
      const stopped = untilStopSignal({ logger, graceful: 'closing', graceMs: options.gracePeriod });
      const address = await app.listen({ port: options.port, host: options.host });
      logger.info({ address }, `dashboard on ${address}/?token=… (token from JARIDA_ADMIN_TOKEN)`);
      await stopped;
      await app.close();
      exitAfterStop();
    });
}
