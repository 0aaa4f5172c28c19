import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { garbleArabicLine, pdfWithHiddenText } from '../fixtures/bad-text-layer.js';
import { realDataPath } from '../fixtures/real-data.js';
import { noOcr as noOcrEngine } from '../test/temp-archive.js';
import { CorruptPdfError } from './errors.js';
import { characterErrors } from './evaluation.js';
import { intake } from './intake.js';
import { normalizeForCer } from './normalize.js';
import { pngSize } from './ocr.js';
import { openDocument, readPage } from './pages.js';
import { openPdf } from './pdf.js';

const require = createRequire(import.meta.url);
const FONT = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
const A4 = { width: 595.28, height: 841.89 };
const COLUMN = { left: 50, right: 310, width: 235, top: 110, leading: 13 };
const HEADER = 'BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008)';
const TITLE = 'Loi n° 5-96 sur la société en nom collectif';

/** Lines of a real Moroccan law, cut to fit a column. */
function columnLines(count: number): string[] {
  const words = readFileSync(realDataPath('legal-texts-ma', 'fr', 'ma-loi-5-96.txt'), 'utf8')
    .slice(600)
    .split(/\s+/)
    .filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if ((line + word).length > 42) {
      lines.push(line.trim());
      line = '';
      if (lines.length === count) break;
    }
    line += `${word} `;
  }
  return lines;
}

const LEFT = columnLines(40).slice(0, 20);
const RIGHT = columnLines(40).slice(20);

/**
 * A born-digital gazette page: running header (title left, page number right), a
 * full-width title, two columns written row by row (the order that makes naive
 * extraction interleave them).
 */
