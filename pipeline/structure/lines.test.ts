import { describe, expect, it } from 'vitest';
import type { PageArtefact, TextLine } from '../model.js';
import { bodyLines } from './lines.js';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';

/** A line of a scanned page: its top and height in page heights, its text. */
function scanned([y, h, text]: readonly [number, number, string]): TextLine {
  return { text, bbox: { x: 0.086, y, w: 0.8, h }, confidence: 0.95 };
}

/**
 * The first page of real copy 012 (a web reprint of dahir 1-58-376) rendered as a 300 dpi scan,
 * as tesseract and layout read it: its line boxes are taller than its line pitch, and the
 * band layout took around the line citing the `Bulletin officiel` holds the lines above and below.
 */
const COPY_012_SCAN: PageArtefact = {
  index: 1,
  source: 'ocr',
  confidence: 0.94,
  width: 2481,
  height: 3508,
  language: 'fra',
  header: (
    [
      [
        0.0767,
        0.0202,
        "Dahir no 1-58-376 du 3 journada 1 1378 (15 novembre 1958) réglementant le droit d'association, tel qu’il",
      ],
      [
        0.0938,
        0.0185,
        'a été modifié et complété. Bulletin officiel no 2404 bis du 27/11/1958 (27 novembre 1958) LOUANGE A',
      ],
      [
        0.1092,
        0.0182,
        'DIEU SEUL (Grand sceau de Sidi Mohammed ben Youssef) Que l’on sache par les présentes puisse Dieu',
      ],
    ] as const
  ).map(scanned),
  lines: (
    [
      [0.1306, 0.012, 'en élever et en fortifier la teneur !'],
      [
        0.14,
        0.02,
        'Que Notre Majesté C A Décidé ce qui suit : Titre Premier : Des Associations en or 16 Sni* to View Article',
      ],
      [
        0.1574,
        0.016,
        "Premier : l'association est la convention par laquelle deux ou plusieurs personnes mettent en commun",
      ],
      [
        0.1713,
        0.0191,
        'd’une façon permanente leurs connaissances ou leur ctivité dans un but autre que de partager des',
      ],
      [
        0.187,
        0.0182,
        'bénéfices. Elle est régie, quant à sa validité, par les principes généraux du droit applicable aux contrats',
      ],
      [
        0.2021,
        0.0197,
        'et obligations. Article 2 : (Modifié, D. ortant loi nb 1-73-283, IO avril 1973 – rebia 1 1393, art. 1er) Les',
      ],
      [
        0.2175,
        0.0188,
        'associations de personnes peuvent se former librement sans autorisation sous résep. ‘e des dispositions',
      ],
      [
        0.2329,
        0.018,
        'de l’article 5. Article 3 : (Mod. D. no 1-02-206 du 12 joumada 1 1423 (23/07/2002) portant promulgation',
      ],
      [
        0.2494,
        0.0168,
        'de la loi na 75-00, art. 2) Toute association fondée sur une cause ou en vue d’un objet illicite, ses',
      ],
      [0.2651, 0.0165, 'cotisations échues et de l’année courante nonobstant oute clause contraire.'],
    ] as const
  ).map(scanned),
};

describe('bodyLines: the band layout took around a running header', () => {
  it('gives back the body lines of the band on other rows than the header’s, in reading order', () => {
    const texts = bodyLines([COPY_012_SCAN]).map((l) => l.text);
    expect(texts.slice(0, 3)).toEqual([
      "Dahir no 1-58-376 du 3 journada 1 1378 (15 novembre 1958) réglementant le droit d'association, tel qu’il",
      'DIEU SEUL (Grand sceau de Sidi Mohammed ben Youssef) Que l’on sache par les présentes puisse Dieu',
      'en élever et en fortifier la teneur !',
    ]);
  });

  it('finds the dahir whose header the band held, and its articles', () => {
    const parsed = parseBulletin([COPY_012_SCAN], recordFor('copy-012.pdf'));
    expect(parsed.texts.map((t) => [t.id, t.articles.map((a) => a.number)])).toEqual([
      ['dahir-1-58-376', ['1', '2', '3']],
    ]);
  });

  it('keeps a running header wrapped over two rows out of the body', () => {
    const [page] = pagesFromText([
      'BULLETIN OFFICIEL N° 5048 – 10 chaabane 1423 (17-10-2002) 2981\nDécret n° 2-02-576 du 3 chaabane 1423 (10 octobre 2002) fixant …',
    ]);
    const title = page!.header[0]!;
    // OCR split the header's date onto a second row, inside the band.
    const wrapped: PageArtefact = {
      ...page!,
      header: [
        { ...title, text: 'BULLETIN OFFICIEL N° 5048 2981', bbox: { ...title.bbox, h: 0.02 } },
        {
          ...title,
          text: '10 chaabane 1423 (17-10-2002)',
          bbox: { ...title.bbox, y: title.bbox.y + 0.025, h: 0.02 },
        },
      ],
    };
    expect(bodyLines([wrapped]).map((l) => l.text)).toEqual([
      'Décret n° 2-02-576 du 3 chaabane 1423 (10 octobre 2002) fixant …',
    ]);
  });
});
