/**
 * The hostile-input corpus (fixtures/hostile-inputs.ts) ingested in one batch with a good
 * issue, through the built CLI as an archivist runs it: every bad file fails alone with its
 * code and reason, the issue is ingested, a re-run changes nothing, and memory stays bounded.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateHostileInputs, type HostileInput } from '../fixtures/hostile-inputs.js';
import { type CliResult, jarida, json } from './cli.js';
import { generateIssues } from './fixture-archive.js';
import { dumpStore } from './store-dump.js';
import { useTempDir } from './temp-archive.js';

interface IngestJson {
  files: {
    path: string;
    status: string;
    reason?: string;
    code?: string;
    bulletin?: string;
    texts?: number;
  }[];
}

/**
 * Peak resident memory allowed to the ingesting process, in MB. A run of this batch peaks
 * near 310 MB (Node, sharp, tesseract workers, one pdf.js thread). Decoding the PNG
 * bomb would need 50 GB, rendering the huge page 3.6 GB, and the form bomb grows without
 * end: any one of them let through breaks the bound.
 */
const MAX_RSS_MB = 1024;

/** Prints the process's peak RSS (kB) on stderr as it exits. */
const REPORT_MAX_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS+'\\n'))`;

const work = useTempDir('jarida-hostile-');
let corpus: HostileInput[];
let files: string[];
let goodFile: string;
let goodBulletin: string;

/** `jarida ingest` of the batch, in a process that reports its peak RSS. */
async function ingest(dataDir: string): Promise<CliResult & { maxRssMb: number }> {
  const args = [
    'ingest',
    ...files,
    '--data-dir',
    dataDir,
    '--json',
    '--pdf-timeout',
    '5000',
    '--no-progress',
  ];
  const result = await jarida(args, { NODE_OPTIONS: `--import=${REPORT_MAX_RSS}` });
  const kb = Number(/maxRSS=(\d+)/.exec(result.stderr)?.[1]);
  return { ...result, maxRssMb: kb / 1024 };
}

beforeAll(async () => {
  const manifest = await generateIssues(path.join(work(), 'fx'), { seed: 909, issues: 1 });
  goodFile = path.join(work(), 'fx', manifest.issues[0]!.file);
  goodBulletin = manifest.issues[0]!.bulletinId;
  corpus = await generateHostileInputs();
  await mkdir(path.join(work(), 'hostile'));
  const hostile = corpus.map((c) => path.join(work(), 'hostile', c.name));
  await Promise.all(corpus.map((c, i) => writeFile(hostile[i]!, c.bytes)));
  files = [...hostile, goodFile];
}, 60_000);

describe('a batch of hostile inputs beside a good issue', () => {
  test('each hostile file fails alone with its code, the issue is ingested, memory stays bounded; a re-run changes nothing', async () => {
    const dataDir = path.join(work(), 'data');
    const first = await ingest(dataDir);
    expect(first.code, first.stderr).toBe(1);
    const outcomes = json<IngestJson>(first).files;
    expect(outcomes).toHaveLength(corpus.length + 1);
    const rejected = corpus.filter((c) => c.expectedCode);
    // Legitimately readable inputs (1 and 16-bit TIFFs, wrong extensions) are read by content.
    corpus.forEach((input, i) => {
      const outcome = outcomes[i]!;
      const number = /BO_(\d+)/.exec(input.name)![1]!;
      expect({ name: input.name, status: outcome.status, code: outcome.code }).toEqual({
        name: input.name,
        status: input.expectedCode ? 'failed' : 'ingested',
        code: input.expectedCode ?? undefined,
      });
      if (!input.expectedCode) {
        expect(outcome.bulletin).toBe(`bo-fr-${number}`);
        return;
      }
      // A reason an archivist can act on: words, not a stack trace.
      expect(outcome.reason).toMatch(/\w{4,}/);
      expect(outcome.reason).not.toMatch(/\n\s+at /);
    });
    expect(outcomes.at(-1)).toMatchObject({ path: goodFile, status: 'ingested', bulletin: goodBulletin });
    expect(outcomes.at(-1)!.texts).toBeGreaterThan(0);
    expect(first.maxRssMb).toBeGreaterThan(0);
    expect(first.maxRssMb).toBeLessThan(MAX_RSS_MB);

    expect(rejected.length).toBeGreaterThanOrEqual(11);
    const { texts } = json<{ texts: { id: string }[] }>(
      await jarida(['texts', '--data-dir', dataDir, '--json']),
    );
    expect(texts.length).toBe(outcomes.at(-1)!.texts);

    const before = dumpStore(path.join(dataDir, 'jarida.db'));
    const again = await ingest(dataDir);
    expect(again.code, again.stderr).toBe(1);
    const rerun = json<IngestJson>(again).files;
    expect(rerun.map((o) => [o.status, o.code])).toEqual([
      ...corpus.map((c) => (c.expectedCode ? ['failed', c.expectedCode] : ['duplicate', undefined])),
      ['duplicate', undefined],
    ]);
    expect(dumpStore(path.join(dataDir, 'jarida.db'))).toEqual(before);
    console.log(
      `hostile batch: ${corpus.length} odd files (${rejected.length} rejected) + 1 issue, peak RSS ${Math.round(first.maxRssMb)} MB`,
    );
  }, 120_000);
});
