/**
 * Structure extraction for both editions: from the laid-out pages of one issue to its
 * bulletin record, its texts and their articles, with warnings where the parser was
 * unsure. Composed of masthead, sommaire, text-header and article parsers; what differs
 * between the French and Arabic editions is in their grammars (editions.ts).
 */
import { distance } from 'fastest-levenshtein';
import { bulletinId, fitsNumberSeries, textId } from '../ids.js';
import type { Article, IntakeRecord, LegalText, PageArtefact, ParsedBulletin } from '../model.js';
import { parseTextArticles, rejoinBrokenHeadings } from './articles.js';
import { type EditionGrammar, FRENCH_GRAMMAR, grammarOf } from './editions.js';
import { dropsFigures, matchPhrase, matchWord } from './fuzzy.js';
import { type BodyLine, bodyLines, joinLines, type PrintedPages, printedPages } from './lines.js';
import { readMasthead } from './masthead.js';
import { pageMargins } from './paragraphs.js';
import { pagesWithLetters } from './presentation-forms-ar.js';
import { findSommaire, type Sommaire } from './sommaire.js';
import { headerId, headerSpan, MAX_TITLE_LINES, type TextHeader } from './text-headers.js';

/** Header fields read with less confidence than this are reported. */
const WARN_BELOW = 0.75;

function isBoundary(line: string, g: EditionGrammar): boolean {
  return (
    g.readArticleHeading(line) !== null ||
    g.readHierarchyHeading(line) !== null ||
    g.readHeaderKeyword(line) !== null ||
    g.isTextEnd(line) ||
    g.isBodyMarker(line)
  );
}

/** The header starting at line `index`, with the number of lines it spans; null when none starts there. */
function headerAt(
  lines: readonly BodyLine[],
  index: number,
  g: EditionGrammar,
): { header: TextHeader; span: number } | null {
  const line = lines[index]!;
  if (!g.readHeaderKeyword(line.text)) return null;
  const texts = lines.slice(index, index + MAX_TITLE_LINES).map((l) => l.text);
  const span = headerSpan(texts, 0, (l) => isBoundary(l, g));
  const header = g.parseTextHeader(untilInlineBody(joinLines(texts.slice(0, span)), g));
  if (!header) return null;
  const previous = lines[index - 1];
  // A header never continues a sentence, but a page may end mid-sentence before one.
  const continues = previous && previous.pageIndex === line.pageIndex && !g.closesBlock(previous.text);
  const following = lines.slice(index, index + span + FOLLOWING_LINES).map((l) => l.text);
  if (
    continues &&
    !g.isUnmistakableHeader(line.text) &&
    !opensAfterOpenLine(header, previous.text, following, g) &&
    !sovereignFollows(header, lines[index + span]?.text)
  )
    return null;
  return { header, span };
}

/**
 * Whether a numbered header is followed at once by the sovereign's formula (`ظهير شريف رقم
 * 1.58.250 بسن قانون …` / `الحمد لله وحده`): a citation never is, so the line before it, however
 * open (an excerpt's lead-in, its issue note between dashes), does not make it one.
 */
function sovereignFollows(header: TextHeader, next: string | undefined): boolean {
  return header.number !== null && next !== undefined && opensWithRoyalFormula(next);
}

/** Where a sentence ends inside a line and the next may open a text's body. */
const SENTENCE_BREAK = /(?<=[.;:!?؛])\s+/gu;

/**
 * A header sentence without the body a copy flowed as one paragraph ran into its lines (`… relative
 * à l'exercice de médecine 1. LOUANGE A DIEU SEUL! (Grand Sceau …) Que l'on sache …`): it ends where
 * a clause after a sentence's end opens a body (the royal formula, `Vu …`, `DÉCRÈTE :`). What
 * follows is the text's first body line ({@link afterTitle}).
 */
