/**
 * Commands on a text's life: `history` (events, and word diffs between versions) and `export`
 * (Akoma Ntoso, JSON; and an issue's searchable PDF).
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { diffVersions, formatDiff } from '../pipeline/amendments/diff.js';
import { onPartOfArticle } from '../pipeline/amendments/links.js';
import { canonicalArticleNumber } from '../pipeline/ids.js';
import type { Language } from '../pipeline/model.js';
import { exportAkomaNtoso } from '../store/akn-export.js';
import { noteScope, readText, titleBook } from '../store/article-standing.js';
import { exportBulletinPdf } from '../store/bulletin-pdf.js';
import type { SearchStore, TextHistory } from '../store/search-store.js';
import {
  type ArchiveOptions,
  isoDate,
  NotFoundError,
  print,
  printJson,
  UsageError,
  withArchive,
} from './context.js';

function articleNumber(raw: string): string {
  const number = canonicalArticleNumber(raw);
  if (!number) throw new UsageError(`--article must be an article number, got "${raw}"`);
  return number;
}

/**
 * The alinéa or item an event is on, in the text's words (`alinéa 2 abrogé`, `الفقرة 2 منسوخة`):
 * an abrogated alinéa must not read as the article abrogated. Empty for a whole article.
 */
export function eventScope(e: TextHistory['events'][number], language: Language = 'fr'): string {
  if (!onPartOfArticle(e)) return '';
  const scope = noteScope(
    {
      ...(e.paragraph !== undefined && { paragraphs: [e.paragraph] }),
      ...(e.lastParagraph && { lastParagraph: e.lastParagraph }),
      ...(e.item !== undefined && { items: [e.item] }),
    },
    language,
  );
  if (e.kind !== 'abrogated') return scope;
  const alinea = e.paragraph !== undefined || e.lastParagraph;
  return `${scope} ${language === 'ar' ? (alinea ? 'منسوخة' : 'منسوخ') : 'abrogé'}`;
}

/** Word diffs between each version of an article and the next. */
async function versionDiffs(store: SearchStore, id: string, article: string, language?: Language) {
  const versions = await store.getArticleVersions(id, article, { language });
  return versions.slice(1).map((v, i) => diffVersions(versions[i]!, v));
}

export function historyCommand(): Command {
  return new Command('history')
    .description('what happened to a text: publication, then each amendment (and word diffs with --diff)')
    .argument('<textId>', 'text identifier, e.g. dahir-1-58-376')
    .option('--article <n>', 'only the events touching this article')
    .option('--diff', 'with --article: the word diff between each version of the article and the next')
    .addOption(new Option('--lang <lang>', 'language of the versions to compare').choices(['fr', 'ar']))
    .option(
      '--json',
      'print { id, events: [{ date, kind, by, byArticle, articles, paragraph?, item?, unapplied?, reason? }] } (and diffs)',
    )
    .action(async function historyAction(this: Command, id: string) {
      const o = this.optsWithGlobals<
        ArchiveOptions & { article?: string; diff?: boolean; lang?: Language; json?: boolean }
      >();
      if (o.diff && o.article === undefined) throw new UsageError('--diff needs --article');
      const article = o.article === undefined ? undefined : articleNumber(o.article);
      await withArchive({ ...o, existing: true }, async ({ store }) => {
        const history = await store.getHistory(id, { article });
        if (!history) throw new NotFoundError(`no text ${id} in the archive`);
        const diffs = o.diff && article ? await versionDiffs(store, id, article, o.lang) : undefined;
        if (o.json) return printJson(diffs ? { ...history, diffs } : history);
        // One publication event per edition: each is named by its issue, taken in date order.
        const publications = [...((await store.getText(id))?.publications ?? [])].sort((a, b) =>
          (a.date ?? '').localeCompare(b.date ?? ''),
        );
        const issueOf = (date: string) => {
          const i = publications.findIndex((p) => p.date === date);
          const [p] = i < 0 ? [] : publications.splice(i, 1);
          return p ? ` in ${p.bulletin} (${p.edition} edition) p. ${p.page}` : '';
        };
        const titleOf = titleBook(store);
        for (const e of history.events) {
          const title = e.kind === 'published' ? null : await titleOf(e.by);
          const by =
            e.kind === 'published'
              ? issueOf(e.date)
              : ` by ${e.by}${e.byArticle ? ` art. ${e.byArticle}` : ''}`;
          const scope = eventScope(e, o.lang);
          const touched = [e.articles.length ? `art. ${e.articles.join(', ')}` : '', scope].filter(Boolean);
          const articles = touched.length && e.kind !== 'published' ? ` (${touched.join(', ')})` : '';
          // An amendment that changed no wording is the archivist's to check against the printed page.
          const warning = e.unapplied ? `  [warning: not applied, ${e.reason}]` : '';
          print(`${e.date}  ${e.kind.padEnd(10)}${by}${articles}${title ? ` — ${title}` : ''}${warning}`);
        }
        for (const d of diffs ?? []) {
          print(
            `\n${d.from.validFrom} → ${d.to.validFrom}${d.to.introducedBy ? ` (${d.to.introducedBy})` : ''}`,
          );
          print(formatDiff(d));
        }
      });
    });
}

