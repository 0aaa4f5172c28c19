/**
 * Text headers of the Arabic edition: `ظهير شريف رقم 1.58.376 صادر في 3 جمادى الأولى 1378
 * (15 نوفمبر 1958) …`, `ظهير شريف بمثابة قانون رقم 1.73.283`, `قانون رقم 09.08 يتعلق ب…`,
 * `مرسوم رقم 2.07.263`, `قرار لوزير … رقم 3579.22 صادر في …`, `استدراك …`. Numbers are
 * dotted and come out in the canonical hyphen form, so both editions of a text share its id.
 */
import { parseArabicDate } from '../dates.js';
import { canonicalNumber, toWesternDigits } from '../ids.js';
import type { Confidence, TextType } from '../model.js';
import { matchPhrase, matchWord } from './fuzzy.js';
import { withoutColumnRules } from './running-headers.js';
import { closesBlock, headerTitle, type TextHeader } from './text-headers.js';

/** Keywords that open a header, longest first so `ظهير شريف بمثابة قانون` wins over `ظهير شريف`. */
const HEADER_KEYWORDS_AR: readonly (readonly [string, TextType])[] = [
  ['ظهير شريف بمثابة قانون', 'dahir-portant-loi'],
  ['ظهير شريف', 'dahir'],
  // Dahirs of the Protectorate, of either zone, print `ظهير` alone (`ظهير 13 شعبان عام 1350 …`).
  ['ظهير', 'dahir'],
  ['قانون تنظيمي', 'loi-organique'],
  ['قانون إطار', 'loi-cadre'],
  ['قانون', 'loi'],
  ['مرسوم ملكي بمثابة قانون', 'decret-loi'],
  ['مرسوم بمثابة قانون', 'decret-loi'],
  ['مرسوم ملكي', 'decret'],
  ['مرسوم', 'decret'],
  ['قرار مشترك', 'arrete-conjoint'],
  // A decision of the constitutional court is a `قرار`, but not a minister's arrêté.
  ['قرار المحكمة الدستورية', 'decision'],
  ['قرار المجلس الدستوري', 'decision'],
  ['قرار', 'arrete'],
  ['مقرر', 'decision'],
  ['منشور', 'circulaire'],
  ['إعلان', 'avis'],
  ['استدراك', 'rectificatif'],
];

/** The type keyword at the start of a line, or null. */
export function readHeaderKeywordAr(
  line: string,
): { type: TextType; length: number; confidence: Confidence } | null {
  const s = line.trimStart();
  const lead = line.length - s.length;
  for (const [phrase, type] of HEADER_KEYWORDS_AR) {
    const m = matchPhrase(s, phrase);
    if (m && !/^[\p{L}\d]/u.test(s.slice(m.length)))
      return { type, length: lead + m.length, confidence: m.confidence };
  }
  return null;
}

/**
 * `رقم 1.58.376`, `رقم 09.08`, `رقم1.58.376`: a text number after `رقم`. OCR reads the dots
 * between its groups as other marks too (`29_53`, `2.15:629`, `95,07`, the Arabic decimal `٫`);
 * a comma with a space after it is the sentence's (`رقم 12.02، 13.03`).
 */
