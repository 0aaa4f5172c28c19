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

describe('a copy flowed as one paragraph (bo-pages 056, issue 16)', () => {
  it('keeps what the header’s lines print after its title as the text’s own wording', () => {
    // Tesseract's reading of copy 056's Arabic raster: the royal formula and the first articles
    // run on after the title, on the lines the header spans. They were dropped unsaid.
    const page = [
      'قانون تأسيس الجمعيات المغرب ظهير شريف رقم 6111961 الصادر في 3 جمادى الأولى #7351 ا[ 1 موافق 51',
      'نونير 8591 يضبط بموجبه حق تأسيس الجمعيات الحمد الله وحده يعام من ظهيرنا الشريف هذا أسماه االله وأعز',
      'أمره, أننا أصدرنا أمرنا الشريف بما يأتي : الجزء الأول في تأسيس الجمعيات بصفة عامة الفصل 1 الجمعية هي',
      'لتحقيق تعاون مستمر بين شخصين أو عدة أشخاص لاستخدام معاوماتهم أو نشاطهم لغاية غير توزيع الأرباح فيما',
    ].join('\n');
    const parsed = parseBulletin(pagesFromText([page], { language: 'ara' }), recordFor('copy-056.pdf'));
    const kept = parsed.texts.map(
      (t) => `${t.title} ${t.preamble ?? ''} ${t.articles.map((a) => a.body).join(' ')}`,
    );
    expect(kept.join(' ')).toContain('الجمعية هي');
    expect(kept.join(' ')).toContain('لتحقيق تعاون مستمر');
  });
});

