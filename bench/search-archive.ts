/**
 * A synthetic archive for the search benchmark: bulletins from 1958 to 2024, each text
 * published in the French and the Arabic edition (one expression each), articles worded
 * from the French fixture vocabulary and an Arabic bank written in the same register.
 * Deterministic for a seed, generated lazily so a million articles never sit in memory.
 */

import { Prng } from '../fixtures/prng.js';
import {
  ARTICLE_SENTENCES,
  DELAYS,
  LAW_SUBJECTS,
  PURPOSE_SENTENCES,
  REGULATION_SENTENCES,
} from '../fixtures/vocabulary-fr.js';
import { bulletinId, textId } from '../pipeline/ids.js';
import type {
  Article,
  Language,
  LegalText,
  PageArtefact,
  ParsedBulletin,
  TextType,
} from '../pipeline/model.js';

/** What an Arabic article may govern, with the words its sentences reuse. */
interface ArabicSubject {
  title: string;
  objet: string;
  acteurs: string;
  autorite: string;
}

const ARABIC_SUBJECTS: readonly ArabicSubject[] = [
  {
    title: 'المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي',
    objet: 'معالجة المعطيات ذات الطابع الشخصي',
    acteurs: 'المسؤولون عن المعالجة',
    autorite: 'اللجنة الوطنية لمراقبة حماية المعطيات',
  },
  {
    title: 'المتعلق بالتعاونيات',
    objet: 'تأسيس التعاونيات وتسييرها',
    acteurs: 'التعاونيات واتحاداتها',
    autorite: 'مكتب تنمية التعاون',
  },
  {
    title: 'المتعلق بمزاولة مهنة الهندسة المعمارية',
    objet: 'مزاولة مهنة الهندسة المعمارية',
    acteurs: 'المهندسون المعماريون المقيدون في جدول الهيئة',
    autorite: 'المجلس الوطني للهيئة',
  },
  {
    title: 'المتعلق بمؤسسات الائتمان والهيئات المعتبرة في حكمها',
    objet: 'نشاط مؤسسات الائتمان',
    acteurs: 'مؤسسات الائتمان',
    autorite: 'بنك المغرب',
  },
  {
    title: 'المتعلق بالشركات المساهمة',
    objet: 'تأسيس الشركات المساهمة وتسييرها',
    acteurs: 'الشركات المساهمة',
    autorite: 'السلطة الحكومية المكلفة بالتجارة',
  },
  {
    title: 'المتعلق بالتعمير',
    objet: 'تدبير المجال الحضري ورخص البناء',
    acteurs: 'الجماعات الترابية',
    autorite: 'الوكالة الحضرية',
  },
  {
    title: 'المتعلق بالماء',
    objet: 'استعمال الملك العمومي المائي',
    acteurs: 'مستعملو الملك العمومي المائي',
    autorite: 'وكالة الحوض المائي',
  },
  {
    title: 'المتعلق بمدونة السير على الطرق',
    objet: 'السير على الطرق العمومية',
    acteurs: 'مالكو المركبات وسائقوها',
    autorite: 'الوكالة الوطنية للسلامة الطرقية',
  },
];

