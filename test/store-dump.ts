/** Everything an archive's SQLite store holds, in an order independent of insertion order: to compare two archives. */
import Database from 'better-sqlite3';

const TABLES = [
  'bulletins',
  'pages',
  'texts',
  'expressions',
  'publications',
  'articles',
  'article_versions',
] as const;

/** Each table's rows as sorted JSON strings. */
export type StoreDump = Record<(typeof TABLES)[number], string[]>;

export function dumpStore(databasePath: string): StoreDump {
  const db = new Database(databasePath, { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((table) => {
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        // Article row ids follow insertion order, which differs when files finish in another order.
        const comparable = table === 'articles' ? rows.map(({ id: _id, ...row }) => row) : rows;
        return [table, comparable.map((row) => JSON.stringify(row)).sort()];
      }),
    ) as StoreDump;
  } finally {
    db.close();
  }
}
