/**
 * The web pages' interface in French and Arabic. Content (titles, articles) keeps the
 * language it was published in; this is only the interface around it.
 */
import type { Language, TextType } from '../../pipeline/model.js';
import { formatLegalDate } from '../../store/article-standing.js';

/** Interface language: also the URL prefix, `/fr/…` or `/ar/…`. */
export type UiLanguage = Language;
export const UI_LANGUAGES: readonly UiLanguage[] = ['fr', 'ar'];

type HistoryKind = 'published' | 'amended' | 'completed' | 'replaced' | 'abrogated' | 'inserted';
type Relation = 'amends' | 'cites' | 'promulgates' | 'abrogates';

export interface Messages {
  siteName: string;
  tagline: string;
  skipToContent: string;
  otherUi: string;
  apiDocs: string;
  search: string;
  queryLabel: string;
  queryHint: string;
  type: string;
  anyType: string;
  number: string;
  article: string;
  publishedFrom: string;
  publishedTo: string;
  inForce: string;
  contentLanguage: string;
  anyLanguage: string;
  languageNames: Record<Language, string>;
  textTypes: Record<TextType, string>;
  /** Heading of the results; `atLeast` when the store counted only up to its result window. */
  results: (n: number, atLeast?: boolean) => string;
  noResults: string;
  previous: string;
  next: string;
  refine: string;
  publicationDecade: string;
  /** A decade facet: `1990` for 1990–1999. */
  decade: (decade: number) => string;
  /** A count that is a lower bound, already formatted. */
  atLeast: (count: string) => string;
  removeFilter: string;
  signedOn: string;
  hijriDate: string;
  publications: string;
  issue: (number: string) => string;
  page: (page: number) => string;
  asOf: string;
  show: string;
  showingAsOf: (date: string) => string;
  currentVersion: string;
  articles: string;
  articleDetails: string;
  history: string;
  kinds: Record<HistoryKind, string>;
  by: string;
  backlinks: string;
  none: string;
  relations: Record<Relation, string>;
  versions: string;
  validBetween: (from: string, to: string) => string;
  validSince: (from: string) => string;
  original: string;
  introducedBy: string;
  viewVersion: string;
  compare: string;
  before: string;
  after: string;
  compareButton: string;
  diffLegend: string;
  printedPage: string;
  openImage: string;
  pageImageAlt: (page: number, issue: string) => string;
  notFound: string;
  badRequest: string;
  /** What to check when the API refused a parameter of the page's address. */
  badRequestHint: string;
  abrogated: string;
  /** "Texte en vigueur au [date] (aujourd’hui)": the day read when none was chosen. */
  showingToday: (date: string) => string;
  /** Above a text read on a day before its first publication. */
  notYetPublished: (date: string) => string;
  /** Under an article: what changed it, by kind ("modifié par", "abrogé par"). */
  noteKinds: Record<'inserted' | 'amended' | 'abrogated', string>;
  /** Heading of the wording shown once abrogated. */
  lastWording: string;
  /** Heading of the wording shown before it takes effect. */
  comingWording: string;
  /** Legend of a diff given as two wordings, most words having changed. */
  sideBySideLegend: string;
  notInLanguage: (shown: string) => string;
  bulletin: string;
  textsInBulletin: string;
  pages: string;
  promulgates: string;
  backToText: string;
  export: string;
  /** Between the items of an inline list: the Latin comma, or the Arabic one `،`. */
  comma: string;
  /** The searchable PDF of an issue. */
  downloadPdf: string;
  /** Home page: what the archive holds. */
  collection: string;
  latestIssues: string;
  editionNames: Record<Language, string>;
  undated: string;
  issuesCount: (n: number) => string;
  textsCount: (n: number) => string;
  missingNumbers: (ranges: string) => string;
  emptyArchive: string;
}

