/**
 * A pool of tesseract.js workers implementing {@link OcrEngine}: one worker per core by
 * default, created on first use, traineddata read offline from the @tesseract.js-data
 * packages. A worker is replaced after a number of pages (tesseract's WASM heap only
 * grows) and after a page that timed out (it cannot be interrupted, only terminated).
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import Tesseract from 'tesseract.js';
import { OcrTimeoutError } from '../pipeline/errors.js';
import type { OcrLanguage } from '../pipeline/model.js';
import {
  linesFromTesseract,
  type OcrEngine,
  type OcrResult,
  pngSize,
  type RecognizeOptions,
  type Segmentation,
} from '../pipeline/ocr.js';

const require = createRequire(import.meta.url);

/** Options of {@link TesseractPool}. */
export interface TesseractPoolOptions {
  /** Number of workers; default: the number of cores. */
  size?: number;
  /** A page taking longer fails with OcrTimeoutError; default 120 s. */
  pageTimeoutMs?: number;
  /** Pages a worker reads before it is replaced; default 50. */
  recycleAfter?: number;
}

interface Slot {
  lang: OcrLanguage;
  worker: Tesseract.Worker;
  pages: number;
  psm: Tesseract.PSM;
}

/**
 * Tesseract page segmentation mode for each way of reading an image. tesseract.js takes
 * them as strings: a number is silently ignored and leaves its default, a single block.
 * A cut-out line is read raw (13) rather than as a single line (7): on the real Arabic
 * lines of fixtures/real that took CER from 13.6 % to 11.5 % (see BENCHMARKS.md).
 */
const PAGE_SEGMENTATION: Record<Segmentation, Tesseract.PSM> = {
  page: Tesseract.PSM.AUTO,
  line: Tesseract.PSM.RAW_LINE,
  block: Tesseract.PSM.SINGLE_BLOCK,
};

/** The models used: LSTM "best_int", as the @tesseract.js-data packages name their folder. */
const MODEL = '4.0.0_best_int';

/** Folder holding `<lang>.traineddata.gz` (LSTM "best_int" models), inside the npm data packages. */
export function traineddataPath(lang: OcrLanguage): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), MODEL);
}

/**
 * Folder of the unpacked `<lang>.traineddata` in the user's cache directory (XDG_CACHE_HOME,
 * else ~/.cache), named by the data package's version so that an upgraded package is
 * unpacked again.
 */
async function traineddataCachePath(lang: OcrLanguage): Promise<string> {
  const manifest = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'jarida', 'traineddata', `${lang}-${version}-${MODEL}`);
}

/**
 * Unpacks `<lang>.traineddata.gz` once per machine into {@link traineddataCachePath}, so that
 * no worker gunzips the model again as it starts. Written under a temporary name and renamed,
 * so that a worker of another process never reads half a model. Null when the cache cannot be
 * written: workers then read the packed model.
 */
