/**
 * Running headers and footers of both editions however OCR hands them over: on a line of their
 * own, in pieces over several lines (`عدد 13-5167 شوال 1424 (8 ديسمبر 2003)`, `الجريدة الرسمية`,
 * `38971`), or merged into a body line (`…ستة أشهر. الجريدة الرسمية عدد 5167 13 شوال 1424 (8
 * ديسمبر 2003) 3897 يمكن…`). They are taken out of the body and what they print (page number,
 * issue number, date) is kept as the page's metadata.
 */
import { GREGORIAN_MONTHS_AR, HIJRI_MONTHS_AR } from '../calendars.js';
import { type ParsedDate, parseArabicDate, parseFrenchDate } from '../dates.js';
import { toWesternDigits } from '../ids.js';
import type { PageArtefact, TextLine } from '../model.js';
import { GROUP_HEADINGS, readRunningHeader } from './masthead.js';

/** What a page's running header (or its pieces) prints. */
export interface PageRunningHeader {
  /** Readings of the printed page number, the likeliest first (OCR glues or turns round figures). */
  pages: number[];
  /** Issue number. */
  number: string | null;
  date: ParsedDate | null;
}

/** A page's body lines with its running header and footer taken out. */
export interface StrippedPage {
  /** Body text a layout merged into the header band's lines: it opens the page's body. */
  headerBody: TextLine[];
  /** Body lines; a line a header was merged into comes out as the pieces around it. */
  lines: TextLine[];
  /** What the header printed, null when none was found. */
  header: PageRunningHeader | null;
  /** Body lines that still look like a piece of a running header (for a warning). */
  residues: string[];
}

/** Column rules and gutters that OCR reads as a mark between words. */
const COLUMN_RULE = /(?<=\s|^)[|¦│┃‖]+(?=\s|$)/gu;

/** A line without the marks OCR made of column rules (`(16 نوفمبر | 2022)` → `(16 نوفمبر 2022)`). */
export function withoutColumnRules(text: string): string {
  return text.replace(COLUMN_RULE, '').replace(/\s{2,}/g, ' ');
}

const alternation = (spellings: readonly (readonly string[])[]) =>
  spellings
    .flat()
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/\s+/g, '\\s+'))
    .join('|');

/** `الجريدة الرسمية` at a word start (`بالجريدة الرسمية` is running text). */
const TITLE_AR = '(?<![\\p{L}])الجريدة\\s+الرسمية';
/** `عدد 5167`, `عدد 5167 مكرر`, and the day glued on either side (`عدد 13-5167`, RTL pieces turned round). */
const ISSUE_AR =
  '(?<![\\p{L}])عدد\\s*(?:(\\d{1,2})\\s*[-–—]\\s*)?(\\d{3,5})(?:\\s*[-–—]\\s*(\\d{1,2}))?(?!\\d)(?:\\s+مكرر)?';
/** A header's date: Hijri (its day may have gone to the issue number), then Gregorian in brackets. */
const DATE_AR = `(?:(?:\\d{1,2}|فاتح)\\s+)?(?:${alternation(HIJRI_MONTHS_AR)})\\s+\\d{4}\\s*\\(\\s*\\d{1,2}\\s+(?:${alternation(GREGORIAN_MONTHS_AR)})\\s+\\d{4}\\s*\\)`;

/**
 * An Arabic running header in a line: page number, title, issue number, date, page number,
 * each but the issue and the date optional.
 */
const RUN_AR = new RegExp(
  `(?:(?<![\\d-])(\\d{1,5})\\s+)?(?:(${TITLE_AR})\\s*)?(?:${ISSUE_AR})\\s*[-–—]?\\s*(${DATE_AR})(?:\\s*(\\d{1,5})(?![\\d\\p{L}]))?`,
  'gu',
);

/** `BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689`: the numeric Gregorian date is the header's own. */
const RUN_FR =
  /(?:(?<![\d-])(\d{1,5})\s+)?(BULLETIN\s+OFFICIEL)\s+N\S{0,2}\s*(\d{1,5})(?:\s*(?:bis|ter))?\s*[-–—]\s*((?:\d{1,2}|1er)\s+\S+(?:\s+I{1,2})?\s+\d{4}\s*\(\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}\s*\))(?:\s*(\d{1,5})(?![\d\p{L}]))?/gu;

