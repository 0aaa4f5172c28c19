import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../cli/ingest-command.js';
import {
  type AlineaScan,
  type RealArticles,
  scanRealArticles,
  scoreAlineas,
} from '../fixtures/real-alineas.js';
import { REAL_LAWS } from '../fixtures/real-laws.js';
import type { ParsedBulletin } from '../pipeline/model.js';
import { DataDir } from '../store/data-dir.js';

/**
 * Real articles (loi 5-96, loi 17-95) printed on one page the way the Bulletin officiel sets
 * them, scanned black and white at 200 dpi, OCR'd and parsed: each article's alinéas and items
 * come out as printed. Loi 5-96 indents its alinéas by one em; loi 17-95 is set flush, where
 * only an alinéa's short last line ends it.
 */
const [LOI_5_96, LOI_17_95] = REAL_LAWS;
const SETS: RealArticles[] = [
  // 7: four alinéas; 23 and 27: items `1°`; 72: six alinéas; 88: one-line alinéas.
  { law: LOI_5_96!, labels: ['7', '23', '27', '72', '88'], style: 'indent' },
  // 306: items `—`.
  { law: LOI_17_95!, labels: ['40', '306'], style: 'flush' },
];

describe('alinéas of real articles printed as the Bulletin prints them, scanned', () => {
  let dir: string;
  let scan: AlineaScan;
  let parsed: ParsedBulletin | null;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jarida-alineas-'));
    scan = await scanRealArticles(SETS, { seed: 5 });
    const file = path.join(dir, 'BO_4500_Fr.pdf');
    await writeFile(file, scan.pdf);
    const [outcome] = await runIngest([file], {
      dataDir: path.join(dir, 'data'),
      lang: 'fra',
      progress: false,
    });
    parsed = outcome?.sha256 ? await new DataDir(path.join(dir, 'data')).loadBulletin(outcome.sha256) : null;
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the articles on one page, with the alinéas the laws give them', () => {
    expect(scan.pages).toBe(1);
    const article72 = scan.texts[0]!.articles.find((a) => a.number === '72')!;
    expect(article72.paragraphs).toHaveLength(6);
    expect(article72.paragraphs![5]).toMatch(
      /^Toute clause contraire aux dispositions des alinéas 1, 2 et 5/,
    );
  });

  it('cuts every article into its alinéas and items as printed', () => {
    const score = scoreAlineas(scan.texts, parsed?.texts ?? []);
    expect(score.checked).toBe(7);
    expect(score.misses).toEqual([]);
  });
});
