/**
 * The HTTP API through fastify.inject on a real archive: one ingested clean fixture issue
 * (originals, page artefacts, page images) plus the store contract's French and Arabic
 * bulletins (loi 09-08 in both editions).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchStore } from '../store/search-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { contractBulletins, makePages } from '../store/testing/contract-data.js';
import { buildFixtureArchive, type FixtureArchive } from '../test/fixture-archive.js';
import { OVERSIZED_HEADERS, rawBody, rawHttp } from '../test/raw-http.js';
import { buildApp } from './app.js';

let archive: FixtureArchive;
let store: SearchStore;
let app: FastifyInstance;
let fixtureBulletin: string;

beforeAll(async () => {
  archive = await buildFixtureArchive({ seed: 808, issues: 1, edition: 'fr' });
  const ingested = archive.ingested.find((f) => f.status === 'ingested');
  if (!ingested?.bulletin) throw new Error(`fixture not ingested: ${JSON.stringify(archive.ingested)}`);
  fixtureBulletin = ingested.bulletin;
  store = await openSqliteStore(path.join(archive.dataDir, 'jarida.db'));
  for (const parsed of contractBulletins()) await store.saveBulletin(parsed, makePages(parsed));
  app = await buildApp({ store, dataDir: archive.dataDir });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await archive?.remove();
});

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

/** A 4xx answer is `{ error, message }` JSON and nothing else: no stack, no file content. */
function expectJsonError(response: Awaited<ReturnType<typeof get>>, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(response.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|root:x:0:0/);
}

describe('/v1/search', () => {
  it('finds articles with highlighted snippets and says which page of results it is', async () => {
    const response = await get('/v1/search?query=associations&limit=2');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ limit: 2, offset: 0 });
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits[0].textId).toBe('dahir-1-58-376');
    expect(body.hits[0].snippet).toContain('<mark>');
  });

  it('filters by language and text type', async () => {
    const arabic = (await get('/v1/search?query=&language=ar')).json();
    expect(arabic.hits.length).toBeGreaterThan(0);
    expect(arabic.hits.every((h: { language: string }) => h.language === 'ar')).toBe(true);
    const laws = (await get('/v1/search?query=&type=loi&limit=50')).json();
    expect(laws.hits.every((h: { textId: string }) => h.textId.startsWith('loi-'))).toBe(true);
  });

  it('counts hits per text type and decade when asked for facets, and only then', async () => {
    expect((await get('/v1/search?query=loi&limit=1')).json()).not.toHaveProperty('facets');
    const { facets } = (await get('/v1/search?query=loi&limit=1&facets=true')).json();
    expect(facets.type.length).toBeGreaterThan(0);
    expect(facets.decade.length).toBeGreaterThan(0);
    // Each count is the total of the search narrowed to it.
    const [type] = facets.type;
    expect((await get(`/v1/search?query=loi&limit=0&type=${type.value}`)).json().total).toBe(type.count);
    const [decade] = facets.decade;
    const range = `from=${decade.value}-01-01&to=${Number(decade.value) + 9}-12-31`;
    expect((await get(`/v1/search?query=loi&limit=0&${range}`)).json().total).toBe(decade.count);
    expectJsonError(await get('/v1/search?query=loi&facets=maybe'), 400);
  });

  it.each([
    ['limit above the maximum page size', '/v1/search?query=loi&limit=100000'],
    ['negative offset', '/v1/search?query=loi&offset=-1'],
    ['a date that is not one', '/v1/search?query=loi&from=yesterday'],
    ['an unknown text type', '/v1/search?query=loi&type=edict'],
    ['an unknown language', '/v1/search?query=loi&language=en'],
  ])('rejects %s with 400', async (_what, url) => {
    expectJsonError(await get(url), 400);
  });
});

