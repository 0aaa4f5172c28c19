/**
 * The domain model of jarida: the artefacts each pipeline stage reads and writes.
 *
 * Flow: file → {@link IntakeRecord} → {@link PageArtefact}[] → {@link ParsedBulletin}
 * → store records. Every artefact is plain JSON so it can be kept beside the page
 * images in the data directory and any stage re-run from it.
 */

/** `fr`: édition de traduction officielle; `ar`: the general (authentic) edition. */
export type Edition = 'fr' | 'ar';
/** Language of an expression of a text; same codes as editions. */
export type Language = Edition;
/** Tesseract language codes used for OCR. */
export type OcrLanguage = 'fra' | 'ara';

/** What intake learns about an input file before any page is read. */
export interface IntakeRecord {
  /** sha256 of the file's bytes, hex: the file's identity (dedup, artefact paths). */
  sha256: string;
  /** Sniffed from the bytes, never from the extension. */
  mediaType: 'application/pdf' | 'image/tiff' | 'image/png' | 'image/jpeg';
  fileName: string;
  byteLength: number;
  /** Edition, number and suffix guessed from the file name; the pages win over it. */
  guess: Partial<BulletinKey>;
}

/** What identifies an issue: edition + number (+ suffix), never the number alone. */
export interface BulletinKey {
  edition: Edition;
  /** Issue number as printed, digits only: `6280`. */
  number: string;
  /** `bis`, `ter`, `quater`… */
  suffix?: string;
}

/** Axis-aligned box in fractions of the page's width and height (0..1), origin top-left. */
export interface BoundingBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One line of text on a page, in reading order once layout has run. */
export interface TextLine {
  text: string;
  bbox: BoundingBox;
  /** 0..1; 1 for a trusted text layer. */
  confidence: number;
  /** Column index from layout (0 = first in reading order); undefined before layout. */
  column?: number;
}

/** A page as read (text layer or OCR) and laid out: the input of structure extraction. */
export interface PageArtefact {
  /** 1-based index of the page in its file. */
  index: number;
  /** Page number printed in the running header, when found (page numbers run on across a year). */
  printedPage?: number;
  source: 'text-layer' | 'ocr';
  /** Mean confidence 0..1. */
  confidence: number;
  /** Rendered or embedded image size in pixels (for OCR'd pages) or points (text layer). */
  width: number;
  height: number;
  language: OcrLanguage;
  /** Body lines in reading order, running header and footer removed. */
  lines: TextLine[];
  /** Running header lines, kept apart: they carry the issue number and printed page. */
  header: TextLine[];
  /** How the page's text layer was judged, when it had one (trusted → source `text-layer`). */
  textLayer?: TextLayerTriage;
  /** What went wrong reading the page without failing its file (`PAGE_UNREADABLE`). */
  warnings?: PageWarning[];
  /** Set on a page read again for reading far below the other pages of its file: their median confidence (pipeline/page-rereading.ts). */
  peerConfidence?: number;
}

/** A page kept despite a problem, flagged for an archivist: a stable code and what happened. */
export interface PageWarning {
  code: string;
  message: string;
}

/** The verdict of text-layer triage and the figures it was made from. */
export interface TextLayerTriage {
  /** 0..1. */
  score: number;
  trusted: boolean;
  /** Named ratios (0..1) and counts behind the score. */
  figures: Record<string, number>;
}

/** Types of legal texts, as slugs used in identifiers. */
export const TEXT_TYPES = [
  'dahir',
  'dahir-portant-loi',
  'loi',
  'loi-organique',
  'loi-cadre',
  'decret',
  'decret-loi',
  'arrete',
  'arrete-conjoint',
  'decision',
  'circulaire',
  'avis',
  'rectificatif',
  // Texts a dahir promulgates or publishes without a number of their own (BO-FORMAT.md).
  'constitution',
  'convention',
  'accord',
  'protocole',
] as const;
export type TextType = (typeof TEXT_TYPES)[number];

