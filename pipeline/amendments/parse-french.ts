/**
 * Reads the amendments a French text makes: title-level (`modifiant et complétant la loi
 * n° …`, `abrogeant …`), operative clauses of its articles (whole new wording between « »,
 * added paragraphs, inserted `12 bis` articles, `les mots « … » sont remplacés par les mots
 * « … »`, abrogations, renumbering), visas and other citations, and entry into force.
 */
import { parseFrenchDate } from '../dates.js';
import { canonicalArticleNumber } from '../ids.js';
import type { AmendmentKind, LegalText } from '../model.js';
import type {
  AmendmentOperation,
  Citation,
  CitedText,
  ParagraphTarget,
  Substitution,
  TextLinks,
} from './links.js';
import { type QuotedWording, quotedWordings } from './quotations.js';
import {
  type ArticleReference,
  findArticleReferences,
  findTextReferences,
  foldKeepingLength,
  type TextReference,
} from './references.js';

/** Texts named so far in the amending text, most recent last: where `précité`/`susvisé` point. */
class Antecedents {
  private readonly named: CitedText[] = [];

  /** The reference with its number or date filled from the last text of its type named before it. */
  resolve(ref: TextReference): { cited: CitedText; confidence: number } | null {
    const cited = { type: ref.type, number: ref.number, date: ref.date };
    if (!ref.anaphora) {
      this.named.push(cited);
      return { cited, confidence: ref.confidence };
    }
    const same = (t: CitedText) => t.type === ref.type || (isDahir(t.type) && isDahir(ref.type));
    const found = this.named.findLast(same);
    return found ? { cited: found, confidence: 0.9 } : null;
  }
}

function isDahir(type: string): boolean {
  return type === 'dahir' || type === 'dahir-portant-loi';
}

