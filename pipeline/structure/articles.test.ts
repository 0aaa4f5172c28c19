import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realDataPath } from '../../fixtures/real-data.js';
import { canonicalArticleNumber } from '../ids.js';
import {
  isTextEnd,
  parseTextArticles,
  readArticleHeading,
  readHierarchyHeading,
  rejoinBrokenHeadings,
} from './articles.js';
import { ARABIC_GRAMMAR } from './editions.js';
import { bodyLines } from './lines.js';
import { parseTexts } from './parse-bulletin.js';
import { pagesFromText } from './testing/test-helpers.js';

const REAL = realDataPath('legal-texts-ma', 'fr');

/** A real law's text as pages of 50 lines, as layout would hand it over. */
function realLaw(file: string) {
  const raw = readFileSync(`${REAL}/${file}`, 'utf8').split('\n');
  const pages: string[] = [];
  for (let i = 0; i < raw.length; i += 50) pages.push(raw.slice(i, i + 50).join('\n'));
  return { raw, lines: bodyLines(pagesFromText(pages)) };
}

/** Independent expectation: lines that are just `Article N [bis]` / `Article premier`. */
function expectedNumbers(raw: readonly string[]): string[] {
  return raw
    .map((l) => /^\s*Article\s+(premier|\d+(?:\s+(?:bis|ter|quater))?)\s*$/i.exec(l)?.[1])
    .filter((n): n is string => n !== undefined)
    .map((n) => canonicalArticleNumber(n)!);
}

describe('readArticleHeading', () => {
  it.each([
    ['ARTICLE PREMIER. – Le présent décret …', '1', 'ARTICLE PREMIER.', 'Le présent décret …'],
    ['Article premier', '1', 'Article premier', ''],
    ['Article Premier : Sont fixées …', '1', 'Article Premier', 'Sont fixées …'],
    ['ART. 2. – Les dispositions …', '2', 'ART. 2.', 'Les dispositions …'],
    ['Article 2', '2', 'Article 2', ''],
    ['Article2', '2', 'Article2', ''],
    ['Article 97 bis. – Les sociétés …', '97-bis', 'Article 97 bis.', 'Les sociétés …'],
    ['Article unique. – Est homologué …', 'unique', 'Article unique.', 'Est homologué …'],
    ['Article 1er', '1', 'Article 1er', ''],
    ['ARTlCLE PREMlER. –', '1', 'ARTlCLE PREMlER.', ''],
    ['Article 1O', '10', 'Article 1O', ''],
    ['Artic1e 12 :', '12', 'Artic1e 12', ''],
    // Real copies (issue 16): a consolidated reprint's note, specks OCR left around bold headings.
    [
      'ART. 2 (modifié par le dahir portant loi n° 1-73-283 du 10 avril 1973). – Les associations …',
      '2',
      'ART. 2 (modifié par le dahir portant loi n° 1-73-283 du 10 avril 1973).',
      'Les associations …',
    ],
    ['ART. 5 (abrogé par le dahir n° 1-02-206 du', '5', 'ART. 5 (abrogé par le dahir n° 1-02-206 du', ''],
    ['Article $1', '51', 'Article $1', ''],
    ['Article 122 }', '122', 'Article 122', ''],
    ['à Article 166', '166', 'Article 166', ''],
    ['Article 12', '12', 'Article 12', ''],
    // Real copy 046 (the Justice site's loi on medicine, flowed as one paragraph): no dash after the number.
    ['Article 2 La médecine est une profession', '2', 'Article 2', 'La médecine est une profession'],
    ["Article 5 L'association est", '5', 'Article 5', "L'association est"],
    // As tesseract read `ART. 4. – Tout membre …` on the scan of real copy 010: the period a comma.
    [
      "ART, 4. Tout membre d'une association qui n'est pas",
      '4',
      'ART, 4.',
      "Tout membre d'une association qui n'est pas",
    ],
  ])('%s', (line, number, heading, rest) => {
    expect(readArticleHeading(line)).toMatchObject({ number, heading, rest });
  });

  it.each([
    "Article 9 de la loi n° 43-20 précitée s'applique.",
    "l'article 9 de la loi n° 43-20 précitée",
    'Articles 2 et 3. – abrogés',
    '« Article 5. – Le conseil …',
    'Il est créé une commission.',
    'Article',
    // A citation carried over to the start of a line (`… fixée audit` / `article 47.`).
    'article 47.',
    'article 12',
    'Article 9 (de la loi n° 43-20) est abrogé.',
    'conformément à Article 166 du code',
    'Article 12 Dahir n° 1-58-376 du 15 novembre 1958',
    'Artic1e 2 La médecine est',
  ])('not a heading: %s', (line) => {
    expect(readArticleHeading(line)).toBeNull();
  });
});

