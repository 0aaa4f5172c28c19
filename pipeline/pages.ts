/**
 * The pages stage: one API over PDF and image inputs, and the reading of one page into a
 * {@link PageArtefact} — its text layer when triage trusts it, else OCR of its render —
 * laid out in reading order.
 */

import {
  HEADING_REREAD_SCALES,
  hasDamagedNumber,
  hasDamagedTextNumber,
  headingRereads,
  mergeReread,
  opensDatedHeader,
  rereadRegions,
} from './arabic-numbers.js';
import { TooManyPagesError } from './errors.js';
import { imageCutter, measureInk, openImage, preprocessForOcr } from './images.js';
import { findGutter, layoutPage } from './layout.js';
import type { Edition, IntakeRecord, OcrLanguage, PageArtefact, TextLayerTriage, TextLine } from './model.js';
import {
  type OcrEngine,
  type OcrResult,
  pngSize,
  type RecognizeOptions,
  restoreArabicCommas,
  restoreFrenchDashes,
  type Segmentation,
} from './ocr.js';
import { rereadIfLost } from './page-rereading.js';
import type { PdfDocument, PdfLimits } from './pdf.js';
import { scoreTextLayer, type TextLayerScore } from './text-layer-quality.js';

/** Limits on an input document: pages, and pixels per page image or render. */
export type DocumentLimits = PdfLimits;

/** Opens a PDF from its bytes: `openPdf` (pipeline/pdf.ts) in-process, or a sandbox implementing the same contract. */
export type PdfOpener = (bytes: Uint8Array, limits: PdfLimits) => Promise<PdfDocument>;

/** Options of {@link openDocument}: its limits, and who parses PDFs. */
export interface OpenDocumentOptions extends DocumentLimits {
  /**
   * Parses PDFs; default `openPdf` (pipeline/pdf.ts) in this thread. Ingestion of untrusted files passes
   * a sandbox (engines/pdf-sandbox.ts) that can stop a PDF that loops or eats memory.
   */
  openPdf?: PdfOpener;
}

/** One page of an input, whatever its format. */
export interface SourcePage {
  /** 1-based page number in the file. */
  index: number;
  /** Points for PDF pages, pixels for images. */
  width: number;
  height: number;
  /** The PDF's text layer as lines; null for images and pages without text. */
  textLayer: TextLine[] | null;
  /** Greyscale PNG of the page; PDF pages render at `dpi` (default 300), images keep their scan resolution. */
  render(dpi?: number): Promise<Buffer>;
}

/** An opened input document. */
export interface SourceDocument {
  pageCount: number;
  /** Loads a page by its 1-based number. */
  page(index: number): Promise<SourcePage>;
  close(): Promise<void>;
}

/** Options of {@link readPage}. */
export interface ReadPageOptions {
  /**
   * OCR language, or `auto`: the page is read first in the language most likely (the script
   * of its text layer, else {@link ReadPageOptions.expected}, else French) and read again in
   * the other when that reading does not score as text; the better-scoring reading is kept.
   */
  lang: OcrLanguage | 'auto';
  /** With `auto`, the language the file's name or edition suggests (`BO_7140_Ar.pdf`): tried first. */
  expected?: OcrLanguage;
  /**
   * How OCR splits the image into lines; default `auto`: an image no taller than a few
   * lines of text ({@link looksLikeLine}) is read as one line, anything else as a page.
   */
  segmentation?: Segmentation | 'auto';
  /** Median OCR confidence of the file's other pages: a page reading far below it is read again (pipeline/page-rereading.ts). */
  peerConfidence?: number;
}

/** What each language's model misreads the same way every time, put right line by line. */
const OCR_REPAIRS: Record<OcrLanguage, (line: string) => string> = {
  ara: restoreArabicCommas,
  fra: restoreFrenchDashes,
};

/** Images up to this height (pixels) hold one line of text, not a page: a 300 dpi page is 3,500 tall. */
const LINE_IMAGE_MAX_HEIGHT = 200;

/** Whether an image of this size is a cut-out text line rather than a page or a block. */
export function looksLikeLine(width: number, height: number): boolean {
  return height <= LINE_IMAGE_MAX_HEIGHT && width >= height;
}

/**
 * Opens a PDF or image input for page-by-page reading.
 *
 * @throws CorruptPdfError, EncryptedPdfError, NoPagesError, CorruptImageError, ImageTooLargeError,
 *   TooManyPagesError; through a sandbox also PdfTimeoutError, PdfOutOfMemoryError.
 */
