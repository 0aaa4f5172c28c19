/**
 * Arabic copies that do not print one heading a line: a web or Word copy flowed as one
 * paragraph (`… بما يأتي : الجزء الأول … الفصل 1 الجمعية هي …`), and amending articles whose
 * new wording quotes the articles it replaces under their own headings, unquoted
 * (`… تغير أو تتمم كما يلي : الفصل 2- …`).
 */
import { articlesIn } from '../amendments/parse-arabic.js';
import { toWesternDigits } from '../ids.js';
import { bisWord, readArticleHeadingAr, readHierarchyHeadingAr } from './articles-ar.js';

/** An article heading printed inside a line. */
export interface InlineHeadingAr {
  /** Where the heading starts in the line, and where its number (and suffix) ends. */
  at: number;
  end: number;
  number: string;
  /** The heading as a line of its own reads it (`الفصل 2` for `الفصل ]2[2`, `الفصل 3` for `الفصل 3كل`). */
  heading: string;
  /** Printed with its separator (`المادة 2 -`, `الفصل 3.`): a heading whatever follows. */
  separated: boolean;
}

/**
 * What ends the words before an inline heading: a sentence's or clause's end (`.`, `؛`, `!`, `؟`),
 * a colon announcing what follows (`بما يأتي :`), a closing quote or bracket; a footnote call
 * after it (`]3 [`, `(2)`) is passed over. Prose cites articles mid-sentence (`مقتضيات الفصل 5`).
 */
const AFTER_SENTENCE = /(?:^|[.:؛!?؟»)])\s*(?:[[\](]\s*\d{1,2}\s*[[\])]\s*)?$/u;

/** What follows the number of an article cited, not headed: `من`, `منه`, `المشار إليه`, `أعلاه`, a list (`و6`), `؛`, `،`. */
const CITATION_AFTER =
  /^\s*(?:[؛،,;]|(?:من|منه|منها|المشار|أعلاه|أدناه|بعده|بعدها|قبله|السابق|السابقة|الآتي|أو)(?!\p{L})|و\s*\d)/u;

/** Words after which an article's keyword cites it (`في الفصل 3`, `بمقتضى المادة 2`). */
const CITING_WORDS = new Set([
  'في',
  'من',
  'على',
  'إلى',
  'الى',
  'بمقتضى',
  'مقتضيات',
  'أحكام',
  'احكام',
  'وفق',
  'طبق',
]);

/**
 * The keyword, a footnote call between it and its number (`]2[2`, OCR `]212`), the number glued
 * to the next word (`3كل`); not to a word with the article, which goes on with the heading or a
 * citation (`10المكرر` for 10 bis, `8المقطع الاول)`).
 */
const MARKED_OR_GLUED =
  /^(المادة|الفصل)\s*(?:[[\]]\s*\d{1,2}\s*[[\]1l|]\s*)?(\d{1,3})(?=[\s.:–—-]|(?!ال)\p{L}|$)/u;

/** Characters around a keyword that decide whether it heads an article. */
const WINDOW = 200;

/** The article keywords, as words. */
const KEYWORD = /(?<![\p{L}\p{N}])(?:المادة|الفصل)(?![\p{L}])/gu;

/**
 * Article headings inside `line` (its start included) that read as headings, not citations:
 * after a sentence's end or a colon, or run in after a part or chapter title that opens the
 * clause (`الجزء الأول في تأسيس الجمعيات بصفة عامة الفصل 1 …`), and not followed by the words of
 * a citation (`المادة 5 من …`, `الفصل 3؛`, `الفصلين`, `بالمادة` and `للفصل` are other words).
 * Candidates only: whether their number follows the sequence is the caller's to judge.
 */
export function inlineHeadingsAr(line: string): InlineHeadingAr[] {
  const s = toWesternDigits(line);
  const found: InlineHeadingAr[] = [];
  for (const m of s.matchAll(KEYWORD)) {
    // What decides is near the keyword: a window keeps a run-away line (a table read as one) linear.
    const from = Math.max(0, m.index - WINDOW);
    const before = s.slice(from, m.index).trimEnd();
    const previousWord = /(\S+)$/.exec(before)?.[1] ?? '';
    if (CITING_WORDS.has(previousWord)) continue;
    const clauseStart = Math.max(...[...'.:؛!?؟'].map((c) => before.lastIndexOf(c))) + 1;
    const clause = before.slice(clauseStart).trim();
    const runIn =
      clause !== '' &&
      readHierarchyHeadingAr(clause.split(/\s+/).slice(0, 2).join(' ')) !== null &&
      !found.some((h) => h.at >= from + clauseStart);
    if (!AFTER_SENTENCE.test(before) && !runIn) continue;
    const heading = readAt(s, m.index);
    if (heading && !CITATION_AFTER.test(s.slice(heading.end, heading.end + WINDOW))) found.push(heading);
  }
  return found;
}

