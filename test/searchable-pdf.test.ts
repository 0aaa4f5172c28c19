/**
 * `jarida export <bulletinId> --format pdf` as an archivist uses it: a scanned issue in each
 * edition is generated, ingested and exported with the built command, then read back with
 * poppler. pdftotext must give the archive's text of every page, and a render of every page
 * must be the scan's own pixels.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { characterErrors } from '../pipeline/evaluation.js';
import type { PageArtefact } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { jarida, json } from './cli.js';
import { generateIssues } from './fixture-archive.js';

interface Outcome {
  path: string;
  status: string;
  bulletin?: string;
}

let work: string;
let dataDir: string;
/** Per edition: the bulletin id, its original file, its exported PDF and the pages the archive read. */
const issues: Record<'fr' | 'ar', { id: string; original: string; exported: string; pages: PageArtefact[] }> =
  {} as never;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jarida-pdf-'));
  dataDir = path.join(work, 'data');
  const manifest = await generateIssues(path.join(work, 'fx'), {
    seed: 7,
    issues: 1,
    edition: 'both',
    quality: 'scan',
  });
  const files = manifest.issues.map((issue) => path.join(work, 'fx', issue.file));
  // A machine busy with other tests reads slowly: the time limits are not what is tested here,
  // so a page stopped by one is read again, as an archivist would with `jarida retry`.
  let ingested = json<{ files: Outcome[] }>(
    await jarida(['--data-dir', dataDir, 'ingest', ...files, '--pdf-timeout', '600000', '--json']),
  ).files;
  for (let attempt = 0; attempt < 3 && ingested.some((f) => f.status === 'failed'); attempt++) {
    const retried = json<{ files: Outcome[] }>(
      await jarida(['--data-dir', dataDir, 'retry', '--json']),
    ).files;
    ingested = ingested.map((f) => retried.find((r) => r.path === f.path) ?? f);
  }
  const store = await openSqliteStore(path.join(dataDir, 'jarida.db'));
  try {
    for (const file of ingested) {
      if (file.status !== 'ingested' || !file.bulletin)
        throw new Error(`not ingested: ${JSON.stringify(file)}`);
      const exported = path.join(work, `${file.bulletin}.pdf`);
      const run = await jarida([
        '--data-dir',
        dataDir,
        'export',
        file.bulletin,
        '--format',
        'pdf',
        '--out',
        exported,
      ]);
      if (run.code !== 0) throw new Error(`export failed: ${run.stderr}`);
      const bulletin = (await store.getBulletin(file.bulletin))!;
      const archive = new DataDir(dataDir);
      const pages = await Promise.all(
        Array.from(
          { length: bulletin.pageCount },
          async (_, i) => (await archive.loadPage(bulletin.sourceSha256, i + 1))!,
        ),
      );
      issues[bulletin.edition] = { id: file.bulletin, original: file.path, exported, pages };
    }
  } finally {
    await store.close();
  }
}, 1_800_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** What pdftotext reads on page `n`, lines kept as laid out, without the bidi marks it adds around right-to-left runs. */
function pdftotext(file: string, n: number): string {
  const text = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], {
    encoding: 'utf8',
  });
  return text.replace(/[\u202A-\u202E]/g, '');
}

/** A page's words and numbers (runs of letters, runs of digits), sorted: what a search finds, whatever the reading order. */
function tokens(text: string): string {
  return [...text.matchAll(/\p{L}+|\p{N}+/gu)]
    .map((m) => m[0])
    .sort()
    .join(' ');
}

const lineTexts = (page: PageArtefact) => [...page.header, ...page.lines].map((l) => l.text.trim());

describe.each(['fr', 'ar'] as const)(
  'a scanned issue of the %s edition exported as a searchable PDF',
  (edition) => {
    it('has every page, each rendering as the scan, pixel for pixel', async () => {
      const { original, exported, pages } = issues[edition];
      expect((await PDFDocument.load(await readFile(exported))).getPageCount()).toBe(pages.length);
      for (let n = 1; n <= pages.length; n++) {
        const render = (file: string) =>
          sharp(
            execFileSync('pdftoppm', ['-r', '72', '-gray', '-png', '-f', String(n), '-l', String(n), file], {
              maxBuffer: 1 << 28,
            }),
          )
            .raw()
            .toBuffer({ resolveWithObject: true });
        const [ours, scan] = await Promise.all([render(exported), render(original)]);
        expect(ours.info).toEqual(scan.info);
        expect(ours.data.equals(scan.data), `page ${n}`).toBe(true);
      }
    });

    it("gives pdftotext the archive's text of every page (CER < 3 %)", () => {
      const { exported, pages } = issues[edition];
      let errors = 0;
      let length = 0;
      for (const page of pages) {
        const rate = characterErrors(
          tokens(lineTexts(page).join('\n')),
          tokens(pdftotext(exported, page.index)),
        );
        errors += rate.errors;
        length += rate.length;
      }
      expect(length).toBeGreaterThan(1000);
      expect(errors / length).toBeLessThan(0.03);
    });

    it('keeps each line whole and in reading order, so a phrase copied from it reads right', () => {
      const { exported, pages } = issues[edition];
      // poppler moves the punctuation and numbers inside right-to-left lines about (it does as much with
      // Chromium's PDFs); lines of words alone must come out as they were read.
      const wordsOnly = edition === 'ar' ? /^[\p{Script=Arabic}\s]+$/u : /./;
      // -layout pads a justified line with spaces to keep its words where they were printed.
      const spaced = (text: string) => text.replace(/\s+/g, ' ');
      let lines = 0;
      for (const page of pages) {
        const text = spaced(pdftotext(exported, page.index));
        for (const line of lineTexts(page).filter((l) => wordsOnly.test(l) && l.length > 3)) {
          lines += 1;
          expect(text, `page ${page.index}`).toContain(spaced(line));
        }
      }
      expect(lines).toBeGreaterThan(edition === 'ar' ? 20 : 100);
    });

    it('says which issue it is: title, number, date and language', () => {
      const info = execFileSync('pdfinfo', ['-isodates', '-custom', issues[edition].exported], {
        encoding: 'utf8',
      });
      const number = issues[edition].id.split('-')[2]!;
      expect(info).toMatch(new RegExp(`Title:.*${number}`));
      expect(info).toMatch(new RegExp(`IssueNumber:\\s+${number}`));
      expect(info).toMatch(/CreationDate:\s+\d{4}-\d{2}-\d{2}/);
    });
  },
);

describe('jarida export --format pdf', () => {
  it('refuses text options with a usage error, and names an unknown issue', async () => {
    const out = path.join(work, 'x.pdf');
    const at = await jarida([
      '--data-dir',
      dataDir,
      'export',
      issues.fr.id,
      '--format',
      'pdf',
      '--at',
      '2000-01-01',
      '--out',
      out,
    ]);
    expect(at.code).toBe(2);
    const unknown = await jarida([
      '--data-dir',
      dataDir,
      'export',
      'bo-fr-1',
      '--format',
      'pdf',
      '--out',
      out,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no bulletin bo-fr-1');
  });
});
