/**
 * Reading the files an ingest is given, within what the machine can hold. A file is read
 * whole (intake hashes it, sniffs it and keeps it as the original), then copied into the PDF
 * sandbox and parsed there: an ingest peaks at about three times the largest file (a
 * 250 MB PDF at 0.95 GB RSS, a 1.2 GB one at 3.6 GB). So a file past the size limit is
 * refused from its size alone, before any of it is read, with a stable code; Node could not
 * read one past 2 GiB at once anyway (`ERR_FS_FILE_TOO_LARGE`).
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileTooLargeError } from '../pipeline/errors.js';

/** Default size limit of an input file: 256 MiB, ten times the thickest scanned issue seen. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
/** The largest limit that may be set: Node reads at most 2 GiB into one buffer. */
export const MAX_FILE_BYTES_CEILING = 2 ** 31 - 1;

/**
 * The bytes of `file` (symbolic links followed), when no larger than `maxBytes`.
 *
 * @throws FileTooLargeError past the limit (the size is read from the open file, so it is the one read).
 * @throws the file system's error for a missing or unreadable file.
 */
export async function readInputFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const limit = Math.min(maxBytes, MAX_FILE_BYTES_CEILING);
    if (size > limit) throw new FileTooLargeError(path.basename(file), size, limit);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

const INPUT_EXTENSIONS = new Set(['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg']);

/** Whether a file's name says it is an input (a PDF or an image). */
export function isInputName(name: string): boolean {
  return INPUT_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/**
 * The input files below `dir`, sorted by path. Symbolic links are followed, to files and to
 * directories (each directory once, so a link back up ends); a link that leads nowhere is
 * listed anyway, for the ingest to report as failed rather than skip without a word.
 */
export async function listInputFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  await collect(dir, new Set(), files);
  return files.sort();
}

async function collect(dir: string, visited: Set<string>, files: string[]): Promise<void> {
  const real = await realpath(dir);
  if (visited.has(real)) return;
  visited.add(real);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const target = entry.isSymbolicLink() ? await stat(full).catch(() => null) : entry;
    if (target?.isDirectory()) await collect(full, visited, files);
    else if (isInputName(entry.name) && (target === null || target.isFile())) files.push(full);
  }
}
