import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixtures } from '../fixtures/generate.js';
import type { FixtureManifest } from '../fixtures/truth.js';
import { IngestStages, isOutcome } from '../ingest/ingest-stages.js';
import { characterErrors } from '../pipeline/evaluation.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { DataDir } from '../store/data-dir.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import { jarida, json } from './cli.js';

/**
 * A fixture corpus of both editions (`--edition both`): each text printed in an Arabic
 * issue and again in a later French one, among them a rectificatif and a décision without a
 * number. Ingested in publication order from born-digital PDFs (OCR is scored by
 * `jarida eval`), then read back per language.
 */
describe('both editions of the same texts', () => {
  let dir: string;
  let store: SqliteStore;
  const truths: BulletinTruth[] = [];
  let files: string[] = [];
  let warnings: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-both-'));
    const manifest: FixtureManifest = await generateFixtures({
      out: path.join(dir, 'fixtures'),
      seed: 34,
      issues: 1,
      edition: 'both',
      quality: 'clean',
    });
    for (const issue of manifest.issues) {
      truths.push(
        JSON.parse(await readFile(path.join(dir, 'fixtures', issue.truth), 'utf8')) as BulletinTruth,
      );
    }
    files = manifest.issues.map((i) => path.join(dir, 'fixtures', i.file));
    const ingest = json<{ files: { status: string; warnings?: string[] }[] }>(
      await jarida(['ingest', ...files, '--data-dir', dir, '--json', '--no-progress']),
    );
    expect(ingest.files.map((f) => f.status)).toEqual(['ingested', 'ingested']);
    warnings = ingest.files.flatMap((f) => f.warnings ?? []);
    store = await openSqliteStore(new DataDir(dir).databasePath);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes every text in an Arabic issue and a later French one', () => {
    const arabic = truths.filter((t) => t.bulletin.edition === 'ar');
    const french = truths.filter((t) => t.bulletin.edition === 'fr');
    expect(arabic).toHaveLength(1);
    expect(french).toHaveLength(1);
    arabic.forEach((ar, i) => {
      const fr = french[i]!;
      expect(Number(fr.bulletin.number)).toBeGreaterThan(Number(ar.bulletin.number));
      expect(fr.bulletin.date! > ar.bulletin.date!).toBe(true);
      expect(fr.texts.map((t) => [t.id, t.articles.map((a) => a.number)])).toEqual(
        ar.texts.map((t) => [t.id, t.articles.map((a) => a.number)]),
      );
      expect(ar.texts.filter((t) => t.number === null).map((t) => t.type)).toEqual([
        'rectificatif',
        'decision',
      ]);
    });
  });

  it('yields one id per text with two expressions, ar and fr, numbered or not', async () => {
    const ids = [...new Set(truths.flatMap((t) => t.texts.map((x) => x.id)))];
    expect(ids.length).toBeGreaterThan(2);
    expect((await store.listTexts({})).map((t) => t.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const text = await store.getText(id);
      expect({ id, languages: text?.languages }).toEqual({ id, languages: ['ar', 'fr'] });
    }
  });

  it('pairs them whatever order the queue runs the stages in: both structured, then both indexed', async () => {
    const dataDir = new DataDir(path.join(dir, 'structured-first'));
    await dataDir.ensure();
    const other = await openSqliteStore(dataDir.databasePath);
    const stages = new IngestStages({ dataDir, store: other });
    try {
      const structured = [];
      for (const file of files) {
        const admitted = await stages.admit(file);
        if (isOutcome(admitted)) throw new Error(`${file}: ${admitted.status}`);
        const { sha256 } = admitted.record;
        // The pages OCR read in the first ingest, rather than reading them again.
        const count = await stages.pageCount(admitted);
        for (let index = 1; index <= count; index++) {
          await dataDir.savePage(sha256, (await new DataDir(dir).loadPage(sha256, index))!);
        }
        const pages = await stages.keptPages(sha256, count);
        structured.push({ parsed: await stages.structure(admitted.record, pages), pages });
      }
      for (const { parsed, pages } of structured) await stages.index(parsed, pages);
      expect(await other.listTexts({})).toEqual(await store.listTexts({}));
      // The kept bulletin took the paired ids too: a rebuild of the index from artefacts keeps them.
      const french = await dataDir.loadBulletin(structured[1]!.parsed.bulletin.sourceSha256);
      expect(french?.texts.map((t) => t.id).sort()).toEqual(truths[1]!.texts.map((t) => t.id).sort());
    } finally {
      await other.close();
    }
  });

  it('tells the archivist which French texts without a number took their Arabic id', () => {
    const unnumbered = truths[0]!.texts.filter((t) => t.number === null).map((t) => t.id);
    for (const id of unnumbered) {
      expect(warnings.some((w) => w.startsWith(`${id}: paired with its ar publication`))).toBe(true);
    }
  });

  it('keeps the id a text took when its French issue is ingested again', async () => {
    const before = await store.listTexts({});
    const french = path.join(dir, 'fixtures', 'issues', `${truths[1]!.bulletin.id}.pdf`);
    const again = await jarida(['ingest', french, '--force', '--data-dir', dir, '--json', '--no-progress']);
    expect(json<{ files: { status: string }[] }>(again).files[0]!.status).toBe('ingested');
    expect(await store.listTexts({})).toEqual(before);
  });

  it('`jarida show --lang` prints either expression', async () => {
    const arabic = truths.find((t) => t.bulletin.edition === 'ar')!;
    // Not a loi: its title is read from its promulgating dahir when OCR damages its own line.
    const promulgated = new Set(arabic.texts.map((t) => t.promulgates));
    const text = arabic.texts.find((t) => t.articles.length > 1 && !promulgated.has(t.id))!;
    const french = truths
      .flatMap((t) => (t.bulletin.edition === 'fr' ? t.texts : []))
      .find((t) => t.id === text.id)!;
    const show = async (lang: string) =>
      json<{ title: string; articles: { number: string; body: string }[] }>(
        await jarida(['show', text.id, '--lang', lang, '--json', '--data-dir', dir]),
      );
    const ar = await show('ar');
    const fr = await show('fr');
    // The Arabic issue has no text layer: its title is read by OCR.
    expect(characterErrors(text.title, ar.title).rate).toBeLessThan(0.1);
    expect(fr.title).toBe(french.title);
    expect(ar.articles.map((a) => a.number)).toEqual(fr.articles.map((a) => a.number));
    expect(ar.articles[0]!.body).toMatch(/\p{Script=Arabic}/u);
    expect(fr.articles[0]!.body).not.toMatch(/\p{Script=Arabic}/u);
  });
});
