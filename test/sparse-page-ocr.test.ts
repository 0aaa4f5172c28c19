/**
 * OCR of pages that read little. A sparse page: the last page of a scan-quality fixture
 * issue holds a dozen lines in one column, the rest is paper with the verso showing through.
 * Its contrast stretch used to turn the paper grey and the verso black, and tesseract read
 * the mirrored verso (CER 78 %). Read through the whole path `jarida ingest` takes: PDF (JPEG
 * page images), 300 dpi render, preprocessing, tesseract.js, layout. And a page that reads as
 * nothing however it is read: kept flagged, its file ingested, and `status` showing it, in
 * both ingest modes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRealSet, REAL_OCR_SETS } from '../bench/real-ocr-sets.js';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { IngestService } from '../ingest/ingest-service.js';
import { IngestStages } from '../ingest/ingest-stages.js';
import { characterErrors } from '../pipeline/evaluation.js';
import { normalizeForCer } from '../pipeline/normalize.js';
import { type OcrEngine, pngSize } from '../pipeline/ocr.js';
import { pageText } from '../pipeline/page-text.js';
import { type PdfOpener, readPage } from '../pipeline/pages.js';
import { openPdf } from '../pipeline/pdf.js';
import { IngestQueue } from '../queue/ingest-queue.js';
import { STAGES } from '../queue/queue-stages.js';
import { QueueWorkers } from '../queue/queue-workers.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { startRedis } from './redis-server.js';
import { generateFixtureFiles, openFixtureIssue, openTempArchive } from './temp-archive.js';

const TYPEWRITTEN = REAL_OCR_SETS.find((set) => set.name === 'typewritten')!;
const pool = new TesseractPool({ size: 1 });
const dir = await mkdtemp(path.join(tmpdir(), 'jarida-sparse-'));
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OCR of a sparse page with bleed-through', () => {
  it('reads the page, not its verso', async () => {
    // Seed 31337's first issue (bo-fr-6495) ends on such a page, its 4th.
    const { truth, document } = await openFixtureIssue(
      dir,
      { seed: 31337, issues: 1, edition: 'fr', quality: 'scan' },
      0,
    );
    const last = truth.pages.at(-1)!;
    try {
      const page = await readPage(await document.page(last.index), pool, { lang: 'fra' });
      const read = normalizeForCer(pageText(page), 'fr');
      expect(read).toContain('HASSAN BENNIS');
      expect(characterErrors(normalizeForCer(last.text, 'fr'), read).rate).toBeLessThan(0.05);
    } finally {
      await document.close();
    }
  }, 120_000);
});

/** An engine that reads nothing on any image: every way of reading loses the page. */
const blind: OcrEngine = {
  size: 1,
  recognize: async (png) => {
    const size = pngSize(png)!;
    return { lines: [], width: size.width, height: size.height, confidence: 0 };
  },
  close: async () => {},
};

/** A fixture issue whose page 2 comes as a scan without text layer, a real typed page of ink: its file and opener. */
async function issueWithTypedPage2(out: string): Promise<{ files: string[]; openPdf: PdfOpener }> {
  const { files } = await generateFixtureFiles(out, { seed: 23, issues: 1, edition: 'fr', quality: 'clean' });
  const [typed] = await loadRealSet(TYPEWRITTEN, ['bnf1984__19_13cb6_default']);
  const scan = await sharp(typed!.image).greyscale().png().toBuffer();
  const opener: PdfOpener = async (bytes, limits) => {
    const document = await openPdf(bytes, limits);
    return {
      ...document,
      page: async (index) =>
        index === 2
          ? { ...(await document.page(index)), textLayer: null, render: async () => scan }
          : document.page(index),
    };
  };
  return { files, openPdf: opener };
}

const flagged = expect.stringMatching(/^bo-fr-\d+: PAGE_UNREADABLE page 2: OCR read almost nothing/);

describe('a page no way of reading reads', () => {
  it('is kept flagged PAGE_UNREADABLE, and the rest of its file is ingested', async () => {
    const { files, openPdf: scannedPage2 } = await issueWithTypedPage2(path.join(dir, 'fx'));
    const { dataDir, store } = await openTempArchive(path.join(dir, 'data'));
    const ledger = new IngestLedger(dataDir.databasePath);
    const service = new IngestService({ dataDir, store, ocr: blind, ledger, openPdf: scannedPage2 });
    try {
      const [outcome] = await service.ingest(files);
      expect(outcome).toMatchObject({ status: 'ingested' });
      expect(outcome!.pages).toBeGreaterThan(2);
      expect(outcome!.texts).toBeGreaterThan(0);
      expect(outcome!.warnings).toContainEqual(flagged);
      const status = await service.status();
      expect(status.failures).toEqual([]);
      expect(status.warnings.flatMap((w) => w.warnings)).toContainEqual(flagged);
    } finally {
      ledger.close();
      await store.close();
    }
  }, 600_000);

  it('is flagged the same in the queued mode, and its status shows it', async () => {
    const { files, openPdf: scannedPage2 } = await issueWithTypedPage2(path.join(dir, 'fx-queued'));
    const { dataDir, store } = await openTempArchive(path.join(dir, 'data-queued'));
    const ledger = new IngestLedger(dataDir.databasePath);
    const redis = await startRedis();
    const target = { url: redis.url, prefix: 'sparse' };
    const deps = { dataDir, store, openPdf: scannedPage2 };
    const queue = new IngestQueue(target, new IngestStages(deps), { refusals: ledger });
    const workers = QueueWorkers.start({ ...deps, target, stages: STAGES, ocr: blind });
    try {
      const [outcome] = await queue.ingest(files);
      expect(outcome).toMatchObject({ status: 'ingested' });
      expect(outcome!.warnings).toContainEqual(flagged);
      const status = await queue.status();
      expect(status.failures).toEqual([]);
      expect(status.warnings.flatMap((w) => w.warnings)).toContainEqual(flagged);
    } finally {
      await workers.close();
      await queue.close();
      ledger.close();
      await store.close();
      await redis.stop();
    }
  }, 600_000);
});
