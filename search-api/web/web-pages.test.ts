/**
 * The server-rendered pages through fastify.inject, on the store contract's French and
 * Arabic bulletins plus one whose title and wording carry markup: everything printed is
 * escaped, the snippet's highlight markers are the only markup, Arabic pages run right to left.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult, SearchStore } from '../../store/search-store.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { contractBulletins, makeBulletin, makePages } from '../../store/testing/contract-data.js';
import { buildApp } from '../app.js';
import { articleRegion } from './article-region.js';
import { escapeHtml, highlighted } from './html.js';
import { MESSAGES } from './i18n.js';

let store: SearchStore;
let app: FastifyInstance;

const HOSTILE = makeBulletin('fr', '7001', '2021-05-03', 'f'.repeat(64), [
  {
    type: 'decret',
    number: '2-21-1',
    title: 'Décret n° 2-21-1 <script>alert("titre")</script> relatif aux marchés',
    signedOn: '2021-04-20',
    page: 100,
    articles: [
      ['1', 'Article premier', 'Les marchés <img src=x onerror=alert(1)> sont passés par appel d’offres.'],
    ],
  },
]);

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  for (const parsed of [...contractBulletins(), HOSTILE]) await store.saveBulletin(parsed, makePages(parsed));
  app = await buildApp({ store, dataDir: '/nonexistent-jarida-data' });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('web pages', () => {
  it('escape titles, wordings and snippets: only <mark> comes through', async () => {
    const search = await app.inject('/fr/?query=marchés');
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('<script>alert');
    expect(search.body).not.toContain('<img src=x');
    expect(search.body).toContain('&lt;script&gt;');
    expect(search.body).toMatch(/<mark>march/i);
    const text = await app.inject('/fr/texts/decret-2-21-1');
    expect(text.body).not.toContain('<img src=x');
    expect(text.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('serve the Arabic interface right to left, with the Arabic expression of a text', async () => {
    const page = await app.inject('/ar/texts/loi-09-08');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page.body).toMatch(/<h1 id="text-title" lang="ar" dir="rtl">[^<]*[\u0600-\u06FF]/);
    // The French interface shows the French expression, and links to the Arabic one.
    const french = await app.inject('/fr/texts/loi-09-08');
    expect(french.body).toMatch(/<html lang="fr" dir="ltr">/);
    expect(french.body).toContain('href="/fr/texts/loi-09-08?lang=ar"');
  });

  it('isolate Latin fragments of an Arabic page so right to left does not reorder them', async () => {
    const page = (await app.inject('/ar/texts/loi-09-08')).body;
    // Texts named by their French title, isolated; the text's number, the export format: left to right inside the Arabic.
    expect(page).toContain('<a href="/ar/texts/decret-2-09-165"><bdi>Décret n° 2-09-165 du');
    expect(page).toContain('<dd><bdi dir="ltr">09-08</bdi></dd>');
    expect(page).toMatch(/<a [^>]*lang="en" dir="ltr">Akoma Ntoso \(XML\)<\/a>/);
    // Lists written with the Arabic comma, not the Latin one.
    expect(page).toContain('(العربية)، 23 فبراير 2009، ص 552');
    expect(page).not.toMatch(/[\u0600-\u06FF)], [\u0600-\u06FF\d]/);
    expect((await app.inject('/fr/texts/loi-09-08')).body).toContain('(Arabe), 23 février 2009, p. 552');
  });

  it('open on what the archive holds: the latest issues, then each edition by year, issues linked', async () => {
    const home = (await app.inject('/fr/')).body;
    const latest = home.slice(home.indexOf(MESSAGES.fr.latestIssues));
    // The newest issue first: the 2021 one, before 2009's.
    expect(latest.indexOf('/fr/bulletins/bo-fr-7001')).toBeGreaterThan(0);
    expect(latest.indexOf('/fr/bulletins/bo-fr-7001')).toBeLessThan(
      latest.indexOf('/fr/bulletins/bo-fr-5744'),
    );
    expect(home).toContain(MESSAGES.fr.editionNames.ar);
    expect(home).toMatch(/<dt>1996<\/dt><dd><a href="\/fr\/bulletins\/bo-fr-4422">4422<\/a><\/dd>/);
    expect(home).toContain(MESSAGES.fr.missingNumbers('2405–4421, 4423–5713, 5715–5743, 5745–7000'));
    // A search shows its results, not the collection.
    expect((await app.inject('/fr/?query=marchés')).body).not.toContain(MESSAGES.fr.latestIssues);
    const arabic = (await app.inject('/ar/')).body;
    expect(arabic).toContain(MESSAGES.ar.collection);
    expect(arabic).toContain('href="/ar/bulletins/bo-ar-5710"');
  });

  it('offer an issue as a searchable PDF on its page', async () => {
    const page = (await app.inject('/fr/bulletins/bo-fr-5714')).body;
    expect(page).toContain('href="/v1/bulletins/bo-fr-5714/pdf"');
    expect(page).toContain(MESSAGES.fr.downloadPdf);
  });

  it('show unknown texts and bad dates as pages with the API status', async () => {
    const missing = await app.inject('/fr/texts/loi-99-99');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    const badDate = await app.inject('/ar/?query=loi&from=hier');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('role="alert"');
  });

  it.each([
    '/fr/texts/loi-09-08?at=2009-13-01',
    '/ar/texts/loi-09-08?at=2009-02-30',
    '/fr/texts/loi-17-95/articles/2?at=2001-02-29',
    '/ar/texts/loi-17-95/articles/2?from=1997-04-31&to=2001-01-01',
    '/fr/?query=loi&inForce=2009-06-31',
  ])('explain an impossible day in the address, in the interface language: %s', async (url) => {
    const ui = url.startsWith('/ar/') ? 'ar' : 'fr';
    const page = await app.inject(url);
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain(escapeHtml(MESSAGES[ui].badRequestHint));
    // The API's own words stay, marked as English so a screen reader does not read them as Arabic.
    expect(page.body).toMatch(/<p class="hint" lang="en" dir="ltr">querystring\/\w+ must match format/);
  });

  it('send a stylesheet the CSP allows and no inline script or style', async () => {
    const page = await app.inject('/fr/texts/loi-17-95/articles/1');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script|style="/);
    expect((await app.inject('/assets/jarida.css')).headers['content-type']).toMatch(/^text\/css/);
  });
});

/** The facet navigation of a search page, and its links as a browser follows them. */
function facetNav(body: string) {
  const nav = body.match(/<nav class="facets" aria-labelledby="facets-heading">[\s\S]*?<\/nav>/)?.[0];
  if (!nav) throw new Error('no facet navigation on the page');
  const links = [
    ...nav.matchAll(/<a href="([^"]+)"( aria-current="true")?>([^<]*) <span class="count">\(([^)]*)\)/g),
  ].map(([, href, current, label, count]) => ({
    href: href!.replaceAll('&amp;', '&'),
    applied: Boolean(current),
    label: label!,
    count: count!,
  }));
  return { nav, links };
}

