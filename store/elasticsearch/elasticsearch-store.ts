/**
 * {@link SearchStore} on Elasticsearch 8 (`@elastic/elasticsearch`), for archives past one
 * machine. Six indices per prefix — documents (articles, and titles of texts without
 * articles), texts (one per expression), bulletins, and the amendment graph of
 * store/elasticsearch/elasticsearch-amendments.ts (amendments, citations, versions) — each a versioned index behind an
 * alias, so {@link ElasticsearchStore.rebuild} fills new indices while readers use the old
 * ones and swaps the aliases in one atomic call. Written from Elasticsearch's reference
 * documentation (index templates, analyzers, aliases, bulk, bool queries, highlighting).
 */
import { Client } from '@elastic/elasticsearch';
import { linkSaved } from '../../pipeline/amendments/link-stage.js';
import { parseTextLinks } from '../../pipeline/amendments/parse-links.js';
import { versionAt } from '../../pipeline/amendments/versions.js';
import { canonicalArticleNumber } from '../../pipeline/ids.js';
import type {
  Bulletin,
  Edition,
  Language,
  PageArtefact,
  ParsedBulletin,
  TextType,
} from '../../pipeline/model.js';
import { textHistory } from '../amendment-history.js';
import { articleEntry, type StoredArticle, versionEntries, versionsOfArticle } from '../article-reads.js';
import { type BulletinRecord, bulletinFromRecord } from '../bulletin-record.js';
import { type GroupedTextFacts, groupHitsByText } from '../search-groups.js';
import {
  type ArticleRecord,
  type ArticleVersionRecord,
  type Backlink,
  compareBulletins,
  DEFAULT_SEARCH_LIMIT,
  type ReadOptions,
  type SearchHit,
  type SearchRequest,
  SearchRequestError,
  type SearchResult,
  type SearchStore,
  searchRequestSchema,
  type TextHistory,
  type TextRecord,
  type TextSummary,
} from '../search-store.js';
import { buildSnippet } from '../snippet.js';
import { ElasticsearchAmendments } from './elasticsearch-amendments.js';
import { type BackoffOptions, type BulkResponse, bulkWithBackoff } from './elasticsearch-bulk.js';
import {
  ADDED_IN_PLACE,
  aliasName,
  bulletinDocuments,
  INDEX_KINDS,
  type IndexTargets,
  indexTemplate,
  versionedIndexName,
} from './elasticsearch-mapping.js';
import {
  DEFAULT_RESULT_WINDOW,
  FACET_AGGREGATIONS,
  highlightOptions,
  planSearch,
} from './elasticsearch-query.js';

export interface ElasticsearchStoreOptions {
  /** Cluster URL, e.g. `http://localhost:9200`. */
  node: string;
  /** Names of the aliases and indices: `${prefix}-documents`… (default `jarida`). */
  indexPrefix?: string;
  /** Matches ranked and counted at most (default 10,000, Elasticsearch's result window). */
  resultWindow?: number;
  /** Words per snippet (default 24). */
  snippetWords?: number;
  /** Back-off of bulk writes refused with 429. */
  backoff?: BackoffOptions;
  /** Hits per page when reading the amendment graph back (default 10,000, the result window). */
  graphPageSize?: number;
  /** An existing client (tests, custom auth); `node` is then ignored. */
  client?: Client;
}

interface DocumentSource {
  /** `version`: an amended wording of an article (store/elasticsearch/elasticsearch-mapping.ts versionDocument). */
  kind: 'article' | 'title' | 'version';
  text_id: string;
  language: Language;
  type: TextType;
  number: string | null;
  article?: string;
  position?: number;
  heading?: string;
  body_fr?: string;
  body_ar?: string;
  title: string;
  date: string | null;
  bulletin: string;
  page?: number;
  page_index?: number;
  bbox?: { x: number; y: number; w: number; h: number } | null;
  path?: string[] | null;
  paragraphs?: string[] | null;
  valid_to?: string | null;
  valid_from?: string;
  introduced_by?: string;
}

