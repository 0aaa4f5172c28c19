/**
 * For tests only: an in-memory stand-in for the part of Elasticsearch 8's client the store's
 * amendment graph and reads use, so their logic runs where no cluster is available. It
 * answers filter-style queries (`match_all`, `term`, `terms`, `ids`, `range`, `exists`,
 * `constant_score`, `bool` with `should` boosts as the only score), sorts with `search_after` paging, bulk
 * `index`/`update`/`delete`, `deleteByQuery`, and aliases. It refuses what the real mapping
 * would: a field not in {@link MAPPINGS} (`dynamic: strict`), a non-ISO value in a date field,
 * and sorting or querying a field that is not indexed. No full text: the search tests run
 * against a real cluster (the contract suite with ELASTICSEARCH_URL).
 */
import type { Client } from '@elastic/elasticsearch';
import { JaridaError } from '../../pipeline/errors.js';
import { MAPPINGS } from '../elasticsearch/elasticsearch-mapping.js';

type Source = Record<string, unknown>;
type Query = Record<string, unknown>;

/** A request the real cluster would refuse too (mapping or query error). */
export class FakeElasticsearchError extends JaridaError {
  constructor(message: string) {
    super('E_FAKE_ES', message);
  }
}

const properties = MAPPINGS.properties as Record<
  string,
  { type: string; index?: boolean; enabled?: boolean }
>;

function searchable(field: string): void {
  const mapping = properties[field];
  if (!mapping || mapping.index === false || mapping.enabled === false)
    throw new FakeElasticsearchError(`field [${field}] is not searchable`);
}