describe('rejoinBrokenHeadings', () => {
  const texts = (lines: string[]) => rejoinBrokenHeadings(lines.map((text) => ({ text }))).map((l) => l.text);

  it('moves a keyword a line ends with onto the heading it opens on the next line', () => {
    // As tesseract read the scan of real copy 012, a web reprint flowed as one paragraph.
    expect(
      texts([
        'Que Notre Majesté C A Décidé ce qui suit : Titre Premier : Des Associations en or 16 Sni* to View Article',
        "Premier : l'association est la convention par laquelle deux ou plusieurs personnes mettent en commun",
      ]),
    ).toEqual([
      'Que Notre Majesté C A Décidé ce qui suit : Titre Premier : Des Associations en or 16 Sni* to View',
      "Article Premier : l'association est la convention par laquelle deux ou plusieurs personnes mettent en commun",
    ]);
    expect(texts(['ART.', '4. – Tout membre …'])).toEqual(['ART. 4. – Tout membre …']);
  });

  it('leaves citations and headings already whole as they are', () => {
    const lines = [
      'sous réserve des dispositions de l’article',
      '5 de la loi n° 75-00.',
      'Les associations visées à',
      'Article 5 : Toute association …',
      'Les associations de l’Article',
      '3. – abrogé',
    ];
    expect(texts(lines)).toEqual(lines);
  });
});

describe('readHierarchyHeading and isTextEnd', () => {
  it('ranks hierarchy headings and rejects citations', () => {
    expect(readHierarchyHeading('Titre premier : Dispositions générales')).toBe(2);
    expect(readHierarchyHeading('CHAPITRE II')).toBe(3);
    expect(readHierarchyHeading('Section première. – Du droit')).toBe(4);
    expect(readHierarchyHeading('Sous-section 2')).toBe(5);
    expect(readHierarchyHeading('Section II de la présente loi')).toBeNull();
    expect(readHierarchyHeading('titre II ci-dessus')).toBeNull();
  });

  it('reads a Roman numeral OCR damaged, never a word', () => {
    // Tesseract's reading of a generated scan's `Section II` (seed 9301): left in an article's body before.
    expect(readHierarchyHeading('Section IT')).toBe(4);
    expect(readHierarchyHeading('CHAPITRE Il')).toBe(3);
    expect(readHierarchyHeading('Section de')).toBeNull();
    expect(readHierarchyHeading('Section Tl')).toBeNull();
  });

  it('recognises signature blocks', () => {
    expect(isTextEnd('Fait à Rabat, le 22 safar 1430 (18 février 2009).')).toBe(true);
    expect(isTextEnd('Pour contreseing :')).toBe(true);
    expect(isTextEnd('Rabat, le 3 safar 1430 (30 janvier 2009).')).toBe(true);
    expect(isTextEnd('Le fait à établir est …')).toBe(false);
  });
});

