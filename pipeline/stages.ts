/**
 * The whole pipeline on one screen: every stage a file goes through, in order, with its
 * signature, as OCRmyPDF's `pluginspec.py` lists its extension points. {@link PIPELINE} holds
 * the real functions, checked against these signatures (`satisfies`), and ingest/ingest-stages.ts
 * calls them through it, embedded or as queue jobs, keeping each stage's artefact in the data
 * directory between stages.
 *
 * ```
 * file ─► intake ─► open ─► readPage, for each page ───────────────► structure ─► index
 *                           text layer when trusted,                  masthead,     pairEdition, then the
 *                           else render + OCR; then layout            texts,        store's save: the bulletin,
 *                           (running header, columns, order)          articles      readLinks + link (amendments,
 *                                                                                   article versions), search
 * ```
 *
 * The index stage is the store's ({@link SearchStore.saveBulletin} in store/search-store.ts):
 * it runs {@link PipelineStages.readLinks} and {@link PipelineStages.link} inside its own save.
 */
import { type LinkPort, linkSaved, type SavedText, type StoredLink } from './amendments/link-stage.js';
import type { TextLinks } from './amendments/links.js';
import { parseTextLinks } from './amendments/parse-links.js';
import { intake } from './intake.js';
import { type LayoutOptions, layoutPage, type PageLayout } from './layout.js';
import type { IntakeRecord, LegalText, PageArtefact, ParsedBulletin, TextLine } from './model.js';
import type { OcrEngine } from './ocr.js';
import {
  type OpenDocumentOptions,
  openDocument,
  type ReadPageOptions,
  readPage,
  type SourceDocument,
  type SourcePage,
} from './pages.js';
import {
  type EditionCandidate,
  type EditionPairing,
  pairWithOtherEdition,
} from './structure/pair-editions.js';
import { parseBulletin } from './structure/parse-bulletin.js';

/** Each stage's signature, in pipeline order. */
export interface PipelineStages {
  /**
   * What a file is before any page is read: media type from its magic bytes, sha256 (the key
   * of its artefacts), edition and number its name suggests.
   * @throws EmptyInputError, UnsupportedInputError, UnsupportedImageFormatError
   */
  intake: (bytes: Uint8Array, fileName: string) => IntakeRecord;
  /**
   * Opens a PDF (through a sandbox's `openPdf` for untrusted files) or an image for reading
   * page by page. @throws CorruptPdfError, EncryptedPdfError, NoPagesError, PdfTimeoutError…
   */
  open: (bytes: Uint8Array, record: IntakeRecord, options?: OpenDocumentOptions) => Promise<SourceDocument>;
  /**
   * One page to its artefact: the text layer when triage trusts it, else OCR of the rendered
   * page; then {@link PipelineStages.layout}. @throws OcrTimeoutError, ImageTooLargeError
   */
  readPage: (page: SourcePage, engine: OcrEngine, options: ReadPageOptions) => Promise<PageArtefact>;
  /** Within readPage: running header out, columns found, lines in reading order. */
  layout: (lines: TextLine[], options?: LayoutOptions) => PageLayout;
  /**
   * The pages of a file to a bulletin: masthead, texts, articles, and low-confidence warnings.
   * @throws UnreadableMastheadError, UnsupportedEditionError
   */
  structure: (pages: PageArtefact[], record: IntakeRecord) => ParsedBulletin;
  /** At indexing, a text without a number and its other edition's publication: the id they share. */
  pairEdition: (
    text: Omit<EditionCandidate, 'id'>,
    candidates: readonly EditionCandidate[],
  ) => EditionPairing | null;
  /** In the store's save: the texts a text amends, abrogates or cites, read from its wording. */
  readLinks: (text: LegalText) => TextLinks;
  /**
   * In the store's save: the links of the texts just saved resolved over the store's port,
   * links waiting for them resolved again, and the article versions recomputed.
   */
  link: <L extends StoredLink>(
    port: LinkPort<L>,
    saved: readonly SavedText[],
    before: readonly string[],
  ) => Promise<void>;
}

/** The stages themselves. */
export const PIPELINE = {
  intake,
  open: openDocument,
  readPage,
  layout: layoutPage,
  structure: parseBulletin,
  pairEdition: pairWithOtherEdition,
  readLinks: parseTextLinks,
  link: linkSaved,
} as const satisfies PipelineStages;
