/** `jarida fixtures generate`: synthetic Bulletin officiel issues with their ground truth. */
import { Command, Option } from 'commander';
import { generateFixtures } from '../fixtures/generate.js';
import { positiveInteger, print, printJson } from './context.js';

export function fixturesCommand(): Command {
  const fixtures = new Command('fixtures').description(
    'synthetic issues with ground truth, for tests and evaluation',
  );
  fixtures
    .command('generate')
    .description('write DIR/issues/<bulletinId>.pdf, DIR/truth/<bulletinId>.json and DIR/manifest.json')
    .requiredOption('--out <dir>', 'output directory')
    .option('--seed <n>', 'random seed (same seed, same files)', positiveInteger('--seed'), 1)
    .option('--issues <n>', 'how many issues', positiveInteger('--issues'), 2)
    .addOption(new Option('--edition <edition>', 'edition').choices(['fr', 'ar', 'both']).default('fr'))
    .addOption(
      new Option(
        '--quality <q>',
        'clean: born-digital PDF with a text layer; scan, poor: degraded page images',
      )
        .choices(['clean', 'scan', 'poor'])
        .default('scan'),
    )
    .addOption(new Option('--pages <kind>', 'also write page images under DIR/pages/').choices(['png']))
    .option(
      '--amendments',
      'also write amendment chains (1958 → 1973 → 2002, a loi completed later) with versions, in each edition of the run',
    )
    .addOption(
      new Option(
        '--kinds <kinds>',
        'usual: dahirs, lois, decrees, arrêtés; all: each issue also carries two rarer kinds in turn (Constitution, treaties, codes, constitutional decisions, lois organiques, décrets-lois, circulaires, avis)',
      )
        .choices(['usual', 'all'])
        .default('usual'),
    )
    .option('--json', 'print the manifest')
    .action(async function generateAction(this: Command) {
      const o = this.opts<{
        out: string;
        seed: number;
        issues: number;
        edition: 'fr' | 'ar' | 'both';
        quality: 'clean' | 'scan' | 'poor';
        pages?: 'png';
        amendments?: boolean;
        kinds: 'usual' | 'all';
        json?: boolean;
      }>();
      const manifest = await generateFixtures({ ...o, pages: o.pages ?? 'pdf' });
      if (o.json) return printJson(manifest);
      for (const issue of manifest.issues) print(`${issue.bulletinId}: ${issue.file}`);
      print(`${manifest.issues.length} issues written to ${o.out}`);
    });
  return fixtures;
}
