/** The search page: the form with its filters, then the hits grouped by text, a page at a time. */
import { TEXT_TYPES } from '../../pipeline/model.js';
import {
  DEFAULT_SEARCH_LIMIT,
  type SearchResult,
  type SearchTextGroup,
  searchRequestSchema,
} from '../../store/search-store.js';
import type { ApiAnswer } from './api-client.js';
import { apiError } from './fragments.js';
import { highlighted, html, queryString, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';
import { searchFacets } from './search-facets.js';

/** The form's fields: the `/v1/search` parameters, by the same names. */
export interface SearchForm {
  query?: string;
  type?: string;
  number?: string;
  article?: string;
  from?: string;
  to?: string;
  inForce?: string;
  language?: string;
  offset?: number;
}

/** Whether the store's search takes "in force on" (it arrives with the search engineer's filter). */
const HAS_IN_FORCE = 'inForce' in searchRequestSchema.shape;

/** True when the visitor asked for something (a page with only the form shows no results). */
export function isSearch(form: SearchForm): boolean {
  return Boolean(
    form.query || form.type || form.number || form.article || form.from || form.to || form.inForce,
  );
}

export function searchPage(
  ui: UiLanguage,
  form: SearchForm,
  answer: ApiAnswer<SearchResult> | null,
): SafeHtml {
  const t = MESSAGES[ui];
  // A text field takes its direction from what is typed: `12 bis` or `09-08` in an Arabic form.
  const field = (name: keyof SearchForm, label: string, type = 'text') => html`<div>
<label for="f-${name}">${label}</label>
<input id="f-${name}" name="${name}" type="${type}" value="${form[name] ?? ''}"${type === 'text' && html` dir="auto"`}>
</div>`;
  return html`<h1>${t.search}</h1>
<form class="search" method="get" action="/${ui}/" role="search">
<div class="wide">
<label for="f-query">${t.queryLabel}</label>
<input id="f-query" name="query" type="search" dir="auto" value="${form.query ?? ''}" aria-describedby="f-query-hint">
<p class="hint" id="f-query-hint">${t.queryHint}</p>
</div>
<div>
<label for="f-type">${t.type}</label>
<select id="f-type" name="type">
<option value="">${t.anyType}</option>
${TEXT_TYPES.map((type) => html`<option value="${type}"${type === form.type ? html` selected` : ''}>${t.textTypes[type]}</option>`)}
</select>
</div>
${field('number', t.number)}
${field('article', t.article)}
${field('from', t.publishedFrom, 'date')}
${field('to', t.publishedTo, 'date')}
${HAS_IN_FORCE && field('inForce', t.inForce, 'date')}
<div>
<label for="f-language">${t.contentLanguage}</label>
<select id="f-language" name="language">
<option value="">${t.anyLanguage}</option>
${(['fr', 'ar'] as const).map((l) => html`<option value="${l}"${l === form.language ? html` selected` : ''}>${t.languageNames[l]}</option>`)}
</select>
</div>
<div class="wide"><button type="submit">${t.search}</button></div>
</form>
${answer && results(ui, form, answer)}`;
}

function results(ui: UiLanguage, form: SearchForm, answer: ApiAnswer<SearchResult>): SafeHtml {
  const t = MESSAGES[ui];
  if (!answer.ok) return apiError(ui, answer.status, answer.error.message);
  const { total, hits, texts, totalRelation } = answer.body;
  const heading = t.results(total, totalRelation === 'gte');
  const offset = form.offset ?? 0;
  const pageLink = (to: number) => `/${ui}/${queryString({ ...form, offset: to || undefined })}`;
  return html`<div class="results-layout">
${searchFacets(ui, form, answer.body)}
<section class="results" aria-labelledby="results-heading">
<h2 id="results-heading">${heading}</h2>
${hits.length === 0 && html`<p>${t.noResults}</p>`}
<ol class="hits">
${texts.map((text) => {
  const language = text.articles[0]?.language ?? 'fr';
  return html`<li>
<a class="title" href="/${ui}/texts/${text.textId}${queryString({ lang: language })}" lang="${language}" dir="${direction(language)}">${text.title}</a>
<div class="meta">${t.textTypes[text.type]}${text.number && html` ${text.number}`} · ${formatDate(text.date, ui)}</div>
<ul class="text-hits">
${text.articles.map((hit) => textHit(ui, text.textId, hit))}
</ul>
</li>`;
})}
</ol>
<nav class="pager" aria-label="${heading}">
<span>${offset > 0 && html`<a href="${pageLink(Math.max(0, offset - DEFAULT_SEARCH_LIMIT))}" rel="prev">${t.previous}</a>`}</span>
<span>${offset + hits.length < total && html`<a href="${pageLink(offset + DEFAULT_SEARCH_LIMIT)}" rel="next">${t.next}</a>`}</span>
</nav>
</section>
</div>`;
}

/** One matching article of a text (one wording of it), linked to that wording as on the day it took effect. */
function textHit(ui: UiLanguage, textId: string, hit: SearchTextGroup['articles'][number]): SafeHtml {
  const t = MESSAGES[ui];
  // An amended or ended wording is read as on its first day; an original never amended, as today.
  const at = hit.introducedBy || hit.validTo ? (hit.validFrom ?? undefined) : undefined;
  const from = formatDate(hit.validFrom, ui);
  const validity = hit.validTo ? t.validBetween(from, formatDate(hit.validTo, ui)) : t.validSince(from);
  const wording = hit.introducedBy
    ? html` · ${t.introducedBy} <a href="/${ui}/texts/${hit.introducedBy}">${hit.introducedBy}</a>, ${validity}`
    : hit.validTo && html` · ${t.original}, ${validity}`;
  return html`<li class="hit" data-text-id="${textId}">
${
  hit.article &&
  html`<div class="meta">
<a href="/${ui}/texts/${textId}/articles/${hit.article}${queryString({ lang: hit.language, at })}">${t.article} ${hit.article}</a>${wording}
· ${t.languageNames[hit.language]}
</div>`
}
<p class="snippet" lang="${hit.language}" dir="${direction(hit.language)}">${highlighted(hit.snippet)}</p>
</li>`;
}
