import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { realDataPath } from '../fixtures/real-data.js';
import { expectLinesSplit } from '../test/expect-lines.js';
import { findGutter, isRunningHeader, joinLines, layoutPage, parsePrintedPage } from './layout.js';
import type { TextLine } from './model.js';

const line = (text: string, x: number, y: number, w: number): TextLine => ({
  text,
  bbox: { x, y, w, h: 0.012 },
  confidence: 0.9,
});

/** A gazette page as OCR returns it: header split in two, a full-width title, two columns, a second full-width rule, two more columns, shuffled. */
function gazettePage(): { lines: TextLine[]; expected: string[] } {
  const header = [
    line('BULLETlN OFFlClEL N" 5670 – 2 chaoual 1429 (2-10-2008)', 0.08, 0.03, 0.6),
    line('689', 0.88, 0.031, 0.04),
  ];
  const title = line('DAHIR N° 1-08-18 PORTANT PROMULGATION DE LA LOI', 0.2, 0.07, 0.6);
  const band1Left = Array.from({ length: 8 }, (_, i) =>
    line(`gauche ${i}`, 0.08, 0.1 + i * 0.02, 0.4 - (i % 3) * 0.05),
  );
  const band1Right = Array.from({ length: 8 }, (_, i) => line(`droite ${i}`, 0.52, 0.1 + i * 0.02, 0.4));
  const rule = line('TEXTES PARTICULIERS', 0.35, 0.3, 0.3);
  const band2Left = Array.from({ length: 5 }, (_, i) => line(`bas gauche ${i}`, 0.08, 0.33 + i * 0.02, 0.4));
  const band2Right = Array.from({ length: 5 }, (_, i) =>
    line(`bas droite ${i}`, 0.53, 0.33 + i * 0.02, 0.39),
  );
  const all = [...header, title, ...band1Left, ...band1Right, rule, ...band2Left, ...band2Right];
  // Interleave as a row-wise reader would, then shuffle deterministically.
  const lines = all
    .map((l, i) => ({ l, k: (i * 7919) % all.length }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.l);
  const texts = (ls: TextLine[]) => ls.map((l) => l.text);
  return {
    lines,
    expected: [
      title.text,
      ...texts(band1Left),
      ...texts(band1Right),
      rule.text,
      ...texts(band2Left),
      ...texts(band2Right),
    ],
  };
}

describe('layout', () => {
  it('orders a two-column page by bands: full width, first column, second column', () => {
    const { lines, expected } = gazettePage();
    const page = layoutPage(lines);
    expect(page.columns).toBe(2);
    expect(page.lines.map((l) => l.text)).toEqual(expected);
    expect(page.header.map((l) => l.text)).toEqual([
      'BULLETlN OFFlClEL N" 5670 – 2 chaoual 1429 (2-10-2008)',
      '689',
    ]);
    expect(page.printedPage).toBe(689);
    expect(page.lines.find((l) => l.text === 'droite 0')?.column).toBe(1);
    expect(page.lines.find((l) => l.text === 'gauche 0')?.column).toBe(0);
  });

  it('reads the right column first on right-to-left pages', () => {
    const { lines } = gazettePage();
    const texts = layoutPage(lines, { rtl: true }).lines.map((l) => l.text);
    expect(texts.indexOf('droite 7')).toBeLessThan(texts.indexOf('gauche 0'));
    expect(texts.indexOf('gauche 7')).toBeLessThan(texts.indexOf('TEXTES PARTICULIERS'));
  });

  it('finds the columns of the last page of an issue, whose second column holds a few lines', () => {
    // As on an Arabic scan: a full right column, then the left column's seven lines that end the
    // last text. Read as one column, the lines of both interleaved.
    const right = Array.from({ length: 60 }, (_, i) => line(`يمين ${i}`, 0.52, 0.1 + i * 0.0135, 0.4));
    const left = Array.from({ length: 7 }, (_, i) => line(`يسار ${i}`, 0.08, 0.1 + i * 0.0135, 0.4));
    const page = layoutPage([...left, ...right], { rtl: true });
    expect(page.columns).toBe(2);
    expect(page.lines.map((l) => l.text)).toEqual([...right, ...left].map((l) => l.text));
  });

  it('finds the columns of a page scanned askew, where they overlap in x', () => {
    // As tesseract boxed a poor-quality fixture page turned 2°: each line 0.05 page widths further
    // right per page height down, so the second column's first lines start left of where the first
    // column's last lines end, and no upright strip separates the columns.
    const slope = 0.05;
    const column = (name: string, x: number) =>
      Array.from({ length: 40 }, (_, i) => {
        const y = 0.1 + i * 0.021;
        return line(`${name} ${i}`, x + slope * (y - 0.1), y, 0.4);
      });
    const left = column('gauche', 0.07);
    const right = column('droite', 0.485);
    expect(left.at(-1)!.bbox.x + left.at(-1)!.bbox.w).toBeGreaterThan(right[0]!.bbox.x);
    const page = layoutPage([...right, ...left]);
    expect(page.columns).toBe(2);
    expect(page.lines.map((l) => l.text)).toEqual([...left, ...right].map((l) => l.text));
    expect(page.lines.map((l) => l.column)).toEqual([...left.map(() => 0), ...right.map(() => 1)]);
  });

  it('keeps a single-column page top to bottom', () => {
    const lines = Array.from({ length: 12 }, (_, i) =>
      line(`ligne ${i}`, 0.1, 0.9 - i * 0.05, 0.8 - (i % 2) * 0.3),
    );
    const page = layoutPage(lines);
    expect(page.columns).toBe(1);
    expect(page.lines.map((l) => l.text)).toEqual(Array.from({ length: 12 }, (_, i) => `ligne ${11 - i}`));
    expect(page.header).toEqual([]);
    expect(page.printedPage).toBeUndefined();
    expect(findGutter(lines)).toBeNull();
  });

  it('recognises running headers through OCR noise, and not body text', () => {
    expectLinesSplit(
      isRunningHeader,
      [
        'BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689',
        'BULLETlN OFFlClEL No 5670',
        'BULLET1N 0FFICIEL',
        'Bulletin Officiel',
        'au Bulletin officiel',
        'الجريدة الرسمية عدد 5670',
      ],
      ['Est promulguée et sera publiée à la suite'],
    );
  });

  it('parses the printed page before the title or after the date', () => {
    expect(parsePrintedPage('BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689')).toBe(689);
    expect(parsePrintedPage('689 BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008)')).toBe(689);
    expect(parsePrintedPage('3731 BULLETlN OFFlClEL N" 6280 – 10 chaoual 1435 (7-8-2014)')).toBe(3731);
    expect(parsePrintedPage('BULLETIN OFFICIEL No 6280 – 10 chaoual 1435 (7-8-2014) 37Sl')).toBeUndefined();
    expect(parsePrintedPage('BULLETIN OFFICIEL N° 6280 – 10 chaoual 1435 (7-8-2014) 2O4')).toBe(204);
    expect(parsePrintedPage('BULLETIN OFFICIEL N° 5670')).toBeUndefined();
    expect(parsePrintedPage('الجريدة الرسمية عدد 5670 – 2 شوال 1429 (2 أكتوبر 2008) ٦٨٩')).toBe(689);
    // Seen on an Arabic scan: a speck read as `_` after the page number printed left of the title.
    expect(parsePrintedPage('1061_ الجريدة الرسمية عدد 6141 - 8 جمادى الآخرة 1434 (18 أبريل 2013)')).toBe(
      1061,
    );
  });
});

describe('joinLines', () => {
  it('re-joins hyphenated words and numbers and joins lines with single spaces', () => {
    expect(
      joinLines([
        'les dispositions de la réglemen-',
        'tation  en vigueur',
        '',
        'du dahir n° 1-58-',
        '376 du',
      ]),
    ).toBe('les dispositions de la réglementation en vigueur du dahir n° 1-58-376 du');
    // A hyphen before a capital is part of a compound name.
    expect(joinLines(['à Sidi-', 'Kacem et', 'à Fès'])).toBe('à Sidi-Kacem et à Fès');
  });
});

/** A page's text lines as its ALTO transcription gives them: in reading order, boxes in fractions of the page. */
async function altoLines(file: string): Promise<TextLine[]> {
  const xml = await readFile(file, 'utf8');
  const page = /<Page WIDTH="(\d+)"\s+HEIGHT="(\d+)"/.exec(xml)!;
  const [width, height] = [Number(page[1]), Number(page[2])];
  const box =
    /<TextLine[^>]*?HPOS="(\d+)"\s+VPOS="(\d+)"\s+WIDTH="(\d+)"\s+HEIGHT="(\d+)"[\s\S]*?<String CONTENT="([^"]*)"/g;
  return [...xml.matchAll(box)].map(([, x, y, w, h, text]) => ({
    text: text!
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
    bbox: { x: Number(x) / width, y: Number(y) / height, w: Number(w) / width, h: Number(h) / height },
    confidence: 0.9,
  }));
}

describe('reading order of real two-column pages', () => {
  // The 1910 Argus des brevets: two columns of short entries each ending in a patent number,
  // a page number above them; lines as transcribers boxed and ordered them (fixtures/real/NOTICE.md).
  for (const id of ['10_10fe5_default', '13_e13eb_default']) {
    it(`puts the lines of ${id} in the transcribers' order, from any order`, async () => {
      const lines = await altoLines(realDataPath('ocr-fr-twocolumn-1910', `${id}.xml`));
      expect(lines.length).toBeGreaterThan(100);
      const layout = layoutPage([...lines].reverse());
      expect(layout.columns).toBe(2);
      const read = [...layout.header, ...layout.lines].map((l) => l.text);
      // The page number (`_ 48 _`, above the columns) comes last in the transcription: left out.
      const pageNumber = (text: string) => /^[_\s\d]+$/.test(text);
      expect(read.filter((text) => !pageNumber(text))).toEqual(
        lines.map((l) => l.text).filter((text) => !pageNumber(text)),
      );
    });
  }
});
