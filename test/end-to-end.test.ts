/**
 * End to end, as an archivist and a jurist use it: generate a scanned issue, ingest it
 * with the real command, find its articles by search, and check that bad input fails
 * alone and re-ingestion changes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { jarida, json } from './cli.js';
import { generateIssues } from './fixture-archive.js';
import { readIssueTruth, useTempDir } from './temp-archive.js';

interface IngestJson {
  files: { path: string; status: string; reason?: string; bulletin?: string; pages?: number }[];
}
interface TextsJson {
  texts: {
    id: string;
    type: string;
    number: string | null;
    title: string;
    signedOn: string | null;
    languages: string[];
    articles: number;
  }[];
}
interface SearchJson {
  total: number;
  hits: {
    textId: string;
    article: string | null;
    title: string;
    snippet: string;
    date: string | null;
    score: number;
  }[];
}

const work = useTempDir('jarida-e2e-');
let dataDir: string;
let truth: BulletinTruth;
let issueFile: string;

beforeAll(async () => {
  dataDir = path.join(work(), 'data');
  const manifest = await generateIssues(path.join(work(), 'fx'), { seed: 20261, issues: 1, quality: 'scan' });
  issueFile = path.join(work(), 'fx', manifest.issues[0]!.file);
  truth = await readIssueTruth(path.join(work(), 'fx'), manifest.issues[0]!);
});

describe('a scanned issue, end to end', () => {
  test('is ingested beside a corrupt file, which fails alone with its reason', async () => {
    const corrupt = path.join(work(), 'BO_9999_fr.pdf');
    const bytes = await readFile(issueFile);
    await writeFile(corrupt, bytes.subarray(0, 2000));
    const result = await jarida(['ingest', corrupt, issueFile, '--data-dir', dataDir, '--json']);
    expect(result.code).toBe(1);
    const { files } = json<IngestJson>(result);
    expect(files).toHaveLength(2);
    expect(files[0]).toMatchObject({ path: corrupt, status: 'failed' });
    expect(files[0]!.reason).toMatch(/pdf/i);
    expect(files[1]).toMatchObject({
      path: issueFile,
      status: 'ingested',
      bulletin: truth.bulletin.id,
      pages: truth.pages.length,
    });
  });

  test('its texts are listed with their articles', async () => {
    const { texts } = json<TextsJson>(await jarida(['texts', '--data-dir', dataDir, '--json']));
    const found = new Map(texts.map((t) => [t.id, t]));
    for (const expected of truth.texts) {
      expect(found.get(expected.id), expected.id).toMatchObject({ type: expected.type, languages: ['fr'] });
    }
    const articles = texts.reduce((n, t) => n + t.articles, 0);
    const expectedArticles = truth.texts.reduce((n, t) => n + t.articles.length, 0);
    expect(articles).toBeGreaterThanOrEqual(expectedArticles * 0.95);
  });

  test('a search for words of an article finds that article', async () => {
    const text = truth.texts.find((t) => t.articles.length >= 2)!;
    const article = text.articles[1]!;
    const words = article.body
      .split(/\s+/)
      .filter((w) => /^\p{L}{7,}$/u.test(w))
      .slice(0, 3);
    const result = json<SearchJson>(
      await jarida(['search', words.join(' '), '--data-dir', dataDir, '--json']),
    );
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.map((h) => `${h.textId}/${h.article}`)).toContain(`${text.id}/${article.number}`);
  });

  test('an exact reference goes straight to the article', async () => {
    const text = truth.texts.find((t) => t.number && t.articles.length >= 2)!;
    const article = text.articles[1]!;
    const query = `article ${article.number.replace('-', ' ')} ${text.type.replace('decret', 'décret')} ${text.number}`;
    const result = json<SearchJson>(await jarida(['search', query, '--data-dir', dataDir, '--json']));
    expect(result.hits[0]).toMatchObject({ textId: text.id, article: article.number });
  });

  test('show prints the article as printed, with its page', async () => {
    const text = truth.texts[0]!;
    const shown = json<{
      id: string;
      articles: { number: string; body: string; page: number }[];
      publications: { bulletin: string }[];
    }>(await jarida(['show', text.id, '--data-dir', dataDir, '--json']));
    expect(shown.id).toBe(text.id);
    expect(shown.publications[0]!.bulletin).toBe(truth.bulletin.id);
    expect(shown.articles.map((a) => a.number)).toEqual(text.articles.map((a) => a.number));
    expect(shown.articles.map((a) => a.page)).toEqual(text.articles.map((a) => a.page));
  });

  test('re-ingesting the same file reports duplicate and changes nothing', async () => {
    const before = await jarida(['texts', '--data-dir', dataDir, '--json']);
    const again = await jarida(['ingest', issueFile, '--data-dir', dataDir, '--json']);
    expect(again.code).toBe(0);
    expect(json<IngestJson>(again).files[0]).toMatchObject({
      status: 'duplicate',
      bulletin: truth.bulletin.id,
    });
    const after = await jarida(['texts', '--data-dir', dataDir, '--json']);
    expect(after.stdout).toBe(before.stdout);
  });
});

describe('the command line contract', () => {
  test('bad usage exits 2', async () => {
    expect((await jarida(['search'])).code).toBe(2);
    expect((await jarida(['texts', '--year', 'soon'])).code).toBe(2);
    expect((await jarida(['frobnicate'])).code).toBe(2);
  });

  test('an unknown text exits 1 with a message', async () => {
    const result = await jarida(['show', 'loi-00-00', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no text loi-00-00/);
  });

  test('--help works for every command', async () => {
    for (const command of ['demo', 'ingest', 'ocr', 'texts', 'show', 'search', 'eval']) {
      const result = await jarida([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout).toContain(`jarida ${command}`);
    }
  });
});
