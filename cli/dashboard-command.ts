/** `jarida dashboard`: the queue dashboard (Bull Board) for archivists, behind `JARIDA_ADMIN_TOKEN`. */
import { Command } from 'commander';
import { queueTarget } from '../queue/queue-connection.js';
import { createQueueDashboard, WeakAdminTokenError } from '../queue/queue-dashboard.js';
import { log, positiveInteger, UsageError } from './context.js';
import type { QueueCommandOptions } from './ingest-command.js';

interface DashboardOptions extends QueueCommandOptions {
  port: number;
  host: string;
}

export function dashboardCommand(): Command {
  return new Command('dashboard')
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
        app = await createQueueDashboard({ target, token: process.env.JARIDA_ADMIN_TOKEN ?? '' });
      } catch (error) {
        if (error instanceof WeakAdminTokenError) throw new UsageError(error.message);
        throw error;
      }
      const address = await app.listen({ port: options.port, host: options.host });
      log(`dashboard on ${address}/?token=… (token from JARIDA_ADMIN_TOKEN)`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await app.close();
    });
}
