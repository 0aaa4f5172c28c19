/**
 * Crash consistency of the embedded ingest: `jarida ingest DIR --json` is killed (SIGKILL)
 * at seeded random points, then re-run to completion, and the archive must equal one
 * ingested without a kill: every text exactly once, no half bulletin, artefacts that all
 * parse, no temporary file left, no stale failure in `jarida status`.
 *
 * A kill point is either the k-th change the ingest makes under its data directory (an
 * original, an artefact, a database write: right after a stage step, k random over the
 * reference run's changes) or a random time between the reference run's first change
 * (the CLI's start-up writes nothing) and its end. A third of the rounds kill a `--force`
 * re-ingest of the finished archive instead of a first ingest. Each round costs two short
 * runs of the CLI; JARIDA_KILL_POINTS raises the count for a longer local run (e.g. 200). The queued mode's faults (worker kill, Redis restart) are covered
 * by queue/queue-faults.test.ts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { type Dirent, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Prng } from '../fixtures/prng.js';
import { IngestStages, isOutcome } from '../ingest/ingest-stages.js';
import { intake } from '../pipeline/intake.js';
import { DataDir, writeAtomically } from '../store/data-dir.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { archiveViolations, indexedBulletins } from './archive-invariants.js';
import { CLI, jarida, json } from './cli.js';
import { generateIssues } from './fixture-archive.js';
import { dumpStore, type StoreDump } from './store-dump.js';

const KILL_POINTS = Number(process.env.JARIDA_KILL_POINTS ?? 10);
const SEED = 9_2026;

interface IngestJson {
  files: { path: string; status: string; reason?: string; bulletin?: string }[];
}

/** Where a run is killed: after the k-th change under the data directory, or after `ms`. */
type KillPoint = { kind: 'change'; k: number } | { kind: 'time'; ms: number };

interface RunOutcome {
  /** Whether the kill landed before the process ended on its own. */
  killed: boolean;
  /** Changes under the data directory seen while it ran. */
  changes: number;
  /** When the first change came, from the start. */
  firstChangeMs: number;
  durationMs: number;
}

let work: string;
let issues: string;
let reference: StoreDump;
let referenceRun: RunOutcome;
let referenceDir: string;
let issueCount: number;

/**
 * Watches a directory and the directories made in it, calling `onChange` on every change; null
 * while `dir` does not exist. Not `watch(dir, { recursive: true })`: on Linux, Node lists each
 * new directory from JavaScript and throws, uncaught, when the ingest has already removed it.
 */
function watchTree(dir: string, onChange: () => void): { close(): void } | null {
  const watchers: FSWatcher[] = [];
  const add = (folder: string): boolean => {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_, name) => {
        onChange();
        const child = name ? path.join(folder, name.toString()) : null;
        if (child && statSync(child, { throwIfNoEntry: false })?.isDirectory()) add(child);
      });
    } catch {
      return false; // not made yet, or removed already
    }
    watcher.on('error', () => watcher.close());
    watchers.push(watcher);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      // removed meanwhile
    }
    for (const entry of entries) if (entry.isDirectory()) add(path.join(folder, entry.name));
    return true;
  };
  if (!add(dir)) return null;
  return {
    close: () => {
      for (const w of watchers) w.close();
    },
  };
}

/** Runs `jarida ingest` over the fixture issues into `dataDir`, killing it at `kill` if given. */
function ingest(dataDir: string, kill?: KillPoint, force = false): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let changes = 0;
    let firstChangeMs = 0;
    let killed = false;
    let watcher: { close(): void } | null = null;
    let timer: NodeJS.Timeout | null = null;
    const child: ChildProcess = spawn(
      process.execPath,
      [
        CLI,
        'ingest',
        issues,
        '--data-dir',
        dataDir,
        '--json',
        '--no-progress',
        ...(force ? ['--force'] : []),
      ],
      { stdio: 'ignore' },
    );
    const stop = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    // The CLI creates the data directory first thing; watch it from then on.
    const watchWhenThere = () => {
      watcher = watchTree(dataDir, () => {
        changes += 1;
        if (changes === 1) firstChangeMs = Date.now() - started;
        if (kill?.kind === 'change' && changes >= kill.k) stop();
      });
      if (!watcher && child.exitCode === null) setTimeout(watchWhenThere, 2);
    };
    watchWhenThere();
    if (kill?.kind === 'time') timer = setTimeout(stop, kill.ms);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      if (!killed && code !== 0) reject(new Error(`ingest exited ${code ?? signal} without being killed`));
      else
        resolve({
          killed: killed && signal === 'SIGKILL',
          changes,
          firstChangeMs,
          durationMs: Date.now() - started,
        });
    });
  });
}

