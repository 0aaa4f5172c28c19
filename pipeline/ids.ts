/**
 * Identifiers of DESIGN.md, and the canonical forms that make the French and Arabic
 * editions of one text meet: `1.58.376` (Arabic) = `1-58-376` (French).
 */
import { createHash } from 'node:crypto';
import type { BulletinKey, Edition, TextType } from './model.js';
import { titleKey } from './title-key.js';

/** Suffixes of extra issues and of inserted articles, in order. */
export const SUFFIXES = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'nonies',
  'decies',
] as const;

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/** Replaces Arabic-Indic (٠–٩) and extended Arabic-Indic (۰–۹) digits by Western ones. */
export function toWesternDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/**
 * Canonical hyphen form of a text number, whatever the edition wrote.
 *
 * @example canonicalNumber('1.58.376') // '1-58-376'
 * @example canonicalNumber('٠٩.٠٨') // '09-08'
 */
export function canonicalNumber(raw: string): string {
  return (
    toWesternDigits(raw)
      .trim()
      .toLowerCase()
      // What OCR reads for the dots: `29_53`, `2.15:629`, `95,07`, the Arabic decimal and thousands marks.
      .replace(/[.\u2010-\u2015/\s_:,\u060c\u066b\u066c-]+/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}

/** Lower-case, accent-free slug: used for suffixes and hashes of titles. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `bo-fr-6280`, `bo-ar-2404-bis`. */
export function bulletinId(key: BulletinKey): string {
  return `bo-${key.edition}-${key.number}${key.suffix ? `-${key.suffix}` : ''}`;
}

/**
 * The number of an issue no page or file name identifies (a partial copy: a sommaire page, a
 * single text, a reprint); its suffix is the first 8 hex digits of the file's sha256, so the
 * id reads `bo-fr-unidentified-1a2b3c4d` and two such files stay apart.
 */
export const UNIDENTIFIED_NUMBER = 'unidentified';

/** The key of an unidentified issue of `edition` read from the file of hash `sha256`. */
export function unidentifiedBulletin(edition: Edition, sha256: string): BulletinKey {
  return { edition, number: UNIDENTIFIED_NUMBER, suffix: sha256.slice(0, 8) };
}

/** Whether a key or id is of an unidentified issue ({@link unidentifiedBulletin}). */
export function isUnidentified(key: BulletinKey | string): boolean {
  return (typeof key === 'string' ? parseBulletinId(key)?.number : key.number) === UNIDENTIFIED_NUMBER;
}

/** Inverse of {@link bulletinId}; null when the id is not one. */
export function parseBulletinId(id: string): BulletinKey | null {
  const m = /^bo-(fr|ar)-(?:(\d+)(?:-([a-z]+))?|(unidentified)-([0-9a-f]{8}))$/.exec(id);
  if (!m) return null;
  const key: BulletinKey = { edition: m[1] as Edition, number: m[2] ?? m[4]! };
  const suffix = m[3] ?? m[5];
  if (suffix) key.suffix = suffix;
  return key;
}

/** Words a BO-shaped file name may hold besides the number, edition and suffix. */
const FILE_NAME_WORDS = new Set(['bo', 'bulletin', 'officiel', 'bulletinofficiel']);

/**
 * Guesses edition, number and suffix from a file name as archives write them:
 * `BO_7140_bis_Fr.pdf`, `bo-fr-6280.pdf`, `bis-6204.pdf`, `2404-bis_ar.pdf`. A file name is
 * evidence, not truth: only a BO-shaped name (one number, without a leading zero, beside
 * nothing but `bo`, `bulletin officiel`, an edition and a suffix) gives a number and suffix;
 * `scan_0001.pdf` and `bulletin-officiel-fr-2015-04-16.pdf` (a date) give none. Any name may
 * give the edition.
 */
export function guessBulletinFromFileName(fileName: string): Partial<BulletinKey> {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[a-z0-9]+$/i, '')
    .toLowerCase();
  const guess: Partial<BulletinKey> = {};
  const numbers: string[] = [];
  let suffix: string | undefined;
  let shaped = true;
  for (const t of base.split(/[^a-z0-9]+/).filter(Boolean)) {
    if (t === 'fr' || t === 'ar') guess.edition = t;
    else if (/^\d+$/.test(t)) numbers.push(t);
    else if ((SUFFIXES as readonly string[]).includes(t)) suffix = t;
    else if (!FILE_NAME_WORDS.has(t)) shaped = false;
  }
  if (shaped && numbers.length === 1 && /^[1-9]\d{0,4}$/.test(numbers[0]!)) {
    guess.number = numbers[0]!;
    if (suffix) guess.suffix = suffix;
  }
  return guess;
}

/** Text types that share a number series with another and take its prefix in ids. */
const ID_PREFIX: Partial<Record<TextType, string>> = {
  // Dahirs and dahirs portant loi share the 1-YY-NNN series and are cited both ways.
  'dahir-portant-loi': 'dahir',
};

/** Types of which one text at most is made a year, named by it: `constitution-2011`. */
const ONE_A_YEAR: ReadonlySet<TextType> = new Set(['constitution']);

/**
 * `{type}-{number}`; the Constitution: `constitution-{yyyy}`; any other text without a number: `{type}-{yyyy-mm-dd}-{short hash of its title}`,
 * the title reduced to the words OCR rarely damages ({@link titleKey}).
 *
 * @example textId('dahir', '1.58.376') // 'dahir-1-58-376'
 */
export function textId(
  type: TextType,
  number: string | null,
  fallback?: { signedOn: string | null; title: string },
): string {
  const prefix = ID_PREFIX[type] ?? type;
  if (number) return `${prefix}-${canonicalNumber(number)}`;
  if (ONE_A_YEAR.has(type) && fallback?.signedOn) return `${prefix}-${fallback.signedOn.slice(0, 4)}`;
  const date = fallback?.signedOn ?? 'undated';
  const hash = createHash('sha256')
    .update(titleKey(fallback?.title ?? ''))
    .digest('hex')
    .slice(0, 8);
  return `${prefix}-${date}-${hash}`;
}

/**
 * The shapes each numbered series prints (BO-FORMAT.md), canonical: dahirs `1-YY-NNN`, decrees
 * `2-YY-NNNN` (royal decrees of the 1960s `NNN-YY`), lois `NN-YY`, arrêtés `NNNN-YY` (the Chef du
 * gouvernement's `3-YY-NN`). Types without a series are absent.
 */
const NUMBER_SERIES: Partial<Record<TextType, RegExp>> = {
  dahir: /^1-\d{2}-\d{1,4}$/,
  'dahir-portant-loi': /^1-\d{2}-\d{1,4}$/,
  decret: /^(?:2-\d{2}-\d{1,4}|\d{1,4}-\d{2})$/,
  loi: /^\d{1,3}-\d{2}$/,
  'loi-organique': /^\d{1,3}-\d{2}$/,
  'loi-cadre': /^\d{1,3}-\d{2}$/,
  arrete: /^(?:\d{1,4}-\d{2}|3-\d{2}-\d{1,4})$/,
  'arrete-conjoint': /^\d{1,4}-\d{2}$/,
};

/**
 * Whether a canonical number has a shape its type's series prints: OCR that invents or drops
 * a digit often leaves one it never prints (`42131-09` for the arrêté `4131-09`).
 *
 * @example fitsNumberSeries('arrete', '4131-09') // true
 * @example fitsNumberSeries('arrete', '42131-09') // false
 */
export function fitsNumberSeries(type: TextType, number: string): boolean {
  return NUMBER_SERIES[type]?.test(number) ?? true;
}

const FIRST_WORDS = new Set(['premier', 'premiere', '1er', '1re', 'الأولى', 'الأول', 'الاولى', 'الاول']);
const UNIQUE_WORDS = new Set(['unique', 'الوحيدة', 'الفريدة', 'فريدة', 'وحيدة']);
const ARABIC_SUFFIXES: Record<string, string> = { مكرر: 'bis', 'مكرر مرتين': 'ter', مكررة: 'bis' };

/**
 * Canonical article number: `premier` → `1`, `12 bis` → `12-bis`, `unique`, `المادة 5 مكرر` → `5-bis`.
 * Returns null when the input holds no article number.
 */
export function canonicalArticleNumber(raw: string): string | null {
  const s = toWesternDigits(raw)
    .normalize('NFC')
    .trim()
    // The canonical form itself (`12-bis`) reads back as `12 bis`.
    .replace(/^(\d+)-(?=\p{L})/u, '$1 ')
    .replace(/\s+/g, ' ')
    .replace(/[.:–—-]+$/, '')
    .trim();
  let base: string | null = null;
  let rest = '';
  const lower = slug(s.split(' ')[0] ?? '');
  const firstToken = s.split(' ')[0] ?? '';
  if (FIRST_WORDS.has(lower) || FIRST_WORDS.has(firstToken)) base = '1';
  else if (UNIQUE_WORDS.has(lower) || UNIQUE_WORDS.has(firstToken)) base = 'unique';
  else {
    const m = /^(\d+)(?:\s*(?:er|e|re))?\b/.exec(s);
    // Leading zeros off as strings: Number() would print a long run of digits as `3e+21`.
    if (m) base = m[1]!.replace(/^0+(?=\d)/, '');
  }
  if (base === null) return null;
  rest = s.split(' ').slice(1).join(' ').trim();
  const latin = slug(rest).split('-')[0] ?? '';
  if ((SUFFIXES as readonly string[]).includes(latin)) return `${base}-${latin}`;
  const arabic = ARABIC_SUFFIXES[rest];
  if (arabic) return `${base}-${arabic}`;
  return base;
}

/** `loi-09-08/art-1`. */
export function articleId(textIdValue: string, articleNumber: string): string {
  return `${textIdValue}/art-${articleNumber}`;
}
