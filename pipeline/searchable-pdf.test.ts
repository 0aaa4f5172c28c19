/**
 * The searchable PDF builder on small real documents, read back with poppler (pdftotext) as a
 * viewer would: where each word lands, what comes out, and that images go in unchanged.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { degrees, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildSearchablePdf, type SearchablePdfMetadata, visualOrder } from './searchable-pdf.js';

const font = await readFile(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const metadata: SearchablePdfMetadata = {
  title: 'Bulletin officiel n° 6280',
  subject: 'test',
  keywords: ['bo-fr-6280'],
  author: 'test',
  language: 'fr-MA',
  date: new Date('2014-08-07T00:00:00Z'),
  custom: { IssueNumber: '6280' },
};

/**
 * Words pdftotext finds, with their boxes in fractions of the displayed page (origin top-left):
 * poppler gives boxes as displayed but the page size as unturned, hence `turned`.
 */
function wordsOf(
  pdf: Uint8Array,
  turned = false,
): { text: string; x: number; y: number; w: number; h: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf, encoding: 'utf8' });
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const [width, height] = turned ? [Number(page[2]), Number(page[1])] : [Number(page[1]), Number(page[2])];
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    text: m[5]!,
    x: Number(m[1]) / width,
    y: Number(m[2]) / height,
    w: (Number(m[3]) - Number(m[1])) / width,
    h: (Number(m[4]) - Number(m[2])) / height,
  }));
}

async function blankPdf(rotate: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([600, 800]).setRotation(degrees(rotate));
  return doc.save();
}

describe('buildSearchablePdf', () => {
  const line = { text: 'Dahir portant loi', bbox: { x: 0.1, y: 0.2, w: 0.5, h: 0.03 } };

  it.each([0, 90, 180, 270])(
    'lays each line on its box across the box width, on a page turned %i°',
    async (rotate) => {
      const pdf = await buildSearchablePdf({
        original: await blankPdf(rotate),
        pages: [{ kind: 'pdf', index: 1, lines: [line] }],
        font,
        metadata,
      });
      const words = wordsOf(pdf, rotate % 180 !== 0);
      expect(words.map((w) => w.text)).toEqual(['Dahir', 'portant', 'loi']);
      const left = Math.min(...words.map((w) => w.x));
      const right = Math.max(...words.map((w) => w.x + w.w));
      expect(left).toBeCloseTo(0.1, 2);
      expect(right).toBeCloseTo(0.6, 2);
      for (const word of words) {
        expect(word.y).toBeGreaterThan(0.2 - 0.01);
        expect(word.y + word.h).toBeLessThan(0.23 + 0.01);
      }
    },
  );

  it('keeps the text invisible: the page renders as it was', async () => {
    const original = await blankPdf(0);
    const pdf = await buildSearchablePdf({
      original,
      pages: [{ kind: 'pdf', index: 1, lines: [line] }],
      font,
      metadata,
    });
    const render = (bytes: Uint8Array) =>
      execFileSync('pdftoppm', ['-r', '30', '-gray', '-'], { input: bytes, maxBuffer: 1 << 26 });
    expect(render(pdf).equals(render(original))).toBe(true);
  });

  it('embeds a JPEG scan as its own bytes, at the size it is given', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ddd' } })
      .jpeg()
      .toBuffer();
    const pdf = await buildSearchablePdf({
      pages: [{ kind: 'image', image: jpeg, format: 'jpeg', width: 72, height: 96, lines: [line] }],
      font,
      metadata,
    });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPage(0).getSize()).toEqual({ width: 72, height: 96 });
    const images = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter(
        (o): o is PDFRawStream =>
          o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
      );
    expect(images).toHaveLength(1);
    expect(Buffer.from(images[0]!.contents).equals(jpeg)).toBe(true);
    expect(wordsOf(pdf).map((w) => w.text)).toEqual(['Dahir', 'portant', 'loi']);
  });

  it('sets Arabic in visual order, so pdftotext gives it back in logical order', async () => {
    const arabic = 'المملكة المغربية الأمانة العامة للحكومة';
    const pdf = await buildSearchablePdf({
      original: await blankPdf(0),
      pages: [{ kind: 'pdf', index: 1, lines: [{ text: arabic, bbox: line.bbox }] }],
      font,
      metadata: { ...metadata, language: 'ar-MA' },
    });
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text.replace(/[\u202A-\u202E]/g, '').trim()).toBe(arabic);
  });

  it('writes the metadata and gives the same bytes for the same input', async () => {
    const input = {
      original: await blankPdf(0),
      pages: [{ kind: 'pdf' as const, index: 1, lines: [line] }],
      font,
      metadata,
    };
    const pdf = await buildSearchablePdf(input);
    expect(Buffer.from(await buildSearchablePdf(input)).equals(Buffer.from(pdf))).toBe(true);
    const info = execFileSync('pdfinfo', ['-isodates', '-'], { input: pdf, encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Bulletin officiel n° 6280/);
    expect(info).toMatch(/CreationDate:\s+2014-08-07/);
    expect(String((await PDFDocument.load(pdf)).catalog.get(PDFName.of('Lang')))).toBe('(fr-MA)');
  });
});

describe('visualOrder', () => {
  it('reverses right-to-left runs and keeps numbers in them left to right', () => {
    expect(visualOrder('قانون رقم 09.08').join('')).toBe('09.08 مقر نوناق');
    expect(visualOrder('Loi n° 09-08').join('')).toBe('Loi n° 09-08');
  });
});
