/**
 * `jarida serve` in a child process, for the browser tests and the load benchmark: the
 * server runs as users run it, in its own process and event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** A running `jarida serve` and the address it listens on. */
export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`. */
  address: string;
  /** What it has printed on stderr so far: its log, for a test's failure message. */
  stderr(): string;
  stop(): void;
}

/**
 * Starts the built CLI (`dist/cli/main.js`) serving `dataDir` on a free loopback port, with
 * `extraArgs` (e.g. `--rate-limit N`); resolves once it prints its address.
 */
export function startServe(dataDir: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const cli = path.resolve('dist/cli/main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match)
        resolve({ child, address: match[1]!, stderr: () => stderr, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`jarida serve exited ${code}: ${stderr}`)));
  });
}