function untilInlineBody(joined: string, g: EditionGrammar): string {
  for (const m of joined.matchAll(SENTENCE_BREAK)) {
    const at = m.index + m[0].length;
    if (g.isBodyMarker(joined.slice(at))) return joined.slice(0, at).trimEnd();
  }
  // The sovereign's formula opens a dahir's body even where no punctuation closed the title
  // before it (`… حق تأسيس الجمعيات الحمد لله وحده يعلم من ظهيرنا …`): a title never says it.
  for (const m of joined.matchAll(/\s+(?=\S)/gu)) {
    const at = m.index + m[0].length;
    if (opensWithRoyalFormula(joined.slice(at))) return joined.slice(0, m.index).trimEnd();
  }
  return joined;
}

/** The formula a dahir's body opens with, in either edition (`ﷲ` read as `الله` too). */
const ROYAL_FORMULA = ['louange à dieu', 'الحمد لله وحده', 'الحمد الله وحده'];

const opensWithRoyalFormula = (s: string): boolean => ROYAL_FORMULA.some((f) => matchPhrase(s, f));

/** Lines after a header within which the body of its text shows. */
const FOLLOWING_LINES = 6;

/** Where a clause starts: after punctuation and a space. */
const CLAUSE_START = /(?<=[.;:!?),])\s+/u;

/**
 * Whether the body of a text follows its header (a recital, the sovereign's formula, an article)
 * before another header does, in `texts` (the header's lines first): a table of contents, however
 * its entries run, lists headers one after another with nothing of a body between them.
 */
function bodyFollows(texts: readonly string[], g: EditionGrammar): boolean {
  const clauses = joinLines(texts).split(CLAUSE_START).slice(1);
  for (const clause of clauses) {
    if (g.isBodyMarker(clause) || g.readArticleHeading(clause)) return true;
    if (g.readHeaderKeyword(clause) && g.parseTextHeader(clause)?.signedOn) return false;
  }
  return false;
}

/**
 * Whether a header opens a text after a line that does not close: when it names its text in full
 * (its own number and signing date), that line does not lead into a citation, and a body follows;
 * or, with its number and no date, when an article heading follows.
 */
function opensAfterOpenLine(
  header: TextHeader,
  previous: string,
  following: readonly string[],
  g: EditionGrammar,
): boolean {
  if (header.number === null || LEADS_TO_CITATION.test(previous)) return false;
  // A loi is dated by the dahir that promulgates it (`قانون رقم 37.99 يتعلق بالحالة المدنية`): with
  // no date of its own, its first article heading must follow.
  return header.signedOn !== null
    ? bodyFollows(following, g)
    : following.slice(1).some((l) => g.readArticleHeading(l) !== null);
}

/**
 * The end of a line that leads into a citation of a text on the next (`… modifié par le` /
 * `Dahir n° …`). A full header followed by a body opens a text after any other line that does
 * not close: web copies print their own lines before headers (`General Texts`, `2 Attachments -
 * sign in to show`).
 */
