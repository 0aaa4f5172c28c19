/** The page shell shared by every web page: language, direction, header, skip link. */
import { html, type SafeHtml } from './html.js';
import { direction, MESSAGES, type UiLanguage } from './i18n.js';

export interface PageShell {
  ui: UiLanguage;
  title: string;
  /** Path of this page without the `/fr` or `/ar` prefix, with its query: the language switch keeps it. */
  here: string;
  body: SafeHtml;
}

export function page({ ui, title, here, body }: PageShell): string {
  const t = MESSAGES[ui];
  const other: UiLanguage = ui === 'fr' ? 'ar' : 'fr';
  return `<!doctype html>${html`<html lang="${ui}" dir="${direction(ui)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.siteName}</title>
<link rel="stylesheet" href="/assets/jarida.css">
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="site">
<a class="brand" href="/${ui}/">${t.siteName}</a>
<p class="tagline">${t.tagline}</p>
<nav aria-label="${t.siteName}"><ul>
<li><a href="/${other}${here}" lang="${other}" hreflang="${other}">${t.otherUi}</a></li>
<li><a href="/docs" hreflang="en">${t.apiDocs}</a></li>
</ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site">${t.tagline}</footer>
</body>
</html>`}`;
}
