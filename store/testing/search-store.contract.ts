/**
 * Behaviour every {@link SearchStore} adapter must have. Each adapter's test file calls
 * {@link describeSearchStoreContract} with a factory returning a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT, type SearchRequest, type SearchStore } from '../search-store.js';
import { ARTICLE_5_NEW_WORDING, ARTICLE_12_BIS_WORDING, amendingBulletins } from './contract-amendments.js';
import {
  contractBulletins,
  DAHIR_ASSOCIATIONS,
  LOI_09_08_FR,
  LOI_17_95,
  makeBulletin,
  makePages,
} from './contract-data.js';

/** Registers the contract tests for one adapter. */
export function describeSearchStoreContract(name: string, makeStore: () => Promise<SearchStore>): void {
  describe(`SearchStore contract: ${name}`, () => {
    let store: SearchStore;

    const saveAll = async () => {
      for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
    };
    const search = (query: string, filters: Omit<SearchRequest, 'query'> = {}) =>
      store.search({ query, limit: 50, ...filters });
    const refs = (hits: { textId: string; article: string; language: string }[]) =>
      hits.map((h) => `${h.textId}/${h.article}/${h.language}`);

    beforeEach(async () => {
      store = await makeStore();
      await saveAll();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('saving bulletins', () => {
      it('is idempotent: saving the same bulletins again changes no count', async () => {
        const texts = await store.listTexts({});
        const total = (await search('données')).total;
        const articles = (await store.getText('loi-09-08'))!.articles.length;
        await saveAll();
        expect(await store.listTexts({})).toEqual(texts);
        expect((await search('données')).total).toBe(total);
        expect((await store.getText('loi-09-08'))!.articles).toHaveLength(articles);
        expect((await store.getText('loi-09-08'))!.publications).toHaveLength(2);
      });

      it('replaces the texts of a bulletin saved again with changes', async () => {
        const changed = makeBulletin('fr', '4422', '1996-10-17', 'b'.repeat(64), [
          {
            ...LOI_17_95,
            articles: [
              ['1', 'Article premier', 'La société anonyme est une société commerciale par nature.'],
            ],
          },
          {
            ...DAHIR_ASSOCIATIONS,
            number: '1-58-377',
            title: 'Dahir n° 1-58-377 relatif aux rassemblements publics',
          },
        ]);
        await store.saveBulletin(changed, makePages(changed));
        expect((await store.getText('loi-17-95'))!.articles.map((a) => a.number)).toEqual(['1']);
        expect((await search('immatriculation registre')).total).toBe(0);
        expect(refs((await search('commerciale par nature')).hits)).toEqual(['loi-17-95/1/fr']);
        expect((await store.getText('dahir-1-58-377'))!.title).toContain('rassemblements');

        // Saving the original again drops the text that is no longer in the issue.
        const [, original] = contractBulletins();
        await store.saveBulletin(original!, makePages(original!));
        expect(await store.getText('dahir-1-58-377')).toBeNull();
        expect((await store.getText('loi-17-95'))!.articles).toHaveLength(5);
        expect((await search('rassemblements')).total).toBe(0);
      });

      it('finds a bulletin by the sha256 of its source file', async () => {
        expect(await store.findBulletinBySource('d'.repeat(64))).toBe('bo-fr-5714');
        expect(await store.findBulletinBySource('f'.repeat(64))).toBeNull();
        const bulletin = await store.getBulletin('bo-fr-2404-bis');
        expect(bulletin).toMatchObject({ edition: 'fr', number: '2404', suffix: 'bis', date: '1958-11-27' });
        expect(await store.getBulletin('bo-fr-1')).toBeNull();
      });

      it('lists every bulletin held by edition and number, the suffixed issue after its number, or one edition', async () => {
        const ids = (await store.listBulletins()).map((b) => b.id);
        expect(ids).toEqual(['bo-ar-5710', 'bo-fr-2404-bis', 'bo-fr-4422', 'bo-fr-5714', 'bo-fr-5744']);
        const arabic = await store.listBulletins({ edition: 'ar' });
        expect(arabic).toEqual([await store.getBulletin('bo-ar-5710')]);
        const unsuffixed = makeBulletin('fr', '2404', '1958-11-20', '9'.repeat(64), [DAHIR_ASSOCIATIONS]);
        await store.saveBulletin(unsuffixed, makePages(unsuffixed));
        expect((await store.listBulletins({ edition: 'fr' })).map((b) => b.id).slice(0, 2)).toEqual([
          'bo-fr-2404',
          'bo-fr-2404-bis',
        ]);
      });
    });

    describe('removing a bulletin', () => {
      it('drops its pages and publications and the texts only it published; other publications stay', async () => {
        // A copy of n° 5714 holding its loi and a text of its own, then n° 5714 read again after it.
        const copy = makeBulletin('fr', '9999', '2009-03-05', '9'.repeat(64), [
          LOI_09_08_FR,
          {
            ...DAHIR_ASSOCIATIONS,
            number: '1-58-377',
            title: 'Dahir n° 1-58-377 relatif aux rassemblements publics',
          },
        ]);
        await store.saveBulletin(copy, makePages(copy));
        const original = contractBulletins()[3]!;
        await store.saveBulletin(original, makePages(original));
        expect(await store.getText('dahir-1-58-377')).not.toBeNull();

        await store.removeBulletin('bo-fr-9999');
        expect(await store.getBulletin('bo-fr-9999')).toBeNull();
        expect(await store.findBulletinBySource('9'.repeat(64))).toBeNull();
        expect((await store.listBulletins()).map((b) => b.id)).not.toContain('bo-fr-9999');
        expect(await store.getText('dahir-1-58-377')).toBeNull();
        expect((await search('rassemblements')).total).toBe(0);
        const loi = (await store.getText('loi-09-08'))!;
        expect(loi.publications.map((p) => p.bulletin).sort()).toEqual(['bo-ar-5710', 'bo-fr-5714']);
        expect(loi.articles.length).toBeGreaterThan(0);

        // Removing what the store does not hold changes nothing.
        const texts = await store.listTexts({});
        await store.removeBulletin('bo-fr-9999');
        expect(await store.listTexts({})).toEqual(texts);
      });
    });

    describe('an issue whose date was not read', () => {
      it('keeps its texts readable on any day, with their printed articles: nothing shows they came later', async () => {
        const undated = makeBulletin('fr', '9998', '2009-03-05', '8'.repeat(64), [
          { ...DAHIR_ASSOCIATIONS, number: '1-58-378', title: 'Dahir n° 1-58-378 relatif aux cercles' },
        ]);
        undated.bulletin.date = null;
        await store.saveBulletin(undated, makePages(undated));
        const text = await store.getText('dahir-1-58-378', { at: '2024-01-01' });
        expect(text?.publications.map((p) => p.date)).toEqual([null]);
        expect(text?.articles.map((a) => a.body)).toEqual(
          DAHIR_ASSOCIATIONS.articles.map(([, , body]) => body),
        );
      });
    });

    describe('reading texts', () => {
      it('lists texts by signature date with their languages and article counts, filtered by type and year', async () => {
        const all = await store.listTexts({});
        expect(all.map((t) => t.id)).toEqual(['dahir-1-58-376', 'loi-17-95', 'loi-09-08', 'decret-2-09-165']);
        expect(all.find((t) => t.id === 'loi-09-08')).toEqual({
          id: 'loi-09-08',
          type: 'loi',
          number: '09-08',
          title: LOI_09_08_FR.title,
          signedOn: '2009-02-18',
          languages: ['ar', 'fr'],
          articles: 4,
        });
        expect((await store.listTexts({ type: 'loi' })).map((t) => t.id)).toEqual(['loi-17-95', 'loi-09-08']);
        expect((await store.listTexts({ year: 2009 })).map((t) => t.id)).toEqual([
          'loi-09-08',
          'decret-2-09-165',
        ]);
        expect((await store.listTexts({ year: 2009, type: 'decret' })).map((t) => t.id)).toEqual([
          'decret-2-09-165',
        ]);
        expect((await store.listTexts({ signedOn: '2009-02-18' })).map((t) => t.id)).toEqual(['loi-09-08']);
        expect(await store.listTexts({ signedOn: '2009-02-19', type: 'loi' })).toEqual([]);
        expect((await store.listTexts({ limit: 2, offset: 1 })).map((t) => t.id)).toEqual([
          'loi-17-95',
          'loi-09-08',
        ]);
      });

      it('shows one text published in both editions as one text with two expressions', async () => {
        const fr = (await store.getText('loi-09-08'))!;
        expect(fr).toMatchObject({
          id: 'loi-09-08',
          type: 'loi',
          number: '09-08',
          title: LOI_09_08_FR.title,
          signedOn: '2009-02-18',
          hijriDate: '22 safar 1430',
          language: 'fr',
          languages: ['ar', 'fr'],
        });
        expect(fr.publications).toEqual([
          { bulletin: 'bo-ar-5710', edition: 'ar', date: '2009-02-23', page: 552 },
          { bulletin: 'bo-fr-5714', edition: 'fr', date: '2009-03-05', page: 552 },
        ]);
        expect(fr.articles.map((a) => a.number)).toEqual(['1', '2', '5', '12']);
        expect(fr.articles[0]).toMatchObject({ heading: 'Article premier', page: 552, pageIndex: 1 });
        expect(fr.articles[0]!.bbox).toEqual({ x: 0.08, y: 0.1, w: 0.4, h: 0.02 });
        expect(fr.articles[3]).toMatchObject({ page: 553, pageIndex: 2 });

        const ar = (await store.getText('loi-09-08', { language: 'ar' }))!;
        expect(ar.language).toBe('ar');
        expect(ar.title).toMatch(/^القانون رقم 09\.08/);
        expect(ar.articles.map((a) => a.heading)).toEqual(['المادة الأولى', 'المادة 2', 'المادة 5']);
        expect(await store.getText('decret-2-09-165', { language: 'ar' })).toBeNull();
        expect(await store.getText('loi-99-99')).toBeNull();
      });

      it('reads one article by its number in any printed form', async () => {
        const first = await store.getArticle('dahir-1-58-376', 'premier');
        expect(first).toMatchObject({
          textId: 'dahir-1-58-376',
          article: '1',
          language: 'fr',
          bulletin: 'bo-fr-2404-bis',
        });
        expect(first!.body).toMatch(/^L'association est la convention/);
        expect((await store.getArticle('loi-09-08', '5', { language: 'ar' }))!.body).toMatch(
          /^لا يمكن القيام/,
        );
        expect(await store.getArticle('loi-09-08', '99')).toBeNull();
        expect(await store.getArticle('loi-09-08', '5')).toMatchObject({
          validFrom: '2009-03-05',
          validTo: null,
          introducedBy: null,
        });
      });

      it('reads a text as it stood on a day: absent before its publication in that edition', async () => {
        expect(await store.getText('loi-09-08', { at: '2009-01-01' })).toBeNull();
        expect((await store.getText('loi-09-08', { at: '2009-02-25' }))!.language).toBe('ar');
        expect((await store.getText('loi-09-08', { at: '2009-03-05' }))!.language).toBe('fr');
        expect(await store.getArticle('loi-09-08', '5', { language: 'fr', at: '2009-03-04' })).toBeNull();
        expect((await store.getArticle('dahir-1-58-376', '2', { at: '2024-01-01' }))!.body).toMatch(
          /^Les associations/,
        );
      });
    });

    describe('versions, history and backlinks before any amendment', () => {
      it('gives each article one version: its original wording from its publication', async () => {
        const versions = await store.getArticleVersions('loi-09-08', '5', { language: 'fr' });
        expect(versions).toHaveLength(1);
        expect(versions[0]).toMatchObject({ validFrom: '2009-03-05', validTo: null, introducedBy: null });
        expect(versions[0]!.body).toBe((await store.getArticle('loi-09-08', '5', { language: 'fr' }))!.body);
        expect(await store.getArticleVersions('loi-09-08', '99')).toEqual([]);
      });

      it('lists one publication event per edition, oldest first', async () => {
        const history = await store.getHistory('loi-09-08');
        expect(history!.events.map((e) => [e.date, e.kind])).toEqual([
          ['2009-02-23', 'published'],
          ['2009-03-05', 'published'],
        ]);
        expect(await store.getHistory('loi-00-00')).toBeNull();
      });

      it('has no backlinks for a text nothing cites', async () => {
        expect(await store.getBacklinks('decret-2-09-165')).toEqual([]);
      });
    });

    describe('amendments: versions, history and backlinks', () => {
      const saveAmending = async (target: SearchStore) => {
        for (const parsed of amendingBulletins()) await target.saveBulletin(parsed, makePages(parsed));
      };
      beforeEach(async () => {
        await saveAmending(store);
      });

      it('gives an amended article a version per wording, each with the text and article that made it', async () => {
        const versions = await store.getArticleVersions('loi-09-08', '5', { language: 'fr' });
        expect(versions.map((v) => [v.validFrom, v.validTo, v.introducedBy, v.introducedByArticle])).toEqual([
          ['2009-03-05', '2015-03-12', null, null],
          ['2015-03-12', null, 'loi-29-14', '1'],
        ]);
        expect(versions[1]!.body).toBe(ARTICLE_5_NEW_WORDING);
        const substituted = await store.getArticleVersions('loi-09-08', '2', { language: 'fr' });
        expect(substituted[0]!.body).toContain('automatisé en tout ou en partie');
        expect(substituted[1]!.body).toBe(
          substituted[0]!.body!.replace('automatisé en tout ou en partie', 'automatisé ou non'),
        );
        expect(await store.getArticleVersions('loi-09-08', '12 bis')).toEqual([
          expect.objectContaining({ validFrom: '2015-03-12', validTo: null, body: ARTICLE_12_BIS_WORDING }),
        ]);
        expect((await store.getArticleVersions('loi-09-08', '12')).map((v) => v.body === null)).toEqual([
          false,
          true,
        ]);
      });

      it('reads an article and a whole text as they stood on a day', async () => {
        expect((await store.getArticle('loi-09-08', '5', { at: '2012-01-01' }))!.body).not.toBe(
          ARTICLE_5_NEW_WORDING,
        );
        expect(await store.getArticle('loi-09-08', '5', { at: '2015-03-12' })).toMatchObject({
          body: ARTICLE_5_NEW_WORDING,
          validFrom: '2015-03-12',
          validTo: null,
          introducedBy: 'loi-29-14',
        });
        expect(await store.getArticle('loi-09-08', '12', { at: '2016-01-01' })).toBeNull();
        expect(await store.getArticle('loi-09-08', '12 bis', { at: '2014-01-01' })).toBeNull();
        const before = await store.getText('loi-09-08', { at: '2014-12-31' });
        const after = await store.getText('loi-09-08', { at: '2016-01-01' });
        expect(before!.articles.map((a) => a.number)).toEqual(['1', '2', '5', '12']);
        expect(after!.articles.map((a) => a.number)).toEqual(['1', '2', '5', '12-bis']);
        expect(after!.articles[3]).toMatchObject({ heading: 'Article 12 bis', body: ARTICLE_12_BIS_WORDING });
        expect((await store.getText('decret-2-09-165', { at: '2021-01-01' }))!.articles).toEqual([]);
      });

      it('lists amending events after the publications, and only those touching an article when asked', async () => {
        const history = await store.getHistory('loi-09-08');
        expect(history!.events.map((e) => [e.date, e.kind, e.by, e.byArticle, e.articles])).toEqual([
          ['2009-02-23', 'published', 'loi-09-08', null, []],
          ['2009-03-05', 'published', 'loi-09-08', null, []],
          ['2015-03-12', 'amended', 'loi-29-14', '1', ['5']],
          ['2015-03-12', 'inserted', 'loi-29-14', '2', ['12-bis']],
          ['2015-03-12', 'amended', 'loi-29-14', '3', ['2']],
          ['2015-03-12', 'abrogated', 'loi-29-14', '4', ['12']],
        ]);
        const article = await store.getHistory('loi-09-08', { article: '5' });
        expect(article!.events.map((e) => e.kind)).toEqual(['published', 'published', 'amended']);
        const decree = await store.getHistory('decret-2-09-165');
        expect(decree!.events.at(-1)).toEqual({
          date: '2020-06-15',
          kind: 'abrogated',
          by: 'decret-2-20-400',
          byArticle: '1',
          articles: [],
        });
      });

      it('gives backlinks: what amends, abrogates and cites a text', async () => {
        const links = await store.getBacklinks('loi-09-08');
        expect(links).toContainEqual({
          textId: 'decret-2-09-165',
          article: null,
          relation: 'cites',
          targetArticle: null,
          date: '2009-06-18',
        });
        expect(links).toContainEqual({
          textId: 'loi-29-14',
          article: '1',
          relation: 'amends',
          targetArticle: '5',
          date: '2015-03-12',
        });
        expect(links).toContainEqual({
          textId: 'loi-29-14',
          article: '4',
          relation: 'abrogates',
          targetArticle: '12',
          date: '2015-03-12',
        });
        expect(links).toContainEqual({
          textId: 'loi-29-14',
          article: null,
          relation: 'amends',
          targetArticle: null,
          date: '2015-03-12',
        });
        expect(await store.getBacklinks('decret-2-09-165')).toContainEqual(
          expect.objectContaining({ textId: 'decret-2-20-400', relation: 'abrogates', article: '1' }),
        );
      });

      describe('searching every wording', () => {
        /** Loi 09-08 in French only: the amending loi quotes the new wordings too. */
        const inLaw = (query: string, inForce?: string, more: Omit<SearchRequest, 'query'> = {}) =>
          search(query, { number: '09-08', language: 'fr', ...(inForce ? { inForce } : {}), ...more });
        const NEW = '"consentement exprès"';
        const REPLACED = '"indubitablement donné"';

        it('finds an amended wording only on days it is in force, the wording it replaced only before', async () => {
          expect((await inLaw(NEW)).hits).toEqual([
            expect.objectContaining({
              textId: 'loi-09-08',
              article: '5',
              validFrom: '2015-03-12',
              validTo: null,
              introducedBy: 'loi-29-14',
            }),
          ]);
          expect((await inLaw(REPLACED)).hits).toEqual([
            expect.objectContaining({
              article: '5',
              validFrom: '2009-03-05',
              validTo: '2015-03-12',
              introducedBy: null,
            }),
          ]);
          expect((await inLaw(NEW, '2015-03-11')).total).toBe(0);
          expect(refs((await inLaw(NEW, '2015-03-12')).hits)).toEqual(['loi-09-08/5/fr']);
          expect(refs((await inLaw(REPLACED, '2015-03-11')).hits)).toEqual(['loi-09-08/5/fr']);
          expect((await inLaw(REPLACED, '2015-03-12')).total).toBe(0);
          // Words substituted into article 2, and article 12 bis inserted.
          expect(refs((await inLaw('"automatisé ou non"', '2016-01-01')).hits)).toEqual(['loi-09-08/2/fr']);
          expect((await inLaw('"automatisé ou non"', '2014-01-01')).total).toBe(0);
          expect(refs((await inLaw('rapport autorisations', '2016-01-01')).hits)).toEqual([
            'loi-09-08/12-bis/fr',
          ]);
        });

        it('finds an abrogated article in force only before its abrogation', async () => {
          const genetic = '"données génétiques"';
          expect(refs((await search(genetic, { inForce: '2015-03-11' })).hits)).toEqual(['loi-09-08/12/fr']);
          expect((await search(genetic, { inForce: '2015-03-12' })).total).toBe(0);
          expect(refs((await search(genetic)).hits)).toEqual(['loi-09-08/12/fr']);
          // A whole text abrogated: none of its articles is in force after.
          expect((await search('', { number: '2-09-165', inForce: '2019-01-01' })).total).toBe(2);
          expect((await search('', { number: '2-09-165', inForce: '2020-06-15' })).total).toBe(0);
        });

        it('answers exact references and facets from the same wordings', async () => {
          const every = (await search('art. 5 loi 09-08')).hits.slice(0, 3);
          expect(every.map((h) => [h.language, h.validFrom])).toEqual([
            ['fr', '2015-03-12'],
            ['fr', '2009-03-05'],
            ['ar', '2009-02-23'],
          ]);
          const now = (await search('art. 5 loi 09-08', { inForce: '2016-01-01' })).hits.slice(0, 2);
          expect(now.map((h) => [refs([h])[0], h.introducedBy])).toEqual([
            ['loi-09-08/5/fr', 'loi-29-14'],
            ['loi-09-08/5/ar', null],
          ]);
          const decades = async (inForce?: string) =>
            (await inLaw('consentement', inForce, { facets: true })).facets!.decade;
          expect(await decades()).toEqual([
            { value: '2000', count: 1 },
            { value: '2010', count: 1 },
          ]);
          expect(await decades('2016-01-01')).toEqual([{ value: '2010', count: 1 }]);
          expect(await decades('2010-01-01')).toEqual([{ value: '2000', count: 1 }]);
        });

        it('groups the hits of a page by text, in the order of their first hit', async () => {
          const result = await search('consentement');
          expect(result.texts.map((t) => t.textId)).toEqual([...new Set(result.hits.map((h) => h.textId))]);
          expect(result.texts.flatMap((t) => t.articles)).toHaveLength(result.hits.length);
          const law = result.texts.find((t) => t.textId === 'loi-09-08')!;
          expect(law).toMatchObject({
            type: 'loi',
            number: '09-08',
            date: '2009-02-23',
            title: LOI_09_08_FR.title,
          });
          expect(
            law.articles.map((a) => [a.article, a.language, a.validFrom, a.introducedBy]).sort(),
          ).toEqual([
            ['5', 'fr', '2009-03-05', null],
            ['5', 'fr', '2015-03-12', 'loi-29-14'],
          ]);
        });
      });

      it('gives the same versions and history when the amending texts arrive first', async () => {
        const reversed = await makeStore();
        try {
          await saveAmending(reversed);
          expect(await reversed.getArticleVersions('loi-09-08', '5')).toEqual([]);
          for (const parsed of contractBulletins()) await reversed.saveBulletin(parsed, makePages(parsed));
          for (const [text, article] of [
            ['loi-09-08', '5'],
            ['loi-09-08', '12-bis'],
            ['loi-09-08', '2'],
            ['decret-2-09-165', '1'],
          ] as const) {
            expect(await reversed.getArticleVersions(text, article)).toEqual(
              await store.getArticleVersions(text, article),
            );
          }
          expect(await reversed.getHistory('loi-09-08')).toEqual(await store.getHistory('loi-09-08'));
          expect(await reversed.getBacklinks('loi-09-08')).toEqual(await store.getBacklinks('loi-09-08'));
        } finally {
          await reversed.close();
        }
      });
    });

    describe('search', () => {
      it('finds words whatever their case, accents, elision and inflection', async () => {
        expect(refs((await search('reglementation')).hits)).toContain('decret-2-09-165/12/fr');
        expect(refs((await search('RÉGLEMENTATION')).hits)).toContain('decret-2-09-165/12/fr');
        const association = refs((await search("l'association")).hits);
        expect(association).toContain('dahir-1-58-376/1/fr');
        // Plural and elided forms in the text meet the bare singular query.
        expect(association).toContain('dahir-1-58-376/2/fr');
        expect(refs((await search('sociétés anonymes maroc')).hits)).toEqual(['loi-17-95/5/fr']);
      });

      it('matches a quoted phrase only as that exact sequence', async () => {
        const words = refs((await search('protection des données')).hits);
        const phrase = await search('"protection des données"');
        expect(refs(phrase.hits)).toEqual(['decret-2-09-165/1/fr']);
        expect(words.length).toBeGreaterThan(phrase.hits.length);
        expect(refs((await search('« capital social »')).hits)).toEqual(['loi-17-95/4/fr']);
        expect((await search('"social capital"')).total).toBe(0);
      });

      it('filters by type, number, article, publication date range and language', async () => {
        const byType = await search('personnel', { type: 'decret' });
        expect(byType.hits.length).toBeGreaterThan(0);
        expect(byType.hits.every((h) => h.textId === 'decret-2-09-165')).toBe(true);
        const byNumber = await search('', { number: '٠٩.٠٨' });
        expect(new Set(byNumber.hits.map((h) => h.textId))).toEqual(new Set(['loi-09-08']));
        expect(byNumber.total).toBe(7);
        expect(refs((await search('autorisation', { article: '12' })).hits).sort()).toEqual([
          'decret-2-09-165/12/fr',
          'loi-09-08/12/fr',
        ]);
        expect(refs((await search('association', { article: 'premier' })).hits)).toEqual([
          'dahir-1-58-376/1/fr',
        ]);
        const dated = await search('société', { from: '1990-01-01', to: '2000-12-31' });
        expect(dated.total).toBeGreaterThan(0);
        expect(dated.hits.every((h) => h.date === '1996-10-17')).toBe(true);
        expect((await search('société', { from: '2001-01-01' })).total).toBe(0);
        const arabic = await search('', { number: '09-08', language: 'ar' });
        expect(arabic.hits.map((h) => h.language)).toEqual(['ar', 'ar', 'ar']);
      });

      it('puts the article an exact French reference names first', async () => {
        const hits = (await search('art. 5 loi 09-08')).hits;
        expect(refs(hits).slice(0, 2)).toEqual(['loi-09-08/5/fr', 'loi-09-08/5/ar']);
        expect(hits[0]!.score).toBeGreaterThan(hits[2]!.score);
        expect(refs((await search('article 12 du décret n° 2-09-165')).hits)[0]).toBe(
          'decret-2-09-165/12/fr',
        );
        expect(refs((await search("l'article premier de la loi n° 17-95")).hits)[0]).toBe('loi-17-95/1/fr');
        // Free words besides the reference rank the rest.
        expect(refs((await search('consentement article 1 loi 17-95')).hits)[0]).toBe('loi-17-95/1/fr');
      });

      it('puts the article an exact Arabic reference names first', async () => {
        expect(refs((await search('المادة 5 من القانون 09.08')).hits)[0]).toBe('loi-09-08/5/ar');
        expect(refs((await search('المادة الأولى من القانون رقم ٠٩.٠٨')).hits)[0]).toBe('loi-09-08/1/ar');
      });

      it('folds Arabic harakat, alef variants, ta marbuta and clitics', async () => {
        // The text has harakat (أَحْكَامُ هَذَا الْقَانُونِ); the query has none, or a bare alef.
        expect(refs((await search('احكام هذا القانون')).hits)).toEqual(['loi-09-08/2/ar']);
        expect(refs((await search('أحكام')).hits)).toEqual(['loi-09-08/2/ar']);
        // The text has انجازها; the query writes the hamza and a ta marbuta-less stem.
        expect(refs((await search('إنجازها')).hits)).toEqual(['loi-09-08/5/ar']);
        expect(refs((await search('المعالجة الآلية')).hits)).toEqual(['loi-09-08/2/ar']);
        expect(refs((await search('"الشخص المعني"')).hits)).toEqual(['loi-09-08/5/ar']);
        expect((await search('"المعني الشخص"')).total).toBe(0);
      });

      it('highlights matched words of the printed wording in snippets', async () => {
        const [hit] = (await search('reglementation')).hits;
        expect(hit!.snippet).toContain(`${HIGHLIGHT.open}réglementation${HIGHLIGHT.close}`);
        const [ar] = (await search('احكام')).hits;
        expect(ar!.snippet).toContain(`${HIGHLIGHT.open}أَحْكَامُ${HIGHLIGHT.close}`);
        expect(ar!.title).toMatch(/^القانون رقم 09\.08/);
        expect(ar!.date).toBe('2009-02-23');
      });

      it.each([
        '"',
        'données"',
        '"données',
        'données*',
        '*',
        'NEAR(données',
        'NEAR(données traitement, 3)',
        'données AND',
        'AND',
        'OR NOT',
        '-traitement',
        'body:traitement',
        'title : données',
        '^traitement',
        '(traitement',
        'traitement)',
        '{title body}: données',
        "''",
        '\u0000données',
        '',
      ])('treats FTS syntax in %j as text, never throwing', async (query) => {
        const result = await search(query);
        expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
        const words = query.match(/[\p{L}]+/gu) ?? [];
        const expected = words.filter((w) => !['NEAR', 'AND', 'OR', 'NOT', 'body', 'title'].includes(w));
        if (words.length > 0 && expected.length === words.length) expect(result.total).toBeGreaterThan(0);
        if (words.some((w) => ['AND', 'NOT', 'body'].includes(w))) expect(result.total).toBe(0);
      });

      it('pages through results with a stable total', async () => {
        const all = await search('données', { limit: 100 });
        expect(all.total).toBe(all.hits.length);
        expect(all.total).toBe(5);
        const pages = [];
        for (let offset = 0; offset < all.total; offset += 2) {
          const page = await search('données', { limit: 2, offset });
          expect(page.total).toBe(all.total);
          pages.push(...refs(page.hits));
        }
        expect(pages).toEqual(refs(all.hits));
        expect((await search('données', { limit: 0 })).hits).toEqual([]);
        expect((await search('données', { offset: all.total })).hits).toEqual([]);
        // Pinned reference hits page the same way.
        const ref = await search('loi 09-08 art. 5', { limit: 1, offset: 1 });
        expect(refs(ref.hits)).toEqual(['loi-09-08/5/ar']);
      });

      it('rejects invalid filters with a stable error code', async () => {
        await expect(search('x', { article: 'abc' })).rejects.toMatchObject({ code: 'E_SEARCH_REQUEST' });
        await expect(search('x', { from: '2009' })).rejects.toMatchObject({ code: 'E_SEARCH_REQUEST' });
        await expect(search('x', { inForce: '5 mars 2009' })).rejects.toMatchObject({
          code: 'E_SEARCH_REQUEST',
        });
      });

      it('counts hits per text type and decade when asked', async () => {
        const result = await search('autorisation', { facets: true });
        expect(result.facets).toEqual({
          type: expect.arrayContaining([
            { value: 'decret', count: 1 },
            { value: 'dahir', count: 1 },
            { value: 'loi', count: 1 },
          ]),
          decade: expect.arrayContaining([
            { value: '1950', count: 1 },
            { value: '2000', count: 2 },
          ]),
        });
        expect(result.facets!.type).toHaveLength(3);
        expect(result.facets!.decade).toHaveLength(2);
        expect(result.totalRelation ?? 'eq').toBe('eq');
        expect((await search('autorisation')).facets).toBeUndefined();
      });

      it('keeps to wording in force on a day: published by then', async () => {
        const before = await search('données', { inForce: '2009-03-04' });
        expect(before.total).toBe(0);
        const after = refs((await search('données', { inForce: '2009-06-18' })).hits);
        expect(after).toContain('decret-2-09-165/1/fr');
        expect(after).toContain('loi-09-08/1/fr');
        expect(refs((await search('données', { inForce: '2009-03-05' })).hits)).not.toContain(
          'decret-2-09-165/1/fr',
        );
        expect(refs((await search('المعطيات', { inForce: '2009-02-23' })).hits)).toContain('loi-09-08/1/ar');
      });

      it('finds a text printed without articles by its title', async () => {
        const appointment = makeBulletin('fr', '5750', '2009-07-09', '9'.repeat(64), [
          {
            type: 'decret',
            number: '2-09-301',
            title: 'Décret n° 2-09-301 portant nomination du directeur de la Commission nationale',
            signedOn: '2009-06-30',
            page: 1200,
            articles: [],
          },
        ]);
        await store.saveBulletin(appointment, makePages(appointment));
        const result = await search('nomination directeur');
        expect(result.hits).toHaveLength(1);
        expect(result.hits[0]).toMatchObject({ textId: 'decret-2-09-301', article: '', date: '2009-07-09' });
        expect(result.hits[0]!.snippet).toContain(`${HIGHLIGHT.open}nomination${HIGHLIGHT.close}`);
        expect((await search('nomination', { type: 'loi' })).total).toBe(0);
      });
    });
  });
}
