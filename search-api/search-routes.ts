/** `/v1/search`: words, quoted phrases and references, with the store's filters, one page at a time. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { DEFAULT_SEARCH_LIMIT, type SearchStore } from '../store/search-store.js';
import { routeSchema, searchQuery, searchResponse } from './schemas.js';

export function registerSearchRoutes(app: FastifyInstance, store: SearchStore): void {
  app.get<{ Querystring: z.infer<typeof searchQuery> }>(
    '/v1/search',
    {
      schema: routeSchema({
        summary: 'Search articles by words, "quoted phrases" or a reference such as `art. 5 loi 09-08`',
        tags: ['search'],
        querystring: searchQuery,
        response: searchResponse,
      }),
    },
    async function search(request) {
      const { query = '', limit = DEFAULT_SEARCH_LIMIT, offset = 0, ...filters } = request.query;
      const result = await store.search({ ...filters, query, limit, offset });
      return { ...result, limit, offset };
    },
  );
}
