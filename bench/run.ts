/**
 * `npm run bench [-- NAME [args]]`: runs named benchmarks and writes BENCHMARKS.md.
 * Without a name, runs them all with their default sizes.
 */
import { ingestBenchmark } from './ingest-bench.js';

type Benchmark = (args: string[]) => Promise<void>;

const BENCHMARKS: Record<string, Benchmark> = {
  ingest: ingestBenchmark,
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
