/**
 * `jarida history`, `show --at`, `export` on an archive of generated amendment chains
 * (clean PDFs: text layer, no OCR), through the built command; and the same archive read
 * through the API and the web pages (fastify.inject), which must tell the same law.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureManifest } from '../fixtures/truth.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import { buildApp } from '../search-api/app.js';
import type { ArticleReading, TextReading } from '../store/article-standing.js';
import type { SearchStore, TextHistory } from '../store/search-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { jarida, json } from './cli.js';

describe('amendment commands on generated chains', () => {
  let dir: string;
  let dataDir: string;
  let truths: BulletinTruth[];
  const run = (...args: string[]) => jarida([...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jarida-amend-cli-'));
    dataDir = join(dir, 'data');
    const generated = await jarida([
      'fixtures',
      'generate',
      '--out',
      dir,
      '--seed',
      '31',
      '--issues',
      '1',
      '--quality',
      'clean',
      '--amendments',
      '--json',
    ]);
    const manifest = json<FixtureManifest>(generated);
    truths = await Promise.all(
      manifest.issues.map(
        async (i) => (await import(join(dir, i.truth), { with: { type: 'json' } })).default,
      ),
    );
    // Newest first: ingestion order must not matter.
    const files = manifest.issues.map((i) => join(dir, i.file)).reverse();
    expect((await run('ingest', ...files, '--json')).code).toBe(0);
    store = await openSqliteStore(join(dataDir, 'jarida.db'));
    app = await buildApp({ store, dataDir });
  }, 120_000);

  let store: SearchStore;
  let app: FastifyInstance;
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  const dahir = () => truths.flatMap((t) => t.texts).find((t) => t.id.startsWith('dahir-1-58-'))!;
  const versionsOf = (textId: string) =>
    truths.flatMap((t) => t.versions ?? []).find((v) => v.textId === textId)!;

  it('prints the history of the 1958 dahir: publication, then 1973 and 2002 amendments', async () => {
    const history = json<TextHistory>(await run('history', dahir().id, '--json'));
    expect(history.events[0]).toMatchObject({ kind: 'published', by: dahir().id });
    const links = truths.flatMap((t) => t.amendments ?? []).filter((l) => l.targetTextId === dahir().id);
    expect(history.events.slice(1).map((e) => [e.by, e.byArticle, e.articles])).toEqual(
      links.map((l) => [l.byTextId, l.byArticle, [l.targetArticle]]),
    );
  });

  it('shows an article as it stood on a day, with the text that worded it', async () => {
    const versions = versionsOf(dahir().id).versions;
    // Article 3's 1973 wording, the inserted 4 bis, and article 5 after its abrogation.
    const rewritten = versions.filter((v) => v.article === '3')[1]!;
    const inserted = versions.find((v) => v.article === '4-bis')!;
    const abrogated = versions.find((v) => v.article === '5' && v.body === null)!;
    for (const v of [rewritten, inserted]) {
      const shown = await run('show', dahir().id, '--article', v.article, '--at', v.validFrom, '--json');
      expect(json(shown)).toMatchObject({
        article: v.article,
        validFrom: v.validFrom,
        validTo: v.validTo,
        body: v.body,
        introducedBy: v.introducedBy,
      });
      // Every wording carries its alinéas, which read as its body.
      expect((json(shown) as { paragraphs: string[] }).paragraphs.join(' ')).toBe(v.body);
    }
    // Abrogated that day: still answered, as abrogated, by whom, with its last wording.
    const gone = await run('show', dahir().id, '--article', '5', '--at', abrogated.validFrom, '--json');
    expect(gone.code).toBe(0);
    const lastWording = versions.filter((v) => v.article === '5').at(-2)!;
    expect(json(gone)).toMatchObject({
      status: 'abrogated',
      abrogatedBy: { id: abrogated.introducedBy },
      abrogatedOn: abrogated.validFrom,
      body: lastWording.body,
      validTo: abrogated.validFrom,
    });
    expect((json(gone) as ArticleReading).abrogatedBy!.title).toBeTruthy();
  });

  it("shows today's wording when no day is asked, and says which wording it is", async () => {
    const versions = versionsOf(dahir().id).versions.filter((v) => v.article === '3');
    const latest = versions.at(-1)!;
    const shown = json<ArticleReading>(await run('show', dahir().id, '--article', '3', '--json'));
    expect(shown).toMatchObject({
      status: 'in-force',
      wording: 'amended',
      body: latest.body,
      validFrom: latest.validFrom,
      validTo: null,
      introducedBy: latest.introducedBy,
    });
    expect(shown.introducedByTitle).toBeTruthy();
    // Its history notes name each amending text once, by title.
    expect(shown.notes.map((n) => [n.kind, n.by.id])).toEqual(
      versions.slice(1).map((v) => ['amended', v.introducedBy]),
    );
    const printed = await run('show', dahir().id, '--article', '3');
    expect(printed.stdout.split('\n')[0]).toMatch(
      /— version en vigueur depuis le \d+(?:er)? \S+ \d{4} \(.+\)$/,
    );
    const original = await run('show', dahir().id, '--article', '1');
    expect(original.stdout.split('\n')[0]).toMatch(/— rédaction d’origine, en vigueur depuis le /);
    const gone = await run('show', dahir().id, '--article', '5');
    expect(gone.code).toBe(0);
    expect(gone.stdout.split('\n')[0]).toMatch(/— abrogé depuis le .+\(.+\)$/);
    // The whole text: read today, every article with its standing, the abrogated one marked so.
    const text = json<TextReading>(await run('show', dahir().id, '--json'));
    expect(text.at).toBe(new Date().toISOString().slice(0, 10));
    expect(text.articles.find((a) => a.number === '3')).toMatchObject({
      body: latest.body,
      wording: 'amended',
    });
    expect(text.articles.find((a) => a.number === '5')).toMatchObject({ status: 'abrogated' });
    // In its printed place: after the inserted 4 bis, before 6.
    const numbers = text.articles.map((a) => a.number);
    expect(numbers.indexOf('5')).toBe(numbers.indexOf('4-bis') + 1);
    expect((await run('show', dahir().id)).stdout).toMatch(/^as in force today \(\d{4}-\d{2}-\d{2}\)$/m);
  });

  it('answers through the API with the same rule: today by default, validity as /versions says', async () => {
    const path = `/v1/texts/${dahir().id}/articles`;
    const { versions } = (await get(`${path}/3/versions`)).json() as { versions: ArticleReading[] };
    const today = (await get(`${path}/3`)).json() as ArticleReading;
    const current = versions.find((v) => v.validTo === null)!;
    expect(today).toMatchObject({
      status: 'in-force',
      wording: 'amended',
      body: current.body,
      validFrom: current.validFrom,
      validTo: null,
      introducedBy: current.introducedBy,
    });
    expect(today.label).toMatch(/^version en vigueur depuis le /);
    // Read on the day of the first wording: its end is the one /versions gives.
    const first = (await get(`${path}/3?at=${versions[0]!.validFrom}`)).json() as ArticleReading;
    expect(first).toMatchObject({
      wording: 'original',
      validFrom: versions[0]!.validFrom,
      validTo: versions[0]!.validTo,
    });
    expect(first.validTo).not.toBeNull();

    const v5 = versionsOf(dahir().id).versions.filter((v) => v.article === '5');
    const abrogation = v5.at(-1)!;
    const later = `${Number(abrogation.validFrom.slice(0, 4)) + 1}${abrogation.validFrom.slice(4)}`;
    const gone = await get(`${path}/5?at=${later}`);
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toMatchObject({
      status: 'abrogated',
      abrogatedBy: { id: abrogation.introducedBy },
      abrogatedOn: abrogation.validFrom,
      body: v5.at(-2)!.body,
    });
    // Before its insertion, 4 bis is not yet in force, and says from when it will be.
    const inserted = versionsOf(dahir().id).versions.find((v) => v.article === '4-bis')!;
    const early = (await get(`${path}/4-bis?at=${versions[0]!.validFrom}`)).json() as ArticleReading;
    expect(early).toMatchObject({
      status: 'not-yet-in-force',
      validFrom: inserted.validFrom,
      body: inserted.body,
    });
    // The text read today keeps the abrogated article, marked so.
    const text = (await get(`/v1/texts/${dahir().id}`)).json() as TextReading;
    expect(text.articles.find((a) => a.number === '5')).toMatchObject({ status: 'abrogated' });
    expect(text.published).toBe(true);
    // Read before its publication, the text answers with its articles, none yet in force.
    const unpublished = await get(`/v1/texts/${dahir().id}?at=1900-01-01`);
    expect(unpublished.statusCode).toBe(200);
    const before = unpublished.json() as TextReading;
    expect(before.published).toBe(false);
    expect(before.articles.length).toBeGreaterThan(0);
    expect(before.articles.every((a) => a.status === 'not-yet-in-force')).toBe(true);
    expect((await get(`/fr/texts/${dahir().id}?at=1900-01-01`)).body).toContain(
      'data-status="not-yet-published"',
    );
  });

  it('names the alinéa an amendment changed in the article notes', async () => {
    const scoped = [];
    for (const t of truths.flatMap((truth) => truth.texts)) {
      const history = (await get(`/v1/texts/${t.id}/history`)).json() as TextHistory;
      for (const e of history.events ?? [])
        if (e.paragraph !== undefined && !e.unapplied && e.articles.length === 1)
          scoped.push({ textId: t.id, event: e });
    }
    expect(scoped.length).toBeGreaterThan(0);
    for (const { textId, event } of scoped) {
      const article = (
        await get(`/v1/texts/${textId}/articles/${event.articles[0]}`)
      ).json() as ArticleReading;
      const note = article.notes.find((n) => n.by.id === event.by);
      expect(note?.paragraphs ?? [], `${textId} art. ${event.articles[0]} by ${event.by}`).toContain(
        event.paragraph,
      );
    }
    const { textId, event } = scoped[0]!;
    const shown = await run('show', textId, '--article', event.articles[0]!);
    expect(shown.stdout).toMatch(new RegExp(`\\(alinéas? [0-9, et]*${event.paragraph}`));
  });

  it("shows the standing and the notes on the web pages, in the page's language", async () => {
    const gone = await get(`/fr/texts/${dahir().id}/articles/5`);
    expect(gone.statusCode).toBe(200);
    expect(gone.body).toMatch(/<p class="notice standing" data-status="abrogated">abrogé depuis le /);
    expect(gone.body).toMatch(/abrogé par <a href="\/fr\/texts\/[^"]+"><bdi>[^<]+<\/bdi><\/a>/);
    const arabic = await get(`/ar/texts/${dahir().id}/articles/3`);
    expect(arabic.body).toContain('data-status="in-force">الصيغة السارية منذ');
    const text = await get(`/fr/texts/${dahir().id}`);
    expect(text.body).toContain('(aujourd’hui)');
    // Each amending text once in "what cites or amends this text", by its title.
    const backlinks = text.body.slice(text.body.indexOf('class="plain backlinks"'));
    const amending = [...backlinks.matchAll(/<li><a href="\/fr\/texts\/([^"]+)">/g)].map((m) => m[1]);
    expect(amending.length).toBeGreaterThan(0);
    expect(new Set(amending).size).toBe(amending.length);
  });

  it('gives a rewritten article as its two wordings side by side', async () => {
    const out = json<{ diffs: { mode: string; before: string[]; after: string[] }[] }>(
      await run('history', dahir().id, '--article', '3', '--diff', '--json'),
    );
    // Article 3: partly amended in 1973 (a word diff), replaced whole in 2002 (side by side).
    const [, amended, replaced] = versionsOf(dahir().id).versions.filter((v) => v.article === '3');
    expect(out.diffs.map((d) => d.mode)).toEqual(['words', 'side-by-side']);
    expect(out.diffs[1]!.after.join(' ')).toBe(replaced!.body);
    const printed = (await run('history', dahir().id, '--article', '3', '--diff')).stdout;
    expect(printed).toContain(`--- before (${amended!.validFrom})\n${amended!.body}\n+++ after`);
    const page = await get(
      `/fr/texts/${dahir().id}/articles/3?from=${amended!.validFrom}&to=${replaced!.validFrom}`,
    );
    expect(page.body).toContain('data-mode="side-by-side"');
  });

  it('diffs the versions of an amended article word by word', async () => {
    const out = json<{ diffs: { parts: { kind: string; text: string }[] }[] }>(
      await run('history', dahir().id, '--article', '2', '--diff', '--json'),
    );
    expect(out.diffs).toHaveLength(1);
    const changed = out.diffs[0]!.parts.filter((p) => p.kind !== 'equal').map((p) => p.text.trim());
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((w) => w.split(' ').length <= 2)).toBe(true);
  });

  it('exports Akoma Ntoso that the OASIS schema accepts', async () => {
    const out = await run('export', dahir().id, '--format', 'akn');
    expect(out.code).toBe(0);
    const file = join(dir, 'dahir.xml');
    await writeFile(file, out.stdout);
    const check = spawnSync('xmllint', ['--noout', '--schema', 'store/schemas/akomantoso30.xsd', file], {
      encoding: 'utf8',
    });
    expect(check.stderr).toContain('validates');
    expect(out.stdout).toContain('<passiveModifications>');
  });
});
