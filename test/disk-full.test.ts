/**
 * Disk full, for real: the data directory lives on a small tmpfs mounted in a private mount
 * namespace (`unshare --user --map-root-user --mount`, so no root is needed), a ballast file
 * leaves it little room, and `jarida ingest` runs until writes fail with ENOSPC or
 * SQLITE_FULL. The file that hits it fails with a clear reason and the batch goes on; the
 * database stays sound and what was ingested before stays searchable; once the ballast is
 * deleted a re-run completes the batch with nothing twice.
 *
 * The mount vanishes with its namespace, so one shell inside it runs every step and copies
 * the data directory out after each; the assertions read those copies.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IngestService } from '../ingest/ingest-service.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { DataDir } from '../store/data-dir.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { archiveViolations } from './archive-invariants.js';
import { CLI, jarida } from './cli.js';
import { generateIssues } from './fixture-archive.js';
import { dumpStore } from './store-dump.js';

interface IngestJson {
  files: { path: string; status: string; reason?: string; code?: string; bulletin?: string }[];
}
interface SearchJson {
  hits: { textId: string }[];
}

/** Room left on the tmpfs after the first files and the ballast: enough for about one more issue. */
const HEADROOM_KB = 400;

/**
 * The steps, in the namespace: mount, ingest the first files, fill the disk with ballast,
 * ingest the batch (it runs out of space), search the full archive, free the space, re-run.
 */
const SCRIPT = `set -u
mount -t tmpfs -o size=4m tmpfs "$MNT" || exit 90
jarida() { "$NODE" "$CLI" "$@" --data-dir "$MNT/data"; }
jarida ingest $FIRST --json > "$OUT/first.json" 2> "$OUT/first.err"
avail=$(df -k --output=avail "$MNT" | tail -1)
dd if=/dev/zero of="$MNT/ballast" bs=1k count=$((avail - ${HEADROOM_KB})) 2> /dev/null
jarida ingest "$ISSUES" --json > "$OUT/full.json" 2> "$OUT/full.err"; echo $? > "$OUT/full.code"
jarida search "$QUERY" --json > "$OUT/full-search.json" 2> "$OUT/full-search.err"
cp -a "$MNT/data" "$OUT/full-data"
rm "$MNT/ballast"
jarida ingest "$ISSUES" --json > "$OUT/rerun.json" 2> "$OUT/rerun.err"; echo $? > "$OUT/rerun.code"
cp -a "$MNT/data" "$OUT/rerun-data"
`;

/** How to get a private mount namespace here: unprivileged through a user namespace, else as root. */
function namespaceCommand(): string[] {
  const probe = (args: string[]) =>
    spawnSync('unshare', [...args, 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', tmpdir()], {
      encoding: 'utf8',
    });
  const unprivileged = ['--user', '--map-root-user', '--mount'];
  const first = probe(unprivileged);
  if (first.status === 0) return unprivileged;
  if (process.getuid?.() === 0 && probe(['--mount']).status === 0) return ['--mount'];
  throw new Error(
    `the disk-full test mounts a small tmpfs in a private namespace, and neither \`unshare ${unprivileged.join(' ')}\` nor (as root) \`unshare --mount\` works here: ${first.error?.message ?? first.stderr.trim()}. ` +
      'Install util-linux and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or kernel.apparmor_restrict_unprivileged_userns=0), or run the tests as root.',
  );
}

let work: string;
let out: string;
let files: string[];
let firstFiles: string[];
let query: { text: string; title: string };
const readJson = async <T>(name: string) => JSON.parse(await readFile(path.join(out, name), 'utf8')) as T;

