/**
 * The stylesheet of the web pages, served as `/assets/jarida.css`. Logical properties
 * only (`margin-inline-start`, `text-align: start`…) so one sheet lays out French
 * left-to-right and Arabic right-to-left; page images keep physical coordinates, since a
 * printed page does not mirror. Colours meet WCAG AA contrast on white.
 */
export const STYLESHEET = `
:root { --ink: #1b1b1f; --muted: #4a4a55; --accent: #0b5394; --line: #c9ccd3; --paper: #ffffff;
  --soft: #f3f5f8; --mark: #ffe27a; --ins: #d8f5dd; --del: #fbdcdc;
  /* Focus ring: at least 3:1 against both backgrounds it is drawn on, white and --soft (WCAG 1.4.11). */
  --focus: #b34700; font-size: 100%; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.55;
  font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", system-ui, sans-serif; }
:lang(ar) { line-height: 1.8; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: -100vw; }
.skip:focus { inset-inline-start: 0.5rem; inset-block-start: 0.5rem; background: var(--paper); padding: 0.5rem; z-index: 2; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1.5rem;
  padding-block: 0.75rem; padding-inline: 1rem; border-block-end: 1px solid var(--line); background: var(--soft); }
header.site .brand { font-size: 1.35rem; font-weight: 700; text-decoration: none; color: var(--ink); }
header.site .tagline { color: var(--muted); flex: 1 1 16rem; margin: 0; }
header.site nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
main { max-inline-size: 72rem; margin-inline: auto; padding-block: 1rem 3rem; padding-inline: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.3; margin-block: 0.5rem 1rem; }
h2 { font-size: 1.2rem; margin-block: 2rem 0.75rem; border-block-end: 1px solid var(--line); padding-block-end: 0.25rem; }
h3 { font-size: 1.05rem; margin-block: 1.25rem 0.5rem; }
form.search { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
  background: var(--soft); padding: 1rem; border-radius: 0.5rem; }
form.search .wide { grid-column: 1 / -1; }
label { display: block; font-weight: 600; font-size: 0.95rem; margin-block-end: 0.25rem; }
.hint { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0 0; }
input, select, button { font: inherit; min-block-size: 2.5rem; padding-block: 0.3rem; padding-inline: 0.6rem;
  border: 1px solid #767683; border-radius: 0.3rem; background: var(--paper); color: var(--ink); max-inline-size: 100%; }
input[type="search"] { inline-size: 100%; }
button { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; cursor: pointer; }
form.inline { display: flex; flex-wrap: wrap; align-items: end; gap: 0.5rem 1rem; margin-block: 1rem;
  padding: 0.75rem 1rem; background: var(--soft); border-radius: 0.5rem; }
form.inline label { margin: 0; }
.summary { color: var(--muted); }
ol.hits { list-style: none; padding: 0; margin: 0; }
ol.hits li { padding-block: 0.75rem; border-block-end: 1px solid var(--line); }
ol.hits .title { font-weight: 600; }
ol.hits .meta, .meta { color: var(--muted); font-size: 0.92rem; }
mark { background: var(--mark); color: inherit; padding-inline: 0.1em; }
.results-layout { display: grid; gap: 0 2rem; }
@media (min-width: 48rem) { .results-layout { grid-template-columns: 14rem minmax(0, 1fr); align-items: start; } }
.facets h3 { font-size: 1rem; margin-block: 0.75rem 0.25rem; }
.facets ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; padding: 0; margin: 0; }
@media (min-width: 48rem) { .facets ul { flex-direction: column; } }
.facets a { display: inline-block; padding-block: 0.35rem; padding-inline: 0.5rem; min-block-size: 2.25rem;
  border: 1px solid var(--line); border-radius: 0.3rem; text-decoration: none; }
.facets a:hover { text-decoration: underline; }
.facets a[aria-current] { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
.facets .count { color: var(--muted); }
.facets a[aria-current] .count { color: inherit; }
.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
nav.pager { display: flex; justify-content: space-between; margin-block: 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.notice { padding: 0.6rem 0.9rem; border-inline-start: 4px solid var(--accent); background: var(--soft); }
.path { color: var(--muted); font-size: 0.9rem; margin: 0; }
.article { padding-block: 0.5rem; border-block-end: 1px solid var(--line); }
.body p { margin-block: 0.4rem; }
.body p.item { margin-inline-start: 1.5rem; }
.article-layout { display: grid; gap: 1.5rem; }
@media (min-width: 60rem) { .article-layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; } }
figure.page { margin: 0; }
.page-frame { position: relative; border: 1px solid var(--line); background: var(--soft); }
.page-frame img { display: block; inline-size: 100%; block-size: auto; }
.page-frame svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; }
.page-frame rect { fill: rgba(255, 200, 0, 0.28); stroke: #c05600; stroke-width: 0.003; }
figcaption { color: var(--muted); font-size: 0.92rem; margin-block-start: 0.4rem; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-inline-start: 3px solid var(--line); }
ol.timeline li { position: relative; padding-block: 0.35rem; padding-inline-start: 1rem; }
ol.timeline li::before { content: ""; position: absolute; inset-inline-start: -0.5rem; inset-block-start: 0.8rem;
  inline-size: 0.75rem; block-size: 0.75rem; border-radius: 50%; background: var(--accent); }
ol.timeline li.current { font-weight: 600; }
.diff { padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 0.4rem; white-space: pre-wrap; }
.diff ins { background: var(--ins); text-decoration: underline; }
.diff del { background: var(--del); text-decoration: line-through; }
ul.plain { padding-inline-start: 1.2rem; }
footer.site { border-block-start: 1px solid var(--line); padding: 1rem; color: var(--muted); font-size: 0.9rem; text-align: center; }
`;
