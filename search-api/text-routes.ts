/**
 * `/v1/texts…`: the list of texts, a text (as it stood on a day), its articles, their
 * versions and before/after diffs, its history and what amends or cites it.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { diffVersions } from '../pipeline/amendments/diff.js';
import { canonicalArticleNumber } from '../pipeline/ids.js';
import { exportAkomaNtoso } from '../store/akn-export.js';
import { readArticle, readText, titleBook } from '../store/article-standing.js';
import type { ArticleVersionRecord, SearchStore } from '../store/search-store.js';
import { BadRequestError, NotFoundError } from './errors.js';
import { immutable } from './http-cache.js';
import {
  articleParams,
  articleResponse,
  backlinksResponse,
  diffQuery,
  diffResponse,
  historyQuery,
  historyResponse,
  readQuery,
  routeSchema,
  textParams,
  textResponse,
  textsQuery,
  textsResponse,
  versionsQuery,
  versionsResponse,
} from './schemas.js';

const DEFAULT_TEXTS_PAGE = 50;
const tags = ['texts'];

/** The canonical form of an article number from the URL, or a 400. */
function articleNumber(raw: string): string {
  const number = canonicalArticleNumber(raw);
  if (!number) throw new BadRequestError(`"${raw}" is not an article number`);
  return number;
}

/** The version in force on `day`: from its start (inclusive) to its end (exclusive). */
function versionOn(versions: ArticleVersionRecord[], day: string): ArticleVersionRecord | undefined {
  return versions.find((v) => v.validFrom <= day && (v.validTo === null || day < v.validTo));
}

