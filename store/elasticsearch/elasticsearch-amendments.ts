/**
 * The amendment graph of the Elasticsearch store: the link stage's port (pipeline/amendments/
 * link-stage.ts) over the `amendments` and `citations` indices (the operations and citations
 * read from each saved expression, with their resolutions), the texts index (the texts known)
 * and the `versions` index (the article versions of every text); and the reads of the graph.
 * The articles of the documents index get `valid_to`, the day an amendment replaced their
 * original wording, so the search's in-force filter leaves them out from then on.
 *
 * Reads of many documents page with `search_after` on a unique sort key, never past the
 * result window; writes are bulk requests refreshed before the next read needs them.
 */
import type { Client } from '@elastic/elasticsearch';
import {
  type ExpressionArticles,
  type ExpressionDate,
  type ExpressionVersions,
  type LinkPort,
  publishedVersions,
  type ResolvedLinks,
  type StoredLink,
  type StoredOperation,
} from '../../pipeline/amendments/link-stage.js';
import { type CitationRelation, type CitedText, onPartOfArticle } from '../../pipeline/amendments/links.js';
import type { KnownText, Resolution, UnresolvedReason } from '../../pipeline/amendments/resolve.js';
import type { ComputedVersion, VersionCause } from '../../pipeline/amendments/versions.js';
import { canonicalNumber } from '../../pipeline/ids.js';
import type { AmendmentKind, Language, LegalText, TextType } from '../../pipeline/model.js';
import {
  type AmendingRow,
  amendingEvents,
  type FlaggedOperation,
  operationFields,
  storedOperation,
} from '../amendment-history.js';
import type { ArticleVersionRecord, Backlink, TextHistory } from '../search-store.js';
import {
  type BackoffOptions,
  type BulkOperation,
  type BulkResponse,
  bulkWithBackoff,
} from './elasticsearch-bulk.js';
import { type IndexTargets, versionDocument } from './elasticsearch-mapping.js';

type Query = Record<string, unknown>;

/** Hits per page of a paged read: Elasticsearch's default `index.max_result_window`. */
const DEFAULT_PAGE = 10_000;

/** What a stored operation and a stored citation share: who cites what, and how it resolved. */
interface LinkSource {
  /** `${by_text_id}:${language}`: the expression the link was read from. */
  expression: string;
  by_text_id: string;
  language: Language;
  seq: number;
  by_article: string | null;
  cited_type: TextType;
  cited_number: string | null;
  cited_date: string | null;
  target_text_id: string | null;
  reason: UnresolvedReason | null;
  target_article: string | null;
}

/** A document of the `amendments` index. */
export interface AmendmentSource extends LinkSource {
  kind: 'amendment';
  amendment_kind: AmendmentKind;
  /** With the link stage's unapplied flag, when the operation changed no wording. */
  operation: FlaggedOperation;
  /** The amending text's `à compter du` date; null: its first publication. */
  in_force: string | null;
}

/** A document of the `citations` index. */
export interface CitationSource extends LinkSource {
  kind: 'citation';
  relation: CitationRelation;
}

/** A document of the `versions` index. */
export interface VersionSource {
  kind: 'version';
  expression: string;
  text_id: string;
  language: Language;
  article: string;
  /** Order of the version in its whole text (articles in printed order, then oldest first). */
  position: number;
  valid_from: string;
  valid_to: string | null;
  wording: string | null;
  introduced_by: string | null;
  introduced_by_article: string | null;
  cause: VersionCause;
}

/** What the graph reads of an expression in the texts index. */
export interface ExpressionSource {
  text_id: string;
  language: Language;
  type: TextType;
  number: string | null;
  signed_on: string | null;
  /** Publication date in that edition. */
  date: string | null;
}

/** What the graph reads of an article in the documents index (its whole source is there). */
interface ArticleSource extends Record<string, unknown> {
  text_id: string;
  language: Language;
  article: string;
  position: number;
  body_fr?: string;
  body_ar?: string;
  paragraphs?: string[] | null;
  valid_to?: string | null;
}

