/**
 * Page images of hostile originals, through the API: a page of vector-stroke bombs renders
 * in the PDF sandbox while other requests are answered, and is stopped at the time limit; a
 * huge page renders at the resolution the served width needs, a freakishly long one is
 * refused by the pixel budget; the disk cache keeps to its size, least recently served out.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHostileInputs, lineOfTextPdf, strokeBombPdf } from '../fixtures/hostile-inputs.js';
import type { IntakeRecord } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { makeBulletin, makePages } from '../store/testing/contract-data.js';
import { buildApp } from './app.js';

let dir: string;
let dataDir: DataDir;
let store: SearchStore;
const apps: FastifyInstance[] = [];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Archives `bytes` as the original of issue `number`; returns the bulletin id. */
async function archive(number: string, bytes: Uint8Array): Promise<string> {
  const sha = sha256(bytes);
  const record: IntakeRecord = {
    sha256: sha,
    mediaType: 'application/pdf',
    fileName: `BO_${number}_fr.pdf`,
    byteLength: bytes.length,
    guess: {},
  };
  await dataDir.saveOriginal(record, bytes);
  const parsed = makeBulletin('fr', number, '2020-01-02', sha, [
    {
      type: 'arrete',
      number: `${number}-20`,
      title: `Arrêté n° ${number}-20`,
      signedOn: '2020-01-01',
      page: 1,
      articles: [['1', 'Article premier', 'Le présent arrêté est publié au Bulletin officiel.']],
    },
  ]);
  await store.saveBulletin(parsed, makePages(parsed));
  return parsed.bulletin.id;
}

async function serve(pageImages: Parameters<typeof buildApp>[0]['pageImages']): Promise<FastifyInstance> {
  const app = await buildApp({ store, dataDir, rateLimitPerMinute: false, pageImages });
  apps.push(app);
  return app;
}

function cachedFile(bulletinSha: string, page = 1, width = 1200): string {
  return join(
    dataDir.root,
    'cache',
    'pages',
    bulletinSha,
    `page-${String(page).padStart(4, '0')}-w${width}.webp`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jarida-page-images-'));
  dataDir = new DataDir(join(dir, 'data'));
  await dataDir.ensure();
  store = await openSqliteStore(dataDir.databasePath);
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('page images of hostile originals', () => {
  it('renders a stroke bomb off the event loop and stops it at the time limit with a 503', async () => {
    const bomb = await archive('9201', strokeBombPdf(600_000));
    const app = await serve({ timeoutMs: 1_000 });
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let pageDone = false;
    const page = app.inject(`/v1/bulletins/${bomb}/pages/1`).finally(() => {
      pageDone = true;
    });
    // Beside the render, other requests are answered, the render still going.
    const other = await app.inject('/v1/texts');
    expect(other.statusCode).toBe(200);
    expect(pageDone).toBe(false);
    const response = await page;
    lag.disable();
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json()).toEqual({ error: 'page_render_timeout', message: expect.any(String) });
    // Never blocked for long: parsing and rendering ran in the sandbox thread.
    expect(lag.max / 1e6).toBeLessThan(1_000);
  });

  it('renders a poster-sized page at the served width, and refuses a freakishly long one with a 413', async () => {
    const huge = (await generateHostileInputs()).find((input) => input.name === 'BO_7906_fr.pdf')!;
    const poster = await archive('9202', huge.bytes);
    const strip = await archive('9203', strokeBombPdf(10, 595, 200_000));
    const app = await serve({});
    const image = await app.inject(`/v1/bulletins/${poster}/pages/1`);
    expect(image.statusCode, image.body).toBe(200);
    expect((await sharp(image.rawPayload).metadata()).width).toBeLessThanOrEqual(1200);
    const refused = await app.inject(`/v1/bulletins/${strip}/pages/1`);
    expect(refused.statusCode, refused.body).toBe(413);
    expect(refused.json()).toEqual({ error: 'page_too_large', message: expect.stringContaining('pixels') });
  });

  it('keeps the cache within its size, removing the least recently served image', async () => {
    const firstBytes = lineOfTextPdf();
    const secondBytes = strokeBombPdf(1, 300, 40);
    const [firstFile, secondFile] = [cachedFile(sha256(firstBytes)), cachedFile(sha256(secondBytes))];
    const first = await archive('9204', firstBytes);
    const second = await archive('9205', secondBytes);
    const unbounded = await serve({});
    expect((await unbounded.inject(`/v1/bulletins/${first}/pages/1`)).statusCode).toBe(200);
    expect((await unbounded.inject(`/v1/bulletins/${second}/pages/1`)).statusCode).toBe(200);
    const room = statSync(firstFile).size + statSync(secondFile).size - 1;
    // Started over the images earlier runs left, one byte short of both: the older goes.
    const bounded = await serve({ cacheBytes: room });
    expect((await bounded.inject(`/v1/bulletins/${second}/pages/1`)).statusCode).toBe(200);
    expect(existsSync(firstFile)).toBe(false);
    expect(existsSync(secondFile)).toBe(true);
    // Asked again, the first renders again, and the second is now the least recently served.
    expect((await bounded.inject(`/v1/bulletins/${first}/pages/1`)).statusCode).toBe(200);
    expect(existsSync(firstFile)).toBe(true);
    expect(existsSync(secondFile)).toBe(false);
  });
});
