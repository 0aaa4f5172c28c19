/**
 * The native `tesseract` command (Debian: `apt-get install tesseract-ocr`), the peer jarida's
 * OCR is measured against, run with the very traineddata tesseract.js reads (the best_int
 * models of the @tesseract.js-data packages, unpacked) and one thread per page.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { traineddataPath } from '../engines/tesseract-pool.js';
import type { OcrLanguage } from '../pipeline/model.js';

const run = promisify(execFile);

/** The command's version line; throws, saying how to install it, when it is missing. */
export async function nativeTesseractVersion(): Promise<string> {
  try {
    const { stdout, stderr } = await run('tesseract', ['--version']);
    return (stdout || stderr).split('\n')[0] ?? 'tesseract';
  } catch {
    throw new Error('the native `tesseract` command is missing: apt-get install tesseract-ocr');
  }
}

/** Unpacks the languages' traineddata into `dir`, a tessdata directory for `--tessdata-dir`. */
export async function nativeTessdata(dir: string, languages: readonly OcrLanguage[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const lang of languages) {
    const packed = await readFile(path.join(traineddataPath(lang), `${lang}.traineddata.gz`));
    await writeFile(path.join(dir, `${lang}.traineddata`), gunzipSync(packed));
  }
  return dir;
}

/** Options of {@link nativeOcr}. */
export interface NativeOcrOptions {
  lang: OcrLanguage;
  /** Page segmentation mode: 3 for pages, 7 for single lines. */
  psm: number;
  tessdata: string;
}

/** Text the native command reads from an image file, on one thread (OMP_THREAD_LIMIT=1). */
export async function nativeOcr(image: string, options: NativeOcrOptions): Promise<string> {
  const { stdout } = await run(
    'tesseract',
    [image, 'stdout', '-l', options.lang, '--psm', String(options.psm), '--tessdata-dir', options.tessdata],
    { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * 2 ** 20 },
  );
  return stdout;
}
