import { describe, expect, it } from 'vitest';
import { type ParagraphLine, pageMargins, splitParagraphs, startsItem } from './paragraphs.js';

/** A line of a column whose margin is at `margin`, starting `indent` further in (shares of the page's width). */
function line(text: string, indent = 0, margin = 0.08, pageIndex = 1): ParagraphLine {
  return { text, pageIndex, bbox: { x: margin + indent, y: 0, w: 0.4 - indent, h: 0.01 } };
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

  it('knows enumerators from words', () => {
    expect(['1° le', '2°) la', 'a) un', '- les', 'أ) أن', 'II. Du', '3. Les'].every(startsItem)).toBe(true);
    expect(['1958 est', 'alors', 'Article 2', 'au 1er janvier'].some(startsItem)).toBe(false);
  });
});