/** What a killed run left: bulletins committed, files read in part (artefacts, no bulletin), temporary files. */
async function leftovers(dataDir: string): Promise<string> {
  const entries = await readdir(dataDir, { recursive: true }).catch(() => [] as string[]);
  const temporary = entries.filter((e) => e.endsWith('.tmp')).length;
  const read = new Set(
    entries.filter((e) => e.startsWith(`artefacts${path.sep}`)).map((e) => e.split(path.sep)[1]!),
  );
  const committed = entries.includes('jarida.db') ? indexedBulletins(dataDir).map((b) => b.sha) : [];
  const partial = [...read].filter((sha) => !committed.includes(sha)).length;
  return `${committed.length} bulletins, ${partial} files read in part, ${temporary} temporary files`;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jarida-crash-'));
  const fixtures = path.join(work, 'fx');
  issueCount = (await generateIssues(fixtures, { seed: 4107, issues: 3 })).issues.length;
  issues = path.join(fixtures, 'issues');
  referenceDir = path.join(work, 'reference');
  referenceRun = await ingest(referenceDir);
  reference = dumpStore(path.join(referenceDir, 'jarida.db'));
  expect(await archiveViolations(referenceDir)).toEqual([]);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe(`the embedded ingest killed at ${KILL_POINTS} random points`, () => {
  test('is finished by a re-run, with the same archive as without a kill', {
    timeout: 60_000 + KILL_POINTS * 30_000,
  }, async () => {
    expect(reference.bulletins).toHaveLength(issueCount);
    const random = new Prng(SEED);
    const survived: string[] = [];
    for (let round = 0; round < KILL_POINTS; round++) {
      const kill: KillPoint = random.chance(0.5)
        ? { kind: 'change', k: random.int(1, Math.max(1, referenceRun.changes)) }
        : { kind: 'time', ms: random.int(referenceRun.firstChangeMs, referenceRun.durationMs) };
      // A third of the rounds kill a `--force` re-ingest of the whole archive instead.
      const force = random.chance(1 / 3);
      const label = `round ${round}: ${force ? '--force re-ingest, ' : ''}kill after ${kill.kind === 'change' ? `change ${kill.k}` : `${kill.ms} ms`}`;
      const dataDir = path.join(work, `round-${round}`);
      if (force) await cp(referenceDir, dataDir, { recursive: true });
      const killedRun = await ingest(dataDir, kill, force);
      // What the kill left must already be sound: no half bulletin, nothing unreadable.
      // (A killed `--force` run may have dropped artefacts of an indexed file: the re-run reads it again.)
      const violations = await archiveViolations(dataDir);
      const dropped = violations.filter((v) => v.includes('indexed without its artefacts'));
      const interim = violations.filter(
        (v) => !v.startsWith('temporary file') && !(force && dropped.includes(v)),
      );
      expect(interim, label).toEqual([]);
      const left = `${await leftovers(dataDir)}, ${dropped.length} indexed files without their artefacts`;

      const rerun = await jarida(['ingest', issues, '--data-dir', dataDir, '--json']);
      expect(rerun.code, `${label}\n${rerun.stderr}`).toBe(0);
      const { files } = json<IngestJson>(rerun);
      expect(
        files.every((f) => f.status === 'ingested' || f.status === 'duplicate'),
        label,
      ).toBe(true);
      expect(dumpStore(path.join(dataDir, 'jarida.db')), label).toEqual(reference);
      expect(await archiveViolations(dataDir), label).toEqual([]);
      const ledger = new IngestLedger(path.join(dataDir, 'jarida.db'));
      try {
        expect(ledger.failures(), label).toEqual([]);
      } finally {
        ledger.close();
      }
      survived.push(`${label}: ${killedRun.killed ? `left ${left}` : 'finished first'}`);
      await rm(dataDir, { recursive: true, force: true });
    }
    // Kills must mostly land mid-run, or the test proves nothing (a run faster than the
    // reference outruns its latest kill points).
    const landed = survived.filter((s) => !s.endsWith('finished first')).length;
    expect(landed, survived.join('\n')).toBeGreaterThanOrEqual(Math.ceil(KILL_POINTS / 2));
    console.log(
      `crash consistency: ${landed} of ${KILL_POINTS} kills landed mid-run, 0 lost or duplicated\n${survived.join('\n')}`,
    );
  });
});

describe('temporary files of killed writers', () => {
  test('are swept when their file is admitted again; a live writer’s are left alone', async () => {
    const file = path.join(issues, (await readdir(issues))[0]!);
    const dataDir = new DataDir(path.join(work, 'sweep'));
    const record = intake(await readFile(file), path.basename(file));
    const host = hostname().replace(/[^A-Za-z0-9-]/g, '-');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const live = spawn('sleep', ['60']);
    const artefacts = path.join(dataDir.root, 'artefacts', record.sha256);
    const temporary = (name: string, writer: string) =>
      path.join(artefacts, `${name}.${writer}.0123456789ab.tmp`);
    const left = {
      killed: temporary('page-0001.json', `${host}.${dead}`),
      killedOriginal: `${dataDir.originalPath(record)}.${host}.${dead}.0123456789ab.tmp`,
      live: temporary('page-0002.json', `${host}.${live.pid}`),
      otherHost: temporary('page-0003.json', `elsewhere.${dead}`),
    };
    for (const f of Object.values(left)) await writeAtomically(f, '{"half":');
    const store = await openSqliteStore(':memory:');
    try {
      const admitted = await new IngestStages({ dataDir, store }).admit(file);
      expect(isOutcome(admitted)).toBe(false);
      const exists = async (f: string) => (await readdir(path.dirname(f))).includes(path.basename(f));
      expect(await exists(left.killed)).toBe(false);
      expect(await exists(left.killedOriginal)).toBe(false);
      expect(await exists(left.live)).toBe(true);
      expect(await exists(left.otherHost)).toBe(true);
    } finally {
      live.kill('SIGKILL');
      await store.close();
    }
  });
});

describe('a file indexed without its artefacts', () => {
  test('is read again by the next run, so the index stays rebuildable from artefacts', async () => {
    // What a `--force` re-ingest killed right after dropping a file's artefacts leaves.
    const dataDir = path.join(work, 'dropped');
    await cp(referenceDir, dataDir, { recursive: true });
    const [dropped] = indexedBulletins(dataDir);
    await rm(path.join(dataDir, 'artefacts', dropped!.sha, 'page-0002.json'));
    expect(await archiveViolations(dataDir)).toEqual([
      `bulletin ${dropped!.id} is indexed without its artefacts: ${path.join('artefacts', dropped!.sha, 'page-0002.json')}`,
    ]);
    const rerun = await jarida(['ingest', issues, '--data-dir', dataDir, '--json']);
    const { files } = json<IngestJson>(rerun);
    expect(files.map((f) => [f.bulletin, f.status]).sort()).toEqual(
      indexedBulletins(referenceDir)
        .map((b) => [b.id, b.id === dropped!.id ? 'ingested' : 'duplicate'])
        .sort(),
    );
    expect(await archiveViolations(dataDir)).toEqual([]);
    expect(dumpStore(path.join(dataDir, 'jarida.db'))).toEqual(reference);
  });
});
