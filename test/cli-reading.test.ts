/**
 * The command line as a new user meets it, on a born-digital issue in both editions: no markup
 * in search results, a quiet end when a pipe closes, no engine chatter on the terminal, each
 * failure once, and errors that say what was wrong (a missing archive, an empty input, an
 * impossible date).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSnippet } from '../cli/read-commands.js';
import { HIGHLIGHT } from '../store/search-store.js';
import { CLI, jarida, json } from './cli.js';
import { buildFixtureArchive, type FixtureArchive } from './fixture-archive.js';

let archive: FixtureArchive;
let textId: string;

beforeAll(async () => {
  // A machine busy with other tests parses slowly: the PDF time limit is not what is tested here.
  process.env.JARIDA_PDF_TIMEOUT_MS = '600000';
  archive = await buildFixtureArchive({ seed: 11, issues: 1, edition: 'both' });
  const failed = archive.ingested.filter((f) => f.status !== 'ingested');
  if (failed.length) throw new Error(`fixtures not ingested: ${JSON.stringify(failed)}`);
  const texts = json<{ texts: { id: string; languages: string[] }[] }>(
    await jarida(['--data-dir', archive.dataDir, 'texts', '--json']),
  ).texts;
  textId = texts.find((t) => t.languages.length === 2)!.id;
}, 600_000);

afterAll(async () => {
  await archive?.remove();
});

const inArchive = (...args: string[]) => jarida(['--data-dir', archive.dataDir, ...args]);

describe('search results on a terminal or a pipe', () => {
  it('prints matched words without markup when piped; --json keeps the markers', async () => {
    const run = await inArchive('search', 'article', '--limit', '5');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/article/i);
    expect(run.stdout).not.toMatch(/<\/?mark>/);
    expect(run.stdout).not.toContain('\u001b');
    expect((await inArchive('search', 'article', '--limit', '5', '--json')).stdout).toContain(HIGHLIGHT.open);
  });

  it('puts matched words in bold on a terminal, and escapes what the page printed', () => {
    const snippet = `le ${HIGHLIGHT.open}décret${HIGHLIGHT.close} n° 2\u001b]0;x\u0007 ${HIGHLIGHT.open}du${HIGHLIGHT.close}`;
    expect(terminalSnippet(snippet, true)).toBe(
      'le \u001b[1mdécret\u001b[22m n° 2\\e]0;x\\u0007 \u001b[1mdu\u001b[22m',
    );
    expect(terminalSnippet(snippet, false)).toBe('le décret n° 2\\e]0;x\\u0007 du');
  });
});

describe('reading commands', () => {
  it('end quietly when the reader of their output goes away', async () => {
    const child = spawn(process.execPath, [CLI, '--data-dir', archive.dataDir, 'show', textId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('name both editions a text was published in', async () => {
    const run = await inArchive('history', textId);
    const published = run.stdout.split('\n').filter((l) => l.includes('published'));
    expect(published).toHaveLength(2);
    expect(published.join('\n')).toMatch(
      /in bo-ar-\d+ \(ar edition\)[\s\S]*in bo-fr-\d+ \(fr edition\)|in bo-fr-\d+ \(fr edition\)[\s\S]*in bo-ar-\d+ \(ar edition\)/,
    );
  });

  it('refuse an impossible date as bad usage, naming it', async () => {
    const run = await inArchive('show', textId, '--at', '2009-02-30');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"2009-02-30"');
  });

  it('fail on a data directory that does not exist, and do not create it', async () => {
    const missing = path.join(archive.work, 'no-such-archive');
    for (const command of [['texts'], ['search', 'loi'], ['show', textId], ['coverage']]) {
      const run = await jarida(['--data-dir', missing, ...command]);
      expect(run.code, command.join(' ')).toBe(1);
      expect(run.stderr).toContain(`no archive at ${missing}`);
    }
    expect(existsSync(missing)).toBe(false);
  });
});

describe('jarida ingest', () => {
  it('says an empty directory holds no input files, exit 1', async () => {
    const empty = path.join(archive.work, 'empty');
    await mkdir(empty);
    const run = await inArchive('ingest', empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no input files in ${empty}`);
  });

  it('prints each failure once', async () => {
    const broken = path.join(archive.work, 'broken.pdf');
    await writeFile(broken, '%PDF-1.7\nnothing else');
    const run = await inArchive('ingest', broken, '--no-progress');
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`.split(broken).length - 1).toBe(1);
  });

  it('keeps the OCR engine quiet on the terminal', async () => {
    const issue = archive.manifest.issues.find((i) => i.bulletinId.startsWith('bo-ar-'))!;
    const page = path.join(archive.work, 'page');
    execFileSync('pdftoppm', [
      '-r',
      '200',
      '-f',
      '1',
      '-l',
      '1',
      '-gray',
      '-png',
      '-singlefile',
      path.join(archive.work, 'fx', issue.file),
      page,
    ]);
    const run = await jarida(['ocr', `${page}.png`, '--lang', 'ara']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/[\u0600-\u06FF]{3}/);
    expect(run.stderr).toBe('');
  }, 300_000);
});
