/**
 * Text-layer triage: whether the text a PDF carries is real text worth trusting or the
 * usual debris of born-digital Arabic PDFs and bad OCR layers (presentation-form glyphs,
 * lines stored backwards, broken lam-alef, replacement and private-use characters).
 * A first, rule-based version: every figure it used is kept with the decision.
 */
import type { OcrLanguage } from './model.js';

/** The figures a decision was made from, kept in the page's provenance. */
export interface TextLayerScore {
  /** 0..1; the layer is trusted at {@link TRUST_THRESHOLD} and above. */
  score: number;
  trusted: boolean;
  /** Non-space characters looked at. */
  characters: number;
  /** Letters among non-space characters. */
  letterRatio: number;
  /** Words found in the common-word lists, among words of two letters or more. */
  dictionaryRatio: number;
  /** Replacement, private-use and control characters among non-space characters. */
  junkRatio: number;
  /** Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) among non-space characters. */
  presentationFormRatio: number;
  /** Lines that read as common words only when reversed. */
  reversedLineRatio: number;
  /** Decomposed lam-alef (`األ` for `الأ`) per word. */
  brokenLigatureRatio: number;
  /**
   * Numbers stuck to an Arabic letter or to a parenthesis on the wrong side (`81يونيو`,
   * `)1966`), among numbers: what extraction in visual order does to Arabic dates and
   * figures. 0 when the layer has fewer than {@link MIN_NUMBERS} numbers.
   */
  scrambledNumberRatio: number;
  /** Script of most letters. */
  script: OcrLanguage;
}

/** Score at which a text layer is trusted. */
export const TRUST_THRESHOLD = 0.5;
/** Below this many letters a layer is not trusted: scans often carry just a stray page number. */
const MIN_LETTERS = 20;
/** Share of common words in ordinary running text of either language (measured on legal texts: 0.3–0.45). */
const EXPECTED_DICTIONARY_RATIO = 0.2;
const EXPECTED_LETTER_RATIO = 0.6;
/** Fewer numbers than this say nothing about their order. */
const MIN_NUMBERS = 5;

// The most frequent words of French and Arabic legal prose: enough to tell text from debris.
const FRENCH_WORDS = new Set(
  (
    'le la les de des du un une et en à au aux par pour sur dans qui que est sont ou il elle ils ne pas ' +
    'ce cette ces son sa ses leur leurs se plus être été a avec sans sous entre dont comme tout tous ' +
    'article articles loi lois dahir décret arrêté ministre présent présente dispositions vu chapitre ' +
    "titre section royaume maroc bulletin officiel n° l' d' qu' s' n' j' c'"
  ).split(' '),
);
const ARABIC_WORDS = new Set(
  (
    'في من على إلى أن عن التي الذي الذين ما لا أو هذا هذه ذلك تلك كل بين أي قد كما بعد قبل ' +
    'إن مع عند غير رقم المادة القانون الظهير الشريف المرسوم الفصل الباب القسم بتاريخ الصادر ' +
    'الجريدة الرسمية عدد وزير الوزير المملكة المغربية يتعلق بمثابة بتنفيذ ' +
    'له به فيه فيها هو هي كان لم لن ثم حيث إلا حتى منذ عليه عليها بموجب بمقتضى بناء طبقا وفق ' +
    'الدولة الحكومة العامة المالية السنة الملكي الله بن'
  ).split(' '),
);

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const JUNK = /[\uFFFD\uE000-\uF8FF\u{F0000}-\u{10FFFD}\p{Cc}]/gu;
const BROKEN_LAM_ALEF = /[اأإآ][أإآ]ل/gu;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const NUMBER = /\d+(?:[.,/-]\d+)*/g;

/** Scores a page's text layer, given as its lines. */
export function scoreTextLayer(lines: string[]): TextLayerScore {
  const text = lines.join('\n');
  const visible = text.replace(/\s+/g, '');
  const characters = [...visible].length;
  const letters = [...visible].filter((c) => /\p{L}/u.test(c));
  const arabicLetters = letters.filter((c) => ARABIC_LETTER.test(c)).length;
  const script: OcrLanguage = arabicLetters * 2 > letters.length ? 'ara' : 'fra';
  const words = tokenize(text);
  let known = 0;
  for (const w of words) if (isCommonWord(w)) known += 1;
  const count = (re: RegExp, within = text): number => within.match(re)?.length ?? 0;
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);

  const letterRatio = ratio(letters.length, characters);
  const dictionaryRatio = ratio(known, words.length);
  const junkRatio = ratio(count(JUNK, visible), characters);
  const presentationFormRatio = ratio(count(PRESENTATION_FORMS, visible), characters);
  const reversedLineRatio = ratio(
    lines.filter(isReversed).length,
    lines.filter((l) => tokenize(l).length > 0).length,
  );
  const brokenLigatureRatio = ratio(count(BROKEN_LAM_ALEF), words.length);
  const scrambledNumberRatio = scrambledNumbers(text);

  const score =
    Math.min(1, dictionaryRatio / EXPECTED_DICTIONARY_RATIO) *
    Math.min(1, letterRatio / EXPECTED_LETTER_RATIO) *
    Math.max(
      0,
      1 -
        50 * junkRatio -
        50 * presentationFormRatio -
        2 * reversedLineRatio -
        10 * brokenLigatureRatio -
        1.5 * scrambledNumberRatio,
    );
  return {
    score,
    trusted: letters.length >= MIN_LETTERS && score >= TRUST_THRESHOLD,
    characters,
    letterRatio,
    dictionaryRatio,
    junkRatio,
    presentationFormRatio,
    reversedLineRatio,
    brokenLigatureRatio,
    scrambledNumberRatio,
    script,
  };
}

/**
 * Share of numbers whose neighbours betray visual-order extraction. Real French laws
 * measure 0–0.04; the real Arabic extractions of fixtures/real/legal-texts-ma 0.4–0.7.
 */
function scrambledNumbers(text: string): number {
  let numbers = 0;
  let scrambled = 0;
  for (const match of text.matchAll(NUMBER)) {
    numbers += 1;
    const before = text[match.index - 1] ?? ' ';
    const after = text[match.index + match[0].length] ?? ' ';
    if (ARABIC_LETTER.test(before) || ARABIC_LETTER.test(after) || before === ')' || after === '(')
      scrambled += 1;
  }
  return numbers < MIN_NUMBERS ? 0 : scrambled / numbers;
}

/** Script of most letters of a text: `ara` when Arabic letters are the majority, else `fra`. */
export function dominantScript(text: string): OcrLanguage {
  return scoreTextLayer([text]).script;
}

function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{M}'’°]+/gu) ?? []).filter((w) => [...w].length >= 2);
}

function isCommonWord(word: string): boolean {
  const w = word.replace(/’/g, "'");
  // Elided articles (l'article, d'une) count by their head word.
  const head = /^[ldjcnsq]u?'/.test(w) ? w.slice(0, w.indexOf("'") + 1) : w;
  return FRENCH_WORDS.has(head) || FRENCH_WORDS.has(w) || ARABIC_WORDS.has(w) || ARABIC_WORDS.has(stripWa(w));
}

/** Arabic conjunction و is written joined to the next word. */
function stripWa(word: string): string {
  return word.startsWith('و') && word.length > 2 ? word.slice(1) : word;
}

/** A line whose words are common only when their characters are reversed. */
function isReversed(line: string): boolean {
  const words = tokenize(line);
  const forward = words.filter(isCommonWord).length;
  const backward = words.filter((w) => isCommonWord([...w].reverse().join(''))).length;
  return backward > forward;
}
