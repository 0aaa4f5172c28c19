/**
 * Image inputs (PNG, JPEG, single- and multi-page TIFF) and the preprocessing of page
 * images before OCR, with sharp. Sizes are checked from the header before any pixel is
 * decoded, so a decompression bomb fails fast without allocating its bitmap.
 */
import type { Sharp } from 'sharp';
import { CorruptImageError, ImageTooLargeError } from './errors.js';

let sharpLoading: Promise<typeof import('sharp').default> | undefined;
/**
 * sharp, loaded on first use: loading its native library is a third of `jarida ocr IMAGE`'s
 * start-up, and the OCR worker, started first, now starts while it loads.
 */
function loadSharp(): Promise<typeof import('sharp').default> {
  sharpLoading ??= import('sharp').then((module) => module.default);
  return sharpLoading;
}

/** Default pixel limit per page: an A3 sheet at 600 dpi (≈ 70 Mpx) fits, a bomb does not. */
export const DEFAULT_MAX_PIXELS = 80_000_000;

/** One page of an image input. */
export interface ImagePage {
  /** 0-based page index in the file. */
  index: number;
  width: number;
  height: number;
  /** Scan resolution from the file's metadata, when it says. */
  density?: number;
  /** The page as a greyscale PNG at its native resolution. */
  toPng(): Promise<Buffer>;
}

/** An opened image input: its pages, decoded one at a time on demand. */
export interface ImageDocument {
  pages: ImagePage[];
}

/**
 * Opens an image input and lists its pages (several for a multi-page TIFF).
 *
 * @throws ImageTooLargeError when a page has more than `maxPixels` pixels.
 * @throws CorruptImageError when sharp cannot read the header.
 */
export async function openImage(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): Promise<ImageDocument> {
  const sharp = await loadSharp();
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = await sharp(input, { limitInputPixels: maxPixels })
    .metadata()
    .catch((err: unknown) => {
      throw imageError(err);
    });
  const pageCount = meta.pages ?? 1;
  // For multi-page inputs sharp reports the first page's height as pageHeight.
  const width = meta.width;
  const height = meta.pageHeight ?? meta.height;
  if (!width || !height) throw new CorruptImageError('no image size in header');
  if (width * height > maxPixels) {
    throw new ImageTooLargeError(`${width}×${height} pixels, more than the limit of ${maxPixels}`);
  }
  const pages: ImagePage[] = [];
  for (let index = 0; index < pageCount; index += 1) {
    pages.push({
      index,
      width,
      height,
      ...(meta.density ? { density: meta.density } : {}),
      toPng: () => decodePage(input, index, maxPixels),
    });
  }
  return { pages };
}

async function decodePage(input: Buffer, page: number, maxPixels: number): Promise<Buffer> {
  const sharp = await loadSharp();
  try {
    const image = sharp(input, { page, limitInputPixels: maxPixels });
    return await greyPng(image, (await image.metadata()).density);
  } catch (err) {
    throw imageError(err);
  }
}

function imageError(err: unknown): ImageTooLargeError | CorruptImageError {
  const message = err instanceof Error ? err.message : String(err);
  return /pixel limit/i.test(message)
    ? new ImageTooLargeError(message, { cause: err })
    : new CorruptImageError(message, { cause: err });
}

/**
 * zlib level of images that live only until the next stage decodes them (renders, the
 * preprocessed page, cut-out lines): storing beats deflating a 16-megapixel page by 0.1–0.3 s
 * on each side.
 */
const TRANSIENT_PNG_COMPRESSION = 0;
/**
 * One-channel 8-bit PNG of an image, transparency flattened onto white paper, stored
 * rather than compressed (page renders live only until OCR or a resize reads them). The
 * resolution, when known, is written into the PNG: tesseract sizes its analysis by it.
 */
export function greyPng(image: Sharp, density?: number): Promise<Buffer> {
  const grey = image.flatten({ background: '#ffffff' }).toColourspace('b-w');
  return (density ? grey.withDensity(density) : grey)
    .png({ compressionLevel: TRANSIENT_PNG_COMPRESSION })
    .toBuffer();
}

/**
 * Least grey level of the paper (the median pixel) after the contrast stretch: below
 * mid-grey the stretch has darkened the page itself (see {@link preprocessForOcr}). sharp
 * stretches luminance in L*, which greys the paper of every page somewhat: the real
 * typewritten and 1910 pages come out at 150–245 and read best so; the sparse fixture
 * pages that tesseract misread came out at 56–97.
 */
