import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoPages } from '../bench/bo-pages-bench.js';
import {
  BO_PAGE_SPLITS,
  type BoPage,
  type BoPageScore,
  type BoPageSplit,
  type BoPagesSummary,
  loadBoPages,
  summarizeBoPages,
} from '../fixtures/real-bo-pages.js';
import { realDataPath } from '../fixtures/real-data.js';

/**
 * Real page copies of fixtures/real/bo-pages, rendered as text-layer PDFs and ingested through
 * the real pipeline: the scores of a sample of a split may not fall below the floor measured on
 * it. `npm run bench -- bo-pages` scores the whole corpus, every split and both renderings.
 */

/** A split's sample and the floor its scores may not fall below. */
interface Sample {
  split: BoPageSplit;
  ids: string[];
  floor: {
    textsPrecision: number;
    textsRecall: number;
    articlesRecall: number;
    numberRight: number;
    dateRightOrFlagged: number;
  };
}

/**
 * A small dev sample, French only (an Arabic copy has no text layer: its clean raster is OCR'd,
 * 25 s a page; the benchmark reads them): a body page whose running header wraps over two lines
 * (001), a masthead read `1 safar 1433 (S janvier 2012)` (004), a Justice-site single text (008),
 * a consolidated reprint with no issue number and `ART. 2 (modifie par …)` headings (010), a 1958
 * masthead whose number and year OCR mangled (016), a single dahir promulgating a loi that the
 * copy does not print (021).
 *
 * Measured on 2026-12-07 (13:02 UTC tree; see the report of issue 16). The 12:29 UTC tree scored
 * texts P 0.8 (021's loi 40-17, only named in the dahir's title, made a text) and articles R 10/13
 * (010's `ART. 2 (modifie par …)` headings missed). Raise it as the parser improves; never lower
 * it to make a change pass.
 */
const DEV: Sample = {
  split: 'dev',
  ids: ['001', '004', '008', '010', '016', '021'],
  floor: {
    textsPrecision: 1,
    textsRecall: 1,
    articlesRecall: 1,
    // 016's `Ne 32348` (n° 2378) names no issue the series has: kept unidentified and flagged.
    numberRight: 5 / 6,
    dateRightOrFlagged: 1,
  },
};

/**
 * The fresh split (test2: copies added in the second round of issue 16 and scored before any
 * parser change), French copies: a cover whose number follows its sign on the next line (034),
 * protectorate mastheads whose years OCR misread (036 `a4 juillet 1995`, 037 `1gfo`, 043
 * `19144`), the BO web viewer's English record (039), a masthead with mis-decoded accents (044),
 * a cover whose ordinal was cut (032).
 *
 * Measured on 2026-12-07 (16:00 UTC tree, report of issue 16): every number and date right.
 * Before the second round's changes the same sample read 5/7 numbers and 2/7 dates right (the
 * others flagged, none silently wrong).
 */
const TEST2: Sample = {
  split: 'test2',
  ids: ['032', '034', '036', '037', '039', '043', '044'],
  floor: {
    textsPrecision: 1,
    textsRecall: 1,
    articlesRecall: 1,
    numberRight: 1,
    dateRightOrFlagged: 1,
  },
};

/**
 * The third round's fresh split (test3: copies added in the third round of issue 16 and scored
 * before its parser changes), French copies: a 1995 cover (045), a consolidated booklet whose host
 * dropped every `n°` number and noted its issue `REFERENCE : B.O n 4432 …` (046), the BO web
 * viewer printing texts in full after its own lines (047, 049), an annual review running dahirs and
 * a décret royal into one paragraph and citing `B.O.R.M. (3103), 19/4/72` (050–052), a statute
 * with its accents dropped and `Art : 2 -` headings (053).
 *
 * Measured on 2026-12-07 (19:40 UTC tree, third round of issue 16). Before that round's changes
 * the same sample read texts R 1/10 and articles 0/18, 4/8 numbers and dates right: headers after
 * a viewer's own lines and headers run into a paragraph were missed, `B.O.R.M.` notes unread.
 * 2026-12-08 (fifth round): 046's loi, which its dahir cites as `la loi n relative à …` (the host
 * dropped the number) before its letter-spaced title (`L O I N R E L A T I V E …`), is made from the
 * dahir, flagged (texts R 9/10 → 10/10); its articles, run inline as `… médical. Article 2 La
 * médecine …` with no dash, are read (15/18 → 17/18; the first, `Article premier 1 Modifiée …`
 * with a footnote mark, is still missed).
 */
const TEST3: Sample = {
  split: 'test3',
  ids: ['045', '046', '047', '049', '050', '051', '052', '053'],
  floor: {
    textsPrecision: 1,
    textsRecall: 1,
    articlesRecall: 17 / 18,
    numberRight: 1,
    dateRightOrFlagged: 1,
  },
};

