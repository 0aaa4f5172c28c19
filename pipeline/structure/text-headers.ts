/**
 * Text headers of the French edition: `Dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre
 * 1958) réglementant …`, `Loi n° 09-08 relative à …`, `Décret n° 2-07-263 du …`,
 * `Arrêté du ministre de … n° 3579-22 du …`, `Rectificatif au « Bulletin officiel » n° 6000 …`.
 * The title is the whole header sentence; a dahir `portant promulgation de la loi n° …`
 * names the loi it promulgates.
 */
import { parseFrenchDate } from '../dates.js';
import { canonicalNumber, textId } from '../ids.js';
import type { Confidence, TextType } from '../model.js';
import { fold, isMostlyUpperCase, matchPhrase, matchWord, readDigits } from './fuzzy.js';

/** What a text header says. */
export interface TextHeader {
  type: TextType;
  /** Canonical number (`1-58-376`), null when the text has none of its own. */
  number: string | null;
  /** The header sentence as printed. */
  title: string;
  signedOn: string | null;
  hijriDate: string | null;
  /**
   * The text a dahir promulgates or publishes: its type, number (null for the Constitution or
   * a treaty, which have none) and title as the dahir cites it.
   */
  promulgates?: { type: TextType; number: string | null; title: string };
  confidence: Confidence;
  /** What was repaired or doubtful. */
  notes: string[];
  /**
   * The header of a text set beside this one in the next column, whose title the copy read
   * across both columns into this one's ({@link readSideBySide}).
   */
  beside?: TextHeader;
}

/** Keywords that open a header, longest first so `Dahir portant loi` wins over `Dahir`. */
const HEADER_KEYWORDS: readonly (readonly [string, TextType])[] = [
  ['dahir portant loi', 'dahir-portant-loi'],
  ['dahir', 'dahir'],
  ['loi organique', 'loi-organique'],
  ['loi cadre', 'loi-cadre'],
  ['loi', 'loi'],
  ['décret royal portant loi', 'decret-loi'],
  ['décret loi', 'decret-loi'],
  ['décret royal', 'decret'],
  ['décret', 'decret'],
  ['arrêté conjoint', 'arrete-conjoint'],
  ['arrêté', 'arrete'],
  ['décision', 'decision'],
  ['circulaire', 'circulaire'],
  ['avis', 'avis'],
  ['rectificatif', 'rectificatif'],
  // A copy of the Constitution alone: `Constitution du 7 décembre 1962.` (a date makes it a header).
  ['constitution', 'constitution'],
];

/** The type keyword at the start of a line (capitalised, as headers print it), or null. */
export function readHeaderKeyword(
  line: string,
): { type: TextType; length: number; confidence: Confidence } | null {
  const s = line.trimStart();
  if (!/^\p{Lu}/u.test(s)) return null;
  for (const [phrase, type] of HEADER_KEYWORDS) {
    const m = matchPhrase(s, phrase);
    // The keyword is a whole word: `Loi` but not `Loin`.
    if (!m || /^[\p{L}\d]/u.test(s.slice(m.length))) continue;
    // `Constitution du …` opens a copy of it; `Constitution.` ends a title wrapped before it (`… du texte de la`).
    if (type === 'constitution' && !/^\s+\p{L}/u.test(s.slice(m.length))) continue;
    return { type, length: m.length, confidence: m.confidence };
  }
  return null;
}

