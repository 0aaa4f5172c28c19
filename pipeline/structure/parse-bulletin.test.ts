import { describe, expect, it } from 'vitest';
import { UnreadableMastheadError } from '../errors.js';
import { textId } from '../ids.js';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';
import { ISSUE_EXPECTED, ISSUE_PAGES, OCR_ERRORS } from './testing/test-issue.js';

/**
 * The test issue parsed with `printed` read as `misread` on the first (or last) page that
 * prints it, as OCR misreads one occurrence.
 */
function parseMisread(printed: string, misread: string, occurrence: 'first' | 'last') {
  const pages = [...ISSUE_PAGES];
  const at =
    occurrence === 'first'
      ? pages.findIndex((p) => p.includes(printed))
      : pages.findLastIndex((p) => p.includes(printed));
  pages[at] = pages[at]!.replace(printed, misread);
  return parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
}

function articlesById(pages: readonly string[]): Record<string, string[]> {
  const parsed = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
  return Object.fromEntries(parsed.texts.map((t) => [t.id, t.articles.map((a) => a.number)]));
}

describe('parseBulletin on a clean French issue', () => {
  const parsed = parseBulletin(pagesFromText(ISSUE_PAGES), recordFor('BO_5714_Fr.pdf'));
  const text = (id: string) => parsed.texts.find((t) => t.id === id)!;

  it('reads the bulletin from the masthead and running headers', () => {
    expect(parsed.bulletin).toMatchObject({
      id: 'bo-fr-5714',
      edition: 'fr',
      number: '5714',
      date: '2009-03-05',
      hijriDate: '7 rabii I 1430',
      // The masthead page prints no number: it is the one before the first running header's.
      firstPage: 551,
      lastPage: 555,
      pageCount: 5,
    });
  });

  it('finds every text with its articles, and skips the sommaire', () => {
    const rectificatif = textId('rectificatif', null, {
      signedOn: '2009-01-14',
      title: 'Rectificatif au « Bulletin officiel » n° 5700 du 17 moharrem 1430 (14 janvier 2009).',
    });
    expect(parsed.texts.map((t) => t.id)).toEqual([...Object.keys(ISSUE_EXPECTED), rectificatif]);
    for (const [id, numbers] of Object.entries(ISSUE_EXPECTED)) {
      expect(
        text(id).articles.map((a) => a.number),
        id,
      ).toEqual(numbers);
    }
  });

  it('links the dahir to the loi it promulgates and dates the loi by the dahir', () => {
    expect(text('dahir-1-09-15')).toMatchObject({
      type: 'dahir',
      number: '1-09-15',
      signedOn: '2009-02-18',
      hijriDate: '22 safar 1430',
      promulgates: 'loi-09-08',
      page: 552,
    });
    expect(text('dahir-1-09-15').title).toBe(
      "Dahir n° 1-09-15 du 22 safar 1430 (18 février 2009) portant promulgation de la loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel",
    );
    expect(text('loi-09-08')).toMatchObject({
      type: 'loi',
      signedOn: '2009-02-18',
      title:
        "Loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel",
    });
  });

  it('gives article bodies, headings, pages, paths and boxes', () => {
    const loi = text('loi-09-08');
    const [first, second, third, fourth] = loi.articles;
    expect(first).toMatchObject({
      heading: 'ARTICLE PREMIER.',
      page: 552,
      pageIndex: 2,
      path: ['TITRE PREMIER', 'Chapitre premier'],
    });
    expect(first!.body).toMatch(/^Au sens de la présente loi, on entend par « données/);
    expect(first!.bbox).toBeDefined();
    // The citation lines (`l'article 9 de la loi …`, `Article 9 de la loi …`) stay in article 2.
    expect(second!.body).toContain("prévues à l'article 9 de la loi n° 43-20 précitée");
    expect(second!.body).toMatch(/Article 9 de la loi n° 17-95 relative aux sociétés anonymes\.$/);
    expect(third).toMatchObject({ heading: 'Article 3', page: 553, pageIndex: 3 });
    expect(third!.body).toBe(
      "Le responsable du traitement veille à la réglementation applicable aux données qu'il collecte.",
    );
    expect(fourth).toMatchObject({
      heading: 'ART. 4.',
      body: "Le traitement ne peut être effectué qu'avec le consentement de la personne concernée.",
    });
    const fifth = loi.articles.find((a) => a.number === '5')!;
    expect(fifth.path).toEqual([
      'TITRE PREMIER',
      'Chapitre II',
      "Section première. – Du droit à l'information",
    ]);
    // The note on the Arabic original ends the last article.
    expect(loi.articles.at(-1)!.body).toBe("La personne concernée dispose d'un droit d'accès.");
  });

  it('keeps recitals, the enacting words and the signature out of articles', () => {
    const decret = text('decret-2-09-165');
    expect(decret.signedOn).toBe('2009-05-21');
    expect(decret.articles[0]!.body).toBe(
      'La commission nationale de contrôle de la protection des données à caractère personnel siège à Rabat.',
    );
    expect(decret.articles.at(-1)!.body).toBe(
      "Le ministre de la justice est chargé de l'exécution du présent décret qui sera publié au Bulletin officiel.",
    );
    const all = parsed.texts.flatMap((t) => t.articles.map((a) => a.body)).join('\n');
    expect(all).not.toMatch(/\bVu\b|DÉCRÈTE|ARRÊTE :|PREMIER MINISTRE|Fait à|contreseing|AKHANNOUCH/);
    expect(text('arrete-3579-08')).toMatchObject({
      type: 'arrete',
      number: '3579-08',
      signedOn: '2009-01-30',
      page: 555,
    });
  });

  it('keeps apart two texts without a number of one type, date and title but for a figure; joins a rectificatif’s parts', () => {
    const decision = (year: number, rate: number) => `Décision du ministre de l'économie et des finances du
3 safar 1430 (30 janvier 2009) fixant le taux de l'indemnité de
résidence pour l'année ${year}.
Article premier. – Le taux de l'indemnité est fixé à ${rate} %.
Article 2. – La présente décision sera publiée au Bulletin officiel.`;
    const pages = [...ISSUE_PAGES];
    pages[4] = `${pages[4]}
${decision(2009, 5)}
${decision(2010, 6)}
Rectificatif au « Bulletin officiel » n° 5700 du 17 moharrem 1430
(14 janvier 2009).
Page 61, au lieu de : « article 12 », lire : « article 13 ».`;
    const parsed = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
    const decisions = parsed.texts.filter((t) => t.type === 'decision');
    const first = textId('decision', null, {
      signedOn: '2009-01-30',
      title: decision(2009, 5).split('\n').slice(0, 3).join(' '),
    });
    expect(decisions.map((t) => t.id)).toEqual([first, `${first}-2`]);
    expect(decisions.map((t) => t.articles.map((a) => a.body.match(/\d+ %/)?.[0]))).toEqual([
      ['5 %', undefined],
      ['6 %', undefined],
    ]);
    expect(parsed.warnings.some((w) => w.startsWith(`${first}-2 p. 555: a second text`))).toBe(true);
    const rectificatifs = parsed.texts.filter((t) => t.type === 'rectificatif');
    expect(rectificatifs).toHaveLength(1);
    expect(rectificatifs[0]!.preamble).toMatch(/2 000 dirhams[\s\S]*article 13/);
  });

  it('cross-checks the sommaire: warns where a listed page disagrees', () => {
    const sommaire = parsed.warnings.filter((w) => w.includes('sommaire'));
    expect(sommaire).toEqual(['arrete-3579-08: the sommaire lists it at p. 562, found at p. 555']);
  });
});

