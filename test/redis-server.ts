/**
 * A real redis-server for the queue tests, on a free port, started and stopped by the test
 * itself. Missing redis-server is an error that says how to install it, never a skip: the
 * queue's fault tolerance is only tested against the real thing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Options of {@link startRedis}. */
export interface RedisServerOptions {
  /** Append-only persistence (fsync every write) in a temporary directory, so a restart keeps the jobs. */
  persistent?: boolean;
}

/** A running redis-server. */
export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: no save on the way out) and starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function assertRedisInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed: the queue tests need a real one (apt-get install redis-server; .ci/run does)',
    );
  }
}

/** Sends PING until the server answers PONG. */
async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await new Promise<string>((resolve) => {
      const socket = new Socket();
      let data = '';
      socket.setTimeout(500);
      socket.on('data', (chunk) => {
        data += chunk;
        if (data.includes('\r\n')) socket.end();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(''));
      socket.on('timeout', () => socket.destroy());
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    });
    if (answer.startsWith('+PONG')) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a redis-server on a free port and waits until it answers. */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  assertRedisInstalled();
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'jarida-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | null = null;
  let log = '';
  const launch = async () => {
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (d) => {
      log = (log + d).slice(-4000);
    });
    started.stderr?.on('data', (d) => {
      log = (log + d).slice(-4000);
    });
    child = started;
    try {
      await waitForPing(port);
    } catch (error) {
      started.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${log}`);
    }
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 500) {
      await kill();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
