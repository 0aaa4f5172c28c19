import { describe, expect, it } from 'vitest';
import { expectLinesSplit } from '../../test/expect-lines.js';
import { matchWord, readDigits, skeleton } from './fuzzy.js';
import { headerId, isBodyMarker, parseTextHeader } from './text-headers.js';
import { parseTextHeaderAr } from './text-headers-ar.js';

describe('fuzzy', () => {
  it('matches keywords through OCR confusions and few edits only', () => {
    expect(matchWord('Dahir', 'dahir')).toBe(1);
    expect(matchWord('Daftir', 'dahir')).toBe(0.9);
    expect(matchWord('ARTlCLE', 'article')).toBe(0.9);
    expect(matchWord('Articie', 'article')).toBeGreaterThan(0);
    expect(matchWord('Arrete', 'arrêté')).toBe(1);
    expect(matchWord('Loin', 'loi')).toBe(0);
    expect(matchWord('Partie', 'article')).toBe(0);
    expect(skeleton('rnars')).toBe(skeleton('mars'));
  });

  it('reads digits OCR took for letters', () => {
    expect(readDigits('1O')).toEqual({ digits: '10', confidence: 0.8 });
    expect(readDigits('II')).toEqual({ digits: '11', confidence: 0.6 });
    expect(readDigits('12a')).toBeNull();
  });
});

