/**
 * Request and response schemas of the HTTP API, from one source: the zod schemas of
 * store/search-store.ts (and a few API-only ones here), converted once to JSON Schema.
 * Fastify validates requests and serialises responses with them, and @fastify/swagger
 * publishes them as `/openapi.json`, so the three cannot drift apart.
 */
import { z } from 'zod';
import { articleReadingSchema, textReadingSchema } from '../store/article-standing.js';
import {
  articleVersionSchema,
  backlinkSchema,
  languageSchema,
  searchRequestSchema,
  searchResultSchema,
  textHistorySchema,
  textSummarySchema,
  textTypeSchema,
} from '../store/search-store.js';

/** Most texts a `/v1/texts` page lists. */
export const MAX_TEXTS_PAGE = 200;
/** Highest page number a page route accepts; real issues have a few hundred pages at most. */
export const MAX_PAGE_NUMBER = 5000;

/**
 * A real day as `YYYY-MM-DD`, the one definition behind every date parameter of the API
 * (`at`, the diff's and the search's `from`/`to`, `inForce`): `2009-13-01` or `2009-02-30`
 * is a 400, not some other day. Zod checks month lengths and leap years when parsing; its
 * JSON Schema is `format: date`, which Fastify's ajv (ajv-formats, full mode) checks the same way.
 */
export const calendarDate = z.iso.date('expected a real day as YYYY-MM-DD');

/** `{ error, message }`: every 4xx and 5xx answer. */
export const apiErrorSchema = z.object({
  /** Stable machine-readable code: `bad_request`, `not_found`, `too_many_requests`, `internal_error`. */
  error: z.string(),
  message: z.string(),
});

/** A text id as DESIGN.md forms it: lowercase slug of type, number or date and hash. */
export const textIdParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,159}$/, 'expected a text id such as loi-09-08');
/** An article number as printed or canonical: `5`, `12 bis`, `12-bis`, `premier`, `unique`. */
const articleParam = z.string().min(1).max(40);
/** A bulletin id: `bo-fr-6280`, `bo-ar-2404-bis`. */
export const bulletinIdParam = z
  .string()
  .regex(/^bo-(fr|ar)-[0-9]{1,6}(-[a-z]{2,10})?$/, 'expected a bulletin id such as bo-fr-6280');
const pageNumber = z.number().int().min(1).max(MAX_PAGE_NUMBER);

export const textParams = z.object({ id: textIdParam });
export const articleParams = z.object({ id: textIdParam, n: articleParam });
export const bulletinParams = z.object({ id: bulletinIdParam });
export const pageParams = z.object({ id: bulletinIdParam, n: pageNumber });

/** `?at=` and `?lang=` of text and article reads. */
export const readQuery = z.object({
  /** The wording in force that day. */
  at: calendarDate.optional(),
  /** Expression: `fr` or `ar`; default French when published in French. */
  lang: languageSchema.optional(),
});
export const versionsQuery = readQuery.pick({ lang: true });
export const diffQuery = z.object({
  /** The version in force on this day… */
  from: calendarDate,
  /** …against the version in force on this one. */
  to: calendarDate,
  lang: languageSchema.optional(),
});
export const historyQuery = z.object({ article: articleParam.optional() });

/**
 * `/v1/search` parameters: the store's request, its free text optional (filters alone are a
 * search), its dates checked by Fastify against the calendar like every other date parameter.
 */
export const searchQuery = searchRequestSchema.partial({ query: true }).extend({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  inForce: calendarDate.optional(),
});
/** `/v1/search` answer: the store's result and the page it is. */
export const searchResponse = searchResultSchema.extend({
  limit: z.number().int(),
  offset: z.number().int(),
});

