/**
 * The embedded ingestion's rule for a failed file, the queued mode's too: what it got to
 * (its pages above all) stays in the data directory, so a re-run reads only what is missing.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PdfOpener } from '../pipeline/pages.js';
import { openPdf } from '../pipeline/pdf.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { generateFixtureFiles, noOcr, openTempArchive, useTempDir } from '../test/temp-archive.js';
import { IngestService } from './ingest-service.js';

const work = useTempDir('jarida-ingest-service-');
let file: string;

beforeAll(async () => {
  const { files } = await generateFixtureFiles(path.join(work(), 'fx'), {
    seed: 23,
    issues: 1,
    edition: 'fr',
    quality: 'clean',
  });
  file = files[0]!;
});

describe('a file that fails after its pages were read', () => {
  test('keeps its pages: the re-run reads none again and gives the whole bulletin', async () => {
    const { dataDir, store } = await openTempArchive(path.join(work(), 'data'));
    const ledger = new IngestLedger(dataDir.databasePath);
    let pagesRead = 0;
    const countingOpen: PdfOpener = async (bytes, limits) => {
      const document = await openPdf(bytes, limits);
      return {
        ...document,
        page: (index) => {
          pagesRead += 1;
          return document.page(index);
        },
      };
    };
    // The index stage's write finds the disk full once.
    const save = store.saveBulletin.bind(store);
    let diskFull = true;
    store.saveBulletin = async (parsed, pages) => {
      if (diskFull) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return save(parsed, pages);
    };
    const service = new IngestService({
      dataDir,
      store,
      ocr: noOcr('clean issues carry a text layer: no OCR expected'),
      ledger,
      openPdf: countingOpen,
    });
    try {
      const [failed] = await service.ingest([file]);
      expect(failed).toMatchObject({ status: 'failed', code: 'DISK_FULL' });
      const pageCount = pagesRead;
      expect(pageCount).toBeGreaterThan(0);
      for (let index = 1; index <= pageCount; index++) {
        expect(await dataDir.loadPage(failed!.sha256!, index), `page ${index}`).not.toBeNull();
      }
      expect((await service.status()).failures).toEqual([expect.objectContaining({ code: 'DISK_FULL' })]);

      diskFull = false;
      const [retried] = await service.retry();
      expect(retried).toMatchObject({ status: 'ingested', pages: pageCount });
      expect(pagesRead).toBe(pageCount);
      const status = await service.status();
      expect(status.failures).toEqual([]);
      expect(status.archive.pages).toBe(pageCount);
    } finally {
      ledger.close();
      await store.close();
    }
  });
});
