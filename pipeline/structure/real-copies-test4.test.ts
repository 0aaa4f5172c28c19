/**
 * Structure of the real copies of bo-pages test4 (issue 16, fourth round): the lines that showed
 * each general miss when that split was first scored, as the copies print them.
 */
import { describe, expect, it } from 'vitest';
import { parseFrenchDate } from '../dates.js';
import type { PageArtefact } from '../model.js';
import { readRunningHeader } from './masthead.js';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';
import { isBodyMarker } from './text-headers.js';

/** One page whose lines are all body lines, in order: a note of the issue set among them, as layout leaves it. */
function bodyPage(text: string, language: 'fra' | 'ara'): PageArtefact[] {
  const [page] = pagesFromText([text], { language });
  const lines = [...page!.header, ...page!.lines].sort((a, b) => a.bbox.y - b.bbox.y);
  return [{ ...page!, header: [], lines }];
}

describe('running headers whose first of the month is printed `1°` (bo-pages 057)', () => {
  it("reads the number, date and page of `N° 6750 - 1°' joumada II 1440 (7-2-2019) BULLETIN OFFICIEL 123`", () => {
    expect(readRunningHeader("N° 6750 - 1°' joumada II 1440 (7-2-2019) BULLETIN OFFICIEL 123")).toMatchObject(
      {
        number: '6750',
        date: { gregorian: '2019-02-07', hijriText: '1er joumada II 1440' },
        page: 123,
      },
    );
  });

  it('takes `1°` for the first only: `3°` is no day', () => {
    expect(parseFrenchDate("1°' joumada II 1440 (7-2-2019)")?.hijri).toEqual({
      day: 1,
      month: 6,
      year: 1440,
    });
    expect(parseFrenchDate('3° joumada II 1440')?.hijri ?? null).toBeNull();
  });
});

describe('texts an authority opens in capitals (bo-pages 058)', () => {
  it('opens a minister’s arrêté after a web viewer’s own line', () => {
    const page = `Official bulletin n° 7196
Published on May 17, 2023
General Texts
Dahir n° 1-22-68 du 30 rabii II 1444 (25 novembre 2022) portant promulgation de la loi n° 41-21
modifiant et complétant la loi n° 20-13 relative au conseil de la concurrence.
LOUANGE A DIEU SEUL!
A DÉCIDÉ CE QUI SUIT :
Est promulguée et sera publiée au Bulletin officiel, à la suite du présent dahir, la loi n° 41-21 modifiant et
complétant la loi n° 20-13 relative au conseil de la concurrence, telle qu'adoptée par la Chambre des
représentants et la Chambre des conseillers.
7 Attachments - sign in to show
Arrêté de la ministre de l'économie et des finances n° 3579-22 du 3 joumada II 1444 (27 décembre 2022)
complétant l'arrêté du ministre de l'économie, des finances et de la réforme de l'administration n°
3480-19 du 7 rabii I 1441 (5 novembre 2019) portant dispense de l'obligation de dépôt des déclarations
de mise en œuvre et de production.
LA MINISTRE DE L'ÉCONOMIE ET DES FINANCES,`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('x.pdf'));
    expect(parsed.texts.map((t) => [t.id, t.signedOn])).toEqual([
      ['dahir-1-22-68', '2022-11-25'],
      ['arrete-3579-22', '2022-12-27'],
    ]);
  });

  it('takes the authority in capitals for a body opening, not an article’s sentence about a minister', () => {
    expect(isBodyMarker("LA MINISTRE DE L'ÉCONOMIE ET DES FINANCES,")).toBe(true);
    expect(
      isBodyMarker("LE MINISTRE DE L'AGRICULTURE, DE LA PECHE LE MINISTRE DE L'AGRICULTURE, DE LA PECHE"),
    ).toBe(true);
    expect(isBodyMarker("Le ministre de l'intérieur est chargé de l'exécution du présent arrêté.")).toBe(
      false,
    );
  });
});

describe('a cover whose number has no sign (bo-pages 070)', () => {
  const cover =
    'Quarante-septiéme année - Afio XLVII. — 2361 bis 31 janvier 1958 - 31 de enero de 1958. ROYAUME DU MAROC — REINO DE MARRUECOS';

  it('reads the number after the year of publication when its date follows it', () => {
    const parsed = parseBulletin(pagesFromText([cover]), recordFor('x.pdf'));
    expect(parsed.bulletin).toMatchObject({ id: 'bo-fr-2361-bis', date: '1958-01-31' });
  });

  it('reads no number after a dash with no year of publication before it', () => {
    const sommaire = `SOMMAIRE
Décret n° 2-22-01 du 5 rejeb 1443 (7 février 2022) d’exportation d’Oujda — 1518 9 juin 2023`;
    const parsed = parseBulletin(pagesFromText([sommaire]), recordFor('x.pdf'));
    expect(parsed.bulletin.id).toMatch(/^bo-fr-unidentified-/);
  });
});

describe('an Arabic copy’s note of its issue after the title (bo-pages 067)', () => {
  // As OCR read the copy's raster: `1434` read `1234`, its closing parenthesis lost.
  const title = `مرسوم رقم 2.13.32 صادر في 13 من جمادى الأولى 1234 (25 مارس 2013 يتعلق بتحديد الحد الأدنى للتأمين
المطبق على الموثقين`;

  it('reads the issue from the note line, its date written in words', () => {
    const pages = bodyPage(`${title}\nالجريدة الرسمية عدد 6143 بتاريخ 15 أبريل 2013 الصفحة 3180`, 'ara');
    const parsed = parseBulletin(pages, recordFor('x.pdf'));
    expect(parsed.bulletin).toMatchObject({ id: 'bo-ar-6143', date: '2013-04-15' });
    expect(parsed.texts.map((t) => t.id)).toEqual(['decret-2-13-32']);
  });

  it('takes no issue from a recital that cites one', () => {
    const pages = bodyPage(
      `${title}\nبناء على القانون رقم 26.00 المنشور بالجريدة الرسمية عدد 4882 بتاريخ 15 مارس 2001 ص 799؛`,
      'ara',
    );
    expect(parseBulletin(pages, recordFor('x.pdf')).bulletin.id).toMatch(/^bo-ar-unidentified-/);
  });
});