/** `n°`, `nº`, `N®`, `n° :`, `nO`, and `n2` (`nº` read as a figure, before a space: `n2 1-20-60`). */
const NUMBER =
  /(?:^|[\s(])[nN]{1,2}(?:[°oO0º®"*'.]{1,2}|2(?=\s))?\s*:?\s*([\dOolI]+(?:\s?[-–./]\s?[\dOolI]+)*)/g;

/** The first text number (`n° 1-58-376`, `nO 1-03-2O7`) in `s` at or after `from`, digits repaired. */
function readTextNumber(
  s: string,
  from = 0,
): { number: string; index: number; confidence: Confidence } | null {
  NUMBER.lastIndex = from;
  for (let m = NUMBER.exec(s); m; m = NUMBER.exec(s)) {
    const groups = m[1]!.split(/\s?[-–./]\s?/);
    const read = groups.map((g) => readDigits(g));
    if (read.some((r) => !r) || !/\d/.test(m[1]!)) continue;
    const confidence = Math.min(...read.map((r) => r!.confidence));
    if (confidence < 0.8) continue;
    return { number: canonicalNumber(read.map((r) => r!.digits).join('-')), index: m.index, confidence };
  }
  return null;
}

/**
 * A number printed right after the type with no `n°`, before its date, as reprints print it:
 * `Dahir 1-74-240 du …`, `Décret royal 296-67 du …`.
 */
const BARE_NUMBER = /^(\s+(?:royal\s+)?)(\d+(?:-\d+){1,2})(?=\s+du\s)/u;

function readBareNumber(rest: string): { number: string; index: number; confidence: Confidence } | null {
  const m = BARE_NUMBER.exec(rest);
  return m ? { number: canonicalNumber(m[2]!), index: m[1]!.length, confidence: 0.9 } : null;
}

const PROMULGATED: readonly (readonly [string, TextType])[] = [
  ['loi organique', 'loi-organique'],
  ['loi cadre', 'loi-cadre'],
  ['loi', 'loi'],
];

/**
 * Texts without a number of their own that a dahir promulgates or publishes, by the words that
 * name them: `portant promulgation du texte de la Constitution`, `portant publication de la
 * Convention / de l'Accord / du Protocole …`.
 */
const PUBLISHED: readonly (readonly [string, TextType])[] = [
  ['constitution', 'constitution'],
  ['convention', 'convention'],
  ['accord', 'accord'],
  ['protocole', 'protocole'],
];

/**
 * A number sign followed by a word, not figures (`loi n relative à …`, `loi n° portant …`): a copy
 * (a web host, a transcription) dropped the number it printed.
 */
const NUMBER_DROPPED = /^\s+[nN](?:°|º|o)?\s+(?:\p{Ll}{3,}(?=[\s,;.]|$)|[dl]['’]\p{L})/u;

/** Words that may stand between `promulgation`/`publication` and what it names. */
const MAX_WORDS_TO_CITED = 6;

/**
 * `… portant promulgation de la loi n° 09-08 relative à …`: the loi named after `promulgation`;
 * `… portant promulgation du texte de la Constitution`, `… portant publication de la Convention …`:
 * the text without a number of its own that the dahir promulgates or publishes.
 */
function readPromulgated(title: string): TextHeader['promulgates'] {
  const words = [...title.matchAll(/\S+/g)];
  const at = words.findIndex(
    (w) => matchWord(w[0], 'promulgation') > 0 || matchWord(w[0], 'publication') > 0,
  );
  if (at < 0) return undefined;
  for (const w of words.slice(at + 1, at + 1 + MAX_WORDS_TO_CITED)) {
    // `de l'Accord`: the article elided onto the word.
    const rest = title.slice(w.index).replace(/^[ld][''’]/i, '');
    for (const [phrase, type] of PROMULGATED) {
      const m = matchPhrase(rest, phrase);
      if (!m || /^\p{L}/u.test(rest.slice(m.length))) continue;
      const number = readTextNumber(rest, m.length);
      const cited = rest.replace(/[.;\s]+$/, '');
      const named = cited.charAt(0).toUpperCase() + cited.slice(1);
      if (number && number.index <= m.length + 2) return { type, number: number.number, title: named };
      // `la loi n relative à …`: the number sign printed, its figures dropped by the copy.
      return NUMBER_DROPPED.test(rest.slice(m.length)) ? { type, number: null, title: named } : undefined;
    }
    for (const [phrase, type] of PUBLISHED) {
      const m = matchPhrase(rest, phrase);
      if (!m || /^\p{L}/u.test(rest.slice(m.length))) continue;
      const cited = type === 'constitution' ? 'Constitution' : rest.replace(/[.;\s]+$/, '');
      return { type, number: null, title: cited.charAt(0).toUpperCase() + cited.slice(1) };
    }
  }
  return undefined;
}

/**
 * Parses a header sentence. The text's own number is the `n°` before its date (in
 * `Dahir du … portant promulgation de la loi n° 5-96` the number is the loi's); a
 * rectificatif's `n°` is the issue it corrects. A header with neither number nor date is
 * not a header (`AVIS ET COMMUNICATIONS`).
 */
/** A header's title without the period that closes the header sentence: titles are cited without it. */
export function headerTitle(joined: string): string {
  return joined.trim().replace(/\s*[.؛;]+$/u, '');
}

export function parseTextHeader(title: string): TextHeader | null {
  const keyword = readHeaderKeyword(title);
  if (!keyword) return null;
  const rest = title.slice(title.length - title.trimStart().length + keyword.length);
  const printed = parseFrenchDate(rest);
  const found = readBareNumber(rest) ?? readTextNumber(rest);
  const own =
    found && keyword.type !== 'rectificatif' && (!printed || found.index < printed.start) ? found : null;
  // A date after another text's number is that text's (`Loi n° 57-02 modifiant le dahir n° 1-58-376 du …`).
  const cited = own && printed ? readTextNumber(rest, own.index + 1) : null;
  if (own && cited && printed && cited.index < printed.start) {
    const sideBySide = readSideBySide(title, rest, keyword, own, cited, printed);
    if (sideBySide) return sideBySide;
  }
  const citedDate = cited && printed && cited.index < printed.start;
  // `Loi n° 37-99 relative à … promulguée par le dahir n° 1-02-239 du 25 rejeb 1423 (3 octobre
  // 2002)`: a loi is dated by the dahir that promulgates it, named in its title.
  const byDahir = citedDate && own && PROMULGATED_BY.test(rest.slice(own.index, cited.index));
  const date = citedDate && !byDahir ? null : printed;
  if (!own && !date) return null;
  const notes = [...(date?.notes ?? [])];
  if (byDahir) notes.push(`dated by its promulgating dahir n° ${cited.number}, which its title names`);
  const header: TextHeader = {
    type: keyword.type,
    number: own?.number ?? null,
    title: headerTitle(title),
    signedOn: date?.gregorian ?? null,
    hijriDate: date?.hijriText ?? null,
    confidence: Math.min(keyword.confidence, own?.confidence ?? 1, date?.confidence ?? 1),
    notes,
  };
  if (keyword.type === 'dahir' || keyword.type === 'dahir-portant-loi') {
    const promulgates = readPromulgated(rest);
    if (promulgates) header.promulgates = promulgates;
  }
  return header;
}

/** `… promulguée par le dahir` right before the cited number: the loi's promulgating dahir. */
const PROMULGATED_BY = /promulgu\p{L}*\s+par\s+(?:le\s+)?dahir\s*$/iu;

/** Words after the type keyword that a second title set beside the first repeats (`du ministre de`). */
const SIDE_BY_SIDE_WORDS = 3;

/** Confidence of headers whose titles were read across two columns. */
const SIDE_BY_SIDE_CONFIDENCE = 0.6;

/**
 * Two headers set side by side in two columns and read across them, line by line (`Arrete du
 * ministre de …, du Arrete du ministre de …, du developpement rural … n° 3582-18 du developpement
 * rural … n° 3585-18 du 22 rabii I 1440 (30 novembre 2018) modifiant et completant 25 rabii I 1440
 * (3 decembre 2018) …`): before the first date, the title opens again with its own keyword and
 * words, capitalised (a citation is worded `de l'arrêté …` and comes after the date), and two
 * numbers follow, each the `n° … du` of a text's own. The first number takes the first date and
 * the second the next one, when it comes before any other number; both headers keep the title as
 * read and are flagged. Null when the title is not so made.
 */
function readSideBySide(
  title: string,
  rest: string,
  keyword: { type: TextType; confidence: Confidence },
  own: { number: string; index: number; confidence: Confidence },
  second: { number: string; index: number; confidence: Confidence },
  printed: NonNullable<ReturnType<typeof parseFrenchDate>>,
): TextHeader | null {
  const opening = (s: string) => fold(s).split(/\s+/).filter(Boolean).slice(0, SIDE_BY_SIDE_WORDS).join(' ');
  const words = opening(rest);
  const again = [...rest.slice(0, own.index).matchAll(/\s(?=\p{Lu})/gu)].some((m) => {
    const at = rest.slice(m.index + 1);
    const k = readHeaderKeyword(at);
    return k?.type === keyword.type && opening(at.slice(k.length)) === words;
  });
  // Each number is a text's own, its date to come: `n° 3582-18 du`.
  const ownShaped = (n: { index: number }) => /^\s*[^\s]+\s*[^\s]*?\s+du\s/u.test(rest.slice(n.index));
  if (!again || !ownShaped(own) || !ownShaped(second)) return null;
  const after = rest.slice(printed.end);
  const next = parseFrenchDate(after);
  const beyond = readTextNumber(after);
  const nextDate = next && (!beyond || next.start < beyond.index) ? next : null;
  const made = (
    number: { number: string; confidence: Confidence },
    date: typeof printed | null,
    other: string,
  ): TextHeader => ({
    type: keyword.type,
    number: number.number,
    title: headerTitle(title),
    signedOn: date?.gregorian ?? null,
    hijriDate: date?.hijriText ?? null,
    confidence: Math.min(
      keyword.confidence,
      number.confidence,
      date?.confidence ?? 1,
      SIDE_BY_SIDE_CONFIDENCE,
    ),
    notes: [
      ...(date?.notes ?? []),
      `its title and that of ${other}, set side by side, were read across both columns: titles kept as read, check them`,
      ...(date ? [] : ['signing date not read apart from the other title’s']),
    ],
  });
  const first = made(
    own,
    printed,
    headerId({ type: keyword.type, number: second.number, signedOn: null, title }),
  );
  const beside = made(
    second,
    nextDate,
    headerId({ type: keyword.type, number: own.number, signedOn: null, title }),
  );
  return { ...first, beside };
}

/** Id of a parsed header (the fallback id for a text without a number). */
export function headerId(header: Pick<TextHeader, 'type' | 'number' | 'signedOn' | 'title'>): string {
  return textId(header.type, header.number, { signedOn: header.signedOn, title: header.title });
}

/** Lines that open the body of a text: recitals, the royal preamble, the authority that enacts. */
const BODY_OPENINGS = [
  'vu',
  'louange à dieu',
  "que l'on sache",
  'le chef du gouvernement',
  'le premier ministre',
  'est promulguée',
  'est promulgué',
];

/**
 * The authority an arrêté or a décision opens with, printed in capitals (`LE MINISTRE DE
 * L'INTÉRIEUR,`, `LA MINISTRE DE L'ÉCONOMIE ET DES FINANCES,`): a body opening, unlike an
 * article's sentence in lower case (`Le ministre de l'intérieur est chargé de l'exécution …`).
 */
const AUTHORITIES = [
  'le ministre',
  'la ministre',
  'les ministres',
  "le secrétaire d'état",
  "la secrétaire d'état",
  'le haut commissaire',
];

/** Whether `s` starts with one of `phrases`, a whole word at its end. */
function startsWithPhrase(s: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => {
    const m = matchPhrase(s, phrase);
    return m !== null && !/^\p{L}/u.test(s.slice(m.length));
  });
}

/** Enacting words, alone on their line (`DÉCRÈTE :`), unlike the text types they resemble. */
const ENACTING_WORDS = ['décrète', 'arrête', 'décide', 'a décidé ce qui suit', 'arrêtent', 'décident'];

/** Whether a line opens the body of a text (`Vu …`, `DÉCRÈTE :`, `LOUANGE A DIEU SEUL !`, `LE MINISTRE DE …,`…). */
export function isBodyMarker(line: string): boolean {
  const s = line.trim();
  return (
    startsWithPhrase(s, BODY_OPENINGS) ||
    (isMostlyUpperCase(s) && startsWithPhrase(s, AUTHORITIES)) ||
    ENACTING_WORDS.some((words) => {
      const m = matchPhrase(s, words);
      return m !== null && /^\s*:?\s*$/.test(s.slice(m.length));
    })
  );
}

/** Lines a header sentence may span. */
export const MAX_TITLE_LINES = 8;

/** Whether a line ends a sentence (not an abbreviation like `M.` or `n.`). */
function endsSentence(line: string): boolean {
  return /\.\s*$/.test(line) && !/(?:^|\s)(?:\p{Lu}|n|art|MM?)\.\s*$/u.test(line);
}

/**
 * How many lines from `start` the header sentence spans: up to the line ending with a
 * period, or before a line that opens a body, a heading or another header.
 */
export function headerSpan(
  lines: readonly string[],
  start: number,
  isBoundary: (line: string) => boolean,
): number {
  let end = start + 1;
  while (end < lines.length && end - start < MAX_TITLE_LINES && !endsSentence(lines[end - 1]!)) {
    const next = lines[end]!;
    // After a comma, a line in lower case goes on with the sentence: `… la République du
    // Sénégal,` / `fait à Rabat le 20 septembre 2006.` names a treaty, no signature block.
    const goesOn = /,\s*$/.test(lines[end - 1]!) && /^\p{Ll}/u.test(next.trim());
    if (!goesOn && (isBoundary(next) || isBodyMarker(next) || isMostlyUpperCase(next))) break;
    if (opensAmendmentList(next)) break;
    end++;
  }
  return end - start;
}

/** Words at most in the line that opens a consolidated copy's list of amending texts. */
const AMENDMENT_LIST_WORDS = 10;

/**
 * Whether a line opens a consolidated copy's list of the texts that amended the one it prints
 * (`كما تم تعديله ب:`, `كما وقع تغييره وتتميمه بمقتضى:`, `Tel qu'il a été modifié et complété par :`):
 * a short line ending with a colon, the list following. A title never runs into it: the list
 * cites other texts, with their dates and numbers, which would be taken for the title's own.
 */
export function opensAmendmentList(line: string): boolean {
  const s = line.trim();
  if (!/:\s*$/.test(s) || s.split(/\s+/).length > AMENDMENT_LIST_WORDS) return false;
  return (
    /^كما\s+(?:تم|وقع)\s+(?:تعديل|تغيير|تتميم|نسخ)/u.test(s) ||
    /^tel(?:le)?s?\s+qu['’](?:il|elle)s?\s+(?:a|ont)\s+été\s+(?:modifi|compl)/iu.test(s)
  );
}

/** Whether the line before a header closes what came before (headers never continue a sentence). */
export function closesBlock(previous: string | undefined): boolean {
  if (previous === undefined) return true;
  const s = previous.trim();
  // A line of figures alone is a page number a copy printed among its lines (`709`), no sentence.
  return /[.;:!?»)*؛؟]$/.test(s) || isMostlyUpperCase(s) || fold(s) === '' || /^\d{1,5}$/.test(s);
}