/** The filters of a page link, as the API receives them. */
function params(href: string): Record<string, string> {
  return Object.fromEntries(new URL(href, 'http://jarida.test').searchParams);
}

/** Text ids of the hits listed on a search page (grouped by text: one entry per hit). */
function hitTexts(body: string): string[] {
  return [...body.matchAll(/<li class="hit" data-text-id="([^"]+)"/g)].map(([, id]) => id!);
}

describe('search facets', () => {
  it('count hits per type and decade beside the results; a link narrows to it, keeping the rest', async () => {
    const search = '/fr/?query=loi&language=fr';
    const { facets, total } = (
      await app.inject('/v1/search?query=loi&language=fr&facets=true')
    ).json() as SearchResult;
    expect(facets!.type.length).toBeGreaterThan(1);
    const page = await app.inject(search);
    const { nav, links } = facetNav(page.body);
    expect(nav).toContain(`<h2 id="facets-heading">${MESSAGES.fr.refine}</h2>`);
    expect(nav).toMatch(/<ul aria-labelledby="facet-type">/);
    for (const { value, count } of facets!.type)
      expect(links).toContainEqual(
        expect.objectContaining({ label: MESSAGES.fr.textTypes[value as 'loi'], count: String(count) }),
      );

    // The type with the fewest hits: following its link lists exactly those, of that type only.
    const fewest = [...facets!.type].sort((a, b) => a.count - b.count)[0]!;
    expect(fewest.count).toBeLessThan(total);
    const typeLink = links.find((l) => l.label === MESSAGES.fr.textTypes[fewest.value as 'loi'])!;
    expect(params(typeLink.href)).toEqual({ query: 'loi', language: 'fr', type: fewest.value });
    const narrowed = await app.inject(typeLink.href);
    expect(narrowed.body).toContain(`<h2 id="results-heading">${MESSAGES.fr.results(fewest.count)}</h2>`);
    const ids = hitTexts(narrowed.body);
    expect(ids.length).toBe(Math.min(fewest.count, 20));
    expect(ids.every((id) => id.startsWith(`${fewest.value}-`))).toBe(true);
    // Once applied, the type is marked current and its link widens the search back.
    const applied = facetNav(narrowed.body).links.find((l) => l.applied)!;
    expect(applied.label).toBe(typeLink.label);
    expect(params(applied.href)).toEqual({ query: 'loi', language: 'fr' });

    // A decade: the link sets the publication dates to it; the hits are those published then.
    const decade = facets!.decade[0]!;
    const decadeLink = links.find((l) => l.label === MESSAGES.fr.decade(Number(decade.value)))!;
    const decadeParams = params(decadeLink.href);
    expect(decadeParams).toEqual({
      query: 'loi',
      language: 'fr',
      from: `${decade.value}-01-01`,
      to: `${Number(decade.value) + 9}-12-31`,
    });
    const inDecade = await app.inject(decadeLink.href);
    expect(inDecade.body).toContain(MESSAGES.fr.results(decade.count));
    const hits = (await app.inject(`/v1/search${decadeLink.href.slice(4)}`)).json() as SearchResult;
    expect(hits.hits.length).toBe(decade.count);
    expect(hits.hits.every((h) => h.date!.slice(0, 3) === decade.value.slice(0, 3))).toBe(true);
  });

  it('speak Arabic right to left in the Arabic interface, decades in words', async () => {
    const page = await app.inject('/ar/?query=loi');
    expect(page.body).toMatch(/<html lang="ar" dir="rtl">/);
    const { nav, links } = facetNav(page.body);
    expect(nav).toContain(MESSAGES.ar.refine);
    expect(links.map((l) => l.label)).toContain('قانون');
    expect(links.some((l) => /^من \d{4} إلى \d{4}$/.test(l.label))).toBe(true);
    expect(links.every((l) => l.href.startsWith('/ar/?query=loi&'))).toBe(true);
  });

  it('say when counts are lower bounds: the store counted only up to its result window', async () => {
    const windowed = await openSqliteStore(':memory:', { rankWindow: 3 });
    for (const parsed of contractBulletins()) await windowed.saveBulletin(parsed, makePages(parsed));
    const small = await buildApp({ store: windowed, dataDir: '/nonexistent-jarida-data' });
    try {
      const french = await small.inject('/fr/?query=loi');
      expect(french.body).toContain(`<h2 id="results-heading">≥ 3 résultats</h2>`);
      expect(facetNav(french.body).links).toContainEqual(expect.objectContaining({ count: '≥ 3' }));
      const arabic = await small.inject('/ar/?query=loi');
      expect(arabic.body).toContain('عدد النتائج: 3 على الأقل');
      expect(facetNav(arabic.body).links).toContainEqual(expect.objectContaining({ count: '3 على الأقل' }));
    } finally {
      await small.close();
      await windowed.close();
    }
  });
});

