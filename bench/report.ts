/**
 * BENCHMARKS.md: one section per benchmark between markers, so running one benchmark
 * rewrites its own section and leaves the others as they were measured.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

const FILE = 'BENCHMARKS.md';
const HEADER = `# Benchmarks

Written by \`npm run bench\` (\`npm run bench -- NAME\` for one). Each section is measured in one
run, jarida side by side with the peer a user would pick instead, and reported as a ratio.
`;

/** The machine a figure was measured on: figures from different machines do not compare. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** The body of a section as last written, or null. */
export async function readSection(name: string): Promise<string | null> {
  const current = await readFile(FILE, 'utf8').catch(() => '');
  return (
    new RegExp(`<!-- bench:${name} -->\\n([\\s\\S]*?)\\n<!-- /bench:${name} -->`).exec(current)?.[1] ?? null
  );
}

export async function writeSection(name: string, body: string): Promise<void> {
  const current = await readFile(FILE, 'utf8').catch(() => HEADER);
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(FILE, next);
}

/** A markdown table from a header row and rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `--name N` from a benchmark's arguments: a positive integer, else `fallback` when absent. */
export function numberOption(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** The p-th percentile (nearest rank) of ascending `sorted`; 0 when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
