/**
 * Resolution of a cited text to an identifier among the texts known. A numbered reference
 * names its id directly; a date-only one (`le dahir du 15 novembre 1958`) only when exactly
 * one known text of that type was signed that day. An unresolved reference keeps its reason
 * and is resolved again when more texts are known, so the order texts arrive in never
 * changes the outcome.
 */
import { textId } from '../ids.js';
import type { TextType } from '../model.js';
import type { CitedText } from './links.js';

/** What resolution needs to know about a text. */
export interface KnownText {
  id: string;
  type: TextType;
  number: string | null;
  signedOn: string | null;
}

/** Why a reference is not (yet) resolved. */
export type UnresolvedReason = 'not-ingested' | 'ambiguous-date';

/**
 * `textId` null when the reference names no single text; `reason` non-null while the target
 * is not in the archive (a numbered target already has its id then).
 */
export interface Resolution {
  textId: string | null;
  reason: UnresolvedReason | null;
}

/** Types cited interchangeably: a `dahir portant loi` is also cited as a `dahir`. */
const FAMILY: Partial<Record<TextType, string>> = { 'dahir-portant-loi': 'dahir' };
const family = (type: TextType) => FAMILY[type] ?? type;

/**
 * Resolves `cited` against `known` (candidates the caller found by number, or by type and
 * date). A numbered text is resolved to its id even before it is ingested, with reason
 * `not-ingested` so callers can tell.
 */
export function resolveCited(cited: CitedText, known: readonly KnownText[]): Resolution {
  if (cited.number) {
    const same = known.filter((k) => k.number === cited.number && family(k.type) === family(cited.type));
    if (same.length >= 1) return { textId: same[0]!.id, reason: null };
    return { textId: textId(cited.type, cited.number), reason: 'not-ingested' };
  }
  const dated = known.filter((k) => k.signedOn === cited.date && family(k.type) === family(cited.type));
  if (dated.length === 1) return { textId: dated[0]!.id, reason: null };
  return { textId: null, reason: dated.length > 1 ? 'ambiguous-date' : 'not-ingested' };
}
