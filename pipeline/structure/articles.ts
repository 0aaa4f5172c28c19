/**
 * Cuts the body of one text into articles: headings in every printed form
 * (`ARTICLE PREMIER. –`, `Article 2`, `Article2`, `ART. 3. –`, `Article 97 bis.`,
 * `Article unique`), the hierarchy above them (`Titre premier`, `Chapitre II`…), and the
 * end of the operative part (`Fait à Rabat, le …`, `Pour contreseing :`).
 */
import { canonicalArticleNumber, SUFFIXES } from '../ids.js';
import type { Article, Confidence } from '../model.js';
import { fold, matchPhrase, matchWord, readDigits } from './fuzzy.js';
import { type BodyLine, joinLines } from './lines.js';
import { type PageMargins, type ParagraphLine, pageMargins, splitParagraphs } from './paragraphs.js';

/** An article heading read at the start of a line. */
export interface ArticleHeading {
  /** Canonical number: `1`, `12-bis`, `unique`; {@link UNREAD_NUMBER} when OCR left no figure to read. */
  number: string;
  /** The heading as printed, without the dash: `ARTICLE PREMIER.`, `Article 97 bis`. */
  heading: string;
  /** What follows the heading on the same line: the start of the body. */
  rest: string;
  confidence: Confidence;
}

const SEPARATOR = /^\s*([.:])?\s*([–—-])?\s*/;

/**
 * The number of a heading whose figure OCR turned into a mark (`المادة ©` for `المادة 8`):
 * the sequence around it gives the number, or the line is taken for body text.
 */
export const UNREAD_NUMBER = '?';

/**
 * The article keyword at the start of a line; returns what follows it. Headings print it
 * capitalised: a line starting `article 47.` carries on a sentence that cites one
 * (`… dans la limite fixée audit` / `article 47.`).
 */
function readArticleKeyword(line: string): { rest: string; confidence: Confidence } | null {
  if (/^\p{Ll}/u.test(line)) return null;
  // `ART, 4.`: OCR reads the abbreviation's period as a comma on a degraded scan; `Art : 2 -` in a web copy.
  const art = /^(ART|Art)\s*[.,:]\s*/.exec(line);
  if (art) return { rest: line.slice(art[0].length), confidence: 1 };
  const token = /^\S+/.exec(line)?.[0] ?? '';
  // `Article2`, `ARTlCLE1O.`: the number glued to the keyword.
  const glued = /^(\D+?)\d[\dOolI]*(?:[.:–—-]|$)/.exec(token);
  if (glued) {
    const c = matchWord(glued[1]!, 'article');
    if (c > 0) return { rest: line.slice(glued[1]!.length), confidence: Math.min(c, 0.95) };
  }
  const word = token.replace(/[.:]+$/, '');
  if (fold(word) !== 'articles') {
    const c = matchWord(word, 'article');
    if (c > 0) return { rest: line.slice(token.length).trimStart(), confidence: c };
  }
  return null;
}

/** `premier`, `1er`, `unique`, `12`, `1O` (OCR) → the number as `canonicalArticleNumber` reads it. */
function readArticleNumberToken(token: string): { value: string; confidence: Confidence } | null {
  if (!token) return null;
  for (const word of ['premier', 'première']) {
    const c = matchWord(token, word);
    if (c > 0) return { value: 'premier', confidence: c };
  }
  const unique = matchWord(token, 'unique');
  if (unique > 0) return { value: 'unique', confidence: unique };
  const first = /^[1lI]er$/.exec(token);
  if (first) return { value: '1er', confidence: token === '1er' ? 1 : 0.8 };
  // `$` is a 5 in a bold heading OCR misread (`Article $1`).
  const digits = readDigits(token.replace(/\$/g, 'S'));
  if (!digits || token.length > 4) return null;
  return { value: digits.digits, confidence: digits.confidence };
}

/**
 * Reads an article heading at the start of a line. A heading is followed by a period, a
 * colon, a dash or the end of the line: `… de l'article 9 de la loi …` and a line starting
 * `Article 9 de la loi …` are citations, not headings; quoted new wording (`« Article 5. – …`)
 * belongs to the text it amends.
 */
