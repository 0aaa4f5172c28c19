/**
 * Intake: what a file is, before any page is read. The type comes from the magic bytes,
 * never from the extension, because archives rename files freely.
 */
import { createHash } from 'node:crypto';
import { EmptyInputError, UnsupportedImageFormatError, UnsupportedInputError } from './errors.js';
import { guessBulletinFromFileName } from './ids.js';
import type { IntakeRecord } from './model.js';

type MediaType = IntakeRecord['mediaType'];

/** Leading bytes of each accepted type. PDFs may have junk before `%PDF-` (readers allow 1 KiB). */
const SIGNATURES: { mediaType: MediaType; bytes: number[] }[] = [
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { mediaType: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];
const PDF_MAGIC = '%PDF-';
const PDF_HEADER_WINDOW = 1024;

/** Media type sniffed from the first bytes; null when none matches. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  for (const { mediaType, bytes: magic } of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return mediaType;
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_HEADER_WINDOW));
  return head.includes(PDF_MAGIC, 0, 'latin1') ? 'application/pdf' : null;
}

/**
 * Identifies an input file: sha256, sniffed media type, and the bulletin its name suggests: a
 * name is evidence, not truth, and only a BO-shaped one suggests a number
 * ({@link guessBulletinFromFileName}); the pages win over it.
 *
 * @throws EmptyInputError for a file with no bytes.
 * @throws UnsupportedInputError (code `UNSUPPORTED_TYPE`) when it is no PDF, TIFF, PNG or JPEG.
 * @throws UnsupportedImageFormatError for a TIFF of floating-point samples.
 * @example intake(await readFile('BO_7140_bis_Fr.pdf'), 'BO_7140_bis_Fr.pdf').guess // { number: '7140', suffix: 'bis', edition: 'fr' }
 */
export function intake(bytes: Uint8Array, fileName: string): IntakeRecord {
  if (bytes.byteLength === 0) throw new EmptyInputError(fileName);
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw new UnsupportedInputError(fileName);
  if (mediaType === 'image/tiff' && tiffHasFloatSamples(bytes)) {
    throw new UnsupportedImageFormatError(fileName, 'TIFF of floating-point samples (SampleFormat 3)');
  }
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType,
    fileName,
    byteLength: bytes.byteLength,
    guess: guessBulletinFromFileName(fileName),
  };
}

const TIFF_SAMPLE_FORMAT = 339;
const TIFF_IEEE_FLOAT = 3;

/**
 * Whether the first image of a TIFF stores floating-point samples. Scanners write 1, 8 or
 * 16-bit integers; libvips reads floats as they are (0 to 1), which turns a page black.
 */
export function tiffHasFloatSamples(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  if (bytes.byteLength < 8) return false;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > bytes.byteLength) return false;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > bytes.byteLength) return false;
    if (view.getUint16(at, little) === TIFF_SAMPLE_FORMAT) {
      return view.getUint16(at + 8, little) === TIFF_IEEE_FLOAT;
    }
  }
  return false;
}