export async function openDocument(
  bytes: Uint8Array,
  record: IntakeRecord,
  options: OpenDocumentOptions = {},
): Promise<SourceDocument> {
  const { openPdf: parsePdf, ...limits } = options;
  if (record.mediaType === 'application/pdf') {
    // pdf.js is loaded only for PDFs: it is a third of `jarida ocr IMAGE`'s start-up.
    return (parsePdf ?? (await import('./pdf.js')).openPdf)(bytes, limits);
  }
  const image = await openImage(bytes, limits.maxPixels);
  const maxPages = limits.maxPages;
  if (maxPages !== undefined && image.pages.length > maxPages)
    throw new TooManyPagesError(image.pages.length, maxPages);
  return {
    pageCount: image.pages.length,
    page: async (index) => {
      const page = image.pages[index - 1];
      if (!page) throw new RangeError(`no page ${index} in a document of ${image.pages.length} pages`);
      return { index, width: page.width, height: page.height, textLayer: null, render: () => page.toPng() };
    },
    close: async () => {},
  };
}

/**
 * Reads one page: its text layer when triage trusts it, else OCR of the preprocessed
 * render (on an Arabic page, lines whose numbers lost digits are read a second time, cut
 * out of the page); then layout (running header out, columns, reading order).
 */
export async function readPage(
  page: SourcePage,
  engine: OcrEngine,
  opts: ReadPageOptions,
): Promise<PageArtefact> {
  const score = page.textLayer ? scoreTextLayer(page.textLayer.map((l) => l.text)) : null;
  const triage = score ? { textLayer: toTriage(score) } : {};
  if (page.textLayer && score?.trusted) {
    const language = opts.lang === 'auto' ? score.script : opts.lang;
    const lines = page.textLayer.map((l) => ({ ...l, text: expandLigatures(l.text) }));
    return artefact(
      page.index,
      'text-layer',
      lines,
      language,
      { width: page.width, height: page.height },
      triage,
    );
  }
  // A text layer too poor to trust still tells the script reliably.
  const likely = (score && score.characters >= 20 ? score.script : undefined) ?? opts.expected ?? 'fra';
  engine.warm?.(opts.lang === 'auto' ? likely : opts.lang);
  const rendered = await page.render();
  const size = pngSize(rendered);
  const segmentation =
    opts.segmentation && opts.segmentation !== 'auto'
      ? opts.segmentation
      : size && looksLikeLine(size.width, size.height)
        ? 'line'
        : 'page';
  const preprocessed = await preprocessForOcr(rendered);
  // Measured on this thread while the worker reads the page: it costs no time of its own.
  const ink = segmentation === 'page' ? measureInk(rendered) : null;
  ink?.catch(() => undefined);
  const first =
    opts.lang === 'auto'
      ? await recognizeEither(preprocessed, engine, likely, { segmentation })
      : { result: await engine.recognize(preprocessed, opts.lang, { segmentation }), language: opts.lang };
  const { language } = first;
  // A reading that lost the page's ink is read again other ways, or the page is flagged: never empty in silence.
  const { result, png, warning } = await rereadIfLost(
    rendered,
    { result: first.result, png: preprocessed, way: 'preprocessed' },
    engine,
    { page: page.index, lang: language, ink, peerConfidence: opts.peerConfidence },
  );
  const read =
    language === 'ara' && segmentation === 'page' ? await rereadNumbers(png, result, engine) : result.lines;
  const repair = OCR_REPAIRS[language];
  const lines = read.map((l) => ({ ...l, text: repair(l.text) }));
  const ocr = artefact(page.index, 'ocr', lines, language, result, triage, result.confidence);
  return warning ? { ...ocr, warnings: [warning] } : ocr;
}

/**
 * Reads again, each cut out of the page as one raw line, the lines of an Arabic page whose
 * numbers came out damaged in page context ({@link hasDamagedNumber}), that open a dated
 * text header ({@link opensDatedHeader}) or that are article headings whose figure breaks
 * the page's sequence ({@link headingRereads}; these at several enlargements,
 * {@link HEADING_REREAD_SCALES}), and keeps the second reading where
 * {@link headingRereads} or {@link mergeReread} trusts it. A line boxed taller than the page's
 * lines is tried in further cuts until one reading changes it (docs/ocr-preprocessing.md); a
 * dated header whose text number is still misshapen ({@link hasDamagedTextNumber}) is read at
 * the larger scales too, each reading merged into what the ones before gave.
 */