describe('parseTextArticles on real laws', () => {
  it.each(['ma-loi-5-96.txt', 'ma-loi-17-95.txt'])('%s: article numbers as the text has them', (file) => {
    const { raw, lines } = realLaw(file);
    const want = expectedNumbers(raw);
    const { articles } = parseTextArticles(lines);
    expect(want.length).toBeGreaterThan(100);
    expect(articles.map((a) => a.number)).toEqual(want);
    // Bodies are filled; hyphenated line ends are re-joined.
    expect(articles.filter((a) => a.body.length < 20)).toEqual([]);
    expect(articles.every((a) => a.pageIndex >= 1 && a.page === a.pageIndex)).toBe(true);
  });

  it('loi 5-96: titles fill the path; article 1 body is the whole first paragraph pair', () => {
    const { articles } = parseTextArticles(realLaw('ma-loi-5-96.txt').lines);
    expect(articles[0]!.path).toEqual(['Titre premier : Dispositions générales']);
    expect(articles[2]!.path).toEqual(['Titre II : De la société en nom collectif']);
    expect(articles[0]!.body).toMatch(/^La société en nom collectif, .* propres\.$/);
  });

  it('loi 17-95: one text, no text made of amendment notes citing dahirs and lois', () => {
    const { texts } = parseTexts(realLaw('ma-loi-17-95.txt').lines, 'bo-fr-0');
    expect(texts.map((t) => t.id)).toEqual(['loi-17-95']);
    expect(texts[0]!.articles.length).toBe(expectedNumbers(realLaw('ma-loi-17-95.txt').raw).length);
  });
});

describe('parseTextArticles on headings OCR broke', () => {
  it('starts an article at its text, not at the separator wrapped onto the line after its heading', () => {
    // As tesseract read the scan of real copy 011: the heading alone, its colon opening the next line.
    const lines = [
      'Article Premier',
      ": L'association est la convention par laquelle deux ou plusieurs personnes mettent en commun d'une",
      'façon permanente leurs connaissances.',
      'Article 2',
      ': 3 membres au moins.',
    ].map((text) => ({ text, page: 1, pageIndex: 1, confidence: 1 }));
    const { articles } = parseTextArticles(lines);
    expect(articles.map((a) => [a.number, a.body.slice(0, 16)])).toEqual([
      ['1', "L'association es"],
      ['2', '3 membres au moi'],
    ]);
  });
});

describe('parseTextArticles sequence repair', () => {
  it('reads a misread number that breaks a regular sequence as the one the sequence needs', () => {
    const lines = ['Article 4', 'a', 'Article 9', 'b', 'Article 6', 'c'].map((text) => ({
      text,
      page: 1,
      pageIndex: 1,
      confidence: 1,
    }));
    const { articles, warnings } = parseTextArticles(lines);
    expect(articles.map((a) => a.number)).toEqual(['4', '5', '6']);
    expect(warnings).toContain('article read as 9 between 4 and 6: taken as 5');
  });

  it('flags the last heading of a regular run whose number breaks it, and keeps it as read', () => {
    // As tesseract `ara` read the heading of article 80 of the real dahir on the Orders of the Kingdom.
    const lines = ['المادة 78', 'أ', 'المادة 79', 'ب', 'المادة 850', 'ج'].map((text) => ({
      text,
      page: 1,
      pageIndex: 1,
      confidence: 1,
    }));
    const { articles, warnings } = parseTextArticles(lines, ARABIC_GRAMMAR);
    expect(articles.map((a) => a.number)).toEqual(['78', '79', '850']);
    expect(warnings).toContain('article read as 850 after 79: the sequence would give 80; kept as read');
  });

  it('numbers an Arabic heading whose figure OCR read as a mark from the sequence, or the heading before it', () => {
    // As tesseract `ara` read `المادة 8` on an unseen scan fixture (seed 2718).
    const bodyOf = (texts: string[]) => texts.map((text) => ({ text, page: 1, pageIndex: 1, confidence: 1 }));
    const between = parseTextArticles(
      bodyOf(['المادة 7', 'أ', 'المادة ©', 'ب', 'المادة 9', 'ج']),
      ARABIC_GRAMMAR,
    );
    expect(between.articles.map((a) => [a.number, a.body])).toEqual([
      ['7', 'أ'],
      ['8', 'ب'],
      ['9', 'ج'],
    ]);
    expect(between.warnings).toContain('article read as ? between 7 and 9: taken as 8');
    // Nothing after it: it follows the one before (seed 8101), flagged.
    const last = parseTextArticles(bodyOf(['المادة 7', 'أ', 'المادة ©', 'ب']), ARABIC_GRAMMAR);
    expect(last.articles.map((a) => [a.number, a.body])).toEqual([
      ['7', 'أ'],
      ['8', 'ب'],
    ]);
    expect(last.warnings).toContain('article read as ? after 7: taken as 8');
  });
});
