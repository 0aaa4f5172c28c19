/**
 * Types of what the amendment stage reads from a text: the operations its articles make
 * on other texts, the texts it cites, and when it enters into force.
 */
import type { AmendmentKind, Confidence, Language, TextType } from '../model.js';

/** A text as a reference names it: type and number, or type and signature date. */
export interface CitedText {
  type: TextType;
  /** Canonical number; null when named by date only. */
  number: string | null;
  /** Signature date, ISO, when printed. */
  date: string | null;
}

/** Words replaced in an article's previous wording. */
export interface Substitution {
  from: string;
  to: string;
}

/** One change an article of the amending text makes to another text. */
export interface AmendmentOperation {
  kind: AmendmentKind;
  /** Article of the amending text; null for a note or a title. */
  byArticle: string | null;
  target: CitedText;
  /** Article of the target; null when the whole text is targeted. */
  targetArticle: string | null;
  /**
   * `amended`/`replaced`/`inserted`: the new wording; `completed`: the paragraphs added at
   * its end. Absent when the operation gives no wording (abrogation, renumbering, substitution).
   */
  body?: string;
  /** The alinéas of `body` as quoted (each opened by its own «), when there are several. */
  paragraphs?: string[];
  /** Partial substitutions applied to the previous wording. */
  substitutions?: Substitution[];
  /** `renumbered`: the article's new number. */
  newNumber?: string;
  /**
   * The alinéa of the target article the operation is on (1 = first, enumerated items
   * counted as alinéas): `l'alinéa 2 de l'article 5 est abrogé`, `الفقرة الثانية من المادة 5`.
   * Absent: the whole article (or, `completed`, its end).
   */
  paragraph?: number;
  /**
   * The last alinéa of the target article, whichever its number when amended: `le dernier
   * alinéa de l'article 5`, `الفقرة الأخيرة من المادة 5`.
   */
  lastParagraph?: true;
  /** The enumerated item the operation is on, as printed: `3°`, `b)`. */
  item?: string;
  confidence: Confidence;
}

/** The part of its target article an operation is on: an alinéa (by number, or the last) or an item. */
export type ParagraphTarget = Pick<AmendmentOperation, 'paragraph' | 'lastParagraph' | 'item'>;

/** Whether an operation is on part of its article (an alinéa or an item), not the whole of it. */
export function onPartOfArticle(op: ParagraphTarget): boolean {
  return op.paragraph !== undefined || op.lastParagraph === true || op.item !== undefined;
}

/** Relation of a citing text to the text it names (title-level and visas included). */
export type CitationRelation = 'cites' | 'amends' | 'abrogates';

export interface Citation {
  byArticle: string | null;
  relation: CitationRelation;
  target: CitedText;
  targetArticle: string | null;
}

/** Everything the amendment stage reads from one expression of one text. */
export interface TextLinks {
  textId: string;
  language: Language;
  operations: AmendmentOperation[];
  citations: Citation[];
  /** Entry into force when the text sets one (`à compter du …`); null: its publication date. */
  inForceFrom: string | null;
}