describe('parseBulletin on OCR noise', () => {
  it('repairs a digit dropped from a text number in the body with the sommaire’s reading', () => {
    const pages = [...ISSUE_PAGES];
    const body = pages.findIndex(
      (p, i) => i > 0 && p.includes('Décret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009) pris'),
    );
    pages[body] = pages[body]!.replace(
      'Décret n° 2-09-165 du 25 joumada I',
      'Décret n° 2-09-16 du 25 joumada I',
    );
    // Right-to-left OCR drops the head of a number: `9-08` for `3579-08`.
    const order = pages.findLastIndex((p) => p.includes('n° 3579-08 du'));
    pages[order] = pages[order]!.replace('n° 3579-08 du', 'n° 9-08 du');
    const parsed = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
    const ids = parsed.texts.map((t) => t.id);
    expect(ids).not.toContain('decret-2-09-16');
    expect(ids).toContain('arrete-3579-08');
    expect(parsed.texts.find((t) => t.id === 'decret-2-09-165')).toMatchObject({ number: '2-09-165' });
    expect(parsed.warnings).toContain(
      'decret-2-09-165: number read as n° 2-09-16 in the body, n° 2-09-165 in the sommaire',
    );
  });

  it('keeps the body’s number when the sommaire’s longer reading fits no number of its series', () => {
    // As on an Arabic scan: the sommaire's reading gained a digit (`42131.09` for `4131.09`).
    const parsed = parseMisread('n° 3579-08 du', 'n° 35790-08 du', 'first');
    expect(parsed.texts.map((t) => t.id)).toContain('arrete-3579-08');
    expect(parsed.texts.map((t) => t.id)).not.toContain('arrete-35790-08');
  });

  it('links a dahir to the loi after it when only the loi’s title reads a loi number', () => {
    // As on an Arabic scan: the promulgating dahir's `09.08` read `4 )8`.
    const parsed = parseMisread('promulgation de la loi n° 09-08', 'promulgation de la loi n° 9', 'first');
    expect(parsed.texts.map((t) => t.id)).not.toContain('loi-9');
    expect(parsed.texts.find((t) => t.id === 'dahir-1-09-15')?.promulgates).toBe('loi-09-08');
    expect(parsed.warnings).toContain(
      'loi-09-08: number read as n° 9 in its promulgating dahir, n° 09-08 in its title',
    );
  });

  it('takes the sommaire’s number when only it has the shape of its series, and flags the other', () => {
    const parsed = parseMisread('n° 3579-08 du', 'n° 35790-08 du', 'last');
    expect(parsed.texts.find((t) => t.id === 'arrete-3579-08')).toMatchObject({ number: '3579-08' });
    expect(parsed.warnings).toContain(
      'arrete-35790-08: n° 35790-08 is shaped as no number of its series: check it',
    );
  });

  it('reads the same ids and article numbers through the OCR errors of real scans', () => {
    let noisy = ISSUE_PAGES.join('\f');
    for (const [clean, ocr] of OCR_ERRORS) {
      expect(noisy, clean).toContain(clean);
      noisy = noisy.replace(clean, ocr);
    }
    const got = articlesById(noisy.split('\f'));
    for (const [id, numbers] of Object.entries(ISSUE_EXPECTED)) expect(got[id], id).toEqual(numbers);
  });

  it('repairs the masthead date and header dates with the Hijri/Gregorian agreement', () => {
    const pages = [...ISSUE_PAGES];
    pages[0] = pages[0]!.replace('(5 mars 2009)', '(6 mars 2O09)');
    pages[3] = pages[3]!.replace(
      '25 joumada I 1430 (21 mai 2009) pris',
      '25 joumada I 1930 (2l mai 2009) pris',
    );
    const parsed = parseBulletin(pagesFromText(pages), recordFor('x.pdf'));
    expect(parsed.bulletin.date).toBe('2009-03-06');
    const decret = parsed.texts.find((t) => t.id === 'decret-2-09-165')!;
    expect(decret).toMatchObject({ signedOn: '2009-05-21', hijriDate: '25 joumada I 1430' });
    expect(parsed.warnings.some((w) => w.includes('repaired'))).toBe(true);
  });
});

