/**
 * Test data: a French issue written the way the Bulletin officiel prints it (masthead,
 * sommaire, a dahir promulgating a loi, a décret with recitals, an arrêté, a rectificatif),
 * one string per page, lines in reading order. Used by tests only.
 */

/** Page 1: masthead and sommaire. The sommaire gives the arrêté a wrong page on purpose (562). */
const PAGE_1 = `ROYAUME DU MAROC
BULLETIN OFFICIEL
EDITION DE TRADUCTION OFFICIELLE
Quatre-vingt-dix-huitième année – N° 5714 7 rabii I 1430 (5 mars 2009)
ISSN 0851 - 1217
SOMMAIRE
TEXTES GENERAUX
Pages
Protection des personnes physiques.
Dahir n° 1-09-15 du 22 safar 1430 (18 février 2009) portant promulgation de la
loi n° 09-08 relative à la protection des personnes physiques à l'égard du
traitement des données à caractère personnel. ....................................... 552
Commission nationale de contrôle.
Décret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009) pris pour l'application de
la loi n° 09-08 relative à la protection des personnes physiques. .............. 554
TEXTES PARTICULIERS
Semences.
Arrêté du ministre de l'agriculture et de la pêche maritime n° 3579-08 du 3 safar
1430 (30 janvier 2009) portant homologation d'un règlement technique. .......... 562
Rectificatif au « Bulletin officiel » n° 5700 du 17 moharrem 1430 (14 janvier 2009). 555`;

const PAGE_2 = `552 BULLETIN OFFICIEL N° 5714 – 7 rabii I 1430 (5-3-2009)
TEXTES GENERAUX
Dahir n° 1-09-15 du 22 safar 1430 (18 février 2009) portant
promulgation de la loi n° 09-08 relative à la protection des personnes
physiques à l'égard du traitement des données à caractère personnel.
LOUANGE A DIEU SEUL !
(Grand Sceau de Sa Majesté Mohammed VI)
Que l'on sache par les présentes – puisse Dieu en élever et en
fortifier la teneur !
Que Notre Majesté Chérifienne,
Vu la Constitution, notamment ses articles 26 et 58,
A DÉCIDÉ CE QUI SUIT :
Est promulguée et sera publiée au Bulletin officiel, à la suite du
présent dahir, la loi n° 09-08 relative à la protection des personnes
physiques à l'égard du traitement des données à caractère personnel,
telle qu'adoptée par la Chambre des représentants et la Chambre des
conseillers.
Fait à Fès, le 22 safar 1430 (18 février 2009).
Pour contreseing :
Le Premier ministre,
ABBAS EL FASSI.
*
* *
Loi n° 09-08
relative à la protection des personnes physiques à l'égard du
traitement des données à caractère personnel
TITRE PREMIER
DISPOSITIONS GÉNÉRALES
Chapitre premier
Définitions et champ d'application
ARTICLE PREMIER. – Au sens de la présente loi, on entend par
« données à caractère personnel » toute information, de quelque
nature qu'elle soit, concernant une personne physique identifiée.
Article 2
La présente loi s'applique au traitement des données à caractère
personnel, sous réserve des dispositions prévues à l'article 9 de la
loi n° 43-20 précitée. Elle ne s'applique pas au traitement prévu à
Article 9 de la loi n° 17-95 relative aux sociétés anonymes.`;

const PAGE_3 = `BULLETIN OFFICIEL N° 5714 – 7 rabii I 1430 (5-3-2009) 553
Article 3
Le responsable du traitement veille à la réglemen-
tation applicable aux données qu'il collecte.
ART. 4. – Le traitement ne peut être effectué qu'avec le consen-
tement de la personne concernée.
Article 4 bis. – Les données sensibles ne peuvent être traitées.
Chapitre II
Des droits de la personne concernée
Section première. – Du droit à l'information
Article5 – Toute personne sollicitée est informée de la finalité
du traitement.
Article 6 : La personne concernée dispose d'un droit d'accès.
Le texte en langue arabe a été publié dans l'édition générale du
« Bulletin officiel » n° 5711 du 27 safar 1430 (23 février 2009).`;

