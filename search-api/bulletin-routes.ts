/**
 * `/v1/bulletins…`: an issue, what it printed, and its pages (as read, and as images).
 * Pages are addressed by bulletin id and page number only; the file behind them comes
 * from the store.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Bulletin } from '../pipeline/model.js';
import { exportBulletinPdf } from '../store/bulletin-pdf.js';
import { collectionCoverage, coverageSchema } from '../store/collection-coverage.js';
import type { DataDir } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';
import { NotFoundError } from './errors.js';
import { immutable } from './http-cache.js';
import type { PageImages } from './page-images.js';
import { bulletinParams, bulletinResponse, pageLinesResponse, pageParams, routeSchema } from './schemas.js';

/** What the bulletin routes read from. */
export interface BulletinRouteDependencies {
  store: SearchStore;
  dataDir: DataDir;
  pageImages: PageImages;
}

const tags = ['bulletins'];

const coverageQuery = z.object({ edition: z.enum(['fr', 'ar']).optional() });
/** `/v1/coverage`: the coverage without the failed files. */
export const coverageResponse = coverageSchema.omit({ failures: true });

export function registerBulletinRoutes(app: FastifyInstance, deps: BulletinRouteDependencies): void {
  const { store, dataDir, pageImages } = deps;

  async function bulletinOrThrow(id: string): Promise<Bulletin> {
    const bulletin = await store.getBulletin(id);
    if (!bulletin) throw new NotFoundError(`no bulletin ${id} in the archive`);
    return bulletin;
  }

  app.get<{ Params: z.infer<typeof bulletinParams> }>(
    '/v1/bulletins/:id',
    {
      schema: routeSchema({
        summary: 'An issue of the Bulletin officiel and the texts it printed',
        tags,
        params: bulletinParams,
        response: bulletinResponse,
      }),
    },
    async function getBulletin(request) {
      const { sourceSha256, ...bulletin } = await bulletinOrThrow(request.params.id);
      const parsed = await dataDir.loadBulletin(sourceSha256);
      const texts = (parsed?.texts ?? []).map((t) => ({
        id: t.id,
        type: t.type,
        number: t.number,
        title: t.title,
        language: t.language,
        page: t.page,
      }));
      return { ...bulletin, texts };
    },
  );

  app.get<{ Querystring: z.infer<typeof coverageQuery> }>(
    '/v1/coverage',
    {
      schema: routeSchema({
        summary:
          'What the archive holds and lacks: issues per edition and year, missing numbers and printed pages, issues to check',
        tags,
        querystring: coverageQuery,
        response: coverageResponse,
      }),
    },
    async function getCoverage(request) {
      // Failed files name paths on the server: the command line shows them, the public API does not.
      const { failures: _, ...coverage } = await collectionCoverage(store, dataDir, request.query);
      return coverage;
    },
  );

  app.get<{ Params: z.infer<typeof bulletinParams> }>(
    '/v1/bulletins/:id/pdf',
    {
      schema: routeSchema({
        summary:
          'The issue as a searchable PDF: its pages as received, with the text read from scanned pages as an invisible layer',
        tags,
        params: bulletinParams,
      }),
    },
    async function getBulletinPdf(request, reply) {
      const { id } = request.params;
      const pdf = await exportBulletinPdf(store, dataDir, id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${id}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.get<{ Params: z.infer<typeof pageParams> }>(
    '/v1/bulletins/:id/pages/:n/lines',
    {
      schema: routeSchema({
        summary: 'The lines read on page n (1-based in the issue file), with their boxes in page fractions',
        tags,
        params: pageParams,
        response: pageLinesResponse,
      }),
    },
    async function getPageLines(request) {
      const { id, n } = request.params;
      const bulletin = await bulletinOrThrow(id);
      const page = n <= bulletin.pageCount ? await dataDir.loadPage(bulletin.sourceSha256, n) : null;
      if (!page) throw new NotFoundError(`no page ${n} in bulletin ${id}`);
      return {
        bulletin: id,
        page: n,
        printedPage: page.printedPage ?? null,
        source: page.source,
        lines: page.lines.map((l) => ({ text: l.text, bbox: l.bbox, column: l.column ?? null })),
      };
    },
  );

  app.get<{ Params: z.infer<typeof pageParams> }>(
    '/v1/bulletins/:id/pages/:n',
    {
      schema: routeSchema({
        summary: 'Image of page n (1-based in the issue file), WebP',
        tags,
        params: pageParams,
      }),
    },
    async function getPageImage(request, reply) {
      const image = await pageImages.image(request.params.id, request.params.n);
      // Opened alone, the image is shown in the browser's own image document, which styles itself inline.
      reply.header(
        'content-security-policy',
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      );
      return immutable(reply, image.etag).type(image.mediaType).send(image.bytes);
    },
  );
}
