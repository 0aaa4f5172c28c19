/** Commands that read the archive: `texts`, `show`, `search`. */
import { Command, Option } from 'commander';
import { canonicalArticleNumber } from '../pipeline/ids.js';
import { type Language, TEXT_TYPES, type TextType } from '../pipeline/model.js';
import { HIGHLIGHT, SearchRequestError } from '../store/search-store.js';
import {
  isoDate,
  NotFoundError,
  positiveInteger,
  print,
  printJson,
  UsageError,
  withArchive,
} from './context.js';
import { escapeControls } from './terminal-text.js';

interface ReadCommandOptions {
  dataDir?: string;
  json?: boolean;
}

const typeOption = () => new Option('--type <type>', 'text type').choices([...TEXT_TYPES]);
const langOption = () => new Option('--lang <lang>', 'language of the expression').choices(['fr', 'ar']);

export function textsCommand(): Command {
  return new Command('texts')
    .description('list texts in the archive')
    .addOption(typeOption())
    .option('--year <year>', 'year of signature', positiveInteger('--year'))
    .option('--limit <n>', 'at most this many', positiveInteger('--limit'), 100)
    .option('--json', 'print { texts: [...] }')
    .action(async function textsAction(this: Command) {
      const o = this.optsWithGlobals<
        ReadCommandOptions & { type?: TextType; year?: number; limit: number }
      >();
      const texts = await withArchive({ ...o, existing: true }, ({ store }) =>
        store.listTexts({ type: o.type, year: o.year, limit: o.limit }),
      );
      if (o.json) return printJson({ texts });
      for (const t of texts)
        print(`${t.id.padEnd(28)} ${t.signedOn ?? '          '}  ${t.articles} art.  ${t.title}`);
      print(`${texts.length} texts`);
    });
}

export function showCommand(): Command {
  return new Command('show')
    .description('print a text, or one of its articles')
    .argument('<textId>', 'text identifier, e.g. loi-09-08')
    .option('--article <n>', 'only this article (1, premier, 12 bis…)')
    .option('--at <date>', 'as it stood on this date (YYYY-MM-DD)', isoDate('--at'))
    .addOption(langOption())
    .option('--json', 'print the text or article as JSON')
    .action(async function showAction(this: Command, id: string) {
      const o = this.optsWithGlobals<
        ReadCommandOptions & { article?: string; at?: string; lang?: Language }
      >();
      await withArchive({ ...o, existing: true }, async ({ store }) => {
        if (o.article !== undefined) {
          const number = canonicalArticleNumber(o.article);
          if (!number) throw new UsageError(`--article must be an article number, got "${o.article}"`);
          const article = await store.getArticle(id, number, { language: o.lang, at: o.at });
          if (!article) throw new NotFoundError(`no article ${number} in ${id}`);
          if (o.json) return printJson(article);
          print(
            `${id}, article ${article.article}${article.validFrom ? ` (from ${article.validFrom})` : ''}\n\n${article.body}`,
          );
          return;
        }
        const text = await store.getText(id, { language: o.lang, at: o.at });
        if (!text) throw new NotFoundError(`no text ${id} in the archive`);
        if (o.json) return printJson(text);
        print(
          `${text.title}\n${text.id} · signed ${text.signedOn ?? 'n.d.'} · ${text.publications.map((p) => `${p.bulletin} p. ${p.page}`).join(', ')}\n`,
        );
        for (const a of text.articles) print(`${a.heading} (p. ${a.page})\n${a.body}\n`);
      });
    });
}

/**
 * A snippet for the terminal: the matched words in bold on a terminal, plain when piped; never
 * the store's markers. Controls from the printed text are escaped first, so only this bold acts.
 */
export function terminalSnippet(snippet: string, bold: boolean): string {
  const [on, off] = bold ? ['\u001b[1m', '\u001b[22m'] : ['', ''];
  return snippet
    .split(HIGHLIGHT.open)
    .map((part, i) => {
      const [marked, rest = ''] = i === 0 ? ['', part] : part.split(HIGHLIGHT.close, 2);
      return `${marked ? `${on}${escapeControls(marked!)}${off}` : ''}${escapeControls(rest)}`;
    })
    .join('');
}

export function searchCommand(): Command {
  return new Command('search')
    .description('search texts and articles by words, quoted phrases and filters')
    .argument('<query>', 'words, "quoted phrases", or a reference such as "art. 5 loi 09-08"')
    .addOption(typeOption())
    .option('--number <n>', 'text number, e.g. 09-08 or 1.58.376')
    .option('--article <n>', 'article number')
    .option('--from <date>', 'published on or after (YYYY-MM-DD)', isoDate('--from'))
    .option('--to <date>', 'published on or before (YYYY-MM-DD)', isoDate('--to'))
    .addOption(langOption())
    .option('--in-force <date>', 'only wording in force that day (YYYY-MM-DD)', isoDate('--in-force'))
    .option('--facets', 'also count hits per text type and decade')
    .option('--limit <n>', 'at most this many hits', positiveInteger('--limit'), 10)
    .option('--json', 'print { total, hits: [...] }')
    .action(async function searchAction(this: Command, query: string) {
      const o = this.optsWithGlobals<
        ReadCommandOptions & {
          type?: TextType;
          number?: string;
          article?: string;
          from?: string;
          to?: string;
          lang?: Language;
          inForce?: string;
          facets?: boolean;
          limit: number;
        }
      >();
      const result = await withArchive({ ...o, existing: true }, ({ store }) =>
        store.search({
          query,
          type: o.type,
          number: o.number,
          article: o.article,
          from: o.from,
          to: o.to,
          language: o.lang,
          inForce: o.inForce,
          facets: o.facets,
          limit: o.limit,
        }),
      ).catch((error: unknown) => {
        // A query past its limits, or a filter the store refuses, is bad usage: exit 2 with the reason.
        if (error instanceof SearchRequestError) throw new UsageError(`${error.message} (${error.code})`);
        throw error;
      });
      if (o.json) return printJson(result);
      const bold = process.stdout.isTTY === true;
      for (const h of result.hits) {
        print(`${h.textId}${h.article ? ` art. ${h.article}` : ''}  (${h.date ?? 'n.d.'})  ${h.title}`);
        process.stdout.write(`    ${terminalSnippet(h.snippet, bold)}\n`);
      }
      for (const [name, counts] of Object.entries(result.facets ?? {}))
        print(`${name}: ${counts.map((f) => `${f.value} ${f.count}`).join(', ')}`);
      print(`${result.total}${result.totalRelation === 'gte' ? '+' : ''} results`);
    });
}
