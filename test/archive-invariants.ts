/**
 * What must hold of an archive whatever happened to the process that wrote it (killed,
 * out of disk): the database is sound, no bulletin is stored in part, every indexed
 * bulletin keeps the artefacts its index can be rebuilt from, every artefact in the data
 * directory parses, and no temporary file of an interrupted write is left.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Every way the archive in `dataDir` breaks the invariants above, as sentences; empty when sound. */
export async function archiveViolations(dataDir: string): Promise<string[]> {
  const violations: string[] = [];
  const files = await readdir(dataDir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of files) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (entry.name.endsWith('.tmp')) violations.push(`temporary file left behind: ${file}`);
    else if (entry.name.endsWith('.json')) {
      try {
        JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        violations.push(`artefact does not parse: ${file}: ${(error as Error).message}`);
      }
    }
  }
  if (files.some((e) => e.name === 'jarida.db')) {
    violations.push(...databaseViolations(dataDir));
    const kept = new Set(files.map((e) => path.relative(dataDir, path.join(e.parentPath, e.name))));
    for (const { id, sha, pageCount } of indexedBulletins(dataDir)) {
      const artefact = (name: string) => path.join('artefacts', sha, name);
      const needed = [
        artefact('bulletin.json'),
        ...Array.from({ length: pageCount }, (_, i) =>
          artefact(`page-${String(i + 1).padStart(4, '0')}.json`),
        ),
      ];
      const missing = needed.filter((f) => !kept.has(f));
      if (missing.length)
        violations.push(`bulletin ${id} is indexed without its artefacts: ${missing.join(', ')}`);
    }
  }
  return violations;
}

/** Bulletins in the store with the file they came from (none before the first migration commits). */
export function indexedBulletins(dataDir: string): { id: string; sha: string; pageCount: number }[] {
  const db = new Database(path.join(dataDir, 'jarida.db'), { readonly: true });
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'bulletins'").get()) return [];
    return db.prepare('SELECT id, source_sha256 AS sha, page_count AS pageCount FROM bulletins').all() as {
      id: string;
      sha: string;
      pageCount: number;
    }[];
  } finally {
    db.close();
  }
}

function databaseViolations(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'jarida.db'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return [`integrity_check: ${String(integrity)}`];
    // Before the first migration ran there is nothing to hold bulletins yet.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'bulletins'").get()) return [];
    const halves = db
      .prepare(
        `SELECT b.id, b.page_count AS expected, count(p.page_index) AS stored
         FROM bulletins b LEFT JOIN pages p ON p.bulletin_id = b.id
         GROUP BY b.id HAVING stored <> expected`,
      )
      .all() as { id: string; expected: number; stored: number }[];
    const textless = db
      .prepare(
        'SELECT b.id FROM bulletins b WHERE NOT EXISTS (SELECT 1 FROM publications p WHERE p.bulletin_id = b.id)',
      )
      .pluck()
      .all() as string[];
    return [
      ...halves.map((h) => `half a bulletin: ${h.id} has ${h.stored} of ${h.expected} pages`),
      ...textless.map((id) => `bulletin without texts: ${id}`),
    ];
  } finally {
    db.close();
  }
}
