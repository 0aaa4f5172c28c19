import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../cli/ingest-command.js';
import { realDataPath } from '../fixtures/real-data.js';
import { renderTextIssue, type TextIssue } from '../fixtures/text-issue.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';

/**
 * Real laws (loi 5-96, loi 17-95), printed by the fixture generator as scanned issues,
 * OCR'd and parsed: the articles come out with the numbers the laws give them. The first
 * lines of each law keep OCR time small (`bench` or a manual run covers them whole).
 */
const LAWS = [
  {
    file: 'ma-loi-5-96.txt',
    title:
      'Loi n° 5-96 sur la société en nom collectif, la société en commandite simple, la société en commandite par actions, la société à responsabilité limitée et la société en participation',
    number: '5-96',
    // The title takes the first five lines; articles 1 to 7, two pages. (Up to line 100, article
    // 8 falls alone on a third page that tesseract reads as empty: an OCR issue, reported.)
    lines: [5, 88],
  },
  {
    file: 'ma-loi-17-95.txt',
    title: 'Loi n° 17-95 relative aux sociétés anonymes',
    number: '17-95',
    // The title and its amendment note take the first four lines; articles 1 to 7.
    lines: [4, 90],
  },
] as const;

describe('real laws rendered as scans, OCR’d and parsed', () => {
  let dir: string;
  const results: { law: (typeof LAWS)[number]; issue: TextIssue; parsed: ParsedBulletin | null }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-laws-'));
    const files: string[] = [];
    const issues: TextIssue[] = [];
    for (const [i, law] of LAWS.entries()) {
      const text = await readFile(realDataPath('legal-texts-ma', 'fr', law.file), 'utf8');
      const issue = await renderTextIssue({
        title: law.title,
        lines: text.split('\n').slice(...law.lines),
        type: 'loi',
        number: law.number,
        quality: 'scan',
        seed: 17,
        issue: { number: 4500 + i, date: '1997-06-02', firstPage: 1001 },
      });
      const file = path.join(dir, `bo-fr-${4500 + i}.pdf`);
      await writeFile(file, issue.pdf);
      files.push(file);
      issues.push(issue);
    }
    const dataDir = path.join(dir, 'data');
    const outcomes = await runIngest(files, { dataDir, lang: 'fra', progress: false });
    for (const [i, law] of LAWS.entries()) {
      const sha = outcomes[i]?.sha256;
      results.push({
        law,
        issue: issues[i]!,
        parsed: sha ? await new DataDir(dataDir).loadBulletin(sha) : null,
      });
    }
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints each law over a few pages with its articles in the truth', () => {
    for (const { issue } of results) {
      expect(issue.truth.pages.length).toBeLessThanOrEqual(5);
      expect(issue.truth.texts[0]!.articles.length).toBeGreaterThanOrEqual(7);
    }
  });

  it.each(LAWS.map((l) => [l.number] as const))('loi %s: the same article numbers as its text', (number) => {
    const { issue, parsed } = results.find((r) => r.law.number === number)!;
    const want = issue.truth.texts[0]!;
    const got = parsed?.texts.find((t) => t.id === want.id);
    expect(got?.articles.map((a) => a.number)).toEqual(want.articles.map((a) => a.number));
    expect(got?.articles.map((a) => a.page)).toEqual(want.articles.map((a) => a.page));
  });
});