/** Words of a clause that name its operation, tested on the folded clause in this order. */
const OPERATION_WORDS: readonly (readonly [RegExp, AmendmentKind])[] = [
  [/\bdevien(?:t|nent)\b/, 'renumbered'],
  [
    /abroge(?:e|es|s)?\s+et\s+remplace|remplace(?:e|es|s)?\s+(?:par les dispositions|ainsi|comme)/,
    'replaced',
  ],
  [/\babroge(?:e|es|s)?\b|\bsupprime(?:e|es|s)?\b/, 'abrogated'],
  [
    /(?:complete(?:e|es|s)?|insere(?:e|es|s)?|ajoute(?:e|es|s)?)\s+(?:[\p{L}' ]{0,40}\s)?(?:par |d')?(?:un|une|les|deux|trois|le|l')?\s*(?:nouvel\s+|nouveaux\s+)?articles?\b/u,
    'inserted',
  ],
  [/\bmodifie(?:e|es|s)?\b/, 'amended'],
  [/\bcomplete(?:e|es|s)?\b|\bajoute(?:e|es|s)?\b/, 'completed'],
];

const SUBSTITUTION =
  /(?:les mots|le mot|l'expression|les expressions|la date|le chiffre|les chiffres|le nombre)\s*«([^»]*)»\s*,?\s*(?:sont|est)\s+remplace(?:e|es|s)?\s+par\s*(?:les mots|le mot|l'expression|les expressions|la date|le chiffre|les chiffres|le nombre)?\s*«([^»]*)»/g;
/** `et les mots « a » par les mots « b »`: further pairs of one substitution sentence. */
const FURTHER_SUBSTITUTION =
  /^\s*(?:,|;)?\s*(?:et\s+)?(?:les mots|le mot|l'expression|la date|le chiffre|les chiffres)\s*«([^»]*)»\s*par\s*(?:les mots|le mot|l'expression|la date|le chiffre|les chiffres)?\s*«([^»]*)»/;

/** `les mots « … » sont supprimés`: words deleted, a substitution by nothing. */
const DELETION =
  /(?:les mots|le mot|l'expression|les expressions)\s*«([^»]*)»\s*,?\s*(?:sont|est)\s+supprime(?:e|es|s)?\b/g;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Operations that may name one alinéa of their article; a completion adds at its end. */
const ON_PARAGRAPH = new Set<AmendmentKind>(['amended', 'replaced', 'abrogated']);

const ORDINALS = [
  'premier',
  'deuxieme',
  'troisieme',
  'quatrieme',
  'cinquieme',
  'sixieme',
  'septieme',
  'huitieme',
  'neuvieme',
  'dixieme',
];
/**
 * `l'alinéa 2 de l'article 5`, `le deuxième alinéa de l'article 5`, `le dernier alinéa de
 * l'article 5`, `le 3° de l'article 5`, `le b) de l'article 5`.
 */
const PARAGRAPH_TARGET = new RegExp(
  String.raw`(?:\balinea\s+(\d{1,2})|\b(${ORDINALS.join('|')}|second|dernier|1er|\d{1,2}e(?:me)?)\s+alinea|(?:^|[\s(])(\d{1,2})\s*°|\b([a-z])\))\s*,?\s+(?:de l'|a l')article\s+(premier|1er|\d+(?:\s+(?:bis|ter|quater))?)\b`,
  'g',
);

/**
 * The alinéa or item a clause (folded) names in each article it names them of: `l'alinéa 2
 * de l'article 5` names alinéa 2 of article 5 only, not the other articles of the clause.
 */
function paragraphTargets(clause: string): Map<string, ParagraphTarget> {
  const found = new Map<string, ParagraphTarget>();
  for (const m of clause.matchAll(PARAGRAPH_TARGET)) {
    const article = canonicalArticleNumber(m[5]!);
    if (!article || found.has(article)) continue;
    if (m[1]) found.set(article, { paragraph: Number(m[1]) });
    else if (m[2] === 'dernier') found.set(article, { lastParagraph: true });
    else if (m[2])
      found.set(article, {
        paragraph: ORDINALS.indexOf(m[2]) + 1 || (m[2] === 'second' ? 2 : Number.parseInt(m[2], 10)),
      });
    else found.set(article, { item: m[3] ? `${m[3]}°` : `${m[4]})` });
  }
  return found;
}

/**
 * Partial substitutions and deletions in an article body, from the printed wording, in
 * printed order; `start`: where the first names its words (the clause ends there).
 */
function readSubstitutions(printed: string, folded: string): { subs: Substitution[]; start: number } | null {
  const subs: (Substitution & { at: number })[] = [];
  const words = (at: number, length: number) => clean(printed.slice(at, at + length));
  for (const m of folded.matchAll(DELETION)) {
    subs.push({ at: m.index, from: words(m.index + m[0].indexOf('«') + 1, m[1]!.length), to: '' });
  }
  for (const m of folded.matchAll(SUBSTITUTION)) {
    const first = m.index + m[0].indexOf('«');
    const pick = (group: number, from: number) => words(folded.indexOf(m[group]!, from), m[group]!.length);
    subs.push({ at: m.index, from: pick(1, first), to: pick(2, m.index + m[0].lastIndexOf('«')) });
    let pos = m.index + m[0].length;
    for (let more = FURTHER_SUBSTITUTION.exec(folded.slice(pos)); more; ) {
      const base = pos;
      const a = folded.indexOf(more[1]!, base);
      const b = folded.indexOf(more[2]!, base + more[0].lastIndexOf('«'));
      subs.push({ at: a, from: words(a, more[1]!.length), to: words(b, more[2]!.length) });
      pos += more[0].length;
      more = FURTHER_SUBSTITUTION.exec(folded.slice(pos));
    }
  }
  if (subs.length === 0) return null;
  subs.sort((x, y) => x.at - y.at);
  return { subs: subs.map(({ from, to }) => ({ from, to })), start: subs[0]!.at };
}

/** Article numbers named in `refs` that lie in [from, to). */
function articlesBetween(refs: ArticleReference[], from: number, to: number): string[] {
  return refs.filter((r) => r.start >= from && r.end <= to).flatMap((r) => r.numbers);
}

interface ClauseContext {
  byArticle: string | null;
  antecedents: Antecedents;
  /** The one text the title says this text amends, for clauses that name no text. */
  titleTarget: CitedText | null;
}

/** The operations of one operative article, and its other references as citations. */
function readArticle(
  printed: string,
  ctx: ClauseContext,
): { operations: AmendmentOperation[]; citations: Citation[] } {
  const folded = foldKeepingLength(printed);
  const firstQuote = folded.indexOf('«');
  const clauseEnd = firstQuote < 0 ? folded.length : firstQuote;
  const substitutions = readSubstitutions(printed, folded);
  const operative = substitutions ? substitutions.start : clauseEnd;
  const refs = findTextReferences(printed.slice(0, operative));
  const articleRefs = findArticleReferences(printed.slice(0, operative));
  const citations: Citation[] = [];
  let target: { cited: CitedText; confidence: number; ref: TextReference | null } | null = null;
  for (const ref of refs) {
    const resolved = ctx.antecedents.resolve(ref);
    if (!resolved) continue;
    if (!target) target = { ...resolved, ref };
    else
      citations.push({
        byArticle: ctx.byArticle,
        relation: 'cites',
        target: resolved.cited,
        targetArticle: null,
      });
  }
  const clause = folded.slice(0, operative);
  const kind = substitutions
    ? 'amended'
    : (OPERATION_WORDS.find(([re]) => re.test(clause.slice(target?.ref?.end ?? 0)) || re.test(clause))?.[1] ??
      null);
  // `Sont abrogées toutes dispositions contraires, notamment celles du dahir …`: too vague for versions.
  if (kind === 'abrogated' && target && /dispositions contraires/.test(clause)) {
    citations.unshift({
      byArticle: ctx.byArticle,
      relation: 'abrogates',
      target: target.cited,
      targetArticle: null,
    });
    return { operations: [], citations };
  }
  if (!kind || (!target && !ctx.titleTarget)) {
    if (target)
      citations.unshift({
        byArticle: ctx.byArticle,
        relation: 'cites',
        target: target.cited,
        targetArticle: articlesBetween(articleRefs, 0, target.ref?.start ?? 0)[0] ?? null,
      });
    return { operations: [], citations };
  }
  const on = target ?? { cited: ctx.titleTarget!, confidence: 0.8, ref: null };
  const before = articlesBetween(articleRefs, 0, on.ref?.start ?? operative);
  const after = on.ref ? articlesBetween(articleRefs, on.ref.end, operative) : [];
  const op = (
    targetArticle: string | null,
    extra: Partial<AmendmentOperation> & { kind?: AmendmentKind } = {},
  ): AmendmentOperation =>
    onParagraph({
      kind,
      byArticle: ctx.byArticle,
      target: on.cited,
      targetArticle,
      confidence: on.confidence,
      ...extra,
    });
  const targets = before.length ? before : after;
  // `l'alinéa 2 de l'article 5 est abrogé`: the operation is on that alinéa only.
  const within = paragraphTargets(clause);
  const onParagraph = (o: AmendmentOperation): AmendmentOperation =>
    ON_PARAGRAPH.has(o.kind) && o.targetArticle !== null ? { ...o, ...within.get(o.targetArticle) } : o;
  switch (kind) {
    case 'amended':
      if (substitutions)
        return { operations: targets.map((a) => op(a, { substitutions: substitutions.subs })), citations };
      return { operations: wholeWordings(printed, targets, op), citations };
    case 'replaced':
      return { operations: wholeWordings(printed, targets, op), citations };
    case 'inserted': {
      const quoted = quotedWordings(printed).filter((q) => q.article !== null);
      if (quoted.length) return { operations: quoted.map((q) => op(q.article, newWording(q))), citations };
      // `complété par un alinéa` after a plain `article 5`: paragraphs, not a new article.
      return completion(printed, before, op, citations);
    }
    case 'completed':
      return completion(printed, targets, op, citations);
    case 'abrogated':
      return { operations: (targets.length ? targets : [null]).map((a) => op(a)), citations };
    case 'renumbered': {
      const becomes = clause.search(/\bdevien(?:t|nent)\b/);
      const old = articlesBetween(articleRefs, 0, becomes);
      const renamed = articlesBetween(articleRefs, becomes, operative);
      return {
        operations: old.flatMap((a, i) => (renamed[i] ? [op(a, { newNumber: renamed[i] })] : [])),
        citations,
      };
    }
  }
}

type MakeOperation = (
  targetArticle: string | null,
  extra?: Partial<AmendmentOperation> & { kind?: AmendmentKind },
) => AmendmentOperation;

/** A quoted wording as an operation's new wording: its body, and its alinéas when several. */
function newWording(q: QuotedWording): Pick<AmendmentOperation, 'body' | 'paragraphs'> {
  return { body: q.body, ...(q.paragraphs.length > 1 ? { paragraphs: q.paragraphs } : {}) };
}

/** New wording of whole articles: under their quoted headings, else the one named article. */
function wholeWordings(printed: string, targets: string[], op: MakeOperation): AmendmentOperation[] {
  const quoted = quotedWordings(printed);
  if (quoted.every((q) => q.article !== null) && quoted.length)
    return quoted.map((q) => op(q.article, newWording(q)));
  if (targets.length === 1 && quoted.length === 1) return [op(targets[0]!, newWording(quoted[0]!))];
  return targets.map((a) => op(a, { confidence: 0.5 }));
}

function completion(
  printed: string,
  targets: string[],
  op: MakeOperation,
  citations: Citation[],
): { operations: AmendmentOperation[]; citations: Citation[] } {
  const quoted = quotedWordings(printed);
  // `complété ainsi qu'il suit : « Article 5. – … »`: the whole completed wording.
  if (quoted.length && quoted.every((q) => q.article !== null))
    return { operations: quoted.map((q) => op(q.article, { kind: 'amended', ...newWording(q) })), citations };
  const added = quoted[0] ? newWording(quoted[0]) : {};
  return {
    operations: targets.map((a) => op(a, { kind: 'completed', ...added })),
    citations,
  };
}

/** Words of a title that announce what the text does to the texts named after them. */
const TITLE_VERBS: readonly (readonly [RegExp, Citation['relation']])[] = [
  [/\babrogeant\b/, 'abrogates'],
  [/\b(?:modifiant|completant|modifiant et completant|portant modification)\b/, 'amends'],
];

/** Title-level links: `… modifiant et complétant la loi n° …`, `… abrogeant le décret n° …`. */
function readTitle(
  text: LegalText,
  antecedents: Antecedents,
): { citations: Citation[]; amended: CitedText[] } {
  const folded = foldKeepingLength(text.title);
  // A promulgating dahir's title describes the loi it promulgates: the loi carries those links.
  const end = text.promulgates ? Math.max(0, folded.search(/promulgation/)) || folded.length : folded.length;
  const citations: Citation[] = [];
  const amended: CitedText[] = [];
  for (const ref of findTextReferences(text.title.slice(0, end))) {
    if (ref.start === 0) continue;
    const resolved = antecedents.resolve(ref);
    if (!resolved) continue;
    const lead = folded.slice(0, ref.start);
    const verb = TITLE_VERBS.map(([re, relation]) => ({ relation, at: lead.search(re) }))
      .filter((v) => v.at >= 0)
      .sort((a, b) => b.at - a.at)[0];
    const relation = verb?.relation ?? 'cites';
    citations.push({ byArticle: null, relation, target: resolved.cited, targetArticle: null });
    if (relation !== 'cites') amended.push(resolved.cited);
  }
  return { citations, amended };
}

/** Visas and the promulgation clause: citations only, even `telle qu'elle a été modifiée`. */
function readPreamble(preamble: string, antecedents: Antecedents): Citation[] {
  const citations: Citation[] = [];
  for (const ref of findTextReferences(preamble)) {
    const resolved = antecedents.resolve(ref);
    if (resolved)
      citations.push({ byArticle: null, relation: 'cites', target: resolved.cited, targetArticle: null });
  }
  return citations;
}

const IN_FORCE = /(?:vigueur|effet|applicables?|appliquees?)[^.]{0,120}?a (?:compter|partir) du\s+/;

/** `… entre en vigueur à compter du 1er janvier 2003`: the date; null when none is set. */
export function readEntryIntoForce(bodies: readonly string[]): string | null {
  for (const body of bodies) {
    const folded = foldKeepingLength(body);
    const m = IN_FORCE.exec(folded);
    if (!m) continue;
    const date = parseFrenchDate(body.slice(m.index + m[0].length, m.index + m[0].length + 80));
    if (date?.gregorian && date.start === 0) return date.gregorian;
  }
  return null;
}

function sameCited(a: CitedText, b: CitedText): boolean {
  return a.type === b.type && a.number === b.number && a.date === b.date;
}

/**
 * Everything a French text says about other texts. Operations come from its articles;
 * a text that amends exactly one text by its title lets clauses omit the name.
 */
export function parseFrenchLinks(text: LegalText): TextLinks {
  const antecedents = new Antecedents();
  const citations = text.preamble ? readPreamble(text.preamble, antecedents) : [];
  const title = readTitle(text, antecedents);
  citations.push(...title.citations);
  const distinct = title.amended.filter((t, i) => title.amended.findIndex((u) => sameCited(t, u)) === i);
  const titleTarget = distinct.length === 1 ? distinct[0]! : null;
  const operations: AmendmentOperation[] = [];
  for (const article of text.articles) {
    const read = readArticle(article.body, { byArticle: article.number, antecedents, titleTarget });
    operations.push(...read.operations);
    citations.push(...read.citations);
  }
  return {
    textId: text.id,
    language: text.language,
    operations,
    citations,
    inForceFrom: readEntryIntoForce(text.articles.map((a) => a.body)),
  };
}
