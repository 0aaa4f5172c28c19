/**
 * `npm run bench [-- NAME [args]]`: runs named benchmarks and writes BENCHMARKS.md.
 * Without a name, runs them all with their default sizes.
 */
import { apiBenchmark } from './api-bench.js';
import { boPagesBenchmark } from './bo-pages-bench.js';
import { ingestBenchmark } from './ingest-bench.js';
import { lawsBenchmark } from './laws-bench.js';
import { ocrBenchmark } from './ocr-bench.js';
import { queueBenchmark } from './queue-bench.js';
import { searchBenchmark } from './search-bench.js';

type Benchmark = (args: string[]) => Promise<void>;

const BENCHMARKS: Record<string, Benchmark> = {
  api: apiBenchmark,
  'bo-pages': boPagesBenchmark,
  ingest: ingestBenchmark,
  laws: lawsBenchmark,
  ocr: ocrBenchmark,
  queue: queueBenchmark,
  search: searchBenchmark,
};

async function run(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name && !BENCHMARKS[name]) {
    throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  }
  const selected = name ? [[name, BENCHMARKS[name]!] as const] : Object.entries(BENCHMARKS);
  for (const [benchName, benchmark] of selected) {
    process.stderr.write(`== bench ${benchName}\n`);
    await benchmark(name ? args : []);
  }
}

await run(process.argv.slice(2));
