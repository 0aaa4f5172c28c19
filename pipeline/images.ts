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
 * One-channel 8-bit PNG of an image, transparency flattened onto white paper. The
 * resolution, when known, is written into the PNG: tesseract sizes its analysis by it.
 */
export function greyPng(image: Sharp, density?: number): Promise<Buffer> {
  const grey = image.flatten({ background: '#ffffff' }).toColourspace('b-w');
  return (density ? grey.withDensity(density) : grey).png().toBuffer();
}

/**
 * Prepares a page image for tesseract: greyscale, then a contrast stretch so faded
 * typescript and old print reach full range. Other steps (threshold, sharpen, median)
 * were measured on real pages and left out because they did not lower CER.
 */
export async function preprocessForOcr(png: Buffer): Promise<Buffer> {
  const { density } = await sharp(png).metadata();
  return greyPng(sharp(png).normalise(), density);
}
