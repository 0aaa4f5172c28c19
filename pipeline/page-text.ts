import type { PageArtefact } from './model.js';

/** A page's whole text as read, in reading order: running header first, then the body lines. */
export function pageText(page: PageArtefact): string {
  return [...page.header, ...page.lines].map((line) => line.text).join('\n');
}
