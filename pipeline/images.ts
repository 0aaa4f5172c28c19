/**
 * Image inputs (PNG, JPEG, single- and multi-page TIFF) and the preprocessing of page
 * images before OCR, with sharp. Sizes are checked from the header before any pixel is
 * decoded, so a decompression bomb fails fast without allocating its bitmap.
 */
import sharp, { type Sharp } from 'sharp';
import { CorruptImageError, ImageTooLargeError } from './errors.js';

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
  const [{ density }, { data, info }] = await Promise.all([
    sharp(png).metadata(),
    sharp(png)
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ]);
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

/** Cuts regions out of one page image, as PNGs. */
export type ImageCutter = (region: PixelRegion) => Promise<Buffer>;

/**
 * Decodes a (preprocessed) page image once and returns a function that cuts regions out of
 * it, for a second reading of some of its lines: decoding the 300 dpi PNG again for each
 * line cost more than reading the line.
 */
export async function imageCutter(png: Buffer): Promise<ImageCutter> {
  const [{ density }, { data, info }] = await Promise.all([
    sharp(png).metadata(),
    sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true }),
  ]);
  const raw = { width: info.width, height: info.height, channels: 1 } as const;
  return (region) => {
    // The page's resolution goes with each cut: without it tesseract guesses one from the line.
    const cut = sharp(data, { raw }).extract(region).toColourspace('b-w');
    return (density ? cut.withDensity(density) : cut)
      .png({ compressionLevel: TRANSIENT_PNG_COMPRESSION })
      .toBuffer();
  };
}
