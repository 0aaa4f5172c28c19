/**
 * What the structure parser needs to know about an edition's wording, in one object per
 * edition: the rest of the parser (texts, articles, sommaire) is shared.
 */
import { type ParsedDate, parseArabicDate, parseFrenchDate } from '../dates.js';
import type { Confidence, Edition, TextType } from '../model.js';
import { type ArticleGrammar, FRENCH_ARTICLES } from './articles.js';
import { isTextEndAr, readArticleHeadingAr, readHierarchyHeadingAr } from './articles-ar.js';
import { matchWord } from './fuzzy.js';
import { announcedArticlesAr, cutInlineArticlesAr, headingLeftInBodyAr } from './inline-articles-ar.js';
import {
  closesBlock,
  isBodyMarker,
  parseTextHeader,
  readHeaderKeyword,
  type TextHeader,
} from './text-headers.js';
import {
  closesBlockAr,
  isBodyMarkerAr,
  isUnmistakableHeaderAr,
  parseTextHeaderAr,
  readHeaderKeywordAr,
} from './text-headers-ar.js';

/** An edition's headers, articles, body openings, sommaire title and dates. */
export interface EditionGrammar extends ArticleGrammar {
  edition: Edition;
  /** The type keyword opening a header line, or null. */
  readHeaderKeyword(line: string): { type: TextType; length: number; confidence: Confidence } | null;
  parseTextHeader(title: string): TextHeader | null;
  /** Whether the line before a header closes what came before (headers never continue a sentence). */
  closesBlock(previous: string): boolean;
  /**
   * Whether a line is worded as only a header is, so that it opens a text even after a line
   * that does not close (one whose closing punctuation OCR lost).
   */
  isUnmistakableHeader(line: string): boolean;
  /** Whether a line opens the body of a text (recitals, enacting words). */
  isBodyMarker(line: string): boolean;
  /** Whether a line is the sommaire's title (`SOMMAIRE`, `فهرس`). */
  isSommaireStart(line: string): boolean;
  parseDate(text: string): ParsedDate | null;
  /** Lines a copy ran articles into, cut at the headings inside them (by default, the French edition's rule in parse-bulletin). */
  cutInlineArticles?<T extends { text: string }>(lines: readonly T[]): T[];
  /** The first article-heading-looking words of a body that yielded no article, or null. */
  headingLeftInBody?(lines: readonly string[]): string | null;
}

/** Whether a line's first word is `word`; tokens without a letter before it (a speck, a stray figure) are skipped. */
function startsWithWord(line: string, word: string, edits?: number): boolean {
  const first =
    line
      .trim()
      .split(/\s+/)
      .find((token) => /\p{L}/u.test(token)) ?? '';
  return matchWord(first, word, edits) > 0;
}

/**
 * `فهرس` alone on its line (two tokens at most: a speck read as `1` may precede it). Alone, the short title may take one OCR edit
 * (`فهرسن`, a stray letter): missing it would read every entry of the sommaire as a text.
 */
function isSommaireStartAr(line: string): boolean {
  return line.trim().split(/\s+/).length <= 2 && startsWithWord(line, 'فهرس', 1);
}

export const FRENCH_GRAMMAR: EditionGrammar = {
  ...FRENCH_ARTICLES,
  edition: 'fr',
  readHeaderKeyword,
  parseTextHeader,
  closesBlock,
  isUnmistakableHeader: () => false,
  isBodyMarker,
  isSommaireStart: (line) => startsWithWord(line, 'sommaire'),
  parseDate: parseFrenchDate,
};

export const ARABIC_GRAMMAR: EditionGrammar = {
  edition: 'ar',
  readArticleHeading: readArticleHeadingAr,
  readHierarchyHeading: readHierarchyHeadingAr,
  isTextEnd: isTextEndAr,
  readHeaderKeyword: readHeaderKeywordAr,
  parseTextHeader: parseTextHeaderAr,
  closesBlock: closesBlockAr,
  isUnmistakableHeader: isUnmistakableHeaderAr,
  isBodyMarker: isBodyMarkerAr,
  isSommaireStart: isSommaireStartAr,
  parseDate: parseArabicDate,
  announcedArticles: announcedArticlesAr,
  cutInlineArticles: cutInlineArticlesAr,
  headingLeftInBody: headingLeftInBodyAr,
};

/** The grammar of an edition. */
export function grammarOf(edition: Edition): EditionGrammar {
  return edition === 'ar' ? ARABIC_GRAMMAR : FRENCH_GRAMMAR;
}
