/** The amendment stage's entry point for one text: the parser of its language. */
import type { LegalText } from '../model.js';
import type { TextLinks } from './links.js';
import { parseArabicLinks } from './parse-arabic.js';
import { parseFrenchLinks } from './parse-french.js';

/** Operations, citations and entry into force read from one expression of a text. */
export function parseTextLinks(text: LegalText): TextLinks {
  return text.language === 'ar' ? parseArabicLinks(text) : parseFrenchLinks(text);
}