const fr: Messages = {
  siteName: 'jarida',
  tagline: 'Le Bulletin officiel du Royaume du Maroc, texte par texte, article par article',
  skipToContent: 'Aller au contenu',
  otherUi: 'العربية',
  apiDocs: 'API',
  search: 'Rechercher',
  queryLabel: 'Mots, « expression » ou référence',
  queryHint: 'Par exemple : protection des données, « délai de recours », art. 5 loi 09-08',
  type: 'Type de texte',
  anyType: 'Tous les types',
  number: 'Numéro du texte',
  article: 'Article',
  publishedFrom: 'Publié à partir du',
  publishedTo: 'Publié jusqu’au',
  inForce: 'En vigueur le',
  contentLanguage: 'Langue',
  anyLanguage: 'Toutes les langues',
  languageNames: { fr: 'Français', ar: 'Arabe' },
  textTypes: {
    dahir: 'Dahir',
    'dahir-portant-loi': 'Dahir portant loi',
    loi: 'Loi',
    'loi-organique': 'Loi organique',
    'loi-cadre': 'Loi-cadre',
    decret: 'Décret',
    'decret-loi': 'Décret-loi',
    arrete: 'Arrêté',
    'arrete-conjoint': 'Arrêté conjoint',
    decision: 'Décision',
    circulaire: 'Circulaire',
    avis: 'Avis',
    rectificatif: 'Rectificatif',
    constitution: 'Constitution',
    convention: 'Convention',
    accord: 'Accord',
    protocole: 'Protocole',
  },
  results: (n, atLeast) =>
    atLeast
      ? `≥ ${formatCount(n, 'fr')} résultats`
      : n === 1
        ? '1 résultat'
        : `${formatCount(n, 'fr')} résultats`,
  noResults: 'Aucun résultat.',
  previous: 'Page précédente',
  next: 'Page suivante',
  refine: 'Affiner',
  publicationDecade: 'Décennie de publication',
  decade: (d) => `${d}–${d + 9}`,
  atLeast: (n) => `≥ ${n}`,
  removeFilter: 'retirer ce filtre',
  signedOn: 'Signé le',
  hijriDate: 'Date hégirienne',
  publications: 'Publications',
  issue: (n) => `BO n° ${n}`,
  page: (p) => `p. ${p}`,
  asOf: 'Texte en vigueur le',
  show: 'Afficher',
  showingAsOf: (d) => `Texte tel qu’en vigueur le ${d}.`,
  currentVersion: 'Version en vigueur',
  articles: 'Articles',
  articleDetails: 'Historique, comparaison et page imprimée',
  history: 'Historique',
  kinds: {
    published: 'Publication',
    amended: 'Modification',
    completed: 'Complément',
    replaced: 'Remplacement',
    abrogated: 'Abrogation',
    inserted: 'Insertion',
  },
  by: 'par',
  backlinks: 'Textes qui citent ou modifient ce texte',
  none: 'Aucun.',
  relations: { amends: 'modifie', cites: 'cite', promulgates: 'promulgue', abrogates: 'abroge' },
  versions: 'Versions de l’article',
  validBetween: (a, b) => `du ${a} au ${b}`,
  validSince: (a) => `depuis le ${a}`,
  original: 'rédaction d’origine',
  introducedBy: 'rédaction issue de',
  viewVersion: 'Lire cette version',
  compare: 'Comparer deux versions',
  before: 'Version en vigueur le',
  after: 'comparée à celle du',
  compareButton: 'Comparer',
  diffLegend: 'Texte supprimé barré, texte ajouté souligné.',
  printedPage: 'Page imprimée',
  openImage: 'Ouvrir l’image de la page',
  pageImageAlt: (p, n) => `Page ${p} du BO n° ${n}, l’article surligné`,
  notFound: 'Introuvable',
  badRequest: 'Requête invalide',
  badRequestHint:
    'Un paramètre de l’adresse est invalide. Une date doit être un jour qui existe (il n’y a pas de 30 février) : choisissez-la dans le calendrier.',
  abrogated: 'Article abrogé à cette date.',
  showingToday: (d) => `Texte en vigueur au ${d} (aujourd’hui).`,
  notYetPublished: (d) =>
    `Ce texte n’était pas encore publié le ${d} : ses articles n’étaient pas en vigueur.`,
  noteKinds: { inserted: 'inséré par', amended: 'modifié par', abrogated: 'abrogé par' },
  lastWording: 'Dernière rédaction avant l’abrogation',
  comingWording: 'Rédaction à venir',
  sideBySideLegend: 'L’article a été réécrit pour l’essentiel : ses deux rédactions côte à côte.',
  notInLanguage: (shown) => `Pas de version dans cette langue : texte affiché en ${shown}.`,
  bulletin: 'Bulletin officiel',
  textsInBulletin: 'Textes publiés dans ce numéro',
  pages: 'Pages',
  promulgates: 'Promulgue',
  backToText: 'Retour au texte',
  export: 'Export',
  comma: ', ',
  downloadPdf: 'Télécharger le PDF (avec texte recherchable)',
  collection: 'Les numéros de l’archive',
  latestIssues: 'Derniers numéros',
  editionNames: { fr: 'Édition de traduction officielle', ar: 'Édition générale (arabe)' },
  undated: 'Sans date',
  issuesCount: (n) => (n === 1 ? '1 numéro' : `${n} numéros`),
  textsCount: (n) => (n === 1 ? '1 texte' : `${n} textes`),
  missingNumbers: (ranges) => `Numéros manquants : ${ranges}`,
  emptyArchive: 'L’archive ne contient encore aucun numéro.',
};

