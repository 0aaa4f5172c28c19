/**
 * Reads the amendments an Arabic text makes, from the formulas of the general edition:
 * `تغير وتتمم أحكام المادة 5 من القانون رقم 09.08 … كما يلي`, `تنسخ أحكام …`,
 * `تتمم … بالمادة 12 المكررة`, `(الباقي لا يتغير فيه)` after partial new wording, and the
 * visas `بناء على الظهير الشريف رقم …` (citations).
 */
import { feminineOrdinalAr } from '../arabic-ordinals.js';
import { parseArabicDate } from '../dates.js';
import { canonicalArticleNumber, canonicalNumber, toWesternDigits } from '../ids.js';
import type { AmendmentKind, LegalText, TextType } from '../model.js';
import type {
  AmendmentOperation,
  Citation,
  CitedText,
  ParagraphTarget,
  Substitution,
  TextLinks,
} from './links.js';

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

/** A type and its number; a lone group of digits is a number OCR cut short (see {@link citedIn}). */
const TYPE_RE = new RegExp(
  `(${TYPES.map(([w]) => w).join('|')})(?:\\s+(?:رقم|عدد))\\s*([\\d٠-٩۰-۹]+(?:\\s?[.\\-/]\\s?[\\d٠-٩۰-۹]+)*)`,
  'g',
);
/** `مكرر`, `مكررة`, `المكرر`, `المكررة`: bis. */
const BIS = '(?:ال)?مكرر[ةا]?';
/** `المادة 5`, `الفصل 12`, `المادتين 3 و4`, `المواد 3 و4 و5`, `المادة 12 المكررة` (bis); a note on one (`و22 (المقطع 2) و27`) is passed over. */
const ARTICLES_RE = new RegExp(
  String.raw`(?:المادة|الفصل|المادتين|الفصلين|المواد|الفصول)\s+((?:[\d٠-٩۰-۹]+|الأولى|الأول)(?:\s+${BIS})?(?:\s*(?:\([^()]{0,30}\)\s*)?(?:،|,|و)\s*(?:[\d٠-٩۰-۹]+|الأولى)(?:\s+${BIS})?)*)`,
  'g',
);

const isDahir = (type: string) => type.startsWith('dahir');
const digitsOf = (number: string | null) => (number ?? '').replace(/\D/g, '');

/** A text named in the amending text, with what is printed after its number. */
interface NamedText extends CitedText {
  start: number;
  end: number;
  /** The Gregorian date of `الصادر في …` right after the number, when printed. */
  issued: string | null;
}

/** `الصادر في 12 صفر 1378 (28 غشت 1958)` after a cited number: the cited text's date. */
const ISSUED = /^\s*(?:ال)?صادر[ةا]?\s+(?:في|بتاريخ)\s+/;
/** `السالف الذكر`, `المشار إليه أعلاه`, `المذكور أعلاه`: the text was named in full before. */
const AFORESAID = /^[\s,،]*(?:ال)?(?:سالف|سالفة|مشار|مذكور)/;

function issuedAfter(s: string, end: number): string | null {
  const m = ISSUED.exec(s.slice(end));
  if (!m) return null;
  const date = parseArabicDate(s.slice(end + m[0].length, end + m[0].length + 80));
  // The Hijri half may be misread (`2 ضفر 1378 (28 غشت 1958)`): its Gregorian half still dates it.
  return date?.gregorian && date.start <= 20 ? date.gregorian : null;
}

const sameKind = (a: TextType, b: TextType) => a === b || (isDahir(a) && isDahir(b));

/** The one number of `found`, or null for none or several. */
function onlyNumber(found: readonly NamedText[]): string | null {
  const numbers = new Set(found.map((n) => n.number));
  return numbers.size === 1 ? [...numbers][0]! : null;
}

