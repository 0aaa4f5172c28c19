/** Names and reasons from input print as inert text: no terminal escape acts, no line is forged. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, print } from './context.js';
import { escapeControls, escapeControlsInLines } from './terminal-text.js';

/** A file name that clears the screen and forges a line of ingest output. */
const HOSTILE_NAME = 'bo\u001b[2J\u001b]0;pwned\u0007.pdf\ningested  /archive/forged.pdf: bo-fr-1\r';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('escapeControls', () => {
  it('escapes ESC, BEL, newline and CR in a file name, leaving one visible line', () => {
    const shown = escapeControls(HOSTILE_NAME);
    expect(shown).toBe('bo\\e[2J\\e]0;pwned\\u0007.pdf\\ningested  /archive/forged.pdf: bo-fr-1\\r');
    expect(shown).not.toMatch(/\p{Cc}/u);
  });

  it('escapes C1 controls and bidi overrides, keeps Arabic letters and the marks Arabic text uses', () => {
    expect(escapeControls('a\u009bb\u202ec\u2066d')).toBe('a\\u009bb\\u202ec\\u2066d');
    expect(escapeControls('الجريدة\u200f الرسمية')).toBe('الجريدة\u200f الرسمية');
  });

  it('keeps the line breaks of multi-line output, escaping the rest', () => {
    expect(escapeControlsInLines('Article 1\n\u001b[31mcorps\u001b[0m')).toBe(
      'Article 1\n\\e[31mcorps\\e[0m',
    );
  });
});

describe('print and log', () => {
  it('write no control character but their own line break', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    print(`failed ${escapeControls(HOSTILE_NAME)}: unreadable`);
    log(`failed: ${HOSTILE_NAME}`);
    vi.restoreAllMocks();
    expect(out[0]!.split('\n')).toEqual([`failed ${escapeControls(HOSTILE_NAME)}: unreadable`, '']);
    expect(out.join('').replaceAll('\n', '')).not.toMatch(/\p{Cc}/u);
  });
});
