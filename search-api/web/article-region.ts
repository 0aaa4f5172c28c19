/**
 * Where an article sits on its printed page: from its heading line down to the next
 * article's heading (or the end of the page), one box per column it runs through.
 * Boxes are in page fractions, origin top-left, like the page artefact's lines.
 */
import type { BoundingBox } from '../../pipeline/model.js';

/** A line of a page as `/v1/bulletins/:id/pages/:n/lines` gives it. */
export interface RegionLine {
  text: string;
  bbox: BoundingBox;
  column: number | null;
}

/** A line that opens an article, in either language (`Article 3`, `ARTICLE PREMIER`, `المادة 3`, `الفصل 3`). */
const ARTICLE_HEADING = /^\s*(art(icle)?\.?\s|article\s+premier|المادة|الفصل)/i;
/** How far (in page fractions) a stored heading box may sit from the line it was read from. */
const TOLERANCE = 0.01;

function near(a: BoundingBox, b: BoundingBox): boolean {
  return Math.abs(a.x - b.x) < TOLERANCE && Math.abs(a.y - b.y) < TOLERANCE;
}

function union(boxes: BoundingBox[]): BoundingBox {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: right - x, h: bottom - y };
}

/**
 * The boxes of the article whose heading line is at `heading`, on a page of `lines` in
 * reading order. Only the heading box when the heading is not among the lines.
 */
export function articleRegion(lines: RegionLine[], heading: BoundingBox): BoundingBox[] {
  const start = lines.findIndex((l) => near(l.bbox, heading));
  if (start < 0) return [heading];
  const end = lines.findIndex((l, i) => i > start && ARTICLE_HEADING.test(l.text));
  const own = lines.slice(start, end < 0 ? lines.length : end);
  const columns: RegionLine[][] = [];
  for (const line of own) {
    const current = columns.at(-1);
    if (current && current[0]!.column === line.column) current.push(line);
    else columns.push([line]);
  }
  return columns.map((column) => union(column.map((l) => l.bbox)));
}