/** An article as the link stage reads it: its alinéas too, so an amendment of one alinéa applies. */
function linkedArticle(a: ArticleSource): { number: string; body: string; paragraphs?: string[] } {
  const body = a.body_fr ?? a.body_ar ?? '';
  return a.paragraphs ? { number: a.article, body, paragraphs: a.paragraphs } : { number: a.article, body };
}

/** A document to write into one of the graph's indices. */
export type GraphDocument =
  | { kind: 'amendments'; id: string; source: AmendmentSource }
  | { kind: 'citations'; id: string; source: CitationSource }
  | { kind: 'versions'; id: string; source: VersionSource };

/** A stored link: its document in the `amendments` or `citations` index. */
interface ElasticsearchLink extends StoredLink {
  id: string;
}

const INDEX_OF = { amendment: 'amendments', citation: 'citations' } as const;

/** Id of an expression in the texts index, and the `expression` field of the graph's documents. */
export function expressionKey(textId: string, language: Language): string {
  return `${textId}:${language}`;
}

/** A real day as `YYYY-MM-DD`: anything else would make the query on a date field fail. */
const isDay = (date: string | null): date is string =>
  date !== null &&
  /^\d{4}-\d{2}-\d{2}$/.test(date) &&
  !Number.isNaN(Date.parse(date)) &&
  new Date(date).toISOString().startsWith(date);

/**
 * The texts index query finding every text `cited` may name: by number, or by signature date
 * for a date-only reference (resolveCited then picks among them). Null when nothing is cited.
 */
export function candidatesQuery(cited: readonly CitedText[]): Query | null {
  const numbers = [...new Set(cited.flatMap((c) => (c.number ? [c.number] : [])))];
  const dates = [...new Set(cited.flatMap((c) => (c.number === null && isDay(c.date) ? [c.date] : [])))];
  const should: Query[] = [];
  if (numbers.length > 0) should.push({ terms: { number: numbers } });
  if (dates.length > 0) should.push({ terms: { signed_on: dates } });
  return should.length > 0 ? { bool: { should, minimum_should_match: 1 } } : null;
}

/**
 * The query finding stored links that `texts` may answer: those citing one of their numbers,
 * or, naming no number, one of their signature dates. Null when the texts have neither.
 */
export function answeredByQuery(texts: readonly Pick<LegalText, 'number' | 'signedOn'>[]): Query | null {
  const numbers = [...new Set(texts.flatMap((t) => (t.number ? [canonicalNumber(t.number)] : [])))];
  const dates = [...new Set(texts.flatMap((t) => (t.signedOn ? [t.signedOn] : [])))];
  const should: Query[] = [];
  if (numbers.length > 0) should.push({ terms: { cited_number: numbers } });
  if (dates.length > 0)
    should.push({
      bool: { must_not: { exists: { field: 'cited_number' } }, filter: { terms: { cited_date: dates } } },
    });
  return should.length > 0 ? { bool: { should, minimum_should_match: 1 } } : null;
}

