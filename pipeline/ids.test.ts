import { describe, expect, it } from 'vitest';
import {
  articleId,
  bulletinId,
  canonicalArticleNumber,
  canonicalNumber,
  guessBulletinFromFileName,
  isUnidentified,
  parseBulletinId,
  textId,
  unidentifiedBulletin,
} from './ids.js';

describe('canonicalNumber', () => {
  it.each([
    ['1.58.376', '1-58-376'],
    ['1-58-376', '1-58-376'],
    ['٠٩.٠٨', '09-08'],
    ['۱.۵۸.۳۷۶', '1-58-376'],
    [' 3579 - 22 ', '3579-22'],
    ['1–09–15', '1-09-15'],
    // The dots as tesseract `ara` read them on generated scans (seeds 8101, 8103).
    ['29_53', '29-53'],
    ['2.15:629', '2-15-629'],
    ['95,07', '95-07'],
    ['٢٫١٥٫٦٢٩', '2-15-629'],
  ])('%s → %s', (raw, want) => expect(canonicalNumber(raw)).toBe(want));
});

describe('textId', () => {
  it('joins type and canonical number; dahirs portant loi share the dahir series', () => {
    expect(textId('dahir', '1.58.376')).toBe('dahir-1-58-376');
    expect(textId('loi', '٠٩.٠٨')).toBe('loi-09-08');
    expect(textId('dahir-portant-loi', '1-73-283')).toBe('dahir-1-73-283');
  });

  it('falls back to date and title hash for a text without a number', () => {
    const a = textId('decision', null, { signedOn: '2020-01-02', title: 'Décision relative aux tarifs' });
    expect(a).toMatch(/^decision-2020-01-02-[0-9a-f]{8}$/);
    expect(textId('decision', null, { signedOn: '2020-01-02', title: 'Décision relative aux tarifs' })).toBe(
      a,
    );
    expect(
      textId('decision', null, { signedOn: '2020-01-02', title: 'Décision relative aux taxes' }),
    ).not.toBe(a);
    expect(textId('avis', null)).toMatch(/^avis-undated-[0-9a-f]{8}$/);
  });

  it('keeps a fallback id when OCR damages only the figures of the title', () => {
    // A rectificatif whose Hijri day lost a digit under OCR (`18` read `8`), in both scripts' figures.
    const printed = 'استدراك بشأن الجريدة الرسمية عدد 6426 بتاريخ 18 ربيع الأول 1437';
    const id = textId('rectificatif', null, { signedOn: '2015-12-29', title: printed });
    expect(textId('rectificatif', null, { signedOn: '2015-12-29', title: printed.replace('18', '8') })).toBe(
      id,
    );
    expect(
      textId('rectificatif', null, { signedOn: '2015-12-29', title: printed.replace('6426', '٦٤٢٦') }),
    ).toBe(id);
    expect(
      textId('rectificatif', null, {
        signedOn: '2015-12-29',
        title: printed.replace('الجريدة الرسمية', 'النشرة العامة'),
      }),
    ).not.toBe(id);
  });
});

describe('canonicalArticleNumber', () => {
  it.each([
    ['premier', '1'],
    ['Premier', '1'],
    ['1er', '1'],
    ['unique', 'unique'],
    ['12 bis', '12-bis'],
    ['97 ter.', '97-ter'],
    ['05', '5'],
    ['الأولى', '1'],
    ['5 مكرر', '5-bis'],
    ['١٢', '12'],
    ['du texte', null],
  ])('%s → %s', (raw, want) => expect(canonicalArticleNumber(raw)).toBe(want));

  it('makes article ids', () => expect(articleId('loi-09-08', '1')).toBe('loi-09-08/art-1'));
});

describe('bulletin ids', () => {
  it('formats and parses', () => {
    expect(bulletinId({ edition: 'fr', number: '6280' })).toBe('bo-fr-6280');
    expect(bulletinId({ edition: 'ar', number: '2404', suffix: 'bis' })).toBe('bo-ar-2404-bis');
    expect(parseBulletinId('bo-ar-2404-bis')).toEqual({ edition: 'ar', number: '2404', suffix: 'bis' });
    expect(parseBulletinId('bo-xx-1')).toBeNull();
  });

  it.each([
    ['BO_7140_bis_Fr.pdf', { edition: 'fr', number: '7140', suffix: 'bis' }],
    ['bo-fr-6280.pdf', { edition: 'fr', number: '6280' }],
    ['bis-6204.pdf', { number: '6204', suffix: 'bis' }],
    ['archive/2404-bis_ar.PDF', { edition: 'ar', number: '2404', suffix: 'bis' }],
    ['scan.pdf', {}],
    ['BO_5670_fr.pdf', { edition: 'fr', number: '5670' }],
    ['bulletin-officiel-5670.pdf', { number: '5670' }],
    // Evidence, not truth: a scanner's counter and a date are no issue numbers.
    ['scan_0001.pdf', {}],
    ['bulletin-officiel-fr-2015-04-16.pdf', { edition: 'fr' }],
    ['BO_0042_fr.pdf', { edition: 'fr' }],
    ['constitution_2011_bo_5964_bis.pdf', {}],
  ])('guesses %s', (name, want) => expect(guessBulletinFromFileName(name)).toEqual(want));

  it('gives an unidentified issue an id of its own that reads back', () => {
    const key = unidentifiedBulletin('fr', 'ab12cd34'.repeat(8));
    expect(bulletinId(key)).toBe('bo-fr-unidentified-ab12cd34');
    expect(parseBulletinId('bo-fr-unidentified-ab12cd34')).toEqual(key);
    expect(isUnidentified('bo-fr-unidentified-ab12cd34')).toBe(true);
    expect(isUnidentified('bo-fr-6280')).toBe(false);
    expect(parseBulletinId('bo-fr-unidentified')).toBeNull();
    expect(parseBulletinId('bo-fr-6280-ab12cd34')).toBeNull();
  });
});
