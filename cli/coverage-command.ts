/** `jarida coverage`: what the archive holds and what is missing, per edition and year. */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { Edition } from '../pipeline/model.js';
import {
  type CatalogueEntry,
  CatalogueError,
  type Coverage,
  collectionCoverage,
  parseCatalogue,
} from '../store/collection-coverage.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { type ArchiveOptions, print, printJson, UsageError, withArchive } from './context.js';

const range = ({ from, to }: { from: number; to: number }) => (from === to ? `${from}` : `${from}–${to}`);

async function readCatalogue(file: string): Promise<CatalogueEntry[]> {
  const content = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--catalogue ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  try {
    return parseCatalogue(content);
  } catch (error) {
    if (error instanceof CatalogueError) throw new UsageError(`--catalogue ${file}: ${error.message}`);
    throw error;
  }
}

function printCoverage(coverage: Coverage): void {
  for (const e of coverage.editions) {
    const missing = e.missingNumbers.reduce((n, g) => n + g.count, 0);
    print(
      `${e.edition}  ${e.issues} issues, ${e.pages} pages, ${e.texts} texts` +
        (e.numbers ? `; numbers ${range(e.numbers)}` : '') +
        (missing ? `, ${missing} missing: ${e.missingNumbers.map(range).join(', ')}` : ''),
    );
    for (const y of e.years) {
      const numbers = y.issues.map((i) => (i.suffix ? `${i.number} ${i.suffix}` : i.number)).join(', ');
      const holes = y.missingPages.length ? `; pages missing ${y.missingPages.map(range).join(', ')}` : '';
      print(
        `  ${y.year ?? 'undated'}  ${y.issues.length} issues (${numbers}), ${y.pages} pages, ${y.texts} texts${holes}`,
      );
    }
  }
  if (coverage.editions.length === 0) print('the archive holds no issue');
  for (const f of coverage.flagged) print(`check ${f.bulletin}: ${f.reasons.join('; ')}`);
  for (const f of coverage.failures) print(`failed ${f.path}: [${f.code}] ${f.reason}`);
  const c = coverage.catalogue;
  if (c) {
    print(
      `catalogue: ${c.expected} issues expected, ${c.missing.length} missing, ${c.unexpected.length} not listed`,
    );
    if (c.missing.length) print(`  missing: ${c.missing.map((m) => m.id).join(', ')}`);
    if (c.unexpected.length) print(`  not in the catalogue: ${c.unexpected.join(', ')}`);
  }
}

export function coverageCommand(): Command {
  return new Command('coverage')
    .description(
      'what the archive holds and lacks: issues per edition and year, missing numbers and pages, issues to check, failed files',
    )
    .addOption(new Option('--edition <edition>', 'only this edition').choices(['fr', 'ar']))
    .option(
      '--catalogue <file>',
      'CSV or JSON list of the issues expected: adds which are missing and which are not listed',
    )
    .option(
      '--json',
      'print { editions: [{ edition, years: [{ year, issues }], missingNumbers }], flagged, failures, catalogue }',
    )
    .action(async function coverageAction(this: Command) {
      const o = this.optsWithGlobals<
        ArchiveOptions & { edition?: Edition; catalogue?: string; json?: boolean }
      >();
      const catalogue = o.catalogue ? await readCatalogue(o.catalogue) : undefined;
      const coverage = await withArchive({ ...o, existing: true }, async ({ store, dataDir }) => {
        const ledger = new IngestLedger(dataDir.databasePath);
        try {
          const failures = ledger.failures().map(({ path, code, reason }) => ({ path, code, reason }));
          return await collectionCoverage(store, dataDir, { edition: o.edition, catalogue, failures });
        } finally {
          ledger.close();
        }
      });
      if (o.json) printJson(coverage);
      else printCoverage(coverage);
    });
}