export function registerTextRoutes(app: FastifyInstance, store: SearchStore): void {
  app.get<{ Querystring: z.infer<typeof textsQuery> }>(
    '/v1/texts',
    {
      schema: routeSchema({ summary: 'List texts', tags, querystring: textsQuery, response: textsResponse }),
    },
    async function listTexts(request) {
      const { limit = DEFAULT_TEXTS_PAGE, offset = 0, ...filter } = request.query;
      return { texts: await store.listTexts({ ...filter, limit, offset }), limit, offset };
    },
  );

  app.get<{ Params: z.infer<typeof textParams>; Querystring: z.infer<typeof readQuery> }>(
    '/v1/texts/:id',
    {
      schema: routeSchema({
        summary:
          'A text with its articles as in force on `at` (today when not given), each with its standing (in force, abrogated, not yet in force)',
        tags,
        params: textParams,
        querystring: readQuery,
        response: textResponse,
      }),
    },
    async function getText(request) {
      const { id } = request.params;
      const { at, lang } = request.query;
      const text = await readText(store, id, { language: lang, at });
      if (!text) throw new NotFoundError(missing(`text ${id}`, lang, at));
      return text;
    },
  );

  app.get<{ Params: z.infer<typeof articleParams>; Querystring: z.infer<typeof readQuery> }>(
    '/v1/texts/:id/articles/:n',
    {
      schema: routeSchema({
        summary:
          'One article in the wording in force on `at` (today when not given), with its standing; once abrogated, its last wording and who abrogated it',
        tags,
        params: articleParams,
        querystring: readQuery,
        response: articleResponse,
      }),
    },
    async function getArticle(request, reply) {
      const { id } = request.params;
      const number = articleNumber(request.params.n);
      const { at, lang } = request.query;
      const article = await readArticle(store, id, number, { language: lang, at });
      if (!article) throw new NotFoundError(missing(`article ${number} of ${id}`, lang));
      // A wording read on a given day that has ended will never change again (today's may).
      if (at && article.validTo !== null) immutable(reply);
      return article;
    },
  );

  app.get<{ Params: z.infer<typeof articleParams>; Querystring: z.infer<typeof versionsQuery> }>(
    '/v1/texts/:id/articles/:n/versions',
    {
      schema: routeSchema({
        summary: 'Every wording of an article, oldest first',
        tags,
        params: articleParams,
        querystring: versionsQuery,
        response: versionsResponse,
      }),
    },
    async function getVersions(request) {
      const { id } = request.params;
      const number = articleNumber(request.params.n);
      const versions = await store.getArticleVersions(id, number, { language: request.query.lang });
      if (!versions.length)
        throw new NotFoundError(missing(`article ${number} of ${id}`, request.query.lang));
      return { versions };
    },
  );

  app.get<{ Params: z.infer<typeof articleParams>; Querystring: z.infer<typeof diffQuery> }>(
    '/v1/texts/:id/articles/:n/diff',
    {
      schema: routeSchema({
        summary: 'Word diff between the wordings in force on `from` and on `to`',
        tags,
        params: articleParams,
        querystring: diffQuery,
        response: diffResponse,
      }),
    },
    async function getDiff(request, reply) {
      const { id } = request.params;
      const number = articleNumber(request.params.n);
      const { from, to, lang } = request.query;
      const versions = await store.getArticleVersions(id, number, { language: lang });
      if (!versions.length) throw new NotFoundError(missing(`article ${number} of ${id}`, lang));
      const before = versionOn(versions, from);
      const after = versionOn(versions, to);
      if (!before) throw new NotFoundError(`article ${number} of ${id} was not in force on ${from}`);
      if (!after) throw new NotFoundError(`article ${number} of ${id} was not in force on ${to}`);
      if (before.validTo !== null && after.validTo !== null) immutable(reply);
      const {
        parts,
        mode,
        paragraphs,
        before: wordingBefore,
        after: wordingAfter,
      } = diffVersions(before, after);
      return {
        textId: id,
        article: number,
        from: before,
        to: after,
        parts,
        mode,
        paragraphs,
        before: wordingBefore,
        after: wordingAfter,
      };
    },
  );

  app.get<{ Params: z.infer<typeof textParams>; Querystring: z.infer<typeof historyQuery> }>(
    '/v1/texts/:id/history',
    {
      schema: routeSchema({
        summary: 'Publication and amending events of a text, oldest first',
        tags,
        params: textParams,
        querystring: historyQuery,
        response: historyResponse,
      }),
    },
    async function getHistory(request) {
      const { id } = request.params;
      const article = request.query.article === undefined ? undefined : articleNumber(request.query.article);
      const history = await store.getHistory(id, { article });
      if (!history) throw new NotFoundError(`no text ${id} in the archive`);
      const titleOf = titleBook(store);
      const events = await Promise.all(
        history.events.map(async (e) => ({ ...e, byTitle: await titleOf(e.by) })),
      );
      return { ...history, events };
    },
  );

  app.get<{ Params: z.infer<typeof textParams>; Querystring: z.infer<typeof readQuery> }>(
    '/v1/texts/:id/akn',
    {
      schema: {
        ...routeSchema({
          summary: 'The text as an Akoma Ntoso document (its wording on `at`, its modifications)',
          tags,
          params: textParams,
          querystring: readQuery,
        }),
        produces: ['application/akn+xml'],
      },
    },
    async function getAkomaNtoso(request, reply) {
      const { id } = request.params;
      const { at, lang } = request.query;
      const xml = await exportAkomaNtoso(store, id, { language: lang, at });
      if (!xml) throw new NotFoundError(missing(`text ${id}`, lang, at));
      return reply.type('application/akn+xml; charset=utf-8').send(xml);
    },
  );

  app.get<{ Params: z.infer<typeof textParams> }>(
    '/v1/texts/:id/backlinks',
    {
      schema: routeSchema({
        summary: 'Texts that amend, cite or promulgate this one',
        tags,
        params: textParams,
        response: backlinksResponse,
      }),
    },
    async function getBacklinks(request) {
      const { id } = request.params;
      // An unknown text and a text nobody cites both have no backlinks: tell them apart.
      if (!(await store.getText(id))) throw new NotFoundError(`no text ${id} in the archive`);
      const titleOf = titleBook(store);
      const backlinks = await store.getBacklinks(id);
      return {
        backlinks: await Promise.all(backlinks.map(async (b) => ({ ...b, title: await titleOf(b.textId) }))),
      };
    },
  );
}

/** "no text X [in ar] [on D] in the archive". */
function missing(what: string, lang?: string, at?: string): string {
  return `no ${what}${lang ? ` in ${lang}` : ''}${at ? ` on ${at}` : ''} in the archive`;
}
