/**
 * `jarida demo`: the first thing a newcomer runs. Generates two sample issues (one
 * born-digital, one scanned), ingests them into the data directory, then shows a
 * search and the article it found.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { generateFixtures } from '../fixtures/generate.js';
import { defaultDataDir } from '../store/data-dir.js';
import { EXIT_SOME_FAILED, log, print, withArchive } from './context.js';
import { printIngestSummary, runIngest } from './ingest-command.js';
import { terminalSnippet } from './read-commands.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('generate two sample issues, ingest them, show a search and an article')
    .option('--seed <n>', 'seed of the sample issues', (v) => Number(v), 7)
    .action(async function demoAction(this: Command) {
      const o = this.optsWithGlobals<{ dataDir?: string; seed: number }>();
      const dataDir = o.dataDir ?? defaultDataDir();
      const work = await mkdtemp(path.join(tmpdir(), 'jarida-demo-'));
      try {
        log('1/3 generating two sample issues of the Bulletin officiel (French edition)…');
        const clean = await generateFixtures({
          out: path.join(work, 'clean'),
          seed: o.seed,
          issues: 1,
          edition: 'fr',
          quality: 'clean',
        });
        const scan = await generateFixtures({
          out: path.join(work, 'scan'),
          seed: o.seed + 1,
          issues: 1,
          edition: 'fr',
          quality: 'scan',
        });
        const files = [
          ...clean.issues.map((i) => path.join(work, 'clean', i.file)),
          ...scan.issues.map((i) => path.join(work, 'scan', i.file)),
        ];
        log(
          `2/3 ingesting them into ${path.resolve(dataDir)} (the scanned one goes through OCR: about a minute)…`,
        );
        const outcomes = await runIngest(files, { dataDir, lang: 'fra' });
        printIngestSummary(outcomes);
        if (outcomes.some((x) => x.status === 'failed')) {
          process.exitCode = EXIT_SOME_FAILED;
          return;
        }
        log('3/3 searching the archive…');
        await withArchive({ dataDir }, async ({ store }) => {
          const [first] = await store.listTexts({ limit: 1 });
          const text = first && (await store.getText(first.id));
          const sample = text?.articles.find((a) => a.body.split(/\s+/).length > 8);
          if (!text || !sample) throw new Error('the demo issues produced no article to search for');
          const query = sample.body
            .split(/\s+/)
            .filter((w) => /^\p{L}{6,}$/u.test(w))
            .slice(0, 2)
            .join(' ');
          print(`\n$ jarida search "${query}"`);
          const result = await store.search({ query, limit: 3 });
          for (const h of result.hits)
            print(
              `  ${h.textId}${h.article ? ` art. ${h.article}` : ''}  ${h.title.slice(0, 80)}\n      ${terminalSnippet(h.snippet, process.stdout.isTTY === true)}`,
            );
          const hit = result.hits.find((h) => h.article);
          if (!hit?.article) throw new Error(`the search for "${query}" found no article`);
          const article = await store.getArticle(hit.textId, hit.article);
          print(`\n$ jarida show ${hit.textId} --article ${hit.article}`);
          print(`  ${article?.body}`);
          print(
            `\nTry: jarida texts · jarida show ${hit.textId} · jarida search "<words>" --type ${first.type}`,
          );
        });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
}
