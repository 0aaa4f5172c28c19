/**
 * The body lines of an issue as one stream, each keeping the page it was printed on: what
 * the text and article parsers walk through.
 */
import type { BoundingBox, PageArtefact } from '../model.js';
import { readPrintedPage } from './masthead.js';

/** One body line with its provenance. */
export interface BodyLine {
  text: string;
  /** Printed page number (falls back to the page index in the file). */
  page: number;
  /** 1-based page index in the file. */
  pageIndex: number;
  bbox?: BoundingBox;
  confidence: number;
}

/** Printed page number of a page: from layout, else from its running header, else its index. */
export function pageNumber(page: PageArtefact): number {
  return page.printedPage ?? readPrintedPage(page.header) ?? page.index;
}

/**
 * Flattens pages into body lines in reading order; blank lines, running headers and page
 * numbers that layout left in the body are dropped.
 */
export function bodyLines(pages: readonly PageArtefact[]): BodyLine[] {
  const out: BodyLine[] = [];
  for (const page of pages) {
    const printed = pageNumber(page);
    page.lines.forEach((line, i) => {
      const text = line.text.replace(/\s+/g, ' ').trim();
      // A number alone is a page number at the top or bottom of a page, but in a sommaire
      // it is the page of the entry above (right-to-left OCR sets it on its own line).
      const edge = i === 0 || i === page.lines.length - 1;
      if (!text || (readPrintedPage([line]) !== null && (edge || !/^\d+$/.test(text)))) return;
      out.push({ text, page: printed, pageIndex: page.index, bbox: line.bbox, confidence: line.confidence });
    });
  }
  return out;
}

/**
 * Joins lines with single spaces, re-joining words hyphenated at a line end
 * (`réglemen-` + `tation` → `réglementation`) but keeping hyphens of compound words that
 * happen to end a line before a capital (`Chef-` + `Lieu` stays `Chef-Lieu`).
 */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out += ` ${line}`;
  }
  return out;
}
