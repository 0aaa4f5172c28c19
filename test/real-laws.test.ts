import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../cli/ingest-command.js';
import { REAL_LAWS, type RealLaw, realLawLines, renderRealLaw } from '../fixtures/real-laws.js';
import { articleLabel, type TextIssue } from '../fixtures/text-issue.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';

/**
 * Real laws (loi 5-96, loi 17-95), printed by the fixture generator as scanned issues,
 * OCR'd and parsed: the articles come out with the numbers the laws give them. To keep OCR
 * time small, each law is printed as three runs of articles spread over it: its first
 * articles, middle ones (from its last `bis` article on, if any), and its last ones (`npm run bench -- laws`
 * prints and reads them whole).
 */

/** Articles in each run. */
const RUN = 3;

/**
 * The lines of three runs of `RUN` articles of a law: at its start, in its middle (at its
 * last `bis` article when it has one), at its end.
 */
function sampleOfLaw(lines: readonly string[]): string[] {
  const headings = lines.flatMap((line, i) => (articleLabel(line) ? [i] : []));
  const lastBis = headings.findLastIndex((i) => /\bbis$/.test(articleLabel(lines[i]!)!));
  const starts = [0, lastBis >= 0 ? lastBis : Math.floor(headings.length / 2), headings.length - RUN];
  return starts.flatMap((first) => lines.slice(headings[first], headings[first + RUN] ?? lines.length));
}

describe('real laws rendered as scans, OCR’d and parsed', () => {
  let dir: string;
  const results: { law: RealLaw; issue: TextIssue; parsed: ParsedBulletin | null }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-laws-'));
    const files: string[] = [];
    const issues: TextIssue[] = [];
    for (const [i, law] of REAL_LAWS.entries()) {
      const issue = await renderRealLaw(law, {
        lines: sampleOfLaw(await realLawLines(law)),
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
    for (const [i, law] of REAL_LAWS.entries()) {
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

  it('prints three runs of articles of each law over a few pages, loi 17-95’s from a `bis` article', () => {
    for (const { law, issue } of results) {
      const numbers = issue.truth.texts[0]!.articles.map((a) => a.number);
      expect(numbers).toHaveLength(3 * RUN);
      expect(numbers[0]).toBe('1');
      if (law.number === '17-95') expect(numbers[RUN]).toBe('355-bis');
      expect(issue.truth.pages.length).toBeLessThanOrEqual(6);
    }
  });

  it.each(REAL_LAWS.map((l) => [l.number] as const))(
    'loi %s: the same article numbers as its text',
    (number) => {
      const { issue, parsed } = results.find((r) => r.law.number === number)!;
      const want = issue.truth.texts[0]!;
      const got = parsed?.texts.find((t) => t.id === want.id);
      expect(got?.articles.map((a) => a.number)).toEqual(want.articles.map((a) => a.number));
      expect(got?.articles.map((a) => a.page)).toEqual(want.articles.map((a) => a.page));
    },
  );
});
