/**
 * Bulletins the store contract suite saves: realistic French and Arabic legal wording.
 * Loi 17-95 articles 1–5 are copied from the text of the law in
 * Ansvar-Systems/Moroccan-law-mcp @ d549436d (`data/source/text/`, Apache-2.0; the law
 * itself is an official publication); the rest follows the wording of loi 09-08, its
 * décret d'application and the dahir on associations.
 */
import { bulletinId, textId } from '../../pipeline/ids.js';
import type {
  Article,
  Language,
  LegalText,
  PageArtefact,
  ParsedBulletin,
  TextType,
} from '../../pipeline/model.js';

export interface TextSpec {
  type: TextType;
  number: string | null;
  title: string;
  signedOn: string | null;
  hijriDate?: string;
  page: number;
  /** [printed heading, body] in order; the canonical number is derived from the heading. */
  articles: [string, string, string][];
}

function legalText(bulletinId: string, language: Language, spec: TextSpec): LegalText {
  const articles: Article[] = spec.articles.map(([number, heading, body], i) => ({
    number,
    heading,
    body,
    page: spec.page + Math.floor(i / 3),
    pageIndex: 1 + Math.floor(i / 3),
    bbox: { x: 0.08, y: 0.1 + (i % 3) * 0.25, w: 0.4, h: 0.02 },
  }));
  return {
    id: textId(spec.type, spec.number, { signedOn: spec.signedOn, title: spec.title }),
    type: spec.type,
    number: spec.number,
    title: spec.title,
    signedOn: spec.signedOn,
    hijriDate: spec.hijriDate ?? null,
    language,
    bulletinId,
    page: spec.page,
    articles,
    confidence: 1,
  };
}

/** A parsed issue of the given edition, number and date holding `texts`. */
export function makeBulletin(
  edition: Language,
  number: string,
  date: string,
  sourceSha256: string,
  texts: TextSpec[],
): ParsedBulletin {
  const [digits, suffix] = number.split('-') as [string, string | undefined];
  const id = bulletinId({ edition, number: digits, ...(suffix ? { suffix } : {}) });
  const firstPage = Math.min(...texts.map((t) => t.page));
  return {
    bulletin: {
      id,
      edition,
      number: digits,
      ...(suffix ? { suffix } : {}),
      date,
      hijriDate: null,
      firstPage,
      lastPage: firstPage + 3,
      pageCount: 4,
      sourceSha256,
    },
    texts: texts.map((t) => legalText(id, edition, t)),
    warnings: [],
  };
}

/** Page artefacts whose lines are the articles of the bulletin, three per page. */
export function makePages(parsed: ParsedBulletin): PageArtefact[] {
  const articles = parsed.texts.flatMap((t) => t.articles);
  const language = parsed.bulletin.edition === 'ar' ? 'ara' : 'fra';
  return Array.from({ length: Math.max(1, Math.ceil(articles.length / 3)) }, (_, i) => ({
    index: i + 1,
    printedPage: (parsed.bulletin.firstPage ?? 1) + i,
    source: 'text-layer' as const,
    confidence: 1,
    width: 595,
    height: 842,
    language,
    header: [
      {
        text: `BULLETIN OFFICIEL N° ${parsed.bulletin.number}`,
        bbox: { x: 0.1, y: 0.02, w: 0.8, h: 0.02 },
        confidence: 1,
      },
    ],
    lines: articles.slice(i * 3, i * 3 + 3).flatMap((a) => [
      { text: a.heading, bbox: { x: 0.08, y: 0.1, w: 0.4, h: 0.02 }, confidence: 1 },
      { text: a.body, bbox: { x: 0.08, y: 0.13, w: 0.4, h: 0.2 }, confidence: 1 },
    ]),
  }));
}

export const LOI_09_08_FR: TextSpec = {
  type: 'loi',
  number: '09-08',
  title:
    "Loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel",
  signedOn: '2009-02-18',
  hijriDate: '22 safar 1430',
  page: 552,
  articles: [
    [
      '1',
      'Article premier',
      "Aux fins de la présente loi, on entend par « données à caractère personnel » : toute information, de quelque nature qu'elle soit et indépendamment de son support, y compris le son et l'image, concernant une personne physique identifiée ou identifiable.",
    ],
    [
      '2',
      'Article 2',
      "La présente loi s'applique au traitement des données à caractère personnel, automatisé en tout ou en partie, ainsi qu'au traitement non automatisé de données à caractère personnel contenues ou appelées à figurer dans des fichiers manuels.",
    ],
    [
      '5',
      'Article 5',
      "Le traitement des données à caractère personnel ne peut être effectué que si la personne concernée a indubitablement donné son consentement à l'opération ou à l'ensemble des opérations envisagées.",
    ],
    [
      '12',
      'Article 12',
      "Sauf si des dispositions législatives particulières le prévoient, le traitement des données à caractère personnel est soumis à une autorisation préalable de la Commission nationale lorsqu'il porte sur des données génétiques.",
    ],
  ],
};

