/** The ingest lock: a second ingest of one data directory fails at once and clearly, until the first ends. */
import { spawn } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/temp-archive.js';
import { IngestLockedError, withIngestLock } from './ingest-lock.js';

const dir = useTempDir('jarida-lock-', 'each');

describe('withIngestLock', () => {
  it('lets one holder in at a time, and the next once it is done', async () => {
    let finish!: () => void;
    const first = withIngestLock(
      dir(),
      () => new Promise<string>((resolve) => (finish = () => resolve('first'))),
    );
    await expect.poll(() => existsSync(join(dir(), 'ingest.lock'))).toBe(true);
    await expect(withIngestLock(dir(), async () => 'second')).rejects.toThrow(IngestLockedError);
    await expect(withIngestLock(dir(), async () => 'second')).rejects.toMatchObject({
      code: 'INGEST_LOCKED',
    });
    finish();
    expect(await first).toBe('first');
    expect(existsSync(join(dir(), 'ingest.lock'))).toBe(false);
    expect(await withIngestLock(dir(), async () => 'second')).toBe('second');
  });

  it('releases the lock when the body throws', async () => {
    await expect(withIngestLock(dir(), () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    expect(await withIngestLock(dir(), async () => 'next')).toBe('next');
  });

  it('takes over a lock whose holder was killed, once stale', async () => {
    // A process that takes the lock and dies without releasing it.
    const code = `const l=require('proper-lockfile');l.lock(${JSON.stringify(dir())},{lockfilePath:${JSON.stringify(join(dir(), 'ingest.lock'))},realpath:false}).then(()=>process.kill(process.pid,'SIGKILL'))`;
    await new Promise((resolve) =>
      spawn(process.execPath, ['-e', code], { stdio: 'ignore' }).on('exit', resolve),
    );
    expect(existsSync(join(dir(), 'ingest.lock'))).toBe(true);
    await expect(withIngestLock(dir(), async () => 'now', { staleMs: 60_000 })).rejects.toThrow(
      IngestLockedError,
    );
    // Its holder refreshed it last a minute and a half ago: stale.
    const past = new Date(Date.now() - 90_000);
    utimesSync(join(dir(), 'ingest.lock'), past, past);
    expect(await withIngestLock(dir(), async () => 'taken over', { staleMs: 60_000 })).toBe('taken over');
  });
  it('takes over at once a lock whose holder on this host is dead, and leaves a live holder alone', async () => {
    const lock = join(dir(), 'ingest.lock');
    // A process that takes the lock, names itself as its holder, and dies without releasing it.
    const code = `const l=require('proper-lockfile'),fs=require('fs'),os=require('os');l.lock(${JSON.stringify(dir())},{lockfilePath:${JSON.stringify(lock)},realpath:false}).then(()=>{fs.writeFileSync(${JSON.stringify(`${lock}.owner`)},JSON.stringify({host:os.hostname(),pid:process.pid}));process.kill(process.pid,'SIGKILL')})`;
    await new Promise((resolve) =>
      spawn(process.execPath, ['-e', code], { stdio: 'ignore' }).on('exit', resolve),
    );
    expect(existsSync(lock)).toBe(true);
    expect(await withIngestLock(dir(), async () => 'taken over', { staleMs: 60_000 })).toBe('taken over');
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(`${lock}.owner`)).toBe(false);
    // A holder that runs (this process) keeps its lock.
    let finish!: () => void;
    const held = withIngestLock(dir(), () => new Promise<void>((resolve) => (finish = resolve)));
    await expect.poll(() => existsSync(`${lock}.owner`)).toBe(true);
    await expect(withIngestLock(dir(), async () => 'second')).rejects.toThrow(IngestLockedError);
    finish();
    await held;
  });
});