export function readArticleHeading(line: string): ArticleHeading | null {
  // A speck before the heading (`à Article 166`, `. Article 3`): one mark, never a quote, which opens new wording.
  const speck = /^[\s]*[.,'’·•*_~|àa-]\s+(?=A(?:RT|rt))/.exec(line);
  const s = (speck ? line.slice(speck[0].length) : line).trim();
  // A speck after it (`Article 122 }`): a mark alone at the end of the line.
  const trimmed = s.replace(/\s+[}{|\][)'’"*•·,;_~^]+$/, '');
  const keyword = readArticleKeyword(trimmed);
  if (!keyword) return null;
  const numberToken = /^[^\s.:–—-]+/.exec(keyword.rest)?.[0] ?? '';
  const read = readArticleNumberToken(numberToken);
  if (!read) return null;
  let rest = keyword.rest.slice(numberToken.length);
  let raw = read.value;
  const suffix = /^\s+([a-z]+)\b/i.exec(rest);
  if (suffix && (SUFFIXES as readonly string[]).includes(suffix[1]!.toLowerCase())) {
    raw += ` ${suffix[1]!.toLowerCase()}`;
    rest = rest.slice(suffix[0].length);
  }
  // A consolidated copy's note on the heading: `ART. 2 (modifié par le dahir portant loi …)`.
  const note = CONSOLIDATION_NOTE.exec(rest)?.[0] ?? '';
  const sep = SEPARATOR.exec(rest.slice(note.length))!;
  const after = rest.slice(note.length + sep[0].length);
  if (!note && !sep[1] && !sep[2] && after && !opensSentence(keyword, read, after)) return null;
  // Letters read as digits (`Il`, `lO`) pass only with a separator: `Il est …` is prose.
  if (read.confidence < 0.7 && !sep[1] && !sep[2]) return null;
  const number = canonicalArticleNumber(raw);
  if (!number) return null;
  const printed = trimmed.slice(0, trimmed.length - rest.length + note.length).trim();
  const specks = speck !== null || trimmed !== s;
  return {
    number,
    heading: sep[1] === '.' ? `${printed}.` : printed,
    rest: after.trim(),
    confidence: Math.min(keyword.confidence, read.confidence, specks ? 0.8 : 1),
  };
}

/**
 * Whether the words after a heading with no separator open the article's first sentence
 * (`Article 2 La médecine est …`: web copies drop the dash): the keyword spelt whole, its
 * figure read clean, then a capitalised word and a word in lower case. A citation goes on in
 * lower case (`Article 9 de la loi …`), so it stays prose.
 */
function opensSentence(
  keyword: { confidence: Confidence },
  read: { confidence: Confidence },
  after: string,
): boolean {
  return keyword.confidence === 1 && read.confidence === 1 && /^\p{Lu}[\p{Ll}'’]*\s+\p{Ll}{2}/u.test(after);
}

/** A consolidation note after an article's number, to its closing parenthesis or the end of the line. */
const CONSOLIDATION_NOTE = /^\s*\((?:modi|abrog|compl|rempl|ajout|ins[eé]r)[^)]*(?:\)|$)/iu;

/** Levels of the hierarchy above articles, outermost first. */
const LEVELS = ['livre', 'partie', 'titre', 'chapitre', 'section', 'sous-section', 'paragraphe'] as const;

/** Also a Roman numeral as OCR reads it, its `I` taken for `l`, `T`, `1` or `|` (`Section IT`), when a true one is left. */
const LEVEL_NUMERAL =
  /^(?:[IVXLC]+|[IVXLClT1|]*[IVX][IVXLClT1|]*|\d+|premier|première|premiere|préliminaire|preliminaire|unique|1er|1re)$/i;

/** A hierarchy heading (`Titre premier`, `CHAPITRE II`, `Section 2. – …`): its level rank, or null. */
export function readHierarchyHeading(line: string): number | null {
  const s = line.trim();
  const m = /^(\S+)\s+([^\s.:–—-]+)(\s+(?:bis|ter))?(.*)$/.exec(s);
  if (!m || !/^\p{Lu}/u.test(s)) return null;
  const rank = LEVELS.findIndex((level) => matchWord(m[1]!, level) > 0);
  if (rank < 0 || !LEVEL_NUMERAL.test(m[2]!)) return null;
  const tail = m[4]!;
  return tail === '' || /^\s*[.:–—-]/.test(tail) ? rank : null;
}

/** Where a text's operative part ends: the signature block, or the note on the Arabic original. */
export function isTextEnd(line: string): boolean {
  const s = line.trim();
  return (
    matchPhrase(s, 'fait à') !== null ||
    matchPhrase(s, 'pour contreseing') !== null ||
    /^\p{Lu}[\p{L}' -]{1,30},\s+le\s+(?:1er|[\dlI]{1,2})\s/u.test(s) ||
    matchPhrase(s, 'le texte en langue arabe') !== null ||
    // The group heading of the texts that follow: a loi ends with no signature of its own.
    ['textes généraux', 'textes particuliers', 'avis et communications'].some(
      (group) => matchPhrase(s, group)?.length === s.length,
    )
  );
}

/** How an edition heads its articles and hierarchy and ends its texts. */
export interface ArticleGrammar {
  readArticleHeading(line: string): ArticleHeading | null;
  readHierarchyHeading(line: string): number | null;
  isTextEnd(line: string): boolean;
  /** The articles of another text whose new wording an article's body announces it quotes next, under their headings. */
  announcedArticles?(body: string): string[] | null;
}

/** The French edition's article grammar. */
export const FRENCH_ARTICLES: ArticleGrammar = { readArticleHeading, readHierarchyHeading, isTextEnd };

interface OpenArticle {
  heading: ArticleHeading;
  line: BodyLine;
  /** Body lines, the run-in rest of the heading first (placed on the heading's line). */
  body: ParagraphLine[];
  path: string[];
}

/** Articles of one text and what the parser doubted. */
export interface ParsedArticles {
  articles: Article[];
  warnings: string[];
}

/** Headings read with less confidence than this are reported. */
const WARN_BELOW = 0.75;

/**
 * Moves the article keyword a line ends with onto the next line when there it opens a heading
 * (`… Sni* to View Article` / `Premier : L'association …`): a copy flowed as one paragraph, or
 * OCR, breaks a heading at a line end. Lines the keyword leaves empty are dropped.
 */
export function rejoinBrokenHeadings<T extends { text: string }>(
  lines: readonly T[],
  grammar: ArticleGrammar = FRENCH_ARTICLES,
): T[] {
  const out: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const previous = out.at(-1);
    const keyword = previous && /(?:^|\s)(\S+)\s*$/.exec(previous.text);
    if (previous && keyword && !grammar.readArticleHeading(line.text)) {
      const joined = `${keyword[1]!} ${line.text.trim()}`;
      const heading = grammar.readArticleHeading(joined);
      if (heading && heading.confidence >= WARN_BELOW) {
        const left = previous.text.slice(0, keyword.index).trim();
        if (left) out[out.length - 1] = { ...previous, text: left };
        else out.pop();
        line = { ...line, text: joined };
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * Cuts the body lines of one text into articles. Lines before the first heading (recitals,
 * `DÉCRÈTE :`), hierarchy headings and everything after the signature belong to no
 * article. A plain number that breaks an otherwise regular sequence (`5, 9, 7`) is read as
 * the one the sequence needs, with a warning: OCR misreads digits more often than texts
 * skip them. `margins` (by default those of `lines`) place the columns' margins, against
 * which an indented line opens an alinéa: those of the whole issue see a column's margin
 * even where a text prints one indented line of it.
 */
export function parseTextArticles(
  lines: readonly BodyLine[],
  grammar: ArticleGrammar = FRENCH_ARTICLES,
  margins: PageMargins = pageMargins(lines),
): ParsedArticles {
  const opened: OpenArticle[] = [];
  const levels: (string | undefined)[] = [];
  let current: OpenArticle | null = null;
  // Headings still to come of the new wording the open article announced (`… تغير أو تتمم كما يلي :`).
  let quoted: string[] = [];
  const announced = (line: BodyLine) => {
    if (current && grammar.announcedArticles && /:\s*$/.test(line.text))
      // The announcing clause is within the article's last lines (a bound: repeated lines stay linear).
      quoted = grammar.announcedArticles(joinLines(current.body.slice(-8).map((l) => l.text))) ?? quoted;
  };
  for (const line of lines) {
    const heading = grammar.readArticleHeading(line.text);
    const inQuote = heading && current ? quoted.indexOf(heading.number) : -1;
    if (inQuote >= 0) {
      // The amended text's article, quoted: its wording belongs to the amending article.
      quoted = quoted.slice(inQuote + 1);
      current!.body.push(line);
      continue;
    }
    if (heading) {
      quoted = [];
      current = {
        heading,
        line,
        body: heading.rest ? [{ ...line, text: heading.rest }] : [],
        path: levels.filter((l) => l !== undefined),
      };
      opened.push(current);
      announced(line);
      continue;
    }
    const rank = grammar.readHierarchyHeading(line.text);
    if (rank !== null) {
      levels.length = rank;
      levels[rank] = line.text.trim();
      current = null;
    } else if (grammar.isTextEnd(line.text)) current = null;
    else current?.body.push(current.body.length ? line : withoutLeadingSeparator(line));
    announced(line);
  }
  const warnings: string[] = [];
  repairSequence(opened, warnings);
  const articles = withoutUnread(opened).map(({ heading, line, body, path }) => {
    if (heading.confidence < WARN_BELOW) {
      warnings.push(
        `article ${heading.number} p. ${line.page}: heading "${heading.heading}" read with low confidence`,
      );
    }
    const article: Article = {
      number: heading.number,
      heading: heading.heading,
      body: joinLines(body.map((l) => l.text)),
      paragraphs: splitParagraphs(body, margins),
      page: line.page,
      pageIndex: line.pageIndex,
      ...(line.bbox ? { bbox: line.bbox } : {}),
      ...(path.length ? { path } : {}),
    };
    return article;
  });
  const seen = new Set<string>();
  for (const a of articles) {
    if (seen.has(a.number)) warnings.push(`article ${a.number} appears twice (p. ${a.page})`);
    seen.add(a.number);
  }
  // A number the run of headings skips, found nowhere else in the text, is an article whose heading
  // OCR read into a body line; one read after a greater one sits out of order: neither unsaid.
  for (const [i, a] of articles.entries()) {
    const [before, here] = [plain(articles[i - 1]?.number), plain(a.number)];
    if (before === null || here === null) continue;
    if (here < before)
      warnings.push(`article ${here} read after article ${before} (p. ${a.page}): out of order`);
    if (here <= before + 1 || here > before + MAX_SKIPPED + 1) continue;
    const lost = Array.from({ length: here - before - 1 }, (_, k) => before + 1 + k).filter(
      (n) => !seen.has(String(n)),
    );
    if (lost.length > 0)
      warnings.push(
        `article${lost.length > 1 ? 's' : ''} ${lost.join(', ')} not found between ${before} and ${here} (p. ${a.page}): a heading may have been read into a body`,
      );
  }
  return { articles, warnings };
}

/**
 * The first line of an article whose heading stood alone, without the heading's separator that
 * OCR or a copy's layout wrapped onto it (`Article Premier` / `: L'association est …`).
 */
function withoutLeadingSeparator(line: BodyLine): BodyLine {
  const text = line.text.replace(/^\s*[.:]\s+/, '');
  return text && text !== line.text ? { ...line, text } : line;
}

/** A run of headings skipping more numbers than this is no article lost: a text printed in part, or another numbering. */
const MAX_SKIPPED = 3;

function plain(n: string | undefined): number | null {
  return n !== undefined && /^\d+$/.test(n) ? Number(n) : null;
}

function repairSequence(opened: OpenArticle[], warnings: string[]): void {
  for (let i = 1; i + 1 < opened.length; i++) {
    const before = plain(opened[i - 1]!.heading.number);
    const after = plain(opened[i + 1]!.heading.number);
    const here = opened[i]!.heading;
    if (before === null || after !== before + 2 || here.number === String(before + 1)) continue;
    if (plain(here.number) === null && here.number !== UNREAD_NUMBER) continue;
    warnings.push(`article read as ${here.number} between ${before} and ${after}: taken as ${before + 1}`);
    opened[i]!.heading = { ...here, number: String(before + 1), confidence: Math.min(here.confidence, 0.6) };
  }
  // The last heading of a regular run has nothing after it to settle a misread figure: it is kept, flagged.
  const [twoBefore, before, last] = opened.slice(-3).map((a) => plain(a.heading.number));
  if (twoBefore != null && before === twoBefore + 1 && last != null && last !== before + 1)
    warnings.push(
      `article read as ${last} after ${before}: the sequence would give ${before + 1}; kept as read`,
    );
  // A last heading whose figure OCR turned into a mark (`المادة ©`) follows the one before it.
  const [previous, end] = opened.slice(-2).map((a) => a.heading);
  if (end?.number === UNREAD_NUMBER && plain(previous?.number) !== null) {
    const number = String(plain(previous!.number)! + 1);
    warnings.push(`article read as ${UNREAD_NUMBER} after ${previous!.number}: taken as ${number}`);
    opened.at(-1)!.heading = { ...end, number, confidence: Math.min(end.confidence, 0.6) };
  }
}

/** Headings whose number stayed unread: their lines go back into the article before them. */
function withoutUnread(opened: OpenArticle[]): OpenArticle[] {
  const kept: OpenArticle[] = [];
  for (const article of opened) {
    if (article.heading.number !== UNREAD_NUMBER) kept.push(article);
    else kept.at(-1)?.body.push(article.line, ...article.body);
  }
  return kept;
}
