/**
 * An article page: its wording on the chosen day beside the printed page (its region
 * highlighted), the timeline of its versions with the amending texts, and a before/after
 * diff of two versions.
 */

import type { VersionDiff } from '../../pipeline/amendments/diff.js';
import type { ArticleReading } from '../../store/article-standing.js';
import type { ArticleRecord, ArticleVersionRecord } from '../../store/search-store.js';
import { segment } from './api-client.js';
import type { RegionLine } from './article-region.js';
import { articleRegion } from './article-region.js';
import { articleNotes, datePicker, standing, titledTextLink, wording } from './fragments.js';
import { html, queryString, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';

export interface ArticlePageData {
  article: ArticleReading;
  title: string;
  at?: string;
  versions: ArticleVersionRecord[];
  /** The diff shown, when the article has two versions or the visitor chose two dates. */
  diff:
    | ({ from: ArticleVersionRecord; to: ArticleVersionRecord } & Pick<
        VersionDiff,
        'parts' | 'mode' | 'paragraphs' | 'before' | 'after'
      >)
    | null;
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
<h2 id="wording-heading">${at ? t.showingAsOf(formatDate(at, ui)) : t.showingToday(formatDate(article.at, ui))}</h2>
${standing(ui, article)}
<p class="meta">${validity(ui, article.validFrom, article.validTo)} · ${
    article.introducedBy
      ? html`${t.introducedBy} ${titledTextLink(ui, article.introducedBy, article.introducedByTitle)}`
      : t.original
  }</p>
<h3 lang="${lang}" dir="${direction(lang)}">${article.heading}</h3>
${article.status === 'abrogated' && html`<p class="meta">${t.lastWording}</p>`}${
  article.status === 'not-yet-in-force' && html`<p class="meta">${t.comingWording}</p>`
}
${wording(article.paragraphs, lang)}
${articleNotes(ui, article.notes)}
</section>
${printedPage(ui, article, data.lines)}
</div>
<h2>${t.versions}</h2>
<ol class="timeline">${data.versions.map(
    (v) => html`<li${v.validFrom === article.validFrom ? html` class="current" aria-current="true"` : ''}>
<time datetime="${v.validFrom}">${formatDate(v.validFrom, ui)}</time> — ${validity(ui, v.validFrom, v.validTo)} ·
${v.introducedBy ? html`${t.introducedBy} ${titledTextLink(ui, v.introducedBy, titleOf(article, v.introducedBy))}${v.introducedByArticle && html` (${t.article} ${v.introducedByArticle})`}` : t.original}
· <a href="${self}${queryString({ at: v.validFrom, lang })}">${t.viewVersion}</a></li>`,
  )}</ol>
${data.versions.length > 1 && diffSection(ui, self, data)}`;
}

/** The title of a text the article's notes name, when the archive holds it. */
function titleOf(article: ArticleReading, textId: string): string | undefined {
  return article.notes.find((n) => n.by.id === textId)?.by.title ?? undefined;
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
  (diff.mode === 'side-by-side'
    ? sideBySide(ui, article.language, diff)
    : wordDiff(ui, article.language, diff))
}
</section>`;
}

/** A diff as one wording with its changes marked, one paragraph per alinéa. */
function wordDiff(
  ui: UiLanguage,
  lang: ArticleRecord['language'],
  diff: NonNullable<ArticlePageData['diff']>,
): SafeHtml {
  return html`<p class="hint">${MESSAGES[ui].diffLegend}</p>
<div class="diff" data-mode="words" lang="${lang}" dir="${direction(lang)}">${diff.paragraphs.map(
    (paragraph) =>
      html`<p>${paragraph.map((p) =>
        p.kind === 'added'
          ? html`<ins>${p.text}</ins>`
          : p.kind === 'removed'
            ? html`<del>${p.text}</del>`
            : p.text,
      )}</p>`,
  )}</div>`;
}

/** A rewritten article: its wording before and after, in two columns (one above the other on a phone). */
function sideBySide(
  ui: UiLanguage,
  lang: ArticleRecord['language'],
  diff: NonNullable<ArticlePageData['diff']>,
): SafeHtml {
  const t = MESSAGES[ui];
  const column = (heading: string, date: string, paragraphs: string[]) =>
    html`<div><h3>${heading} ${formatDate(date, ui)}</h3>${
      paragraphs.length ? wording(paragraphs, lang) : html`<p class="notice">${t.abrogated}</p>`
    }</div>`;
  return html`<p class="hint">${t.sideBySideLegend}</p>
<div class="diff article-layout" data-mode="side-by-side" lang="${lang}" dir="${direction(lang)}">${column(t.before, diff.from.validFrom, diff.before)}${column(
    t.before,
    diff.to.validFrom,
    diff.after,
  )}</div>`;
}
