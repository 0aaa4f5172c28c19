/**
 * The searchable PDF of an archived issue (`jarida export <bulletinId> --format pdf`,
 * `GET /v1/bulletins/:id/pdf`): its original file's pages as received, with the text read from
 * each scanned page under it ({@link buildSearchablePdf}). Pages read from their own trusted
 * text layer (born-digital) are copied as they are: their text is already there.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { NotFoundError } from '../pipeline/errors.js';
import type { Bulletin, IntakeRecord, LegalText, PageArtefact } from '../pipeline/model.js';
import {
  buildSearchablePdf,
  type SearchablePage,
  type SearchablePdfMetadata,
} from '../pipeline/searchable-pdf.js';
import type { DataDir } from './data-dir.js';
import type { SearchStore } from './search-store.js';

/** DejaVu Sans: Latin and Arabic glyphs in one font, already a dependency. */
const TEXT_FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** Resolution assumed for a scan whose file does not say (the usual archival scanning resolution). */
const DEFAULT_SCAN_DPI = 300;

/**
 * The searchable PDF of bulletin `bulletinId`.
 *
 * @throws NotFoundError when the bulletin or its original file is not in the archive.
 */
export async function exportBulletinPdf(
  store: SearchStore,
  dataDir: DataDir,
  bulletinId: string,
): Promise<Uint8Array> {
  const bulletin = await store.getBulletin(bulletinId);
  if (!bulletin) throw new NotFoundError(`no bulletin ${bulletinId} in the archive`);
  const intake = await dataDir.loadIntake(bulletin.sourceSha256);
  const original = intake ? await readFile(dataDir.originalPath(intake)).catch(() => null) : null;
  if (!intake || !original)
    throw new NotFoundError(`the original of bulletin ${bulletinId} is not in the archive`);
  const artefacts = await Promise.all(
    Array.from({ length: bulletin.pageCount }, (_, i) => dataDir.loadPage(bulletin.sourceSha256, i + 1)),
  );
  const texts = (await dataDir.loadBulletin(bulletin.sourceSha256))?.texts ?? [];
  const pages =
    intake.mediaType === 'application/pdf'
      ? artefacts.map(
          (artefact, i): SearchablePage => ({ kind: 'pdf', index: i + 1, lines: hiddenLines(artefact) }),
        )
      : await imagePages(original, intake, artefacts);
  return buildSearchablePdf({
    original: intake.mediaType === 'application/pdf' ? original : undefined,
    pages,
    font: await readFile(TEXT_FONT),
    metadata: metadataOf(bulletin, texts),
  });
}

/** The lines to lay under a page: all it read by OCR (running header too); none when its own text layer was trusted. */
function hiddenLines(artefact: PageArtefact | null): SearchablePage['lines'] {
  if (artefact?.source !== 'ocr') return [];
  return [...artefact.header, ...artefact.lines];
}

/**
 * The pages of an image file. A single-page PNG or JPEG goes in as its own bytes; the pages of
 * a TIFF, which PDF cannot hold as they are, as lossless PNGs of the same pixels.
 */
async function imagePages(
  original: Buffer,
  intake: IntakeRecord,
  artefacts: readonly (PageArtefact | null)[],
): Promise<SearchablePage[]> {
  return Promise.all(
    artefacts.map(async (artefact, i) => {
      const image = sharp(original, { page: i, limitInputPixels: false });
      const { width, height, density, pageHeight } = await image.metadata();
      if (!width || !height) throw new NotFoundError(`page ${i + 1} of ${intake.fileName} cannot be read`);
      const points = 72 / (density || DEFAULT_SCAN_DPI);
      const asIs = intake.mediaType === 'image/png' || intake.mediaType === 'image/jpeg';
      return {
        kind: 'image',
        image: asIs ? original : await image.png().toBuffer(),
        format: intake.mediaType === 'image/jpeg' ? 'jpeg' : 'png',
        width: width * points,
        height: (pageHeight ?? height) * points,
        lines: hiddenLines(artefact),
      };
    }),
  );
}

const EDITION_NAME = { fr: 'édition de traduction officielle', ar: 'édition générale' } as const;

function metadataOf(bulletin: Bulletin, texts: readonly LegalText[]): SearchablePdfMetadata {
  const number = bulletin.suffix ? `${bulletin.number} ${bulletin.suffix}` : bulletin.number;
  const title =
    bulletin.edition === 'ar'
      ? `الجريدة الرسمية عدد ${number}${bulletin.date ? ` بتاريخ ${bulletin.date}` : ''}`
      : `Bulletin officiel n° ${number}${bulletin.date ? ` du ${bulletin.date}` : ''}`;
  const pages =
    bulletin.firstPage !== null ? `${bulletin.firstPage}-${bulletin.lastPage ?? bulletin.firstPage}` : '';
  return {
    title,
    subject: `Bulletin officiel du Royaume du Maroc, ${EDITION_NAME[bulletin.edition]}, n° ${number}`,
    keywords: [bulletin.id, ...texts.map((t) => t.id)],
    author: 'Royaume du Maroc, Secrétariat général du gouvernement',
    language: bulletin.edition === 'ar' ? 'ar-MA' : 'fr-MA',
    date: bulletin.date ? new Date(`${bulletin.date}T00:00:00Z`) : null,
    custom: {
      BulletinId: bulletin.id,
      Edition: bulletin.edition,
      IssueNumber: number,
      ...(bulletin.date ? { PublicationDate: bulletin.date } : {}),
      ...(bulletin.hijriDate ? { HijriDate: bulletin.hijriDate } : {}),
      ...(pages ? { PrintedPages: pages } : {}),
    },
  };
}
