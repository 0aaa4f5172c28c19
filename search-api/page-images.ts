/**
 * Images of printed pages, for reading an article beside the page it was printed on.
 * A page is found by bulletin id and page number only: the file comes from the
 * bulletin's `sourceSha256` in the store, never from anything in the request. It is
 * rendered once, scaled, encoded as WebP and cached in the data directory
 * (`cache/pages/<sha>/page-NNNN-wW.webp`); since originals are content-addressed, a cached
 * image never goes stale.
 *
 * An original is input like any other: a PDF page renders in the PDF sandbox
 * (engines/pdf-sandbox.ts), a thread with a heap and a time limit, off the event loop that
 * answers every other request; it renders at the resolution the served width needs, within
 * a pixel budget. Past a limit the request answers 413 (`page_too_large`) or 503
 * (`page_render_timeout`, `page_render_failed`), never 500. The cache holds at most
 * `cacheBytes` of images, the least recently served removed first.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { PdfSandbox } from '../engines/pdf-sandbox.js';
import { PipelineError } from '../pipeline/errors.js';
import { openDocument } from '../pipeline/pages.js';
import { type DataDir, writeAtomically } from '../store/data-dir.js';
import type { SearchStore } from '../store/search-store.js';
import { ApiError, NotFoundError } from './errors.js';

/** Options of {@link PageImages}. */
export interface PageImagesOptions {
  /** Width of served page images in pixels (default 1200: readable on a desktop, light on a phone). */
  width?: number;
  /** Renders at once; rendering a PDF page is CPU-heavy, so few (default 1). */
  concurrency?: number;
  /**
   * Pixels a page may render to before scaling (default 16 million: a page as wide as the
   * served width and ten A4 pages tall). A PDF page renders at the resolution the served width
   * needs, so only a freakishly long page reaches it; a scan past it is refused at decoding.
   */
  maxPixels?: number;
  /** Longest a PDF page render may take before its thread is stopped (default 20 s). */
  timeoutMs?: number;
  /** Heap of the rendering thread in MB (default 256; the render itself is bounded by `maxPixels`). */
  maxHeapMb?: number;
  /** Bytes of page images the cache keeps on disk (default 512 MiB, about 2,500 pages). */
  cacheBytes?: number;
}

/** A page image ready to send. */
export interface PageImage {
  bytes: Buffer;
  mediaType: 'image/webp';
  /** Stable for the same original, page and width. */
  etag: string;
}

/** Resolution PDF pages render at, at most, before scaling: enough for a 1200 px wide A4 page. */
const PDF_RENDER_DPI = 150;
const DEFAULT_MAX_PIXELS = 16_000_000;
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_HEAP_MB = 256;
const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024;

/** What the API answers when a page's original cannot be rendered within the limits. */
function renderFailure(error: PipelineError): ApiError {
  switch (error.code) {
    case 'IMAGE_TOO_LARGE':
      return new ApiError(413, 'page_too_large', `this page is too large to render: ${error.message}`);
    case 'PDF_TIMEOUT':
      return new ApiError(503, 'page_render_timeout', 'rendering this page took too long and was stopped');
    default:
      return new ApiError(503, 'page_render_failed', `this page could not be rendered (${error.code})`);
  }
}

export class PageImages {
  private readonly width: number;
  private readonly maxPixels: number;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly sandbox: PdfSandbox;
  /** Renders under way, so concurrent requests for one page render it once. */
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  /** Cached image files by path, with their size: evicting one deletes it. */
  private readonly cache: LRUCache<string, number>;
  /** The cache's files already on disk, counted once before the first image is served. */
  private cacheScanned: Promise<void> | null = null;

  constructor(
    private readonly dataDir: DataDir,
    private readonly store: SearchStore,
    options: PageImagesOptions = {},
  ) {
    this.width = options.width ?? 1200;
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    this.limit = pLimit(options.concurrency ?? 1);
    this.sandbox = new PdfSandbox({
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxHeapMb: options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB,
    });
    this.cache = new LRUCache<string, number>({
      maxSize: options.cacheBytes ?? DEFAULT_CACHE_BYTES,
      sizeCalculation: (bytes) => Math.max(1, bytes),
      dispose: (_bytes, file, reason) => {
        if (reason === 'evict') void rm(file, { force: true }).catch(() => {});
      },
    });
  }

