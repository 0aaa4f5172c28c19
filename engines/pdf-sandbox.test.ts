import { describe, expect, it } from 'vitest';
import { formBombPdf, HOSTILE_LINE_TEXT, lineOfTextPdf } from '../fixtures/hostile-inputs.js';
import { PdfSandbox } from './pdf-sandbox.js';

describe('PdfSandbox', () => {
  it('stops a PDF that makes pdf.js run forever, then reads the next file in a fresh thread', async () => {
    const sandbox = new PdfSandbox({ timeoutMs: 10_000 });
    try {
      const looping = await sandbox.open(formBombPdf('loop'), {});
      await expect(looping.page(1)).rejects.toMatchObject({ code: 'PDF_TIMEOUT' });
      // The dead document refuses further work instead of hanging.
      await expect(looping.page(1)).rejects.toMatchObject({ code: 'PDF_TIMEOUT' });
      expect(sandbox.threadCount).toBe(0);
      const good = await sandbox.open(lineOfTextPdf(), {});
      const page = await good.page(1);
      expect(page.textLayer?.map((l) => l.text)).toEqual([HOSTILE_LINE_TEXT]);
      await good.close();
    } finally {
      await sandbox.close();
    }
  });

  it('stops a PDF that outgrows the heap limit', async () => {
    const sandbox = new PdfSandbox({ maxHeapMb: 32, timeoutMs: 120_000 });
    try {
      const hungry = await sandbox.open(formBombPdf('memory'), {});
      await expect(hungry.page(1)).rejects.toMatchObject({ code: 'PDF_OUT_OF_MEMORY' });
      expect(sandbox.threadCount).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('serves many files in sequence, bad ones failing alone, and leaves no thread behind', async () => {
    const sandbox = new PdfSandbox({ timeoutMs: 30_000 });
    try {
      for (let i = 0; i < 8; i++) {
        const document = await sandbox.open(lineOfTextPdf(), {});
        const page = await document.page(1);
        expect(page.textLayer?.[0]?.text).toBe(HOSTILE_LINE_TEXT);
        const png = await page.render(72);
        // A PNG of the 300×40 pt strip at 72 dpi, moved out of the thread whole.
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.readUInt32BE(16)).toBe(300);
        await document.close();
        await expect(sandbox.open(Buffer.from('%PDF-1.7\n'), {})).rejects.toMatchObject({
          code: 'CORRUPT_PDF',
        });
      }
      expect(sandbox.threadCount).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});
