/**
 * Structure extraction for the French edition: from the laid-out pages of one issue to
 * its bulletin record, its texts and their articles, with warnings where the parser was
 * unsure. Composed of masthead, sommaire, text-header and article parsers.
 */
import { distance } from 'fastest-levenshtein';
import { bulletinId, textId } from '../ids.js';
import type { IntakeRecord, LegalText, PageArtefact, ParsedBulletin } from '../model.js';
import { isTextEnd, parseTextArticles, readArticleHeading, readHierarchyHeading } from './articles.js';
import { type BodyLine, bodyLines, joinLines } from './lines.js';
import { readMasthead, readPrintedPage } from './masthead.js';
import { findSommaire, type Sommaire } from './sommaire.js';
import {
  closesBlock,
  headerId,
  headerSpan,
  isBodyMarker,
  MAX_TITLE_LINES,
  parseTextHeader,
  readHeaderKeyword,
  type TextHeader,
} from './text-headers.js';

/** Header fields read with less confidence than this are reported. */
const WARN_BELOW = 0.75;

function isBoundary(line: string): boolean {
  return (
    readArticleHeading(line) !== null ||
    readHierarchyHeading(line) !== null ||
    readHeaderKeyword(line) !== null ||
    isTextEnd(line)
  );
}

/** The header starting at line `index`, with the number of lines it spans; null when none starts there. */
function headerAt(lines: readonly BodyLine[], index: number): { header: TextHeader; span: number } | null {
  const line = lines[index]!;
  if (!readHeaderKeyword(line.text)) return null;
  const previous = lines[index - 1];
  // A header never continues a sentence, but a page may end mid-sentence before one.
  if (previous && previous.pageIndex === line.pageIndex && !closesBlock(previous.text)) return null;
  const texts = lines.slice(index, index + MAX_TITLE_LINES).map((l) => l.text);
  const span = headerSpan(texts, 0, isBoundary);
  const header = parseTextHeader(joinLines(texts.slice(0, span)));
  return header ? { header, span } : null;
}

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

/**
 * Splits body lines into texts at their headers and cuts each into articles. A dahir
 * promulgating a loi yields both texts, linked by `promulgates`; the loi is signed on the
 * dahir's date.
 */
export function parseTexts(lines: readonly BodyLine[], bulletin: string): ParsedTexts {
  const found: FoundText[] = [];
  for (let i = 0; i < lines.length; ) {
    const at = headerAt(lines, i);
    if (at) {
      found.push({ header: at.header, start: lines[i]!, body: [] });
      i += at.span;
    } else {
      found.at(-1)?.body.push(lines[i]!);
      i++;
    }
  }
  const warnings: string[] = [];
  reconcilePromulgated(found, warnings);
  const texts: LegalText[] = [];
  const byId = new Map<string, LegalText>();
  for (const { header, start, body } of found) {
    const id = headerId(header);
    const parsed = parseTextArticles(body);
    warnings.push(...parsed.warnings.map((w) => `${id}: ${w}`), ...header.notes.map((n) => `${id}: ${n}`));
    if (header.confidence < WARN_BELOW)
      warnings.push(`${id} p. ${start.page}: header read with low confidence`);
    const existing = byId.get(id);
    if (existing) {
      warnings.push(`${id} found twice (p. ${existing.page} and p. ${start.page}): articles merged`);
      existing.articles.push(...parsed.articles);
      continue;
    }
    const text: LegalText = {
      id,
      type: header.type,
      number: header.number,
      title: header.title,
      signedOn: header.signedOn,
      hijriDate: header.hijriDate,
      language: 'fr',
      bulletinId: bulletin,
      page: start.page,
      articles: parsed.articles,
      confidence: header.confidence,
    };
    byId.set(id, text);
    texts.push(text);
    if (header.promulgates) {
      const loi = linkPromulgated(text, header.promulgates, byId, found, warnings);
      if (loi) {
        texts.push(loi);
        byId.set(loi.id, loi);
      }
    }
  }
  return { texts, warnings };
}

/** Numbers this close are one number misread (a dropped, doubled or confused digit). */
const MISREAD_DISTANCE = 2;

