/**
 * `reindex` rebuilds the archive it was given: after a `--force` replacement of an issue, the
 * replacement's texts, not the replaced file's, whatever order the artefacts sort in.
 */
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { amendingBulletins, LOI_29_14 } from '../store/testing/contract-amendments.js';
import { contractBulletins, makeBulletin, makePages, type TextSpec } from '../store/testing/contract-data.js';
import { dumpStore } from '../test/store-dump.js';
import { currentFiles, reindex } from './reindex.js';

/** A text the replacement prints instead of loi 29-14. */
const ARRETE_REPLACEMENT: TextSpec = {
  type: 'arrete',
  number: '3011-15',
  title: "Arrêté du ministre de l'intérieur n° 3011-15 fixant les modalités de déclaration des associations",
  signedOn: '2015-02-25',
  page: 1210,
  articles: [
    ['1', 'Article premier', 'La déclaration des associations est déposée auprès de l’autorité locale.'],
  ],
};
const ORIGINAL_SHA = '1'.repeat(64);
/** Sorts before the original's: rebuilding in hash order, the original would come last and win. */
const REPLACEMENT_SHA = '0'.repeat(64);

let dir: string;
let dataDir: DataDir;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jarida-reindex-'));
  dataDir = new DataDir(join(dir, 'data'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function keep(sha: string, parsed: ParsedBulletin): Promise<void> {
  await dataDir.saveBulletin(sha, parsed);
  for (const page of makePages(parsed)) await dataDir.savePage(sha, page);
}

/** An archive where issue 6340 (loi 29-14, amending loi 09-08) was replaced with `--force`. */
async function archiveWithReplacement(databasePath: string) {
  await dataDir.ensure();
  const store = await openSqliteStore(databasePath);
  const issues = [...contractBulletins(), ...amendingBulletins()];
  for (const parsed of issues) {
    await keep(parsed.bulletin.sourceSha256, parsed);
    await store.saveBulletin(parsed, makePages(parsed));
  }
  const original = issues.find((p) => p.bulletin.sourceSha256 === ORIGINAL_SHA)!;
  expect(original.texts.map((t) => t.id)).toEqual(['loi-29-14']);
  // The original was written before the replacement came.
  const longAgo = new Date('2024-01-01T00:00:00Z');
  utimesSync(join(dataDir.root, 'artefacts', ORIGINAL_SHA, 'bulletin.json'), longAgo, longAgo);
  const replacement = makeBulletin('fr', '6340', '2015-03-12', REPLACEMENT_SHA, [ARRETE_REPLACEMENT]);
  expect(replacement.bulletin.id).toBe(original.bulletin.id);
  await keep(REPLACEMENT_SHA, replacement);
  await store.saveBulletin(replacement, makePages(replacement));
  return store;
}

describe('reindex after a --force replacement', () => {
  it('rebuilds the archive as it was: the replacement kept, the replaced file left out', async () => {
    const databasePath = join(dir, 'data', 'jarida.db');
    const store = await archiveWithReplacement(databasePath);
    const before = dumpStore(databasePath);
    expect(before.texts.join('\n')).toContain('arrete-3011-15');
    expect(before.texts.join('\n')).not.toContain(LOI_29_14.number);
    const superseded: string[] = [];
    await reindex(store, dataDir, { onSuperseded: (file) => superseded.push(file.sha256) });
    expect(dumpStore(databasePath)).toEqual(before);
    expect(superseded).toEqual([ORIGINAL_SHA]);
    await store.close();
  });

  it('into an empty store (a first Elasticsearch build), takes the file written last', async () => {
    const databasePath = join(dir, 'data', 'jarida.db');
    await (await archiveWithReplacement(databasePath)).close();
    const fresh = await openSqliteStore(join(dir, 'fresh.db'));
    const { current, superseded } = await currentFiles(dataDir, fresh);
    expect(current).toContain(REPLACEMENT_SHA);
    expect(superseded).toEqual([{ sha256: ORIGINAL_SHA, bulletin: 'bo-fr-6340', current: REPLACEMENT_SHA }]);
    await reindex(fresh, dataDir);
    await fresh.close();
    expect(dumpStore(join(dir, 'fresh.db'))).toEqual(dumpStore(databasePath));
  });
});
