/** `jarida demo`, the README's first command, as a newcomer runs it: piped, into a fresh data directory. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jarida } from './cli.js';
import { useTempDir } from './temp-archive.js';

const dir = useTempDir('jarida-demo-test-', 'all');

describe('jarida demo', () => {
  it('ingests its two issues and prints a search hit and its article, with no markup', async () => {
    const result = await jarida(['demo', '--data-dir', path.join(dir(), 'data')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\$ jarida search "[^"]+"\n {2}\S+ art\. \S+/);
    expect(result.stdout).toMatch(/\$ jarida show \S+ --article \S+\n {2}\S/);
    // Piped output carries neither the store's highlight markers nor terminal escapes.
    expect(result.stdout).not.toMatch(/<\/?mark>/);
    expect(result.stdout).not.toContain('\u001b[');
  });
});