/** Known texts from expressions, one per text, by id (resolveCited takes the first of equals). */
export function knownTexts(expressions: readonly ExpressionSource[]): KnownText[] {
  const byId = new Map<string, KnownText>();
  for (const e of expressions) {
    if (!byId.has(e.text_id))
      byId.set(e.text_id, { id: e.text_id, type: e.type, number: e.number, signedOn: e.signed_on });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The first publication date of each text among `expressions` (any edition). */
export function firstPublications(expressions: readonly ExpressionSource[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const e of expressions) {
    const seen = first.get(e.text_id);
    if (e.date !== null && (seen === undefined || e.date < seen)) first.set(e.text_id, e.date);
  }
  return first;
}

const citedOf = (link: LinkSource): CitedText => ({
  type: link.cited_type,
  number: link.cited_number,
  date: link.cited_date,
});

/** The `amendments` and `citations` documents of one expression: every operation and citation its links hold. */
export function linkDocuments({ text, links, operations, citations }: ResolvedLinks): GraphDocument[] {
  const expression = expressionKey(text.id, text.language);
  const common = (
    seq: number,
    byArticle: string | null,
    target: CitedText,
    targetArticle: string | null,
    resolved: Resolution,
  ) => ({
    expression,
    by_text_id: text.id,
    language: text.language,
    seq,
    by_article: byArticle,
    cited_type: target.type,
    cited_number: target.number,
    cited_date: target.date,
    target_text_id: resolved.textId,
    reason: resolved.reason,
    target_article: targetArticle,
  });
  return [
    ...links.operations.map((op, seq) => ({
      kind: 'amendments' as const,
      id: `${expression}:${seq}`,
      source: {
        kind: 'amendment' as const,
        ...common(seq, op.byArticle, op.target, op.targetArticle, operations[seq]!),
        amendment_kind: op.kind,
        operation: op,
        in_force: links.inForceFrom,
      },
    })),
    ...links.citations.map((c, seq) => ({
      kind: 'citations' as const,
      id: `${expression}:${seq}`,
      source: {
        kind: 'citation' as const,
        ...common(seq, c.byArticle, c.target, c.targetArticle, citations[seq]!),
        relation: c.relation,
      },
    })),
  ];
}

/** The `versions` documents of one expression, in the order computeVersions gave them. */
export function versionDocuments(
  textId: string,
  language: Language,
  versions: readonly ComputedVersion[],
): GraphDocument[] {
  const expression = expressionKey(textId, language);
  return versions.map((v, position) => ({
    kind: 'versions',
    id: `${expression}:${position}`,
    source: {
      kind: 'version',
      expression,
      text_id: textId,
      language,
      article: v.article,
      position,
      valid_from: v.validFrom,
      valid_to: v.validTo,
      wording: v.body,
      introduced_by: v.introducedBy,
      introduced_by_article: v.introducedByArticle,
      cause: v.cause,
    },
  }));
}

/**
 * Per article, the day an amendment first replaced its original wording (what the documents
 * index holds and searches): from then on the in-force filter leaves the article out.
 */
export function replacedOn(versions: readonly ComputedVersion[]): Map<string, string> {
  const replaced = new Map<string, string>();
  for (const v of versions) {
    const seen = replaced.get(v.article);
    if (v.introducedBy !== null && (seen === undefined || v.validFrom < seen))
      replaced.set(v.article, v.validFrom);
  }
  return replaced;
}

/** The record of a stored version. */
export function versionRecord(v: VersionSource): ArticleVersionRecord {
  return {
    textId: v.text_id,
    article: v.article,
    language: v.language,
    validFrom: v.valid_from,
    validTo: v.valid_to,
    body: v.wording,
    introducedBy: v.introduced_by,
    introducedByArticle: v.introduced_by_article,
  };
}

const compare = (a: string | null, b: string | null) =>
  (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;

/**
 * History rows of the amendments targeting a text, oldest first: by entry into force, then
 * amending text, reading order and language (as SQLite orders them).
 */
export function amendingRows(
  amendments: readonly AmendmentSource[],
  amendingExpressions: readonly ExpressionSource[],
): AmendingRow[] {
  const first = firstPublications(amendingExpressions);
  return amendments
    .map((a) => ({ a, date: a.in_force ?? first.get(a.by_text_id) ?? null }))
    .sort(
      (x, y) =>
        compare(x.date, y.date) ||
        compare(x.a.by_text_id, y.a.by_text_id) ||
        x.a.seq - y.a.seq ||
        compare(x.a.language, y.a.language),
    )
    .map(({ a, date }) => ({
      date,
      by: a.by_text_id,
      byArticle: a.by_article,
      kind: a.amendment_kind,
      articles: [a.target_article, a.operation.newNumber],
      ...operationFields(a.operation),
    }));
}

/**
 * Backlinks from the amendments and citations targeting a text, each distinct once, dated by
 * the first publication of the citing text; ordered by date, citing text, article, relation
 * and cited article.
 */
export function linkBacklinks(
  amendments: readonly AmendmentSource[],
  citations: readonly CitationSource[],
  citingExpressions: readonly ExpressionSource[],
): Backlink[] {
  const first = firstPublications(citingExpressions);
  const links = new Map<string, Backlink>();
  const add = (l: LinkSource, relation: Backlink['relation']) => {
    const backlink = {
      textId: l.by_text_id,
      article: l.by_article,
      relation,
      targetArticle: l.target_article,
      date: first.get(l.by_text_id) ?? null,
    };
    links.set(JSON.stringify(backlink), backlink);
  };
  // An abrogated alinéa or item amends the article; only a whole one is abrogated.
  const abrogates = (a: AmendmentSource) => a.amendment_kind === 'abrogated' && !onPartOfArticle(a.operation);
  for (const a of amendments) add(a, abrogates(a) ? 'abrogates' : 'amends');
  for (const c of citations) add(c, c.relation);
  return [...links.values()].sort(
    (a, b) =>
      compare(a.date, b.date) ||
      compare(a.textId, b.textId) ||
      compare(a.article, b.article) ||
      compare(a.relation, b.relation) ||
      compare(a.targetArticle, b.targetArticle),
  );
}

const bulkOperation = (index: string, doc: GraphDocument): BulkOperation => ({
  action: { index: { _index: index, _id: doc.id } },
  document: doc.source as unknown as Record<string, unknown>,
});

export interface ElasticsearchAmendmentsOptions {
  /** Back-off of bulk writes refused with 429. */
  backoff?: BackoffOptions;
  /** Hits per page of the graph's paged reads (default 10,000, the default result window). */
  pageSize?: number;
}

/** The amendment graph of one set of indices (the aliases, or a rebuild's new indices). */
export class ElasticsearchAmendments implements LinkPort<ElasticsearchLink> {
  private readonly pageSize: number;
  /** Article documents by text id, read in the link stage's current round (see {@link articleHits}). */
  private readonly articlesRead = new Map<string, { id: string; source: ArticleSource }[]>();

  constructor(
    private readonly client: Client,
    private readonly targets: IndexTargets,
    private readonly options: ElasticsearchAmendmentsOptions = {},
  ) {
    this.pageSize = options.pageSize ?? DEFAULT_PAGE;
  }

  /** Every document of `index` matching `query`, paged with `search_after` on `sort` (a unique key). */
  private async all<T>(
    index: string,
    query: Query,
    sort: readonly string[],
  ): Promise<{ id: string; source: T }[]> {
    const found: { id: string; source: T }[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const result = await this.client.search<T>({
        index,
        query,
        sort: sort.map((field) => ({ [field]: { order: 'asc' as const } })),
        size: this.pageSize,
        ...(after ? { search_after: after as never } : {}),
      });
      const hits = result.hits.hits;
      for (const h of hits) if (h._source && h._id) found.push({ id: h._id, source: h._source });
      if (hits.length < this.pageSize) return found;
      after = hits.at(-1)?.sort;
    }
  }

  private async sources<T>(index: string, query: Query, sort: readonly string[]): Promise<T[]> {
    return (await this.all<T>(index, query, sort)).map((h) => h.source);
  }

  private expressionSources(textIds: readonly string[]): Promise<ExpressionSource[]> {
    if (textIds.length === 0) return Promise.resolve([]);
    return this.sources<ExpressionSource>(this.targets.texts, { terms: { text_id: [...new Set(textIds)] } }, [
      'text_id',
      'language',
    ]);
  }

  private async known(cited: readonly CitedText[]): Promise<KnownText[]> {
    const query = candidatesQuery(cited);
    return query ? knownTexts(await this.sources(this.targets.texts, query, ['text_id', 'language'])) : [];
  }

  private links<T extends LinkSource>(kind: 'amendments' | 'citations', query: Query) {
    return this.all<T>(this.targets[kind], query, ['by_text_id', 'language', 'seq']);
  }

  /** Writes `operations` in bulk (backing off on 429), visible to the next search. */
  private async write(operations: readonly BulkOperation[]): Promise<void> {
    if (operations.length === 0) return;
    await bulkWithBackoff(
      (body) =>
        this.client.bulk({ operations: body, refresh: 'wait_for' }) as unknown as Promise<BulkResponse>,
      operations,
      this.options.backoff,
    );
  }

  /**
   * Forgets the links and versions of the expressions `bulletinIds` printed, before the store
   * saves those bulletins again; returns the texts their amendments targeted, whose versions
   * change then. Call before the store replaces the bulletins' documents.
   */
  async unlinkBulletins(bulletinIds: readonly string[]): Promise<string[]> {
    const expressions = await this.sources<ExpressionSource>(
      this.targets.texts,
      { terms: { bulletin: bulletinIds } },
      ['text_id', 'language'],
    );
    if (expressions.length === 0) return [];
    const texts = [...new Set(expressions.map((e) => e.text_id))];
    const targets = (
      await this.links<AmendmentSource>('amendments', { terms: { by_text_id: texts } })
    ).flatMap((h) => (h.source.target_text_id ? [h.source.target_text_id] : []));
    await this.client.deleteByQuery({
      index: [this.targets.amendments, this.targets.citations, this.targets.versions],
      query: { terms: { expression: expressions.map((e) => expressionKey(e.text_id, e.language)) } },
      refresh: true,
      conflicts: 'proceed',
    });
    return targets;
  }

  knownTexts(cited: readonly CitedText[]): Promise<KnownText[]> {
    return this.known(cited);
  }

  async replaceLinks(expressions: readonly ResolvedLinks[]): Promise<void> {
    if (expressions.length === 0) return;
    await this.client.deleteByQuery({
      index: [this.targets.amendments, this.targets.citations],
      query: { terms: { expression: expressions.map(({ text }) => expressionKey(text.id, text.language)) } },
      refresh: true,
      conflicts: 'proceed',
    });
    await this.write(expressions.flatMap(linkDocuments).map((d) => bulkOperation(this.targets[d.kind], d)));
  }

  async linksAnsweredBy(texts: readonly LegalText[]): Promise<ElasticsearchLink[]> {
    const query = answeredByQuery(texts);
    if (!query) return [];
    const found: ElasticsearchLink[] = [];
    for (const kind of ['amendment', 'citation'] as const) {
      for (const { id, source } of await this.links<LinkSource>(INDEX_OF[kind], query))
        found.push({
          kind,
          id,
          cited: citedOf(source),
          resolution: { textId: source.target_text_id, reason: source.reason },
        });
    }
    return found;
  }

  async updateResolutions(
    changes: readonly { link: ElasticsearchLink; resolution: Resolution }[],
  ): Promise<void> {
    await this.write(
      changes.map(({ link, resolution }) => ({
        action: { update: { _index: this.targets[INDEX_OF[link.kind]], _id: link.id } },
        document: { doc: { target_text_id: resolution.textId, reason: resolution.reason } },
      })),
    );
  }

  async expressionsOf(textIds: readonly string[]): Promise<ExpressionDate[]> {
    // A round of the link stage starts here: articles read before belong to another one.
    this.articlesRead.clear();
    return (await this.expressionSources(textIds)).map((e) => ({
      textId: e.text_id,
      language: e.language,
      published: e.date,
    }));
  }

  async operationsOn(textIds: readonly string[]): Promise<StoredOperation[]> {
    if (textIds.length === 0) return [];
    const amendments = await this.sources<AmendmentSource>(
      this.targets.amendments,
      { terms: { target_text_id: textIds } },
      ['by_text_id', 'language', 'seq'],
    );
    const amending = await this.expressionSources(amendments.map((a) => a.by_text_id));
    const first = firstPublications(amending);
    return amendments.map((a) => ({
      targetTextId: a.target_text_id!,
      byTextId: a.by_text_id,
      language: a.language,
      seq: a.seq,
      op: storedOperation(a.operation).op,
      inForce: a.in_force,
      amendingPublished: first.get(a.by_text_id) ?? null,
      amendingLanguages: amending.filter((e) => e.text_id === a.by_text_id).map((e) => e.language),
    }));
  }

  async articlesOf(expressions: readonly ExpressionDate[]): Promise<ExpressionArticles[]> {
    const hits = await this.articleHits(expressions.map((e) => e.textId));
    return expressions.map(({ textId, language }) => ({
      textId,
      language,
      articles: hits
        .filter((a) => a.source.text_id === textId && a.source.language === language)
        .map((a) => linkedArticle(a.source)),
    }));
  }

  /**
   * Writes the versions of `textIds`, deletes those beyond them (a shorter history, a lost
   * expression), and marks in the documents index when each original wording was replaced.
   */
  async writeVersions(textIds: readonly string[], versions: readonly ExpressionVersions[]): Promise<void> {
    if (textIds.length === 0) return;
    const hits = await this.articleHits(textIds);
    // Amended wordings are searched beside the articles: rewritten with the versions.
    await this.client.deleteByQuery({
      index: this.targets.documents,
      query: { bool: { filter: [{ term: { kind: 'version' } }, { terms: { text_id: [...textIds] } }] } },
      refresh: true,
      conflicts: 'proceed',
    });
    const writes: BulkOperation[] = [];
    const kept: Query[] = [];
    const replaced = new Map<string, Map<string, string>>();
    for (const e of versions) {
      const key = expressionKey(e.textId, e.language);
      const own = hits.filter((a) => a.source.text_id === e.textId && a.source.language === e.language);
      const computed =
        e.versions ??
        publishedVersions(
          e,
          own.map((a) => linkedArticle(a.source)),
        );
      writes.push(
        ...versionDocuments(e.textId, e.language, computed).map((d) =>
          bulkOperation(this.targets.versions, d),
        ),
      );
      const expression = own[0]?.source;
      if (expression)
        computed.forEach((v, position) => {
          const doc = versionDocument(expression, v, position);
          if (doc)
            writes.push({
              action: { index: { _index: this.targets.documents, _id: doc.id } },
              document: doc.source,
            });
        });
      kept.push({
        bool: { filter: [{ term: { expression: key } }, { range: { position: { lt: computed.length } } }] },
      });
      replaced.set(key, replacedOn(computed));
    }
    for (const { id, source } of hits) {
      const validTo =
        replaced.get(expressionKey(source.text_id, source.language))?.get(source.article) ?? null;
      if ((source.valid_to ?? null) !== validTo)
        writes.push({
          action: { update: { _index: this.targets.documents, _id: id } },
          document: { doc: { valid_to: validTo } },
        });
    }
    writes.push(...(await this.unappliedFlags(textIds, versions)));
    await this.write(writes);
    await this.client.deleteByQuery({
      index: this.targets.versions,
      query: { bool: { filter: { terms: { text_id: [...textIds] } }, must_not: kept } },
      refresh: true,
      conflicts: 'proceed',
    });
  }

  /**
   * Updates of the amendments on `textIds` whose unapplied flag changes: the flag rides in the
   * stored operation (the mapping does not index it), written whole so both a merge and a
   * replacement of the object leave it right.
   */
  private async unappliedFlags(
    textIds: readonly string[],
    versions: readonly ExpressionVersions[],
  ): Promise<BulkOperation[]> {
    // Without a computed version no operation shaped a wording, so none was left unapplied.
    if (versions.every((e) => e.versions === null)) return [];
    const reasons = new Map(
      versions.flatMap((e) =>
        (e.unapplied ?? []).map(({ amendment: a, reason }) => [
          `${expressionKey(a.byTextId, a.language)}:${a.seq}`,
          reason,
        ]),
      ),
    );
    const hits = await this.all<AmendmentSource>(
      this.targets.amendments,
      { terms: { target_text_id: [...textIds] } },
      ['by_text_id', 'language', 'seq'],
    );
    return hits.flatMap(({ id, source }) => {
      const unapplied = reasons.get(`${source.expression}:${source.seq}`) ?? null;
      if ((source.operation.unapplied ?? null) === unapplied) return [];
      return [
        {
          action: { update: { _index: this.targets.amendments, _id: id } },
          document: { doc: { operation: { ...source.operation, unapplied } } },
        },
      ];
    });
  }

  /**
   * The article documents of `textIds`, read once per round of the link stage (from
   * {@link expressionsOf} to {@link writeVersions}): the articles read for the amended texts
   * are among those whose `valid_to` is then written.
   */
  private async articleHits(textIds: readonly string[]): Promise<{ id: string; source: ArticleSource }[]> {
    const missing = [...new Set(textIds)].filter((id) => !this.articlesRead.has(id));
    if (missing.length > 0) {
      for (const id of missing) this.articlesRead.set(id, []);
      const hits = await this.all<ArticleSource>(
        this.targets.documents,
        { bool: { filter: [{ terms: { text_id: missing } }, { term: { kind: 'article' } }] } },
        ['text_id', 'language', 'position'],
      );
      for (const hit of hits) this.articlesRead.get(hit.source.text_id)!.push(hit);
    }
    return [...new Set(textIds)].flatMap((id) => this.articlesRead.get(id)!);
  }

  /** One article's versions in one expression, oldest first. */
  async versions(textId: string, language: Language, article: string): Promise<ArticleVersionRecord[]> {
    const found = await this.sources<VersionSource>(
      this.targets.versions,
      {
        bool: { filter: [{ term: { expression: expressionKey(textId, language) } }, { term: { article } }] },
      },
      ['valid_from', 'position'],
    );
    return found.map(versionRecord);
  }

  /** Every article's version in force on `date` in one expression, in the text's order. */
  async versionsAt(textId: string, language: Language, date: string): Promise<ArticleVersionRecord[]> {
    const found = await this.sources<VersionSource>(
      this.targets.versions,
      {
        bool: {
          filter: [
            { term: { expression: expressionKey(textId, language) } },
            { range: { valid_from: { lte: date } } },
          ],
          should: [
            { bool: { must_not: { exists: { field: 'valid_to' } } } },
            { range: { valid_to: { gt: date } } },
          ],
          minimum_should_match: 1,
        },
      },
      ['position'],
    );
    return found.map(versionRecord);
  }

  private targeting<T extends LinkSource>(kind: 'amendments' | 'citations', textId: string): Promise<T[]> {
    return this.sources<T>(this.targets[kind], { term: { target_text_id: textId } }, [
      'by_text_id',
      'language',
      'seq',
    ]);
  }

  /** Amending events on `textId`, one per amending article and kind, on the day it took effect. */
  async amendingEvents(textId: string): Promise<TextHistory['events']> {
    const amendments = await this.targeting<AmendmentSource>('amendments', textId);
    const amending = await this.expressionSources(amendments.map((a) => a.by_text_id));
    return amendingEvents(amendingRows(amendments, amending));
  }

  /** Texts that amend, abrogate or cite `textId`. */
  async backlinks(textId: string): Promise<Backlink[]> {
    const amendments = await this.targeting<AmendmentSource>('amendments', textId);
    const citations = await this.targeting<CitationSource>('citations', textId);
    const citing = await this.expressionSources([...amendments, ...citations].map((l) => l.by_text_id));
    return linkBacklinks(amendments, citations, citing);
  }
}