/**
 * Texts named in `s`. A number the amending text prints only this once may be one OCR damaged
 * (right-to-left OCR loses separators and the head of numbers, misreads figures: `رقم 9`,
 * `رقم 1.`, `158.309`, `98.09 .1` for `1.58.309`, `61.6` for `67.06`): it stands for the one
 * other text of its kind among `named` (what the whole amending text names, its own number
 * `own` apart) with the same figures and more separators, or ending with them when printed
 * without separators (the one named twice or more when several do); else, among those named
 * twice or more, the one with the same date printed after it, or the one of its kind when
 * `السالف الذكر` says it was named before (for a number printed with separators). Without any
 * of these a number with separators is kept as printed; a lone group of digits is no reference.
 */
function citedIn(s: string, named: readonly NamedText[] = [], own: string | null = null): NamedText[] {
  return [...s.matchAll(TYPE_RE)].flatMap((m) => {
    const type = TYPES.find(([w]) => w === m[1])![1];
    const end = m.index + m[0].length;
    const at = { type, date: null, start: m.index, end, issued: issuedAfter(s, end) };
    const printed = /[.\-/]/.test(m[2]!) ? canonicalNumber(m[2]!) : null;
    // Named again elsewhere in the amending text: read right.
    if (printed && named.filter((n) => n.number === printed).length >= 2) return [{ ...at, number: printed }];
    const digits = toWesternDigits(m[2]!).replace(/\D/g, '');
    const others = named.filter((n) => sameKind(n.type, type) && n.number !== own && n.number !== printed);
    // Only a number named twice or more is taken on a date or `السالف الذكر`: it cannot be a
    // misreading itself.
    const trusted = others.filter((n) => named.filter((o) => o.number === n.number).length >= 2);
    const sameFigures = (n: NamedText) =>
      printed
        ? digitsOf(n.number) === digits && n.number!.split('-').length > printed.split('-').length
        : digitsOf(n.number).endsWith(digits);
    const repaired =
      onlyNumber(others.filter(sameFigures)) ??
      onlyNumber(trusted.filter(sameFigures)) ??
      (at.issued ? onlyNumber(trusted.filter((n) => n.issued === at.issued)) : null) ??
      // A lone digit is too little for `السالف الذكر` alone.
      (printed && AFORESAID.test(s.slice(end)) ? onlyNumber(trusted) : null);
    if (repaired) return [{ ...at, number: repaired }];
    return printed ? [{ ...at, number: printed }] : [];
  });
}

export function articlesIn(s: string): { numbers: string[]; start: number }[] {
  return [...s.matchAll(ARTICLES_RE)].map((m) => ({
    numbers: toWesternDigits(m[1]!.replace(/\([^()]*\)/g, ' '))
      .split(/\s*(?:،|,|\sو)\s*/)
      .map((n) => canonicalArticleNumber(n.replace(new RegExp(BIS), 'مكرر').trim()))
      .filter((n): n is string => n !== null),
    start: m.index,
  }));
}

/** Formulas naming the operation, tested in this order. */
const FORMULAS: readonly (readonly [RegExp, AmendmentKind])[] = [
  // `تنسخ أحكام الفصل 3 … وتعوض بالأحكام التالية`: abrogated and replaced.
  [/(?:تنسخ|ينسخ|تل[غف]ى|يل[غف]ى)[^«]*?(?:وتعوض|ويعوض|وتستبدل|ويستبدل)/, 'replaced'],
  // `يلفى`: OCR's reading of `يلغى` now and then.
  [/(?:تنسخ|ينسخ|تل[غف]ى|يل[غف]ى|نسخ|تحذف|يحذف)/, 'abrogated'],
  // `تعوض أحكام الفقرة الثانية من المادة 5 … بالأحكام التالية`: new wording of an alinéa or article.
  [/(?:تعوض|يعوض)\s+(?:أحكام\s+)?(?:الفقرة|البند|المادة|الفصل)/, 'replaced'],
  [/(?:تتمم|يتمم)\s+[^«]*?ب(?:المادة|الفصل|المواد)/, 'inserted'],
  [/(?:تغير|يغير|تعدل|يعدل|يغير ويتمم|تغير وتتمم)/, 'amended'],
  [/(?:تتمم|يتمم)/, 'completed'],
];

/**
 * Where new wording opens: at its `«` (or `"`); when OCR lost that one (read as `.` or not at
 * all) and a `»` still closes it, at the colon of `بالأحكام التالية:` or `كما يلي:` announcing it.
 */
