/**
 * The facets beside the search results: hits per text type and per decade, each a link
 * that narrows the search to it (or, once applied, widens it back), keeping every other
 * parameter. Server-rendered links only: no script, reachable by keyboard like any link.
 */
import type { TextType } from '../../pipeline/model.js';
import type { SearchResult } from '../../store/search-store.js';
import { html, queryString, type SafeHtml } from './html.js';
import { formatCount, MESSAGES, type UiLanguage } from './i18n.js';
import type { SearchForm } from './search-page.js';

/** One link of a facet: its label, count, the search it leads to, and whether it is applied. */
interface FacetLink {
  label: string;
  count: number;
  href: string;
  applied: boolean;
}

/** The publication date range of a decade, `1990` → 1990-01-01 … 1999-12-31, as the form's filters. */
function decadeRange(decade: string): Pick<SearchForm, 'from' | 'to'> {
  return { from: `${decade}-01-01`, to: `${Number(decade) + 9}-12-31` };
}

/**
 * The facets of `result` as a labelled navigation landmark, or nothing when the API sent
 * none. Counts are capped by the store's result window like `total`: when the total is a
 * lower bound (`totalRelation: 'gte'`), a count that reaches it is one too.
 */
export function searchFacets(ui: UiLanguage, form: SearchForm, result: SearchResult): SafeHtml | null {
  const { facets } = result;
  if (!facets || (facets.type.length === 0 && facets.decade.length === 0)) return null;
  const t = MESSAGES[ui];
  // Narrowing changes the result pages: a facet link always starts at the first.
  const search = (change: Partial<SearchForm>) =>
    `/${ui}/${queryString({ ...form, offset: undefined, ...change })}`;
  const capped = (count: number) => result.totalRelation === 'gte' && count >= result.total;

  const types: FacetLink[] = facets.type.map(({ value, count }) => {
    const applied = form.type === value;
    return {
      label: t.textTypes[value as TextType] ?? value,
      count,
      href: search({ type: applied ? undefined : value }),
      applied,
    };
  });
  const decades: FacetLink[] = facets.decade.map(({ value, count }) => {
    const range = decadeRange(value);
    const applied = form.from === range.from && form.to === range.to;
    return {
      label: t.decade(Number(value)),
      count,
      href: search(applied ? { from: undefined, to: undefined } : range),
      applied,
    };
  });

  const group = (id: string, heading: string, links: FacetLink[]) =>
    links.length > 0 &&
    html`<h3 id="${id}">${heading}</h3>
<ul aria-labelledby="${id}">
${links.map(
  (link) =>
    html`<li><a href="${link.href}"${link.applied ? html` aria-current="true"` : ''}>${link.label} <span class="count">(${capped(link.count) ? t.atLeast(formatCount(link.count, ui)) : formatCount(link.count, ui)})</span>${link.applied && html`<span class="visually-hidden"> — ${t.removeFilter}</span>`}</a></li>`,
)}
</ul>`;

  return html`<nav class="facets" aria-labelledby="facets-heading">
<h2 id="facets-heading">${t.refine}</h2>
${group('facet-type', t.type, types)}
${group('facet-decade', t.publicationDecade, decades)}
</nav>`;
}
