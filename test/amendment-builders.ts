/** Test data in a line each: operations on loi 09-08, and article lists. */
import type { AmendmentOperation } from '../pipeline/amendments/links.js';

/**
 * An operation read with full confidence from article `byArticle` of an amending text, on
 * article `targetArticle` of loi 09-08.
 *
 * @example onLoi0908('amended', '1', '5', { body: 'nouveau' })
 */
export function onLoi0908(
  kind: AmendmentOperation['kind'],
  byArticle: string,
  targetArticle: string,
  more: Partial<AmendmentOperation> = {},
): AmendmentOperation {
  return {
    kind,
    byArticle,
    target: { type: 'loi', number: '09-08', date: null },
    targetArticle,
    confidence: 1,
    ...more,
  };
}

/** Articles from `[number, body]` pairs, in printed order. */
export function articles(...pairs: [string, string][]): { number: string; body: string }[] {
  return pairs.map(([number, body]) => ({ number, body }));
}
