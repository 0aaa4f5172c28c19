/** `jarida eval <fixturesDir>`: ingests a fixture set into a temporary archive and scores it against its truth. */
import { Command } from 'commander';
import { evaluateFixtureSet } from '../ingest/fixture-evaluation.js';
import { log, print, printJson } from './context.js';
import { withProgress } from './ingest-command.js';
import { escapeControls } from './terminal-text.js';

const percent = (x: number) => `${(x * 100).toFixed(2)} %`;

export function evalCommand(): Command {
  return new Command('eval')
    .description(
      'ingest a fixture set into a temporary archive and score OCR, texts and articles against its truth',
    )
    .argument('<fixturesDir>', 'a directory written by `jarida fixtures generate`')
    .option('--json', 'print the scores as JSON')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async function evalAction(this: Command, dir: string) {
      const o = this.optsWithGlobals<{ json?: boolean; progress?: boolean }>();
      const report = await withProgress('embedded', o, (onEvent) =>
        evaluateFixtureSet(dir, {
          onEvent,
          onFailed: (f) => log(`failed: ${escapeControls(f.path)}: ${escapeControls(f.reason ?? '')}`),
        }),
      );
      if (o.json) return printJson(report);
      print(`issues     ${report.issues.total} (${report.issues.failed} failed), ${report.ocr.pages} pages`);
      print(`OCR        CER ${percent(report.ocr.cer)}   WER ${percent(report.ocr.wer)}`);
      for (const [name, s] of [
        ['texts', report.texts],
        ['articles', report.articles],
        ['amendments', report.amendments],
      ] as const) {
        print(
          `${name.padEnd(10)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.truePositives}/${s.expected} found, ${s.predicted} predicted)`,
        );
      }
      print(`bodies     CER ${percent(report.articles.bodyCer)} over matched articles`);
      print(
        `alinéas    ${percent(report.paragraphs.accuracy)} of ${report.paragraphs.articles} matched articles cut as printed`,
      );
      print(
        `versions   ${percent(report.versions.accuracy)} exact over ${report.versions.samples} sampled (article, date) pairs`,
      );
      for (const [edition, s] of Object.entries(report.amendmentsByEdition)) {
        const a = s.amendments;
        print(
          `  ${edition}       amendments P ${a.precision.toFixed(3)}  R ${a.recall.toFixed(3)}  F1 ${a.f1.toFixed(3)}  (${a.truePositives}/${a.expected})   versions ${percent(s.versions.accuracy)} of ${s.versions.samples}`,
        );
      }
    });
}
