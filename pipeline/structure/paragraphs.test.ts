import { describe, expect, it } from 'vitest';
import { type ParagraphLine, pageMargins, readItem, splitParagraphs, startsItem } from './paragraphs.js';

/** A line of a column whose margin is at `margin`, starting `indent` further in (shares of the page's width). */
function line(text: string, indent = 0, margin = 0.08, pageIndex = 1): ParagraphLine {
  return { text, pageIndex, bbox: { x: margin + indent, y: 0, w: 0.4 - indent, h: 0.01 } };
}

/**
 * The lines of a justified column of a page scanned askew: line `i` printed `i` line pitches
 * down, its margin drifting right by `drift` a line; each row gives its text, its indent and,
 * for a line stopping short, the room left at its end (shares of the page's width).
 */
function askew(
  rows: readonly [text: string, indent?: number, short?: number][],
  drift = 0.0005,
): ParagraphLine[] {
  return rows.map(([text, indent = 0, short = 0], i) => ({
    text,
    pageIndex: 1,
    bbox: { x: 0.08 + i * drift + indent, y: 0.1 + i * 0.014, w: 0.4 - indent - short, h: 0.011 },
  }));
}

describe('splitParagraphs', () => {
  it('opens an alinéa at an indented line after a sentence end, not at a wrapped one', () => {
    const lines = [
      line('Le présent décret fixe les modalités.', 0.02),
      line('Il entre en vigueur dès sa publication au'),
      line('Bulletin officiel. Les dispositions contraires'),
      line('sont abrogées.'),
      line('Le ministre est chargé de son exécution.', 0.02),
    ];
    expect(splitParagraphs(lines)).toEqual([
      'Le présent décret fixe les modalités. Il entre en vigueur dès sa publication au Bulletin officiel. Les dispositions contraires sont abrogées.',
      'Le ministre est chargé de son exécution.',
    ]);
  });

  it('keeps a line at the margin after a period in the alinéa it continues', () => {
    const lines = [line('La commission se réunit.', 0.02), line('Elle délibère valablement.')];
    expect(splitParagraphs(lines)).toEqual(['La commission se réunit. Elle délibère valablement.']);
  });

  it('gives each enumerated item its own entry, boxes or not', () => {
    const plain = [
      'Sont membres :',
      '1° le président ;',
      '2° deux représentants',
      'du ministère ;',
      'a) un juge.',
    ];
    const expected = [
      'Sont membres :',
      '1° le président ;',
      '2° deux représentants du ministère ;',
      'a) un juge.',
    ];
    expect(splitParagraphs(plain.map((text) => ({ text, pageIndex: 1 })))).toEqual(expected);
    expect(splitParagraphs(plain.map((text) => line(text)))).toEqual(expected);
  });

  it('reads an Arabic indent on the right and judges margins by column and page', () => {
    const rtl = (text: string, indent = 0, pageIndex = 1): ParagraphLine => ({
      text,
      pageIndex,
      bbox: { x: 0.5, y: 0, w: 0.4 - indent, h: 0.01 },
    });
    const lines = [
      rtl('يحدد هذا المرسوم الكيفيات.', 0.02),
      rtl('يدخل هذا المرسوم حيز التنفيذ', 0.02),
      rtl('من تاريخ نشره.'),
    ];
    expect(splitParagraphs(lines)).toEqual([
      'يحدد هذا المرسوم الكيفيات.',
      'يدخل هذا المرسوم حيز التنفيذ من تاريخ نشره.',
    ]);
    // A text's one indented line atop a new column is an indent against the margins only.
    const top = line('Le ministre est chargé de son exécution.', 0.02, 0.52, 2);
    const before = line('Les dispositions contraires sont abrogées.', 0, 0.08, 1);
    expect(splitParagraphs([before, top])).toHaveLength(1);
    expect(
      splitParagraphs([before, top], pageMargins([before, top, line('autre texte', 0, 0.52, 2)])),
    ).toHaveLength(2);
  });

  it('ends an alinéa at its short last line where a text is set without indents, on a page askew', () => {
    const rows: [string, number?, number?][] = [
      ['Les administrateurs sont nommés par l’assemblée'],
      ['générale ordinaire.', 0, 0.25],
      ['Conformément à l’article 20, les premiers administra-'],
      ['teurs sont nommés par les statuts. Toutefois, en cas de'],
      ['fusion, la nomination est faite par l’assemblée générale.'],
      ['Elle délibère dans les conditions de l’article 49 et'],
      ['des statuts de la société.', 0, 0.2],
    ];
    // Lines drifting right down a long column are no indents: the margin is judged near each line.
    const filler = Array.from(
      { length: 30 },
      (): [string] => ['et ainsi de suite, sans fin de phrase'] as [string],
    );
    const lines = askew([...filler, ...rows]).slice(filler.length);
    expect(splitParagraphs(lines, pageMargins(askew([...filler, ...rows])))).toEqual([
      'Les administrateurs sont nommés par l’assemblée générale ordinaire.',
      'Conformément à l’article 20, les premiers administrateurs sont nommés par les statuts. Toutefois, en cas de fusion, la nomination est faite par l’assemblée générale. Elle délibère dans les conditions de l’article 49 et des statuts de la société.',
    ]);
  });

  it('opens an indented alinéa after a line ended short whose period OCR read as a comma', () => {
    const lines = askew([
      ['Les parts sociales ne peuvent être cédées qu’avec le', 0.016],
      ['consentement de tous les associés,', 0, 0.15],
      ['Toutefois, les statuts peuvent stipuler :', 0.016, 0.1],
      ['1° que les parts sont librement cessibles ;', 0.016],
    ]);
    expect(splitParagraphs(lines, pageMargins([...lines, ...askew([['margin'], ['margin']])]))).toEqual([
      'Les parts sociales ne peuvent être cédées qu’avec le consentement de tous les associés,',
      'Toutefois, les statuts peuvent stipuler :',
      '1° que les parts sont librement cessibles ;',
    ]);
  });

  it('leaves specks out and puts an enumerator OCR boxed apart back before its wording', () => {
    const box = (text: string, x: number, y: number, w: number): ParagraphLine => ({
      text,
      pageIndex: 1,
      bbox: { x, y, w, h: 0.011 },
    });
    const lines = [
      box('Sont membres :', 0.08, 0.1, 0.2),
      box('le président ;', 0.1, 0.114, 0.15),
      box('1°', 0.08, 0.115, 0.012),
      box('ÇC', 0.081, 0.122, 0.006),
      box('l° le juge.', 0.08, 0.128, 0.12),
    ];
    expect(splitParagraphs(lines)).toEqual(['Sont membres :', '1° le président ;', 'l° le juge.']);
  });

  it('knows enumerators from words, and OCR’s readings of `1°`', () => {
    expect(['1° le', '2°) la', 'a) un', '- les', 'أ) أن', 'II. Du', '3. Les'].every(startsItem)).toBe(true);
    expect(['l° le', 'I° la', '1 ° des', '2º les'].every(startsItem)).toBe(true);
    expect(readItem('l° le président ;')).toEqual({ enumerator: '1°', wording: 'le président ;' });
    expect(['1958 est', 'alors', 'Article 2', 'au 1er janvier'].some(startsItem)).toBe(false);
  });
});
