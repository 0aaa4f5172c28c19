/** Input files: refused past the size limit from their size alone; symbolic links followed or reported. */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLargeError } from '../pipeline/errors.js';
import { useTempDir } from '../test/temp-archive.js';
import { listInputFiles, readInputFile } from './input-files.js';

const dir = useTempDir('jarida-inputs-', 'each');

describe('readInputFile', () => {
  it('reads a file within the limit, through a symbolic link too', async () => {
    writeFileSync(join(dir(), 'BO_1_fr.pdf'), '%PDF-1.7\n');
    symlinkSync(join(dir(), 'BO_1_fr.pdf'), join(dir(), 'link.pdf'));
    expect((await readInputFile(join(dir(), 'link.pdf'), 9)).toString()).toBe('%PDF-1.7\n');
  });

  it('refuses a file past the limit with FILE_TOO_LARGE, without reading it', async () => {
    // Sparse: 3 GB on paper, no disk used; reading it whole would fail with ERR_FS_FILE_TOO_LARGE.
    const huge = join(dir(), 'BO_2_fr.pdf');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    await expect(readInputFile(huge)).rejects.toThrow(FileTooLargeError);
    await expect(readInputFile(huge)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    writeFileSync(join(dir(), 'small.pdf'), 'x'.repeat(100));
    await expect(readInputFile(join(dir(), 'small.pdf'), 99)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringContaining('100 bytes, more than the limit of 99'),
    });
  });
});

describe('listInputFiles', () => {
  it('follows links to files and directories, lists broken ones, and ends on a loop', async () => {
    mkdirSync(join(dir(), 'in', 'sub'), { recursive: true });
    mkdirSync(join(dir(), 'elsewhere'));
    writeFileSync(join(dir(), 'in', 'BO_1_fr.pdf'), 'a');
    writeFileSync(join(dir(), 'in', 'notes.txt'), 'b');
    writeFileSync(join(dir(), 'in', 'sub', 'BO_2_fr.tif'), 'c');
    writeFileSync(join(dir(), 'elsewhere', 'BO_3_fr.pdf'), 'd');
    symlinkSync(join(dir(), 'elsewhere', 'BO_3_fr.pdf'), join(dir(), 'in', 'BO_3_fr.pdf'));
    symlinkSync(join(dir(), 'elsewhere'), join(dir(), 'in', 'linked-dir'));
    symlinkSync(join(dir(), 'gone.pdf'), join(dir(), 'in', 'BO_4_fr.pdf'));
    symlinkSync(join(dir(), 'in'), join(dir(), 'in', 'sub', 'up'));
    expect(await listInputFiles(join(dir(), 'in'))).toEqual(
      ['BO_1_fr.pdf', 'BO_3_fr.pdf', 'BO_4_fr.pdf', 'linked-dir/BO_3_fr.pdf', 'sub/BO_2_fr.tif'].map((f) =>
        join(dir(), 'in', f),
      ),
    );
  });
});
