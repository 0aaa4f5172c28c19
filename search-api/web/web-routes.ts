/**
 * The web pages under `/fr/…` and `/ar/…`, server-rendered HTML that needs no script.
 * Every page reads the archive through the public `/v1` API ({@link ApiClient}) and
 * renders its errors as pages with the API's status.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Language } from '../../pipeline/model.js';
import { type ArticleReading, type TextReading, today } from '../../store/article-standing.js';
import type { ArticleVersionRecord, SearchResult } from '../../store/search-store.js';
import type { coverageResponse } from '../bulletin-routes.js';
import type {
  backlinksResponse,
  bulletinResponse,
  diffResponse,
  historyResponse,
  pageLinesResponse,
} from '../schemas.js';
import { type ApiAnswer, ApiClient, segment } from './api-client.js';
import { articlePage } from './article-page.js';
import { bulletinPage } from './bulletin-page.js';
import { coverageSection } from './coverage-section.js';
import { apiError } from './fragments.js';
import { html } from './html.js';
import { MESSAGES, UI_LANGUAGES, type UiLanguage } from './i18n.js';
import { page } from './layout.js';
import { isSearch, type SearchForm, searchPage } from './search-page.js';
import { STYLESHEET } from './styles.js';
import { textPage } from './text-page.js';

export interface WebRouteOptions {
  /** Secret the in-process API calls carry (see {@link ApiClient}). */
  internalToken: string;
}

type Query = Record<string, string | undefined>;

const SEARCH_FIELDS = ['query', 'type', 'number', 'article', 'from', 'to', 'inForce', 'language'] as const;

function language(value: string | undefined): Language | undefined {
  return value === 'fr' || value === 'ar' ? value : undefined;
}

/** The version shown against the current one by default: the one before it, or after it for the first. */
function defaultDiffPair(versions: ArticleVersionRecord[], current: string | null) {
  const i = Math.max(
    0,
    versions.findIndex((v) => v.validFrom === current),
  );
  return i > 0
    ? { from: versions[i - 1]!.validFrom, to: versions[i]!.validFrom }
    : { from: versions[0]!.validFrom, to: versions[1]!.validFrom };
}