describe('web copies and reviews that run texts together (bo-pages test3, issue 16)', () => {
  it('opens a text at a full header after a web viewer’s own line (bo-pages 047)', () => {
    const page = `Official bulletin n° 7032
Published on October 20, 2021
General Texts
Dahir n°1-21-50 du 14 chaoual 1442 (26 mai 2021) portant promulgation de la loi n°06-20 relative à la
dissolution et à la liquidation de l'Office de commercialisation et d'exportation.
LOUANGE A DIEU SEUL!
A DÉCIDÉ CE QUI SUIT :
Est promulguée et sera publiée au Bulletin officiel, à la suite du présent dahir, la loi n° 06-20 relative à la
dissolution et à la liquidation de l'Office de commercialisation et d'exportation, telle qu'adoptée par la
Chambre des représentants et la Chambre des conseillers.
2 Attachments - sign in to show
Décret n° 2-21-677 du 30 moharrem 1443 (8 septembre 2021) pris pour l'application de la loi n° 06-20
relative à la dissolution et à la liquidation de l'Office de commercialisation et d'exportation.
LE CHEF DU GOUVERNEMENT,
Vu la loi n° 06-20 relative à la dissolution et à la liquidation de l'Office de commercialisation et
d'exportation, promulguée par le dahir n° 1-21-50 du 14 chaoual 1442 (26 mai 2021) ;
DÉCRÈTE :
ARTICLE PREMIER. - En application des dispositions de l'article 9 de la loi précitée n° 06-20, il est créé`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('x.pdf'));
    expect(parsed.bulletin).toMatchObject({ id: 'bo-fr-7032', date: '2021-10-20' });
    // The loi is only cited: its text is an attachment the copy lacks.
    expect(parsed.texts.map((t) => [t.id, t.articles.map((a) => a.number)])).toEqual([
      ['dahir-1-21-50', []],
      ['decret-2-21-677', ['1']],
    ]);
  });

  it('cuts a review’s run-on paragraph at each header and article (bo-pages 050)', () => {
    const page = `46
III. - MAROC l. - Les gouvernements marocains en 1972 Le gouvernement en place au début de l'année
1972 est celui des 6 et 11 août 1971. Cf. AAN 1971 : 857-858. a) Nouveau gouvernement. Dahir nO
1-72-102 du 19 safar 1392 (4 avril 1972) mettant fin aux fonctions du Gouvernemnt. B.O.R.M. (3103),
19/4/72 : 638. Notre Majesté Chérifienne, Vu l'article 24 de la Constitution promulguée le 23 moharrem
1392 (10 mars 1972) ; Vu le dahir nO 1-71-133 du 19 joumada II 1391 (11 août 1971) portant
constitution du Gouvernement, tel qu'il a été modifié, A DÉCIDÉ CE QUI SUIT; ARTIClE PREMIER. - A
compter du 20 safar 1392 (5 avril 1972), il est mis fin aux fonctions du Gouvernement institué par le
dahir susvisé nO 1-71-133 du 19 joumada Il 1391 (lI août 1971). ART. 2. - Les membres du Gouvernement
visé à l'article précédent sont chargés d'expédier les affaires courantes de leur département respectif
jusqu'à la nomination du nouveau Gouvernement. ART. 3.- Le présent dahir sera publié au Bulletin
officiel. Fait à Rabat, le 19 safar 1392 (4 avril 1972). Dahir 1-72-109 du 28 safar (13 avril 1972) portant
constitution du Gouvernement. B.O.R.M. (3103), 19/4/72 : 638-639. Notre Majesté Chérifienne, Vu
l'article 24 de la Constitution promulguée le 23 moharrem 1392 (10 mars 1972) ; Considérant le serment
prêté devant Notre Majesté, A DÉcmÉ CE QUI SUIT: ARTICLE PREMIER. - A compter du 27 safar 1392
(12 avril 1972) sont nommés: Premier Ministre . . . . . . . . . . M. Mohammed Karim LAMRANL`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('x.pdf'));
    expect(parsed.bulletin).toMatchObject({ id: 'bo-fr-3103', date: '1972-04-19' });
    // `Dahir 1-72-109 du …`: a number with no `n°`; `CE QUI SUIT: ARTICLE PREMIER`: after the enacting formula's colon.
    expect(parsed.texts.map((t) => [t.id, t.signedOn, t.articles.map((a) => a.number)])).toEqual([
      ['dahir-1-72-102', '1972-04-04', ['1', '2', '3']],
      ['dahir-1-72-109', '1972-04-13', ['1']],
    ]);
  });

  it('reads a décret royal numbered with no `n°`, its articles after `DÉCRÉTONS:` (bo-pages 052)', () => {
    const page = `III. - MAROC 1. - Remaniements ministériels et nouveaux gouvernements Le gouvernement en place au
début de l'année 1967 est celui présidé par le Roi et remanié le 2 mai 1966, cf. A.A.N. (V), 1966 : 697-698.
Remaniement ministériel du 11 mars 1967: Décret royal 296-67 du 29 kaada 1386 (11 mars 1967) modifiant
et complétant le décret royal 138-65 du 8 safar 1385 (8 juin 1965) portant constitution du Gouvernement,
B.O.R.M. (2852),28-6-67 : 705. LOUANGE A DIEU SEUL! Nous, Amir Al Mouminine, Roi du Maroc (Sceau de Sa
Majesté Hassan II) Vu le décret royal nO 138-65 du 8 safar 1385 (8 juin 1965) portant constitution du
Gouvernement, tel qu'il a été modifié et complété; Considérant le serment prêté devant Notre Majesté par
les nouveaux membres du Gouvernement, DÉCRÉTONS: ARTICLE PREMIER. - Sont déchargés de leurs fonctions à
compter du 11 mars 1967: MM. M'Hamed ZEGHARI, vice-Premier ministre. ART. 2. - Sont nommés à compter de
la même date: MM. M'Hamed ZEGHARI, ministre de l'agriculture et de la réforme agraire`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('x.pdf'));
    expect(parsed.bulletin).toMatchObject({ id: 'bo-fr-2852', date: '1967-06-28' });
    expect(parsed.texts.map((t) => [t.id, t.articles.map((a) => a.number)])).toEqual([
      ['decret-296-67', ['1', '2']],
    ]);
  });

  it('reads `Article premier` run into its chapter’s line and `Art : 2 -` headings (bo-pages 053)', () => {
    const page = `Dahir n 1-58-008 du 4 chaabane 1377 (24 fvrier 1958) portant statut gnral de la fonction publique (1).
LOUANGE A DIEU SEUL ! (Grand Sceau de Sidi Mohammed ben Youssef) Que l'on sache par les
prsentes - Puisse Dieu en lever et en fortifier la teneur ! Que Notre Majest Chrifienne, A dcid ce qui suit :
Chapitre premier Principes gnraux et conditions juridiques des fonctionnaires Article premier - Tout
Marocain a droit d'accder dans les conditions d'galit aux emplois publics.
Art : 2 - A la qualit de fonctionnaire toute personne nomme dans un emploi permanent et titularise dans
un grade de la hirarchie des cadres de l'administration de l'Etat.
Art : 3 - Le fonctionnaire est vis--vis de l'administration dans une situation statutaire et rglementaire.`;
    const parsed = parseBulletin(pagesFromText([page]), recordFor('x.pdf'));
    expect(parsed.texts.map((t) => [t.id, t.articles.map((a) => a.number)])).toEqual([
      ['dahir-1-58-008', ['1', '2', '3']],
    ]);
    expect(parsed.texts[0]!.articles[0]!.body).toMatch(/^Tout Marocain a droit/);
  });

  it('takes no day a wrapped line ends with for a sommaire page (real copy 019 as its text-layer PDF reads)', () => {
    // `… le dahir n° 1-94-124 du 14` / `ramadan 1414 …` and `… décision n° 815-2011 du 12` /
    // `chaabane 1432 …` looked like two entries ending with pages: the dahir and the
    // Constitution were taken for a sommaire's and lost.
    const page = [
      'BULLETIN O1 964 bis ~ 28 chaabane I TEXTES GENERAUX Dahir n° 1-11-91 du 27 chaabane 1432 (29',
      'juillet 2011) portant promulgation du texte de la Constitution LOUANGE A DIEU SEUL ! (Grand Sceau',
      'de Sa Majesté Mohammed V1) Que lon sache par les présentes — Puisse Dieu en clever et en fortifier la',
      'teneur ! Que Notre Majesté Chérifienne ; Vu la Constitution, notamment ses articles 29 et 105; Vu le',
      'dahir n° 1-11-82 du 14 rejeb 1432 (17 juin 2011) soumettant référendum le projet de la Constitution ; Vu',
      'la loi organique n° 29-93 relative au Conseil constitutionnel, promulguée par le dahir n° 1-94-124 du 14',
      'ramadan 1414 (25 février 1994), telle qu’elle a été modifiée et complétée, notamment ses articles 36 et',
      '37 ; Vu les résultats du référendum sur le projet de la Constitution qui 2 eu lieu le vendredi 28 rejeb',
      '1432 (Ier juillet 2011), proclamés par le Conseil constitutionnel par décision n° 815-2011 du 12',
      'chaabane 1432 (14 juillet 2011), A DECIDE CE QUI SUIT : Est promulgué et sera publié au Bulletin',
      'officiel, & la suite du présent dahir, le texte de la Constitution, tel qu’adopté par voie de référendum le',
      'vendredi 28 rejeb 1432 (1¢ juillet 2011). Fait 4 Tétouan, le 27 chaabane 1432 (29 juillet 2011).',
      'N° 5964 is 28 chaabane 1432 (30-7-2011) PREAMBULE Fidéle & son choix iméversible de construire un Etat',
    ].join('\n');
    const parsed = parseBulletin(pagesFromText([page]), recordFor('copy-019.pdf'));
    expect(parsed.texts.map((t) => t.id)).toEqual(['dahir-1-11-91', 'constitution-2011']);
    expect(parsed.warnings.join('\n')).not.toMatch(/the sommaire lists it/);
  });
});