const ar: Messages = {
  siteName: 'جريدة',
  tagline: 'الجريدة الرسمية للمملكة المغربية، نصا نصا ومادة مادة',
  skipToContent: 'الانتقال إلى المحتوى',
  otherUi: 'Français',
  apiDocs: 'واجهة البرمجة',
  search: 'بحث',
  queryLabel: 'كلمات أو «عبارة» أو مرجع',
  queryHint: 'مثال: حماية المعطيات، «أجل الطعن»، المادة 5 من القانون 09.08',
  type: 'نوع النص',
  anyType: 'جميع الأنواع',
  number: 'رقم النص',
  article: 'المادة',
  publishedFrom: 'منشور ابتداء من',
  publishedTo: 'منشور إلى غاية',
  inForce: 'ساري المفعول في',
  contentLanguage: 'اللغة',
  anyLanguage: 'جميع اللغات',
  languageNames: { fr: 'الفرنسية', ar: 'العربية' },
  textTypes: {
    dahir: 'ظهير شريف',
    'dahir-portant-loi': 'ظهير شريف بمثابة قانون',
    loi: 'قانون',
    'loi-organique': 'قانون تنظيمي',
    'loi-cadre': 'قانون إطار',
    decret: 'مرسوم',
    'decret-loi': 'مرسوم بقانون',
    arrete: 'قرار',
    'arrete-conjoint': 'قرار مشترك',
    decision: 'مقرر',
    circulaire: 'منشور',
    avis: 'إعلان',
    rectificatif: 'استدراك',
    constitution: 'الدستور',
    convention: 'اتفاقية',
    accord: 'اتفاق',
    protocole: 'بروتوكول',
  },
  results: (n, atLeast) => `عدد النتائج: ${formatCount(n, 'ar')}${atLeast ? ' على الأقل' : ''}`,
  noResults: 'لا توجد نتائج.',
  previous: 'الصفحة السابقة',
  next: 'الصفحة التالية',
  refine: 'تدقيق البحث',
  publicationDecade: 'عقد النشر',
  // Words rather than `1990–1999` or `≥`: right to left, the bidi algorithm would show the
  // range reversed and mirror the sign.
  decade: (d) => `من ${d} إلى ${d + 9}`,
  atLeast: (n) => `${n} على الأقل`,
  removeFilter: 'إلغاء هذه التصفية',
  signedOn: 'تاريخ التوقيع',
  hijriDate: 'التاريخ الهجري',
  publications: 'النشر',
  issue: (n) => `الجريدة الرسمية عدد ${n}`,
  page: (p) => `ص ${p}`,
  asOf: 'النص الساري في',
  show: 'عرض',
  showingAsOf: (d) => `النص كما كان ساريا في ${d}.`,
  currentVersion: 'الصيغة السارية',
  articles: 'المواد',
  articleDetails: 'التاريخ والمقارنة والصفحة المطبوعة',
  history: 'التاريخ',
  kinds: {
    published: 'نشر',
    amended: 'تغيير',
    completed: 'تتميم',
    replaced: 'تعويض',
    abrogated: 'نسخ',
    inserted: 'إدراج',
  },
  by: 'بموجب',
  backlinks: 'النصوص التي تحيل على هذا النص أو تغيره',
  none: 'لا شيء.',
  relations: { amends: 'يغير', cites: 'يحيل على', promulgates: 'يصدر بتنفيذ', abrogates: 'ينسخ' },
  versions: 'صيغ المادة',
  validBetween: (a, b) => `من ${a} إلى ${b}`,
  validSince: (a) => `منذ ${a}`,
  original: 'الصيغة الأصلية',
  introducedBy: 'صيغة صادرة عن',
  viewVersion: 'قراءة هذه الصيغة',
  compare: 'مقارنة صيغتين',
  before: 'الصيغة السارية في',
  after: 'مقارنة بصيغة',
  compareButton: 'قارن',
  diffLegend: 'النص المحذوف مشطوب، والنص المضاف مسطر.',
  printedPage: 'الصفحة المطبوعة',
  openImage: 'فتح صورة الصفحة',
  pageImageAlt: (p, n) => `الصفحة ${p} من الجريدة الرسمية عدد ${n}، مع تمييز المادة`,
  notFound: 'غير موجود',
  badRequest: 'طلب غير صالح',
  badRequestHint:
    'إحدى قيم العنوان غير صالحة. يجب أن يكون التاريخ يوما موجودا فعلا (لا يوجد 30 فبراير): اختره من التقويم.',
  abrogated: 'مادة منسوخة في هذا التاريخ.',
  showingToday: (d) => `النص ساري المفعول في ${d} (اليوم).`,
  notYetPublished: (d) => `لم يكن هذا النص قد نشر بعد في ${d}: لم تكن مواده سارية المفعول.`,
  noteKinds: { inserted: 'أضيفت بموجب', amended: 'غيرت بموجب', abrogated: 'نسخت بموجب' },
  lastWording: 'آخر صيغة قبل النسخ',
  comingWording: 'الصيغة المقبلة',
  sideBySideLegend: 'أعيدت صياغة المادة في معظمها: صيغتاها جنبا إلى جنب.',
  notInLanguage: (shown) => `لا توجد صيغة بهذه اللغة: النص معروض ب${shown}.`,
  bulletin: 'الجريدة الرسمية',
  textsInBulletin: 'النصوص المنشورة في هذا العدد',
  pages: 'الصفحات',
  promulgates: 'يصدر بتنفيذ',
  backToText: 'العودة إلى النص',
  export: 'تصدير',
  comma: '، ',
  downloadPdf: 'تحميل ملف PDF (بنص قابل للبحث)',
  collection: 'أعداد الأرشيف',
  latestIssues: 'آخر الأعداد',
  editionNames: { fr: 'نشرة الترجمة الرسمية', ar: 'النشرة العامة' },
  undated: 'بدون تاريخ',
  issuesCount: (n) => `${n} عدد`,
  textsCount: (n) => `${n} نص`,
  missingNumbers: (ranges) => `الأعداد الناقصة: ${ranges}`,
  emptyArchive: 'لا يضم الأرشيف أي عدد بعد.',
};

export const MESSAGES: Record<UiLanguage, Messages> = { fr, ar };

/** `2009-02-18` as the interface language writes it: `18 février 2009`, `18 فبراير 2009`. */
export function formatDate(iso: string | null, ui: UiLanguage): string {
  return iso ? formatLegalDate(iso, ui) : '—';
}

const NUMBER_FORMATS: Record<UiLanguage, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-MA'),
  ar: new Intl.NumberFormat('ar-MA'),
};

/** A count as the interface language writes it (Latin digits in both, as Moroccan usage has it). */
export function formatCount(n: number, ui: UiLanguage): string {
  return NUMBER_FORMATS[ui].format(n);
}

/** Writing direction of a language. */
export function direction(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}
