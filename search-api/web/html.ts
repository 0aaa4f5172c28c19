/**
 * HTML built by a tagged template that escapes every interpolated value unless it is
 * already {@link SafeHtml}: a title, snippet or article body can never become markup.
 */
import { HIGHLIGHT } from '../../store/search-store.js';

/** Markup that is already safe to send (built by {@link html} or {@link highlighted}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof SafeHtml) return value.value;
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: strings escaped, arrays joined, null/undefined/false dropped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * A search snippet as HTML: the text escaped, the store's {@link HIGHLIGHT} markers (and
 * only they) turned into `<mark>`, always balanced.
 */
export function highlighted(snippet: string): SafeHtml {
  const parts = snippet.split(HIGHLIGHT.open);
  let out = render(parts[0]!.replaceAll(HIGHLIGHT.close, ''));
  for (const part of parts.slice(1)) {
    const end = part.indexOf(HIGHLIGHT.close);
    const marked = end < 0 ? part : part.slice(0, end);
    const rest = end < 0 ? '' : part.slice(end + HIGHLIGHT.close.length);
    out += `<mark>${render(marked)}</mark>${render(rest.replaceAll(HIGHLIGHT.close, ''))}`;
  }
  return new SafeHtml(out);
}

/** A query string from defined, non-empty values: `?a=1&b=x`, or '' when none. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
