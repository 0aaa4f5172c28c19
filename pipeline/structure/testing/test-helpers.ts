/**
 * Test helpers: pages of an issue from plain text, as layout would hand them to structure
 * extraction. Used by tests only.
 */

import { guessBulletinFromFileName } from '../../ids.js';
import type { IntakeRecord, OcrLanguage, PageArtefact } from '../../model.js';
import { readRunningHeader } from '../masthead.js';
import { readRunningHeaderAr } from '../masthead-ar.js';

/** Options of {@link pagesFromText}. */
export interface PagesFromTextOptions {
  /** Printed page numbers as layout found them; left undefined when omitted. */
  printedPages?: readonly (number | undefined)[];
  language?: OcrLanguage;
  /** Confidence given to every line. */
  confidence?: number;
}

/**
 * One page artefact per string: each non-blank line becomes a text line with a fake bbox
 * (stacked top to bottom); lines that read as a running header go to `header`.
 */
export function pagesFromText(pages: readonly string[], options: PagesFromTextOptions = {}): PageArtefact[] {
  const confidence = options.confidence ?? 1;
  return pages.map((text, i) => {
    const all = text.split('\n').filter((l) => l.trim());
    const line = (t: string, k: number) => ({
      text: t,
      bbox: { x: 0.1, y: (k + 1) / (all.length + 2), w: 0.8, h: 0.8 / (all.length + 2) },
      confidence,
    });
    const page: PageArtefact = {
      index: i + 1,
      source: 'text-layer',
      confidence,
      width: 595,
      height: 842,
      language: options.language ?? 'fra',
      lines: [],
      header: [],
    };
    all.forEach((t, k) => {
      (readRunningHeader(t) || readRunningHeaderAr(t) ? page.header : page.lines).push(line(t, k));
    });
    const printed = options.printedPages?.[i];
    if (printed !== undefined) page.printedPage = printed;
    return page;
  });
}

/** An intake record for a file name, with a fake hash. */
export function recordFor(fileName: string): IntakeRecord {
  return {
    sha256: '0'.repeat(64),
    mediaType: 'application/pdf',
    fileName,
    byteLength: 0,
    guess: guessBulletinFromFileName(fileName),
  };
}

/** Small seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** OCR-like noise at `rate` per character: confusions mostly, some dropped or doubled characters. */
export function addNoise(
  text: string,
  rate: number,
  seed: number,
  confusions: Record<string, readonly string[]>,
): string {
  const next = random(seed);
  let out = '';
  for (const ch of text) {
    if (ch === '\n' || next() >= rate) {
      out += ch;
      continue;
    }
    const roll = next();
    const confused = confusions[ch];
    if (confused && roll < 0.7) out += confused[Math.floor(next() * confused.length)];
    else if (roll < 0.85) out += '';
    else out += ch + ch;
  }
  return out;
}