function wordingStart(body: string): number {
  const open = body.search(/[«"]/);
  if (open >= 0) return open;
  const announced = /(?:التالية|التالي|يلي)\s*:/.exec(body);
  return announced && announced.index < body.lastIndexOf('»')
    ? announced.index + announced[0].length - 1
    : -1;
}

/** Text between the first « (or ") and the last » (or "), `(الباقي لا يتغير فيه)` kept out. */
function quoted(s: string): string | null {
  const open = wordingStart(s);
  const close = Math.max(s.lastIndexOf('»'), s.lastIndexOf('"'));
  if (open < 0 || close <= open) return null;
  return s
    .slice(open + 1, close)
    .replace(/^[\s.،,]+/, '')
    .replace(/\(الباقي لا يتغير فيه\.?\)/g, '')
    .replace(/[«»"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strips the quoted heading (`المادة 5. –`) from new wording. */
function withoutHeading(body: string): string {
  return body
    .replace(new RegExp(String.raw`^(?:المادة|الفصل)\s+[\d٠-٩۰-۹]+(?:\s+${BIS})?(?:\s*[.:–—-])*\s*`), '')
    .trim();
}

const WORDS = '(?:عبارة|العبارة|عبارات|العبارات|كلمة|الكلمة|كلمات|الكلمات|الرقم|التاريخ)';
/** `تعوض عبارة «أ» الواردة في المادة 5 من القانون رقم … بعبارة «ب»`: words, where, new words. */
const SUBSTITUTION = new RegExp(
  String.raw`(?:تعوض|يعوض|تستبدل|يستبدل)\s+${WORDS}\s*[«"]([^»"]*)[»"]([^«"]*?)\s+ب${WORDS}\s*[«"]([^»"]*)[»"]`,
  'g',
);

/** `تحذف عبارة «أ» الواردة في المادة 5 من …`: words deleted, a substitution by nothing. */
const DELETION = new RegExp(String.raw`(?:تحذف|يحذف)\s+${WORDS}\s*[«"]([^»"]*)[»"]([^«"]*)`, 'g');

/** Partial substitutions and deletions of an article and the clause naming their target (`الواردة في …`). */
function readSubstitutions(body: string): { substitutions: Substitution[]; clause: string } | null {
  const found = [
    ...[...body.matchAll(SUBSTITUTION)].map((m) => ({ at: m.index, from: m[1]!, to: m[3]!, where: m[2]! })),
    ...[...body.matchAll(DELETION)].map((m) => ({ at: m.index, from: m[1]!, to: '', where: m[2]! })),
  ].sort((a, b) => a.at - b.at);
  if (found.length === 0) return null;
  return {
    substitutions: found.map((m) => ({ from: m.from.trim(), to: m.to.trim() })),
    clause: `تغير ${found.map((m) => m.where).join(' ')}`,
  };
}

/** `الفقرة الثانية`: alinéas are counted with feminine ordinals. */
const ORDINALS = Array.from({ length: 10 }, (_, i) => feminineOrdinalAr(i + 1));
const DIGITS = '[\\d٠-٩۰-۹]{1,2}';
/**
 * `الفقرة الثانية من المادة 5`, `الفقرة الأخيرة من المادة 5`, `البند 3 من الفصل 7`, `البند (أ) من
 * المادة 7`: an alinéa or an item.
 */
const PARAGRAPH_TARGET = new RegExp(
  String.raw`(?:(?:ال)?فقرة\s+(${ORDINALS.join('|')}|الأخيرة|${DIGITS})|(?:ال)?بند\s+\(?(${DIGITS}|[\u0621-\u064A])\)?)\s+(?:من|في)\s+(?:المادة|الفصل)\s+([\d٠-٩۰-۹]+|الأولى|الأول)(\s+${BIS})?`,
  'g',
);

/** The alinéa or item a clause names in each article it names them of (`الفقرة الثانية من المادة 5`). */
function paragraphTargets(clause: string): Map<string, ParagraphTarget> {
  const found = new Map<string, ParagraphTarget>();
  for (const m of clause.matchAll(PARAGRAPH_TARGET)) {
    const article = canonicalArticleNumber(`${toWesternDigits(m[3]!)}${m[4] ? ' مكرر' : ''}`);
    if (!article || found.has(article)) continue;
    found.set(
      article,
      m[2]
        ? { item: toWesternDigits(m[2]) }
        : m[1] === 'الأخيرة'
          ? { lastParagraph: true }
          : { paragraph: ORDINALS.indexOf(m[1]!) + 1 || Number(toWesternDigits(m[1]!)) },
    );
  }
  return found;
}

/** Operations that may name one alinéa of their article; a completion adds at its end. */
const ON_PARAGRAPH = new Set<AmendmentKind>(['amended', 'replaced', 'abrogated']);

/** `تنسخ جميع الأحكام المخالفة لهذا القانون ولا سيما …`: too vague for versions. */
const CONTRARY = /الأحكام المخالفة/;

const IN_FORCE = /(?:يدخل|تدخل|يسري|تسري|يعمل|تطبق|يطبق)[^.]{0,120}?(?:ابتداء|اعتبارا)\s+من\s+(?:تاريخ\s+)?/;

/** `يدخل هذا القانون حيز التنفيذ ابتداء من 1 يناير 2003`: the date; null when none is set. */
export function readEntryIntoForceAr(bodies: readonly string[]): string | null {
  for (const body of bodies) {
    const m = IN_FORCE.exec(body);
    if (!m) continue;
    const date = parseArabicDate(body.slice(m.index + m[0].length, m.index + m[0].length + 80));
    if (date?.gregorian && date.start === 0) return date.gregorian;
  }
  return null;
}

/** Everything an Arabic text says about other texts, and its entry into force (`ابتداء من …`). */
export function parseArabicLinks(text: LegalText): TextLinks {
  const citations: Citation[] = [];
  const operations: AmendmentOperation[] = [];
  const inFull = citedIn([text.title, text.preamble ?? '', ...text.articles.map((a) => a.body)].join('\n'));
  for (const cited of citedIn(text.preamble ?? '', inFull, text.number))
    citations.push({ byArticle: null, relation: 'cites', target: strip(cited), targetArticle: null });
  for (const article of text.articles) {
    const body = article.body;
    const quoteAt = wordingStart(body);
    const substitution = readSubstitutions(body);
    const clause = substitution?.clause ?? (quoteAt < 0 ? body : body.slice(0, quoteAt));
    const target = citedIn(clause, inFull, text.number)[0];
    const kind = FORMULAS.find(([re]) => re.test(clause))?.[1];
    if (target && kind === 'abrogated' && CONTRARY.test(clause)) {
      citations.push({
        byArticle: article.number,
        relation: 'abrogates',
        target: strip(target),
        targetArticle: null,
      });
      continue;
    }
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
    const wording = substitution ? null : quoted(body);
    // `تنسخ الفقرة الثانية من المادة 5`: the operation is on that alinéa only.
    const within = ON_PARAGRAPH.has(kind) ? paragraphTargets(clause) : new Map();
    const make = (
      targetArticle: string | null,
      extra: Partial<AmendmentOperation> = {},
    ): AmendmentOperation => ({
      kind,
      byArticle: article.number,
      target: strip(target),
      targetArticle,
      confidence: 0.9,
      ...(targetArticle === null ? {} : within.get(targetArticle)),
      ...extra,
    });
    if (kind === 'abrogated') operations.push(...(before.length ? before : [null]).map((a) => make(a)));
    else if (kind === 'inserted')
      operations.push(...after.map((a) => make(a, wording ? { body: withoutHeading(wording) } : {})));
    else if (substitution)
      operations.push(...before.map((a) => make(a, { substitutions: substitution.substitutions })));
    else operations.push(...before.map((a) => make(a, wording ? { body: withoutHeading(wording) } : {})));
  }
  return {
    textId: text.id,
    language: text.language,
    operations,
    citations,
    inForceFrom: readEntryIntoForceAr(text.articles.map((a) => a.body)),
  };
}

function strip({ type, number, date }: CitedText): CitedText {
  return { type, number, date };
}