export function exportCommand(): Command {
  return new Command('export')
    .description(
      'write a text as Akoma Ntoso 3.0 XML or as JSON with its versions, history and backlinks; ' +
        'or an issue as a searchable PDF (its pages as received, the text read under them)',
    )
    .argument('<id>', 'text identifier (akn, json), or bulletin identifier such as bo-fr-6280 (pdf)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['akn', 'json', 'pdf']).makeOptionMandatory(),
    )
    .option('--at <date>', 'the wording in force on this date (YYYY-MM-DD)', isoDate('--at'))
    .addOption(new Option('--lang <lang>', 'language of the expression').choices(['fr', 'ar']))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async function exportAction(this: Command, id: string) {
      const o = this.optsWithGlobals<
        ArchiveOptions & { format: 'akn' | 'json' | 'pdf'; at?: string; lang?: Language; out?: string }
      >();
      if (o.format === 'pdf') return exportPdf(id, o);
      const output = await withArchive({ ...o, existing: true }, async ({ store }) => {
        if (o.format === 'akn') return exportAkomaNtoso(store, id, { at: o.at, language: o.lang });
        // As every read of the law: the wording in force today unless --at says otherwise.
        const text = await readText(store, id, { at: o.at, language: o.lang });
        if (!text) return null;
        const versions = Object.fromEntries(
          await Promise.all(
            [...new Set(text.articles.map((a) => a.number))].map(
              async (n) => [n, await store.getArticleVersions(id, n, { language: text.language })] as const,
            ),
          ),
        );
        const document = {
          text,
          history: await store.getHistory(id),
          backlinks: await store.getBacklinks(id),
          versions,
        };
        return `${JSON.stringify(document, null, 2)}\n`;
      });
      if (output === null)
        throw new NotFoundError(`no text ${id} in the archive${o.at ? ` on ${o.at}` : ''}`);
      if (o.out) await writeFile(o.out, output);
      else process.stdout.write(output);
    });
}

/** `export <bulletinId> --format pdf`: the issue's searchable PDF, to `--out` or a pipe (never to a terminal). */
async function exportPdf(id: string, o: ArchiveOptions & { at?: string; lang?: Language; out?: string }) {
  if (o.at || o.lang)
    throw new UsageError('--at and --lang are for texts; --format pdf exports a whole issue');
  if (!o.out && process.stdout.isTTY)
    throw new UsageError('--format pdf writes a binary file: give --out FILE or redirect stdout');
  const pdf = await withArchive({ ...o, existing: true }, ({ store, dataDir }) =>
    exportBulletinPdf(store, dataDir, id),
  );
  if (o.out) await writeFile(o.out, pdf);
  else process.stdout.write(pdf);
}
