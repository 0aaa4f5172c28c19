/**
 * `jarida history`, `show --at`, `export` on an archive of generated amendment chains
 * (clean PDFs: text layer, no OCR), through the built command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FixtureManifest } from '../fixtures/truth.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import type { TextHistory } from '../store/search-store.js';
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
  }, 120_000);

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

  it('shows an article as it stood on a day, with the text that worded it; none once abrogated', async () => {
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
    expect(
      (await run('show', dahir().id, '--article', '5', '--at', abrogated.validFrom, '--json')).code,
    ).toBe(1);
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