async function rereadNumbers(png: Buffer, page: OcrResult, engine: OcrEngine): Promise<TextLine[]> {
  const gutter = findGutter(page.lines);
  const headings = headingRereads(page.lines, gutter);
  const chosen = page.lines.filter(
    (line, i) => headings.has(i) || hasDamagedNumber(line.text) || opensDatedHeader(line.text),
  );
  if (chosen.length === 0) return page.lines;
  const cut = await imageCutter(png);
  const heights = page.lines.map((line) => line.bbox.h).sort((a, b) => a - b);
  const lineHeight = heights[Math.floor(heights.length / 2)]!;
  return Promise.all(
    page.lines.map(async (line, i) => {
      if (!chosen.includes(line)) return line;
      const heading = headings.get(i);
      const dated = !heading && opensDatedHeader(line.text);
      const scales = heading || dated ? HEADING_REREAD_SCALES : [1];
      let text = line.text;
      for (const region of rereadRegions(line.bbox, page, gutter, lineHeight))
        for (const scale of scales) {
          // A dated header is read larger only while its text number is misshapen: its id hangs on it.
          if (dated && scale > 1 && !hasDamagedTextNumber(text)) continue;
          const again = await engine.recognize(await cut(region, scale), 'ara', { segmentation: 'line' });
          const reread = again.lines.map((l) => l.text).join(' ');
          if (heading) {
            const fixed = heading(reread);
            if (fixed !== null) return { ...line, text: fixed };
            continue;
          }
          text = mergeReread(text, reread);
          if (text !== line.text && !(dated && hasDamagedTextNumber(text))) return { ...line, text };
        }
      return text === line.text ? line : { ...line, text };
    }),
  );
}

/** The OCR language of each edition's text. */
export const OCR_LANGUAGE: Record<Edition, OcrLanguage> = { fr: 'fra', ar: 'ara' };

/** {@link ReadPageOptions.expected} from the edition a file's name gives, if it gives one. */
export function expectedLanguage(record: IntakeRecord): Pick<ReadPageOptions, 'expected'> {
  const edition = record.guess.edition;
  return edition ? { expected: OCR_LANGUAGE[edition] } : {};
}

/** The other OCR language. */
const OTHER: Record<OcrLanguage, OcrLanguage> = { fra: 'ara', ara: 'fra' };

/**
 * Below this confidence a reading that scores as text may still be the wrong language's: an
 * Arabic page read as French gives Latin words enough to pass (real copy 089 of bo-pages, read
 * at 0.16), while the real French pages of fixtures/real read at 0.54 (a typed catalogue) to 0.93.
 */
const DOUBTFUL_CONFIDENCE = 0.4;

/**
 * Reads a page in the likely language and, when that reading does not score as text (an
 * Arabic page read as French gives Latin debris) or scores so with little confidence, in the
 * other; keeps the better reading ({@link readsBetter}).
 */
async function recognizeEither(
  png: Buffer,
  engine: OcrEngine,
  likely: OcrLanguage,
  options: RecognizeOptions,
): Promise<{ result: OcrResult; language: OcrLanguage }> {
  const first = await engine.recognize(png, likely, options);
  const firstScore = scoreTextLayer(first.lines.map((l) => l.text));
  if (firstScore.trusted && first.confidence >= DOUBTFUL_CONFIDENCE)
    return { result: first, language: likely };
  const other = OTHER[likely];
  const second = await engine.recognize(png, other, options);
  const secondScore = scoreTextLayer(second.lines.map((l) => l.text));
  return readsBetter({ result: second, score: secondScore }, { result: first, score: firstScore })
    ? { result: second, language: other }
    : { result: first, language: likely };
}

interface ScoredReading {
  result: OcrResult;
  score: ReturnType<typeof scoreTextLayer>;
}

/**
 * Whether reading `b` of a page beats reading `a` in the other language: the one that scores
 * as text; when both do, the surer; when neither does (the copy's own scrambled figures or `هلل`
 * read faithfully score low), the surer with more dictionary words, else the higher score.
 */
function readsBetter(b: ScoredReading, a: ScoredReading): boolean {
  if (a.score.trusted !== b.score.trusted) return b.score.trusted;
  if (a.score.trusted) return b.result.confidence > a.result.confidence;
  const surer = (x: ScoredReading, y: ScoredReading) =>
    x.result.confidence > y.result.confidence && x.score.dictionaryRatio > y.score.dictionaryRatio;
  return surer(b, a) || (!surer(a, b) && b.score.score > a.score.score);
}

function artefact(
  index: number,
  source: PageArtefact['source'],
  lines: TextLine[],
  language: OcrLanguage,
  size: { width: number; height: number },
  triage: { textLayer?: TextLayerTriage },
  confidence = 1,
): PageArtefact {
  const layout = layoutPage(lines, { rtl: language === 'ara' });
  return {
    index,
    ...(layout.printedPage !== undefined ? { printedPage: layout.printedPage } : {}),
    source,
    confidence,
    width: size.width,
    height: size.height,
    language,
    lines: layout.lines,
    header: layout.header,
    ...triage,
  };
}

function toTriage(score: TextLayerScore): TextLayerTriage {
  const { score: value, trusted, script: _script, ...figures } = score;
  return { score: value, trusted, figures };
}

/** Latin ligature glyphs (ﬁ, ﬂ…) of a trusted layer become their letters. */
function expandLigatures(text: string): string {
  return text.replace(/[\uFB00-\uFB06]/g, (c) => c.normalize('NFKC'));
}