const LEADS_TO_CITATION =
  /(?:(?:^|\s)(?:le|la|les|l['’]|du|de|des|d['’]|au|aux|par|et|ou|à|en|sur|vu|n°)|[,(«–—-])\s*$/iu;

/** One text found in the body: its header, where it starts and its body lines. */
interface FoundText {
  header: TextHeader;
  start: BodyLine;
  body: BodyLine[];
}

/** Texts of a body, each with its articles, and what the parser doubted. */
export interface ParsedTexts {
  texts: LegalText[];
  warnings: string[];
}

/** Confidence of a header whose number has a shape its series never prints (OCR added or lost digits). */
const OFF_SERIES_CONFIDENCE = 0.5;

/**
 * Splits body lines into texts at their headers and cuts each into articles. A dahir
 * promulgating a loi yields both texts, linked by `promulgates`; the loi is signed on the
 * dahir's date.
 */
export function parseTexts(
  body: readonly BodyLine[],
  bulletin: string,
  grammar: EditionGrammar = FRENCH_GRAMMAR,
): ParsedTexts {
  const joined = atInlineHeaders(rejoinBrokenHeadings(body, grammar), grammar);
  const lines =
    grammar.cutInlineArticles?.(joined) ?? joined.flatMap((line) => atInlineArticles(line, grammar));
  const found: FoundText[] = [];
  const unplaced: BodyLine[] = [];
  for (let i = 0; i < lines.length; ) {
    const at = headerAt(lines, i, grammar);
    if (at) {
      const rest = afterTitle(lines.slice(i, i + at.span), at.header.title);
      const { beside, ...header } = at.header;
      found.push({ header, start: lines[i]!, body: rest ? [rest] : [] });
      // A text set beside it, its title read across the columns: the bodies that follow, read
      // across them too, are kept with it, the last (both texts are flagged).
      if (beside) found.push({ header: beside, start: lines[i]!, body: [] });
      i += at.span;
    } else {
      (found.at(-1)?.body ?? unplaced).push(lines[i]!);
      i++;
    }
  }
  const warnings = unplacedWarnings(unplaced, bulletin, grammar);
  reconcilePromulgated(found, warnings);
  const texts: LegalText[] = [];
  const byId = new Map<string, LegalText>();
  const margins = pageMargins(lines);
  for (const { header, start, body } of found) {
    if (header.number && !fitsNumberSeries(header.type, header.number)) {
      header.notes.push(`n° ${header.number} is shaped as no number of its series: check it`);
      header.confidence = Math.min(header.confidence, OFF_SERIES_CONFIDENCE);
    }
    const parsed = parseTextArticles(body, grammar, margins);
    // Visas and the promulgation clause: the amendment stage reads citations there.
    const firstArticle = body.findIndex((l) => grammar.readArticleHeading(l.text) !== null);
    const preamble = joinLines(
      body.slice(0, firstArticle < 0 ? body.length : firstArticle).map((l) => l.text),
    );
    const id = ownId(header, parsed.articles, byId, start.page, warnings);
    // Nothing lost in silence: wording that reads as articles but was not cut (left in the preamble,
    // or in a title that ran on) is flagged.
    const left = parsed.articles.length
      ? null
      : grammar.headingLeftInBody?.([header.title, ...body.map((l) => l.text)]);
    if (left)
      warnings.push(
        `${id} p. ${start.page}: no article cut, though its text prints "${left}…": kept as read`,
      );
    warnings.push(...parsed.warnings.map((w) => `${id}: ${w}`), ...header.notes.map((n) => `${id}: ${n}`));
    if (header.confidence < WARN_BELOW)
      warnings.push(`${id} p. ${start.page}: header read with low confidence`);
    const existing = byId.get(id);
    if (existing) {
      warnings.push(`${id} found twice (p. ${existing.page} and p. ${start.page}): articles merged`);
      existing.articles.push(...parsed.articles);
      // A rectificatif's corrections are all preamble: a second part's are kept beside the first's.
      if (preamble) existing.preamble = existing.preamble ? `${existing.preamble}\n${preamble}` : preamble;
      continue;
    }
    const text: LegalText = {
      id,
      type: header.type,
      number: header.number,
      title: header.title,
      signedOn: header.signedOn,
      hijriDate: header.hijriDate,
      language: grammar.edition,
      bulletinId: bulletin,
      page: start.page,
      articles: parsed.articles,
      confidence: header.confidence,
      ...(preamble ? { preamble } : {}),
    };
    byId.set(id, text);
    texts.push(text);
    if (header.promulgates) {
      const loi = linkPromulgated(text, header.promulgates, byId, found, warnings, body);
      if (loi && loi.number === null)
        splitPreamble(text, loi, body.slice(0, firstArticle < 0 ? body.length : firstArticle), grammar);
      if (loi) {
        texts.push(loi);
        byId.set(loi.id, loi);
      }
    }
  }
  return { texts, warnings };
}

/** Where a text's header may open inside a line: after a sentence's end or a colon, and a space. */
const CLAUSE_END = /[.;:!?)»]\s+(?=\p{Lu})/gu;

