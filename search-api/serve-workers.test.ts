import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from './serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'jarida-serve-workers-'));
let server: ServeProcess | undefined;
afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Status of a GET on a connection of its own: a pooled connection to a killed process would fail. */
function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, timeout: 30_000 }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    })
      .on('timeout', function abandon(this: { destroy(error: Error): void }) {
        this.destroy(new Error(`no answer from ${url}`));
      })
      .on('error', reject);
  });
}

/** Pids of the serving processes the primary forked. */
function servingProcesses(primary: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Waits until `count` processes serve, none of them `gone` (a killed one lingers until reaped). */
async function untilServing(primary: number, count: number, gone?: number): Promise<number[]> {
  for (;;) {
    const pids = servingProcesses(primary);
    if (pids.length === count && (gone === undefined || !pids.includes(gone))) return pids;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jarida serve --workers', () => {
  it('serves from several processes on one port and replaces one that dies', async () => {
    server = await startServe(dir, ['--workers', '2']);
    const primary = server.child.pid!;
    const [first, second] = await untilServing(primary, 2);
    const answers = async () =>
      Promise.all(Array.from({ length: 20 }, () => status(`${server!.address}/v1/search?q=loi`)));
    expect(new Set(await answers())).toEqual(new Set([200]));

    process.kill(first!, 'SIGKILL');
    const after = await untilServing(primary, 2, first);
    expect(after).toContain(second);
    // The replacement may still be starting, and the survivor may not have listened yet either.
    while ((await status(`${server.address}/v1/search?q=loi`).catch(() => 0)) !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(new Set(await answers())).toEqual(new Set([200]));

    // Stopping the primary stops every serving process with it.
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server.stop();
    await exited;
    for (const pid of after) {
      while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    server = undefined;
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