const ARABIC_SENTENCES: readonly string[] = [
  'يهدف هذا القانون إلى تحديد النظام القانوني المطبق على {objet}.',
  'تحدد كيفيات تطبيق هذه المادة بنص تنظيمي.',
  'يجب على {acteurs} أن يصرحوا لدى {autorite} بكل تغيير يطرأ على العناصر المدلى بها داخل أجل {delai} من تاريخ حدوثه.',
  'يجب أن يكون كل قرار بالرفض معللا وأن يبلغ إلى المعني بالأمر برسالة مضمونة مع إشعار بالتوصل.',
  'تطبق أحكام المادة {n} أعلاه على الطلبات المودعة قبل تاريخ دخول هذا القانون حيز التنفيذ.',
  'يعاقب بغرامة من {montant1} إلى {montant2} درهم كل من خالف أحكام المادتين {n} و{m} من هذا القانون.',
  'في حالة العود، ترفع الغرامة إلى الضعف.',
  'تمسك {autorite} سجلا وطنيا يقيد فيه {acteurs} وفق الأشكال والشروط المحددة بنص تنظيمي.',
  'يمنح الترخيص لمدة خمس سنوات قابلة للتجديد وفق الشروط المنصوص عليها في المادة {n} من هذا القانون.',
  'يحق للأعوان المؤهلين لهذا الغرض الولوج إلى المحلات المهنية والاطلاع على كل وثيقة ضرورية لإنجاز مهمتهم.',
  'يوثق بمضمن المحاضر التي يحررها الأعوان المشار إليهم في المادة {m} إلى أن يثبت ما يخالفها.',
  'لا يمكن إصدار أي عقوبة دون أن يتمكن المعني بالأمر من تقديم ملاحظاته داخل أجل {delai}.',
  'تختص المحاكم الإدارية بالنظر في النزاعات الناشئة عن تطبيق هذه المادة.',
  'مع مراعاة أحكام المادة {n} أعلاه، تبت {autorite} في الطلب داخل أجل {delai} من تاريخ إيداعه.',
  'يدخل هذا القانون حيز التنفيذ ابتداء من تاريخ نشره بالجريدة الرسمية.',
];
const ARABIC_DELAYS = ['ثلاثين يوما', 'ستين يوما', 'ثلاثة أشهر', 'ستة أشهر', 'خمسة عشر يوما', 'سنة واحدة'];

/** Type of each text, in proportion to how often the Bulletin officiel prints it. */
const TYPE_MIX: readonly TextType[] = [
  ...Array<TextType>(7).fill('decret'),
  ...Array<TextType>(6).fill('arrete'),
  ...Array<TextType>(4).fill('loi'),
  ...Array<TextType>(2).fill('dahir'),
  'loi-organique',
  'decision',
];
const FRENCH_TYPE_WORD: Partial<Record<TextType, string>> = {
  decret: 'Décret',
  arrete: 'Arrêté',
  loi: 'Loi',
  dahir: 'Dahir',
  'loi-organique': 'Loi organique',
  decision: 'Décision',
};
const ARABIC_TYPE_WORD: Partial<Record<TextType, string>> = {
  decret: 'المرسوم',
  arrete: 'القرار',
  loi: 'القانون',
  dahir: 'الظهير الشريف',
  'loi-organique': 'القانون التنظيمي',
  decision: 'المقرر',
};

const FIRST_YEAR = 1958;
const LAST_YEAR = 2024;

/** A text of the archive the query set can name. */
export interface ArchiveText {
  id: string;
  type: TextType;
  /** As the French edition prints it (`09-08`); the Arabic edition uses dots. */
  number: string;
  articles: number;
  date: string;
}

export interface SyntheticArchiveOptions {
  /** Article versions to generate, over both editions: originals and amended wordings. */
  articles: number;
  seed?: number;
  /**
   * Share of those versions that are amended wordings (default 0): French amending lois,
   * printed beside the other texts, rewrite articles of earlier lois and décrets as the
   * Bulletin officiel words it (« Article 5. – … »), so the store's link stage makes them.
   */
  amended?: number;
}

/** Periods of amended wordings: the printed ones, and one only amendments give (`délai de quatre mois`). */
export const AMENDED_DELAYS: readonly string[] = [...DELAYS, 'quatre mois'];

/** Operations per amending loi: one article each. */
const OPERATIONS_PER_AMENDING_TEXT = 12;

/** One article of an amending loi rewriting article `article` of `target`. */
function amendingArticle(target: ArchiveText, article: number, wording: string): string {
  const cited = target.type === 'loi' ? `de la loi n° ${target.number}` : `du décret n° ${target.number}`;
  return `Les dispositions de l'article ${article} ${cited} sont modifiées ainsi qu'il suit : « Article ${article}. – ${wording} »`;
}

export interface SyntheticBulletin {
  parsed: ParsedBulletin;
  pages: PageArtefact[];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}

