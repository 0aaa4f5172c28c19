import { readFile } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { onGreyPaper } from '../bench/real-ocr-sets.js';
import { realDataPath } from '../fixtures/real-data.js';
import { CorruptImageError, ImageTooLargeError } from './errors.js';
import {
  contrastStretch,
  greyHistogram,
  measureInk,
  openImage,
  paperLevel,
  preprocessForOcr,
  sauvolaBinarise,
} from './images.js';
import { pngSize } from './ocr.js';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header announcing 100000×100000 pixels over a few bytes of data: a decompression bomb. */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(100_001))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('image inputs', () => {
  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const before = process.memoryUsage().rss;
    await expect(openImage(bombPng())).rejects.toBeInstanceOf(ImageTooLargeError);
    // 10^10 pixels would be 10 GB: nothing near that was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('opens every page of a multi-page TIFF as a greyscale PNG', async () => {
    const page = (background: string) =>
      sharp({ create: { width: 60, height: 80, channels: 3, background } })
        .png()
        .toBuffer();
    const tiff = await sharp([await page('#ffffff'), await page('#000000')], { join: { animated: true } })
      .tiff()
      .toBuffer();
    const doc = await openImage(tiff);
    expect(doc.pages.map((p) => [p.index, p.width, p.height])).toEqual([
      [0, 60, 80],
      [1, 60, 80],
    ]);
    const second = await doc.pages[1]!.toPng();
    const { channels, width } = await sharp(second).metadata();
    expect([channels, width]).toEqual([1, 60]);
    const { dominant } = await sharp(second).stats();
    expect(dominant.r).toBeLessThan(20);
  });

  it('reports a damaged image as CorruptImageError', async () => {
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    await expect(openImage(png.subarray(0, 20))).rejects.toBeInstanceOf(CorruptImageError);
  });

  it('preprocesses to a greyscale image stretched to full contrast', async () => {
    // Faded typescript: grey text (#999) on a grey page (#ccc).
    const faded = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#cccccc' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="200" height="100"><rect x="20" y="40" width="160" height="20" fill="#999999"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    const out = await preprocessForOcr(faded);
    expect(pngSize(out)).toEqual({ width: 200, height: 100 });
    const stats = await sharp(out).stats();
    expect(stats.channels).toHaveLength(1);
    // #999 on #ccc spans 51 grey levels; stretched, they span most of the range.
    expect(stats.channels[0]!.max - stats.channels[0]!.min).toBeGreaterThan(200);
  });

  it('keeps the paper white and the bleed-through light on a sparse page', async () => {
    // A 300 dpi page with one short line of ink (0.2 % of the pixels) on noisy greyish
    // paper, and the verso showing through as light grey over a quarter of the sheet: less
    // than 1 % ink, so sharp's 1st-percentile black point lands in the paper.
    const width = 1000;
    const height = 1400;
    let seed = 1;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Triangular noise, as fixtures/degrade.ts adds to its scans.
    const noise = (amplitude: number) => Math.round((random() + random() - 1) * amplitude);
    const page = new Uint8Array(width * height).map(() => 233 + noise(12));
    const paint = (x0: number, y0: number, w: number, h: number, level: number) => {
      for (let y = y0; y < y0 + h; y += 1)
        for (let x = x0; x < x0 + w; x += 1) page[y * width + x] = level + noise(4);
    };
    for (let row = 0; row < 30; row += 1) paint(100, 400 + row * 30, 800, 14, 222);
    paint(100, 100, 700, 4, 28);
    const png = await sharp(page, { raw: { width, height, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const data = await sharp(await preprocessForOcr(png))
      .extractChannel(0)
      .raw()
      .toBuffer();
    const at = (x: number, y: number) => data[y * width + x]!;
    expect(at(500, 102)).toBeLessThan(30); // ink
    expect(at(500, 50)).toBeGreaterThan(200); // paper
    expect(at(500, 405)).toBeGreaterThan(200); // bleed-through
  });

  it('takes the median as the paper level', () => {
    const page = new Uint8Array(1000).fill(236);
    page.fill(20, 0, 400);
    expect(paperLevel(greyHistogram(page))).toBe(236);
  });

  it('stretches a real page as sharp does, from its histogram alone', async () => {
    const scan = await readFile(
      realDataPath('ocr-fr-typewritten', 'an1962cat__FRAN_0011_11083_L-medium.jpg'),
    );
    const grey = await sharp(scan).toColourspace('b-w').extractChannel(0).raw().toBuffer();
    const bySharp = await sharp(grey, { raw: { width: 2000, height: 1571, channels: 1 } })
      .toColourspace('b-w')
      .normalise()
      .extractChannel(0)
      .raw()
      .toBuffer();
    const table = await contrastStretch(greyHistogram(grey), 1);
    let differ = 0;
    grey.forEach((level, i) => {
      if (table[level] !== bySharp[i]) differ += 1;
    });
    expect(differ).toBe(0);
  });

  it('counts about one glyph per printed character, on white paper and on grey', async () => {
    const id = 'an1962cat__FRAN_0011_11083_L-medium';
    const scan = await readFile(realDataPath('ocr-fr-typewritten', `${id}.jpg`));
    const truth = await readFile(realDataPath('ocr-fr-typewritten', `${id}.gt.txt`), 'utf8');
    const characters = truth.replace(/[\s_^~]/g, '').length;
    const white = await measureInk(await sharp(scan).greyscale().png().toBuffer());
    const grey = await measureInk(
      await sharp(await onGreyPaper(scan))
        .greyscale()
        .png()
        .toBuffer(),
    );
    for (const ink of [white, grey]) {
      expect(ink.glyphs).toBeGreaterThan(characters * 0.8);
      expect(ink.glyphs).toBeLessThan(characters * 1.3);
      expect(ink.darkRatio).toBeGreaterThan(0.01);
      expect(ink.darkRatio).toBeLessThan(0.05);
    }
  });

  it('binarises grey paper framed by white to white paper and dark ink', async () => {
    // Grey paper (207) with a white frame and a block of ink: a global threshold takes the paper for ink.
    const width = 400;
    const height = 300;
    const page = new Uint8Array(width * height).fill(255);
    for (let y = 40; y < 260; y += 1) page.fill(207, y * width + 40, y * width + 360);
    for (let y = 100; y < 110; y += 1) page.fill(60, y * width + 100, y * width + 300);
    const binary = sauvolaBinarise(page, width, height, 15);
    expect(binary[150 * width + 200]).toBe(255); // paper
    expect(binary[10 * width + 10]).toBe(255); // scanner bed
    expect(binary[105 * width + 200]).toBe(0); // ink
  });
});