/**
 * Lines a reprint ran texts' headers into (`… a) Nouveau gouvernement. Dahir nO 1-72-102 du 19
 * safar 1392 (4 avril 1972) mettant fin …`: an annual review or a web copy flowed as one
 * paragraph), cut before each header that opens after a sentence's end, reads with its signing
 * date (with the next line it may run onto) and is followed by a body: prose never opens a
 * sentence with a capitalised type and a date (it cites `le dahir n° … du …`), and a sommaire run
 * into one paragraph lists headers with no body between them.
 */
function atInlineHeaders(lines: readonly BodyLine[], g: EditionGrammar): BodyLine[] {
  return lines.flatMap((line, i) => {
    const after = lines
      .slice(i + 1, i + 1 + FOLLOWING_LINES)
      .filter((l) => l.pageIndex === line.pageIndex)
      .map((l) => l.text);
    const cuts = [...line.text.matchAll(CLAUSE_END)]
      .map((m) => m.index + m[0].length)
      .filter((at) => {
        const from = [line.text.slice(at), ...after];
        return g.parseTextHeader(joinLines(from.slice(0, 2)))?.signedOn && bodyFollows(from, g);
      });
    if (cuts.length === 0) return [line];
    return [0, ...cuts].map((at, k) => ({ ...line, text: line.text.slice(at, cuts[k]).trim() }));
  });
}

/**
 * Where an article heading may open inside a line: after a sentence's end, or after an enacting
 * formula and its colon, printed in capitals (`A DÉCIDÉ CE QUI SUIT : ARTICLE PREMIER. - …`,
 * `DÉCRÉTONS: ARTICLE PREMIER`), and a space.
 */
const SENTENCE_END = /(?:[.;!?)»]|(?<!\p{L})\p{Lu}{3,}\s*:)\s+(?=\S)/gu;

/** Where an article heading may open after a part or chapter heading run into its line: at any word. */
const WORD_START = /\s+(?=\S)/gu;

/**
 * A line a copy ran several articles into (`… des bénéfices. Article 2 : (Modifié …) Les
 * associations …`: a web reprint flowed as one paragraph), cut before each article heading that
 * follows a sentence's end, or that follows the title of a chapter opening the line (`Chapitre
 * premier Principes généraux … Article premier - Tout Marocain …`). A heading after a colon in
 * prose or a quote is new wording an amendment quotes, not an article of the text: it stays.
 */
function atInlineArticles(line: BodyLine, g: EditionGrammar): BodyLine[] {
  const opening = line.text.trim().split(/\s+/).slice(0, 2).join(' ');
  const at = g.readHierarchyHeading(opening) !== null ? WORD_START : SENTENCE_END;
  const cuts = [...line.text.matchAll(at)]
    .map((m) => m.index + m[0].length)
    .filter((cut) => g.readArticleHeading(line.text.slice(cut)) !== null);
  if (cuts.length === 0) return [line];
  return [0, ...cuts].map((cut, i) => ({ ...line, text: line.text.slice(cut, cuts[i]).trim() }));
}

/**
 * What the lines a header spans print after its title, as the text's first body line: a copy
 * flowed as one paragraph runs the royal formula and the first articles on (`… بما يأتي : الجزء
 * الأول … الفصل 1 …`), and it is the text's own wording. Null when the title takes them whole.
 */
function afterTitle(spanned: readonly BodyLine[], title: string): BodyLine | null {
  const joined = joinLines(spanned.map((l) => l.text));
  const at = joined.indexOf(title);
  if (at < 0) return null;
  // The period that closed the title is not the body's.
  const rest = joined
    .slice(at + title.length)
    .replace(/^\s*[.;؛]/u, '')
    .trim();
  return (rest.match(/\p{L}/gu)?.length ?? 0) >= MIN_LETTERS ? { ...spanned.at(-1)!, text: rest } : null;
}

/** Letters a line needs to be worth a warning when it lands in no text (not a rule, a star, a group heading). */
const MIN_LETTERS = 4;