/**
 * The loi right after a promulgating dahir is the one it promulgates: when the two readings
 * of its number differ by a misread digit or two, the loi takes the dahir's, which the
 * dahir's date and context vouch for.
 */
function reconcilePromulgated(found: FoundText[], warnings: string[]): void {
  found.forEach(({ header }, i) => {
    const cited = header.promulgates;
    const next = found[i + 1]?.header;
    if (!cited || !next?.number || next.type !== cited.type || next.number === cited.number) return;
    if (distance(next.number, cited.number) > MISREAD_DISTANCE) return;
    warnings.push(
      `${next.type} n° ${next.number} read as n° ${cited.number}, the number its promulgating dahir gives`,
    );
    next.number = cited.number;
    next.confidence = Math.min(next.confidence, 0.7);
  });
}

/**
 * Links a promulgating dahir to its loi. The loi's own header normally follows the dahir;
 * when it cannot be read, the loi is made from the dahir's citation of it and takes the
 * articles found after the promulgation clause. Returns that made-up loi, if any.
 */
function linkPromulgated(
  dahir: LegalText,
  cited: NonNullable<TextHeader['promulgates']>,
  byId: Map<string, LegalText>,
  found: readonly FoundText[],
  warnings: string[],
): LegalText | null {
  const id = textId(cited.type, cited.number);
  dahir.promulgates = id;
  const own = found.some((f) => f.header.type === cited.type && f.header.number === cited.number);
  if (own || byId.has(id)) return null;
  warnings.push(`${id}: its title line was not found; made from the promulgating ${dahir.id}`);
  const loi: LegalText = {
    ...dahir,
    id,
    type: cited.type,
    number: cited.number,
    title: cited.title,
    articles: dahir.articles,
    confidence: Math.min(dahir.confidence, 0.6),
  };
  delete loi.promulgates;
  dahir.articles = [];
  return loi;
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

function crossCheck(sommaire: Sommaire, texts: readonly LegalText[]): string[] {
  const warnings: string[] = [];
  for (const entry of sommaire.entries) {
    if (!entry.textId) continue;
    const text = texts.find((t) => t.id === entry.textId);
    if (!text) warnings.push(`sommaire lists ${entry.textId} at p. ${entry.page}: not found in the body`);
    else if (text.page !== entry.page) {
      warnings.push(`sommaire lists ${entry.textId} at p. ${entry.page}: found at p. ${text.page}`);
    }
  }
  return warnings;
}

/**
 * Structure extraction of one French issue: masthead (issue number, dates), sommaire
 * (skipped, cross-checked), texts (type, number, dates, title, promulgation links) and
 * their articles with page provenance.
 *
 * @throws UnreadableMastheadError when no issue number can be read from the pages or the file name.
 * @throws UnsupportedEditionError when the pages are not the French edition.
 */
export function parseBulletin(pages: PageArtefact[], record: IntakeRecord): ParsedBulletin {
  const masthead = readMasthead(pages, record);
  const key = {
    edition: masthead.edition,
    number: masthead.number,
    ...(masthead.suffix ? { suffix: masthead.suffix } : {}),
  };
  const id = bulletinId(key);
  const lines = bodyLines(pages);
  const printed = pages.map((p) => p.printedPage ?? readPrintedPage(p.header)).filter((n) => n !== null);
  const firstPage = printed.length ? Math.min(...printed) : null;
  const lastPage = printed.length ? Math.max(...printed) : null;
  const sommaire = findSommaire(lines, {
    isHeaderStart: (all, index) => headerAt(all, index) !== null,
    isBodyEvidence: (line) => readArticleHeading(line) !== null || isBodyMarker(line),
    // The first page carries no running header: allow the page before the first found, and
    // some slack after the last so that a wrong sommaire page is still read and reported.
    isPageNumber: (n) =>
      firstPage === null || lastPage === null || (n >= firstPage - 1 && n <= lastPage + 50),
  });
  const parsed = parseTexts(sommaire ? lines.slice(sommaire.end) : lines, id);
  datePromulgated(parsed.texts);
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
      ...masthead.warnings,
      ...(sommaire ? crossCheck(sommaire, parsed.texts) : []),
      ...parsed.warnings,
    ],
  };
}
