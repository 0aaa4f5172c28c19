import { describe, expect, it } from 'vitest';
import type { Article, LegalText } from '../model.js';
import { parseFrenchLinks } from './parse-french.js';

function text(spec: { id: string; title: string; preamble?: string; articles: string[] }): LegalText {
  const [type, ...number] = spec.id.split('-');
  return {
    id: spec.id,
    type: type as LegalText['type'],
    number: number.join('-'),
    title: spec.title,
    signedOn: null,
    hijriDate: null,
    language: 'fr',
    bulletinId: 'bo-fr-5000',
    page: 1,
    articles: spec.articles.map(
      (body, i): Article => ({
        number: String(i + 1),
        heading: `Article ${i + 1}`,
        body,
        page: 1,
        pageIndex: 1,
      }),
    ),
    ...(spec.preamble ? { preamble: spec.preamble } : {}),
    confidence: 1,
  };
}

const DAHIR = { type: 'dahir', number: '1-58-376', date: '1958-11-15' };

describe('parseFrenchLinks', () => {
  const links = parseFrenchLinks(
    text({
      id: 'loi-51-14',
      title:
        "Loi n° 51-14 modifiant et complétant le dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d'association",
      preamble:
        "Vu le dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d'association, tel qu'il a été modifié et complété ;",
      articles: [
        "Les dispositions de l'article 3 du dahir susvisé n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) sont modifiées ainsi qu'il suit : « Article 3. – Toute association fondée sur une cause illicite est nulle. « Elle est dissoute par le tribunal. »",
        "A l'article 2 du dahir précité, les mots « trois mois » sont remplacés par les mots « six mois » et les mots « le gouverneur » par les mots « le wali ».",
        'Le dahir précité est complété par un article 4 bis ainsi rédigé : « Article 4 bis. – Les associations déposent leurs comptes. »',
        'Les articles 5 et 6 du dahir n° 1-58-376 précité sont abrogés.',
        'Sont abrogées les dispositions du décret n° 2-73-12 du 10 avril 1973.',
        "L'article 7 du dahir précité est complété par un alinéa ainsi rédigé : « Le ministre fixe les modalités. »",
        'Les articles 8 et 9 du dahir précité deviennent respectivement les articles 9 et 10.',
        "Les dispositions de l'article 11 du dahir précité, telles que modifiées par le dahir portant loi n° 1-73-283, sont abrogées et remplacées par les dispositions suivantes : « Article 11. – Le présent dahir s'applique sur tout le territoire. »",
        "En application de l'article 9 de la loi n° 43-20 précitée, la présente loi entre en vigueur à compter du 1er janvier 2016.",
      ],
    }),
  );
  const ops = links.operations.map((o) => [o.byArticle, o.kind, o.targetArticle]);

  it('reads each operative clause into its operations, in order', () => {
    expect(ops).toEqual([
      ['1', 'amended', '3'],
      ['2', 'amended', '2'],
      ['3', 'inserted', '4-bis'],
      ['4', 'abrogated', '5'],
      ['4', 'abrogated', '6'],
      ['5', 'abrogated', null],
      ['6', 'completed', '7'],
      ['7', 'renumbered', '8'],
      ['7', 'renumbered', '9'],
      ['8', 'replaced', '11'],
    ]);
  });

  it('takes new wording from between « », without its heading or paragraph quotes', () => {
    const [amended, substituted, inserted] = links.operations;
    expect(amended!.body).toBe(
      'Toute association fondée sur une cause illicite est nulle. Elle est dissoute par le tribunal.',
    );
    expect(substituted!.substitutions).toEqual([
      { from: 'trois mois', to: 'six mois' },
      { from: 'le gouverneur', to: 'le wali' },
    ]);
    expect(inserted!.body).toBe('Les associations déposent leurs comptes.');
    expect(links.operations.find((o) => o.kind === 'completed')!.body).toBe(
      'Le ministre fixe les modalités.',
    );
    expect(links.operations.filter((o) => o.kind === 'renumbered').map((o) => o.newNumber)).toEqual([
      '9',
      '10',
    ]);
  });

  it('points précité / susvisé back to the text the visas and title named', () => {
    for (const op of links.operations.filter((o) => o.byArticle !== '5')) {
      expect(op.target).toMatchObject({ type: 'dahir', number: '1-58-376' });
    }
    expect(links.operations.find((o) => o.byArticle === '5')!.target).toEqual({
      type: 'decret',
      number: '2-73-12',
      date: '1973-04-10',
    });
  });

  it('keeps visas and other references as citations, and the title as an amends link', () => {
    expect(links.citations).toContainEqual({
      byArticle: null,
      relation: 'cites',
      target: DAHIR,
      targetArticle: null,
    });
    expect(links.citations).toContainEqual({
      byArticle: null,
      relation: 'amends',
      target: DAHIR,
      targetArticle: null,
    });
    expect(links.citations).toContainEqual(
      expect.objectContaining({
        byArticle: '8',
        relation: 'cites',
        target: expect.objectContaining({ number: '1-73-283' }),
      }),
    );
    expect(links.citations).toContainEqual(
      expect.objectContaining({
        byArticle: '9',
        relation: 'cites',
        targetArticle: '9',
        target: expect.objectContaining({ number: '43-20' }),
      }),
    );
  });

  it('reads a later entry into force', () => {
    expect(links.inForceFrom).toBe('2016-01-01');
  });

  it('finds no operation in a decree that only applies a loi, nor in a vague abrogation', () => {
    const decree = parseFrenchLinks(
      text({
        id: 'decret-2-09-12',
        title: 'Décret n° 2-09-12 pris pour l’application de la loi n° 09-08',
        preamble:
          'Vu la loi n° 09-08 relative à la protection des personnes physiques, telle qu’elle a été modifiée ;',
        articles: [
          'Le présent décret fixe les modalités d’application des articles 3 et 4 de la loi n° 09-08 susvisée.',
          'Sont abrogées à compter de la même date toutes dispositions contraires, notamment celles du dahir n° 1-58-376 du 15 novembre 1958.',
        ],
      }),
    );
    expect(decree.operations).toEqual([]);
    expect(decree.citations.map((c) => [c.relation, c.target.number])).toEqual([
      ['cites', '09-08'],
      ['cites', '09-08'],
      ['cites', '09-08'],
      ['abrogates', '1-58-376'],
    ]);
  });

  it('reads clauses as OCR left them: a lost apostrophe, a straight dash', () => {
    const scanned = parseFrenchLinks(
      text({
        id: 'loi-33-02',
        title: 'Loi n° 33-02 modifiant et complétant le dahir n° 1-58-339',
        articles: [
          'Larticle 6 du dahir n° 1-58-339 précité est complété par un alinéa ainsi rédigé : « Cet arrêté est publié au Bulletin officiel. »',
          'Le dahir précité n° 1-58-339 est complété par un article 4 bis ainsi rédigé : « Article 4 bis. - Les comptes sont publiés. »',
        ],
      }),
    );
    expect(scanned.operations.map((o) => [o.kind, o.targetArticle, o.body])).toEqual([
      ['completed', '6', 'Cet arrêté est publié au Bulletin officiel.'],
      ['inserted', '4-bis', 'Les comptes sont publiés.'],
    ]);
  });

  it('names the target from the title when a clause does not, and reads a date-only reference', () => {
    const amending = parseFrenchLinks(
      text({
        id: 'decret-2-20-5',
        title: 'Décret n° 2-20-5 modifiant le décret n° 2-07-263 du 10 mars 2007',
        articles: ["L'article 4 est abrogé.", "L'article 2 du dahir du 15 novembre 1958 est abrogé."],
      }),
    );
    expect(amending.operations.map((o) => [o.target, o.targetArticle, o.confidence])).toEqual([
      [{ type: 'decret', number: '2-07-263', date: '2007-03-10' }, '4', 0.8],
      [{ type: 'dahir', number: null, date: '1958-11-15' }, '2', 1],
    ]);
  });

  it('reads the alinéa, the item or the words an article-level clause changes', () => {
    const amending = parseFrenchLinks(
      text({
        id: 'loi-86-12',
        title: 'Loi n° 86-12 modifiant et complétant la loi n° 17-95 relative aux sociétés anonymes',
        articles: [
          "L'alinéa 2 de l'article 5 de la loi n° 17-95 précitée est remplacé par les dispositions suivantes : « Le conseil se réunit au moins deux fois par an. »",
          "Le deuxième alinéa de l'article 6 de la loi n° 17-95 précitée est abrogé.",
          "L'article 7 de la loi n° 17-95 précitée est complété par un 4° ainsi rédigé : « 4° les sociétés cotées. »",
          "Le 3° de l'article 8 de la loi n° 17-95 précitée est supprimé.",
          "A l'article 9 de la loi n° 17-95 précitée, les mots « par écrit » sont supprimés.",
          "Au premier alinéa de l'article 10 de la loi n° 17-95 précitée, les mots « trois mois » sont remplacés par les mots « six mois ».",
          "Le b) de l'article 11 de la loi n° 17-95 précitée est modifié ainsi qu'il suit : « b) les comptes annuels ; »",
          "Les dispositions de l'article 12 de la loi n° 17-95 précitée, telles que modifiées par l'alinéa 2 de l'article premier de la loi n° 20-05, sont abrogées et remplacées par les dispositions suivantes : « Article 12. – Le commissaire aux comptes est nommé pour trois exercices. »",
          "Le dernier alinéa de l'article 13 de la loi n° 17-95 précitée est abrogé.",
        ],
      }),
    );
    expect(
      amending.operations.map((o) => [
        o.kind,
        o.targetArticle,
        o.paragraph ?? o.item ?? (o.lastParagraph && 'last') ?? null,
        o.body ?? o.substitutions ?? null,
      ]),
    ).toEqual([
      ['replaced', '5', 2, 'Le conseil se réunit au moins deux fois par an.'],
      ['abrogated', '6', 2, null],
      ['completed', '7', null, '4° les sociétés cotées.'],
      ['abrogated', '8', '3°', null],
      ['amended', '9', null, [{ from: 'par écrit', to: '' }]],
      ['amended', '10', 1, [{ from: 'trois mois', to: 'six mois' }]],
      ['amended', '11', 'b)', 'b) les comptes annuels ;'],
      // An alinéa of another text's article named in passing: the whole article is replaced.
      ['replaced', '12', null, 'Le commissaire aux comptes est nommé pour trois exercices.'],
      ['abrogated', '13', 'last', null],
    ]);
  });

  it('keeps the alinéas of quoted new wording, each opened by its own «', () => {
    const amending = parseFrenchLinks(
      text({
        id: 'loi-86-12',
        title: 'Loi n° 86-12 modifiant la loi n° 17-95 relative aux sociétés anonymes',
        articles: [
          "L'article 5 de la loi n° 17-95 précitée est modifié ainsi qu'il suit : « Article 5. – Le conseil se réunit deux fois par an. « Il délibère à la majorité. « Article 6. – Le président est élu. »",
          "L'article 7 de la loi n° 17-95 précitée est complété par deux alinéas ainsi rédigés : « Le rapport est publié. « Il est transmis au ministre. »",
        ],
      }),
    );
    expect(amending.operations.map((o) => [o.targetArticle, o.body, o.paragraphs ?? null])).toEqual([
      [
        '5',
        'Le conseil se réunit deux fois par an. Il délibère à la majorité.',
        ['Le conseil se réunit deux fois par an.', 'Il délibère à la majorité.'],
      ],
      ['6', 'Le président est élu.', null],
      [
        '7',
        'Le rapport est publié. Il est transmis au ministre.',
        ['Le rapport est publié.', 'Il est transmis au ministre.'],
      ],
    ]);
  });
});