/**
 * The fourth round's fresh split (test4: copies added in the fourth round of issue 16 and scored
 * before its parser changes): two arrêtés set side by side under a running header that prints the
 * first of the month `1°'` (057), a minister's arrêté on the BO web viewer (058), viewer records with
 * several dahirs (059, 063, 064), 2012–2023 covers (060–062), a 1958 cover whose number has no `N°`
 * (070), and one Arabic copy noting its issue after the title, its date in words (067).
 *
 * Measured on 2026-12-07 (22:30 UTC tree, fourth round of issue 16). Before that round's changes
 * the same sample read texts P/R 11/12 and 11/13 (058's arrêté, opened by `LA MINISTRE DE …,`, was
 * missed) and 7/10 numbers right (057, 067, 070 flagged). 2026-12-08 (fifth round): 057's second
 * arrêté, whose title the two columns interleave with the first's, is read with its own number and
 * date (both flagged), and 061's sommaire, its title run into a line, keeps its entry cut mid-date
 * from being read as a décret (texts P/R 12/13 → 13/13).
 */
const TEST4: Sample = {
  split: 'test4',
  ids: ['057', '058', '059', '060', '061', '062', '063', '064', '067', '070'],
  floor: {
    textsPrecision: 1,
    textsRecall: 1,
    articlesRecall: 1,
    numberRight: 1,
    dateRightOrFlagged: 1,
  },
};

/**
 * The fifth round's fresh split (test5: copies added in the fifth round of issue 16 and scored
 * before its parser changes), chosen for articles: dahirs with the lois they promulgate, each with
 * its own articles (076 and 077 the same law from two hosts, 078), a dahir forming a code (080;
 * 081 from a host that dropped accents and printed `Art. l -`), a loi alone with its issue noted
 * after its title (079), an amending loi quoting the articles it replaces (082), a continuation
 * page (083), a loi with no dahir (085), the BO viewer (087); 2002–2014 covers (071–073) and a 2023
 * Arabic cover extracted in reverse (074).
 *
 * Measured on 2026-12-08 (01:14 UTC tree, fifth round of issue 16). Before that round's changes
 * the same sample read 12/14 numbers and 10/14 dates right (14/14 after) (074's reversed cover, 077's `B.O N
 * 4800 du …`, 078's `du Jeudi 7 Décembre 2006` unread, 081's `(B.O. 12 sept. 1958` read as issue
 * 12, all flagged). The same round then read 079's loi, whose title runs on `promulguée par le
 * dahir n° …` (its four articles with it), and kept 073's last sommaire entry, cut before its page,
 * from being read as a dahir: texts P/R 13/14 → 14/14, articles 13/17 → 17/17.
 */
const TEST5: Sample = {
  split: 'test5',
  ids: ['071', '072', '073', '074', '076', '077', '078', '079', '080', '081', '082', '083', '085', '087'],
  floor: {
    textsPrecision: 1,
    textsRecall: 1,
    articlesRecall: 1,
    numberRight: 1,
    dateRightOrFlagged: 1,
  },
};

describe('the bo-pages corpus', () => {
  it('has every copy in exactly one split, with its text and truth, both editions in each split', async () => {
    const files = await readdir(realDataPath('bo-pages'));
    const ids = files.filter((f) => /^\d{3}\.txt$/.test(f)).map((f) => f.slice(0, 3));
    const pages = await loadBoPages();
    expect(pages.map((p) => p.id)).toEqual(ids.sort());
    expect(files.filter((f) => f.endsWith('.truth.json'))).toHaveLength(ids.length);
    for (const split of BO_PAGE_SPLITS) {
      const editions = new Set(pages.filter((p) => p.split === split).map((p) => p.truth.edition));
      expect([...editions].sort()).toEqual(['ar', 'fr']);
    }
    for (const page of pages) {
      expect(page.text.length).toBeGreaterThan(0);
      expect(page.truth.issue.date ?? '2000-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const text of page.truth.texts) expect(text.number ?? '1-1').toMatch(/^\d+(?:-\d+)+$/);
    }
  });
});

for (const sample of [DEV, TEST2, TEST3, TEST4, TEST5]) {
  describe(`real page copies as text-layer PDFs, ingested and scored (${sample.split} sample)`, () => {
    let work: string;
    let pages: BoPage[];
    let scores: BoPageScore[];
    let summary: BoPagesSummary;

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'jarida-bo-pages-'));
      pages = (await loadBoPages(sample.split)).filter((p) => sample.ids.includes(p.id));
      scores = await readBoPages(pages, 'text-layer', work);
      summary = summarizeBoPages(scores);
    }, 180_000);

    afterAll(async () => {
      await rm(work, { recursive: true, force: true });
    });

    it(`reads the whole sample, from the ${sample.split} split only`, () => {
      expect(pages.map((p) => p.id)).toEqual(sample.ids);
      expect(pages.every((p) => p.split === sample.split)).toBe(true);
      expect(scores).toHaveLength(sample.ids.length);
    });

    it('refuses no copy, and never stores a wrong issue number or date without a word', () => {
      expect(summary.refused).toBe(0);
      const silent = scores.filter((s) => s.number === 'wrong' || s.date === 'wrong');
      expect(silent.map((s) => ({ id: s.id, read: s.read }))).toEqual([]);
    });

    it('stays at or above the measured floor', () => {
      const measured = {
        textsPrecision: summary.texts.precision,
        textsRecall: summary.texts.recall,
        articlesRecall: summary.articles.recall,
        numberRight: summary.numberRight,
        dateRightOrFlagged: summary.dateRightOrFlagged,
      };
      for (const [key, floor] of Object.entries(sample.floor))
        expect(measured[key as keyof Sample['floor']], key).toBeGreaterThanOrEqual(floor);
    });
  });
}
