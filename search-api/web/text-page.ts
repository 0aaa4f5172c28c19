/**
 * A text page: header data, publications, articles under their headings (as they stood
 * on the chosen day), the text's history and what cites or amends it.
 */
import type { Language } from '../../pipeline/model.js';
import type { Backlink, TextHistory, TextRecord } from '../../store/search-store.js';
import { segment } from './api-client.js';
import { datePicker, textLink, timeline, wording } from './fragments.js';
import { html, queryString, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';

export interface TextPageData {
  text: TextRecord;
  /** The language asked for, when the text is not published in it. */
  missingLanguage?: Language;
  at?: string;
  history: TextHistory | null;
  backlinks: Backlink[];
}

export function textPage(ui: UiLanguage, data: TextPageData): SafeHtml {
  const t = MESSAGES[ui];
  const { text, at } = data;
  const self = `/${ui}/texts/${segment(text.id)}`;
  return html`<article aria-labelledby="text-title">
<h1 id="text-title" lang="${text.language}" dir="${direction(text.language)}">${text.title}</h1>
${data.missingLanguage && html`<p class="notice">${t.notInLanguage(t.languageNames[text.language])}</p>`}
<dl class="facts">
<dt>${t.type}</dt><dd>${t.textTypes[text.type]}</dd>
${text.number && html`<dt>${t.number}</dt><dd><bdi dir="ltr">${text.number}</bdi></dd>`}
<dt>${t.signedOn}</dt><dd>${formatDate(text.signedOn, ui)}</dd>
${text.hijriDate && html`<dt>${t.hijriDate}</dt><dd lang="${text.language}">${text.hijriDate}</dd>`}
<dt>${t.contentLanguage}</dt><dd>${text.languages.map(
    (l, i) =>
      html`${i > 0 && ' · '}${
        l === text.language
          ? html`<strong>${t.languageNames[l]}</strong>`
          : html`<a href="${self}${queryString({ at, lang: l })}" hreflang="${l}">${t.languageNames[l]}</a>`
      }`,
  )}</dd>
${text.promulgates && html`<dt>${t.promulgates}</dt><dd>${textLink(ui, text.promulgates)}</dd>`}
<dt>${t.export}</dt><dd><a href="/v1/texts/${segment(text.id)}/akn${queryString({ at, lang: text.language })}" type="application/akn+xml" lang="en" dir="ltr">Akoma Ntoso (XML)</a></dd>
</dl>
<h2>${t.publications}</h2>
<ul class="plain">${text.publications.map(
    (p) =>
      html`<li><a href="/${ui}/bulletins/${segment(p.bulletin)}">${t.issue(p.bulletin.replace(/^bo-(fr|ar)-/, ''))}</a> (${t.languageNames[p.edition]})${t.comma}${formatDate(p.date, ui)}${t.comma}${t.page(p.page)}</li>`,
  )}</ul>
${datePicker(ui, self, at, text.language)}
${at && html`<p class="notice">${t.showingAsOf(formatDate(at, ui))}</p>`}
<h2>${t.articles}</h2>
${articles(ui, text, at)}
<h2>${t.history}</h2>
${timeline(ui, data.history, text.id)}
<h2>${t.backlinks}</h2>
${
  data.backlinks.length
    ? html`<ul class="plain">${data.backlinks.map(
        (b) =>
          html`<li>${textLink(ui, b.textId)}${b.article && html` (${t.article} ${b.article})`} ${t.relations[b.relation]}${b.targetArticle && html` ${t.article} ${b.targetArticle}`}${b.date && html` — ${formatDate(b.date, ui)}`}</li>`,
      )}</ul>`
    : html`<p>${t.none}</p>`
}
</article>`;
}

/** The articles, with a heading each time their place in the hierarchy (`path`) changes. */
function articles(ui: UiLanguage, text: TextRecord, at: string | undefined): SafeHtml[] {
  const t = MESSAGES[ui];
  let previous: string[] = [];
  return text.articles.map((a) => {
    const path = a.path ?? [];
    const first = path.findIndex((heading, i) => heading !== previous[i]);
    const changed = first < 0 ? [] : path.slice(first).map((heading, i) => ({ heading, level: first + i }));
    previous = path;
    const details = `/${ui}/texts/${segment(text.id)}/articles/${segment(a.number)}${queryString({ at, lang: text.language })}`;
    return html`${changed.map(
      (c) =>
        html`<p class="path" role="heading" aria-level="${Math.min(3 + c.level, 6)}" lang="${text.language}" dir="${direction(text.language)}">${c.heading}</p>`,
    )}<section class="article" id="art-${a.number}" aria-labelledby="h-art-${a.number}">
<h3 id="h-art-${a.number}" lang="${text.language}" dir="${direction(text.language)}">${a.heading}</h3>
${wording(a.paragraphs, text.language)}
<p class="meta">${t.page(a.page)} · <a href="${details}">${t.articleDetails}</a></p>
</section>`;
  });
}