function checkSource(source: Source): void {
  for (const [field, value] of Object.entries(source)) {
    const mapping = properties[field];
    if (!mapping) throw new FakeElasticsearchError(`strict_dynamic_mapping_exception: [${field}]`);
    if (mapping.type === 'date' && value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
      throw new FakeElasticsearchError(`failed to parse date field [${field}]: ${String(value)}`);
  }
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const values = (source: Source, field: string): unknown[] =>
  list(source[field]).filter((v) => v !== null && v !== undefined);

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** Score of `source` under `query` (should boosts add up), or null when it does not match. */
function score(query: Query, source: Source, id: string): number | null {
  const [kind, body] = Object.entries(query)[0] as [string, Record<string, unknown>];
  const leaf = (field: string) => {
    searchable(field);
    return values(source, field);
  };
  switch (kind) {
    case 'match_all':
      return 0;
    case 'ids':
      return (body.values as string[]).includes(id) ? 0 : null;
    case 'constant_score':
      return score(body.filter as Query, source, id) === null
        ? null
        : ((body.boost as number | undefined) ?? 1);
    case 'exists':
      return leaf(body.field as string).length > 0 ? 0 : null;
    case 'term': {
      const [field, spec] = Object.entries(body)[0]!;
      const { value, boost } =
        typeof spec === 'object' && spec !== null
          ? (spec as { value: unknown; boost?: number })
          : { value: spec };
      return leaf(field).includes(value) ? (boost ?? 1) : null;
    }
    case 'terms': {
      const [field, wanted] = Object.entries(body)[0]!;
      return leaf(field).some((v) => (wanted as unknown[]).includes(v)) ? 1 : null;
    }
    case 'range': {
      const [field, bounds] = Object.entries(body)[0] as [string, Record<string, unknown>];
      const ok = (v: unknown) =>
        (bounds.gt === undefined || compare(v, bounds.gt) > 0) &&
        (bounds.gte === undefined || compare(v, bounds.gte) >= 0) &&
        (bounds.lt === undefined || compare(v, bounds.lt) < 0) &&
        (bounds.lte === undefined || compare(v, bounds.lte) <= 0);
      return leaf(field).some(ok) ? 1 : null;
    }
    case 'bool': {
      const all = (clauses: unknown) => list(clauses).map((q) => score(q as Query, source, id));
      const required = [...all(body.filter), ...all(body.must)];
      if (required.some((s) => s === null)) return null;
      if (all(body.must_not).some((s) => s !== null)) return null;
      const should = all(body.should).filter((s): s is number => s !== null);
      const minimum =
        (body.minimum_should_match as number | undefined) ??
        (list(body.filter).length + list(body.must).length === 0 && list(body.should).length > 0 ? 1 : 0);
      if (should.length < minimum) return null;
      return [...required, ...should].reduce((sum: number, s) => sum + (s ?? 0), 0);
    }
    default:
      throw new FakeElasticsearchError(`query [${kind}] not supported by the in-memory client`);
  }
}

type SortSpec = { field: string; order: 1 | -1 };

function sortSpecs(sort: unknown): SortSpec[] {
  return list(sort).map((s) => {
    if (typeof s === 'string') return { field: s, order: s === '_score' ? -1 : 1 };
    const [field, spec] = Object.entries(s as Record<string, unknown>)[0]!;
    const order = typeof spec === 'string' ? spec : (spec as { order?: string }).order;
    if (field !== '_score') searchable(field);
    return { field, order: order === 'desc' ? -1 : 1 };
  });
}

/** An in-memory cluster behind the subset of {@link Client} the store uses. */
export class MemoryElasticsearch {
  private readonly indices = new Map<string, Map<string, Source>>();
  private readonly aliases = new Map<string, string>();

  private resolve(name: string): Map<string, Source> {
    const index = this.indices.get(this.aliases.get(name) ?? name);
    if (!index) throw new FakeElasticsearchError(`index_not_found_exception: ${name}`);
    return index;
  }

  private matching(index: string | string[], query: Query | undefined) {
    return list(index).flatMap((name) =>
      [...this.resolve(name as string)].flatMap(([id, source]) => {
        const s = score(query ?? { match_all: {} }, source, id);
        return s === null ? [] : [{ name: name as string, id, source, score: s }];
      }),
    );
  }

  /** The client to give the store. */
  readonly client = {
    indices: {
      putIndexTemplate: async () => ({ acknowledged: true }),
      // Sources are schemaless here: fields added in place need no mapping.
      putMapping: async () => ({ acknowledged: true }),
      existsAlias: async ({ name }: { name: string }) => this.aliases.has(name),
      create: async ({ index, aliases }: { index: string; aliases?: Record<string, unknown> }) => {
        this.indices.set(index, new Map());
        for (const alias of Object.keys(aliases ?? {})) this.aliases.set(alias, index);
        return { acknowledged: true };
      },
      refresh: async () => ({}),
    },
    search: async (request: {
      index: string | string[];
      query?: Query;
      sort?: unknown;
      size?: number;
      from?: number;
      search_after?: unknown[];
    }) => {
      const specs = sortSpecs(request.sort);
      const key = (hit: { score: number; source: Source }) =>
        specs.map((s) => (s.field === '_score' ? hit.score : values(hit.source, s.field)[0]));
      const cmp = (a: unknown[], b: unknown[]) => {
        for (const [i, s] of specs.entries()) {
          const c = compare(a[i], b[i]) * s.order;
          if (c !== 0) return c;
        }
        return 0;
      };
      let hits = this.matching(request.index, request.query)
        .map((h) => ({ ...h, sort: key(h) }))
        .sort((a, b) => cmp(a.sort, b.sort));
      if (request.search_after) hits = hits.filter((h) => cmp(h.sort, request.search_after!) > 0);
      const from = request.from ?? 0;
      const page = hits.slice(from, from + (request.size ?? 10));
      return {
        hits: {
          total: { value: hits.length, relation: 'eq' },
          hits: page.map((h) => ({
            _index: h.name,
            _id: h.id,
            _score: h.score,
            _source: h.source,
            sort: h.sort,
          })),
        },
      };
    },
    bulk: async ({ operations }: { operations: Source[] }) => {
      const items: Record<string, { status: number }>[] = [];
      for (let i = 0; i < operations.length; i++) {
        const [action, meta] = Object.entries(operations[i]!)[0] as [string, { _index: string; _id: string }];
        const index = this.resolve(meta._index);
        if (action === 'delete') {
          index.delete(meta._id);
        } else {
          const line = operations[++i]!;
          const previous = index.get(meta._id);
          if (action === 'update' && !previous)
            throw new FakeElasticsearchError(`document_missing_exception: ${meta._id}`);
          const source = action === 'update' ? { ...previous, ...(line.doc as Source) } : line;
          checkSource(source);
          index.set(meta._id, source);
        }
        items.push({ [action]: { status: 200 } });
      }
      return { errors: false, items };
    },
    deleteByQuery: async ({ index, query }: { index: string | string[]; query: Query }) => {
      const found = this.matching(index, query);
      for (const h of found) this.resolve(h.name).delete(h.id);
      return { deleted: found.length };
    },
    close: async () => undefined,
  };

  /** {@link client} typed as the real one, for `openElasticsearchStore({ client })`. */
  asClient(): Client {
    return this.client as unknown as Client;
  }
}
