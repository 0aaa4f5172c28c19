/** A bulletin page: the issue's masthead data, its searchable PDF, the texts it printed (its sommaire) and its page images. */
import type { z } from 'zod';
import type { bulletinResponse } from '../schemas.js';
import { segment } from './api-client.js';
import { textLink } from './fragments.js';
import { html, type SafeHtml } from './html.js';
import { direction, formatDate, MESSAGES, type UiLanguage } from './i18n.js';

export function bulletinPage(ui: UiLanguage, bulletin: z.infer<typeof bulletinResponse>): SafeHtml {
  const t = MESSAGES[ui];
  const pages = Array.from({ length: bulletin.pageCount }, (_, i) => i + 1);
  return html`<h1>${t.bulletin} — ${t.issue(`${bulletin.number}${bulletin.suffix ? ` ${bulletin.suffix}` : ''}`)}</h1>
<dl class="facts">
<dt>${t.contentLanguage}</dt><dd>${t.languageNames[bulletin.edition]}</dd>
<dt>${t.publications}</dt><dd>${formatDate(bulletin.date, ui)}${bulletin.hijriDate && html` (<span lang="${bulletin.edition}">${bulletin.hijriDate}</span>)`}</dd>
</dl>
<p><a href="/v1/bulletins/${segment(bulletin.id)}/pdf" type="application/pdf" download="${bulletin.id}.pdf">${t.downloadPdf}</a></p>
<h2>${t.textsInBulletin}</h2>
<ul class="plain">${bulletin.texts.map(
    (text) =>
      html`<li><span lang="${text.language}" dir="${direction(text.language)}">${textLink(ui, text.id, text.title)}</span> — ${t.page(text.page)}</li>`,
  )}</ul>
<h2>${t.pages}</h2>
<ul class="plain">${pages.map(
    (n) => html`<li><a href="/v1/bulletins/${segment(bulletin.id)}/pages/${n}">${t.openImage} ${n}</a></li>`,
  )}</ul>`;
}
