/**
 * A text page: header data, publications, articles under their headings (as they stood
 * on the chosen day), the text's history and what cites or amends it.
 */
import type { Language } from '../../pipeline/model.js';
import type { TextReading } from '../../store/article-standing.js';
import type { Backlink } from '../../store/search-store.js';
import { segment } from './api-client.js';
import {
  articleNotes,
  datePicker,
  standing,
  textLink,
  timeline,
  titledTextLink,
  wording,
} from './fragments.js';
import { html, queryString, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';

/** A backlink as the API gives it: with the title of the citing text when held. */
type TitledBacklink = Backlink & { title?: string | null };

export interface TextPageData {
  text: TextReading;
  /** The language asked for, when the text is not published in it. */
  missingLanguage?: Language;
  at?: string;
  history: Parameters<typeof timeline>[1];
  backlinks: TitledBacklink[];
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
<p class="notice">${at ? t.showingAsOf(formatDate(at, ui)) : t.showingToday(formatDate(text.at, ui))}</p>
${!text.published && html`<p class="notice" data-status="not-yet-published">${t.notYetPublished(formatDate(text.at, ui))}</p>`}
<h2>${t.articles}</h2>
${articles(ui, text, at)}
<h2>${t.history}</h2>
${timeline(ui, data.history, text.id)}
<h2>${t.backlinks}</h2>
${backlinks(ui, data.backlinks)}
</article>`;
}

/** The articles, with a heading each time their place in the hierarchy (`path`) changes. */
function articles(ui: UiLanguage, text: TextReading, at: string | undefined): SafeHtml[] {
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
${standing(ui, { ...a, at: text.at })}
${a.status === 'in-force' && wording(a.paragraphs, text.language)}
${articleNotes(ui, a.notes)}
<p class="meta">${t.page(a.page)} · <a href="${details}">${t.articleDetails}</a></p>
</section>`;
  });
}

/**
 * The texts that cite or amend this one, each once, by its title: what it does (modifie, cite…),
 * each relation once, with the articles of this text it names.
 */
function backlinks(ui: UiLanguage, links: readonly TitledBacklink[]): SafeHtml {
  const t = MESSAGES[ui];
  if (!links.length) return html`<p>${t.none}</p>`;
  const byText = groupBy(links, (b) => b.textId);
  return html`<ul class="plain backlinks">${[...byText].map(([textId, rows]) => {
    const relations = groupBy(rows, (b) => b.relation);
    const date = rows.find((b) => b.date)?.date ?? null;
    return html`<li>${titledTextLink(ui, textId, rows[0]!.title)} — ${[...relations].map(
      ([relation, rs], i) => {
        const targets = [...new Set(rs.map((b) => b.targetArticle).filter((n) => n !== null))];
        return html`${i > 0 && t.comma}${t.relations[relation]}${
          targets.length > 0 &&
          html` (${targets.length === 1 ? t.article : t.articles} ${targets.join(', ')})`
        }`;
      },
    )}${date && html` — ${formatDate(date, ui)}`}</li>`;
  })}</ul>`;
}

/** Items grouped by key, groups in the order their first item came (`Map.groupBy` needs Node 21). */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
