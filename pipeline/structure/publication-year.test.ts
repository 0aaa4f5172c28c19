import { describe, expect, it } from 'vitest';
import { readPublicationYear, readPublicationYearAr } from './publication-year.js';

describe('the year of publication a masthead counts', () => {
  it.each([
    ['Troisième année — N° 74', 1914],
    ['VINGT-NEUVIEME ANNEE. — N° 1431.', 1940],
    ['Quarante-septième année - Año XLVII. — N° 2360', 1958],
    ['Soixante-dix-neuvième année — N® 4068', 1990],
    ['Quatre-vingt-treizième année - N° 5178', 2004],
    ['Cent-unième année —N° 6010', 2012],
    ['Cent-neuvième année – N°', 2020],
    // OCR damage: a letter or two per word.
    ['Quarante- huitiame année- Afio XLVIH.', 1959],
    ['Cinquanle-quatritme annéu. - Afio LIV,', 1965],
  ])('%s', (line, year) => {
    expect(readPublicationYear(line)).toBe(year);
  });

  it('reads none where no ordinal is legible before année', () => {
    expect(readPublicationYear('Cent-quatri N° 6392 18 kaada 1436')).toBeNull();
    expect(readPublicationYear('année budgétaire 2015')).toBeNull();
    expect(readPublicationYear('Cent-quatri année')).toBeNull();
  });
});

describe('the year of publication an Arabic masthead counts', () => {
  it.each([
    // Real covers' text layers (bo-pages 065, 074, 075): the lam-alef lost (`املائة`).
    ['22ابعش 22ش (1( 22ربأ ((16 (16 السنة التاسعة بعد املائة  -عدد 6874', 2020],
    ['8 جحلا وذ 318 (18(1لوي ((18 (18 السنة الحادية عشرة بعد املائة -عدد 7109', 2022],
    ['السنة الثانية عشرة بعد المائة – عدد 7214', 2023],
    // 075 as OCR read its scan: the lam-alef lost, and ئ read ث.
    ['18 جحلا وذ 318 (1( 18 لوي ((18 (18 السنة الحادية عشرة بعد املاثة -عدد 7109', 2022],
    ['السنة السابعة والأربعون – عدد 2360', 1958],
  ])('%s', (line, year) => {
    expect(readPublicationYearAr(line)).toBe(year);
  });

  it('reads none where no ordinal follows السنة', () => {
    expect(readPublicationYearAr('الجريدة الرسمية عدد 7214')).toBeNull();
    expect(readPublicationYearAr('السنة المالية 2023')).toBeNull();
  });
});
