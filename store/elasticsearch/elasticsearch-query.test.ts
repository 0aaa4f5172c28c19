import { describe, expect, it } from 'vitest';
import { QueryLimitError } from '../query.js';
import { contractBulletins } from '../testing/contract-data.js';
import { type BulkResponse, BulkWriteError, backoffDelay, bulkWithBackoff } from './elasticsearch-bulk.js';
import {
  aliasName,
  bulletinDocuments,
  indexTemplate,
  MAPPINGS,
  versionedIndexName,
} from './elasticsearch-mapping.js';
import { planSearch, requestFilters } from './elasticsearch-query.js';

describe('index template', () => {
  const template = indexTemplate('jarida');

  it('applies to every versioned index of the prefix, not to the aliases', () => {
    expect(template.index_patterns).toEqual([
      'jarida-documents-v*',
      'jarida-texts-v*',
      'jarida-bulletins-v*',
      'jarida-amendments-v*',
      'jarida-citations-v*',
      'jarida-versions-v*',
    ]);
    const index = versionedIndexName('jarida', 'documents', 42);
    expect(index).toBe('jarida-documents-v42');
    const matches = (pattern: string, name: string) =>
      new RegExp(`^${pattern.replace('*', '.*')}$`).test(name);
    expect(template.index_patterns.some((p) => matches(p, index))).toBe(true);
    expect(template.index_patterns.some((p) => matches(p, aliasName('jarida', 'documents')))).toBe(false);
  });

  it('analyses French with elision, lower case, ascii folding and the light stemmer, Arabic with normalisation and the light stemmer', () => {
    const { analyzer, filter } = template.template.settings.analysis;
    expect(analyzer.jarida_french.filter).toEqual([
      'french_elision',
      'lowercase',
      'asciifolding',
      'french_light_stemmer',
    ]);
    expect(filter.french_light_stemmer).toEqual({ type: 'stemmer', language: 'light_french' });
    expect(filter.french_elision.articles).toContain('qu');
    expect(analyzer.jarida_arabic.filter).toEqual([
      'lowercase',
      'decimal_digit',
      'arabic_normalization',
      'arabic_light_stemmer',
    ]);
    expect(MAPPINGS.properties.body_fr.analyzer).toBe('jarida_french');
    expect(MAPPINGS.properties.body_ar.analyzer).toBe('jarida_arabic');
  });
});

describe('documents of a bulletin', () => {
  it('makes one document per bulletin, expression and article, each with only declared fields', () => {
    const [, loi1795] = contractBulletins();
    const docs = bulletinDocuments(loi1795!);
    expect(docs.filter((d) => d.kind === 'bulletins').map((d) => d.id)).toEqual(['bo-fr-4422']);
    expect(docs.filter((d) => d.kind === 'texts').map((d) => d.id)).toEqual(['loi-17-95:fr']);
    const articles = docs.filter((d) => d.kind === 'documents');
    expect(articles.map((d) => d.id)).toEqual([0, 1, 2, 3, 4].map((i) => `loi-17-95:fr:${i}`));
    expect(articles[0]!.source).toMatchObject({
      article: '1',
      decade: '1990',
      date: '1996-10-17',
      type: 'loi',
    });
    expect(articles[0]!.source.body_fr).toMatch(/^La société anonyme/);
    for (const doc of docs)
      for (const field of Object.keys(doc.source)) expect(MAPPINGS.properties).toHaveProperty(field);
  });

  it('indexes the Arabic wording in the Arabic field', () => {
    const arabic = contractBulletins().find((b) => b.bulletin.edition === 'ar')!;
    const [article] = bulletinDocuments(arabic).filter((d) => d.kind === 'documents');
    expect(article!.source.body_ar).toMatch(/^يراد/);
    expect(article!.source).not.toHaveProperty('body_fr');
    expect(article!.source.number).toBe('09-08');
  });
});