beforeAll(async () => {
  const namespace = namespaceCommand();
  work = await mkdtemp(path.join(tmpdir(), 'jarida-disk-full-'));
  out = path.join(work, 'out');
  const mnt = path.join(work, 'mnt');
  await Promise.all([mkdir(out), mkdir(mnt)]);
  const fixtures = path.join(work, 'fx');
  const manifest = await generateIssues(fixtures, { seed: 3301, issues: 5 });
  const issues = [...manifest.issues].sort((a, b) => a.file.localeCompare(b.file));
  files = issues.map((i) => path.join(fixtures, i.file));
  firstFiles = files.slice(0, 2);
  const truth = JSON.parse(await readFile(path.join(fixtures, issues[0]!.truth), 'utf8')) as BulletinTruth;
  query = { text: truth.texts[0]!.id, title: truth.texts[0]!.title };

  const run = spawnSync('unshare', [...namespace, 'sh', '-c', SCRIPT], {
    encoding: 'utf8',
    env: {
      ...process.env,
      MNT: mnt,
      OUT: out,
      NODE: process.execPath,
      CLI,
      FIRST: firstFiles.join(' '),
      ISSUES: path.dirname(files[0]!),
      QUERY: query.title,
    },
  });
  expect(run.status, `${run.stderr}\n${run.error?.message ?? ''}`).toBe(0);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('ingesting onto a full disk', () => {
  test('fails the files that hit ENOSPC with a clear reason; the rest of the batch is reported', async () => {
    const first = await readJson<IngestJson>('first.json');
    expect(first.files.map((f) => f.status)).toEqual(['ingested', 'ingested']);
    const full = await readJson<IngestJson>('full.json');
    expect(Number(await readFile(path.join(out, 'full.code'), 'utf8'))).toBe(1);
    expect(full.files).toHaveLength(files.length);
    const failed = full.files.filter((f) => f.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.code).toBe('DISK_FULL');
      expect(f.reason).toMatch(
        /^disk full, free space in the data directory and re-run \((ENOSPC|database or disk is full)/,
      );
    }
    for (const f of firstFiles) expect(full.files.find((o) => o.path === f)?.status).toBe('duplicate');
    console.log(
      `disk full: ${failed.length} of ${full.files.length} files failed DISK_FULL\n${full.files
        .map((f) => `${path.basename(f.path)}: ${f.status}${f.reason ? ` (${f.reason})` : ''}`)
        .join('\n')}`,
    );
  });

  test('leaves a sound database holding whole bulletins, still searchable', async () => {
    const dataDir = path.join(out, 'full-data');
    expect(await archiveViolations(dataDir)).toEqual([]);
    const full = await readJson<IngestJson>('full.json');
    const kept = full.files.filter((f) => f.status !== 'failed').map((f) => f.bulletin);
    const stored = dumpStore(path.join(dataDir, 'jarida.db')).bulletins.map(
      (row) => (JSON.parse(row) as { id: string }).id,
    );
    expect(stored.sort()).toEqual(kept.sort());
    const search = await readJson<SearchJson>('full-search.json');
    expect(search.hits.map((h) => h.textId)).toContain(query.text);
    // Each failure is in the ledger for `jarida status`, or says why the full disk kept it out.
    const ledger = new IngestLedger(path.join(dataDir, 'jarida.db'));
    try {
      const listed = new Set(ledger.failures().map((f) => f.path));
      for (const f of full.files.filter((o) => o.status === 'failed')) {
        if (!listed.has(f.path)) expect(f.reason).toMatch(/\(not recorded for jarida status: .+\)$/);
      }
      expect(ledger.failures().every((f) => f.code === 'DISK_FULL')).toBe(true);
    } finally {
      ledger.close();
    }
  });

  test('once space is freed, a re-run completes the batch with nothing twice', async () => {
    expect(
      Number(await readFile(path.join(out, 'rerun.code'), 'utf8')),
      await readFile(path.join(out, 'rerun.err'), 'utf8'),
    ).toBe(0);
    const rerun = await readJson<IngestJson>('rerun.json');
    expect(rerun.files.every((f) => f.status === 'ingested' || f.status === 'duplicate')).toBe(true);
    const dataDir = path.join(out, 'rerun-data');
    expect(await archiveViolations(dataDir)).toEqual([]);
    // The same archive as one ingested on a disk with room.
    const reference = path.join(work, 'reference');
    const ingested = await jarida(['ingest', ...files, '--data-dir', reference, '--json']);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(dumpStore(path.join(dataDir, 'jarida.db'))).toEqual(dumpStore(path.join(reference, 'jarida.db')));
    const ledger = new IngestLedger(path.join(dataDir, 'jarida.db'));
    try {
      expect(ledger.failures()).toEqual([]);
    } finally {
      ledger.close();
    }
  });
});

describe('a failure ledger on a full disk', () => {
  test('cannot stop the batch: a failure it could not record says so', async () => {
    const dataDir = new DataDir(path.join(work, 'ledger-full'));
    await dataDir.ensure();
    const store = await openSqliteStore(dataDir.databasePath);
    const empty = path.join(work, 'BO_0000_fr.pdf');
    await writeFile(empty, '');
    // The ledger's own write hits the full disk as SQLite reports it.
    const ledger = new IngestLedger(dataDir.databasePath);
    ledger.record = async () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    // Clean issues carry a text layer: nothing to recognise.
    const ocr = {
      size: 1,
      recognize: () => Promise.reject(new Error('no OCR expected')),
      close: async () => {},
    };
    try {
      const outcomes = await new IngestService({ dataDir, store, ocr, ledger }).ingest([empty, files[0]!]);
      expect(outcomes.map((o) => o.status)).toEqual(['failed', 'ingested']);
      expect(outcomes[0]!.reason).toMatch(/ \(not recorded for jarida status: database or disk is full\)$/);
    } finally {
      ledger.close();
      await store.close();
    }
  });
});
