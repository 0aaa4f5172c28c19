/**
 * An article page: its wording on the chosen day beside the printed page (its region
 * highlighted), the timeline of its versions with the amending texts, and a before/after
 * diff of two versions.
 */

import type { DiffPart } from '../../pipeline/amendments/diff.js';
import type { ArticleRecord, ArticleVersionRecord } from '../../store/search-store.js';
import { segment } from './api-client.js';
import type { RegionLine } from './article-region.js';
import { articleRegion } from './article-region.js';
import { datePicker, textLink, wording } from './fragments.js';
import { html, queryString, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';

export interface ArticlePageData {
  article: ArticleRecord;
  title: string;
  at?: string;
  versions: ArticleVersionRecord[];
  /** The diff shown, when the article has two versions or the visitor chose two dates. */
  diff: { from: ArticleVersionRecord; to: ArticleVersionRecord; parts: DiffPart[] } | null;
  /** Lines of the printed page, for the highlighted region; null when the page was not kept. */
  lines: RegionLine[] | null;
}

export function articlePage(ui: UiLanguage, data: ArticlePageData): SafeHtml {
  const t = MESSAGES[ui];
  const { article, at } = data;
  const lang = article.language;
  const textPath = `/${ui}/texts/${segment(article.textId)}`;
  const self = `${textPath}/articles/${segment(article.article)}`;
  return html`<p><a href="${textPath}${queryString({ at, lang })}">${t.backToText}</a></p>
<h1><span lang="${lang}" dir="${direction(lang)}">${data.title}</span> — ${t.article} ${article.article}</h1>
${datePicker(ui, self, at, lang)}
<div class="article-layout">
<section aria-labelledby="wording-heading">
<h2 id="wording-heading">${at ? t.showingAsOf(formatDate(at, ui)) : t.currentVersion}</h2>
<p class="meta">${validity(ui, article.validFrom, article.validTo)} · ${
    article.introducedBy ? html`${t.introducedBy} ${textLink(ui, article.introducedBy)}` : t.original
  }</p>
<h3 lang="${lang}" dir="${direction(lang)}">${article.heading}</h3>
${article.body ? wording(article.paragraphs, lang) : html`<p class="notice">${t.abrogated}</p>`}
</section>
${printedPage(ui, article, data.lines)}
</div>
<h2>${t.versions}</h2>
<ol class="timeline">${data.versions.map(
    (v) => html`<li${v.validFrom === article.validFrom ? html` class="current" aria-current="true"` : ''}>
<time datetime="${v.validFrom}">${formatDate(v.validFrom, ui)}</time> — ${validity(ui, v.validFrom, v.validTo)} ·
${v.introducedBy ? html`${t.introducedBy} ${textLink(ui, v.introducedBy)}${v.introducedByArticle && html` (${t.article} ${v.introducedByArticle})`}` : t.original}
· <a href="${self}${queryString({ at: v.validFrom, lang })}">${t.viewVersion}</a></li>`,
  )}</ol>
${data.versions.length > 1 && diffSection(ui, self, data)}`;
}

function validity(ui: UiLanguage, from: string | null, to: string | null): string {
  const t = MESSAGES[ui];
  if (!from) return '';
  return to ? t.validBetween(formatDate(from, ui), formatDate(to, ui)) : t.validSince(formatDate(from, ui));
}

/** The printed page with the article's region drawn over it (SVG in page fractions: no inline style). */
function printedPage(ui: UiLanguage, article: ArticleRecord, lines: RegionLine[] | null): SafeHtml {
  const t = MESSAGES[ui];
  const src = `/v1/bulletins/${segment(article.bulletin)}/pages/${article.pageIndex}`;
  const boxes = article.bbox ? (lines ? articleRegion(lines, article.bbox) : [article.bbox]) : [];
  const issue = article.bulletin.replace(/^bo-(fr|ar)-/, '');
  return html`<figure class="page" aria-labelledby="page-caption">
<div class="page-frame">
<img src="${src}" alt="${t.pageImageAlt(article.page, issue)}" loading="lazy">
${
  boxes.length > 0 &&
  html`<svg viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">${boxes.map(
    (b) => html`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}"></rect>`,
  )}</svg>`
}
</div>
<figcaption id="page-caption">${t.printedPage}: <a href="/${ui}/bulletins/${segment(article.bulletin)}">${t.issue(issue)}</a>${t.comma}${t.page(article.page)} · <a href="${src}">${t.openImage}</a></figcaption>
</figure>`;
}

function diffSection(ui: UiLanguage, self: string, data: ArticlePageData): SafeHtml {
  const t = MESSAGES[ui];
  const { diff, versions, article } = data;
  const options = (selected: string | undefined) =>
    versions.map(
      (v) =>
        html`<option value="${v.validFrom}"${v.validFrom === selected ? html` selected` : ''}>${formatDate(v.validFrom, ui)}</option>`,
    );
  return html`<section aria-labelledby="diff-heading">
<h2 id="diff-heading">${t.compare}</h2>
<form class="inline" method="get" action="${self}#diff-heading">
<div><label for="diff-from">${t.before}</label><select id="diff-from" name="from">${options(diff?.from.validFrom)}</select></div>
<div><label for="diff-to">${t.after}</label><select id="diff-to" name="to">${options(diff?.to.validFrom)}</select></div>
<input type="hidden" name="lang" value="${article.language}">
${data.at && html`<input type="hidden" name="at" value="${data.at}">`}
<button type="submit">${t.compareButton}</button>
</form>
${
  diff &&
  html`<p class="hint">${t.diffLegend}</p>
<div class="diff" lang="${article.language}" dir="${direction(article.language)}">${diff.parts.map((p) =>
    p.kind === 'added'
      ? html`<ins>${p.text}</ins>`
      : p.kind === 'removed'
        ? html`<del>${p.text}</del>`
        : p.text,
  )}</div>`
}
</section>`;
}
