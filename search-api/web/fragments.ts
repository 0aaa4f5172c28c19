/**
 * Pieces the text and article pages share: the date picker, a wording, an article's standing
 * and history notes, a history timeline.
 */
import type { Language } from '../../pipeline/model.js';
import { startsItem } from '../../pipeline/structure/paragraphs.js';
import { type ArticleReading, noteScope, standingLabel } from '../../store/article-standing.js';
import type { TextHistory } from '../../store/search-store.js';
import { segment } from './api-client.js';
import { html, queryString, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';

/** "As it stood on [date] [Show]": a GET form back to the same page with `?at=`. */
export function datePicker(ui: UiLanguage, action: string, at: string | undefined, lang: Language): SafeHtml {
  const t = MESSAGES[ui];
  return html`<form class="inline" method="get" action="${action}">
<div><label for="at">${t.asOf}</label>
<input id="at" name="at" type="date" value="${at ?? ''}"></div>
<input type="hidden" name="lang" value="${lang}">
<button type="submit">${t.show}</button>
${at && html`<a href="${action}${queryString({ lang })}">${t.currentVersion}</a>`}
</form>`;
}

/**
 * Why the API refused the page's request: in the interface language, then the API's own
 * message (English, left to right) for whoever reports it.
 */
export function apiError(ui: UiLanguage, status: number, message: string): SafeHtml {
  const t = MESSAGES[ui];
  return html`<div class="notice" role="alert">
${status === 400 && html`<p>${t.badRequestHint}</p>`}
<p class="hint" lang="en" dir="ltr">${message}</p>
</div>`;
}

/**
 * An article's wording in its own language and direction: one `<p>` per alinéa (`paragraphs`),
 * items (`1°`, `a)`) set in as `class="item"`; a bare wording is cut at its line breaks.
 */
export function wording(body: string | readonly string[], language: Language): SafeHtml {
  const paragraphs = typeof body === 'string' ? body.split(/\n+/) : body;
  return html`<div class="body" lang="${language}" dir="${direction(language)}">${paragraphs
    .filter((p) => p.trim())
    .map((p) => (startsItem(p) ? html`<p class="item">${p}</p>` : html`<p>${p}</p>`))}</div>`;
}

/**
 * A link to a text page in the interface language, labelled by `label` or else by the text's
 * id, which is Latin and isolated left to right: inside an Arabic sentence, `dahir-1-73-194 (المادة 1)`
 * must not have its hyphens and brackets reordered by the surrounding right-to-left text.
 */
export function textLink(ui: UiLanguage, textId: string, label?: string): SafeHtml {
  const href = `/${ui}/texts/${segment(textId)}`;
  return label === undefined
    ? html`<a href="${href}" dir="ltr" translate="no">${textId}</a>`
    : html`<a href="${href}">${label}</a>`;
}

/**
 * How an article stands on the day read, in the interface language ("version en vigueur depuis
 * le … (loi n° …)", "abrogé depuis le … (…)"); `class="notice"` when it is not in force.
 */
export function standing(ui: UiLanguage, article: Parameters<typeof standingLabel>[0]): SafeHtml {
  const label = standingLabel(article, ui);
  return article.status === 'in-force'
    ? html`<p class="meta standing" data-status="${article.status}">${label}</p>`
    : html`<p class="notice standing" data-status="${article.status}">${label}</p>`;
}

/** "Modifié par [title] (article 2) — 23 juillet 2002", one line per amending text and kind, linked. */
export function articleNotes(ui: UiLanguage, notes: ArticleReading['notes']): SafeHtml | '' {
  const t = MESSAGES[ui];
  if (!notes.length) return '';
  return html`<ul class="plain notes">${notes.map(
    (n) =>
      html`<li>${noteScope(n, ui) && html`${noteScope(n, ui)} — `}${t.noteKinds[n.kind]} ${titledTextLink(ui, n.by.id, n.by.title)}${n.byArticle && html` (${t.article} ${n.byArticle})`} — <time datetime="${n.date}">${formatDate(n.date, ui)}</time></li>`,
  )}</ul>`;
}

/** A history whose events may name the title of the text that made them (the API's `byTitle`). */
type TitledHistory = Omit<TextHistory, 'events'> & {
  events: (TextHistory['events'][number] & { byTitle?: string | null })[];
};

/**
 * A link to a text by its title when the archive holds it (isolated in `<bdi>`: a French title
 * keeps its order inside an Arabic sentence), else by its id as {@link textLink} gives it.
 */
export function titledTextLink(ui: UiLanguage, textId: string, title: string | null | undefined): SafeHtml {
  return title
    ? html`<a href="/${ui}/texts/${segment(textId)}"><bdi>${title}</bdi></a>`
    : textLink(ui, textId);
}

/** The events of a text (or of one article) oldest first, each with the text that made it. */
export function timeline(ui: UiLanguage, history: TitledHistory | null, self: string): SafeHtml {
  const t = MESSAGES[ui];
  if (!history?.events.length) return html`<p>${t.none}</p>`;
  return html`<ol class="timeline">${history.events.map(
    (e) =>
      html`<li><time datetime="${e.date}">${formatDate(e.date, ui)}</time> — ${t.kinds[e.kind]}${
        e.by !== self &&
        html` ${t.by} ${titledTextLink(ui, e.by, e.byTitle)}${e.byArticle && html` (${t.article} ${e.byArticle})`}`
      }${e.articles.length > 0 && html` · ${e.articles.length === 1 ? t.article : t.articles} ${e.articles.join(', ')}`}</li>`,
  )}</ol>`;
}
