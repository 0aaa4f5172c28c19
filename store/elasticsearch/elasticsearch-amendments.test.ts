import { beforeEach, describe, expect, it } from 'vitest';
import type { AmendmentOperation } from '../../pipeline/amendments/links.js';
import { parseTextLinks } from '../../pipeline/amendments/parse-links.js';
import { type KnownText, resolveCited } from '../../pipeline/amendments/resolve.js';
import { computeVersions } from '../../pipeline/amendments/versions.js';
import { articles, onLoi0908 } from '../../test/amendment-builders.js';
import { amendingEvents } from '../amendment-history.js';
import type { SearchStore } from '../search-store.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { archiveSnapshot, chainBulletins } from '../testing/archive-snapshot.js';
import {
  ARTICLE_5_NEW_WORDING,
  ARTICLE_12_BIS_WORDING,
  amendingBulletins,
  LOI_29_14,
} from '../testing/contract-amendments.js';
import { contractBulletins, makeBulletin, makePages } from '../testing/contract-data.js';
import { MemoryElasticsearch } from '../testing/elasticsearch-memory-client.js';
import {
  type AmendmentSource,
  amendingRows,
  answeredByQuery,
  type CitationSource,
  candidatesQuery,
  type ExpressionSource,
  linkBacklinks,
  linkDocuments,
  replacedOn,
  versionDocuments,
} from './elasticsearch-amendments.js';
import { MAPPINGS } from './elasticsearch-mapping.js';
import { type ElasticsearchStore, openElasticsearchStore } from './elasticsearch-store.js';

const loi2914 = amendingBulletins()[0]!.texts[0]!;
/** The links of loi 29-14, resolved against `known`. */
function resolvedLinks(known: readonly KnownText[]) {
  const links = parseTextLinks(loi2914);
  return {
    text: loi2914,
    links,
    operations: links.operations.map((op) => resolveCited(op.target, known)),
    citations: links.citations.map((c) => resolveCited(c.target, known)),
  };
}
const expression = (text_id: string, language: 'fr' | 'ar', date: string | null): ExpressionSource => ({
  text_id,
  language,
  type: 'loi',
  number: text_id.replace(/^loi-/, ''),
  signed_on: null,
  date,
});

function amendment(over: Partial<AmendmentSource> & { operation: AmendmentOperation }): AmendmentSource {
  return {
    kind: 'amendment',
    expression: `${over.by_text_id ?? 'loi-29-14'}:${over.language ?? 'fr'}`,
    by_text_id: 'loi-29-14',
    language: 'fr',
    seq: 0,
    by_article: over.operation.byArticle,
    cited_type: 'loi',
    cited_number: '09-08',
    cited_date: null,
    target_text_id: 'loi-09-08',
    reason: null,
    target_article: over.operation.targetArticle,
    amendment_kind: over.operation.kind,
    in_force: null,
    ...over,
  };
}

describe('documents of the amendment graph', () => {
  it('stores each operation and citation of an expression with its resolution', () => {
    const pending = linkDocuments(resolvedLinks([]));
    expect(pending.map((d) => [d.kind, d.id])).toEqual([
      ['amendments', 'loi-29-14:fr:0'],
      ['amendments', 'loi-29-14:fr:1'],
      ['amendments', 'loi-29-14:fr:2'],
      ['amendments', 'loi-29-14:fr:3'],
      ['citations', 'loi-29-14:fr:0'],
    ]);
    // Not yet ingested: the numbered target already has its id, and says why it is pending.
    expect(pending[0]!.source).toMatchObject({
      expression: 'loi-29-14:fr',
      amendment_kind: 'amended',
      by_article: '1',
      target_text_id: 'loi-09-08',
      reason: 'not-ingested',
      target_article: '5',
      in_force: null,
    });
    const known = [{ id: 'loi-09-08', type: 'loi' as const, number: '09-08', signedOn: '2009-02-18' }];
    const resolved = linkDocuments(resolvedLinks(known));
    expect(resolved.every((d) => 'reason' in d.source && d.source.reason === null)).toBe(true);
    expect(resolved.at(-1)!.source).toMatchObject({
      kind: 'citation',
      relation: 'amends',
      target_article: null,
    });
  });

  it('declares every field the graph writes in the strict mapping, dates and wording typed for their use', () => {
    const links = linkDocuments(resolvedLinks([]));
    const versions = versionDocuments(
      'loi-09-08',
      'fr',
      computeVersions({
        textId: 'loi-09-08',
        published: '2009-03-05',
        articles: [{ number: '5', body: 'x' }],
        operations: [],
      }),
    );
    for (const doc of [...links, ...versions])
      for (const field of Object.keys(doc.source)) expect(MAPPINGS.properties).toHaveProperty(field);
    expect(MAPPINGS.properties.operation).toEqual({ type: 'object', enabled: false });
    expect(MAPPINGS.properties.valid_from).toEqual({ type: 'date', format: 'strict_date' });
    expect(MAPPINGS.properties.wording).toMatchObject({ index: false });
    expect(MAPPINGS.properties.cited_date.type).toBe('keyword');
  });
});

