/**
 * Amending texts the store contract suite saves beside contract-data.ts: a loi that
 * rewrites, completes, partially substitutes and abrogates articles of loi 09-08 (wording
 * in the style of the Bulletin officiel), and a decree that abrogates décret 2-09-165.
 */
import type { ParsedBulletin } from '../../pipeline/model.js';
import { makeBulletin, type TextSpec } from './contract-data.js';

/** New wording of loi 09-08 article 5 given by loi 29-14. */
export const ARTICLE_5_NEW_WORDING =
  "Le traitement des données à caractère personnel ne peut être effectué que si la personne concernée a donné son consentement exprès, écrit ou électronique, à l'opération envisagée.";
/** Article 12 bis inserted into loi 09-08. */
export const ARTICLE_12_BIS_WORDING =
  'La Commission nationale publie chaque année un rapport sur les autorisations accordées.';

export const LOI_29_14: TextSpec = {
  type: 'loi',
  number: '29-14',
  title:
    "Loi n° 29-14 modifiant et complétant la loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel",
  signedOn: '2015-02-20',
  page: 1210,
  articles: [
    [
      '1',
      'Article premier',
      `Les dispositions de l'article 5 de la loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel sont modifiées ainsi qu'il suit : « Article 5. – ${ARTICLE_5_NEW_WORDING} »`,
    ],
    [
      '2',
      'Article 2',
      `La loi n° 09-08 précitée est complétée par un article 12 bis ainsi rédigé : « Article 12 bis. – ${ARTICLE_12_BIS_WORDING} »`,
    ],
    [
      '3',
      'Article 3',
      "A l'article 2 de la loi précitée n° 09-08, les mots « automatisé en tout ou en partie » sont remplacés par les mots « automatisé ou non ».",
    ],
    ['4', 'Article 4', "L'article 12 de la loi n° 09-08 précitée est abrogé."],
  ],
};

export const DECRET_2_20_400: TextSpec = {
  type: 'decret',
  number: '2-20-400',
  title: 'Décret n° 2-20-400 du 1er juin 2020 abrogeant le décret n° 2-09-165 du 21 mai 2009',
  signedOn: '2020-06-01',
  page: 3001,
  articles: [
    [
      '1',
      'Article premier',
      'Sont abrogées les dispositions du décret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009).',
    ],
  ],
};

/** The amending bulletins: loi 29-14 (2015) and décret 2-20-400 (2020). */
export function amendingBulletins(): ParsedBulletin[] {
  return [
    makeBulletin('fr', '6340', '2015-03-12', '1'.repeat(64), [LOI_29_14]),
    makeBulletin('fr', '6890', '2020-06-15', '2'.repeat(64), [DECRET_2_20_400]),
  ];
}