describe('/v1/texts', () => {
  it('lists texts a page at a time', async () => {
    const body = (await get('/v1/texts?limit=2&offset=1')).json();
    expect(body).toMatchObject({ limit: 2, offset: 1 });
    expect(body.texts).toHaveLength(2);
    expectJsonError(await get('/v1/texts?limit=100000'), 400);
  });

  it('reads a text in the language asked for, French by default', async () => {
    const french = (await get('/v1/texts/loi-09-08')).json();
    expect(french).toMatchObject({ id: 'loi-09-08', language: 'fr', languages: ['ar', 'fr'] });
    const arabic = (await get('/v1/texts/loi-09-08?lang=ar')).json();
    expect(arabic.language).toBe('ar');
    expect(arabic.articles[0].body).toMatch(/[\u0600-\u06FF]/);
  });

  it('says a text read before its publication was not yet published; 404 only for a text not held', async () => {
    const before = await get('/v1/texts/loi-09-08?at=2000-01-01');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ id: 'loi-09-08', at: '2000-01-01', published: false });
    const statuses = before.json().articles.map((a: { status: string }) => a.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['not-yet-in-force']));
    expect((await get('/v1/texts/loi-09-08?at=2010-01-01')).json().published).toBe(true);
    expectJsonError(await get('/v1/texts/loi-00-00?at=2010-01-01'), 404);
  });

  it('reads one article by its printed number', async () => {
    const first = (await get('/v1/texts/loi-17-95/articles/premier')).json();
    expect(first).toMatchObject({ textId: 'loi-17-95', article: '1', bulletin: 'bo-fr-4422' });
    expect(first.body).toMatch(/^La société anonyme/);
    // An article stored before alinéas were read is one alinéa: its body.
    expect(first.paragraphs).toEqual([first.body]);
    const text = (await get('/v1/texts/loi-17-95')).json();
    expect(
      text.articles.every((a: { body: string; paragraphs: string[] }) => a.paragraphs.join(' ') === a.body),
    ).toBe(true);
    expectJsonError(await get('/v1/texts/loi-17-95/articles/99'), 404);
    expectJsonError(await get('/v1/texts/loi-17-95/articles/%21%21'), 400);
  });

  it('lists versions and diffs two of them word by word', async () => {
    const { versions } = (await get('/v1/texts/loi-17-95/articles/2/versions')).json();
    expect(versions[0]).toMatchObject({ textId: 'loi-17-95', article: '2', validFrom: '1996-10-17' });
    const diff = (await get('/v1/texts/loi-17-95/articles/2/diff?from=1997-01-01&to=2001-01-01')).json();
    expect(diff.parts.map((p: { text: string }) => p.text).join('')).toBe(versions.at(-1).body);
    expectJsonError(await get('/v1/texts/loi-17-95/articles/2/diff?from=1990-01-01&to=2001-01-01'), 404);
    expectJsonError(await get('/v1/texts/loi-17-95/articles/2/diff?from=1997-01-01'), 400);
  });

  it('exports a text as Akoma Ntoso XML', async () => {
    const response = await get('/v1/texts/loi-17-95/akn');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/akn\+xml/);
    expect(response.body).toContain('<akomaNtoso');
    expect(response.body).toContain('La société anonyme est une société commerciale');
    expectJsonError(await get('/v1/texts/loi-99-99/akn'), 404);
  });

  it('gives history and backlinks, 404 for an unknown text', async () => {
    const history = (await get('/v1/texts/loi-09-08/history')).json();
    expect(history.events[0]).toMatchObject({ kind: 'published', date: '2009-02-23' });
    expect((await get('/v1/texts/loi-09-08/backlinks')).json()).toHaveProperty('backlinks');
    expectJsonError(await get('/v1/texts/loi-99-99/history'), 404);
    expectJsonError(await get('/v1/texts/loi-99-99/backlinks'), 404);
    expectJsonError(await get('/v1/texts/loi-99-99'), 404);
  });
});