export const textsQuery = z.object({
  type: textTypeSchema.optional(),
  year: z.number().int().min(1900).max(2200).optional(),
  limit: z.number().int().min(1).max(MAX_TEXTS_PAGE).optional(),
  offset: z.number().int().min(0).optional(),
});
export const textsResponse = z.object({
  texts: z.array(textSummarySchema),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const versionsResponse = z.object({ versions: z.array(articleVersionSchema) });
/** Each backlink with the title of the citing or amending text (null when the archive does not hold it). */
export const backlinksResponse = z.object({
  backlinks: z.array(backlinkSchema.extend({ title: z.string().nullable() })),
});

/** One run of a word diff: unchanged, removed from the older wording or added in the newer. */
const diffPartSchema = z.object({
  kind: z.enum(['equal', 'removed', 'added']),
  text: z.string(),
});
export const diffResponse = z.object({
  textId: z.string(),
  article: z.string(),
  from: articleVersionSchema,
  to: articleVersionSchema,
  parts: z.array(diffPartSchema),
  /** `words`: read `parts` (or `paragraphs`); `side-by-side`: most words changed, read `before` beside `after`. */
  mode: z.enum(['words', 'side-by-side']),
  /** The changes alinéa by alinéa. */
  paragraphs: z.array(z.array(diffPartSchema)),
  /** The alinéas of each wording (none once abrogated). */
  before: z.array(z.string()),
  after: z.array(z.string()),
});

/** An issue as read from its masthead, with what it printed. */
export const bulletinResponse = z.object({
  id: z.string(),
  edition: languageSchema,
  number: z.string(),
  suffix: z.string().optional(),
  date: calendarDate.nullable(),
  hijriDate: z.string().nullable(),
  firstPage: z.number().int().nullable(),
  lastPage: z.number().int().nullable(),
  pageCount: z.number().int(),
  texts: z.array(
    z.object({
      id: z.string(),
      type: textTypeSchema,
      number: z.string().nullable(),
      title: z.string(),
      language: languageSchema,
      page: z.number().int(),
    }),
  ),
});

const boundingBox = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
/** A page as read: its lines in reading order with their boxes in page fractions (provenance). */
export const pageLinesResponse = z.object({
  bulletin: z.string(),
  page: z.number().int(),
  printedPage: z.number().int().nullable(),
  source: z.enum(['text-layer', 'ocr']),
  lines: z.array(z.object({ text: z.string(), bbox: boundingBox, column: z.number().int().nullable() })),
});

export const articleResponse = articleReadingSchema;
export const textResponse = textReadingSchema;
/** The history, each event with the title of the text that made it (null when not held). */
export const historyResponse = textHistorySchema.extend({
  events: z.array(textHistorySchema.shape.events.element.extend({ byTitle: z.string().nullable() })),
});

/**
 * JSON Schema (draft 7, what Fastify's ajv speaks) of a zod schema: `input` for what a
 * client sends (optional fields may be absent), `output` for what the API answers.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io,
    unrepresentable: 'any',
    // ajv's `date` format already checks the calendar; zod's equivalent regex beside it would
    // only print itself, a line long, in every error message about a date.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'date') delete jsonSchema.pattern;
    },
  });
  return rest;
}

/** What a route declares: its parameters and its answer, as zod schemas. */
export interface RouteSchemas {
  summary: string;
  tags: string[];
  params?: z.ZodType;
  querystring?: z.ZodType;
  /** The 200 answer; omitted for answers that are not JSON (images, XML). */
  response?: z.ZodType;
}

/** The Fastify route schema of {@link RouteSchemas}: validation, serialisation and OpenAPI at once. */
export function routeSchema(route: RouteSchemas): Record<string, unknown> {
  const error = jsonSchema(apiErrorSchema);
  return {
    summary: route.summary,
    tags: route.tags,
    ...(route.params ? { params: jsonSchema(route.params, 'input') } : {}),
    ...(route.querystring ? { querystring: jsonSchema(route.querystring, 'input') } : {}),
    response: {
      ...(route.response ? { 200: jsonSchema(route.response) } : {}),
      '4xx': error,
      '5xx': error,
    },
  };
}
