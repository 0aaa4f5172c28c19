/**
 * What the archive holds and what it lacks (`jarida coverage`, `/v1/coverage`, the web home
 * page): per edition and year, the issues held with their printed page ranges and text counts;
 * the numbers missing from each edition's continuous numbering; printed pages missing within a
 * year (page numbers run on across a year); the issues an archivist should check; the files
 * that failed; and, given a catalogue of the issues expected, which are missing and which are
 * not in it. Computed from the store and the bulletins' artefacts, never kept.
 */
import { z } from 'zod';
import { bulletinId, isUnidentified, parseBulletinId } from '../pipeline/ids.js';
import type { Bulletin, Edition } from '../pipeline/model.js';
import type { DataDir } from './data-dir.js';
import type { SearchStore } from './search-store.js';

const editionSchema = z.enum(['fr', 'ar']);
const rangeSchema = z.object({ from: z.number().int(), to: z.number().int() });

export const coverageIssueSchema = z.object({
  id: z.string(),
  number: z.string(),
  suffix: z.string().nullable(),
  date: z.string().nullable(),
  firstPage: z.number().int().nullable(),
  lastPage: z.number().int().nullable(),
  pageCount: z.number().int(),
  texts: z.number().int(),
});
export type CoverageIssue = z.infer<typeof coverageIssueSchema>;

export const coverageYearSchema = z.object({
  /** Publication year; null for issues whose date was not read. */
  year: z.number().int().nullable(),
  issues: z.array(coverageIssueSchema),
  pages: z.number().int(),
  texts: z.number().int(),
  /** Printed pages of the year that no held issue covers, from page 1 to the last page held. */
  missingPages: z.array(rangeSchema),
});

export const coverageEditionSchema = z.object({
  edition: editionSchema,
  issues: z.number().int(),
  pages: z.number().int(),
  texts: z.number().int(),
  /** Lowest and highest issue number held. */
  numbers: rangeSchema.nullable(),
  /** Issue numbers between the lowest and the highest held that no held issue bears. */
  missingNumbers: z.array(rangeSchema.extend({ count: z.number().int() })),
  years: z.array(coverageYearSchema),
});
export type CoverageEdition = z.infer<typeof coverageEditionSchema>;