/** Pieces a split header leaves on lines of their own: the title (with its page number), a number alone. */
const PIECE_TITLE = new RegExp(`^\\s*(?:\\d{1,5}\\s+)?${TITLE_AR}(?:\\s+\\d{1,5})?\\s*$`, 'iu');
const PIECE_TITLE_FR = /^\s*(?:\d{1,5}\s+)?BULLETIN\s+OFFICIEL(?:\s+\d{1,5})?\s*$/u;
const PIECE_NUMBER = /^\s*[-–—]?\s*(\d{1,5})\s*[-–—]?\s*$/u;

/** A title and an issue number side by side in running text that does not cite the issue (`بتاريخ` would). */
const RESIDUE_AR = new RegExp(`${TITLE_AR}\\s*${ISSUE_AR}(?!\\s*(?:بتاريخ|الصادر|الصادرة|،|؛))`, 'u');

/** Top and bottom bands of a page (fractions of its height) where running headers and footers print. */
const TOP_BAND = 0.08;
const BOTTOM_BAND = 0.93;
/** Lines at the start of a page among which a masthead prints its title. */
const MASTHEAD_LINES = 10;
/** Lines at the start and end of a page's reading order searched for header pieces. */
const EDGE_LINES = { top: 4, bottom: 3 };

/** One header run found in a line. */
interface Run {
  start: number;
  end: number;
  pages: number[];
  number: string;
  date: ParsedDate | null;
}

/** The run a header match makes: where it stands, its page readings, number and date. */
function runOf(m: RegExpExecArray, page: string | undefined, number: string, date: Run['date']): Run {
  return {
    start: m.index,
    end: m.index + m[0].length,
    pages: page ? pageReadings(page) : [],
    number: String(Number(number)),
    date,
  };
}

/**
 * Readings of a page number as OCR gave it. Four figures or fewer are read as printed; five,
 * which no page of the BO reaches, or a leading zero are a stray figure glued at either end
 * (`38971` for `3897`) or a number turned round (right-to-left lines may reverse its digits,
 * `0093` for `3900`): those readings come first, the pages around it tell which is right.
 */
export function pageReadings(raw: string): number[] {
  if (raw.length <= 4 && !raw.startsWith('0')) return [Number(raw)];
  const readings = [raw.slice(0, -1), raw.slice(1), [...raw].reverse().join(''), raw]
    .filter((s) => s.length > 0 && !s.startsWith('0'))
    .map(Number);
  return [...new Set(readings)];
}