  /** Where the cached images live. */
  private get cacheRoot(): string {
    return path.join(this.dataDir.root, 'cache', 'pages');
  }

  /**
   * Page `page` (1-based, in the file) of bulletin `bulletinId`.
   *
   * @throws NotFoundError when the bulletin, the page or the original file is unknown.
   * @throws ApiError 413 `page_too_large`, 503 `page_render_timeout` or `page_render_failed` past a limit.
   */
  async image(bulletinId: string, page: number): Promise<PageImage> {
    const bulletin = await this.store.getBulletin(bulletinId);
    if (!bulletin) throw new NotFoundError(`no bulletin ${bulletinId} in the archive`);
    if (page > bulletin.pageCount) {
      throw new NotFoundError(`bulletin ${bulletinId} has ${bulletin.pageCount} pages, not ${page}`);
    }
    this.cacheScanned ??= this.scanCache();
    await this.cacheScanned;
    const sha = bulletin.sourceSha256;
    const name = `page-${String(page).padStart(4, '0')}-w${this.width}.webp`;
    const file = path.join(this.cacheRoot, sha, name);
    const etag = `${sha.slice(0, 16)}-${name}`;
    const cached = await readFile(file).catch(() => null);
    if (cached) {
      // Served again: the most recently used now (another serving process may have written it).
      if (this.cache.get(file) === undefined) this.cache.set(file, cached.length);
      return { bytes: cached, mediaType: 'image/webp', etag };
    }
    let rendering = this.inFlight.get(file);
    if (!rendering) {
      rendering = this.limit(() => this.render(sha, page, file)).finally(() => this.inFlight.delete(file));
      this.inFlight.set(file, rendering);
    }
    return { bytes: await rendering, mediaType: 'image/webp', etag };
  }

  /** Ends the rendering threads (a render in flight fails). */
  async close(): Promise<void> {
    await this.sandbox.close();
  }

  /** Counts the images earlier runs left in the cache, oldest first, so the bound holds across restarts. */
  private async scanCache(): Promise<void> {
    const files: { file: string; size: number; at: number }[] = [];
    for (const sha of await readdir(this.cacheRoot).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(this.cacheRoot, sha)).catch(() => [] as string[])) {
        const file = path.join(this.cacheRoot, sha, name);
        const info = await stat(file).catch(() => null);
        if (info?.isFile()) files.push({ file, size: info.size, at: info.mtimeMs });
      }
    }
    for (const { file, size } of files.sort((a, b) => a.at - b.at)) this.cache.set(file, size);
  }

  private async render(sha: string, page: number, file: string): Promise<Buffer> {
    const intake = await this.dataDir.loadIntake(sha);
    const bytes = intake ? await readFile(this.dataDir.originalPath(intake)).catch(() => null) : null;
    if (!intake || !bytes) throw new NotFoundError('the original of this bulletin is not in the archive');
    try {
      const document = await openDocument(bytes, intake, {
        openPdf: this.sandbox.open,
        maxPixels: this.maxPixels,
      });
      try {
        const source = await document.page(page);
        // As fine as the served width needs, never finer: a poster-sized page renders small.
        const dpi =
          source.width > 0 ? Math.min(PDF_RENDER_DPI, (this.width * 72) / source.width) : PDF_RENDER_DPI;
        const png = await source.render(dpi);
        const webp = await sharp(png, { limitInputPixels: this.maxPixels })
          .resize({ width: this.width, withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer();
        // An image larger than the whole cache is served, not kept.
        if (webp.length <= this.cache.maxSize) {
          await writeAtomically(file, webp);
          this.cache.set(file, webp.length);
        }
        return webp;
      } finally {
        await document.close();
      }
    } catch (error) {
      if (error instanceof PipelineError) throw renderFailure(error);
      throw error;
    }
  }
}
