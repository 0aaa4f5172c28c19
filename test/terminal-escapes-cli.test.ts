/**
 * Through the built `jarida` command: a file whose name holds an ESC sequence and a newline
 * is named escaped in every human output (the outcome line, the failure on stderr, `status`),
 * so it can neither clear the screen nor forge a line; `--json` keeps the name as it is.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../cli/terminal-text.js';
import { jarida, json } from './cli.js';

const NAME = 'BO_9901_fr\u001b[2J.pdf\ningested  forged.pdf: bo-fr-9901.pdf';
let work: string;
let file: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jarida-escapes-'));
  file = path.join(work, NAME);
  await writeFile(file, 'not a bulletin');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every control character in `text` but the line breaks. */
function controls(text: string): string[] {
  return [...text.replaceAll('\n', '')].filter((c) => /\p{Cc}/u.test(c));
}

describe('file names in human output', () => {
  it('are printed escaped by ingest and status, and kept whole in --json', async () => {
    const dataDir = path.join(work, 'data');
    const human = await jarida(['--data-dir', dataDir, 'ingest', file, '--no-progress']);
    expect(human.code).toBe(1);
    expect(controls(human.stdout + human.stderr)).toEqual([]);
    // One outcome line and the summary: the newline in the name forged none.
    expect(human.stdout.trim().split('\n')).toEqual([
      expect.stringContaining(`failed    ${escapeControls(file)}: `),
      '0 ingested, 0 duplicate, 1 failed',
    ]);
    const status = await jarida(['--data-dir', dataDir, 'status']);
    expect(controls(status.stdout + status.stderr)).toEqual([]);
    expect(status.stdout).toContain(escapeControls(file));
    const machine = json<{ files: { path: string }[] }>(
      await jarida(['--data-dir', dataDir, 'ingest', file, '--json']),
    );
    expect(machine.files[0]!.path).toBe(file);
  });
});
