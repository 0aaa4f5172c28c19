/**
 * `ingest --force` with another file of an issue already in the archive: the outcome names
 * the texts and amendment events the replacement drops and adds, the replaced file leaves the
 * data directory (original, artefacts, page images), and `reindex` then gives the archive as it
 * was. Two ingests of one data directory at once: the second is refused, clearly, at once.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderTextIssue } from '../fixtures/text-issue.js';
import { IngestLedger } from '../store/sqlite/ingest-ledger.js';
import { LOI_29_14 } from '../store/testing/contract-amendments.js';
import type { TextSpec } from '../store/testing/contract-data.js';
import { dumpStore } from '../test/store-dump.js';
import { noOcr, openTempArchive, useTempDir } from '../test/temp-archive.js';
import { IngestService } from './ingest-service.js';
import { reindex } from './reindex.js';

const work = useTempDir('jarida-force-');
let original: string;
let replacement: string;

const ARRETE: TextSpec = {
  type: 'arrete',
  number: '3011-15',
  title: "Arrêté du ministre de l'intérieur n° 3011-15 fixant les modalités de déclaration des associations",
  signedOn: '2015-02-25',
  page: 1001,
  articles: [
    ['1', 'Article premier', 'La déclaration des associations est déposée auprès de l’autorité locale.'],
  ],
};

/** Issue n° 4500 printing `spec` alone, as a born-digital PDF at `file`. */
async function printIssue(spec: TextSpec, file: string): Promise<string> {
  const issue = await renderTextIssue({
    title: spec.title,
    lines: spec.articles.flatMap(([, heading, body]) => [heading, body, '']),
    type: spec.type,
    number: spec.number,
    signedOn: spec.signedOn,
    quality: 'clean',
    seed: 1,
  });
  await writeFile(file, issue.pdf);
  return file;
}

beforeAll(async () => {
  original = await printIssue(LOI_29_14, path.join(work(), 'BO_4500_fr.pdf'));
  replacement = await printIssue(ARRETE, path.join(work(), 'BO_4500_fr-corrected.pdf'));
});

async function openArchive(name: string) {
  const { dataDir, store } = await openTempArchive(path.join(work(), name));
  const ledger = new IngestLedger(dataDir.databasePath);
  const service = new IngestService({
    dataDir,
    store,
    ocr: noOcr('a born-digital issue carries a text layer: no OCR expected'),
    ledger,
  });
  const close = async () => {
    ledger.close();
    await store.close();
  };
  return { dataDir, store, service, close };
}

describe('ingest --force of another file of an issue', () => {
  test('names what it drops and adds, retires the replaced file, and reindex gives the archive back', async () => {
    const { dataDir, store, service, close } = await openArchive('data');
    try {
      const [first] = await service.ingest([original]);
      expect(first).toMatchObject({ status: 'ingested', bulletin: 'bo-fr-4500', texts: 1 });
      expect((await store.getText('loi-29-14'))?.id).toBe('loi-29-14');
      const replacedOriginal = dataDir.originalPath((await dataDir.loadIntake(first!.sha256!))!);
      expect(existsSync(replacedOriginal)).toBe(true);
      const [second] = await service.ingest([replacement], { force: true });
      expect(second).toMatchObject({
        status: 'ingested',
        bulletin: 'bo-fr-4500',
        replaced: {
          previous: first!.sha256,
          droppedTexts: ['loi-29-14'],
          addedTexts: ['arrete-3011-15'],
          droppedAmendments: expect.arrayContaining(['loi-29-14 art. 1 amended loi-09-08 art. 5']),
        },
      });
      expect(second!.warnings).toEqual(
        expect.arrayContaining([expect.stringContaining('--force dropped text loi-29-14')]),
      );
      expect(await store.getText('loi-29-14')).toBeNull();
      // The replaced file is gone from the data directory: nothing can bring it back.
      expect(await dataDir.loadIntake(first!.sha256!)).toBeNull();
      expect(await dataDir.loadBulletin(first!.sha256!)).toBeNull();
      expect(existsSync(replacedOriginal)).toBe(false);
      const before = dumpStore(dataDir.databasePath);
      await reindex(store, dataDir);
      expect(dumpStore(dataDir.databasePath)).toEqual(before);
    } finally {
      await close();
    }
  });

  test('refuses a second ingest of the same data directory while one runs', async () => {
    const a = await openArchive('locked');
    const b = await openArchive('locked');
    try {
      const [one, two] = await Promise.allSettled([
        a.service.ingest([original]),
        b.service.ingest([original]),
      ]);
      const outcomes = [one, two].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      const refused = [one, two].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(outcomes.map((o) => o.status)).toEqual(['ingested']);
      expect(refused).toEqual([expect.objectContaining({ code: 'INGEST_LOCKED' })]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