const MIN_PAPER_LEVEL = 128;
/** Pixels of the sample on which sharp works out the contrast stretch ({@link contrastStretch}). */
const STRETCH_SAMPLE_PIXELS = 256 * 256;

/** Counts of each level of 8-bit greyscale pixels. */
export function greyHistogram(grey: Uint8Array): Uint32Array {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < grey.length; i += 1) histogram[grey[i]!]! += 1;
  return histogram;
}

/** The median level of a {@link greyHistogram}: the paper's level on any page that is mostly paper. */
export function paperLevel(histogram: Uint32Array): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  let seen = 0;
  for (let value = 0; value < 256; value += 1) {
    seen += histogram[value]!;
    if (seen * 2 >= total) return value;
  }
  return 255;
}

/**
 * sharp's contrast stretch (`normalise`: luminance in L*, from the `lower` to the 99th
 * percentile) as a lookup table from grey level to stretched level. The stretch depends on
 * the page only through its histogram, so sharp computes it on a small image with the same
 * quantiles, holding the darkest and lightest levels, instead of on the page: converting a
 * 16-megapixel page to L* and back took 1.5 s, the sample and the table take 0.1 s. On pages
 * under about 10 megapixels the table gives sharp's pixels exactly; on larger pages sharp's
 * own percentiles come out wrong (its normalised cumulative histogram overflows 32 bits),
 * and the table keeps the stretch those percentiles are meant to give.
 */
export async function contrastStretch(histogram: Uint32Array, lower: number): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const total = histogram.reduce((sum, count) => sum + count, 0);
  const sample = new Uint8Array(STRETCH_SAMPLE_PIXELS);
  let level = 0;
  let below = histogram[0]!;
  for (let i = 0; i < sample.length; i += 1) {
    const quantile = ((i + 0.5) / sample.length) * total;
    while (below <= quantile && level < 255) below += histogram[++level]!;
    sample[i] = level;
  }
  sample[0] = histogram.findIndex((count) => count > 0);
  sample[sample.length - 1] = histogram.findLastIndex((count) => count > 0);
  const stretched = await sharp(sample, { raw: { width: 256, height: sample.length / 256, channels: 1 } })
    .toColourspace('b-w')
    .normalise({ lower })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const table = new Uint8Array(256);
  const known = new Uint8Array(256);
  sample.forEach((value, i) => {
    table[value] = stretched[i]!;
    known[value] = 1;
  });
  // Levels the sample lacks (too rare to hold one of its pixels) map as the nearest level below
  // it holds; levels below the darkest pixel, as that pixel.
  for (let value = 1; value < 256; value += 1) if (!known[value]) table[value] = table[value - 1]!;
  table.fill(table[sample[0]!]!, 0, sample[0]);
  return table;
}

/** A page's grey levels, one byte a pixel on white, with its resolution. */
async function greyPixels(png: Buffer) {
  const sharp = await loadSharp();
  const [{ density }, { data, info }] = await Promise.all([
    sharp(png).metadata(),
    sharp(png)
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ]);
  return { density, data, info };
}

/**
 * Prepares a page image for tesseract: greyscale, then a contrast stretch so faded
 * typescript and old print reach full range (sharp's `normalise`, 1st to 99th percentile,
 * computed by {@link contrastStretch}).
 *
 * On a sparse page (a last page with a few lines, a half-empty sommaire) less than 1 % of
 * the pixels are ink, so the 1st percentile is paper or bleed-through: stretching from it
 * turned the paper dark grey and the verso black, and tesseract read the mirrored verso or
 * nothing. When the stretched paper comes out darker than {@link MIN_PAPER_LEVEL}, the
 * page is stretched from its darkest pixel instead (docs/ocr-preprocessing.md: Arabic
 * scan fixtures 20.2 % → 7.0 % CER, a sparse French page 78 % → 0.5 %). Other steps
 * (threshold, sharpen, median, background division, deskew, rescaling) were measured and
 * left out because they did not lower CER.
 */
