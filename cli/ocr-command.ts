/** `jarida ocr <file>`: reads one page image or PDF and prints its text, for evaluation. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { intake } from '../pipeline/intake.js';
import type { OcrLanguage, PageArtefact } from '../pipeline/model.js';
import type { Segmentation } from '../pipeline/ocr.js';
import { rereadBelowPeers } from '../pipeline/page-rereading.js';
import { pageText } from '../pipeline/page-text.js';
import { expectedLanguage, openDocument, readPage } from '../pipeline/pages.js';
import { print, printJson } from './context.js';

export interface OcrOptions {
  lang: OcrLanguage | 'auto';
  segmentation: Segmentation | 'auto';
  json?: boolean;
}

/** Reads every page of a file: trusted text layer or OCR, then layout. */
export async function readFilePages(
  file: string,
  lang: OcrLanguage | 'auto',
  segmentation: Segmentation | 'auto' = 'auto',
): Promise<PageArtefact[]> {
  const bytes = await readFile(file);
  const record = intake(bytes, path.basename(file));
  const ocr = new TesseractPool();
  // An image is always OCR'd: its engine starts in its own thread while the image is decoded.
  if (record.mediaType !== 'application/pdf') {
    ocr.warm(lang === 'auto' ? (expectedLanguage(record).expected ?? 'fra') : lang);
  }
  const document = await openDocument(bytes, record).catch(async (error: unknown) => {
    await ocr.close();
    throw error;
  });
  try {
    const options = { lang, segmentation, ...expectedLanguage(record) };
    const indexes = Array.from({ length: document.pageCount }, (_, i) => i + 1);
    const pages = await Promise.all(
      indexes.map(async (index) => readPage(await document.page(index), ocr, options)),
    );
    // A page that reads far worse than the others of its file is read again, other ways too.
    const reread = await rereadBelowPeers(pages, async (index, peerConfidence) =>
      readPage(await document.page(index), ocr, { ...options, peerConfidence }),
    );
    for (const page of reread) pages[page.index - 1] = page;
    return pages;
  } finally {
    await Promise.all([document.close(), ocr.close()]);
  }
}

export function ocrCommand(): Command {
  return new Command('ocr')
    .description('OCR one page image or PDF and print its text (text layer when trusted)')
    .argument('<file>', 'PDF, TIFF, PNG or JPEG')
    .addOption(new Option('--lang <lang>', 'OCR language').choices(['auto', 'fra', 'ara']).default('auto'))
    .addOption(
      new Option(
        '--segmentation <how>',
        'page analysis, or one text line (auto: line-shaped images are lines)',
      )
        .choices(['auto', 'page', 'line'])
        .default('auto'),
    )
    .option('--json', 'print { pages: [{ page, text, confidence, source, warnings? }] }')
    .action(async function ocrAction(this: Command, file: string) {
      const options = this.optsWithGlobals<OcrOptions>();
      const pages = await readFilePages(file, options.lang, options.segmentation);
      const view = pages.map((p) => ({
        page: p.index,
        text: pageText(p),
        confidence: p.confidence,
        source: p.source,
        ...(p.warnings ? { warnings: p.warnings } : {}),
      }));
      if (options.json) printJson({ pages: view });
      else
        for (const p of view) {
          print(`--- page ${p.page} (${p.source}, confidence ${p.confidence.toFixed(2)})`);
          for (const w of p.warnings ?? []) print(`warning: ${w.code} ${w.message}`);
          print(p.text);
        }
    });
}