/** The heading starting at `at`: read as a line would be, else a few words alone, else marked or glued. */
function readAt(s: string, at: number): InlineHeadingAr | null {
  const rest = s.slice(at, at + WINDOW);
  const whole = readArticleHeadingAr(rest);
  if (whole && whole.number !== '?') {
    const end = at + rest.trimEnd().length - whole.rest.length;
    // A heading that ends the line without a separator (`… . الفصل 2`) is judged by its number.
    const separated = /[.:–—\u0640-]/.test(s.slice(at + whole.heading.length, end));
    return { at, end, number: whole.number, heading: whole.heading, separated };
  }
  // The heading's words alone, longest first (`المادة 3 مكررة`, `المادة الثانية عشرة`, `الفصل 1`).
  const words = [...rest.matchAll(/\S+/g)].slice(0, 4);
  for (let n = words.length; n >= 2; n--) {
    const last = words[n - 1]!;
    const end = last.index + last[0].length;
    const alone = readArticleHeadingAr(rest.slice(0, end));
    if (alone && alone.number !== '?' && alone.rest === '')
      return { at, end: at + end, number: alone.number, heading: alone.heading, separated: false };
  }
  const marked = MARKED_OR_GLUED.exec(rest);
  if (!marked) return null;
  return {
    at,
    end: at + marked[0].length,
    number: marked[2]!.replace(/^0+(?=\d)/, ''),
    heading: `${marked[1]} ${marked[2]}`,
    separated: false,
  };
}

/** Whether an article number is the one a text numbering `last` so far prints next (or the first of a text). */
function follows(number: string, last: string | null): boolean {
  if (number === '1') return true;
  return last !== null && /^\d+$/.test(last) && number === String(Number(last) + 1);
}

/**
 * Lines a copy ran articles into, cut before each inline heading (see {@link inlineHeadingsAr}):
 * one printed with its separator after a sentence's end always (as the French edition's are),
 * one without only when its number is the next of the sequence read so far (or a first
 * article), its heading then set on a line of its own. A figure that breaks the sequence
 * stays where it is; the text that holds it is flagged when it yields no article.
 */
export function cutInlineArticlesAr<T extends { text: string }>(lines: readonly T[]): T[] {
  const out: T[] = [];
  let last: string | null = null;
  for (const read of lines) {
    const line = withBisOfHeading(out, read);
    // A heading opening the line as the edition prints it (OCR's `الفسر 3` too) carries the sequence on.
    const own = readArticleHeadingAr(line.text);
    if (own && own.number !== '?') last = own.number;
    const pieces: T[] = [];
    let from = 0;
    for (const h of inlineHeadingsAr(line.text)) {
      if (h.at < from) continue;
      if (h.at === 0 && h.separated) {
        last = h.number;
        continue;
      }
      if (!(h.separated && h.at > 0) && !follows(h.number, last)) continue;
      const head = line.text.slice(from, h.at).trim();
      if (head) pieces.push({ ...line, text: head });
      if (h.separated) from = h.at;
      else {
        pieces.push({ ...line, text: h.heading });
        from = h.end;
      }
      last = h.number;
    }
    const tail = line.text.slice(from).trim();
    if (pieces.length === 0) out.push(line);
    else out.push(...pieces, ...(tail ? [{ ...line, text: tail }] : []));
  }
  return out;
}

/**
 * `line` without the `مكررة` (or OCR's `مكورة`) set apart from the heading above it (`المادة 5` / `مكورة لا يجوز…`),
 * which takes it back (`المادة 5 مكورة`, article 5-bis); `line` itself otherwise.
 */
function withBisOfHeading<T extends { text: string }>(out: T[], line: T): T {
  const above = out.at(-1);
  const bis = above ? bisWord(line.text) : null;
  // Only a line opening with the word pays for reading the heading above it.
  const heading = above && bis ? readArticleHeadingAr(above.text) : null;
  if (!above || !bis || heading?.rest !== '' || /-bis$/.test(heading.number)) return line;
  out[out.length - 1] = { ...above, text: `${above.text} ${bis.trim()}` };
  return { ...line, text: line.text.slice(bis.length).trim() };
}

/**
 * The first heading-looking words left in a body that yielded no article (`الفصل 3 …` after a
 * sentence's end whose number broke the sequence): such a text is flagged, its wording kept in
 * its preamble. Null when there is none.
 */
export function headingLeftInBodyAr(lines: readonly string[]): string | null {
  for (const line of lines) {
    const h = inlineHeadingsAr(line)[0];
    if (h)
      return toWesternDigits(line)
        .slice(h.at, h.end + 30)
        .trim();
  }
  return null;
}

/** The announcing clause's end: `كما يلي :`, `على النحو التالي :`, `بما يأتي :`, `بالأحكام التالية :`. */
const ANNOUNCES = /(?:يلي|يأتي|ياتي|التالي|التالية|الآتي|الآتية)\s*:\s*$/u;
/** The verbs of amending formulas (`تغير وتتمم`, `تعوض`, `تنسخ وتعوض`, `يتمم`). */
const AMENDS = /(?:^|\s)(?:و?(?:تغير|يغير|تتمم|يتمم|تعدل|يعدل|تعوض|يعوض|تستبدل|يستبدل))(?!\p{L})/u;

/**
 * The articles an amending article announces it quotes next, in the order it names them
 * (`إن الفصول 2 و5 و7 … من الظهير الشريف رقم 1.58.376 … تغير أو تتمم كما يلي :` → 2, 5, 7…):
 * the headings that follow with those numbers open the new wording of the amended text's
 * articles, not articles of this one. Null when `body` announces no quoted articles.
 */
export function announcedArticlesAr(body: string): string[] | null {
  if (!ANNOUNCES.test(body) || !AMENDS.test(body)) return null;
  const numbers = articlesIn(toWesternDigits(body)).flatMap((a) => a.numbers);
  return numbers.length ? numbers : null;
}