describe('queries of the amendment graph', () => {
  it('looks up cited texts by number, and by signature date only when no number is printed', () => {
    expect(
      candidatesQuery([
        { type: 'loi', number: '09-08', date: null },
        { type: 'loi', number: '09-08', date: '2009-02-18' },
        { type: 'dahir', number: null, date: '1958-11-15' },
        { type: 'dahir', number: null, date: '1958-02-30' },
      ]),
    ).toEqual({
      bool: {
        should: [{ terms: { number: ['09-08'] } }, { terms: { signed_on: ['1958-11-15'] } }],
        minimum_should_match: 1,
      },
    });
    expect(candidatesQuery([])).toBeNull();
  });

  it('finds the stored links a saved text answers: its number, or its date for date-only references', () => {
    expect(answeredByQuery([{ number: '09.08', signedOn: '2009-02-18' }])).toEqual({
      bool: {
        should: [
          { terms: { cited_number: ['09-08'] } },
          {
            bool: {
              must_not: { exists: { field: 'cited_number' } },
              filter: { terms: { cited_date: ['2009-02-18'] } },
            },
          },
        ],
        minimum_should_match: 1,
      },
    });
    expect(answeredByQuery([{ number: null, signedOn: null }])).toBeNull();
  });
});

describe('versions documents', () => {
  const abrogation = onLoi0908('abrogated', '4', '12');
  const rewording = onLoi0908('amended', '1', '5', { body: 'nouveau' });

  it('marks the day an amendment replaced each original wording, for the in-force filter', () => {
    const operations = [
      { op: rewording, byTextId: 'loi-29-14', inForce: '2015-03-12', order: 0 },
      { op: abrogation, byTextId: 'loi-29-14', inForce: '2015-03-12', order: 3 },
    ];
    const versions = computeVersions({
      textId: 'loi-09-08',
      published: '2009-03-05',
      articles: articles(['1', 'un'], ['5', 'cinq'], ['12', 'douze']),
      operations,
    });
    expect([...replacedOn(versions)]).toEqual([
      ['5', '2015-03-12'],
      ['12', '2015-03-12'],
    ]);
    const docs = versionDocuments('loi-09-08', 'fr', versions);
    expect(docs.map((d) => d.id)).toEqual([0, 1, 2, 3, 4].map((p) => `loi-09-08:fr:${p}`));
    expect(docs.at(-1)!.source).toMatchObject({
      article: '12',
      wording: null,
      introduced_by: 'loi-29-14',
      cause: 'abrogated',
    });
  });
});

