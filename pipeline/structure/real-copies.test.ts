/**
 * Structure of the real copies issue 16 lists: the Constitution and treaties a dahir promulgates
 * or publishes, numbers OCR damaged, wrapped running headers, partial copies. The strings are
 * those of real issues (BO-FORMAT.md), set as pages the way layout hands them over.
 */
import { describe, expect, it } from 'vitest';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';

const CONSTITUTION = `BULLETIN OFFICIEL N° 5964 bis – 28 chaabane 1432 (30-7-2011) 1901
Dahir n° 1-11-91 du 27 chaabane 1432 (29 juillet 2011) portant promulgation du texte de la Constitution.
LOUANGE A DIEU SEUL !
Que l'on sache par les présentes – puisse Dieu en élever et en fortifier la teneur !
A DÉCIDÉ CE QUI SUIT :
Est promulgué et sera publié au Bulletin officiel, à la suite du présent dahir, le texte de la Constitution.
Fait à Tétouan, le 27 chaabane 1432 (29 juillet 2011).
*
* *
LA CONSTITUTION
PRÉAMBULE
Etat musulman souverain, attaché à son unité nationale et à son intégrité territoriale.
TITRE PREMIER
DISPOSITIONS GÉNÉRALES
Article premier
Le Maroc est une monarchie constitutionnelle, démocratique, parlementaire et sociale.
Article 2
La souveraineté appartient à la nation.
Article 3
L'Islam est la religion de l'Etat.`;

const CONSTITUTION_2 = `BULLETIN OFFICIEL N° 5964 bis – 28 chaabane 1432 (30-7-2011) 1902
Article $1
Le Conseil supérieur du pouvoir judiciaire veille à l'application des garanties accordées aux magistrats.
Article 52 }
Le Roi peut adresser des messages à la Nation et au Parlement.
à Article 53
Le Roi est le Chef suprême des Forces Armées Royales.`;

describe('texts a dahir promulgates or publishes', () => {
  it('makes the Constitution a text of its own, with its articles, linked to its dahir', () => {
    const parsed = parseBulletin(
      pagesFromText([CONSTITUTION, CONSTITUTION_2]),
      recordFor('BO_5964_bis_Fr.pdf'),
    );
    const dahir = parsed.texts.find((t) => t.id === 'dahir-1-11-91')!;
    const constitution = parsed.texts.find((t) => t.id === 'constitution-2011')!;
    expect(dahir).toMatchObject({ promulgates: 'constitution-2011', articles: [] });
    expect(constitution).toMatchObject({ type: 'constitution', number: null, signedOn: '2011-07-29' });
    // Specks around headings (`Article $1`, `Article 52 }`, `à Article 53`) are read through.
    expect(constitution.articles.map((a) => a.number)).toEqual(['1', '2', '3', '51', '52', '53']);
    expect(parsed.warnings.join('\n')).not.toMatch(/title line was not found/);
    // Nothing filed under the wrong text: the Constitution's preamble is its own, not the dahir's.
    expect(constitution.preamble).toMatch(/^LA CONSTITUTION PRÉAMBULE Etat musulman souverain/);
    expect(dahir.preamble).toMatch(/Fait à Tétouan, le 27 chaabane 1432 \(29 juillet 2011\)\. \* \* \*$/);
  });

  it('makes a treaty published by a dahir a text of its own, with its own articles', () => {
    const page = `BULLETIN OFFICIEL N° 6010 – 10 safar 1433 (5-1-2012) 21
Dahir n° 1-11-36 du 3 ramadan 1432 (4 août 2011) portant publication de l'Accord fait à Rabat le 12 mai 2010 entre le Royaume du Maroc et la République de Finlande relatif au transport aérien.
LOUANGE A DIEU SEUL !
A DÉCIDÉ CE QUI SUIT :
Sera publié au Bulletin officiel, à la suite du présent dahir, l'Accord fait à Rabat le 12 mai 2010.
Fait à Rabat, le 3 ramadan 1432 (4 août 2011).
*
* *
Accord entre le Royaume du Maroc et la République de Finlande relatif au transport aérien
Article premier
Aux fins du présent Accord, les termes suivants signifient :
Article 2
Chaque Partie contractante accorde à l'autre les droits spécifiés au présent Accord.`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('BO_6010_fr.pdf'));
    const dahir = parsed.texts.find((t) => t.id === 'dahir-1-11-36')!;
    const accord = parsed.texts.find((t) => t.type === 'accord')!;
    expect(dahir.promulgates).toBe(accord.id);
    expect(accord.id).toMatch(/^accord-2011-08-04-[0-9a-f]{8}$/);
    expect(accord.articles.map((a) => a.number)).toEqual(['1', '2']);
    expect(dahir.articles).toEqual([]);
  });
});

describe('texts printed only by reference', () => {
  it('keeps a décision printed only by reference as a text, its reference in the preamble', () => {
    const page = `BULLETIN OFFICIEL N° 5992 – 5 hija 1432 (3-11-2011) 2415
Décision du Conseil constitutionnel n° 817-2011 du 15 kaada 1432 (13 octobre 2011).
Voir le texte de la décision dans l'édition générale du « Bulletin officiel » n° 5989 du 24 kaada 1432 (24 octobre 2011).`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('BO_5992_fr.pdf'));
    expect(parsed.texts).toHaveLength(1);
    expect(parsed.texts[0]).toMatchObject({ id: 'decision-817-2011', articles: [], signedOn: '2011-10-13' });
    expect(parsed.texts[0]!.preamble).toMatch(/^Voir le texte de la décision dans l'édition générale/);
  });
});