describe('highlighted', () => {
  it('turns only the store markers into <mark> and keeps them balanced', () => {
    expect(highlighted('a <mark>b</mark> <i>c</i> <mark>d').value).toBe(
      'a <mark>b</mark> &lt;i&gt;c&lt;/i&gt; <mark>d</mark>',
    );
    expect(highlighted('x</mark>y').value).toBe('xy');
  });
});

describe('articleRegion', () => {
  const line = (text: string, y: number, column: number) => ({
    text,
    bbox: { x: column === 0 ? 0.08 : 0.52, y, w: 0.4, h: 0.015 },
    column,
  });
  const lines = [
    line('Article premier', 0.1, 0),
    line('Le présent décret fixe…', 0.12, 0),
    line('Article 2', 0.8, 0),
    line('Les demandes sont déposées', 0.82, 0),
    line('contre récépissé.', 0.1, 1),
    line('Article 3', 0.13, 1),
  ];

  it('runs from the heading to the next article, one box per column', () => {
    expect(articleRegion(lines, lines[2]!.bbox)).toEqual([
      { x: 0.08, y: 0.8, w: 0.4, h: expect.closeTo(0.035, 5) },
      { x: 0.52, y: 0.1, w: 0.4, h: 0.015 },
    ]);
  });

  it('falls back to the heading box when the heading is not among the lines', () => {
    const heading = { x: 0.3, y: 0.5, w: 0.2, h: 0.02 };
    expect(articleRegion(lines, heading)).toEqual([heading]);
  });
});
