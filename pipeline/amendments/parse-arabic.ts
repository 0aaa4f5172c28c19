/**
 * Reads the amendments an Arabic text makes, from the formulas of the general edition:
 * `تغير وتتمم أحكام المادة 5 من القانون رقم 09.08 … كما يلي`, `تنسخ أحكام …`,
 * `تتمم … بالمادة 12 المكررة`, `(الباقي لا يتغير فيه)` after partial new wording, and the
 * visas `بناء على الظهير الشريف رقم …` (citations).
 */
import { canonicalArticleNumber, canonicalNumber, toWesternDigits } from '../ids.js';
import type { AmendmentKind, LegalText, TextType } from '../model.js';
import type { AmendmentOperation, Citation, CitedText, TextLinks } from './links.js';

/** Text types as Arabic prose names them, longest first. */
const TYPES: readonly (readonly [string, TextType])[] = [
  ['الظهير الشريف بمثابة قانون', 'dahir-portant-loi'],
  ['ظهير شريف بمثابة قانون', 'dahir-portant-loi'],
  ['الظهير الشريف', 'dahir'],
  ['ظهير شريف', 'dahir'],
  ['القانون التنظيمي', 'loi-organique'],
  ['القانون الإطار', 'loi-cadre'],
  ['القانون', 'loi'],
  ['قانون', 'loi'],
  ['المرسوم', 'decret'],
  ['مرسوم', 'decret'],
  ['القرار المشترك', 'arrete-conjoint'],
  ['القرار', 'arrete'],
  ['قرار', 'arrete'],
];

const TYPE_RE = new RegExp(
  `(${TYPES.map(([w]) => w).join('|')})(?:\\s+(?:رقم|عدد))\\s*([\\d٠-٩۰-۹]+(?:\\s?[.\\-/]\\s?[\\d٠-٩۰-۹]+)+)`,
  'g',
);
/** `المادة 5`, `الفصل 12`, `المادتين 3 و4`, `المواد 3 و4 و5`, with `مكرر` for bis. */
const ARTICLES_RE =
  /(?:المادة|الفصل|المادتين|الفصلين|المواد|الفصول)\s+((?:[\d٠-٩۰-۹]+|الأولى|الأول)(?:\s+مكرر[ةا]?)?(?:\s*(?:،|,|و)\s*(?:[\d٠-٩۰-۹]+|الأولى)(?:\s+مكرر[ةا]?)?)*)/g;

function citedIn(s: string): (CitedText & { start: number; end: number })[] {
  return [...s.matchAll(TYPE_RE)].map((m) => ({
    type: TYPES.find(([w]) => w === m[1])![1],
    number: canonicalNumber(m[2]!),
    date: null,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function articlesIn(s: string): { numbers: string[]; start: number }[] {
  return [...s.matchAll(ARTICLES_RE)].map((m) => ({
    numbers: toWesternDigits(m[1]!)
      .split(/\s*(?:،|,|\sو)\s*/)
      .map((n) => canonicalArticleNumber(n.replace(/مكرر[ةا]?/, 'مكرر').trim()))
      .filter((n): n is string => n !== null),
    start: m.index,
  }));
}

/** Formulas naming the operation, tested in this order. */
const FORMULAS: readonly (readonly [RegExp, AmendmentKind])[] = [
  [/(?:تنسخ|ينسخ|تلغى|يلغى|نسخ)/, 'abrogated'],
  [/(?:تتمم|يتمم)\s+[^«]*?ب(?:المادة|الفصل|المواد)/, 'inserted'],
  [/(?:تغير|يغير|تعدل|يعدل|يغير ويتمم|تغير وتتمم)/, 'amended'],
  [/(?:تتمم|يتمم)/, 'completed'],
];

/** Text between the first « (or ") and the last » (or "), `(الباقي لا يتغير فيه)` kept out. */
function quoted(s: string): string | null {
  const open = s.search(/[«"]/);
  const close = Math.max(s.lastIndexOf('»'), s.lastIndexOf('"'));
  if (open < 0 || close <= open) return null;
  return s
    .slice(open + 1, close)
    .replace(/\(الباقي لا يتغير فيه\.?\)/g, '')
    .replace(/[«»"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strips the quoted heading (`المادة 5. –`) from new wording. */
function withoutHeading(body: string): string {
  return body.replace(/^(?:المادة|الفصل)\s+[\d٠-٩۰-۹]+(?:\s+مكرر[ةا]?)?(?:\s*[.:–—-])*\s*/, '').trim();
}

/** Everything an Arabic text says about other texts (no `à compter du` reading yet). */
export function parseArabicLinks(text: LegalText): TextLinks {
  const citations: Citation[] = [];
  const operations: AmendmentOperation[] = [];
  for (const cited of citedIn(text.preamble ?? ''))
    citations.push({ byArticle: null, relation: 'cites', target: strip(cited), targetArticle: null });
  for (const article of text.articles) {
    const body = article.body;
    const quoteAt = body.search(/[«"]/);
    const clause = quoteAt < 0 ? body : body.slice(0, quoteAt);
    const target = citedIn(clause)[0];
    const kind = FORMULAS.find(([re]) => re.test(clause))?.[1];
    if (!target || !kind) {
      if (target)
        citations.push({
          byArticle: article.number,
          relation: 'cites',
          target: strip(target),
          targetArticle: null,
        });
      continue;
    }
    const named = articlesIn(clause);
    const before = named.filter((a) => a.start < target.start).flatMap((a) => a.numbers);
    const after = named.filter((a) => a.start > target.start).flatMap((a) => a.numbers);
    const wording = quoted(body);
    const make = (
      targetArticle: string | null,
      extra: Partial<AmendmentOperation> = {},
    ): AmendmentOperation => ({
      kind,
      byArticle: article.number,
      target: strip(target),
      targetArticle,
      confidence: 0.9,
      ...extra,
    });
    if (kind === 'abrogated') operations.push(...(before.length ? before : [null]).map((a) => make(a)));
    else if (kind === 'inserted')
      operations.push(...after.map((a) => make(a, wording ? { body: withoutHeading(wording) } : {})));
    else operations.push(...before.map((a) => make(a, wording ? { body: withoutHeading(wording) } : {})));
  }
  return { textId: text.id, language: text.language, operations, citations, inForceFrom: null };
}

function strip({ type, number, date }: CitedText): CitedText {
  return { type, number, date };
}