async function unpackTraineddata(lang: OcrLanguage): Promise<string | null> {
  try {
    const folder = await traineddataCachePath(lang);
    const file = join(folder, `${lang}.traineddata`);
    if (await stat(file).catch(() => null)) return folder;
    const packed = await readFile(join(traineddataPath(lang), `${lang}.traineddata.gz`));
    await mkdir(folder, { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    await writeFile(partial, await promisify(gunzip)(packed));
    await rename(partial, file);
    return folder;
  } catch {
    return null;
  }
}

/** {@link unpackTraineddata} once per process and language: every worker of the pool reads the same folder. */
const unpacked = new Map<OcrLanguage, Promise<string | null>>();

/** OCR engine over a bounded pool of tesseract.js workers. */
export class TesseractPool implements OcrEngine {
  readonly size: number;
  private readonly pageTimeoutMs: number;
  private readonly recycleAfter: number;
  private readonly idle: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  private closed = false;
  private started = 0;
  /** Workers being started ahead of their first page ({@link TesseractPool.warm}), by language. */
  private readonly warming = new Map<OcrLanguage, Promise<void>>();

  constructor(options: TesseractPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.pageTimeoutMs = options.pageTimeoutMs ?? 120_000;
    this.recycleAfter = options.recycleAfter ?? 50;
  }

  /** Workers started so far: the first ones, then each replacement (quota reached, timeout, failure). */
  get workersStarted(): number {
    return this.started;
  }

  /** Recognises one page image; waits for a free worker when all are busy. */
  async recognize(png: Buffer, lang: OcrLanguage, options: RecognizeOptions = {}): Promise<OcrResult> {
    const size = pngSize(png);
    if (!size) throw new TypeError('recognize expects a PNG image');
    const slot = await this.acquire(lang);
    let keep = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const psm = PAGE_SEGMENTATION[options.segmentation ?? 'page'];
      if (slot.psm !== psm) {
        await slot.worker.setParameters({ tessedit_pageseg_mode: psm });
        slot.psm = psm;
      }
      const timeout = new Promise<never>((_, reject) => {
        const limit = options.timeoutMs ?? this.pageTimeoutMs;
        timer = setTimeout(() => reject(new OcrTimeoutError(limit)), limit);
      });
      const { data } = await Promise.race([
        slot.worker.recognize(png, {}, { blocks: true, text: false }),
        timeout,
      ]);
      slot.pages += 1;
      keep = slot.pages < this.recycleAfter;
      return linesFromTesseract(data.blocks, size.width, size.height);
    } catch (err) {
      keep = false;
      throw err;
    } finally {
      clearTimeout(timer);
      await this.release(slot, keep);
    }
  }

  /**
   * Starts a worker of `lang` now, to wait idle for the first page: its start (loading the
   * WASM engine and the traineddata, in its own thread) then overlaps the caller's decoding
   * and preprocessing of that page instead of following it. Does nothing when the pool is full
   * or a worker of `lang` is idle already.
   */
  warm(lang: OcrLanguage): void {
    if (this.closed || this.warming.has(lang) || this.busy + this.idle.length >= this.size) return;
    if (this.idle.some((slot) => slot.lang === lang)) return;
    this.busy += 1;
    const started = this.spawn(lang).then(
      (slot) => this.release(slot, true),
      // A worker that cannot start fails the first page that needs one, with its own error.
      () => {
        this.busy -= 1;
        this.wakeOne();
      },
    );
    this.warming.set(
      lang,
      started.finally(() => this.warming.delete(lang)),
    );
  }

  /** Terminates every worker; pages still queued fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.warming.values());
    const slots = this.idle.splice(0);
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private async acquire(lang: OcrLanguage): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('OCR engine closed');
      const same = this.idle.findIndex((s) => s.lang === lang);
      if (same >= 0) {
        this.busy += 1;
        return this.idle.splice(same, 1)[0]!;
      }
      const warming = this.warming.get(lang);
      if (warming) {
        await warming;
        continue;
      }
      const room = this.busy + this.idle.length < this.size;
      if (room || this.idle.length > 0) {
        // No idle worker of this language: start one, replacing an idle one of the other language if full.
        const evicted = room ? undefined : this.idle.shift();
        this.busy += 1;
        try {
          if (evicted) await evicted.worker.terminate();
          return await this.spawn(lang);
        } catch (err) {
          this.busy -= 1;
          this.wakeOne();
          throw err;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async release(slot: Slot, keep: boolean): Promise<void> {
    this.busy -= 1;
    if (keep && !this.closed) this.idle.push(slot);
    else await slot.worker.terminate().catch(() => undefined);
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }

  private async spawn(lang: OcrLanguage): Promise<Slot> {
    if (!unpacked.has(lang)) unpacked.set(lang, unpackTraineddata(lang));
    const folder = await unpacked.get(lang);
    const worker = await Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, {
      ...(folder ? { langPath: folder, gzip: false } : { langPath: traineddataPath(lang), gzip: true }),
      cacheMethod: 'none',
      // Without a handler tesseract.js rethrows a job's error (an unreadable image) outside
      // any promise, an uncaught exception that ends the process; the job's own promise
      // rejects with the same reason, so the page fails alone.
      errorHandler: () => undefined,
    });
    this.started += 1;
    const psm = PAGE_SEGMENTATION.page;
    // Tesseract reads every doubtful word a second time as white on black; the gazette prints
    // none, and without that second reading the real typewritten pages read 8 % faster with
    // CER 6.4 → 5.8 % (docs/ocr-preprocessing.md).
    // debug_file: tesseract's own notes ("Detected 181 diacritics") go there instead of the
    // terminal, where they would break the progress bar.
    await worker.setParameters({
      tessedit_pageseg_mode: psm,
      tessedit_do_invert: '0',
      debug_file: '/dev/null',
    });
    return { lang, worker, pages: 0, psm };
  }
}