async function twoColumnPdf(options: { userPassword?: string } = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(FONT).fontSize(9);
  doc.text(HEADER, 50, 40, { lineBreak: false });
  doc.text('689', 520, 40, { lineBreak: false });
  doc.fontSize(12).text(TITLE, 50, 75, { width: 495, align: 'center', lineBreak: false });
  doc.fontSize(9);
  for (let i = 0; i < LEFT.length; i += 1) {
    const y = COLUMN.top + i * COLUMN.leading;
    doc.text(LEFT[i]!, COLUMN.left, y, { lineBreak: false });
    doc.text(RIGHT[i]!, COLUMN.right, y, { lineBreak: false });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const noOcr = noOcrEngine('a trusted text layer must not be OCR’d');

describe('pdf text layer', () => {
  it('groups runs into lines with page-fraction bboxes, keeping the two columns apart', async () => {
    const doc = await openPdf(await twoColumnPdf());
    const page = await doc.page(1);
    await doc.close();
    expect(page.width).toBeCloseTo(A4.width, 1);
    const lines = page.textLayer!;
    expect(lines.map((l) => l.text)).toContain(LEFT[0]);
    expect(lines.map((l) => l.text)).toContain(RIGHT[0]);
    const first = lines.find((l) => l.text === LEFT[3])!;
    expect(first.bbox.x).toBeCloseTo(COLUMN.left / A4.width, 2);
    // pdfkit places the top of the text box at y; the box must straddle it.
    expect(first.bbox.y).toBeGreaterThan((COLUMN.top + 3 * COLUMN.leading - 4) / A4.height);
    expect(first.bbox.y).toBeLessThan((COLUMN.top + 3 * COLUMN.leading + 4) / A4.height);
    const right = lines.find((l) => l.text === RIGHT[3])!;
    expect(right.bbox.x).toBeCloseTo(COLUMN.right / A4.width, 2);
    expect(right.bbox.x + right.bbox.w).toBeLessThan((COLUMN.right + COLUMN.width + 5) / A4.width);
  });

  it('reads a trusted layer in column order with the running header apart', async () => {
    const bytes = await twoColumnPdf();
    const doc = await openDocument(bytes, intake(bytes, 'bo-fr-5670.pdf'));
    const artefact = await readPage(await doc.page(1), noOcr, { lang: 'auto' });
    await doc.close();
    expect(artefact.source).toBe('text-layer');
    expect(artefact.language).toBe('fra');
    expect(artefact.textLayer?.trusted).toBe(true);
    expect(artefact.printedPage).toBe(689);
    expect(artefact.header.map((l) => l.text)).toEqual([HEADER, '689']);
    expect(artefact.lines.map((l) => l.text)).toEqual([TITLE, ...LEFT, ...RIGHT]);
    expect(artefact.lines.map((l) => l.column)).toEqual([0, ...LEFT.map(() => 0), ...RIGHT.map(() => 1)]);
  });

  it('renders a page to a greyscale PNG at the asked resolution', async () => {
    const doc = await openPdf(await twoColumnPdf());
    const png = await (await doc.page(1)).render(150);
    await doc.close();
    expect(pngSize(png)).toEqual({
      width: Math.ceil((A4.width * 150) / 72),
      height: Math.ceil((A4.height * 150) / 72),
    });
  });

  it('fails on truncated PDFs with CorruptPdfError and password-protected ones with ENCRYPTED_PDF', async () => {
    const bytes = await twoColumnPdf();
    const truncated = bytes.slice(0, Math.floor(bytes.length / 3));
    const readAll = async (b: Uint8Array): Promise<void> => {
      const doc = await openPdf(b);
      for (let i = 1; i <= doc.pageCount; i += 1) await (await doc.page(i)).render(72);
    };
    await expect(readAll(truncated)).rejects.toBeInstanceOf(CorruptPdfError);
    const locked = await twoColumnPdf({ userPassword: 'secret' });
    await expect(openPdf(locked)).rejects.toMatchObject({
      code: 'ENCRYPTED_PDF',
      message: expect.stringMatching(/password/),
    });
  });
});

describe('scanned page', () => {
  const pool = new TesseractPool({ size: 1 });
  afterAll(() => pool.close());

  it('OCRs a page without text layer, then lays it out in column order', async () => {
    const doc = await openPdf(await twoColumnPdf());
    const scan = await (await doc.page(1)).render(300);
    await doc.close();
    const record = intake(scan, 'scan.png');
    const image = await openDocument(scan, record);
    const artefact = await readPage(await image.page(1), pool, { lang: 'fra' });
    expect(artefact.source).toBe('ocr');
    expect(artefact.printedPage).toBe(689);
    expect(artefact.confidence).toBeGreaterThan(0.8);
    const text = artefact.lines.map((l) => l.text);
    // Reading order: every left-column line before every right-column line.
    const lastLeft = text.findIndex((t) => t.startsWith(LEFT[LEFT.length - 1]!.slice(0, 12)));
    const firstRight = text.findIndex((t) => t.startsWith(RIGHT[0]!.slice(0, 12)));
    expect(lastLeft).toBeGreaterThan(0);
    expect(firstRight).toBeGreaterThan(lastLeft);
    expect(artefact.lines.length).toBe(1 + LEFT.length + RIGHT.length);
  });

  it('OCRs a real Arabic scan whose invisible text layer is garbage, keeping why', async () => {
    const line = realDataPath('ocr-ar-lines', 'book_Yacqubi.Tarikh__000000');
    const truth = readFileSync(`${line}.gt.txt`, 'utf8').trim();
    const bytes = await pdfWithHiddenText(readFileSync(`${line}.png`), [garbleArabicLine(truth)]);
    const doc = await openDocument(bytes, intake(bytes, 'bo-ar-garbled.pdf'));
    const page = await doc.page(1);
    expect(page.textLayer?.map((l) => l.text).join(' ')).toMatch(/[\uFE70-\uFEFF]/u);
    const artefact = await readPage(page, pool, { lang: 'auto' });
    await doc.close();
    expect(artefact.source).toBe('ocr');
    expect(artefact.language).toBe('ara');
    expect(artefact.textLayer?.trusted).toBe(false);
    expect(artefact.textLayer?.figures['presentationFormRatio']).toBeGreaterThan(0.1);
    const read = artefact.lines.map((l) => l.text).join(' ');
    expect(characterErrors(normalizeForCer(truth, 'ar'), normalizeForCer(read, 'ar')).rate).toBeLessThan(0.2);
  });
});
