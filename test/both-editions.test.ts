import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixtures } from '../fixtures/generate.js';
import type { BulletinTruth, FixtureManifest } from '../fixtures/truth.js';
import { parseBulletin } from '../pipeline/structure/parse-bulletin.js';
import { pagesFromText, recordFor } from '../pipeline/structure/test-helpers.js';
import { DataDir } from '../store/data-dir.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import { jarida, json } from './cli.js';

/**
 * A fixture corpus of both editions (`--edition both`): each text printed in an Arabic
 * issue and again in a later French one. Parsed from the pages' text as drawn (OCR is
 * scored by `jarida eval`), stored, then read back per language.
 */
/**
 * Texts with a number: a text without one (a rectificatif, an unnumbered décision) takes the
 * fallback id of its printed title, which differs between the editions.
 */
const numbered = <T extends { number: string | null }>(texts: T[]): T[] =>
  texts.filter((t) => t.number !== null);

describe('both editions of the same texts', () => {
  let dir: string;
  let store: SqliteStore;
  const truths: BulletinTruth[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-both-'));
    const manifest: FixtureManifest = await generateFixtures({
      out: path.join(dir, 'fixtures'),
      seed: 31,
      issues: 1,
      edition: 'both',
      quality: 'clean',
    });
    store = await openSqliteStore(new DataDir(dir).databasePath);
    for (const issue of manifest.issues) {
      const truth = JSON.parse(
        await readFile(path.join(dir, 'fixtures', issue.truth), 'utf8'),
      ) as BulletinTruth;
      const pages = pagesFromText(
        truth.pages.map((p) => p.text),
        { printedPages: truth.pages.map((p) => p.printedPage) },
      );
      await store.saveBulletin(parseBulletin(pages, recordFor(path.basename(issue.file))), pages);
      truths.push(truth);
    }
  }, 60_000);

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
      expect(numbered(fr.texts).map((t) => [t.id, t.articles.map((a) => a.number)])).toEqual(
        numbered(ar.texts).map((t) => [t.id, t.articles.map((a) => a.number)]),
      );
    });
  });

  it('yields one id per text with two expressions, ar and fr', async () => {
    const ids = [...new Set(truths.flatMap((t) => numbered(t.texts).map((x) => x.id)))];
    expect(ids.length).toBeGreaterThan(2);
    const listed = await store.listTexts({});
    expect(
      numbered(listed)
        .map((t) => t.id)
        .sort(),
    ).toEqual([...ids].sort());
    for (const id of ids) {
      const text = await store.getText(id);
      expect({ id, languages: text?.languages }).toEqual({ id, languages: ['ar', 'fr'] });
    }
  });

  it('`jarida show --lang` prints either expression', async () => {
    const arabic = truths.find((t) => t.bulletin.edition === 'ar')!;
    const text = arabic.texts.find((t) => t.articles.length > 1)!;
    const french = truths
      .flatMap((t) => (t.bulletin.edition === 'fr' ? t.texts : []))
      .find((t) => t.id === text.id)!;
    const show = async (lang: string) =>
      json<{ title: string; articles: { number: string; body: string }[] }>(
        await jarida(['show', text.id, '--lang', lang, '--json', '--data-dir', dir]),
      );
    const ar = await show('ar');
    const fr = await show('fr');
    expect(ar.title).toBe(text.title);
    expect(fr.title).toBe(french.title);
    expect(ar.articles.map((a) => a.number)).toEqual(fr.articles.map((a) => a.number));
    expect(ar.articles[0]!.body).toMatch(/\p{Script=Arabic}/u);
    expect(fr.articles[0]!.body).not.toMatch(/\p{Script=Arabic}/u);
  });
});
