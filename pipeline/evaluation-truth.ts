/**
 * Ground truth as the evaluation reads it: what a perfect pipeline would extract from one
 * issue. The fixture generator writes it beside each issue (`DIR/truth/<bulletinId>.json`);
 * `jarida eval` scores against it (evaluation.ts).
 */
import type { AmendmentKind, Bulletin, LegalText } from './model.js';

export interface TruthArticle {
  /** Canonical number: `1`, `3-bis`. */
  number: string;
  /** Heading as printed. */
  heading: string;
  /** Body as printed, lines joined with single spaces (hyphenated line ends re-joined). */
  body: string;
  /** Its alinéas and items as printed, each joined as `body` is (absent in truth written before alinéas). */
  paragraphs?: string[];
  /** Printed page where the article heading is. */
  page: number;
}

/** A text as printed; `page` is the printed page where it starts. */
export interface TruthText
  extends Pick<
    LegalText,
    'id' | 'type' | 'number' | 'title' | 'signedOn' | 'hijriDate' | 'page' | 'promulgates'
  > {
  articles: TruthArticle[];
}

export interface TruthPage {
  /** 1-based index of the page in the file. */
  index: number;
  printedPage: number;
  /** Every line of the page in reading order (masthead, running header, column 1, column 2), joined by `\n`. */
  text: string;
}

export interface BulletinTruth {
  bulletin: Omit<Bulletin, 'sourceSha256'>;
  texts: TruthText[];
  pages: TruthPage[];
  /** Amendments the texts of this issue make (fixtures with amendment chains). */
  amendments?: TruthAmendment[];
  /** Every version of the articles of texts first published in this issue that later texts amend. */
  versions?: TruthTextVersions[];
}

/** One amendment link: an article of an amending text changes an article (or the whole) of a target. */
export interface TruthAmendment {
  byTextId: string;
  byArticle: string;
  kind: AmendmentKind;
  targetTextId: string;
  /** Null when the whole text is targeted (abrogation of a text). */
  targetArticle: string | null;
}

/** One period of an article's wording; `body` null once abrogated. */
export interface TruthVersion {
  article: string;
  validFrom: string;
  validTo: string | null;
  body: string | null;
  introducedBy: string | null;
}

export interface TruthTextVersions {
  textId: string;
  versions: TruthVersion[];
}