function runsIn(text: string): Run[] {
  const s = toWesternDigits(text);
  const runs: Run[] = [];
  for (const m of s.matchAll(RUN_AR)) {
    const [, lead, , glued, number, after, date, trail] = m;
    // The day OCR glued to the issue number belongs to the date.
    const day = !/^\s*(?:\d|فاتح)/u.test(date!) ? (glued ?? after) : undefined;
    runs.push(runOf(m, lead ?? trail, number!, parseArabicDate(day ? `${day} ${date}` : date!)));
  }
  for (const m of s.matchAll(RUN_FR)) {
    const [, lead, , number, date, trail] = m;
    runs.push(runOf(m, lead ?? trail, number!, parseFrenchDate(date!)));
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** Arabic short vowels, shadda and tatweel, which OCR sprinkles over a header (`الرسميّة`, `شوَال`). */
const MARKS_AR = /[\u064B-\u0652\u0640]/gu;
/** `عدد 5167` with `عدد` read `عدة` or `عدذ` and glued to the title, the day on either side of the number. */
const LOOSE_ISSUE_AR = /عد[دةذ]\s*(?:(\d{1,2})\s*[-–—]\s*)?(\d{3,5})(?:\s*[-–—]\s*(\d{1,2}))?(?!\d)/u;

/**
 * The issue number and date of a running header band OCR damaged past {@link RUN_AR}
 * (`الجويدة الرسميّةعدة 14-5167 شوَال 1424 (8 دجنبز 2003)`): layout already told it a header
 * by its title, so its words are read loosely, the date by the date parser's own tolerance.
 */
function looseHeader(text: string): { number: string; date: ParsedDate | null } | null {
  const s = toWesternDigits(text).replace(MARKS_AR, '');
  const m = LOOSE_ISSUE_AR.exec(s);
  if (!m) return null;
  const rest = s.slice(m.index + m[0].length);
  const day = m[1] ?? m[3];
  return {
    number: String(Number(m[2])),
    date: parseArabicDate(day && !/^\s*\d/u.test(rest) ? `${day} ${rest}` : rest),
  };
}

/** Whether a line lies where running headers and footers print: first or last lines, or the page's top or bottom band. */
function atEdge(line: TextLine, i: number, count: number): boolean {
  const band = line.bbox !== undefined && (line.bbox.y < TOP_BAND || line.bbox.y > BOTTOM_BAND);
  return band || i < EDGE_LINES.top || i >= count - EDGE_LINES.bottom;
}

/**
 * Takes a page's running header and footer out of its lines, wherever layout left them (the
 * header band or the body) and however OCR split them. A run of title, issue number and date is
 * cut out of any line; its lone pieces (the title, a number) only at the page's edges and next
 * to another piece, or as its first or last line: a number alone elsewhere is a sommaire's page.
 */
export function stripRunningHeaders(page: PageArtefact): StrippedPage {
  const all = [...page.header, ...page.lines];
  let number: string | null = null;
  let date: ParsedDate | null = null;
  const pages: number[] = [];
  const cuts = new Map<number, string[]>();
  all.forEach((line, i) => {
    const runs = runsIn(line.text);
    if (runs.length === 0) return;
    number ??= runs[0]!.number;
    date ??= runs.find((r) => r.date)?.date ?? null;
    for (const run of runs) if (pages.length === 0) pages.push(...run.pages);
    const kept: string[] = [];
    let at = 0;
    for (const run of runs) {
      kept.push(line.text.slice(at, run.start));
      at = run.end;
    }
    kept.push(line.text.slice(at));
    cuts.set(
      i,
      kept.map((k) => k.trim()).filter((k) => /\p{L}|\d/u.test(k)),
    );
  });
  // A header band layout found but whose words OCR damaged past a run still tells its issue and date.
  if (number === null && page.header.length > 0) {
    const loose = looseHeader(page.header.map((l) => l.text).join(' '));
    number = loose?.number ?? null;
    date ??= loose?.date ?? null;
  }
  // Lone pieces at the page's edges: the title, and a number alone next to a piece.
  const dropped = new Set<number>();
  const isPiece = (i: number) => cuts.has(i) || dropped.has(i);
  for (let pass = 0; pass < 2; pass++) {
    all.forEach((line, i) => {
      if (cuts.has(i) || dropped.has(i) || !atEdge(line, i, all.length)) return;
      const text = toWesternDigits(line.text);
      const neighbour = isPiece(i - 1) || isPiece(i + 1);
      if (PIECE_TITLE.test(text) || PIECE_TITLE_FR.test(text)) {
        dropped.add(i);
        const figure = /(\d{1,5})/.exec(text)?.[1];
        if (figure && pages.length === 0) pages.push(...pageReadings(figure));
        return;
      }
      const bare = PIECE_NUMBER.exec(text);
      if (bare && neighbour) {
        dropped.add(i);
        if (pages.length === 0) pages.push(...pageReadings(bare[1]!));
      }
    });
  }
  const lines: TextLine[] = [];
  const residues: string[] = [];
  // The masthead prints the title alone, under `المملكة المغربية`: no piece of a running header.
  const masthead = all.slice(0, MASTHEAD_LINES).some((l) => /المملكة\s+المغربية/u.test(l.text));
  all.forEach((line, i) => {
    if (i < page.header.length || dropped.has(i)) return;
    const texts = cuts.get(i)?.flatMap(bodyPieces) ?? [line.text];
    for (const text of texts) {
      const s = toWesternDigits(text);
      if (RESIDUE_AR.test(s) || (!masthead && PIECE_TITLE.test(s))) residues.push(text);
      lines.push({ ...line, text });
    }
  });
  // Body text a layout merged into the header band's lines opens the body.
  const merged = page.header.flatMap((line, i) =>
    (cuts.get(i) ?? [readRunningHeader(line.text)?.body ?? ''])
      .flatMap(bodyPieces)
      .map((text) => ({ ...line, text })),
  );
  const found = number !== null || pages.length > 0;
  return {
    headerBody: merged,
    lines,
    header: found ? { pages, number, date } : null,
    residues,
  };
}

/** The group headings a merged line may open with, before the header of the first text of the group. */
const GROUP_HEADING = new RegExp(`^(${GROUP_HEADINGS})\\s+(?=\\S)`, 'iu');

/** Body text left of a header's line, as lines: a group heading apart from the text after it. */
export function bodyPieces(text: string): string[] {
  const body = text.trim();
  if (!body) return [];
  const group = GROUP_HEADING.exec(body);
  return group ? [group[1]!, body.slice(group[0].length)] : [body];
}