export async function preprocessForOcr(png: Buffer): Promise<Buffer> {
  const sharp = await loadSharp();
  const { density, data, info } = await greyPixels(png);
  const histogram = greyHistogram(data);
  let table = await contrastStretch(histogram, 1);
  if (table[paperLevel(histogram)]! < MIN_PAPER_LEVEL) table = await contrastStretch(histogram, 0);
  for (let i = 0; i < data.length; i += 1) data[i] = table[data[i]!]!;
  const image = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).toColourspace(
    'b-w',
  );
  return (density ? image.withDensity(density) : image)
    .png({ compressionLevel: TRANSIENT_PNG_COMPRESSION })
    .toBuffer();
}

/** A rectangle of a page image, in whole pixels. */
export interface PixelRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Cuts regions out of one page image, as PNGs, enlarged `scale` times (default 1). */
export type ImageCutter = (region: PixelRegion, scale?: number) => Promise<Buffer>;

/**
 * Decodes a (preprocessed) page image once and returns a function that cuts regions out of
 * it, for a second reading of some of its lines: decoding the 300 dpi PNG again for each
 * line cost more than reading the line.
 */
export async function imageCutter(png: Buffer): Promise<ImageCutter> {
  const sharp = await loadSharp();
  const [{ density }, { data, info }] = await Promise.all([
    sharp(png).metadata(),
    sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true }),
  ]);
  const raw = { width: info.width, height: info.height, channels: 1 } as const;
  return (region, scale = 1) => {
    const extracted = sharp(data, { raw }).extract(region);
    const cut = (
      scale === 1 ? extracted : extracted.resize({ width: Math.round(region.width * scale) })
    ).toColourspace('b-w');
    // The page's resolution goes with each cut: without it tesseract guesses one from the line.
    return (density ? cut.withDensity(density * scale) : cut)
      .png({ compressionLevel: TRANSIENT_PNG_COMPRESSION })
      .toBuffer();
  };
}

/** How much ink a page image holds, measured on its binarised pixels ({@link measureInk}). */
export interface InkMeasure {
  /** Dark pixels among all pixels of the binarised page. */
  darkRatio: number;
  /** Connected dark shapes of a glyph's size: about one per printed character. */
  glyphs: number;
}

/** Width the page is measured at: glyphs of 8–12 pt stay whole, and the count takes a few tens of ms. */
const INK_MEASURE_WIDTH = 1200;
/** Sauvola's sensitivity to local contrast, and the dynamic range of the standard deviation. */
const SAUVOLA_K = 0.2;
const SAUVOLA_R = 128;

/**
 * Binarises 8-bit grey pixels with Sauvola's local threshold (mean × (1 + k (sd / R − 1))
 * over a window), computed on a grid of cells of half the window and interpolated: unlike a
 * global threshold (Otsu, tesseract's own), it holds on grey or uneven paper and on a page
 * framed by white scanner bed, where a global threshold takes the paper for ink. Returns 0
 * for ink and 255 for paper.
 */
export function sauvolaBinarise(grey: Uint8Array, width: number, height: number, window: number): Uint8Array {
  const cell = Math.max(2, Math.round(window / 2));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const sum = new Float64Array(cols * rows);
  const squares = new Float64Array(cols * rows);
  const counts = new Uint32Array(cols * rows);
  for (let y = 0; y < height; y += 1) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0; x < width; x += 1) {
      const value = grey[y * width + x]!;
      const c = row + Math.floor(x / cell);
      sum[c]! += value;
      squares[c]! += value * value;
      counts[c]! += 1;
    }
  }
  // Threshold of each cell over the window of its 3 × 3 neighbourhood.
  const thresholds = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      let s = 0;
      let q = 0;
      let n = 0;
      for (let dr = -1; dr <= 1; dr += 1) {
        for (let dc = -1; dc <= 1; dc += 1) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const i = rr * cols + cc;
          s += sum[i]!;
          q += squares[i]!;
          n += counts[i]!;
        }
      }
      const mean = s / n;
      const sd = Math.sqrt(Math.max(0, q / n - mean * mean));
      thresholds[r * cols + c] = mean * (1 + SAUVOLA_K * (sd / SAUVOLA_R - 1));
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const fy = Math.min(rows - 1, Math.max(0, (y + 0.5) / cell - 0.5));
    const r0 = Math.floor(fy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const wy = fy - r0;
    for (let x = 0; x < width; x += 1) {
      const fx = Math.min(cols - 1, Math.max(0, (x + 0.5) / cell - 0.5));
      const c0 = Math.floor(fx);
      const c1 = Math.min(cols - 1, c0 + 1);
      const wx = fx - c0;
      const top = thresholds[r0 * cols + c0]! * (1 - wx) + thresholds[r0 * cols + c1]! * wx;
      const bottom = thresholds[r1 * cols + c0]! * (1 - wx) + thresholds[r1 * cols + c1]! * wx;
      out[y * width + x] = grey[y * width + x]! <= top * (1 - wy) + bottom * wy ? 0 : 255;
    }
  }
  return out;
}

