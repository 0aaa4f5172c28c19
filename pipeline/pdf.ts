/**
 * PDF inputs with pdf.js (legacy build, for Node): each page's text layer grouped into
 * lines, and a render of the page to a greyscale PNG for OCR. pdf.js runs with its
 * in-process "fake" worker, fonts and decoders read from the pdfjs-dist package on disk,
 * and no `eval`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import sharp from 'sharp';
import {
  CorruptPdfError,
  EncryptedPdfError,
  ImageTooLargeError,
  NoPagesError,
  type PipelineError,
  TooManyPagesError,
} from './errors.js';
import { DEFAULT_MAX_PIXELS, greyPng } from './images.js';
import type { TextLine } from './model.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
// pdf.js in Node reads these with fs when given plain paths ending in a separator.
const PDFJS_ASSETS = {
  standardFontDataUrl: `${join(PDFJS_DIR, 'standard_fonts')}/`,
  cMapUrl: `${join(PDFJS_DIR, 'cmaps')}/`,
  wasmUrl: `${join(PDFJS_DIR, 'wasm')}/`,
};

/** Limits that keep a hostile or broken PDF from exhausting the machine. */
export interface PdfLimits {
  /** Pages a document may have; default 2000 (the thickest issues have a few hundred). */
  maxPages?: number;
  /** Pixels a page render (and an image inside the PDF) may have; default {@link DEFAULT_MAX_PIXELS}. */
  maxPixels?: number;
}

/** One PDF page: size in points, its text layer, and a render for OCR. */
export interface PdfPage {
  /** 1-based page number in the file. */
  index: number;
  width: number;
  height: number;
  /** Text layer as lines in the PDF's content order, bboxes in page fractions; null when the page has no text. */
  textLayer: TextLine[] | null;
  /** Greyscale PNG of the page at `dpi` (default 300). */
  render(dpi?: number): Promise<Buffer>;
}

/** An open PDF; pages are loaded on demand. */
export interface PdfDocument {
  pageCount: number;
  /** Loads a page by its 1-based number. */
  page(index: number): Promise<PdfPage>;
  close(): Promise<void>;
}

/** A run of text placed on the page (one pdf.js text item), in points from the top-left corner. */
export interface PlacedRun {
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  baseline: number;
  width: number;
  fontSize: number;
  rtl: boolean;
  /** The producer ended the line after this run. */
  endOfLine: boolean;
}

const DEFAULT_MAX_PAGES = 2000;
const DEFAULT_DPI = 300;
/** Runs further apart on one baseline than this many font sizes belong to different columns. */
const COLUMN_GAP_EM = 1.5;
/** A gap wider than this (in font sizes) between two runs stands for a space. */
const SPACE_GAP_EM = 0.15;

/**
 * Opens a PDF from its bytes.
 *
 * @throws CorruptPdfError when pdf.js cannot parse it.
 * @throws EncryptedPdfError when it needs a password.
 * @throws NoPagesError when it has no page.
 * @throws TooManyPagesError when it has more pages than `limits.maxPages`.
 */
export async function openPdf(bytes: Uint8Array, limits: PdfLimits = {}): Promise<PdfDocument> {
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_PIXELS;
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES;
  const task = getDocument({
    // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    ...PDFJS_ASSETS,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    maxImageSize: maxPixels,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    throw corrupt(err);
  }
  if (doc.numPages === 0 || doc.numPages > maxPages) {
    await doc.destroy();
    throw doc.numPages === 0 ? new NoPagesError() : new TooManyPagesError(doc.numPages, maxPages);
  }
  return {
    pageCount: doc.numPages,
    page: async (index) => {
      if (!Number.isInteger(index) || index < 1 || index > doc.numPages) {
        throw new RangeError(`no page ${index} in a document of ${doc.numPages} pages`);
      }
      try {
        return await loadPage(await doc.getPage(index), index, doc.canvasFactory as CanvasFactory, maxPixels);
      } catch (err) {
        if (err instanceof ImageTooLargeError) throw err;
        throw corrupt(err);
      }
    },
    close: () => doc.destroy(),
  };
}

function corrupt(err: unknown): PipelineError {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException') return new EncryptedPdfError({ cause: err });
  return new CorruptPdfError(`${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`, { cause: err });
}

/**
 * pdf.js' own canvas factory: it creates canvases with the @napi-rs/canvas build pdf.js
 * was made for, whose Path2D objects a canvas from another copy would reject.
 */
interface CanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    canvas: unknown;
    context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  };
  destroy(canvasAndContext: unknown): void;
}

