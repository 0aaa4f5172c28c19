import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** Status of a GET on a connection of its own (a pooled connection to a killed process would fail); 0 if refused. */
function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(url, { agent: false, timeout: 30_000 }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    })
      .on('timeout', function abandon(this: { destroy(): void }) {
        this.destroy();
      })
      .on('error', () => resolve(0));
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

/** Whether `pid` runs: a zombie (exited, not yet reaped by whoever adopted it) does not. */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Polls `probe` until it returns a value, failing after a minute with `what` and the server's
 * log: a loaded CI machine is slow, but a wait that never ends says nothing.
 */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within 60 s. Server log:\n${server?.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `count` processes serve, none of them `gone` (a killed one lingers until reaped). */
function serving(primary: number, count: number, gone: number[] = []): Promise<number[]> {
  return until(`${count} serving processes, none of ${gone}`, () => {
    const pids = servingProcesses(primary);
    return pids.length === count && !pids.some((pid) => gone.includes(pid)) ? pids : undefined;
  });
}

/** Twenty searches at once on the address the server announced: every one answered 200. */
async function answersAll(): Promise<void> {
  const url = `${server!.address}/v1/search?q=loi`;
  // A replacement may still be starting: wait until the port answers at all.
  await until(`an answer on ${server!.address}`, async () =>
    (await status(url)) === 200 ? true : undefined,
  );
  expect(new Set(await Promise.all(Array.from({ length: 20 }, () => status(url))))).toEqual(new Set([200]));
}

describe('jarida serve --workers', () => {
  it('serves from several processes on one port, replaces one that dies, and keeps the port when all die', async () => {
    server = await startServe(dir, ['--workers', '2']);
    const primary = server.child.pid!;
    const [first, second] = await serving(primary, 2);
    await answersAll();

    process.kill(first!, 'SIGKILL');
    const after = await serving(primary, 2, [first!]);
    expect(after).toContain(second);
    await answersAll();

    // With none left listening, the replacements must listen on the announced port, not on new ones.
    for (const pid of after) process.kill(pid, 'SIGKILL');
    const replacements = await serving(primary, 2, after);
    await answersAll();

    // Stopping the primary stops every serving process with it.
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server.stop();
    await exited;
    await until('every serving process stopped', () => (replacements.some(running) ? undefined : true));
    server = undefined;
  });
});