describe('history and backlinks from stored links', () => {
  const renumbering = onLoi0908('renumbered', '2', '7', { newNumber: '8' });

  it('groups amendments into one event per day, amending text, article and kind, oldest first', () => {
    const rows = amendingRows(
      [
        amendment({
          by_text_id: 'loi-40-20',
          operation: { ...renumbering, byArticle: '1' },
          in_force: '2021-01-01',
        }),
        amendment({ operation: renumbering, seq: 1 }),
        amendment({ operation: { ...renumbering, targetArticle: '9', newNumber: '10' }, seq: 2 }),
        amendment({
          operation: { ...renumbering, targetArticle: '9', newNumber: '10' },
          seq: 2,
          language: 'ar',
        }),
      ],
      [expression('loi-29-14', 'ar', '2015-03-02'), expression('loi-29-14', 'fr', '2015-03-12')],
    );
    expect(amendingEvents(rows)).toEqual([
      {
        date: '2015-03-02',
        kind: 'amended',
        by: 'loi-29-14',
        byArticle: '2',
        articles: ['7', '8', '9', '10'],
      },
      { date: '2021-01-01', kind: 'amended', by: 'loi-40-20', byArticle: '1', articles: ['7', '8'] },
    ]);
  });

  it('gives each amending and citing link once, dated by the first publication of the citing text', () => {
    const citation: CitationSource = {
      kind: 'citation',
      expression: 'decret-2-09-165:fr',
      by_text_id: 'decret-2-09-165',
      language: 'fr',
      seq: 0,
      by_article: null,
      cited_type: 'loi',
      cited_number: '09-08',
      cited_date: null,
      target_text_id: 'loi-09-08',
      reason: null,
      target_article: null,
      relation: 'cites',
    };
    const abrogation = { ...renumbering, kind: 'abrogated' as const, byArticle: '4', targetArticle: '12' };
    const links = linkBacklinks(
      [amendment({ operation: abrogation }), amendment({ operation: abrogation, language: 'ar' })],
      [citation, { ...citation, seq: 1 }],
      [expression('loi-29-14', 'fr', '2015-03-12'), expression('decret-2-09-165', 'fr', '2009-06-18')],
    );
    expect(links).toEqual([
      {
        textId: 'decret-2-09-165',
        article: null,
        relation: 'cites',
        targetArticle: null,
        date: '2009-06-18',
      },
      { textId: 'loi-29-14', article: '4', relation: 'abrogates', targetArticle: '12', date: '2015-03-12' },
    ]);
  });
});