/** An issue of a catalogue of expected issues. */
export const catalogueEntrySchema = z.object({
  edition: editionSchema,
  number: z.string().regex(/^\d+$/),
  suffix: z.string().optional(),
  date: z.string().optional(),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** `jarida coverage --json`, `/v1/coverage`. */
export const coverageSchema = z.object({
  editions: z.array(coverageEditionSchema),
  /** Issues to check: no date, no printed page numbers, or warnings about their masthead or a low confidence. */
  flagged: z.array(z.object({ bulletin: z.string(), reasons: z.array(z.string()) })),
  /** Files whose ingestion failed (embedded mode's ledger). */
  failures: z.array(z.object({ path: z.string(), code: z.string(), reason: z.string() })),
  /** With a catalogue: expected issues not held, and held issues it does not list. */
  catalogue: z
    .object({
      expected: z.number().int(),
      missing: z.array(catalogueEntrySchema.extend({ id: z.string() })),
      unexpected: z.array(z.string()),
    })
    .optional(),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** One held bulletin with what its artefacts add: its texts and the parser's warnings. */
export interface HeldIssue {
  bulletin: Bulletin;
  texts: number;
  warnings: readonly string[];
}

/** Options of {@link computeCoverage}. */
export interface CoverageOptions {
  edition?: Edition;
  failures?: Coverage['failures'];
  catalogue?: readonly CatalogueEntry[];
}

/** Warnings worth an archivist's look: about the issue itself (its masthead), or a low confidence. */
const FLAGGED_WARNING = /low confidence|masthead|unidentified|doubt/i;

/** The coverage of the issues held, in the order of {@link SearchStore.listBulletins}. */
export function computeCoverage(held: readonly HeldIssue[], options: CoverageOptions = {}): Coverage {
  const chosen = options.edition ? held.filter((h) => h.bulletin.edition === options.edition) : held;
  const editions = (['ar', 'fr'] as const)
    .map((edition) =>
      editionCoverage(
        edition,
        chosen.filter((h) => h.bulletin.edition === edition),
      ),
    )
    .filter((e) => e.issues > 0 || options.edition === e.edition);
  const flagged = chosen.flatMap(({ bulletin, warnings }) => {
    const reasons = [
      ...(isUnidentified(bulletin)
        ? ['unidentified issue: no number read on its pages or in its file name']
        : []),
      ...(bulletin.date ? [] : ['no publication date read']),
      ...(bulletin.firstPage === null ? ['no printed page numbers read'] : []),
      ...warnings.filter((w) => w.startsWith(`${bulletin.id}:`) || FLAGGED_WARNING.test(w)),
    ];
    return reasons.length ? [{ bulletin: bulletin.id, reasons }] : [];
  });
  return {
    editions,
    flagged,
    failures: options.failures ?? [],
    ...(options.catalogue ? { catalogue: compareCatalogue(chosen, options.catalogue, options.edition) } : {}),
  };
}

function editionCoverage(edition: Edition, held: readonly HeldIssue[]): CoverageEdition {
  const numbers = [
    ...new Set(held.filter((h) => !isUnidentified(h.bulletin)).map((h) => Number(h.bulletin.number))),
  ].sort((a, b) => a - b);
  const byYear = new Map<number | null, HeldIssue[]>();
  for (const h of held) {
    const year = h.bulletin.date ? Number(h.bulletin.date.slice(0, 4)) : null;
    byYear.set(year, [...(byYear.get(year) ?? []), h]);
  }
  const years = [...byYear.entries()]
    .sort(([a], [b]) => (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY))
    .map(([year, issues]) => ({
      year,
      issues: issues.map(issueOf),
      pages: sum(issues.map((h) => h.bulletin.pageCount)),
      texts: sum(issues.map((h) => h.texts)),
      missingPages: year === null ? [] : missingPages(issues.map((h) => h.bulletin)),
    }));
  return {
    edition,
    issues: held.length,
    pages: sum(years.map((y) => y.pages)),
    texts: sum(years.map((y) => y.texts)),
    numbers: numbers.length ? { from: numbers[0]!, to: numbers.at(-1)! } : null,
    missingNumbers: gaps(numbers).map((g) => ({ ...g, count: g.to - g.from + 1 })),
    years,
  };
}

function issueOf({ bulletin: b, texts }: HeldIssue): CoverageIssue {
  return {
    id: b.id,
    number: b.number,
    suffix: b.suffix ?? null,
    date: b.date,
    firstPage: b.firstPage,
    lastPage: b.lastPage,
    pageCount: b.pageCount,
    texts,
  };
}

/** Printed pages from 1 to the last held that no issue's range covers. */
function missingPages(bulletins: readonly Bulletin[]): { from: number; to: number }[] {
  const ranges = bulletins
    .filter((b) => b.firstPage !== null)
    .map((b) => ({ from: b.firstPage!, to: Math.max(b.firstPage!, b.lastPage ?? b.firstPage!) }))
    .sort((a, b) => a.from - b.from);
  const missing: { from: number; to: number }[] = [];
  let next = 1;
  for (const range of ranges) {
    if (range.from > next) missing.push({ from: next, to: range.from - 1 });
    next = Math.max(next, range.to + 1);
  }
  return missing;
}

/** The runs of integers missing between the first and last of sorted, distinct `numbers`. */
function gaps(numbers: readonly number[]): { from: number; to: number }[] {
  return numbers
    .slice(1)
    .flatMap((n, i) => (n > numbers[i]! + 1 ? [{ from: numbers[i]! + 1, to: n - 1 }] : []));
}

function compareCatalogue(
  held: readonly HeldIssue[],
  catalogue: readonly CatalogueEntry[],
  edition: Edition | undefined,
): NonNullable<Coverage['catalogue']> {
  const expected = catalogue
    .filter((e) => !edition || e.edition === edition)
    .map((e) => ({ ...e, id: bulletinId(e) }));
  const heldIds = new Set(held.map((h) => h.bulletin.id));
  const expectedIds = new Set(expected.map((e) => e.id));
  return {
    expected: expected.length,
    missing: expected.filter((e) => !heldIds.has(e.id)),
    unexpected: held.map((h) => h.bulletin.id).filter((id) => !expectedIds.has(id)),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The coverage of the archive: its bulletins from the store, their texts and warnings from their artefacts. */
export async function collectionCoverage(
  store: SearchStore,
  dataDir: DataDir,
  options: CoverageOptions = {},
): Promise<Coverage> {
  const bulletins = await store.listBulletins(options.edition ? { edition: options.edition } : {});
  const held = await Promise.all(
    bulletins.map(async (bulletin) => {
      const parsed = await dataDir.loadBulletin(bulletin.sourceSha256);
      return { bulletin, texts: parsed?.texts.length ?? 0, warnings: parsed?.warnings ?? [] };
    }),
  );
  return computeCoverage(held, options);
}

/** A catalogue file could not be read as a list of issues. */
export class CatalogueError extends Error {
  readonly code = 'BAD_CATALOGUE';
  override readonly name = 'CatalogueError';
}

/**
 * Reads a catalogue of expected issues: JSON (an array of `{ edition, number, suffix?, date? }`
 * or of ids such as `bo-fr-6280`), or CSV with a header naming `edition` and `number` columns
 * (`suffix`, `date` optional), or a single `id` column.
 *
 * @throws CatalogueError naming the first entry that is not an issue.
 */
export function parseCatalogue(content: string): CatalogueEntry[] {
  const trimmed = content.trim();
  const rows: unknown[] = trimmed.startsWith('[') ? parseJson(trimmed) : parseCsv(trimmed);
  return rows.map((row, i) => {
    const entry = typeof row === 'string' ? fromId(row) : catalogueEntrySchema.safeParse(row).data;
    if (!entry) throw new CatalogueError(`catalogue entry ${i + 1} is not an issue: ${JSON.stringify(row)}`);
    return entry;
  });
}

function parseJson(content: string): unknown[] {
  try {
    const value: unknown = JSON.parse(content);
    if (Array.isArray(value)) return value;
  } catch {}
  throw new CatalogueError('a JSON catalogue must be an array of issues');
}

function parseCsv(content: string): unknown[] {
  const [header, ...lines] = content.split(/\r?\n/).filter((l) => l.trim());
  const columns = (header ?? '').split(/[,;]/).map((c) => c.trim().toLowerCase());
  if (!columns.includes('id') && !(columns.includes('edition') && columns.includes('number')))
    throw new CatalogueError('a CSV catalogue needs a header with "edition" and "number" columns, or "id"');
  return lines.map((line) => {
    const cells = line.split(/[,;]/).map((c) => c.trim());
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]).filter(([, v]) => v));
    return columns.includes('id') ? (row.id ?? '') : row;
  });
}

/** `bo-fr-6280`, `bo-ar-2404-bis` as an entry; undefined when it is no issue id. */
function fromId(id: string): CatalogueEntry | undefined {
  const key = parseBulletinId(id.trim());
  return key && !isUnidentified(key) ? key : undefined;
}