export const LOI_09_08_AR: TextSpec = {
  type: 'loi',
  number: '09.08',
  title: 'القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي',
  signedOn: '2009-02-18',
  hijriDate: '22 صفر 1430',
  page: 552,
  articles: [
    [
      '1',
      'المادة الأولى',
      'يراد في مدلول هذا القانون بما يلي: المعطيات ذات الطابع الشخصي: كل معلومة كيفما كان نوعها ومهما كانت دعامتها، بما في ذلك الصوت والصورة، والمتعلقة بشخص ذاتي معرف أو قابل للتعرف عليه.',
    ],
    [
      '2',
      'المادة 2',
      'تُطَبَّقُ أَحْكَامُ هَذَا الْقَانُونِ عَلَى الْمُعَالَجَةِ الْآلِيَّةِ الْكُلِّيَّةِ أَوِ الْجُزْئِيَّةِ لِلْمُعْطَيَاتِ ذَاتِ الطَّابَعِ الشَّخْصِيِّ، وَكَذَا عَلَى الْمُعَالَجَةِ غَيْرِ الْآلِيَّةِ.',
    ],
    [
      '5',
      'المادة 5',
      'لا يمكن القيام بمعالجة المعطيات ذات الطابع الشخصي إلا إذا كان الشخص المعني قد عبر بما لا يترك مجالا للشك عن رضاه عن العملية أو مجموع العمليات المزمع انجازها.',
    ],
  ],
};

export const DECRET_2_09_165: TextSpec = {
  type: 'decret',
  number: '2-09-165',
  title: "Décret n° 2-09-165 du 25 joumada I 1430 (21 mai 2009) pris pour l'application de la loi n° 09-08",
  signedOn: '2009-05-21',
  hijriDate: '25 joumada I 1430',
  page: 1041,
  articles: [
    [
      '1',
      'Article premier',
      'La Commission nationale de contrôle de la protection des données à caractère personnel, instituée par la loi susvisée, est placée auprès du Chef du gouvernement.',
    ],
    [
      '12',
      'Article 12',
      "Les demandes d'autorisation et les déclarations préalables sont déposées auprès du siège de la Commission nationale conformément à la réglementation en vigueur.",
    ],
  ],
};

export const DAHIR_ASSOCIATIONS: TextSpec = {
  type: 'dahir',
  number: '1-58-376',
  title: "Dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d'association",
  signedOn: '1958-11-15',
  hijriDate: '3 joumada I 1378',
  page: 2849,
  articles: [
    [
      '1',
      'Article premier',
      "L'association est la convention par laquelle deux ou plusieurs personnes mettent en commun d'une façon permanente leurs connaissances ou leur activité dans un but autre que de partager des bénéfices.",
    ],
    [
      '2',
      'Article 2',
      'Les associations de personnes pourront se former librement sans autorisation ni déclaration préalable, sous réserve des dispositions de l’article 5.',
    ],
    [
      '5',
      'Article 5',
      "Toute association qui voudra se prévaloir de la capacité juridique prévue à l'article 6 doit faire l'objet d'une déclaration préalable au siège de l'autorité administrative locale.",
    ],
  ],
};

export const LOI_17_95: TextSpec = {
  type: 'loi',
  number: '17-95',
  title: 'Loi n° 17-95 relative aux sociétés anonymes',
  signedOn: '1996-08-30',
  page: 661,
  articles: [
    [
      '1',
      'Article Premier',
      "La société anonyme est une société commerciale à raison de sa forme et quel que soit son objet. Son capital est divisé en actions négociables représentatives d'apports en numéraire ou en nature à l'exclusion de tout apport en industrie. Elle doit comporter un nombre suffisant d'actionnaires lui permettant d'accomplir son objet et d'assurer sa gestion et son contrôle, sans que ce nombre soit inférieur à cinq. Les actionnaires ne supportent les pertes qu'à concurrence de leurs apports et leurs engagements ne peuvent être augmentés si ce n'est de leur propre consentement.",
    ],
    [
      '2',
      'Article 2',
      "La forme, la durée, qui ne peut excéder 99 ans, la dénomination, le siège, l'objet et le montant du capital sont déterminés par les statuts de la société.",
    ],
    [
      '3',
      'Article 3',
      "La durée de la société court à dater de l'immatriculation de celle-ci au registre du commerce. Elle peut être prorogée une ou plusieurs fois sans que chaque prorogation puisse excéder 99 ans.",
    ],
    [
      '4',
      'Article 4',
      "Les actes et documents émanant de la société et destinés aux tiers, notamment, les lettres, factures, annonces et publications diverses doivent indiquer la dénomination sociale, précédée ou suivie immédiatement et lisiblement de la mention « société anonyme » ou des initiales « SA », de l'énonciation du montant du capital social et du siège social, ainsi que le numéro d'immatriculation au registre du commerce.",
    ],
    [
      '5',
      'Article 5',
      'Les sociétés anonymes dont le siège social est situé au Maroc sont soumises à la législation marocaine. Les tiers peuvent se prévaloir du siège statutaire, mais celui-ci ne leur est pas opposable par la société si son siège réel est situé en un autre lieu.',
    ],
  ],
};

/** The issues of the suite: loi 09-08 in both editions, its decree, the 1958 dahir, loi 17-95. */
export function contractBulletins(): ParsedBulletin[] {
  return [
    makeBulletin('fr', '2404-bis', '1958-11-27', 'a'.repeat(64), [DAHIR_ASSOCIATIONS]),
    makeBulletin('fr', '4422', '1996-10-17', 'b'.repeat(64), [LOI_17_95]),
    makeBulletin('ar', '5710', '2009-02-23', 'c'.repeat(64), [LOI_09_08_AR]),
    makeBulletin('fr', '5714', '2009-03-05', 'd'.repeat(64), [LOI_09_08_FR]),
    makeBulletin('fr', '5744', '2009-06-18', 'e'.repeat(64), [DECRET_2_09_165]),
  ];
}