describe('Elasticsearch store over an in-memory cluster: the amendment graph end to end', () => {
  let store: ElasticsearchStore;
  const save = async (target: ElasticsearchStore, bulletins: ReturnType<typeof contractBulletins>) => {
    for (const parsed of bulletins) await target.saveBulletin(parsed, makePages(parsed));
  };
  const open = () => openElasticsearchStore({ node: 'memory', client: new MemoryElasticsearch().asClient() });

  beforeEach(async () => {
    store = await open();
    await save(store, contractBulletins());
    await save(store, amendingBulletins());
  });

  it('reads an article as on a day, and an inserted one where the amending law printed it', async () => {
    expect(await store.getArticle('loi-09-08', '5', { at: '2015-03-12' })).toMatchObject({
      body: ARTICLE_5_NEW_WORDING,
      validFrom: '2015-03-12',
      introducedBy: 'loi-29-14',
      bulletin: 'bo-fr-5714',
    });
    expect(await store.getArticle('loi-09-08', '12', { at: '2016-01-01' })).toBeNull();
    expect(await store.getArticle('loi-09-08', '12 bis', { at: '2016-01-01' })).toMatchObject({
      article: '12-bis',
      body: ARTICLE_12_BIS_WORDING,
      page: LOI_29_14.page,
      introducedBy: 'loi-29-14',
    });
    const after = await store.getText('loi-09-08', { at: '2016-01-01' });
    expect(after!.articles.map((a) => a.number)).toEqual(['1', '2', '5', '12-bis']);
    // The inserted article is shown where the amending law printed it.
    expect(after!.articles[3]).toMatchObject({ heading: 'Article 12 bis', page: LOI_29_14.page });
    expect((await store.getText('decret-2-09-165', { at: '2021-01-01' }))!.articles).toEqual([]);
    // Untouched expressions keep their single original version.
    expect(await store.getArticleVersions('loi-09-08', '5', { language: 'ar' })).toEqual([
      expect.objectContaining({ validFrom: '2009-02-23', validTo: null, introducedBy: null }),
    ]);
  });

  it('searches the wording in force on a day: the original before an amendment, the amended one from it', async () => {
    const inForce = async (day?: string) =>
      (await store.search({ query: '', number: '09-08', language: 'fr', inForce: day, limit: 50 })).hits
        .map((h) => `${h.article}:${h.introducedBy ?? 'original'}`)
        .sort();
    const originals = ['1:original', '12:original', '2:original', '5:original'];
    const amended = ['12-bis:loi-29-14', '2:loi-29-14', '5:loi-29-14'];
    expect(await inForce('2015-03-11')).toEqual(originals.sort());
    expect(await inForce('2015-03-12')).toEqual(['1:original', ...amended].sort());
    expect(await inForce()).toEqual([...originals, ...amended].sort());
    // Saved again, the amending law's wordings are not indexed twice.
    await save(store, amendingBulletins());
    expect(await inForce('2016-01-01')).toEqual(await inForce('2015-03-12'));
    expect((await store.search({ query: '', number: '2-09-165', inForce: '2021-01-01' })).total).toBe(0);
  });

  it('tells the history, amending events after the publications, and the backlinks', async () => {
    const history = await store.getHistory('loi-09-08');
    expect(history!.events.map((e) => [e.date, e.kind, e.byArticle, e.articles])).toEqual([
      ['2009-02-23', 'published', null, []],
      ['2009-03-05', 'published', null, []],
      ['2015-03-12', 'amended', '1', ['5']],
      ['2015-03-12', 'inserted', '2', ['12-bis']],
      ['2015-03-12', 'amended', '3', ['2']],
      ['2015-03-12', 'abrogated', '4', ['12']],
    ]);
    expect((await store.getHistory('loi-09-08', { article: '5' }))!.events.map((e) => e.kind)).toEqual([
      'published',
      'published',
      'amended',
    ]);
    const backlinks = await store.getBacklinks('loi-09-08');
    expect(backlinks.map((b) => [b.textId, b.article, b.relation, b.targetArticle])).toEqual([
      ['decret-2-09-165', null, 'cites', null],
      ['decret-2-09-165', '1', 'cites', null],
      ['loi-29-14', null, 'amends', null],
      ['loi-29-14', '1', 'amends', '5'],
      ['loi-29-14', '2', 'amends', '12-bis'],
      ['loi-29-14', '3', 'amends', '2'],
      ['loi-29-14', '4', 'abrogates', '12'],
    ]);
  });

  it('forgets the links of a bulletin saved again without its amending text', async () => {
    const [amending] = amendingBulletins();
    const withoutLaw = makeBulletin(
      'fr',
      amending!.bulletin.number,
      amending!.bulletin.date!,
      '1'.repeat(64),
      [],
    );
    await store.saveBulletin(withoutLaw, makePages(withoutLaw));
    expect(await store.getArticleVersions('loi-09-08', '5')).toHaveLength(1);
    expect(await store.getArticleVersions('loi-09-08', '12-bis')).toEqual([]);
    expect((await store.getHistory('loi-09-08'))!.events.map((e) => e.kind)).toEqual([
      'published',
      'published',
    ]);
    expect((await store.getBacklinks('loi-09-08')).map((b) => b.textId)).toEqual([
      'decret-2-09-165',
      'decret-2-09-165',
    ]);
    const inForce = await store.search({ query: '', number: '09-08', language: 'fr', inForce: '2020-01-01' });
    expect(inForce.total).toBe(4);
  });
});

