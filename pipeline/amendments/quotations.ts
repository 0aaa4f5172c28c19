/**
 * New wording quoted in an amending article, between « and »: the Bulletin officiel opens
 * every quoted paragraph with « and closes only the last with », and quotes whole articles
 * under their own heading (`« Article 5. – …`).
 */
import { canonicalArticleNumber } from '../ids.js';

/** One quoted article, or quoted paragraphs without a heading (`article` null). */
export interface QuotedWording {
  article: string | null;
  body: string;
  /** Its alinéas, each opened by its own «; joined by spaces they read as `body`. */
  paragraphs: string[];
}

/** Marks where a quoted alinéa ends: a private-use character, not whitespace, so spacing rules leave it alone. */
const BREAK = '\ue000';

/** The quotation of `printed`, each alinéa's end marked by {@link BREAK}. */
function markedQuotation(printed: string): string | null {
  const open = printed.indexOf('«');
  const close = printed.lastIndexOf('»');
  if (open < 0 || close <= open) return null;
  return (
    printed
      .slice(open + 1, close)
      // « opening a later paragraph follows the end of the previous one.
      .replace(/([.:;!?)])\s*«\s*/g, `$1${BREAK}`)
      .replace(/\s+/g, ' ')
      .replace(/ ?\ue000 ?/g, BREAK)
      .trim()
  );
}

/** The quotation of `printed`: from its first « to its last », paragraph openers removed. */
export function quotation(printed: string): string | null {
  return markedQuotation(printed)?.replaceAll(BREAK, ' ') ?? null;
}

const QUOTED_HEADING =
  /(?:^|\s|\ue000)(?:Article|ARTICLE|ART\.)\s+(premier|PREMIER|1er|\d+(?:\s+(?:bis|ter|quater|quinquies|sexies))?)\s*\.?\s*[–—-]\s*/g;

function wording(article: string | null, marked: string): QuotedWording {
  const paragraphs = marked
    .replace(/\s*»?\s*«?\s*$/, '')
    .split(BREAK)
    .map((p) => p.trim())
    .filter(Boolean);
  return { article, body: paragraphs.join(' '), paragraphs };
}

/**
 * Splits a quotation into the articles it quotes under their headings; a quotation without
 * a heading is one block of paragraphs.
 */
export function quotedWordings(printed: string): QuotedWording[] {
  const quoted = markedQuotation(printed);
  if (quoted === null) return [];
  const headings = [...quoted.matchAll(QUOTED_HEADING)];
  if (headings.length === 0 || headings[0]!.index !== 0) return [wording(null, quoted)];
  return headings.map((h, i) =>
    wording(
      canonicalArticleNumber(h[1]!),
      quoted.slice(h.index + h[0].length, headings[i + 1]?.index ?? quoted.length),
    ),
  );
}