interface TextSource {
  text_id: string;
  language: Language;
  type: TextType;
  number: string | null;
  title: string;
  signed_on: string | null;
  hijri_date: string | null;
  promulgates: string | null;
  date: string | null;
  bulletin: string;
  page: number;
  article_count: number;
}

const MAX_FETCH = 10_000;
const byFrenchFirst = (a: { language: Language }, b: { language: Language }) =>
  (a.language === 'fr' ? 0 : 1) - (b.language === 'fr' ? 0 : 1);

export class ElasticsearchStore implements SearchStore {
  private readonly prefix: string;
  private readonly window: number;
  private readonly snippetWords: number;
  private readonly amendments: ElasticsearchAmendments;
  /** The last save: saves run one after another (see {@link saveBulletins}). */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: Client,
    private readonly options: ElasticsearchStoreOptions,
    private readonly targets: IndexTargets,
  ) {
    this.amendments = new ElasticsearchAmendments(client, targets, {
      backoff: options.backoff,
      pageSize: options.graphPageSize,
    });
    this.prefix = options.indexPrefix ?? 'jarida';
    this.window = options.resultWindow ?? DEFAULT_RESULT_WINDOW;
    this.snippetWords = options.snippetWords ?? 24;
  }

  /** Connects, installs the index template and creates the first versioned indices when missing. */
  static async open(options: ElasticsearchStoreOptions): Promise<ElasticsearchStore> {
    const client = options.client ?? new Client({ node: options.node });
    const prefix = options.indexPrefix ?? 'jarida';
    await client.indices.putIndexTemplate({ name: prefix, ...indexTemplate(prefix) } as never);
    const version = Date.now();
    for (const kind of INDEX_KINDS) {
      const alias = aliasName(prefix, kind);
      if (!(await client.indices.existsAlias({ name: alias }))) {
        await client.indices.create({
          index: versionedIndexName(prefix, kind, version),
          aliases: { [alias]: {} },
        });
      } else await client.indices.putMapping({ index: alias, properties: ADDED_IN_PLACE } as never);
    }
    const aliases = Object.fromEntries(INDEX_KINDS.map((k) => [k, aliasName(prefix, k)])) as IndexTargets;
    return new ElasticsearchStore(client, options, aliases);
  }

  /**
   * Rebuilds every index with zero downtime: `fill` writes into new versioned indices (through
   * the store it is given) while searches still read the old ones; then one alias update
   * switches readers and the old indices are deleted.
   */
  async rebuild(fill: (writer: SearchStore) => Promise<void>): Promise<void> {
    const version = Date.now();
    const fresh = Object.fromEntries(
      INDEX_KINDS.map((k) => [k, versionedIndexName(this.prefix, k, version)]),
    ) as IndexTargets;
    for (const index of Object.values(fresh)) await this.client.indices.create({ index });
    try {
      await fill(new ElasticsearchStore(this.client, this.options, fresh));
      await this.client.indices.refresh({ index: Object.values(fresh) });
    } catch (error) {
      await this.client.indices.delete({ index: Object.values(fresh), ignore_unavailable: true });
      throw error;
    }
    const previous = await this.client.indices.getAlias({
      name: INDEX_KINDS.map((k) => aliasName(this.prefix, k)),
    });
    await this.client.indices.updateAliases({
      actions: INDEX_KINDS.flatMap((kind) => {
        const alias = aliasName(this.prefix, kind);
        const old = Object.keys(previous).filter((index) => alias in (previous[index]?.aliases ?? {}));
        return [
          ...old.map((index) => ({ remove: { index, alias } })),
          { add: { index: fresh[kind], alias } },
        ];
      }),
    });
    const stale = Object.keys(previous).filter((index) => !Object.values(fresh).includes(index));
    if (stale.length > 0) await this.client.indices.delete({ index: stale, ignore_unavailable: true });
  }

  /** Deletes every index and the template of this prefix (benchmarks and tests). */
  async destroy(): Promise<void> {
    // By name: Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name).
    const indices = await this.client.indices.get({
      index: INDEX_KINDS.map((kind) => `${aliasName(this.prefix, kind)}-v*`),
      allow_no_indices: true,
    });
    const names = Object.keys(indices);
    if (names.length > 0) await this.client.indices.delete({ index: names });
    await this.client.indices.deleteIndexTemplate({ name: this.prefix }).catch(() => undefined);
  }

  async saveBulletin(parsed: ParsedBulletin, pages: PageArtefact[]): Promise<void> {
    await this.saveBulletins([{ parsed, pages }]);
  }

  /**
   * Page artefacts stay in the data directory: Elasticsearch holds what is searched and shown.
   * Saves of one store run one after another: each reads back the amendment graph the
   * previous one wrote (several processes writing at once are not serialised).
   */
  async saveBulletins(batch: readonly { parsed: ParsedBulletin; pages: PageArtefact[] }[]): Promise<void> {
    if (batch.length === 0) return;
    const run = this.writing.then(
      () => this.write(batch),
      () => this.write(batch),
    );
    this.writing = run.catch(() => {});
    await run;
  }

  private async write(batch: readonly { parsed: ParsedBulletin; pages: PageArtefact[] }[]): Promise<void> {
    const ids = batch.map((b) => b.parsed.bulletin.id);
    // Re-saving replaces: what the bulletins held before goes first, their links first of all.
    const before = await this.amendments.unlinkBulletins(ids);
    await this.client.deleteByQuery({
      index: [this.targets.documents, this.targets.texts],
      query: { terms: { bulletin: ids } },
      refresh: true,
      conflicts: 'proceed',
    });
    const operations = batch.flatMap(({ parsed }) =>
      bulletinDocuments(parsed).map((doc) => ({
        action: { index: { _index: this.targets[doc.kind], _id: doc.id } },
        document: doc.source,
      })),
    );
    await bulkWithBackoff(
      (operations) =>
        this.client.bulk({ operations, refresh: 'wait_for' }) as unknown as Promise<BulkResponse>,
      operations,
      this.options.backoff,
    );
    await linkSaved(
      this.amendments,
      batch.flatMap(({ parsed }) => parsed.texts.map((text) => ({ text, links: parseTextLinks(text) }))),
      before,
    );
  }

  /** Runs after the saves already under way, as they run after one another. */
  async removeBulletin(id: string): Promise<void> {
    const run = this.writing.then(
      () => this.remove(id),
      () => this.remove(id),
    );
    this.writing = run.catch(() => {});
    await run;
  }

  private async remove(id: string): Promise<void> {
    const before = await this.amendments.unlinkBulletins([id]);
    await this.client.deleteByQuery({
      index: [this.targets.documents, this.targets.texts, this.targets.bulletins],
      query: { bool: { should: [{ term: { bulletin: id } }, { ids: { values: [id] } }] } },
      refresh: true,
      conflicts: 'proceed',
    });
    // The texts its texts amended get their versions recomputed without them.
    await linkSaved(this.amendments, [], before);
  }

  async optimize(): Promise<void> {
    await this.client.indices.refresh({ index: Object.values(this.targets) });
  }

  async findBulletinBySource(sha256: string): Promise<string | null> {
    const result = await this.client.search({
      index: this.targets.bulletins,
      query: { term: { source_sha256: sha256 } },
      size: 1,
      _source: false,
    });
    return result.hits.hits[0]?._id ?? null;
  }

  async getBulletin(id: string): Promise<Bulletin | null> {
    const result = await this.client.search<BulletinRecord>({
      index: this.targets.bulletins,
      query: { ids: { values: [id] } },
    });
    const b = result.hits.hits[0]?._source;
    return b ? bulletinFromRecord(id, b) : null;
  }

  async listBulletins(filter: { edition?: Edition } = {}): Promise<Bulletin[]> {
    const bulletins: Bulletin[] = [];
    // Paged on a unique key: an archive of every issue holds more bulletins than one search window.
    let after: string | undefined;
    for (;;) {
      const result = await this.client.search<BulletinRecord>({
        index: this.targets.bulletins,
        query: filter.edition ? { term: { edition: filter.edition } } : { match_all: {} },
        sort: [{ source_sha256: { order: 'asc' as const } }],
        size: MAX_FETCH,
        ...(after ? { search_after: [after] } : {}),
      });
      const hits = result.hits.hits;
      for (const h of hits) if (h._source && h._id) bulletins.push(bulletinFromRecord(h._id, h._source));
      if (hits.length < MAX_FETCH) return bulletins.sort(compareBulletins);
      after = hits.at(-1)?._source?.source_sha256;
    }
  }

  private async expressions(filter: Record<string, unknown>[]): Promise<TextSource[]> {
    const result = await this.client.search<TextSource>({
      index: this.targets.texts,
      query: { bool: { filter } },
      size: MAX_FETCH,
    });
    return result.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
  }

  async listTexts(filter: Parameters<SearchStore['listTexts']>[0]): Promise<TextSummary[]> {
    const expressions = await this.expressions([
      ...(filter.type ? [{ term: { type: filter.type } }] : []),
      ...(filter.signedOn ? [{ term: { signed_on: filter.signedOn } }] : []),
    ]);
    const byText = new Map<string, TextSource[]>();
    for (const e of expressions) byText.set(e.text_id, [...(byText.get(e.text_id) ?? []), e]);
    const summaries = [...byText.values()].map((all) => {
      const shown = [...all].sort(byFrenchFirst)[0]!;
      const published =
        all
          .map((e) => e.date)
          .filter((d): d is string => d !== null)
          .sort()[0] ?? null;
      return {
        year: (shown.signed_on ?? published)?.slice(0, 4) ?? null,
        summary: {
          id: shown.text_id,
          type: shown.type,
          number: shown.number,
          title: shown.title,
          signedOn: shown.signed_on,
          languages: all.map((e) => e.language).sort(),
          articles: shown.article_count,
        },
      };
    });
    const year = filter.year === undefined ? null : String(filter.year).padStart(4, '0');
    const offset = filter.offset ?? 0;
    return summaries
      .filter((s) => year === null || s.year === year)
      .map((s) => s.summary)
      .sort((a, b) =>
        a.signedOn === b.signedOn
          ? a.id.localeCompare(b.id)
          : a.signedOn === null
            ? 1
            : b.signedOn === null
              ? -1
              : a.signedOn.localeCompare(b.signedOn),
      )
      .slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
  }

  /** The expression to show: same rules as the SQLite store. */
  private async expression(textId: string, { language, at }: ReadOptions) {
    const all = await this.expressions([{ term: { text_id: textId } }]);
    const shown = all
      .filter((e) => (!language || e.language === language) && (!at || e.date === null || e.date <= at))
      .sort(byFrenchFirst)[0];
    return shown ? { shown, all } : null;
  }

  private async articleSources(
    textId: string,
    language: Language,
    article?: string,
  ): Promise<DocumentSource[]> {
    const result = await this.client.search<DocumentSource>({
      index: this.targets.documents,
      query: {
        bool: {
          filter: [
            { term: { text_id: textId } },
            { term: { language } },
            { term: { kind: 'article' } },
            ...(article ? [{ term: { article } }] : []),
          ],
        },
      },
      sort: [{ position: 'asc' }],
      size: MAX_FETCH,
    });
    return result.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
  }

  async getText(id: string, opts: ReadOptions = {}): Promise<TextRecord | null> {
    const found = await this.expression(id, opts);
    if (!found) return null;
    const { shown, all } = found;
    const articles = await this.articleSources(id, shown.language);
    // Versions start on a publication date: an undated issue's text is read as printed.
    const entries =
      opts.at && shown.date !== null
        ? await versionEntries(
            await this.amendments.versionsAt(id, shown.language, opts.at),
            articles.map(storedArticle),
            (v) => this.printedBy(v),
          )
        : articles.map((a) => articleEntry(storedArticle(a)));
    return {
      id,
      type: shown.type,
      number: shown.number,
      title: shown.title,
      signedOn: shown.signed_on,
      hijriDate: shown.hijri_date,
      language: shown.language,
      languages: all.map((e) => e.language).sort(),
      publications: all
        .map((e) => ({ bulletin: e.bulletin, edition: e.language, date: e.date, page: e.page }))
        .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.edition.localeCompare(b.edition)),
      articles: entries,
      ...(shown.promulgates ? { promulgates: shown.promulgates } : {}),
    };
  }

  async getArticle(textId: string, article: string, opts: ReadOptions = {}): Promise<ArticleRecord | null> {
    const number = canonicalArticleNumber(article);
    const found = await this.expression(textId, opts);
    if (!number || !found) return null;
    const { language, bulletin } = found.shown;
    const [source] = await this.articleSources(textId, language, number);
    if (opts.at) {
      const version = versionAt(await this.amendments.versions(textId, language, number), opts.at);
      const [entry] = version
        ? await versionEntries([version], source ? [storedArticle(source)] : [], (v) => this.printedBy(v))
        : [];
      if (!version || !entry) return null;
      const { validFrom, validTo, introducedBy } = version;
      return { ...entry, textId, article: number, language, bulletin, validFrom, validTo, introducedBy };
    }
    if (!source) return null;
    return {
      ...articleEntry(storedArticle(source)),
      textId,
      article: number,
      language: source.language,
      bulletin: source.bulletin,
      validFrom: source.date,
      validTo: source.valid_to ?? null,
      introducedBy: null,
    };
  }

  /** The amending article that printed a version, in the version's language when published in it. */
  private async printedBy(version: ArticleVersionRecord): Promise<StoredArticle | undefined> {
    if (!version.introducedBy || !version.introducedByArticle) return undefined;
    const result = await this.client.search<DocumentSource>({
      index: this.targets.documents,
      query: {
        bool: {
          filter: [
            { term: { text_id: version.introducedBy } },
            { term: { kind: 'article' } },
            { term: { article: version.introducedByArticle } },
          ],
          // Constant scores: a term query's score would also depend on how common each language is.
          should: [
            { constant_score: { filter: { term: { language: version.language } }, boost: 2 } },
            { constant_score: { filter: { term: { language: 'fr' } }, boost: 1 } },
          ],
        },
      },
      sort: ['_score', { position: 'asc' }],
      size: 1,
    });
    const source = result.hits.hits[0]?._source;
    return source && storedArticle(source);
  }

  /** Every version of an article in one expression, oldest first (an abrogation is a version with a null body). */
  async getArticleVersions(
    textId: string,
    article: string,
    opts: { language?: Language } = {},
  ): Promise<ArticleVersionRecord[]> {
    return versionsOfArticle(
      article,
      async () => (await this.expression(textId, opts))?.shown.language ?? null,
      (language, number) => this.amendments.versions(textId, language, number),
    );
  }

  /** Publication events, one per edition that printed the text, then the amending events in date order. */
  async getHistory(textId: string, opts: { article?: string } = {}): Promise<TextHistory | null> {
    const all = await this.expressions([{ term: { text_id: textId } }]);
    const dates = all
      .map((e) => e.date)
      .filter((d): d is string => d !== null)
      .sort();
    if (dates.length === 0) return null;
    return textHistory(textId, dates, await this.amendments.amendingEvents(textId), opts.article);
  }

  /** Texts that promulgate, amend, abrogate or cite this one, oldest first. */
  async getBacklinks(textId: string): Promise<Backlink[]> {
    const promulgating = await this.expressions([{ term: { promulgates: textId } }]);
    const first = new Map<string, string | null>();
    for (const e of promulgating) {
      const seen = first.get(e.text_id);
      if (seen === undefined || (e.date !== null && (seen === null || e.date < seen)))
        first.set(e.text_id, e.date);
    }
    const promulgates = [...first]
      .map(([id, date]) => ({
        textId: id,
        article: null,
        relation: 'promulgates' as const,
        targetArticle: null,
        date,
      }))
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.textId.localeCompare(b.textId));
    // Stable: on one day, promulgation first.
    return [...promulgates, ...(await this.amendments.backlinks(textId))].sort((a, b) =>
      (a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0,
    );
  }

  async search(input: SearchRequest): Promise<SearchResult> {
    const parsed = searchRequestSchema.safeParse(input);
    if (!parsed.success) throw new SearchRequestError(parsed.error.message);
    const request = parsed.data;
    const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
    const offset = request.offset ?? 0;
    const plan = planSearch(request);
    const highlight = highlightOptions(this.snippetWords);
    const pinned = plan.pinned
      ? (
          await this.client.search<DocumentSource>({
            index: this.targets.documents,
            query: plan.pinned.query,
            sort: plan.pinned.sort as never,
            size: 100,
            highlight,
          })
        ).hits.hits
      : [];
    const pinnedOnPage = pinned.slice(offset, offset + limit);
    const restLimit = limit - pinnedOnPage.length;
    const restOffset = Math.max(0, offset - pinned.length);
    const restQuery = {
      bool: { must: plan.rest.query, must_not: { ids: { values: pinned.map((h) => h._id!) } } },
    };
    const rest = await this.client.search<DocumentSource>({
      index: this.targets.documents,
      query: restQuery,
      sort: plan.rest.sort as never,
      track_scores: true,
      from: Math.min(restOffset, this.window),
      size: Math.max(0, Math.min(restLimit, this.window - restOffset)),
      track_total_hits: this.window,
      highlight,
      ...(request.facets ? { aggs: FACET_AGGREGATIONS } : {}),
    });
    const terms = new Set([...plan.query.terms, ...plan.query.phrases.flat()]);
    const toHit = (h: (typeof rest.hits.hits)[number], score: number): SearchHit[] => {
      const s = h._source;
      if (!s) return [];
      const body = s.body_fr ?? s.body_ar ?? '';
      const fragment = Object.values(h.highlight ?? {})[0]?.[0];
      return [
        {
          textId: s.text_id,
          article: s.article ?? '',
          language: s.language,
          title: s.title,
          snippet: fragment ?? buildSnippet(body || s.title, terms, { words: this.snippetWords }),
          date: s.date,
          score,
          validFrom: s.valid_from ?? s.date,
          validTo: s.valid_to ?? null,
          introducedBy: s.introduced_by ?? null,
        },
      ];
    };
    const total = rest.hits.total;
    const restTotal = typeof total === 'number' ? total : (total?.value ?? 0);
    const topScore = rest.hits.hits[0]?._score ?? 0;
    const buckets = (name: string) =>
      (
        (rest.aggregations?.[name] as { buckets?: { key: string | number; doc_count: number }[] } | undefined)
          ?.buckets ?? []
      ).map((b) => ({ value: String(b.key), count: b.doc_count }));
    const hits = [
      ...pinnedOnPage.flatMap((h) => toHit(h, topScore + 1)),
      ...rest.hits.hits.flatMap((h) => toHit(h, h._score ?? 0)),
    ];
    return {
      total: pinned.length + restTotal,
      totalRelation: typeof total === 'object' && total.relation === 'gte' ? 'gte' : 'eq',
      hits,
      texts: groupHitsByText(hits, await this.textFacts(hits.map((h) => h.textId))),
      ...(request.facets ? { facets: { type: buckets('type'), decade: buckets('decade') } } : {}),
    };
  }

  /** Type, number and first publication of the texts of a page's hits. */
  private async textFacts(textIds: string[]): Promise<Map<string, GroupedTextFacts>> {
    if (textIds.length === 0) return new Map();
    const facts = new Map<string, GroupedTextFacts>();
    for (const e of await this.expressions([{ terms: { text_id: [...new Set(textIds)] } }])) {
      const seen = facts.get(e.text_id);
      const date = [seen?.date, e.date].filter((d): d is string => !!d).sort()[0] ?? null;
      facts.set(e.text_id, { type: e.type, number: e.number, date });
    }
    return facts;
  }

  async close(): Promise<void> {
    if (!this.options.client) await this.client.close();
  }
}

/** An article document as both stores' reads take it. */
function storedArticle(s: DocumentSource): StoredArticle {
  return {
    number: s.article ?? '',
    heading: s.heading ?? '',
    body: s.body_fr ?? s.body_ar ?? '',
    page: s.page ?? 0,
    pageIndex: s.page_index ?? 0,
    bbox: s.bbox,
    path: s.path,
    paragraphs: s.paragraphs,
  };
}

/** Opens the Elasticsearch store (template and indices created when missing). */
export function openElasticsearchStore(options: ElasticsearchStoreOptions): Promise<ElasticsearchStore> {
  return ElasticsearchStore.open(options);
}