async function loadPage(
  page: PDFPageProxy,
  index: number,
  canvasFactory: CanvasFactory,
  maxPixels: number,
): Promise<PdfPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ disableNormalization: true });
  const runs: PlacedRun[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const run = placeRun(item, viewport.transform);
    if (run) runs.push(run);
    else if (item.hasEOL && runs.length > 0) runs[runs.length - 1]!.endOfLine = true;
  }
  const lines = groupRunsIntoLines(runs, viewport.width, viewport.height);
  return {
    index,
    width: viewport.width,
    height: viewport.height,
    textLayer: lines.length > 0 ? lines : null,
    render: (dpi = DEFAULT_DPI) => renderPage(page, dpi, canvasFactory, maxPixels),
  };
}

function placeRun(item: TextItem, viewportTransform: number[]): PlacedRun | null {
  if (!item.str.trim()) return null;
  const [, , c, d, e, f] = Util.transform(viewportTransform, item.transform) as number[];
  return {
    text: item.str,
    x: e!,
    baseline: f!,
    width: item.width,
    fontSize: Math.hypot(c!, d!) || item.height,
    rtl: item.dir === 'rtl',
    endOfLine: item.hasEOL,
  };
}

/**
 * Groups placed runs, in content order, into lines: a run joins the current line when it
 * sits on the same baseline, close enough not to be across a column gutter, and the
 * producer did not end the line before it. Bboxes are in fractions of the page.
 */
export function groupRunsIntoLines(runs: PlacedRun[], pageWidth: number, pageHeight: number): TextLine[] {
  const lines: TextLine[] = [];
  let current: PlacedRun[] = [];
  const flush = (): void => {
    if (current.length > 0) lines.push(toLine(current, pageWidth, pageHeight));
    current = [];
  };
  for (const run of runs) {
    const last = current[current.length - 1];
    if (last && !(sameLine(current, run) && !last.endOfLine)) flush();
    current.push(run);
  }
  flush();
  return lines;
}

function sameLine(line: PlacedRun[], run: PlacedRun): boolean {
  const em = Math.min(run.fontSize, line[0]!.fontSize);
  if (Math.abs(run.baseline - line[0]!.baseline) > em * 0.5) return false;
  const left = Math.min(...line.map((r) => r.x));
  const right = Math.max(...line.map((r) => r.x + r.width));
  const gap = Math.max(left - (run.x + run.width), run.x - right, 0);
  return gap <= em * COLUMN_GAP_EM;
}

function toLine(runs: PlacedRun[], pageWidth: number, pageHeight: number): TextLine {
  const rtl = runs.filter((r) => r.rtl).length * 2 > runs.length;
  // Visual order left to right, reversed for right-to-left lines (pdf.js gives each run in logical order).
  const ordered = [...runs].sort((a, b) => (rtl ? b.x - a.x : a.x - b.x));
  let text = '';
  let previous: PlacedRun | undefined;
  for (const run of ordered) {
    if (previous) {
      const gap = rtl ? previous.x - (run.x + run.width) : run.x - (previous.x + previous.width);
      if (gap > run.fontSize * SPACE_GAP_EM && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    }
    text += run.text;
    previous = run;
  }
  const left = Math.min(...runs.map((r) => r.x));
  const right = Math.max(...runs.map((r) => r.x + r.width));
  // Ascent and descent as usual fractions of the font size: pdf.js gives only the baseline.
  const top = Math.min(...runs.map((r) => r.baseline - r.fontSize * 0.8));
  const bottom = Math.max(...runs.map((r) => r.baseline + r.fontSize * 0.2));
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    bbox: {
      x: left / pageWidth,
      y: top / pageHeight,
      w: (right - left) / pageWidth,
      h: (bottom - top) / pageHeight,
    },
    confidence: 1,
  };
}

async function renderPage(
  page: PDFPageProxy,
  dpi: number,
  canvasFactory: CanvasFactory,
  maxPixels: number,
): Promise<Buffer> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  if (width * height > maxPixels) {
    throw new ImageTooLargeError(`page ${page.pageNumber} at ${dpi} dpi is ${width}×${height} pixels`);
  }
  const target = canvasFactory.create(width, height);
  const { canvas, context } = target;
  try {
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const { data } = context.getImageData(0, 0, width, height);
    return await greyPng(
      sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
        raw: { width, height, channels: 4 },
        limitInputPixels: false,
      }),
      dpi,
    );
  } finally {
    canvasFactory.destroy(target);
    page.cleanup();
  }
}