describe('numbers OCR damaged never become ids', () => {
  const issue = (header: string) =>
    parseBulletin(
      pagesFromText([
        `BULLETIN OFFICIEL N° 6880 – 11 ramadan 1441 (4-5-2020) 701\n${header}\nLOUANGE A DIEU SEUL !\nARTICLE PREMIER. – Est approuvé le décret.\nFait à Rabat, le 3 ramadan 1441 (27 avril 2020).`,
      ]),
      recordFor('BO_6880_fr.pdf'),
    );

  it('reads `nº` that OCR read `n2`: `Dahir n2 1-20-60` is dahir-1-20-60, not dahir-2', () => {
    const parsed = issue(
      "Dahir n2 1-20-60 du 3 ramadan 1441 (27 avril 2020) portant ratification d'un décret-loi.",
    );
    expect(parsed.texts.map((t) => t.id)).toEqual(['dahir-1-20-60']);
  });

  it('keeps a number shaped as none of its series flagged, under a fallback id', () => {
    const parsed = issue(
      "Dahir n° 1-20 du 3 ramadan 1441 (27 avril 2020) portant ratification d'un décret-loi.",
    );
    expect(parsed.texts.map((t) => t.id)).toEqual([expect.stringMatching(/^dahir-2020-04-27-[0-9a-f]{8}$/)]);
    expect(parsed.texts[0]!.number).toBeNull();
    expect(parsed.warnings.join('\n')).toMatch(/n° 1-20 as read is shaped as no number of its series/);
  });
});

describe('Arabic copies whose number the web printed backwards', () => {
  it('reads `331-74-1` as the dahir 1-74-331 it is, with a warning', () => {
    const page = `ظهير شريف رقم 331-74-1 صادر في 11 ربيع الثاني 1395 (23 أبريل 1975) المتعلق بوضعية الحكومة وتأليف دواوينهم.
الحمد لله وحده
يعلم من ظهيرنا الشريف هذا أسماه الله وأعز أمره أننا ، أصدرنا أمرنا الشريف بما يأتي :
الفصل الأول
يحدد كما يلي المرتب الشهري الإجمالي لأعضاء الحكومة.`;
    const parsed = parseBulletin(pagesFromText([page], { language: 'ara' }), recordFor('scan_0001.pdf'));
    expect(parsed.texts.map((t) => t.id)).toEqual(['dahir-1-74-331']);
    expect(parsed.warnings.join('\n')).toMatch(/n° 331-74-1 .* read backwards is one: taken as n° 1-74-331/);
  });
});

describe('headers and partial copies', () => {
  it('reads a running header wrapped over two lines, and keeps it out of the text', () => {
    const parsed = parseBulletin(
      pagesFromText([
        `BULLETIN OFFICIEL N° 5670 – 2\nchaoual 1429 (2-10-2008) 689\nDécret n° 2-08-229 du 21 ramadan 1429 (22 septembre 2008) relatif aux tarifs.\nARTICLE PREMIER. – Les tarifs sont fixés.\nART. 2. – Le présent décret est publié.`,
      ]),
      recordFor('scan_0001.pdf'),
    );
    expect(parsed.bulletin).toMatchObject({ id: 'bo-fr-5670', date: '2008-10-02', firstPage: 689 });
    const bodies = parsed.texts
      .flatMap((t) => [t.preamble ?? '', ...t.articles.map((a) => a.body)])
      .join(' ');
    expect(bodies).not.toMatch(/chaoual 1429/);
  });

  it('keeps the body text a layout merged into a running header’s line (`W` read for `N°`)', () => {
    const page = `BULLETIN OFFICIEL W 5952 bis-14 rejeb 1432 (17-6-2011) TEXTES GENERAUX Dahir n° 1-11-82 du 14 rejeb 1432 (17 juin 2011) soumettant à référendum le projet de la Constitution.
LOUANGE A DIEU SEUL !
ARTICLE PREMIER. – Est soumis à référendum le projet de la Constitution.`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('x.pdf'));
    expect(parsed.bulletin).toMatchObject({ id: 'bo-fr-5952-bis', date: '2011-06-17' });
    expect(parsed.texts.map((t) => t.id)).toEqual(['dahir-1-11-82']);
  });

  it('keeps a copy without any number, and says which page ended in no text', () => {
    const parsed = parseBulletin(
      pagesFromText([
        'Article 12. – Le permis est délivré par le ministre chargé des transports.\nArticle 13. – Le présent arrêté est publié.',
      ]),
      { ...recordFor('scan_0001.pdf'), sha256: 'ab'.repeat(32) },
    );
    expect(parsed.bulletin.id).toBe('bo-fr-unidentified-abababab');
    expect(parsed.texts).toEqual([]);
    expect(parsed.warnings.join('\n')).toMatch(
      /page 1 \(p\. 1\): 2 lines before any text header, in no text or article/,
    );
  });
});
