/**
 * The mixed query set of the search benchmark: what jurists type, in the proportions a
 * public search box sees them — words rare and common, quoted phrases, filters, exact
 * references in both languages, "in force on" dates and number look-ups.
 */
import { Prng } from '../fixtures/prng.js';
import type { SearchRequest } from '../store/search-store.js';
import type { ArchiveText } from './search-archive.js';

/** A benchmark query and the kind it stands for (latencies are also reported per kind). */
export interface BenchQuery {
  kind: string;
  request: SearchRequest;
}

const RARE_WORDS = [
  'coopératives',
  'architecte',
  'crédit',
  'التعاونيات',
  'الائتمان',
  'المعمارية',
  'récidive',
  'الغرامة',
];
const COMMON_WORDS = ['autorisation', 'demande', 'dispositions', 'délai', 'الطلب', 'القانون', 'أحكام'];
const WORD_PAIRS = [
  'registre national',
  'amende dirhams',
  'agents habilités',
  'juridictions administratives',
  'السجل الوطني',
  'المحاكم الإدارية',
  'commission président',
];
const PHRASES = [
  '"lettre recommandée"',
  '"accusé de réception"',
  '« voie réglementaire »',
  '"حيز التنفيذ"',
  '"رسالة مضمونة"',
  '"Bulletin officiel"',
];
const FILTER_WORDS = ['demande', 'commission', 'amende', 'الترخيص', 'registre', 'délai'];
const FILTER_TYPES = ['loi', 'decret', 'arrete', 'dahir'] as const;
/** How references name each type in either edition. */
const FRENCH_TYPE_WORDS: Record<string, string> = {
  loi: 'loi',
  decret: 'décret',
  arrete: 'arrêté',
  dahir: 'dahir',
};
const ARABIC_TYPE_WORDS: Record<string, string> = {
  loi: 'القانون',
  decret: 'المرسوم',
  arrete: 'القرار',
  dahir: 'الظهير',
};

/** `count` queries drawn from the archive's own vocabulary and texts; the same for one seed. */
export function mixedQueries(texts: readonly ArchiveText[], count: number, seed = 7): BenchQuery[] {
  const prng = new Prng(seed);
  const text = () => prng.pick(texts);
  const referable = texts.filter((t) => t.type in FRENCH_TYPE_WORDS);
  const year = () => prng.int(1958, 2024);
  const day = (y: number) => `${y}-${String(prng.int(1, 12)).padStart(2, '0')}-15`;
  const makers: (() => BenchQuery)[] = [
    () => ({ kind: 'word', request: { query: prng.pick(RARE_WORDS) } }),
    () => ({ kind: 'common word', request: { query: prng.pick(COMMON_WORDS) } }),
    () => ({ kind: 'words', request: { query: prng.pick(WORD_PAIRS) } }),
    () => ({ kind: 'phrase', request: { query: prng.pick(PHRASES) } }),
    () => ({
      kind: 'word + type + dates',
      request: {
        query: prng.pick(FILTER_WORDS),
        type: prng.pick(FILTER_TYPES),
        ...(() => {
          const from = year();
          return { from: `${from}-01-01`, to: `${Math.min(2024, from + prng.int(0, 15))}-12-31` };
        })(),
      },
    }),
    () => ({
      kind: 'word + language',
      request: { query: prng.pick(FILTER_WORDS), language: prng.chance(0.5) ? 'fr' : 'ar' },
    }),
    () => {
      const t = prng.pick(referable);
      const n = prng.int(1, t.articles);
      const query = prng.chance(0.5)
        ? `art. ${n} ${FRENCH_TYPE_WORDS[t.type]} ${t.number}`
        : `المادة ${n} من ${ARABIC_TYPE_WORDS[t.type]} رقم ${t.number.replaceAll('-', '.')}`;
      return { kind: 'exact reference', request: { query } };
    },
    () => ({
      kind: 'word in force on',
      request: { query: prng.pick(FILTER_WORDS), inForce: day(year()) },
    }),
    () => ({ kind: 'number', request: { query: '', number: text().number } }),
    // A wording only amendments gave (see AMENDED_DELAYS), as in force on a day.
    () => ({
      kind: 'amended wording in force on',
      request: { query: '"délai de quatre mois"', inForce: day(year()) },
    }),
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}