describe('parseBulletin masthead', () => {
  it('lets the pages win over the file name, with a warning', () => {
    const parsed = parseBulletin(pagesFromText(ISSUE_PAGES), recordFor('BO_7140_bis_Fr.pdf'));
    expect(parsed.bulletin.id).toBe('bo-fr-5714');
    expect(parsed.warnings).toContain('bo-fr-5714: file name says n° 7140 bis, the pages say n° 5714');
  });

  it('takes the running headers’ number over a masthead OCR added a digit to when the file name agrees', () => {
    // A short issue: its masthead and one running header.
    const pages = ISSUE_PAGES.slice(0, 2);
    pages[0] = pages[0]!.replace('N° 5714', 'N° 57140');
    const named = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
    expect(named.bulletin.id).toBe('bo-fr-5714');
    expect(named.warnings).toContain(
      'bo-fr-5714: issue number read as 5714, 57140: n° 57140 beyond the series, misread',
    );
    // Without the file name's support too: no issue bears n° 57140, whatever the masthead's weight.
    expect(parseBulletin(pagesFromText(pages), recordFor('scan.pdf')).bulletin.id).toBe('bo-fr-5714');
  });

  it('numbers every page from the run of its neighbours, over a number OCR misread', () => {
    const pages = [...ISSUE_PAGES];
    pages[3] = pages[3]!.replace(/^554 /, '5504 ');
    const parsed = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
    expect(parsed.warnings).toContain(
      'bo-fr-5714: page 4: printed page read as 5504, taken as 554 from the pages around it',
    );
    expect(parsed.bulletin).toMatchObject({ firstPage: 551, lastPage: 555 });
    expect(
      parseBulletin(pagesFromText(ISSUE_PAGES), recordFor('BO_5714_Fr.pdf')).texts.map((t) => [t.id, t.page]),
    ).toEqual(parsed.texts.map((t) => [t.id, t.page]));
  });

  it('numbers the pages of a short issue by the pages its sommaire lists, when too few pages print one', () => {
    // Two pages: only the second prints its number; the masthead page is the one before.
    const two = parseBulletin(pagesFromText(ISSUE_PAGES.slice(0, 2)), recordFor('BO_5714_Fr.pdf'));
    expect(two.bulletin).toMatchObject({ firstPage: 551, lastPage: 552 });
    // Three pages, the third's number misread: one reading against one, the sommaire's 552 decides.
    const pages = ISSUE_PAGES.slice(0, 3);
    pages[2] = pages[2]!.replace(/ 553$/m, ' 5503');
    const three = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
    expect(three.warnings).toContain(
      'bo-fr-5714: page 3: printed page read as 5503, taken as 553 from the pages around it and the sommaire',
    );
    expect(three.bulletin).toMatchObject({ firstPage: 551, lastPage: 553 });
    const onPage3 = three.texts.find((t) => t.id === 'loi-09-08')!;
    expect(onPage3.articles.map((a) => a.page)).toEqual(
      parseBulletin(pagesFromText(ISSUE_PAGES), recordFor('BO_5714_Fr.pdf'))
        .texts.find((t) => t.id === 'loi-09-08')!
        .articles.map((a) => a.page),
    );
  });

  it('reads a suffix from the masthead', () => {
    const pages = ISSUE_PAGES.map((p) => p.replaceAll('N° 5714', 'N° 5714 bis'));
    expect(parseBulletin(pagesFromText(pages), recordFor('a.pdf')).bulletin.id).toBe('bo-fr-5714-bis');
  });

  it('falls back to the file name when the pages carry no number', () => {
    const pages = ISSUE_PAGES.map((p) => p.replaceAll(/N° 5714/g, 'N° ####'));
    const parsed = parseBulletin(pagesFromText(pages), recordFor('BO_5714_Fr.pdf'));
    expect(parsed.bulletin.id).toBe('bo-fr-5714');
    expect(parsed.warnings[0]).toMatch(/taken from the file name/);
  });

  it('keeps an issue with no number anywhere, unidentified, with its texts and a warning', () => {
    const pages = ISSUE_PAGES.map((p) => p.replaceAll(/N° 5714/g, 'N° ####'));
    const parsed = parseBulletin(pagesFromText(pages), recordFor('scan_0001.pdf'));
    expect(parsed.bulletin.id).toBe('bo-fr-unidentified-00000000');
    expect(parsed.texts.map((t) => t.id)).toEqual(expect.arrayContaining(Object.keys(ISSUE_EXPECTED)));
    expect(parsed.warnings.join('\n')).toMatch(/unidentified issue, for an archivist/);
  });

  it('refuses only a file with no pages at all, with UNREADABLE_MASTHEAD', () => {
    const attempt = () => parseBulletin([], recordFor('scan.pdf'));
    expect(attempt).toThrow(UnreadableMastheadError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'UNREADABLE_MASTHEAD' }));
  });

  it('tells the Arabic edition by its script, whatever the file name says', () => {
    const parsed = parseBulletin(
      pagesFromText(['السنة السادسة بعد المائة – عدد 7214 فاتح رمضان 1444 (23 مارس 2023)'], {
        language: 'ara',
      }),
      recordFor('bo_7214_fr.pdf'),
    );
    expect(parsed.bulletin).toMatchObject({
      id: 'bo-ar-7214',
      date: '2023-03-23',
      hijriDate: 'فاتح رمضان 1444',
    });
    expect(parsed.warnings).toContain(
      'bo-ar-7214: file name says edition fr, the pages are the Arabic edition',
    );
  });
});
