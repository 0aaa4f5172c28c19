/**
 * Images of printed pages, for reading an article beside the page it was printed on.
 * A page is found by bulletin id and page number only: the file comes from the
 * bulletin's `sourceSha256` in the store, never from anything in the request. It is
 * rendered once with the pipeline's own PDF/image readers, scaled, encoded as WebP and
 * cached in the data directory (`cache/pages/<sha>/page-NNNN-wW.webp`); since originals
 * are content-addressed, a cached image never goes stale.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { openDocument } from '../pipeline/pages.js';
import { type DataDir, writeAtomically } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';
import { NotFoundError } from './errors.js';

/** Options of {@link PageImages}. */
export interface PageImagesOptions {
  /** Width of served page images in pixels (default 1200: readable on a desktop, light on a phone). */
  width?: number;
  /** Renders at once; rendering a PDF page is CPU-heavy, so few (default 1). */
  concurrency?: number;
}

/** A page image ready to send. */
export interface PageImage {
  bytes: Buffer;
  mediaType: 'image/webp';
  /** Stable for the same original, page and width. */
  etag: string;
}

/** Resolution PDF pages render at before scaling: enough for a 1200 px wide A4 page. */
const PDF_RENDER_DPI = 150;

export class PageImages {
  private readonly width: number;
  private readonly limit: ReturnType<typeof pLimit>;
  /** Renders under way, so concurrent requests for one page render it once. */
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly dataDir: DataDir,
    private readonly store: SearchStore,
    options: PageImagesOptions = {},
  ) {
    this.width = options.width ?? 1200;
    this.limit = pLimit(options.concurrency ?? 1);
  }

  /**
   * Page `page` (1-based, in the file) of bulletin `bulletinId`.
   *
   * @throws NotFoundError when the bulletin, the page or the original file is unknown.
   */
  async image(bulletinId: string, page: number): Promise<PageImage> {
    const bulletin = await this.store.getBulletin(bulletinId);
    if (!bulletin) throw new NotFoundError(`no bulletin ${bulletinId} in the archive`);
    if (page > bulletin.pageCount) {
      throw new NotFoundError(`bulletin ${bulletinId} has ${bulletin.pageCount} pages, not ${page}`);
    }
    const sha = bulletin.sourceSha256;
    const name = `page-${String(page).padStart(4, '0')}-w${this.width}.webp`;
    const file = path.join(this.dataDir.root, 'cache', 'pages', sha, name);
    const etag = `${sha.slice(0, 16)}-${name}`;
    const cached = await readFile(file).catch(() => null);
    if (cached) return { bytes: cached, mediaType: 'image/webp', etag };
    let rendering = this.inFlight.get(file);
    if (!rendering) {
      rendering = this.limit(() => this.render(sha, page, file)).finally(() => this.inFlight.delete(file));
      this.inFlight.set(file, rendering);
    }
    return { bytes: await rendering, mediaType: 'image/webp', etag };
  }

  private async render(sha: string, page: number, file: string): Promise<Buffer> {
    const intake = await this.dataDir.loadIntake(sha);
    const bytes = intake ? await readFile(this.dataDir.originalPath(intake)).catch(() => null) : null;
    if (!intake || !bytes) throw new NotFoundError('the original of this bulletin is not in the archive');
    const document = await openDocument(bytes, intake);
    try {
      const png = await (await document.page(page)).render(PDF_RENDER_DPI);
      const webp = await sharp(png)
        .resize({ width: this.width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      await writeAtomically(file, webp);
      return webp;
    } finally {
      await document.close();
    }
  }
}
