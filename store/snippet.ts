/**
 * Highlighted excerpts built from an article's body as printed. The index holds folded,
 * stemmed text that nobody wants to read, so matches are located by re-tokenising the
 * original with the same {@link tokenizeForSearch} and comparing terms.
 */
import { type TermCache, tokenizeForSearch } from '../pipeline/normalize.js';
import { HIGHLIGHT } from './search-store.js';

export interface SnippetOptions {
  /** Words in the excerpt. */
  words?: number;
  open?: string;
  close?: string;
  /** Memo of folded words, shared across snippets: a result page re-tokenises a score of articles. */
  cache?: TermCache;
}

const DEFAULT_WORDS = 24;
const ELLIPSIS = '…';
const CONTEXT_WORDS = 3;

/**
 * The window of `words` words holding the most distinct query terms (the start of the body
 * when none matches), each matched word wrapped in the highlight markers.
 */
export function buildSnippet(body: string, terms: ReadonlySet<string>, options: SnippetOptions = {}): string {
  const size = options.words ?? DEFAULT_WORDS;
  const open = options.open ?? HIGHLIGHT.open;
  const close = options.close ?? HIGHLIGHT.close;
  const tokens = tokenizeForSearch(body, options.cache);
  if (tokens.length === 0) return body.slice(0, 200).trim();
  const matched = tokens.map((t) => terms.has(t.term));

  // Windows start at a match; score = distinct terms inside, ties to the earliest.
  let best = -1;
  let bestScore = 0;
  for (let start = 0; start < tokens.length; start++) {
    if (!matched[start]) continue;
    const seen = new Set<string>();
    for (let i = start; i < Math.min(tokens.length, start + size); i++)
      if (matched[i]) seen.add(tokens[i]!.term);
    if (seen.size > bestScore) {
      bestScore = seen.size;
      best = start;
    }
  }
  // A few words of context before the first match.
  const from = best < 0 ? 0 : Math.max(0, best - CONTEXT_WORDS);
  const to = Math.min(tokens.length - 1, from + size - 1);

  let out = from > 0 ? ELLIPSIS : '';
  let at = tokens[from]!.start;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    out += body.slice(at, t.start);
    out += matched[i] ? `${open}${body.slice(t.start, t.end)}${close}` : body.slice(t.start, t.end);
    at = t.end;
  }
  if (to < tokens.length - 1) out += ELLIPSIS;
  return out.replace(/\s+/g, ' ').trim();
}
