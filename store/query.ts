/**
 * Parses what a jurist types into a search box: words, quoted phrases and references to a
 * text or an article (`art. 5 loi 09-08`, `المادة 5 من القانون 09.08`). The input is never
 * trusted as query syntax: every term comes out of {@link tokenizeForSearch}, letters and
 * digits only, and {@link toFtsMatch} quotes it.
 */
import { canonicalArticleNumber, canonicalNumber, textId } from '../pipeline/ids.js';
import type { TextType } from '../pipeline/model.js';
import { foldForSearch, searchTerms } from '../pipeline/normalize.js';
import { SearchRequestError } from './search-store.js';

/**
 * Characters of a query searched at most. A search box's query, a pasted title or a
 * paragraph fits; a 7 KB query is refused before any parsing, as Elasticsearch refuses
 * a query past `indices.query.bool.max_clause_count`.
 */
export const MAX_QUERY_LENGTH = 1_000;
/**
 * Distinct terms (words and phrase words) a query may require. Every term is one doclist the
 * index reads and one clause bm25 weighs, so this bounds a search's cost whatever was typed.
 */
export const MAX_QUERY_TERMS = 64;

/** A query past {@link MAX_QUERY_LENGTH} or {@link MAX_QUERY_TERMS}: the API answers 400, the CLI exits 2. */
export class QueryLimitError extends SearchRequestError {
  declare readonly code: 'E_QUERY_TOO_LONG' | 'E_QUERY_TOO_MANY_TERMS';
  constructor(code: QueryLimitError['code'], message: string) {
    super(message, code);
  }
}

/** A text or an article named in the query. */
export interface QueryReference {
  /** The text, when the query names its type and number. */
  text?: { id: string; type: TextType; number: string };
  /** Canonical article number, when the query names one. */
  article?: string;
}

export interface ParsedQuery {
  /** Folded, stemmed terms outside phrases and references: all must match. */
  terms: string[];
  /** Quoted phrases as term sequences: each must match in that order. */
  phrases: string[][];
  reference: QueryReference | null;
  /** Whether the query is written in Arabic script: its expression comes first among equals. */
  arabic: boolean;
  /** The free words as folded text, unstemmed, for a backend that analyses text itself (Elasticsearch). */
  text: string;
  /** Each phrase as folded text, unstemmed. */
  phraseTexts: string[];
}

// Patterns run on folded text (lower case, no accents or harakat, أ→ا, ى→ي, ة→ه).
const NOT_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_AFTER = '(?![\\p{L}\\p{N}])';
const TEXT_NUMBER = '(\\d+(?:\\s*[-./]\\s*\\d+){1,2})';

/** Words naming a text type, longest first so `loi organique` wins over `loi`. */
const TYPE_WORDS: readonly (readonly [string, TextType])[] = [
  ['loi[\\s-]+organique', 'loi-organique'],
  ['loi[\\s-]+cadre', 'loi-cadre'],
  ['dahir[\\s-]+portant[\\s-]+loi', 'dahir-portant-loi'],
  ['decret[\\s-]+loi', 'decret-loi'],
  ['arrete[\\s-]+conjoint', 'arrete-conjoint'],
  ['loi', 'loi'],
  ['dahir', 'dahir'],
  ['decret', 'decret'],
  ['arrete', 'arrete'],
  ['القانون\\s+التنظيمي', 'loi-organique'],
  ['القانون[\\s-]+الاطار', 'loi-cadre'],
  ['(?:ال)?ظهير(?:\\s+الشريف|\\s+شريف)?\\s+بمثابه\\s+قانون', 'dahir-portant-loi'],
  ['(?:ال)?ظهير(?:\\s+الشريف|\\s+شريف)?', 'dahir'],
  ['(?:ال)?قرار\\s+(?:ال)?مشترك', 'arrete-conjoint'],
  ['(?:ال)?قانون', 'loi'],
  ['(?:ال)?مرسوم', 'decret'],
  ['(?:ال)?قرار', 'arrete'],
];
const TEXT_REF = new RegExp(
  `${NOT_BEFORE}(${TYPE_WORDS.map(([w]) => w).join('|')})\\s*(?:n\\s*°|no\\b\\.?|n\\.|numero|رقم)?\\s*${TEXT_NUMBER}${NOT_AFTER}`,
  'u',
);
const TYPE_MATCHERS = TYPE_WORDS.map(([w, type]) => [new RegExp(`^(?:${w})$`, 'u'), type] as const);

const ARTICLE_SUFFIX = '(?:\\s+(bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies|مكرر))?';
const ARTICLE_REF = new RegExp(
  `${NOT_BEFORE}(?:[ld]['’]\\s*)?(?:articles?|art\\.?|(?:ال)?ماده|(?:ال)?فصل)\\s*(?:(\\d+)(?:er|re|e)?${ARTICLE_SUFFIX}|(premier|1er|unique|الاولي|الاول|الوحيده|الفريده))${NOT_AFTER}`,
  'u',
);
/** What may stand between an article and its text: `art. 5 de la loi`, `المادة 5 من القانون`. */
const CONNECTOR = /^[\s,;:]*(?:(?:du|de|des|la|l['’]|d['’]|من|في)[\s,;:]*)*$/u;
const UNIQUE_WORDS = new Set(['unique', 'الوحيده', 'الفريده']);
/** Words that only tie a reference to the rest (`de la`, `من`): not worth requiring once the reference is cut out. */
const REFERENCE_GLUE = new Set([
  'du',
  'de',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'n',
  'no',
  'من',
  'في',
  'رقم',
]);

const QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb';
const PHRASE = new RegExp(`[${QUOTE_CHARS}]([^${QUOTE_CHARS}]*)[${QUOTE_CHARS}]`, 'gu');
const ARABIC_SCRIPT = /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/;

interface Span {
  start: number;
  end: number;
}

function typeOf(word: string): TextType {
  const collapsed = word.replace(/\s+/g, ' ');
  return TYPE_MATCHERS.find(([re]) => re.test(collapsed))?.[1] ?? 'loi';
}

function articleNumber(m: RegExpExecArray): string | null {
  const [, digits, suffix, word] = m;
  if (digits)
    return canonicalArticleNumber(suffix === 'مكرر' ? `${digits} bis` : `${digits} ${suffix ?? ''}`);
  if (word && UNIQUE_WORDS.has(word)) return 'unique';
  return '1';
}

/** Finds a reference in folded text; returns it with the spans to cut out of the free text. */
function findReference(folded: string): { reference: QueryReference; spans: Span[] } | null {
  const textMatch = TEXT_REF.exec(folded);
  const articleMatch = ARTICLE_REF.exec(folded);
  if (!textMatch && !articleMatch) return null;
  const reference: QueryReference = {};
  const spans: Span[] = [];
  if (textMatch) {
    const type = typeOf(textMatch[1]!);
    const number = canonicalNumber(textMatch[2]!.replace(/\s+/g, ''));
    reference.text = { id: textId(type, number), type, number };
    spans.push({ start: textMatch.index, end: textMatch.index + textMatch[0].length });
  }
  if (articleMatch) {
    const article = articleNumber(articleMatch);
    if (article) reference.article = article;
    spans.push({ start: articleMatch.index, end: articleMatch.index + articleMatch[0].length });
  }
  spans.sort((a, b) => a.start - b.start);
  const [first, second] = spans;
  if (first && second && first.end <= second.start && CONNECTOR.test(folded.slice(first.end, second.start))) {
    return { reference, spans: [{ start: first.start, end: second.end }] };
  }
  return { reference, spans };
}

function cut(s: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    out += `${s.slice(at, span.start)} `;
    at = span.end;
  }
  return out + s.slice(at);
}

/**
 * Parses a free-text query. Balanced quotes (`"…"`, `«…»`, `“…”`) make phrases; an unbalanced
 * quote is punctuation; every other character that is not a letter or digit separates words.
 * A word or phrase typed twice is required once: `de la loi` × 100 costs what `de la loi` costs.
 *
 * @throws QueryLimitError past {@link MAX_QUERY_LENGTH} characters or {@link MAX_QUERY_TERMS} distinct terms.
 */
export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw new QueryLimitError(
      'E_QUERY_TOO_LONG',
      `the query has ${raw.length} characters; at most ${MAX_QUERY_LENGTH} are searched`,
    );
  }
  const folded = foldForSearch(raw);
  const phrases = new Map<string, string[]>();
  const phraseTexts: string[] = [];
  const outside = folded.replace(PHRASE, (_, inner: string) => {
    const terms = searchTerms(inner);
    const key = terms.join(' ');
    if (terms.length > 0 && !phrases.has(key)) {
      phrases.set(key, terms);
      phraseTexts.push(inner.trim());
    }
    return ' ';
  });
  const found = findReference(outside);
  const free = found ? cut(outside, found.spans) : outside;
  const terms = unique(searchTerms(free).filter((t) => !(found && REFERENCE_GLUE.has(t))));
  const query: ParsedQuery = {
    terms,
    phrases: [...phrases.values()],
    reference: found?.reference ?? null,
    arabic: ARABIC_SCRIPT.test(raw),
    text: unique(free.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !(found && REFERENCE_GLUE.has(w)))).join(
      ' ',
    ),
    phraseTexts,
  };
  const required = highlightTerms(query).size;
  if (required > MAX_QUERY_TERMS) {
    throw new QueryLimitError(
      'E_QUERY_TOO_MANY_TERMS',
      `the query has ${required} distinct terms; at most ${MAX_QUERY_TERMS} are searched`,
    );
  }
  return query;
}

/** The strings in first-seen order, each once. */
function unique(strings: string[]): string[] {
  return [...new Set(strings)];
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/**
 * FTS5 MATCH expression requiring every term and phrase; null when there is nothing to match.
 * Terms are letters and digits only, and quoted anyway, so no user character is syntax.
 */
export function toFtsMatch(query: ParsedQuery): string | null {
  const parts = [...query.terms.map(quote), ...query.phrases.map((p) => quote(p.join(' ')))];
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Every term the query looks for, to highlight in snippets. */
export function highlightTerms(query: ParsedQuery): Set<string> {
  return new Set([...query.terms, ...query.phrases.flat()]);
}