/**
 * One warning per page whose lines came before any text header and so landed in no text or
 * article: a page continuing a text from a page the file does not hold, or a header missed.
 */
function unplacedWarnings(unplaced: readonly BodyLine[], bulletin: string, g: EditionGrammar): string[] {
  const byPage = new Map<number, BodyLine[]>();
  for (const line of unplaced) {
    if ((line.text.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS || g.isTextEnd(line.text)) continue;
    byPage.set(line.pageIndex, [...(byPage.get(line.pageIndex) ?? []), line]);
  }
  return [...byPage.values()].map(
    (lines) =>
      `${bulletin}: page ${lines[0]!.pageIndex} (p. ${lines[0]!.page}): ${lines.length} line${lines.length > 1 ? 's' : ''} before any text header, in no text or article ("${lines[0]!.text.slice(0, 40)}…")`,
  );
}

/**
 * A header's id; for a text without a number whose id an earlier text of the issue holds
 * (same type, date and title but for its figures: two décisions of one day, for two years),
 * the next free `-2`, `-3`… when its articles start again: it is another text, not the rest
 * of the first. A part without articles is the rest of the first (a rectificatif in two parts).
 */
function ownId(
  header: TextHeader,
  articles: readonly Article[],
  byId: ReadonlyMap<string, LegalText>,
  page: number,
  warnings: string[],
): string {
  const id = headerId(header);
  const first = byId.get(id);
  const startsAgain = articles[0]?.number === '1' || articles[0]?.number === 'unique';
  if (!first || header.number !== null || !startsAgain) return id;
  let n = 2;
  while (byId.has(`${id}-${n}`)) n++;
  warnings.push(
    `${id}-${n} p. ${page}: a second text of the type, date and title of ${id} (p. ${first.page}), its articles numbered anew: kept apart`,
  );
  return `${id}-${n}`;
}

/** Numbers this close are one number misread (a dropped, doubled or confused digit). */
const MISREAD_DISTANCE = 2;

/**
 * The loi right after a promulgating dahir is the one it promulgates. When only the loi's own
 * reading of its number has the shape of a loi number, the dahir's citation takes it;
 * otherwise, when the two readings differ by a misread digit or two, the loi takes the
 * dahir's, which the dahir's date and context vouch for.
 */
function reconcilePromulgated(found: FoundText[], warnings: string[]): void {
  found.forEach(({ header }, i) => {
    const cited = header.promulgates;
    const next = found[i + 1]?.header;
    if (!cited?.number || !next?.number || next.type !== cited.type || next.number === cited.number) return;
    if (fitsNumberSeries(next.type, next.number) && !fitsNumberSeries(cited.type, cited.number)) {
      warnings.push(
        `${textId(next.type, next.number)}: number read as n° ${cited.number} in its promulgating dahir, n° ${next.number} in its title`,
      );
      cited.number = next.number;
      return;
    }
    if (distance(next.number, cited.number) > MISREAD_DISTANCE) return;
    warnings.push(
      `${textId(cited.type, cited.number)}: number read as n° ${next.number} in its title, n° ${cited.number} in its promulgating dahir`,
    );
    next.number = cited.number;
    next.confidence = Math.min(next.confidence, 0.7);
  });
}

/**
 * Links a promulgating dahir to its loi. The loi's own header normally follows the dahir;
 * when it cannot be read, the loi is made from the dahir's citation of it and takes the
 * articles found after the promulgation clause. The Constitution and treaties, which a dahir
 * promulgates or publishes with no header of their own, are always made so. Returns the made
 * text, if any.
 */
function linkPromulgated(
  dahir: LegalText,
  cited: NonNullable<TextHeader['promulgates']>,
  byId: Map<string, LegalText>,
  found: readonly FoundText[],
  warnings: string[],
  body: readonly BodyLine[],
): LegalText | null {
  // The Constitution or a treaty, without a number of its own, is dated by its dahir.
  const id = textId(cited.type, cited.number, { signedOn: dahir.signedOn, title: cited.title });
  dahir.promulgates = id;
  const own = found.some((f) => f.header.type === cited.type && f.header.number === cited.number);
  // A loi cited without its number (`la loi n relative à …`: the copy dropped it).
  const unnumbered = cited.number === null && NUMBERED_TYPES.includes(cited.type);
  // A loi whose title line and articles are both missing is not in the file (a copy of the dahir alone).
  const absent =
    dahir.articles.length === 0 &&
    (cited.number !== null || (unnumbered && !namesInCapitals(body, cited.type)));
  if (own || byId.has(id) || absent) return null;
  // A loi has a title line of its own, which was missed; the Constitution and treaties never have one.
  if (cited.number !== null)
    warnings.push(`${id}: its title line was not found; made from the promulgating ${dahir.id}`);
  if (unnumbered)
    warnings.push(
      `${id}: the promulgating ${dahir.id} cites it with no number ("${cited.title.slice(0, 60)}…"): made from the dahir, kept without a number, for an archivist`,
    );
  const loi: LegalText = {
    ...dahir,
    id,
    type: cited.type,
    number: cited.number,
    title: cited.title,
    articles: dahir.articles,
    confidence: Math.min(dahir.confidence, cited.number === null && !unnumbered ? 1 : 0.6),
  };
  delete loi.promulgates;
  dahir.articles = [];
  return loi;
}

/** Types that always have a number of their own: cited without one, the copy lost it. */
const NUMBERED_TYPES: readonly string[] = ['loi', 'loi-organique', 'loi-cadre'];

/**
 * Whether a body prints a title in capitals opening with the type's word, its letters spaced out
 * or not (`L O I N R E L A T I V E A …`, `LOI N° … RELATIVE …`): the promulgated text's own title
 * line, run into the dahir's body.
 */
function namesInCapitals(body: readonly BodyLine[], type: string): boolean {
  return capitalsTitleAt(joinLines(body.map((l) => l.text)), type) >= 0;
}

/** Where `text` prints the type's word in capitals, its letters spaced out or not (`L O I`, `LOI`); -1 when nowhere. */
function capitalsTitleAt(text: string, type: string): number {
  const letters = [...type.split('-')[0]!.toUpperCase()];
  return text.search(new RegExp(`(?<!\\p{L})${letters.join(' ?')}(?!\\p{Ll})`, 'u'));
}

/**
 * The preamble of the Constitution or a treaty made from its dahir: the lines after the dahir's
 * signature from the one that names it (`LA CONSTITUTION`, `Accord entre …`); the dahir keeps
 * what comes before. When no line names it, both keep the whole.
 */
function splitPreamble(
  dahir: LegalText,
  made: LegalText,
  lines: readonly BodyLine[],
  g: EditionGrammar,
): void {
  const signed = lines.findIndex((l) => g.isTextEnd(l.text));
  const named = lines.findIndex((l, i) => {
    if (i <= signed) return false;
    const first = l.text.replace(/^(?:la|le|l['’])\s*/i, '').split(/\s+/)[0] ?? '';
    return matchWord(first, made.type) > 0;
  });
  const joined = joinLines(lines.map((l) => l.text));
  if (signed < 0 || named < 0) {
    // A copy flowed as one paragraph: the signature, then the title in capitals, inside lines.
    const end = [...joined.matchAll(SENTENCE_BREAK)]
      .map((m) => m.index + m[0].length)
      .find((at) => g.isTextEnd(joined.slice(at)));
    const title = end === undefined ? -1 : capitalsTitleAt(joined.slice(end), made.type);
    if (end === undefined || title < 0) return;
    setPreambles(dahir, made, joined.slice(0, end + title).trim(), joined.slice(end + title).trim());
    return;
  }
  const before = joinLines(lines.slice(0, named).map((l) => l.text));
  const after = joinLines(lines.slice(named).map((l) => l.text));
  setPreambles(dahir, made, before, after);
}

function setPreambles(dahir: LegalText, made: LegalText, before: string, after: string): void {
  if (before) dahir.preamble = before;
  else delete dahir.preamble;
  made.preamble = after;
}

/** A loi published after its promulgating dahir takes the dahir's dates. */
function datePromulgated(texts: readonly LegalText[]): void {
  for (const dahir of texts) {
    const loi = dahir.promulgates && texts.find((t) => t.id === dahir.promulgates);
    if (loi && loi.signedOn === null) {
      loi.signedOn = dahir.signedOn;
      loi.hijriDate = dahir.hijriDate;
    }
  }
}

/**
 * A text whose number the body and the sommaire read differently by a digit or two, or
 * with digits dropped (same type, same page or date, neither reading matched elsewhere) takes the sommaire's number
 * when only that reading has the shape of its series' numbers, or, both or neither having it,
 * when that reading is the longer one or was read more surely: OCR drops digits far more
 * often than it invents them, and the two printings are damaged independently.
 */
function repairFromSommaire(sommaire: Sommaire, texts: LegalText[], warnings: string[]): void {
  const listed = new Set(sommaire.entries.map((e) => e.textId));
  for (const { header, textId: listedId, page } of sommaire.entries) {
    if (!header?.number || !listedId || texts.some((t) => t.id === listedId)) continue;
    const near = texts.filter(
      (t) =>
        t.number !== null &&
        t.type === header.type &&
        !listed.has(t.id) &&
        (t.page === page || (t.signedOn !== null && t.signedOn === header.signedOn)) &&
        (distance(t.number, header.number!) <= MISREAD_DISTANCE || dropsFigures(t.number, header.number!)),
    );
    const text = near.length === 1 ? near[0]! : null;
    if (!text) continue;
    // A reading shaped as a number of its series wins over one that is not; else the longer or surer one.
    const fits = fitsNumberSeries(header.type, header.number);
    if (fits !== fitsNumberSeries(text.type, text.number!)) {
      if (!fits) continue;
    } else if (
      header.number.length <= text.number!.length &&
      (header.number.length < text.number!.length || header.confidence <= text.confidence)
    )
      continue;
    warnings.push(
      `${listedId}: number read as n° ${text.number} in the body, n° ${header.number} in the sommaire`,
    );
    for (const other of texts) if (other.promulgates === text.id) other.promulgates = listedId;
    text.id = listedId;
    text.number = header.number;
    text.confidence = Math.min(text.confidence, 0.7);
  }
}

/**
 * A text whose number still has a shape its series never prints once the sommaire had its say
 * was damaged by OCR (`Dahir nº 1-20-60` read `n2 1-20-60`: `2`): it takes the id of a text
 * without a number, never a wrong short one, and the number read goes to an archivist.
 */
function withoutOffSeriesNumbers(texts: LegalText[], warnings: string[]): void {
  for (const text of texts) {
    if (text.number === null || fitsNumberSeries(text.type, text.number)) continue;
    // Arabic copies on the web print `1.74.331` backwards (`331-74-1`) when the bidi order is lost.
    const reversed = text.number.split('-').reverse().join('-');
    const number = text.language === 'ar' && fitsNumberSeries(text.type, reversed) ? reversed : null;
    const id = textId(text.type, number, { signedOn: text.signedOn, title: text.title });
    warnings.push(
      number
        ? `${id} p. ${text.page}: n° ${text.number} as read is shaped as no number of its series, but read backwards is one: taken as n° ${number}`
        : `${id} p. ${text.page}: n° ${text.number} as read is shaped as no number of its series: kept under the id of a text without a number, for an archivist`,
    );
    for (const other of texts) if (other.promulgates === text.id) other.promulgates = id;
    text.id = id;
    text.number = number;
  }
}

function crossCheck(sommaire: Sommaire, texts: readonly LegalText[]): string[] {
  const warnings: string[] = [];
  for (const entry of sommaire.entries) {
    if (!entry.textId) continue;
    const text = texts.find((t) => t.id === entry.textId);
    if (!text)
      warnings.push(`${entry.textId}: the sommaire lists it at p. ${entry.page}, not found in the body`);
    else if (text.page !== entry.page) {
      warnings.push(`${entry.textId}: the sommaire lists it at p. ${entry.page}, found at p. ${text.page}`);
    }
  }
  return warnings;
}

/** First and last printed page of the pages whose number was settled ({@link printedPages}). */
function pageRange(numbering: PrintedPages): [number | null, number | null] {
  const printed = [...numbering.numbers.values()];
  return printed.length ? [Math.min(...printed), Math.max(...printed)] : [null, null];
}

/**
 * Structure extraction of one issue of either edition (told apart by the script of its
 * pages): masthead (issue number, dates), sommaire (skipped, cross-checked), texts (type,
 * number, dates, title, promulgation links) and their articles with page provenance. A
 * file whose pages and name give no issue number is kept under an unidentified issue.
 *
 * @throws UnreadableMastheadError when the file has no pages.
 */
export function parseBulletin(artefacts: PageArtefact[], record: IntakeRecord): ParsedBulletin {
  // Letters stored as Arabic presentation forms (a Word or web copy's layer) read as letters.
  const { pages, notes: formNotes } = pagesWithLetters(artefacts);
  const masthead = readMasthead(pages, record);
  const key = {
    edition: masthead.edition,
    number: masthead.number,
    ...(masthead.suffix ? { suffix: masthead.suffix } : {}),
  };
  const id = bulletinId(key);
  const grammar = grammarOf(masthead.edition);
  const read = printedPages(pages);
  const readLines = bodyLines(pages, read.numbers);
  const [readFirst, readLast] = pageRange(read);
  const sommaire = findSommaire(readLines, {
    grammar,
    isHeaderStart: (all, index) => headerAt(all, index, grammar) !== null,
    isBodyEvidence: (line) => grammar.readArticleHeading(line) !== null || grammar.isBodyMarker(line),
    // The first page carries no running header: allow the page before the first found, and
    // some slack after the last so that a wrong sommaire page is still read and reported.
    isPageNumber: (n) =>
      readFirst === null || readLast === null || (n >= readFirst - 1 && n <= readLast + 50),
  });
  // Too few pages to agree on their numbering: the pages the sommaire lists may settle it.
  const settled =
    sommaire && !read.agreed
      ? printedPages(
          pages,
          sommaire.entries.map((e) => e.page),
        )
      : read;
  const pageNumbers = settled.agreed ? settled : read;
  // The same lines in the same order: only their page numbers change.
  const lines = pageNumbers === read ? readLines : bodyLines(pages, pageNumbers.numbers);
  const [firstPage, lastPage] = pageRange(pageNumbers);
  const parsed = parseTexts(sommaire ? lines.slice(sommaire.end) : lines, id, grammar);
  datePromulgated(parsed.texts);
  if (sommaire) repairFromSommaire(sommaire, parsed.texts, parsed.warnings);
  withoutOffSeriesNumbers(parsed.texts, parsed.warnings);
  return {
    bulletin: {
      ...key,
      id,
      date: masthead.date,
      hijriDate: masthead.hijriDate,
      firstPage,
      lastPage,
      pageCount: pages.length,
      sourceSha256: record.sha256,
    },
    texts: parsed.texts,
    warnings: [
      ...[...masthead.warnings, ...pageNumbers.repairs].map((w) => `${id}: ${w}`),
      ...formNotes.map((n) => `${id} ${n}`),
      ...(sommaire ? crossCheck(sommaire, parsed.texts) : []),
      ...(sommaire?.cut
        ? [
            `${id}: the sommaire's last entry ends with the file, before its page: "${sommaire.cut}" (not taken for a text)`,
          ]
        : []),
      ...parsed.warnings,
    ],
    pages: [...pageNumbers.headers].map(([pageIndex, header]) => ({
      pageIndex,
      printedPage: pageNumbers.numbers.get(pageIndex) ?? null,
      issueNumber: header.number,
      date: header.date?.gregorian ?? null,
      hijriDate: header.date?.hijriText ?? null,
    })),
  };
}