/** An issue of the Bulletin officiel, as read from its masthead and running headers. */
export interface Bulletin extends BulletinKey {
  /** `bo-fr-6280`, `bo-ar-2404-bis`. */
  id: string;
  /** Gregorian publication date, ISO `YYYY-MM-DD`. */
  date: string | null;
  /** Hijri date as printed: `10 chaoual 1435`. */
  hijriDate: string | null;
  /** Printed page range (page numbers run on across a year). */
  firstPage: number | null;
  lastPage: number | null;
  pageCount: number;
  /** sha256 of the file it was read from. */
  sourceSha256: string;
}

/** One article of a text, with where it was printed. */
export interface Article {
  /** Canonical article number: `1`, `12-bis`, `unique`. */
  number: string;
  /** The heading as printed: `ARTICLE PREMIER.`, `Article 3 bis`. */
  heading: string;
  body: string;
  /**
   * Its alinéas and enumerated items (`1°`, `a)`, `-`) in order, each its own entry, as
   * printed; joined by spaces they read as `body`. Absent only where read before alinéas were.
   */
  paragraphs?: string[];
  /** Printed page number where the article starts (falls back to the page index in its file). */
  page: number;
  /** Page index in the file and bounding box of the heading line, for highlighting. */
  pageIndex: number;
  bbox?: BoundingBox;
  /** Headings above it: `Titre premier`, `Chapitre II`… */
  path?: string[];
}

/** How sure a parser is of a field: 1 = matched exactly, lower when near-misses were accepted. */
export type Confidence = number;

/** One legal text (dahir, loi, décret, arrêté…) as published in one edition. */
export interface LegalText {
  /** `dahir-1-58-376`, `loi-09-08`; unnumbered: `{type}-{yyyy-mm-dd}-{hash}`. */
  id: string;
  type: TextType;
  /** Canonical number in hyphen form: `1-58-376`, `09-08`; null when the text has none. */
  number: string | null;
  title: string;
  /** Gregorian signature date, ISO; null when not found. */
  signedOn: string | null;
  /** Hijri date as printed. */
  hijriDate: string | null;
  language: Language;
  bulletinId: string;
  /** Printed page (or page index) where the text starts. */
  page: number;
  articles: Article[];
  /** Id of the text this one promulgates (a dahir promulgating a loi). */
  promulgates?: string;
  /** What precedes the first article (visas, promulgation clause), lines joined: where citations are read. */
  preamble?: string;
  /** Overall confidence of the header parse. */
  confidence: Confidence;
}

/** Result of structure extraction for one issue. */
export interface ParsedBulletin {
  bulletin: Bulletin;
  texts: LegalText[];
  /**
   * What the parser was unsure of, for an archivist to check: each `<subject>: <message>`,
   * the subject being the bulletin id (masthead), a text id or an article (`<textId>` with
   * `article N` in the message).
   */
  warnings: string[];
  /** What each page's running header printed, by page, for pages that carry one. */
  pages?: PageHeaderMeta[];
}

/** One page's metadata, as its running header printed it. */
export interface PageHeaderMeta {
  /** 1-based page index in the file. */
  pageIndex: number;
  /** Printed page number settled for the page (its neighbours may correct the header's reading). */
  printedPage: number | null;
  /** Issue number the header printed. */
  issueNumber: string | null;
  /** Gregorian date the header printed, ISO. */
  date: string | null;
  /** Hijri date the header printed. */
  hijriDate: string | null;
}

/** Kinds of amendment operations (filled by the amendment stage). */
export type AmendmentKind = 'amended' | 'completed' | 'replaced' | 'abrogated' | 'inserted' | 'renumbered';

/** One amendment: an article of one text changes an article (or the whole) of another. */
export interface Amendment {
  kind: AmendmentKind;
  /** Amending text and article. */
  byTextId: string;
  byArticle: string | null;
  /** Target text; article null when the whole text is targeted. */
  targetTextId: string;
  targetArticle: string | null;
  /** Entry into force, ISO. */
  date: string;
  /** New wording, when the amendment gives one. */
  body?: string;
}

/** The wording of an article over one period. */
export interface ArticleVersion {
  textId: string;
  article: string;
  validFrom: string;
  validTo: string | null;
  body: string;
  /** Amending text id; null for the original wording. */
  introducedBy: string | null;
}
