/** Where a worker thread's module is, whether the caller runs compiled (dist/) or from source (tests). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled module `name` beside the calling module, else its copy under dist/: worker
 * threads run plain JavaScript, which the sources under vitest are not.
 *
 * @example new Worker(threadEntry('preparation-worker.js', import.meta.url))
 */
export function threadEntry(name: string, callerUrl: string): URL {
  const sibling = new URL(`./${name}`, callerUrl);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const folder = new URL('.', callerUrl).pathname.split('/').filter(Boolean).pop();
  return new URL(`../dist/${folder}/${name}`, callerUrl);
}
