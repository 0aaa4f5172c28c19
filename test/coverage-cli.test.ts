/**
 * `jarida coverage` on a generated archive with known gaps: four issues generated, the third
 * left out, a broken file among the inputs, and a catalogue listing an issue never generated.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureManifest } from '../fixtures/truth.js';
import type { Coverage } from '../store/collection-coverage.js';
import { jarida, json } from './cli.js';
import { generateIssues } from './fixture-archive.js';

let work: string;
let dataDir: string;
let manifest: FixtureManifest;
let catalogue: string;
const numberOf = (id: string) => Number(id.split('-')[2]);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jarida-coverage-'));
  dataDir = path.join(work, 'data');
  manifest = await generateIssues(path.join(work, 'fx'), { seed: 3, issues: 4 });
  const broken = path.join(work, 'broken.pdf');
  await writeFile(broken, '%PDF-1.7\nnot a pdf at all');
  const files = manifest.issues.filter((_, i) => i !== 2).map((issue) => path.join(work, 'fx', issue.file));
  await jarida(['--data-dir', dataDir, 'ingest', ...files, broken, '--json']);
  catalogue = path.join(work, 'catalogue.json');
  const listed = manifest.issues.slice(1).map((issue) => issue.bulletinId);
  await writeFile(catalogue, JSON.stringify([...listed, 'bo-fr-1']));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('jarida coverage', () => {
  it('gives per year the issues held, the numbers missing between them, and the failed file', async () => {
    const run = await jarida(['--data-dir', dataDir, 'coverage', '--json']);
    expect(run.code).toBe(0);
    const coverage = json<Coverage>(run);
    const ids = manifest.issues.map((i) => i.bulletinId);
    const held = ids.filter((_, i) => i !== 2);
    expect(coverage.editions.map((e) => e.edition)).toEqual(['fr']);
    const french = coverage.editions[0]!;
    expect(french.years.flatMap((y) => y.issues.map((i) => i.id))).toEqual(held);
    expect(french.texts).toBeGreaterThan(0);
    // Every number between the first and last held is either held or listed as missing, once.
    const missing = french.missingNumbers.flatMap((g) =>
      Array.from({ length: g.count }, (_, k) => g.from + k),
    );
    expect(missing).toContain(numberOf(ids[2]!));
    const first = numberOf(held[0]!);
    const last = numberOf(held.at(-1)!);
    expect([...missing, ...held.map(numberOf)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: last - first + 1 }, (_, k) => first + k),
    );
    expect(coverage.failures).toEqual([
      expect.objectContaining({ path: path.join(work, 'broken.pdf'), code: expect.any(String) }),
    ]);
  });

  it('compares with a catalogue: the issue never ingested and the one never published are missing', async () => {
    const run = await jarida(['--data-dir', dataDir, 'coverage', '--catalogue', catalogue, '--json']);
    const { catalogue: compared } = json<Coverage>(run);
    expect(compared!.missing.map((m) => m.id)).toEqual([manifest.issues[2]!.bulletinId, 'bo-fr-1']);
    expect(compared!.unexpected).toEqual([manifest.issues[0]!.bulletinId]);
  });

  it('prints the same for a reader, and refuses a catalogue it cannot read', async () => {
    const run = await jarida(['--data-dir', dataDir, 'coverage', '--catalogue', catalogue]);
    expect(run.stdout).toMatch(/^fr {2}3 issues, \d+ pages, \d+ texts; numbers \d+–\d+, \d+ missing/m);
    expect(run.stdout).toContain(`missing: ${manifest.issues[2]!.bulletinId}, bo-fr-1`);
    expect(run.stdout).toContain('failed ');
    const bad = await jarida(['--data-dir', dataDir, 'coverage', '--catalogue', path.join(work, 'none.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no such file');
  });
});