describe('amendments below the article, in both stores', () => {
  /** Loi 77-01, its article 3 printed in two alinéas, and loi 78-02 amending two alinéas of it. */
  const bulletins = () => {
    const target = makeBulletin('fr', '5001', '2001-05-03', '3'.repeat(64), [
      {
        type: 'loi',
        number: '77-01',
        title: 'Loi n° 77-01 relative aux essais',
        signedOn: '2001-04-20',
        page: 400,
        articles: [['3', 'Article 3', 'Les essais sont déclarés. Le ministre les autorise.']],
      },
    ]);
    target.texts[0]!.articles[0]!.paragraphs = ['Les essais sont déclarés.', 'Le ministre les autorise.'];
    const amending = makeBulletin('fr', '5200', '2003-02-06', '4'.repeat(64), [
      {
        type: 'loi',
        number: '78-02',
        title: 'Loi n° 78-02 modifiant la loi n° 77-01 relative aux essais',
        signedOn: '2003-01-15',
        page: 90,
        articles: [
          [
            '1',
            'Article premier',
            "Le deuxième alinéa de l'article 3 de la loi n° 77-01 relative aux essais est abrogé.",
          ],
          [
            '2',
            'Article 2',
            "Le cinquième alinéa de l'article 3 de la loi n° 77-01 relative aux essais est abrogé.",
          ],
        ],
      },
    ]);
    return [target, amending];
  };

  it.each([
    ['SQLite', async () => new SqliteStore(':memory:') as SearchStore],
    [
      'Elasticsearch',
      async () =>
        (await openElasticsearchStore({
          node: 'memory',
          client: new MemoryElasticsearch().asClient(),
        })) as SearchStore,
    ],
  ])('%s: an abrogated alinéa amends the article, and an alinéa not found is flagged', async (_, open) => {
    const store = await open();
    for (const b of bulletins()) await store.saveBulletin(b, makePages(b));
    const events = (await store.getHistory('loi-77-01'))!.events.filter((e) => e.kind !== 'published');
    expect(events).toEqual([
      {
        date: '2003-02-06',
        kind: 'abrogated',
        by: 'loi-78-02',
        byArticle: '1',
        articles: ['3'],
        paragraph: 2,
      },
      {
        date: '2003-02-06',
        kind: 'abrogated',
        by: 'loi-78-02',
        byArticle: '2',
        articles: ['3'],
        paragraph: 5,
        unapplied: true,
        reason: 'paragraph-not-found',
      },
    ]);
    // The article lives on in its first alinéa: no backlink says it is abrogated.
    expect((await store.getBacklinks('loi-77-01')).map((b) => [b.article, b.relation])).toEqual([
      [null, 'amends'],
      ['1', 'amends'],
      ['2', 'amends'],
    ]);
    expect((await store.getArticleVersions('loi-77-01', '3')).map((v) => [v.validFrom, v.body])).toEqual([
      ['2001-05-03', 'Les essais sont déclarés. Le ministre les autorise.'],
      ['2003-02-06', 'Les essais sont déclarés.'],
    ]);
    // Saved again, the flag is set once, not lost nor doubled.
    for (const b of bulletins()) await store.saveBulletin(b, makePages(b));
    expect((await store.getHistory('loi-77-01'))!.events.filter((e) => e.unapplied)).toHaveLength(1);
    await store.close();
  });
});

describe('Elasticsearch store over an in-memory cluster: the same graph as the embedded store', () => {
  const openMemory = (graphPageSize?: number) =>
    openElasticsearchStore({ node: 'memory', client: new MemoryElasticsearch().asClient(), graphPageSize });

  it.each([
    ['the contract texts and their amending laws', () => [...contractBulletins(), ...amendingBulletins()]],
    ['French amendment chains', () => chainBulletins(11)],
    ['bilingual amendment chains', () => chainBulletins(3, { arabic: true })],
  ])('reads %s as SQLite does, saved one by one in reverse or all in one bulk call', async (_, bulletins) => {
    const issues = bulletins();
    const ids = [...new Set(issues.flatMap((b) => b.texts.map((t) => t.id)))].sort();
    const sqlite = new SqliteStore(':memory:');
    for (const b of issues) await sqlite.saveBulletin(b, makePages(b));
    // Articles in force on a few days: the original wordings no amendment had replaced yet.
    const inForce = async (store: SearchStore) => {
      const days = ['1960-01-01', '1975-01-01', '2005-01-01', '2012-01-01', '2099-01-01'];
      const found = [];
      for (const day of days) {
        const { hits } = await store.search({ query: '', inForce: day, limit: 500 });
        found.push(hits.map((h) => `${h.textId}/${h.article}/${h.language}`).sort());
      }
      return found;
    };
    // The texts signed each day: where the ingest looks for a text's other edition.
    const days = [...new Set(issues.flatMap((b) => b.texts.flatMap((t) => t.signedOn ?? [])))].sort();
    const seen = async (store: SearchStore) => ({
      ...(await archiveSnapshot(store, ids)),
      inForce: await inForce(store),
      signedOn: await Promise.all(days.map((signedOn) => store.listTexts({ signedOn }))),
    });
    const expected = await seen(sqlite);
    await sqlite.close();

    const reversed = await openMemory();
    for (const b of [...issues].reverse()) await reversed.saveBulletin(b, makePages(b));
    expect(await seen(reversed)).toEqual(expected);
    // Small pages: every graph read goes through several search_after pages.
    const bulk = await openMemory(3);
    await bulk.saveBulletins(issues.map((parsed) => ({ parsed, pages: makePages(parsed) })));
    expect(await seen(bulk)).toEqual(expected);
  });
});
