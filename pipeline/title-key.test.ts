import { describe, expect, it } from 'vitest';
import { titleKey } from './title-key.js';

describe('titleKey', () => {
  const rectificatif =
    'استدراك خطأ مادي وقع في الجريدة الرسمية عدد 6139 الصادرة في 23 جمادى الآخرة 1434 (3 ماي 2013)';

  it.each([
    // Seen on scans of unseen seeds: a letter added to the type word, a dot moved, a month cut.
    ['a stray letter on the type word', rectificatif.replace('استدراك', 'استدراكد')],
    ['dots misread', rectificatif.replace('الجريدة', 'الجزيدة')],
    ['an alef lost', rectificatif.replace('الرسمية', 'لرسمية')],
    ['a stroke beside letters of its shape', rectificatif.replace('الجريدة', 'الجرييدة')],
    ['a month name cut', rectificatif.replace('جمادى', 'مادى')],
    ['a figure lost', rectificatif.replace('23', '2')],
    ['a space lost', rectificatif.replace('خطأ مادي', 'خطأمادي')],
    ['a particle dropped', rectificatif.replace(' في الجريدة', ' الجريدة')],
    // As tesseract `ara` read an accord's title on a generated scan (seed 7474): `في مجال الت النقل`.
    ['the start of a word echoed before it', rectificatif.replace('الجريدة', 'الج الجريدة')],
    ['a word read twice', rectificatif.replace('الجريدة', 'الجريدة الجريدة')],
  ])('ignores %s', (_, damaged) => {
    expect(titleKey(damaged)).toBe(titleKey(rectificatif));
  });

  it('ignores the echo tesseract read in an accord’s title (seed 7474)', () => {
    const accord =
      'الاتفاق الموقع بالرباط في 6 شتنبر 2018 بين المملكة المغربية وجمهورية البرازيل الاتحادية في مجال النقل الطرقي الدولي';
    expect(titleKey(accord.replace('مجال النقل', 'مجال الت النقل'))).toBe(titleKey(accord));
  });

  it('folds Latin shapes OCR confuses and accents', () => {
    const printed = 'Décision du ministre de l’industrie du 9 octobre 2022 relative aux tarifs';
    expect(titleKey('Decision du rninistre de I’industrie du 9 octobre 2O22 relative auxtarifs')).toBe(
      titleKey(printed),
    );
  });

  it('keeps the words that tell texts apart', () => {
    const tariffs = titleKey('Décision du ministre de l’industrie du 9 octobre 2022 relative aux tarifs');
    expect(titleKey('Décision du ministre de l’industrie du 9 octobre 2022 relative aux taxes')).not.toBe(
      tariffs,
    );
    expect(titleKey('Décision du ministre de l’énergie du 9 octobre 2022 relative aux tarifs')).not.toBe(
      tariffs,
    );
    expect(titleKey(rectificatif.replace('6139', '6139 مكرر'))).not.toBe(titleKey(rectificatif));
  });
});