const PAGE_4 = `554 BULLETIN OFFICIEL N° 5714 – 7 rabii I 1430 (5-3-2009)
Décret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009) pris
pour l'application de la loi n° 09-08 relative à la protection
des personnes physiques.
LE PREMIER MINISTRE,
Vu la loi n° 09-08 relative à la protection des personnes physiques
à l'égard du traitement des données à caractère personnel,
promulguée par le dahir n° 1-09-15 du 22 safar 1430 (18 février
2009), notamment son article 27 ;
Après délibération en conseil des ministres réuni le 14 mai 2009,
DÉCRÈTE :
Article premier : La commission nationale de contrôle de la protection
des données à caractère personnel siège à Rabat.
Article 2 : Le président de la commission est nommé par dahir.
Article 3 : Le ministre de la justice est chargé de l'exécution du
présent décret qui sera publié au Bulletin officiel.
Fait à Rabat, le 25 joumada I 1430 (21 mai 2009).
ABBAS EL FASSI.
Pour contreseing :
Le ministre de la justice,
ABDELWAHAD RADI.`;

const PAGE_5 = `BULLETIN OFFICIEL N° 5714 – 7 rabii I 1430 (5-3-2009) 555
TEXTES PARTICULIERS
Arrêté du ministre de l'agriculture et de la pêche maritime
n° 3579-08 du 3 safar 1430 (30 janvier 2009) portant homologation
d'un règlement technique.
LE MINISTRE DE L'AGRICULTURE ET DE LA PÊCHE MARITIME,
Vu le dahir n° 1-69-169 du 10 joumada I 1389 (25 juillet 1969)
réglementant la production et la commercialisation de semences ;
ARRÊTE :
Article unique. – Est homologué, tel qu'il est annexé au présent
arrêté, le règlement technique relatif à la production de semences.
Rabat, le 3 safar 1430 (30 janvier 2009).
AZIZ AKHANNOUCH.
Rectificatif au « Bulletin officiel » n° 5700 du 17 moharrem 1430
(14 janvier 2009).
Page 45, au lieu de : « 2 000 dirhams », lire : « 20 000 dirhams ».`;

/** The issue's pages, one string each. */
export const ISSUE_PAGES: readonly string[] = [PAGE_1, PAGE_2, PAGE_3, PAGE_4, PAGE_5];

/** What a perfect parse of {@link ISSUE_PAGES} yields: text ids and their article numbers. */
export const ISSUE_EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'dahir-1-09-15': [],
  'loi-09-08': ['1', '2', '3', '4', '4-bis', '5', '6'],
  'decret-2-09-165': ['1', '2', '3'],
  'arrete-3579-08': ['unique'],
};

/**
 * OCR errors seen in real scans (BO-FORMAT.md), applied to the issue: `Daftir nO`, `(II …)`,
 * `rabii /I`, `joumada IT`, `ARTlCLE PREMlER`, `Article 1O`-like digits. Each pair is
 * (clean text, as OCR read it); every one must occur in the issue.
 */
export const OCR_ERRORS: readonly (readonly [string, string])[] = [
  [
    'Dahir n° 1-09-15 du 22 safar 1430 (18 février 2009) portant\n',
    'Daftir nO 1-09-15 du 22 safar 1430 (l8 fevrier 2009) portant\n',
  ],
  ['ARTICLE PREMIER. –', 'ARTlCLE PREMlER. –'],
  ['Article 2\n', 'Artic1e 2\n'],
  ['ART. 4. –', 'ART. 4. -'],
  ['Décret n° 2-09-165 du 25 joumada I 1430', 'Décret n" 2-O9-165 du 25 joumada /I 1430'],
  ['Article premier :', 'Article Premier :'],
  ['n° 3579-08 du 3 safar 1430', 'nO 3579-O8 du 3 safar l430'],
  ['7 rabii I 1430 (5 mars 2009)', '7 rabii l 1430 (5 rnars 2009)'],
  ['Article 3 : Le ministre', 'Artlcle 3 : Le ministre'],
  ['Chapitre II\n', 'Chapitre IT\n'],
];
