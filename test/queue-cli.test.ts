/**
 * The queue's commands as an archivist runs them: `status` and `retry` on the embedded
 * archive, and `worker`, `ingest --queue`, `status --queue` against a real redis-server.
 */
import { spawn } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI, jarida, json } from './cli.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { generateFixtureFiles, useTempDir } from './temp-archive.js';

interface FilesJson {
  files: { path: string; status: string; code?: string; bulletin?: string; pages?: number }[];
}

const work = useTempDir('jarida-queue-cli-');
let issues: string[];
/** No queue unless a test names one. */
const EMBEDDED = { REDIS_URL: '' };

beforeAll(async () => {
  ({ files: issues } = await generateFixtureFiles(path.join(work(), 'fx'), {
    seed: 41,
    issues: 2,
    edition: 'fr',
    quality: 'clean',
  }));
});

describe('embedded status and retry', () => {
  test('status lists the archive and a failed file; retry re-ingests it once it is readable', async () => {
    const dataDir = path.join(work(), 'embedded');
    const broken = path.join(work(), 'BO_4999_fr.pdf');
    await writeFile(broken, (await readFile(issues[1]!)).subarray(0, 2500));
    const ingest = await jarida(['ingest', issues[0]!, broken, '--data-dir', dataDir, '--json'], EMBEDDED);
    expect(ingest.code).toBe(1);

    const status = json<{
      mode: string;
      archive: { bulletins: number; pages: number; texts: number; articles: number };
      failures: { path: string; code: string; reason: string }[];
    }>(await jarida(['status', '--data-dir', dataDir, '--json'], EMBEDDED));
    expect(status.mode).toBe('embedded');
    expect(status.archive.bulletins).toBe(1);
    expect(status.archive.articles).toBeGreaterThan(0);
    expect(status.failures).toEqual([expect.objectContaining({ path: broken, code: 'CORRUPT_PDF' })]);

    expect((await jarida(['retry', '--stage', 'ocr', '--data-dir', dataDir], EMBEDDED)).code).toBe(2);
    await copyFile(issues[1]!, broken);
    const retry = await jarida(['retry', '--data-dir', dataDir, '--json'], EMBEDDED);
    expect(retry.code, retry.stderr).toBe(0);
    expect(json<FilesJson>(retry).files).toEqual([
      expect.objectContaining({ path: broken, status: 'ingested' }),
    ]);
    const after = json<typeof status>(await jarida(['status', '--data-dir', dataDir, '--json'], EMBEDDED));
    expect(after.failures).toEqual([]);
    expect(after.archive.bulletins).toBe(2);
  });
});

describe('queued commands', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  test('a worker processes what ingest --queue enqueues; status counts it; SIGTERM stops the worker cleanly', async () => {
    const dataDir = path.join(work(), 'queued');
    const queue = ['--queue', redis.url, '--queue-prefix', 'cli', '--data-dir', dataDir];
    expect((await jarida(['worker', '--data-dir', dataDir], EMBEDDED)).code).toBe(2);
    // `link`, a stage of earlier versions, is accepted with a note; alone it names no stage.
    const retired = await jarida(['worker', '--stages', 'structure,link', '--data-dir', dataDir], EMBEDDED);
    expect(retired.stderr).toContain('`link` is deprecated and ignored');
    expect(retired.stderr).toContain('needs a queue');
    expect((await jarida(['worker', '--stages', 'link', '--data-dir', dataDir], EMBEDDED)).code).toBe(2);

    const worker = spawn(process.execPath, [CLI, 'worker', ...queue, '--concurrency', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    worker.stderr.on('data', (d) => {
      log += d;
    });
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    try {
      const ingest = await jarida(['ingest', ...issues, ...queue, '--json']);
      expect(ingest.code, ingest.stderr).toBe(0);
      const files = json<FilesJson>(ingest).files;
      expect(files.map((f) => f.status)).toEqual(['ingested', 'ingested']);

      const again = await jarida(['ingest', issues[0]!, ...queue, '--no-wait', '--json']);
      expect(json<FilesJson>(again).files.map((f) => f.status)).toEqual(['duplicate']);

      // A file refused at enqueue fails the command, and `status` lists it until `retry` takes it up.
      const broken = path.join(work(), 'BO_4998_fr.pdf');
      await writeFile(broken, (await readFile(issues[1]!)).subarray(0, 2500));
      const refused = await jarida(['ingest', broken, ...queue, '--no-wait', '--json']);
      expect(refused.code, refused.stderr).toBe(1);
      expect(json<FilesJson>(refused).files).toEqual([
        expect.objectContaining({ path: broken, status: 'failed', code: 'CORRUPT_PDF' }),
      ]);

      type QueueStatus = {
        mode: string;
        stages: { stage: string; completed: number; failed: number }[];
        refused: { path: string; code: string }[];
      };
      const status = json<QueueStatus>(await jarida(['status', ...queue, '--json']));
      expect(status.mode).toBe('queue');
      expect(status.refused).toEqual([expect.objectContaining({ path: broken, code: 'CORRUPT_PDF' })]);
      const pages = files.reduce((n, f) => n + (f.pages ?? 0), 0);
      expect(status.stages.map((s) => [s.stage, s.completed, s.failed])).toEqual([
        ['ocr', pages + 2, 0], // a job per page, and each file's peer job
        ['structure', 2, 0],
        ['index', 2, 0],
      ]);

      await copyFile(issues[1]!, broken);
      const retry = await jarida(['retry', ...queue, '--json']);
      expect(retry.code, retry.stderr).toBe(0);
      expect(json<FilesJson>(retry).files).toEqual([
        expect.objectContaining({ path: broken, status: 'duplicate' }),
      ]);
      expect(json<QueueStatus>(await jarida(['status', ...queue, '--json'])).refused).toEqual([]);
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited, log).toBe(0);
    expect(log).toContain('SIGTERM: finishing the jobs in hand');
  });
});
