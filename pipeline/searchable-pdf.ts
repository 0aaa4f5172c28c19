/**
 * A searchable PDF of an issue, as OCRmyPDF makes one: every page as it was received (a page
 * of the original PDF copied as it is, or the scanned image embedded unchanged), with the
 * lines read from it laid under the image as invisible text (render mode 3). Each line's text
 * is set on its box, stretched to the box's width, so that a viewer's search and selection land
 * on the printed words.
 *
 * Arabic is laid out the way typesetters write it, glyphs in visual order (the Unicode
 * bidirectional algorithm, bidi-js): viewers and pdftotext read right-to-left text back from the
 * glyphs' positions, so what they extract and copy comes out in logical order. Each character is
 * encoded as its own nominal glyph (no shaping, no ligatures), so the font's ToUnicode map gives
 * back exactly the characters read.
 */
import fontkit from '@pdf-lib/fontkit';
import bidiModule, { type Bidi } from 'bidi-js';
import {
  beginText,
  endText,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
} from 'pdf-lib';
import type { BoundingBox } from './model.js';

/** A line of text to lay invisibly on a page: its box in fractions of the page as displayed, origin top-left. */
export interface SearchableLine {
  text: string;
  bbox: BoundingBox;
}

/** One page of the searchable PDF, taken from the original PDF or from a scanned image. */
export type SearchablePage =
  | {
      kind: 'pdf';
      /** 1-based page number in {@link SearchablePdfInput.original}. */
      index: number;
      /** Empty for a page whose own text layer is kept (born-digital). */
      lines: readonly SearchableLine[];
    }
  | {
      kind: 'image';
      /** The scan's bytes: a JPEG is embedded as it is, a PNG with its pixels unchanged. */
      image: Uint8Array;
      format: 'png' | 'jpeg';
      /** Page size in points (the image's pixels at its resolution). */
      width: number;
      height: number;
      lines: readonly SearchableLine[];
    };

/** What the document says about itself (the PDF's Info dictionary and catalogue language). */
export interface SearchablePdfMetadata {
  title: string;
  subject: string;
  keywords: string[];
  author: string;
  /** BCP 47 language of the document, e.g. `fr-MA`, `ar-MA`. */
  language: string;
  /** Creation and modification date: the date, so the same issue always gives the same file; null: none written. */
  date: Date | null;
  /** Further Info entries, e.g. `IssueNumber`, `PublicationDate` (custom keys, as PDF allows). */
  custom: Record<string, string>;
}

/** Input of {@link buildSearchablePdf}. */
export interface SearchablePdfInput {
  /** The original PDF, when some page comes from one. */
  original?: Uint8Array;
  pages: readonly SearchablePage[];
  /** A TrueType font with Latin and Arabic glyphs, for the invisible text (subset into the file). */
  font: Uint8Array;
  metadata: SearchablePdfMetadata;
}

// bidi-js is CommonJS typed as an ES module: at run time the default import is its factory itself.
const bidi = (bidiModule as unknown as () => Bidi)();

/** Builds the searchable PDF; deterministic: the same input gives the same bytes. */
export async function buildSearchablePdf(input: SearchablePdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // A fixed name: pdf-lib would otherwise add a random suffix and the bytes would change each time.
  const font = await doc.embedFont(input.font, { subset: true, customName: 'JaridaOcrText' });
  const pdfIndexes = input.pages.flatMap((p) => (p.kind === 'pdf' ? [p.index - 1] : []));
  const copied = pdfIndexes.length
    ? await doc.copyPages(await PDFDocument.load(requireOriginal(input.original)), pdfIndexes)
    : [];
  let nextCopied = 0;
  for (const source of input.pages) {
    let page: PDFPage;
    if (source.kind === 'pdf') {
      page = doc.addPage(copied[nextCopied++]!);
    } else {
      page = doc.addPage([source.width, source.height]);
      const image =
        source.format === 'jpeg' ? await doc.embedJpg(source.image) : await doc.embedPng(source.image);
      page.drawImage(image, { x: 0, y: 0, width: source.width, height: source.height });
    }
    if (source.lines.length) layTextUnder(doc, page, font, source.lines);
  }
  describe(doc, input.metadata);
  return doc.save();
}

function requireOriginal(original: Uint8Array | undefined): Uint8Array {
  if (!original) throw new RangeError('a page of the original PDF was asked for without the original');
  return original;
}