describe('parseTextHeader', () => {
  it.each([
    [
      "Dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d'association.",
      { type: 'dahir', number: '1-58-376', signedOn: '1958-11-15', hijriDate: '3 joumada I 1378' },
      'dahir-1-58-376',
    ],
    [
      'Dahir portant loi n° 1-73-283 du 6 rabii I 1393 (10 avril 1973) modifiant le dahir …',
      { type: 'dahir-portant-loi', number: '1-73-283', signedOn: '1973-04-10' },
      'dahir-1-73-283',
    ],
    [
      'Loi n° 09-08 relative à la protection des personnes physiques',
      { type: 'loi', number: '09-08', signedOn: null },
      'loi-09-08',
    ],
    [
      "Loi organique n° 065-13 relative à l'organisation des travaux du gouvernement",
      { type: 'loi-organique', number: '065-13' },
      'loi-organique-065-13',
    ],
    [
      "Loi-cadre n° 51-17 relative au système d'éducation",
      { type: 'loi-cadre', number: '51-17' },
      'loi-cadre-51-17',
    ],
    [
      'Décret n° 2-07-263 du 20 joumada II 1428 (6 juillet 2007) fixant …',
      { type: 'decret', number: '2-07-263', signedOn: '2007-07-06' },
      'decret-2-07-263',
    ],
    [
      'Décret-loi n° 2-20-292 du 28 rejeb 1441 (23 mars 2020) édictant …',
      { type: 'decret-loi', number: '2-20-292' },
      'decret-loi-2-20-292',
    ],
    [
      "Arrêté du ministre de l'agriculture n° 3579-22 du 5 rabii II 1444 (31 octobre 2022) fixant …",
      { type: 'arrete', number: '3579-22', signedOn: '2022-10-31' },
      'arrete-3579-22',
    ],
    [
      "Arrêté conjoint du ministre de l'intérieur et du ministre des finances n° 2519-21 du 20 safar 1443 (28 septembre 2021)",
      { type: 'arrete-conjoint', number: '2519-21' },
      'arrete-conjoint-2519-21',
    ],
    [
      'Arrêté du Chef du gouvernement n° 3-17-25 du 16 chaabane 1446 (15 février 2025)',
      { type: 'arrete', number: '3-17-25' },
      'arrete-3-17-25',
    ],
    [
      'Décision du Conseil constitutionnel n° 817-11 du 11 moharrem 1433 (7 décembre 2011)',
      { type: 'decision', number: '817-11' },
      'decision-817-11',
    ],
    [
      'Circulaire n° 1-2020 du 2 mars 2020 relative aux marchés',
      { type: 'circulaire', number: '1-2020', signedOn: '2020-03-02' },
      'circulaire-1-2020',
    ],
    [
      'Daftir nO 1-03-207 du 16 ramadan 1424 (II novembre 2003) portant …',
      { type: 'dahir', number: '1-03-207', signedOn: '2003-11-11' },
      'dahir-1-03-207',
    ],
  ])('%s', (title, want, id) => {
    const header = parseTextHeader(title)!;
    expect(header).toMatchObject({ ...want, title: title.replace(/\.$/, '') });
    expect(headerId(header)).toBe(id);
  });

  it('gives a dahir promulgating a loi both numbers', () => {
    const header = parseTextHeader(
      'Dahir n° 1-09-15 du 22 safar 1430 (18 février 2009) portant promulgation de la loi n° 09-08 relative à la protection des personnes.',
    )!;
    expect(header.number).toBe('1-09-15');
    expect(header.promulgates).toEqual({
      type: 'loi',
      number: '09-08',
      title: 'Loi n° 09-08 relative à la protection des personnes',
    });
    const organique = parseTextHeader(
      'Dahir n° 1-15-83 du 20 ramadan 1436 (7 juillet 2015) portant promulgation de la loi organique n° 111-14 relative aux régions.',
    )!;
    expect(organique.promulgates).toMatchObject({ type: 'loi-organique', number: '111-14' });
  });

  it('takes no own number from a dahir whose only n° is the loi it promulgates', () => {
    const header = parseTextHeader(
      'Dahir du 9 ramadan 1331 (12 août 1913) portant promulgation de la loi n° 5-96',
    )!;
    expect(header.number).toBeNull();
    expect(headerId(header)).toMatch(/^dahir-1913-08-12-[0-9a-f]{8}$/);
  });

  it('gives a rectificatif a fallback id: its n° is the issue it corrects', () => {
    const header = parseTextHeader(
      'Rectificatif au « Bulletin officiel » n° 6000 du 21 rejeb 1432 (23 juin 2011).',
    )!;
    expect(header).toMatchObject({ type: 'rectificatif', number: null, signedOn: '2011-06-23' });
    expect(headerId(header)).toMatch(/^rectificatif-2011-06-23-[0-9a-f]{8}$/);
  });

  it.each([
    'AVIS ET COMMUNICATIONS',
    'Loin de là, il faut …',
    'la loi n° 09-08 précitée',
    'Décrets et arrêtés divers',
  ])('not a header: %s', (line) => expect(parseTextHeader(line)).toBeNull());

  it('tells enacting words from the text types they resemble', () => {
    expectLinesSplit(
      isBodyMarker,
      ['DÉCRÈTE :', 'ARRÊTE :', 'Vu la loi n° 09-08 ;'],
      ['Décret n° 2-09-165 du …', 'Arrêté du ministre …', 'Vues générales'],
    );
  });
});

describe('a header without its own date', () => {
  it('does not take the date of a text it cites, in either edition', () => {
    const fr = parseTextHeader(
      'Loi n° 57-02 modifiant et complétant le dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d’association',
    );
    expect(fr).toMatchObject({ type: 'loi', number: '57-02', signedOn: null });
    const ar = parseTextHeaderAr(
      'قانون رقم 57.02 يقضي بتغيير وتتميم الظهير الشريف رقم 1.58.376 الصادر في 3 جمادى الأولى 1378 (15 نونبر 1958) بتنظيم حق تأسيس الجمعيات',
    );
    expect(ar).toMatchObject({ type: 'loi', number: '57-02', signedOn: null });
    // Its own date, before the cited text, still counts.
    expect(
      parseTextHeader(
        'Dahir n° 1-02-250 du 10 ramadan 1423 (15 novembre 2002) portant promulgation de la loi n° 57-02 modifiant le dahir n° 1-58-376 du 15 novembre 1958',
      )?.signedOn,
    ).toBe('2002-11-15');
  });
});