describe('date parameters', () => {
  it.each([
    ['a thirteenth month', '/v1/texts/loi-09-08?at=2009-13-01'],
    ['30 February', '/v1/texts/loi-09-08/articles/1?at=2010-02-30'],
    ['29 February of a common year', '/v1/texts/loi-09-08/akn?at=2009-02-29'],
    ['31 April in a diff', '/v1/texts/loi-17-95/articles/2/diff?from=1997-04-31&to=2001-01-01'],
    ['day zero in a diff', '/v1/texts/loi-17-95/articles/2/diff?from=1997-01-01&to=2001-01-00'],
    ['an impossible in-force day', '/v1/search?query=loi&inForce=2009-02-30'],
    ['an impossible publication range', '/v1/search?query=loi&from=2009-06-31'],
  ])('reject %s with 400 naming the parameter', async (_what, url) => {
    const response = await get(url);
    expectJsonError(response, 400);
    expect(response.json().message).toMatch(/querystring\/(at|from|to|inForce) must match format "date"/);
  });

  it('accept 29 February of a leap year', async () => {
    expect((await get('/v1/texts/loi-09-08/articles/1?at=2012-02-29')).statusCode).toBe(200);
    expect((await get('/v1/search?query=loi&inForce=2000-02-29')).statusCode).toBe(200);
  });
});

