import { describe, expect, it } from 'vitest';
import { readPublicationYear } from './publication-year.js';

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
