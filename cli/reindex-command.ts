/** `jarida reindex [--es URL]`: rebuilds the search index from the artefacts of the data directory. */
import { Command } from 'commander';
import { reindex } from '../ingest/reindex.js';
import { type ArchiveOptions, log, print, printJson, withArchive } from './context.js';

export function reindexCommand(): Command {
  return new Command('reindex')
    .description(
      'rebuild the search index from the artefacts (Elasticsearch: new indices, then an alias switch)',
    )
    .option('--json', 'print { bulletins }')
    .action(async function reindexAction(this: Command) {
      const o = this.optsWithGlobals<ArchiveOptions & { json?: boolean }>();
      const bulletins = await withArchive(o, ({ store, dataDir }) =>
        reindex(store, dataDir, {
          onProgress: (n) => log(`indexed ${n} bulletins`),
          onSuperseded: (file) =>
            log(`left out ${file.sha256}: bulletin ${file.bulletin} is now held by ${file.current}`),
        }),
      );
      if (o.json) printJson({ bulletins });
      else print(`reindexed ${bulletins} bulletins`);
    });
}