describe('/v1/bulletins', () => {
  it('describes an issue and the texts it printed', async () => {
    const body = (await get(`/v1/bulletins/${fixtureBulletin}`)).json();
    expect(body).toMatchObject({ id: fixtureBulletin, edition: 'fr' });
    expect(body.pageCount).toBeGreaterThan(0);
    expect(body.texts.length).toBeGreaterThan(0);
    expect(body).not.toHaveProperty('sourceSha256');
  });

  it('gives the lines read on a page with their boxes', async () => {
    const body = (await get(`/v1/bulletins/${fixtureBulletin}/pages/1/lines`)).json();
    expect(body.lines.length).toBeGreaterThan(5);
    for (const line of body.lines) {
      expect(line.bbox.x).toBeGreaterThanOrEqual(0);
      expect(line.bbox.x + line.bbox.w).toBeLessThanOrEqual(1.001);
    }
  });

  it('renders a page image once, caches it in the data dir and serves it as immutable', async () => {
    const first = await get(`/v1/bulletins/${fixtureBulletin}/pages/1`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('image/webp');
    expect(first.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    expect(first.rawPayload.subarray(8, 12).toString()).toBe('WEBP');
    expect(first.headers['cache-control']).toContain('immutable');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get(`/v1/bulletins/${fixtureBulletin}/pages/1`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(existsSync(path.join(archive.dataDir, 'cache', 'pages'))).toBe(true);
  });

  it('gives the issue as a PDF: born-digital pages copied as they are, with the metadata of the issue', async () => {
    const response = await get(`/v1/bulletins/${fixtureBulletin}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const exported = await PDFDocument.load(response.rawPayload);
    const issue = archive.manifest.issues.find((i) => i.bulletinId === fixtureBulletin)!;
    const original = await readFile(path.join(archive.work, 'fx', issue.file));
    expect(exported.getPageCount()).toBe((await PDFDocument.load(original)).getPageCount());
    expect(exported.getTitle()).toContain(fixtureBulletin.replace('bo-fr-', 'n° '));
    expect(String(exported.catalog.get(PDFName.of('Lang')))).toBe('(fr-MA)');
    // The copied pages hold the original's own text layer and nothing more: pdftotext reads the same text.
    const text = (pdf: Uint8Array) =>
      execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text(response.rawPayload)).toBe(text(original));
    expectJsonError(await get('/v1/bulletins/bo-fr-1/pdf'), 404);
  });

  it('says what the archive holds: issues per edition and year, never the failed files on the server', async () => {
    const response = await get('/v1/coverage');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).not.toHaveProperty('failures');
    const french = body.editions.find((e: { edition: string }) => e.edition === 'fr');
    const issues = french.years.flatMap((y: { issues: { id: string }[] }) => y.issues.map((i) => i.id));
    expect(issues).toContain(fixtureBulletin);
    expect(issues).toContain('bo-fr-4422');
    const arabic = (await get('/v1/coverage?edition=ar')).json();
    expect(arabic.editions.map((e: { edition: string }) => e.edition)).toEqual(['ar']);
    expectJsonError(await get('/v1/coverage?edition=en'), 400);
  });

  it('answers 404 for a page past the end, or an issue whose original is not in the archive', async () => {
    expectJsonError(await get(`/v1/bulletins/${fixtureBulletin}/pages/4999`), 404);
    expectJsonError(await get('/v1/bulletins/bo-fr-4422/pages/1'), 404);
    expectJsonError(await get('/v1/bulletins/bo-fr-1/pages/1'), 404);
    expectJsonError(await get('/v1/bulletins/bo-fr-1'), 404);
  });
});

describe('hostile and malformed requests', () => {
  it.each([
    '/v1/bulletins/..%2f..%2fetc%2fpasswd/pages/1',
    '/v1/bulletins/..%2F..%2F..%2Fetc%2Fpasswd',
    '/v1/bulletins/%2e%2e/pages/1',
    '/v1/bulletins/bo-fr-6280/pages/..%2f..%2fetc%2fpasswd',
    '/v1/bulletins/bo-fr-6280/pages/-1',
    '/v1/bulletins/bo-fr-6280/pages/0',
    '/v1/bulletins/bo-fr-6280/pages/1e9',
    '/v1/bulletins/bo-fr-6280/pages/1.5',
    '/v1/bulletins/bo-fr-6280/pages/0x10',
    '/v1/texts/..%2f..%2fetc%2fpasswd',
    '/v1/texts/loi-09-08%00',
    '/v1/texts/%E0%A4%A',
    `/v1/texts/${'a'.repeat(300)}`,
    '/v1/texts/loi-09-08/articles/1?at=2009-13-99x',
    '/v1/texts/loi-09-08?lang=../../etc',
  ])('%s → 400 or 404 JSON, never a file or a trace', async (url) => {
    const response = await get(url);
    expect([400, 404]).toContain(response.statusCode);
    expectJsonError(response, response.statusCode);
  });

  it('refuses a 7 KB query with a 400 naming the limit, and answers a repeated query once', async () => {
    const huge = await get(`/v1/search?query=${encodeURIComponent('de la loi '.repeat(700))}`);
    expectJsonError(huge, 400);
    expect(huge.json().error).toBe('query_too_long');
    const many = Array.from({ length: 100 }, (_, i) => `mot${i}`).join(' ');
    expect((await get(`/v1/search?query=${encodeURIComponent(many)}`)).json().error).toBe(
      'query_too_many_terms',
    );
    const repeated = await get(`/v1/search?query=${encodeURIComponent('loi '.repeat(200))}`);
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json().total).toBe((await get('/v1/search?query=loi')).json().total);
  });

  it('answers headers too large for the parser with the API error shape (no statusCode field)', async () => {
    const server = await buildApp({ store, dataDir: archive.dataDir });
    try {
      await server.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.server.address() as AddressInfo;
      const raw = await rawHttp(port, OVERSIZED_HEADERS);
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      expect(rawBody(raw)).toEqual({ error: 'request_header_fields_too_large', message: expect.any(String) });
    } finally {
      await server.close();
    }
  });

  it('/etc/passwd through the page route is never served', async () => {
    const response = await get('/v1/bulletins/../../../../etc/passwd/pages/1');
    expect(response.body).not.toContain('root:');
    expect([400, 404]).toContain(response.statusCode);
  });

  it('hides what went wrong inside: a failing store gives a bare 500', async () => {
    const failing = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'search')
          return () =>
            Promise.reject(new Error('SQLITE_CORRUPT at /var/lib/jarida/jarida.db: SELECT secret'));
        return Reflect.get(target, property, receiver);
      },
    });
    const broken = await buildApp({ store: failing, dataDir: archive.dataDir });
    try {
      const response = await broken.inject('/v1/search?query=loi');
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'internal_error', message: 'internal error' });
    } finally {
      await broken.close();
    }
  });
});

describe('HTTP hygiene', () => {
  it('sends security headers and CORS for any origin by default', async () => {
    const response = await get('/v1/texts/loi-09-08', { origin: 'https://example.org' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers.etag).toBeTruthy();
    const cached = await get('/v1/texts/loi-09-08', { 'if-none-match': response.headers.etag as string });
    expect(cached.statusCode).toBe(304);
  });

  it('allows only the configured origins when told', async () => {
    const restricted = await buildApp({
      store,
      dataDir: archive.dataDir,
      corsOrigins: ['https://jarida.ma'],
    });
    try {
      const allowed = await restricted.inject({ url: '/v1/texts', headers: { origin: 'https://jarida.ma' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://jarida.ma');
      const other = await restricted.inject({
        url: '/v1/texts',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await restricted.close();
    }
  });

  it('behind a trusted proxy, limits the rate per forwarded client address', async () => {
    const proxied = await buildApp({
      store,
      dataDir: archive.dataDir,
      rateLimitPerMinute: 2,
      trustProxy: true,
    });
    const from = (client: string) =>
      proxied.inject({ url: '/v1/texts', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client } });
    try {
      expect((await from('203.0.113.1')).statusCode).toBe(200);
      expect((await from('203.0.113.1')).statusCode).toBe(200);
      expect((await from('203.0.113.1')).statusCode).toBe(429);
      // Another client behind the same proxy has its own bucket.
      expect((await from('203.0.113.2')).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('limits the rate per client with a JSON 429, counting a web page view once', async () => {
    const limited = await buildApp({ store, dataDir: archive.dataDir, rateLimitPerMinute: 3 });
    try {
      // The text page calls the API three times in-process: still one request for the visitor.
      expect((await limited.inject('/fr/texts/loi-09-08')).statusCode).toBe(200);
      expect((await limited.inject('/v1/texts/loi-09-08')).statusCode).toBe(200);
      expect((await limited.inject('/v1/texts/loi-09-08')).statusCode).toBe(200);
      const refused = await limited.inject('/v1/texts/loi-09-08');
      expectJsonError(refused, 429);
      expect(refused.json().error).toBe('too_many_requests');
      const spoofed = await limited.inject({ url: '/v1/texts', headers: { 'x-jarida-internal': 'guess' } });
      expect(spoofed.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('publishes the OpenAPI document built from the same schemas, and a local docs page', async () => {
    const spec = (await get('/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\.1/);
    for (const route of [
      '/v1/search',
      '/v1/texts/{id}',
      '/v1/texts/{id}/articles/{n}',
      '/v1/texts/{id}/articles/{n}/versions',
      '/v1/texts/{id}/articles/{n}/diff',
      '/v1/texts/{id}/history',
      '/v1/texts/{id}/backlinks',
      '/v1/texts/{id}/akn',
      '/v1/bulletins/{id}',
      '/v1/bulletins/{id}/pages/{n}',
    ]) {
      expect(spec.paths, route).toHaveProperty([route, 'get']);
    }
    const searchParameters = spec.paths['/v1/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(searchParameters).toEqual(
      expect.arrayContaining(['query', 'type', 'number', 'article', 'limit', 'facets']),
    );
    expect(Object.keys(spec.paths).some((p) => p.startsWith('/fr'))).toBe(false);
    const docs = await get('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/src="https?:/);
    expect((await get('/docs/static/swagger-ui-bundle.js')).statusCode).toBe(200);
  });
});