/**
 * Connected dark shapes (8-neighbours) of a binarised image whose box is glyph-sized: at
 * least `minSize` pixels tall or wide, at most `maxSize` (rules, borders and stains are
 * larger, dust smaller).
 */
export function countGlyphs(
  binary: Uint8Array,
  width: number,
  height: number,
  minSize: number,
  maxSize: number,
): number {
  const seen = new Uint8Array(binary.length);
  const stack: number[] = [];
  let glyphs = 0;
  for (let start = 0; start < binary.length; start += 1) {
    if (binary[start] !== 0 || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let [x0, y0, x1, y1] = [width, height, 0, 0];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (binary[q] === 0 && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    const size = Math.max(x1 - x0 + 1, y1 - y0 + 1);
    if (size >= minSize && size <= maxSize) glyphs += 1;
  }
  return glyphs;
}

/** Sauvola window: about a line of text high at the page's scale (25 px at 300 dpi). */
function sauvolaWindow(width: number): number {
  return Math.max(15, Math.round(width / 100));
}

/**
 * Measures the ink on a page image, whatever its paper: the page is scaled to
 * {@link INK_MEASURE_WIDTH}, binarised locally ({@link sauvolaBinarise}) and its
 * glyph-sized shapes counted. A page that reads as (nearly) nothing while holding
 * hundreds of glyphs has been lost by the reading, not left blank by the printer.
 */
export async function measureInk(png: Buffer): Promise<InkMeasure> {
  const sharp = await loadSharp();
  const { width: fullWidth = INK_MEASURE_WIDTH } = await sharp(png).metadata();
  const { data, info } = await sharp(png)
    .resize({ width: Math.min(fullWidth, INK_MEASURE_WIDTH) })
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const binary = sauvolaBinarise(data, info.width, info.height, sauvolaWindow(info.width));
  let dark = 0;
  for (const value of binary) if (value === 0) dark += 1;
  // A glyph of 8–12 pt on a page of 1,200 px across spans about 4 to 30 px.
  const glyphs = countGlyphs(binary, info.width, info.height, 3, Math.round(info.width / 25));
  return { darkRatio: dark / binary.length, glyphs };
}

/**
 * The page binarised by {@link sauvolaBinarise} at its own resolution, as a PNG: one of the
 * other ways a page lost by the usual preprocessing is read again (pipeline/page-rereading.ts).
 */
export async function binariseForOcr(png: Buffer): Promise<Buffer> {
  const sharp = await loadSharp();
  const { density, data, info } = await greyPixels(png);
  const binary = sauvolaBinarise(data, info.width, info.height, sauvolaWindow(info.width));
  const image = sharp(binary, { raw: { width: info.width, height: info.height, channels: 1 } }).toColourspace(
    'b-w',
  );
  return (density ? image.withDensity(density) : image)
    .png({ compressionLevel: TRANSIENT_PNG_COMPRESSION })
    .toBuffer();
}

/**
 * The page turned by `degrees` (clockwise when positive) at its own resolution: an askew page
 * straightened for a second reading (pipeline/page-rereading.ts). The canvas grows to hold the
 * whole turned page; the corners it gains are filled with the paper's own grey (the median
 * level), not white: a white frame around grey paper makes tesseract's global threshold take
 * the paper for ink, and a real typewritten page turned back on white read as nothing.
 */
export async function rotateForOcr(png: Buffer, degrees: number): Promise<Buffer> {
  const sharp = await loadSharp();
  const { density, data, info } = await greyPixels(png);
  const paper = paperLevel(greyHistogram(data));
  const image = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .rotate(degrees, { background: { r: paper, g: paper, b: paper } })
    .toColourspace('b-w');
  return (density ? image.withDensity(density) : image)
    .png({ compressionLevel: TRANSIENT_PNG_COMPRESSION })
    .toBuffer();
}