describe('query DSL', () => {
  it('requires every word across body and title and each phrase in order', () => {
    const plan = planSearch({ query: 'Sociétés anonymes « capital social »' });
    const must = (plan.rest.query.bool as { must: Record<string, unknown>[] }).must;
    expect(must[0]).toEqual({
      multi_match: {
        query: 'societes anonymes',
        fields: ['body_fr', 'body_ar', 'title_fr^0.3', 'title_ar^0.3'],
        type: 'cross_fields',
        operator: 'and',
      },
    });
    expect(JSON.stringify(must[1])).toContain('{"match_phrase":{"body_fr":"capital social"}}');
    expect(plan.pinned).toBeNull();
    expect(plan.rest.sort[0]).toBe('_score');
  });

  it('turns filters into bool filters, "in force on" into published-by and not-yet-replaced', () => {
    expect(
      requestFilters({
        query: '',
        type: 'loi',
        number: '٠٩.٠٨',
        article: 'premier',
        language: 'ar',
        from: '2009-01-01',
      }),
    ).toEqual([
      { term: { type: 'loi' } },
      { term: { number: '09-08' } },
      { term: { article: '1' } },
      { term: { language: 'ar' } },
      { range: { date: { gte: '2009-01-01' } } },
    ]);
    const inForce = requestFilters({ query: '', inForce: '2015-03-12' });
    expect(inForce[0]).toEqual({ range: { date: { lte: '2015-03-12' } } });
    expect(JSON.stringify(inForce[1])).toContain('{"range":{"valid_to":{"gt":"2015-03-12"}}}');
    expect(() => requestFilters({ query: '', article: 'abc' })).toThrow(/not an article number/);
  });

  it('pins the article an exact reference names, in the language of the query first', () => {
    const plan = planSearch({ query: 'المادة 5 من القانون 09.08' });
    expect(plan.pinned!.query).toEqual({
      bool: { filter: [{ term: { text_id: 'loi-09-08' } }, { term: { article: '5' } }] },
    });
    expect(JSON.stringify(plan.pinned!.sort)).toContain('"preferred":"ar"');
    // Without free words, the rest is the referenced text, newest first.
    expect((plan.rest.query.bool as { filter: unknown[] }).filter).toEqual([
      { term: { text_id: 'loi-09-08' } },
    ]);
    expect(plan.rest.sort[0]).toEqual({ date: { order: 'desc', missing: '_last' } });
  });

  it('never passes query syntax through: words reach Elasticsearch as match text only', () => {
    const plan = planSearch({ query: 'title:données AND (traitement* OR "x' });
    const text = JSON.stringify(plan.rest.query);
    expect(text).not.toContain('query_string');
    expect(text).toContain('"query":"title donnees and traitement or x"');
  });

  it('sends a repeated word or phrase once, and refuses a query past the limits', () => {
    const plan = planSearch({ query: `${'de la loi '.repeat(60)} "capital social" "capital social"` });
    const must = (plan.rest.query.bool as { must: { multi_match?: { query: string } }[] }).must;
    // Three words for the analyser (×4 fields: 12 clauses, not 720), one phrase query.
    expect(must[0]!.multi_match!.query).toBe('de la loi');
    expect(must).toHaveLength(2);
    expect(() => planSearch({ query: 'de la loi '.repeat(700) })).toThrow(QueryLimitError);
  });
});

describe('bulk writes with back-off', () => {
  const ok: BulkResponse = { errors: false, items: [] };
  const op = (id: string) => ({ action: { index: { _index: 'i', _id: id } }, document: { id } });

  it('retries the whole request after a 429, with growing pauses', async () => {
    const pauses: number[] = [];
    const sent: unknown[][] = [];
    let calls = 0;
    await bulkWithBackoff(
      async (body) => {
        sent.push(body);
        if (++calls < 3) throw Object.assign(new Error('too many'), { meta: { statusCode: 429 } });
        return ok;
      },
      [op('a'), op('b')],
      { sleep: async (ms) => void pauses.push(ms) },
    );
    expect(pauses).toEqual([backoffDelay(1), backoffDelay(2)]);
    expect(pauses[1]).toBeGreaterThan(pauses[0]!);
    expect(sent[2]).toEqual([
      { index: { _index: 'i', _id: 'a' } },
      { id: 'a' },
      { index: { _index: 'i', _id: 'b' } },
      { id: 'b' },
    ]);
  });

  it('sends again only the items refused with 429', async () => {
    const sent: unknown[][] = [];
    await bulkWithBackoff(
      async (body) => {
        sent.push(body);
        if (sent.length === 1) {
          return {
            errors: true,
            items: [
              { index: { status: 201 } },
              { index: { status: 429, error: { type: 'es_rejected_execution_exception' } } },
            ],
          };
        }
        return ok;
      },
      [op('a'), op('b')],
      { sleep: async () => undefined },
    );
    expect(sent[1]).toEqual([{ index: { _index: 'i', _id: 'b' } }, { id: 'b' }]);
  });

  it('fails on other item errors and after the last retry', async () => {
    const mapping = async (): Promise<BulkResponse> => ({
      errors: true,
      items: [{ index: { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad date' } } }],
    });
    await expect(bulkWithBackoff(mapping, [op('a')])).rejects.toThrow(/mapper_parsing_exception: bad date/);
    const busy = async (): Promise<BulkResponse> => {
      throw Object.assign(new Error('busy'), { statusCode: 429 });
    };
    await expect(
      bulkWithBackoff(busy, [op('a')], { retries: 2, sleep: async () => undefined }),
    ).rejects.toBeInstanceOf(BulkWriteError);
    await expect(
      bulkWithBackoff(async () => {
        throw new Error('down');
      }, [op('a')]),
    ).rejects.toThrow('down');
  });
});
