/**
 * The home page's account of the archive, under the search form: the latest issues, then per
 * edition and year every issue held (each a link to its page and sommaire), and the numbers
 * missing from the edition's numbering.
 */
import type { z } from 'zod';
import type { coverageResponse } from '../bulletin-routes.js';
import type { ApiAnswer } from './api-client.js';
import { segment } from './api-client.js';
import { apiError } from './fragments.js';
import { html, type SafeHtml } from './html.js';
import { formatDate, MESSAGES, type UiLanguage } from './i18n.js';

type CoverageAnswer = z.infer<typeof coverageResponse>;
type Issue = CoverageAnswer['editions'][number]['years'][number]['issues'][number];

/** How many of the latest issues the home page lists. */
const LATEST = 6;

function issueLink(ui: UiLanguage, issue: Issue, label: string): SafeHtml {
  return html`<a href="/${ui}/bulletins/${segment(issue.id)}">${label}</a>`;
}

const issueNumber = (issue: Issue) => (issue.suffix ? `${issue.number} ${issue.suffix}` : issue.number);
const range = ({ from, to }: { from: number; to: number }) => (from === to ? `${from}` : `${from}–${to}`);

export function coverageSection(ui: UiLanguage, answer: ApiAnswer<CoverageAnswer>): SafeHtml {
  const t = MESSAGES[ui];
  if (!answer.ok) return apiError(ui, answer.status, answer.error.message);
  const { editions } = answer.body;
  if (editions.length === 0) return html`<p>${t.emptyArchive}</p>`;
  const latest = editions
    .flatMap((e) => e.years.flatMap((y) => y.issues.map((issue) => ({ edition: e.edition, issue }))))
    .filter(({ issue }) => issue.date)
    .sort((a, b) => b.issue.date!.localeCompare(a.issue.date!))
    .slice(0, LATEST);
  return html`<section class="coverage" aria-labelledby="latest">
<h2 id="latest">${t.latestIssues}</h2>
<ul class="plain">${latest.map(
    ({ edition, issue }) =>
      html`<li>${issueLink(ui, issue, `${t.bulletin} — ${t.issue(issueNumber(issue))}`)} — ${formatDate(issue.date, ui)} (${t.editionNames[edition]})</li>`,
  )}</ul>
<h2>${t.collection}</h2>
${editions.map(
  (e) => html`<h3>${t.editionNames[e.edition]} — ${t.issuesCount(e.issues)}, ${t.textsCount(e.texts)}</h3>
${e.missingNumbers.length > 0 && html`<p class="hint">${t.missingNumbers(e.missingNumbers.map(range).join(t.comma))}</p>`}
<dl class="facts">${e.years.map(
    (y) =>
      html`<dt>${y.year ?? t.undated}</dt><dd>${y.issues.map((issue, i) => html`${i > 0 && t.comma}${issueLink(ui, issue, issueNumber(issue))}`)}</dd>`,
  )}</dl>`,
)}
</section>`;
}