function isoDate(day: number): string {
  return new Date(Date.UTC(FIRST_YEAR, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Pages holding the articles as printed lines, a few articles per page. */
function pagesOf(texts: LegalText[], language: Language): PageArtefact[] {
  const pages = new Map<number, PageArtefact>();
  for (const a of texts.flatMap((t) => t.articles)) {
    let page = pages.get(a.pageIndex);
    if (!page) {
      page = {
        index: a.pageIndex,
        printedPage: a.page,
        source: 'text-layer',
        confidence: 1,
        width: 595,
        height: 842,
        language: language === 'ar' ? 'ara' : 'fra',
        header: [],
        lines: [],
      };
      pages.set(a.pageIndex, page);
    }
    const bbox = { x: 0.08, y: 0.1, w: 0.8, h: 0.05 };
    page.lines.push({ text: a.heading, bbox, confidence: 1 }, { text: a.body, bbox, confidence: 1 });
  }
  return [...pages.values()];
}

/**
 * Generates the archive issue by issue (French then Arabic edition of each), until
 * `articles` article versions are out; `texts` receives every text as it is made.
 */
export function* syntheticArchive(
  options: SyntheticArchiveOptions,
  texts: ArchiveText[] = [],
): Generator<SyntheticBulletin> {
  const prng = new Prng(options.seed ?? 2024);
  // About 2 × 6 texts × 9 articles per issue pair.
  const issues = Math.max(1, Math.ceil(options.articles / 108));
  const days = (LAST_YEAR - FIRST_YEAR + 1) * 365;
  const counters = new Map<string, number>();
  let produced = 0;
  let amended = 0;
  const share = options.amended ?? 0;
  /** Earlier lois and décrets an amending loi may rewrite. */
  const amendable: ArchiveText[] = [];
  let printedPage = 1;
  for (let issue = 0; produced < options.articles; issue++) {
    const day = Math.min(days - 1, Math.floor((issue * days) / issues));
    const date = isoDate(day);
    const year = date.slice(0, 4);
    const yy = year.slice(2);
    const fr: LegalText[] = [];
    const ar: LegalText[] = [];
    const frBulletin = bulletinId({ edition: 'fr', number: String(1000 + issue) });
    const arBulletin = bulletinId({ edition: 'ar', number: String(1000 + issue) });
    const textCount = prng.int(3, 9);
    for (let t = 0; t < textCount && produced < options.articles; t++) {
      const type = prng.pick(TYPE_MIX);
      const key = `${type}-${year}`;
      const serial = (counters.get(key) ?? 0) + 1;
      counters.set(key, serial);
      const number =
        type === 'decret' || type === 'dahir'
          ? `${type === 'dahir' ? 1 : 2}-${yy}-${serial}`
          : type === 'arrete'
            ? `${serial}-${yy}`
            : `${String(serial).padStart(2, '0')}-${yy}`;
      const id = textId(type, number);
      const subjectIndex = prng.int(0, Math.min(LAW_SUBJECTS.length, ARABIC_SUBJECTS.length) - 1);
      const frSubject = LAW_SUBJECTS[subjectIndex]!;
      const arSubject = ARABIC_SUBJECTS[subjectIndex]!;
      const articleCount = Math.min(prng.int(3, 15), Math.ceil((options.articles - produced) / 2));
      const frArticles: Article[] = [];
      const arArticles: Article[] = [];
      for (let n = 1; n <= articleCount; n++) {
        const values = {
          n: String(prng.int(1, articleCount)),
          m: String(prng.int(1, articleCount)),
          montant1: String(prng.int(1, 50) * 1000),
          montant2: String(prng.int(51, 500) * 1000),
          cite: `${prng.int(1, 99)}-${String(prng.int(0, 99)).padStart(2, '0')}`,
          self: type === 'decret' ? 'décret' : 'arrêté',
        };
        const sentences = prng.int(1, 3);
        const frBank = type === 'loi' || type === 'dahir' ? ARTICLE_SENTENCES : REGULATION_SENTENCES;
        const frBody = Array.from({ length: sentences }, (_, i) =>
          fill(n === 1 && i === 0 ? prng.pick(PURPOSE_SENTENCES) : prng.pick(frBank), {
            ...values,
            objet: frSubject.objet,
            acteurs: frSubject.acteurs,
            autorite: frSubject.autorite,
            delai: prng.pick(DELAYS),
          }),
        );
        const arBody = Array.from({ length: sentences }, () =>
          fill(prng.pick(ARABIC_SENTENCES), {
            ...values,
            objet: arSubject.objet,
            acteurs: arSubject.acteurs,
            autorite: arSubject.autorite,
            delai: prng.pick(ARABIC_DELAYS),
          }),
        );
        const pageIndex = 1 + Math.floor((t * 15 + n) / 4);
        const place = { page: printedPage + pageIndex, pageIndex };
        frArticles.push({
          number: String(n),
          heading: n === 1 ? 'Article premier' : `Article ${n}`,
          body: frBody.join(' '),
          ...place,
        });
        arArticles.push({
          number: String(n),
          heading: n === 1 ? 'المادة الأولى' : `المادة ${n}`,
          body: arBody.join(' '),
          ...place,
        });
      }
      produced += articleCount * 2;
      const common = { id, type, number, signedOn: date, hijriDate: null, page: printedPage, confidence: 1 };
      fr.push({
        ...common,
        title: `${FRENCH_TYPE_WORD[type]} n° ${number} ${frSubject.title}`,
        language: 'fr',
        bulletinId: frBulletin,
        articles: frArticles,
      });
      ar.push({
        ...common,
        title: `${ARABIC_TYPE_WORD[type]} رقم ${number.replaceAll('-', '.')} ${arSubject.title}`,
        language: 'ar',
        bulletinId: arBulletin,
        articles: arArticles,
      });
      const made = { id, type, number, articles: articleCount, date };
      texts.push(made);
      if (share > 0 && (type === 'loi' || type === 'decret')) amendable.push(made);
    }
    // Amending lois (French edition only) until amended wordings are their share of the versions.
    while (share > 0 && amendable.length > 1 && amended < share * produced && produced < options.articles) {
      const key = `loi-${year}`;
      const serial = (counters.get(key) ?? 0) + 1;
      counters.set(key, serial);
      const number = `${String(serial).padStart(2, '0')}-${yy}`;
      const articles: Article[] = [];
      for (let n = 1; n <= OPERATIONS_PER_AMENDING_TEXT && amended < share * produced; n++) {
        // Any earlier text but those of this issue (not yet published when it is read).
        const target = amendable[prng.int(0, amendable.length - 1)]!;
        if (target.date === date) continue;
        const wording = Array.from({ length: prng.int(1, 2) }, () =>
          fill(prng.pick(ARTICLE_SENTENCES), {
            n: String(prng.int(1, target.articles)),
            m: String(prng.int(1, target.articles)),
            montant1: String(prng.int(1, 50) * 1000),
            montant2: String(prng.int(51, 500) * 1000),
            cite: `${prng.int(1, 99)}-${String(prng.int(0, 99)).padStart(2, '0')}`,
            objet: LAW_SUBJECTS[0]!.objet,
            acteurs: LAW_SUBJECTS[0]!.acteurs,
            autorite: LAW_SUBJECTS[0]!.autorite,
            delai: prng.pick(AMENDED_DELAYS),
          }),
        ).join(' ');
        const pageIndex = 1 + Math.floor((textCount * 15 + n) / 4);
        articles.push({
          number: String(n),
          heading: n === 1 ? 'Article premier' : `Article ${n}`,
          body: amendingArticle(target, prng.int(1, target.articles), wording),
          page: printedPage + pageIndex,
          pageIndex,
        });
        amended++;
        produced += 2;
      }
      if (articles.length === 0) break;
      const id = textId('loi', number);
      fr.push({
        id,
        type: 'loi',
        number,
        signedOn: date,
        hijriDate: null,
        page: printedPage,
        confidence: 1,
        title: `Loi n° ${number} modifiant diverses dispositions législatives et réglementaires`,
        language: 'fr',
        bulletinId: frBulletin,
        articles,
      });
      texts.push({ id, type: 'loi', number, articles: articles.length, date });
    }
    const pageCount = Math.max(...fr.flatMap((t) => t.articles.map((a) => a.pageIndex)));
    for (const [edition, editionTexts, sha] of [
      ['fr', fr, 'f'],
      ['ar', ar, 'a'],
    ] as const) {
      yield {
        parsed: {
          bulletin: {
            id: edition === 'fr' ? frBulletin : arBulletin,
            edition,
            number: String(1000 + issue),
            date,
            hijriDate: null,
            firstPage: printedPage,
            lastPage: printedPage + pageCount,
            pageCount,
            sourceSha256: sha + String(issue).padStart(63, '0'),
          },
          texts: editionTexts,
          warnings: [],
        },
        pages: pagesOf(editionTexts, edition),
      };
    }
    printedPage += pageCount + 1;
  }
}
