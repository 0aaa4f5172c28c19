/**
 * Arabic copies whose layer stores letters as presentation forms (U+FB50–FDFF, U+FE70–FEFE:
 * a font's glyphs, `ﺍﻟﻔﺼل`), as Word and web copies do. Their letters are read as letters;
 * their figures, which the same extraction often wrote right to left (`673.85.1` for
 * 1.58.376, `8731` for 1378), are turned round when the years they print say so.
 */
import type { PageArtefact, TextLine } from '../model.js';

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE]+/gu;
const HAS_PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE]/u;

/** The letters presentation forms stand for (NFKC), so that keywords, numbers and search read them. */
export function lettersOfPresentationForms(text: string): string {
  return text.replace(PRESENTATION_FORMS, (forms) => forms.normalize('NFKC'));
}

/** A run of figures as printed: `1378`, `1.58.376`, `15/11/1958`. */
const FIGURES = /\d+(?:[.,/]\d+)*/g;
/** Four figures standing alone: a year, in any text of the Bulletin. */
const FOUR_FIGURES = /(?<![\d.,/])\d{4}(?![\d.,/])/g;

/** A year the Bulletin prints: Hijri (1300–1499) or Gregorian (1900–2099). */
function isYear(figures: string): boolean {
  const n = Number(figures);
  return (n >= 1300 && n < 1500) || (n >= 1900 && n < 2100);
}

const reversed = (s: string) => [...s].reverse().join('');

/**
 * Whether the lines' figures were written right to left: every year-shaped group of four
 * figures is no year as printed and one turned round (`8731`, `8591`), and there are two or
 * more of them to agree. Other copies (scrambled digits, tables of amounts) are left as they are.
 */
function figuresReversed(lines: readonly string[]): boolean {
  const groups = lines.flatMap((l) => l.match(FOUR_FIGURES) ?? []);
  return groups.length >= 2 && groups.every((g) => !isYear(g) && isYear(reversed(g)));
}

/**
 * Pages whose lines hold presentation forms, with their letters instead, and their figures
 * turned round when they read reversed ({@link figuresReversed}), each such page noted for an
 * archivist. Other pages are returned as they are.
 */
export function pagesWithLetters(pages: readonly PageArtefact[]): { pages: PageArtefact[]; notes: string[] } {
  const notes: string[] = [];
  const out = pages.map((page) => {
    const formed = (l: TextLine) => HAS_PRESENTATION_FORMS.test(l.text);
    if (!page.lines.some(formed) && !page.header.some(formed)) return page;
    const turn = figuresReversed([...page.lines, ...page.header].filter(formed).map((l) => l.text));
    const letters = (lines: TextLine[]) =>
      lines.map((l) => {
        if (!formed(l)) return l;
        const text = lettersOfPresentationForms(l.text);
        return { ...l, text: turn ? text.replace(FIGURES, reversed) : text };
      });
    if (turn)
      notes.push(
        `page ${page.index}: letters stored as presentation forms, their figures written right to left (years such as ${page.lines.find(formed)?.text.match(FOUR_FIGURES)?.[0]}): figures turned round, check them`,
      );
    return { ...page, lines: letters(page.lines), header: letters(page.header) };
  });
  return { pages: out, notes };
}