const NUMBER_AR = /(?:^|[\s(])رقم\s*(\d+(?:(?:\s?[.\-/_:]\s?|[,،٫٬])\d+)*)/gu;

/** A space, then a dot glued to the next group (`13 .141`): where OCR turned the number round. */
const REVERSED_AT = /\s+\.(?=\d)/;

/**
 * Canonical form of a dotted number as OCR gave it. A number is printed left to right inside
 * right-to-left text; OCR sometimes reads its groups right to left, which shows as a space
 * before a dot and none after (`141.13` read `13 .141`, `2.14.287` read `14.287 .2`), a
 * spacing print never has: the runs between such dots are put back in printed order.
 */
export function readDottedNumberAr(raw: string): string {
  const runs = raw.trim().split(REVERSED_AT);
  return canonicalNumber(runs.length > 1 ? runs.reverse().join('.') : raw);
}

function readTextNumberAr(s: string, from = 0): { number: string; index: number } | null {
  NUMBER_AR.lastIndex = from;
  const m = NUMBER_AR.exec(s);
  return m ? { number: readDottedNumberAr(m[1]!), index: m.index } : null;
}

const PROMULGATED_AR: readonly (readonly [string, TextType])[] = [
  ['القانون التنظيمي', 'loi-organique'],
  ['القانون الإطار', 'loi-cadre'],
  ['القانون', 'loi'],
];

/**
 * Texts without a number of their own that a dahir promulgates (`بتنفيذ نص الدستور`) or
 * publishes (`بنشر الاتفاقية / الاتفاق / البروتوكول …`), longest first.
 */
const PUBLISHED_AR: readonly (readonly [string, string, TextType])[] = [
  ['بتنفيذ', 'نص الدستور', 'constitution'],
  ['بتنفيذ', 'الدستور', 'constitution'],
  ['بنشر', 'الاتفاقية', 'convention'],
  ['بنشر', 'الاتفاق', 'accord'],
  ['بنشر', 'البروتوكول', 'protocole'],
];

/**
 * The Constitution or a treaty a dahir promulgates or publishes, named right after the verb;
 * the name read most surely wins (`الاتفاق` is near `الاتفاقية`).
 */
function readPublishedAr(rest: string): TextHeader['promulgates'] {
  for (const w of rest.matchAll(/\S+/g)) {
    const after = rest.slice(w.index + w[0].length).trimStart();
    const named = PUBLISHED_AR.filter(([verb]) => matchWord(w[0], verb) > 0)
      .map(([, phrase, type]) => ({ type, m: matchPhrase(after, phrase) }))
      .filter(({ m }) => m && !/^\p{L}/u.test(after.slice(m.length)))
      .sort((a, b) => b.m!.confidence - a.m!.confidence)[0];
    if (!named) continue;
    const title = named.type === 'constitution' ? 'الدستور' : after.replace(/[.؛;\s]+$/, '');
    return { type: named.type, number: null, title };
  }
  return undefined;
}

/** `… بتنفيذ القانون رقم 09.08 …`: the loi a dahir promulgates; or the Constitution or a treaty ({@link readPublishedAr}). */
function readPromulgatedAr(rest: string): TextHeader['promulgates'] {
  const words = [...rest.matchAll(/\S+/g)];
  const at = words.findIndex((w) => matchWord(w[0], 'بتنفيذ') > 0);
  if (at < 0) return readPublishedAr(rest);
  const after = rest.slice(words[at]!.index + words[at]![0].length).trimStart();
  for (const [phrase, type] of PROMULGATED_AR) {
    const m = matchPhrase(after, phrase);
    if (!m) continue;
    const number = readTextNumberAr(after, m.length);
    if (!number || number.index > m.length + 2) return undefined;
    return { type, number: number.number, title: after.replace(/[.؛;\s]+$/, '') };
  }
  return readPublishedAr(rest);
}

/**
 * Parses an Arabic header sentence: the text's own number is the `رقم` before its date
 * (after it, `رقم` belongs to a cited text); a rectificatif's `رقم` is the issue it
 * corrects. Null when the line has neither number nor date (a group heading).
 */
export function parseTextHeaderAr(title: string): TextHeader | null {
  const keyword = readHeaderKeywordAr(title);
  if (!keyword) return null;
  const court = COURT_DECISION.exec(toWesternDigits(title));
  if (court) keyword.type = 'decision';
  const rest = unglued(toWesternDigits(withoutColumnRules(title.slice(keyword.length))));
  const printed = parseArabicDate(rest);
  const found = court
    ? { number: canonicalNumber(`${court[1]}-${court[2]}`), index: 0 }
    : readTextNumberAr(rest);
  const own =
    found && keyword.type !== 'rectificatif' && (!printed || found.index < printed.start) ? found : null;
  const inner = own ? innerHeaderAr(title, rest, own.index) : null;
  if (inner) return inner;
  // A date after another text's number is that text's (`قانون رقم 12.02 بتغيير الظهير الشريف رقم 1.58.376 الصادر في …`).
  const cited = own && printed ? readTextNumberAr(rest, own.index + 1) : null;
  const date = cited && printed && cited.index < printed.start ? null : printed;
  if (!own && !date) return null;
  const header: TextHeader = {
    type: keyword.type,
    number: own?.number ?? null,
    title: headerTitle(untilFirstHeading(title)),
    signedOn: date?.gregorian ?? null,
    hijriDate: date?.hijriText ?? null,
    confidence: Math.min(keyword.confidence, date?.confidence ?? 1),
    notes: [...(date?.notes ?? [])],
  };
  // A header says when it was signed (`صادر في …`): a date it holds but that cannot be read is flagged.
  const signed = /(?:^|\s)(?:ال)?صادر(?:ة)?\s+في\s+(\S+(?:\s+\S+){0,6})/u.exec(rest);
  if (!printed && signed) {
    header.notes.push(`signing date not read: "${signed[1]}"`);
    header.confidence = Math.min(header.confidence, UNREAD_DATE_CONFIDENCE);
  }
  if (keyword.type === 'dahir' || keyword.type === 'dahir-portant-loi') {
    const promulgates = readPromulgatedAr(rest);
    if (promulgates) header.promulgates = promulgates;
  }
  return header;
}

/**
 * The header a copy's own title runs into (`قانون تأسيس الجمعيات المغرب ظهير شريف رقم 1.58.376
 * الصادر في …`: a web page's title, then the dahir's header): the keyword right before the
 * text's `رقم`, when it is not the one the line opens with and no word cites it (`بتنفيذ قانون
 * رقم …`), opens the header; the words before it are kept in a note. Null when there is none.
 */
function innerHeaderAr(title: string, rest: string, numberAt: number): TextHeader | null {
  const words = [...rest.slice(0, numberAt).matchAll(/\S+/gu)];
  for (let k = words.length - 1; k >= Math.max(1, words.length - 4); k--) {
    const from = words[k]!.index;
    const inner = readHeaderKeywordAr(rest.slice(from));
    if (!inner || rest.slice(from + inner.length, numberAt).trim() !== '') continue;
    if (CITING_WORDS.test(words[k - 1]![0])) return null;
    const at = title.indexOf(rest.slice(from, from + inner.length));
    const header = at > 0 ? parseTextHeaderAr(title.slice(at)) : null;
    if (!header) return null;
    header.notes.push(`"${title.slice(0, at).trim()}" before the header: a copy's own title, kept out of it`);
    return header;
  }
  return null;
}

/**
 * A decision of the constitutional court, by the mark after its number (`قرار رقم: 117/21 م.د`,
 * م.د for المحكمة الدستورية, م.إ for its electoral decisions): the court's own heading, which
 * running text never opens a line with.
 */
const COURT_DECISION = /^\s*قرا[رز]\s+رقم\s*:?\s*(\d{1,4})\s*\/\s*(\d{2,4})\s*م\s*\.?\s*[دإ](?!\p{L})/u;

/** Confidence of a header whose signing date is printed but could not be read. */
const UNREAD_DATE_CONFIDENCE = 0.5;

/** Words before a heading that cite it rather than open it: `بتغيير`, `بتتميم`, `وبنسخ`, `بتطبيق`… */
const CITING_WORDS = /^و?(?:ب|ل)?(?:تغيير|تتميم|نسخ|تطبيق|تنفيذ|موجب|مقتضى|تعديل)$/u;

/** Words that open a text's first heading (its first part, chapter or article). */
const FIRST_HEADING_WORDS = ['الكتاب', 'الجزء', 'القسم', 'الباب', 'الفرع', 'الفصل', 'المادة'];

/**
 * A title without the heading a layout or OCR ran into it (`… بمثابة مدونة الأسرة باب تمهيدي أحكام
 * عامة` ends at `الأسرة`): a part, chapter or article word, the first of its kind (`الأول`,
 * `تمهيدي`, `1`), and not a citation (`الفصل الأول من الظهير …`).
 */
export function untilFirstHeading(title: string): string {
  const words = [...title.matchAll(/\S+/gu)];
  for (let k = 2; k < words.length - 1; k++) {
    const word = words[k]![0].replace(/^ال(?=\p{L}{2})/u, '');
    const heading = FIRST_HEADING_WORDS.some((w) => matchWord(word, w.slice(2)) > 0);
    const first = toWesternDigits(words[k + 1]![0]).replace(/[.:،,؛–—-]+$/u, '');
    const isFirst =
      first === '1' || ['الأول', 'الأولى', 'تمهيدي', 'التمهيدي'].some((w) => matchWord(first, w) > 0);
    // `بتغيير المادة الأولى والثانية من …`: a citation of the heading, in the title's words.
    const after = words[k + 2]?.[0] ?? '';
    const cites = matchWord(after, 'من') > 0 || after.startsWith('و') || CITING_WORDS.test(words[k - 1]![0]);
    if (heading && isFirst && !cites) return title.slice(0, words[k]!.index).trimEnd();
  }
  return title;
}

/** Lines that open the body of a text: recitals, the royal preamble, the enacting authority. */
const BODY_OPENINGS_AR = [
  'بناء على',
  'وبناء على',
  'الحمد لله',
  'الطابع الشريف',
  'يعلم من ظهيرنا',
  'رئيس الحكومة',
  'الوزير الأول',
  'ينفذ وينشر',
];

/** Enacting formulas: `رسم ما يلي:`, `قرر ما يلي:`, `أصدرنا أمرنا الشريف بما يلي:`. */
const ENACTING_AR = [
  'رسم ما يلي',
  'قرر ما يلي',
  'أصدرنا أمرنا الشريف بما يلي',
  'قررا ما يلي',
  'قرروا ما يلي',
];

/** Words at most in the line naming the enacting minister (`وزير الفلاحة والصيد البحري،`). */
const AUTHORITY_LINE_WORDS = 8;

/**
 * Whether a line opens the body of an Arabic text: recitals, enacting words, or the minister
 * who enacts on a line of its own, closed by a comma (a header never ends a line so).
 */
export function isBodyMarkerAr(line: string): boolean {
  const s = line.trim();
  if (isLineOf(s, HEADING_TITLES_AR)) return true;
  const words = s.split(/\s+/);
  if (matchWord(words[0] ?? '', 'وزير') > 0 && words.length <= AUTHORITY_LINE_WORDS && /[،,؛]$/u.test(s))
    return true;
  return [...BODY_OPENINGS_AR, ...ENACTING_AR].some((marker) => {
    const m = matchPhrase(s, marker);
    return m !== null && !/^\p{L}/u.test(s.slice(m.length));
  });
}

/** Group headings of the Arabic edition: no capitals to tell them, so they are listed. */
const GROUP_HEADINGS_AR = ['نصوص عامة', 'نصوص خاصة', 'إعلانات وبلاغات', 'بلاغات', 'إعلانات'];

/** Headings a code prints on a line of their own without `الباب` or `القسم`: its body opens with one, so a title never runs into it. */
const HEADING_TITLES_AR = [
  'أحكام تمهيدية',
  'أحكام عامة',
  'أحكام انتقالية وختامية',
  'أحكام انتقالية',
  'أحكام ختامية',
  'أحكام مختلفة',
  'ديباجة',
];

/** Whether a line is one of `phrases` and nothing more (but a final `.` or `:`). */
function isLineOf(line: string, phrases: readonly string[]): boolean {
  const s = line.trim().replace(/[.:]$/, '');
  return phrases.some((h) => matchPhrase(s, h)?.length === s.length);
}

/** Whether a line is a group heading of the Arabic edition (`نصوص عامة`). */
export function isGroupHeadingAr(line: string): boolean {
  return isLineOf(line, GROUP_HEADINGS_AR);
}

/**
 * Whether the line before an Arabic header closes what came before: sentence punctuation
 * (Arabic `؛` and `؟` too), or a group heading, which Arabic cannot mark with capitals.
 */
export function closesBlockAr(previous: string): boolean {
  return closesBlock(previous) || isGroupHeadingAr(previous) || SEPARATOR_DEBRIS.test(previous.trim());
}

/** The stars printed between a dahir and its loi (`*`, `*   *`) as OCR reads them: a few one- or two-letter tokens (`ا ب`, `اد د`). */
const SEPARATOR_DEBRIS = /^(?:\S{1,2}\s*){1,3}$/u;

/**
 * A header's figures parted from the Arabic word a copy glued them to (`رقم 1.02.239صادر في
 * 25من رجب`): no Arabic word holds a figure, so the two were always apart in print.
 */
const unglued = (s: string): string => s.replace(/(\d)(?=\p{L})(?=\p{Script=Arabic})/gu, '$1 ');

/** Words of a header line in which its number and `صادر في` are looked for. */
const DATED_WITHIN_WORDS = 12;

/**
 * Whether a line opens with a header as only headers word it: the type without the article,
 * its number or its authority with لـ, then `صادر في` (`مرسوم رقم 2.14.16 صادر في …`,
 * `مقرر لوزير الاقتصاد والمالية صادر في …`), or a rectificatif naming the issue it corrects
 * (`استدراك … الجريدة الرسمية عدد 4844`). Running text cites other texts
 * with the article (`المرسوم رقم … الصادر في …`), so such a line is a header even when the
 * line before it lost its closing punctuation to OCR.
 */
export function isUnmistakableHeaderAr(line: string): boolean {
  const keyword = readHeaderKeywordAr(line);
  if (!keyword) return false;
  if (COURT_DECISION.test(toWesternDigits(line))) return true;
  const words = toWesternDigits(line.slice(keyword.length)).trim().split(/\s+/).slice(0, DATED_WITHIN_WORDS);
  // A rectificatif names the issue it corrects (`استدراك خطأ مادي وقع في الجريدة الرسمية عدد 4844`).
  if (keyword.type === 'rectificatif')
    return words.some(
      (w, i) =>
        matchWord(w, 'الرسمية') > 0 &&
        matchWord(words[i + 1] ?? '', 'عدد') > 0 &&
        /\d/.test(words[i + 2] ?? ''),
    );
  const dated = words.findIndex(
    (w, i) => matchWord(w, 'صادر') > 0 && matchWord(words[i + 1] ?? '', 'في') > 0,
  );
  const numbered = words.findIndex((w, i) => /^رقم\d|^رقم$/.test(w) && /\d/.test(w + (words[i + 1] ?? '')));
  if (numbered >= 0) return dated > numbered;
  // A type and its date at once (`ظهير 13 شعبان عام 1350 …`): running text never dates a text so.
  if (parseArabicDate(words.join(' '))?.start === 0) return true;
  // A header without a number names its authority right after its type, with لـ (`مقرر لوزير
  // … صادر في`); running text names it as a genitive (`قرار وزير …`) or cites with the article.
  return dated > 0 && /^لل?\p{L}{3,}/u.test(words[0] ?? '');
}