/** Where a page's displayed top-left, x and y (upward) axes lie in its user space, for each /Rotate. */
interface PageFrame {
  /** Displayed width and height, in points. */
  width: number;
  height: number;
  /** User-space point of displayed (x, y), y upward from the displayed bottom. */
  at(x: number, y: number): [number, number];
  /** User-space directions of the displayed x and y axes. */
  xAxis: [number, number];
  yAxis: [number, number];
}

function pageFrame(page: PDFPage): PageFrame {
  const { x: left, y: bottom, width: w, height: h } = page.getCropBox();
  const turn = (((page.getRotation().angle % 360) + 360) % 360) / 90;
  // /Rotate turns the page clockwise when displayed.
  switch (turn) {
    case 1:
      return { width: h, height: w, at: (x, y) => [left + w - y, bottom + x], xAxis: [0, 1], yAxis: [-1, 0] };
    case 2:
      return {
        width: w,
        height: h,
        at: (x, y) => [left + w - x, bottom + h - y],
        xAxis: [-1, 0],
        yAxis: [0, -1],
      };
    case 3:
      return { width: h, height: w, at: (x, y) => [left + y, bottom + h - x], xAxis: [0, -1], yAxis: [1, 0] };
    default:
      return { width: w, height: h, at: (x, y) => [left + x, bottom + y], xAxis: [1, 0], yAxis: [0, 1] };
  }
}

/**
 * Appends the lines as invisible text. The page's own content is wrapped in q…Q first, so
 * whatever graphics state it leaves behind does not move the text.
 */
function layTextUnder(
  doc: PDFDocument,
  page: PDFPage,
  font: PDFFont,
  lines: readonly SearchableLine[],
): void {
  const { context } = doc;
  page.node.wrapContentStreams(
    context.register(context.contentStream([pushGraphicsState()])),
    context.register(context.contentStream([popGraphicsState()])),
  );
  const fontName = page.node.newFontDictionary('JaridaOcrText', font.ref);
  const frame = pageFrame(page);
  const descentPerPoint = font.heightAtSize(1) - font.heightAtSize(1, { descender: false }) || 0;
  const operators: PDFOperator[] = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    const glyphs = visualOrder(line.text.trim());
    if (glyphs.length === 0 || line.bbox.w <= 0 || line.bbox.h <= 0) continue;
    const boxWidth = line.bbox.w * frame.width;
    const boxHeight = line.bbox.h * frame.height;
    const size = font.sizeAtHeight(boxHeight);
    const naturalWidth = glyphs.reduce((sum, g) => sum + font.widthOfTextAtSize(g, size), 0);
    if (naturalWidth <= 0) continue;
    const baseline = frame.height * (1 - line.bbox.y - line.bbox.h) + descentPerPoint * size;
    const [x, y] = frame.at(line.bbox.x * frame.width, baseline);
    operators.push(
      setFontAndSize(fontName, size),
      setCharacterSqueeze((100 * boxWidth) / naturalWidth),
      setTextMatrix(...frame.xAxis, ...frame.yAxis, x, y),
      showText(PDFHexString.of(glyphs.map((g) => font.encodeText(g).asString()).join(''))),
    );
  }
  operators.push(endText());
  page.pushOperators(pushGraphicsState(), ...operators, popGraphicsState());
}

/**
 * The characters of a line in the order they stand on the page, left to right: right-to-left runs
 * reversed, numbers inside them kept left to right. Characters are not mirrored: `(` stays `(`,
 * so the text read back is the text given.
 */
export function visualOrder(text: string): string[] {
  const characters = [...text];
  // bidi-js counts UTF-16 units; a line with characters beyond them (no script of the archive) stays as it is.
  if (characters.length !== text.length) return characters;
  const levels = bidi.getEmbeddingLevels(text, 'auto');
  for (const [start = 0, end = -1] of bidi.getReorderSegments(text, levels)) {
    characters.splice(start, end - start + 1, ...characters.slice(start, end + 1).reverse());
  }
  return characters;
}

function describe(doc: PDFDocument, metadata: SearchablePdfMetadata): void {
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setSubject(metadata.subject);
  doc.setKeywords(metadata.keywords);
  doc.setAuthor(metadata.author);
  doc.setLanguage(metadata.language);
  doc.setCreator('jarida');
  doc.setProducer('jarida (pdf-lib)');
  if (metadata.date) {
    doc.setCreationDate(metadata.date);
    doc.setModificationDate(metadata.date);
  }
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  for (const [key, value] of Object.entries(metadata.custom))
    info.set(PDFName.of(key), PDFHexString.fromText(value));
}
