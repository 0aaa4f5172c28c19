/** Commands that read the archive: `texts`, `show`, `search`. */
import { Command, Option } from 'commander';
import { canonicalArticleNumber } from '../pipeline/ids.js';
import { type Language, TEXT_TYPES, type TextType } from '../pipeline/model.js';
import { type ArticleReading, noteScope, readArticle, readText } from '../store/article-standing.js';
import { HIGHLIGHT, type SearchHit, SearchRequestError } from '../store/search-store.js';
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
          const article = await readArticle(store, id, number, { language: o.lang, at: o.at });
          if (!article) throw new NotFoundError(`no article ${number} in ${id}`);
          if (o.json) return printJson(article);
          print(`${id}, article ${article.article} — ${article.label}\n\n${article.body}`);
          printNotes(article.notes);
          return;
        }
        const text = await readText(store, id, { language: o.lang, at: o.at });
        if (!text) throw new NotFoundError(`no text ${id} in the archive`);
        if (o.json) return printJson(text);
        print(
          `${text.title}\n${text.id} · signed ${text.signedOn ?? 'n.d.'} · ${text.publications.map((p) => `${p.bulletin} p. ${p.page}`).join(', ')}\n` +
            `${o.at ? `as in force on ${o.at}` : `as in force today (${text.at})`}\n` +
            (text.published ? '' : `not yet published on ${text.at}\n`),
        );
        for (const a of text.articles) {
          // An article no longer (or not yet) in force is named with its standing, not read out.
          print(`${a.heading} (p. ${a.page}) — ${a.label}`);
          if (a.status === 'in-force') print(a.body);
          printNotes(a.notes);
          print('');
        }
      });
    });
}

/**
 * An article's history notes, one a line: "  2002-07-23 amended by loi-75-00 art. 2 (Loi n° 75-00 …)",
 * with the alinéas changed when the amending text named them ("amended (alinéa 2) by …").
 */
function printNotes(notes: ArticleReading['notes']): void {
  for (const n of notes) {
    const scope = noteScope(n, 'fr');
    print(
      `  ${n.date} ${n.kind}${scope && ` (${scope})`} by ${n.by.id}${n.byArticle ? ` art. ${n.byArticle}` : ''}${n.by.title ? ` (${n.by.title})` : ''}`,
    );
  }
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

/** Which wording a search hit is, when amendments made it or ended it: nothing for a wording never amended. */
function wordingValidity(a: Pick<SearchHit, 'validFrom' | 'validTo' | 'introducedBy'>): string {
  const until = a.validTo ? ` until ${a.validTo}` : '';
  if (a.introducedBy) return `  as amended by ${a.introducedBy}, from ${a.validFrom ?? 'n.d.'}${until}`;
  return a.validTo ? `  original wording${until}` : '';
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
    .option('--json', 'print { total, hits: [...], texts: [...] }')
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
      // One block per text, its matching articles (each wording that matched) beneath it.
      for (const text of result.texts) {
        print(`${text.textId}  (${text.date ?? 'n.d.'})  ${text.title}`);
        for (const a of text.articles) {
          if (a.article) print(`  art. ${a.article} (${a.language})${wordingValidity(a)}`);
          process.stdout.write(`      ${terminalSnippet(a.snippet, bold)}\n`);
        }
      }
      for (const [name, counts] of Object.entries(result.facets ?? {}))
        print(`${name}: ${counts.map((f) => `${f.value} ${f.count}`).join(', ')}`);
      print(`${result.total}${result.totalRelation === 'gte' ? '+' : ''} results`);
    });
}