export function registerWebRoutes(app: FastifyInstance, options: WebRouteOptions): void {
  const api = new ApiClient(app, options.internalToken);
  const hide = { schema: { hide: true } };

  function send(
    reply: FastifyReply,
    status: number,
    ui: UiLanguage,
    title: string,
    here: string,
    body: ReturnType<typeof html>,
  ) {
    return reply.status(status).type('text/html; charset=utf-8').send(page({ ui, title, here, body }));
  }

  function fail(
    reply: FastifyReply,
    ui: UiLanguage,
    here: string,
    answer: Extract<ApiAnswer<unknown>, { ok: false }>,
  ) {
    const t = MESSAGES[ui];
    const title = answer.status === 404 ? t.notFound : t.badRequest;
    return send(
      reply,
      answer.status,
      ui,
      title,
      here,
      html`<h1>${title}</h1>${apiError(ui, answer.status, answer.error.message)}`,
    );
  }

  /**
   * Reads `path` as it stood on `?at=` (today when not given: the law in force, not the
   * wording as first printed), in the asked language, else the interface's, else the
   * default one. `missing` is set when the visitor asked for a language the text is not
   * published in.
   */
  async function readInLanguage<T>(path: string, ui: UiLanguage, query: Query) {
    const asked = language(query.lang);
    const at = query.at || today();
    const first = await api.get<T>(path, { at, lang: asked ?? ui });
    if (first.ok || first.status !== 404) return { answer: first, missing: undefined };
    return { answer: await api.get<T>(path, { at }), missing: asked };
  }

  app.get('/', hide, async function home(request, reply) {
    const arabic = /^\s*ar\b/i.test(request.headers['accept-language'] ?? '');
    return reply.redirect(arabic ? '/ar/' : '/fr/');
  });

  // Browsers ask for it on every page; there is none.
  app.get('/favicon.ico', hide, async function favicon(_request, reply) {
    return reply.code(204).send();
  });

  app.get('/assets/jarida.css', hide, async function stylesheet(_request, reply) {
    return reply.type('text/css; charset=utf-8').send(STYLESHEET);
  });

  for (const ui of UI_LANGUAGES) {
    const t = MESSAGES[ui];

    app.get<{ Querystring: Query }>(`/${ui}/`, hide, async function searchView(request, reply) {
      const form: SearchForm = {};
      for (const name of SEARCH_FIELDS) if (request.query[name]) form[name] = request.query[name];
      const offset = Number(request.query.offset);
      if (Number.isInteger(offset) && offset > 0) form.offset = offset;
      const answer = isSearch(form)
        ? await api.get<SearchResult>('/v1/search', { ...form, facets: 'true' })
        : null;
      // With nothing asked yet, the page says what there is to search.
      const coverage = answer ? null : await api.get<z.infer<typeof coverageResponse>>('/v1/coverage');
      const here = request.url.slice(ui.length + 1);
      return send(
        reply,
        answer && !answer.ok ? answer.status : 200,
        ui,
        t.search,
        here,
        html`${searchPage(ui, form, answer)}${coverage && coverageSection(ui, coverage)}`,
      );
    });

    app.get<{ Params: { id: string }; Querystring: Query }>(
      `/${ui}/texts/:id`,
      hide,
      async function textView(request, reply) {
        const { id } = request.params;
        const here = request.url.slice(ui.length + 1);
        const path = `/v1/texts/${segment(id)}`;
        // History and backlinks depend on neither the day nor the language: asked at once with
        // the text, the page waits for one round of API calls, not two (no route returns them together).
        const [{ answer, missing }, history, backlinks] = await Promise.all([
          readInLanguage<TextReading>(path, ui, request.query),
          api.get<z.infer<typeof historyResponse>>(`${path}/history`),
          api.get<z.infer<typeof backlinksResponse>>(`${path}/backlinks`),
        ]);
        if (!answer.ok) return fail(reply, ui, here, answer);
        const body = textPage(ui, {
          text: answer.body,
          missingLanguage: missing,
          at: request.query.at || undefined,
          history: history.ok ? history.body : null,
          backlinks: backlinks.ok ? backlinks.body.backlinks : [],
        });
        return send(reply, 200, ui, answer.body.title, here, body);
      },
    );

    app.get<{ Params: { id: string; n: string }; Querystring: Query }>(
      `/${ui}/texts/:id/articles/:n`,
      hide,
      async function articleView(request, reply) {
        const { id, n } = request.params;
        const here = request.url.slice(ui.length + 1);
        const textPath = `/v1/texts/${segment(id)}`;
        const articlePath = `${textPath}/articles/${segment(n)}`;
        const { answer } = await readInLanguage<ArticleReading>(articlePath, ui, request.query);
        if (!answer.ok) return fail(reply, ui, here, answer);
        const article = answer.body;
        const lang = article.language;
        const [text, versions, lines] = await Promise.all([
          api.get<TextReading>(textPath, { lang }),
          api.get<{ versions: ArticleVersionRecord[] }>(`${articlePath}/versions`, { lang }),
          api.get<z.infer<typeof pageLinesResponse>>(
            `/v1/bulletins/${segment(article.bulletin)}/pages/${article.pageIndex}/lines`,
          ),
        ]);
        const allVersions = versions.ok ? versions.body.versions : [];
        const { from, to } = request.query;
        const pair =
          from && to
            ? { from, to }
            : allVersions.length > 1
              ? defaultDiffPair(allVersions, article.validFrom)
              : null;
        const diff = pair
          ? await api.get<z.infer<typeof diffResponse>>(`${articlePath}/diff`, { ...pair, lang })
          : null;
        if (diff && !diff.ok) return fail(reply, ui, here, diff);
        const body = articlePage(ui, {
          article,
          title: text.ok ? text.body.title : id,
          at: request.query.at || undefined,
          versions: allVersions,
          diff: diff?.ok ? diff.body : null,
          lines: lines.ok ? lines.body.lines : null,
        });
        return send(reply, 200, ui, `${t.article} ${article.article} — ${id}`, here, body);
      },
    );

    app.get<{ Params: { id: string } }>(
      `/${ui}/bulletins/:id`,
      hide,
      async function bulletinView(request, reply) {
        const here = request.url.slice(ui.length + 1);
        const answer = await api.get<z.infer<typeof bulletinResponse>>(
          `/v1/bulletins/${segment(request.params.id)}`,
        );
        if (!answer.ok) return fail(reply, ui, here, answer);
        return send(
          reply,
          200,
          ui,
          `${t.bulletin} ${answer.body.number}`,
          here,
          bulletinPage(ui, answer.body),
        );
      },
    );
  }
}
