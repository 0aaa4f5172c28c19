/**
 * Intake: what a file is, before any page is read. The type comes from the magic bytes,
 * never from the extension, because archives rename files freely.
 */
import { createHash } from 'node:crypto';
import { EmptyInputError, UnsupportedInputError } from './errors.js';
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
 * Identifies an input file: sha256, sniffed media type, and the bulletin its name suggests.
 *
 * @throws EmptyInputError for a file with no bytes.
 * @throws UnsupportedInputError (code `UNSUPPORTED_TYPE`) when it is no PDF, TIFF, PNG or JPEG.
 * @example intake(await readFile('BO_7140_bis_Fr.pdf'), 'BO_7140_bis_Fr.pdf').guess // { number: '7140', suffix: 'bis', edition: 'fr' }
 */
export function intake(bytes: Uint8Array, fileName: string): IntakeRecord {
  if (bytes.byteLength === 0) throw new EmptyInputError(fileName);
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw new UnsupportedInputError(fileName);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType,
    fileName,
    byteLength: bytes.byteLength,
    guess: guessBulletinFromFileName(fileName),
  };
}
