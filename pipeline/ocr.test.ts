import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  linesFromTesseract,
  pngSize,
  restoreFrenchDashes,
  type TesseractBbox,
  type TesseractBlock,
  type TesseractWord,
} from './ocr.js';

describe('tesseract output to lines', () => {
  it('flattens blocks → paragraphs → lines with page-fraction bboxes and 0..1 confidence', () => {
    const blocks: TesseractBlock[] = [
      {
        paragraphs: [
          {
            lines: [
              { text: 'BULLETIN  OFFICIEL\n', confidence: 90, bbox: { x0: 100, y0: 50, x1: 1100, y1: 90 } },
              { text: ' \n', confidence: 10, bbox: { x0: 0, y0: 0, x1: 5, y1: 5 } },
            ],
          },
        ],
      },
      {
        paragraphs: [
          { lines: [{ text: 'Article 2', confidence: 60, bbox: { x0: 1250, y0: 200, x1: 1450, y1: 240 } }] },
        ],
      },
    ];
    const result = linesFromTesseract(blocks, 2500, 3500);
    expect(result.lines).toEqual([
      { text: 'BULLETIN OFFICIEL', bbox: { x: 0.04, y: 50 / 3500, w: 0.4, h: 40 / 3500 }, confidence: 0.9 },
      { text: 'Article 2', bbox: { x: 0.5, y: 200 / 3500, w: 0.08, h: 40 / 3500 }, confidence: 0.6 },
    ]);
    // Weighted by length: 17 characters at 0.9, 9 at 0.6.
    expect(result.confidence).toBeCloseTo((17 * 0.9 + 9 * 0.6) / 26, 6);
    expect(linesFromTesseract(null, 10, 10)).toEqual({ lines: [], width: 10, height: 10, confidence: 0 });
  });

  it('drops specks: words without letters or digits read with low confidence, but not quotes, commas or brackets', () => {
    // As tesseract read lines of a real typewritten page with a torn left edge (fixtures/real).
    const word = (text: string, confidence: number) => ({ text, confidence });
    const line = (...words: { text: string; confidence: number }[]) => ({
      text: words.map((w) => w.text).join(' '),
      confidence: 80,
      bbox: { x0: 0, y0: 0, x1: 100, y1: 10 },
      words,
    });
    const blocks: TesseractBlock[] = [
      {
        paragraphs: [
          {
            lines: [
              line(word('/', 3), word('dont', 95), word('tous', 95)),
              line(word('}', 44), word('otisme,', 90), word('–', 91)),
              line(word('"', 30), word('id.', 90), word('»', 20), word('12', 40), word('%', 55)),
              line(word('*', 12)),
              // A footnote call and a bracket of real 1881 print, read apart from their words.
              line(word('sud', 92), word('()', 31), word('©)', 40), word('‘.', 22), word('=', 30)),
            ],
          },
        ],
      },
    ];
    expect(linesFromTesseract(blocks, 100, 10).lines.map((l) => l.text)).toEqual([
      'dont tous',
      'otisme, –',
      '" id. » 12',
      'sud () ©)',
    ]);
  });

  it('keeps sentence punctuation in the flow of its line, and drops dust, marks above the line and far-off marks', () => {
    // Words and boxes as tesseract read them on real pages of fixtures/real (pixels).
    const line = (bbox: TesseractBbox, words: TesseractWord[]) => ({
      text: words.map((w) => w.text).join(' '),
      confidence: 80,
      bbox,
      words,
    });
    const blocks: TesseractBlock[] = [
      {
        paragraphs: [
          {
            lines: [
              // 1881 print: a footnote call and its stop read apart from the word (`étrangers (1). Les`).
              line({ x0: 558, y0: 2292, x1: 1911, y1: 2338 }, [
                { text: 'étrangers', confidence: 93, bbox: { x0: 1623, y0: 2292, x1: 1802, y1: 2338 } },
                { text: '‘.', confidence: 59, bbox: { x0: 1803, y0: 2292, x1: 1834, y1: 2326 } },
                { text: 'Les', confidence: 96, bbox: { x0: 1855, y0: 2293, x1: 1911, y1: 2326 } },
              ]),
              // 1910 print: a dot of dust between two words.
              line({ x0: 568, y0: 2715, x1: 1515, y1: 2775 }, [
                { text: 'Roussillon.', confidence: 92, bbox: { x0: 568, y0: 2723, x1: 826, y1: 2759 } },
                { text: ',', confidence: 19, bbox: { x0: 858, y0: 2765, x1: 860, y1: 2769 } },
                { text: 'Fabrication', confidence: 96, bbox: { x0: 882, y0: 2715, x1: 1156, y1: 2763 } },
              ]),
              // 1910 print: a mark above the line's end.
              line({ x0: 1689, y0: 3951, x1: 2674, y1: 4020 }, [
                { text: 'mé-', confidence: 92, bbox: { x0: 2556, y0: 3975, x1: 2638, y1: 4010 } },
                { text: ';', confidence: 23, bbox: { x0: 2666, y0: 3951, x1: 2674, y1: 3972 } },
              ]),
              // Typescript: a stop far from any word (a dance programme's column of dots).
              line({ x0: 293, y0: 651, x1: 1757, y1: 681 }, [
                { text: 'E', confidence: 0, bbox: { x0: 741, y0: 651, x1: 759, y1: 674 } },
                { text: '.', confidence: 0, bbox: { x0: 933, y0: 652, x1: 948, y1: 666 } },
                { text: 'gigue', confidence: 82, bbox: { x0: 1120, y0: 653, x1: 1207, y1: 681 } },
              ]),
              // An Arabic line (right to left): the semicolon before `قال`.
              line({ x0: 0, y0: 0, x1: 990, y1: 71 }, [
                { text: '»', confidence: 88, bbox: { x0: 319, y0: 20, x1: 320, y1: 44 } },
                { text: '؛', confidence: 51, bbox: { x0: 279, y0: 25, x1: 283, y1: 43 } },
                { text: 'قال', confidence: 92, bbox: { x0: 190, y0: 3, x1: 241, y1: 45 } },
              ]),
            ],
          },
        ],
      },
    ];
    expect(linesFromTesseract(blocks, 3000, 4500).lines.map((l) => l.text)).toEqual([
      'étrangers ‘. Les',
      'Roussillon. Fabrication',
      'mé-',
      'E gigue',
      '» ؛ قال',
    ]);
  });

  it('reads a PNG size from its header only', async () => {
    const png = await sharp({ create: { width: 321, height: 123, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(pngSize(png)).toEqual({ width: 321, height: 123 });
    expect(pngSize(Buffer.from('not a png at all, not at all'))).toBeNull();
  });

  it('reads a spaced hyphen in French as the en dash, and leaves tight hyphens alone', () => {
    // As tesseract `fra` read a running header and an article heading of a scan fixture.
    expect(restoreFrenchDashes('2526 BULLETIN OFFICIEL N° 6495 - 7 hija 1437 (8-9-2016)')).toBe(
      '2526 BULLETIN OFFICIEL N° 6495 – 7 hija 1437 (8-9-2016)',
    );
    expect(restoreFrenchDashes("ART. 2. - Le ministre de l'économie et des finances")).toBe(
      "ART. 2. – Le ministre de l'économie et des finances",
    );
    expect(restoreFrenchDashes('Dahir n° 1-58-376 du 3 joumada I 1378 ; finan-')).toBe(
      'Dahir n° 1-58-376 du 3 joumada I 1378 ; finan-',
    );
  });
});
