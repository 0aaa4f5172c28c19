import { describe, expect, it } from 'vitest';
import { type EditionCandidate, pairWithOtherEdition } from './pair-editions.js';

/** The French and Arabic publications of one rectificatif, as the generator prints them. */
const french = {
  title: 'Rectificatif au « Bulletin officiel » n° 6266 du 12 ramadan 1435 (9 juillet 2014)',
  articles: [],
};
const arabic: EditionCandidate = {
  id: 'rectificatif-2014-07-09-6ace15e1',
  title: 'استدراك خطأ مادي وقع في الجريدة الرسمية عدد 6266 الصادرة في 12 رمضان 1435 (9 يوليو 2014)',
  articles: [],
};
const order = (id: string, amount: string, decree: string): EditionCandidate => ({
  id,
  title: 'مقرر لوزير التجهيز والنقل صادر في 13 شعبان 1435 (11 يونيو 2014) يتعلق بالمراقبة التقنية للعربات',
  articles: [
    { number: '1', body: `تطبيقا للمرسوم رقم ${decree}، يحدد المبلغ في ${amount} درهم.` },
    { number: '2', body: 'يسند تنفيذ هذا المقرر إلى مدير النقل.' },
  ],
});

describe('pairWithOtherEdition', () => {
  it('pairs a translation with its original by the figures both print', () => {
    expect(pairWithOtherEdition(french, [arabic])).toEqual({ id: arabic.id, score: 1 });
  });

  it('reads dotted Arabic numbers and Arabic-Indic digits as the French hyphenated ones', () => {
    const decision = {
      title:
        'Décision du ministre de l’équipement du 13 chaabane 1435 (11 juin 2014) relative au contrôle technique',
      articles: [
        { number: '1', body: 'En application du décret n° 2-14-310, le montant est fixé à 5.000 dirhams.' },
        {
          number: '2',
          body: 'Le directeur des transports est chargé de l’exécution de la présente décision.',
        },
      ],
    };
    const original = order('decision-2014-06-11-28ac0ca7', '٥.٠٠٠', '2.14.310');
    const other = order('decision-2014-06-11-aaaaaaaa', '7.500', '2.14.999');
    expect(pairWithOtherEdition(decision, [other, original])?.id).toBe(original.id);
  });

  it('pairs an edition whose OCR lost one article heading, not two (seed 8101: `المادة :2`)', () => {
    const decision = {
      title: 'Décision du 13 chaabane 1435 (11 juin 2014)',
      articles: [
        { number: '1', body: 'En application du décret n° 2-14-310, le montant est fixé à 5.000 dirhams.' },
        { number: '2', body: 'Le directeur est chargé de son exécution.' },
        { number: '3', body: 'Elle entre en vigueur le 1er juillet 2014.' },
      ],
    };
    const lost = (numbers: string[]): EditionCandidate => ({
      ...order('decision-2014-06-11-28ac0ca7', '5.000', '2.14.310'),
      articles: numbers.map((number) => ({ number, body: 'المرسوم رقم 2.14.310 و5.000 درهم' })),
    });
    expect(pairWithOtherEdition(decision, [lost(['1', '3'])])?.id).toBe('decision-2014-06-11-28ac0ca7');
    expect(pairWithOtherEdition(decision, [lost(['1'])])).toBeNull();
    expect(pairWithOtherEdition(decision, [lost(['1', '4'])])).toBeNull();
  });

  it('pairs nothing when the articles differ, when too few figures agree, or when two agree alike', () => {
    expect(pairWithOtherEdition({ ...french, articles: [{ number: '1', body: '' }] }, [arabic])).toBeNull();
    expect(pairWithOtherEdition({ title: 'Rectificatif au n° 6266', articles: [] }, [arabic])).toBeNull();
    expect(
      pairWithOtherEdition(french, [arabic, { ...arabic, id: 'rectificatif-2014-07-09-00000000' }]),
    ).toBeNull();
    expect(pairWithOtherEdition(french, [])).toBeNull();
  });
});
