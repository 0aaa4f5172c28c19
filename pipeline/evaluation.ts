/**
 * Scores a pipeline's output against ground truth: OCR character and word error rates,
 * and precision/recall/F1 of texts and articles matched by identifier. Pure functions;
 * `jarida eval` feeds them.
 */
import { distance } from 'fastest-levenshtein';
import { linkArchive, type MemoryArchive } from './amendments/memory-archive.js';
import { type ComputedVersion, versionAt } from './amendments/versions.js';
import { parseIsoDate, toIsoDate } from './calendars.js';
import type { BulletinTruth } from './evaluation-truth.js';
import { articleId } from './ids.js';
import type { Edition, Language, PageArtefact, ParsedBulletin } from './model.js';
import { normalizeForCer } from './normalize.js';
import { pageText } from './page-text.js';

export interface ErrorRate {
  /** Sum of edit distances over the sum of reference lengths. */
  rate: number;
  errors: number;
  length: number;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  predicted: number;
  expected: number;
}

/** Character error rate of one hypothesis against its reference (both already normalised). */
export function characterErrors(reference: string, hypothesis: string): ErrorRate {
  const errors = distance(reference, hypothesis);
  return {
    errors,
    length: reference.length,
    rate: reference.length ? errors / reference.length : errors ? 1 : 0,
  };
}

/**
 * Word error rate: edit distance over words, computed by mapping each distinct word to one
 * private-use character so the same Levenshtein implementation serves both rates.
 */
export function wordErrors(reference: string, hypothesis: string): ErrorRate {
  const codes = new Map<string, string>();
  const encode = (text: string): string =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => {
        let code = codes.get(word);
        if (code === undefined) {
          code = String.fromCodePoint(0xf0000 + codes.size);
          codes.set(word, code);
        }
        return code;
      })
      .join('');
  const ref = encode(reference);
  const hyp = encode(hypothesis);
  // Supplementary-plane characters are two UTF-16 units each: halve both figures.
  const errors = distance(ref, hyp) / 2;
  const length = ref.length / 2;
  return { errors, length, rate: length ? errors / length : errors ? 1 : 0 };
}

/** Adds up error counts of several pages or documents. */
export function sumErrorRates(parts: ErrorRate[]): ErrorRate {
  const errors = parts.reduce((s, p) => s + p.errors, 0);
  const length = parts.reduce((s, p) => s + p.length, 0);
  return { errors, length, rate: length ? errors / length : errors ? 1 : 0 };
}

/** Precision, recall and F1 of a predicted set of keys against the expected set. */
export function precisionRecall(expected: Iterable<string>, predicted: Iterable<string>): PrecisionRecall {
  const want = new Set(expected);
  const got = new Set(predicted);
  let truePositives = 0;
  for (const key of got) if (want.has(key)) truePositives++;
  const precision = got.size ? truePositives / got.size : want.size ? 0 : 1;
  const recall = want.size ? truePositives / want.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePositives, predicted: got.size, expected: want.size };
}

/** One issue to score: its ground truth and what the pipeline made of it (null pages/parse when it failed). */
export interface EvaluatedIssue {
  truth: BulletinTruth;
  pages: PageArtefact[] | null;
  parsed: ParsedBulletin | null;
}

export interface EvaluationReport {
  ocr: { cer: number; wer: number; pages: number };
  texts: PrecisionRecall;
  articles: PrecisionRecall & { bodyCer: number };
  /**
   * Share of matched articles (with alinéas in the truth) cut into as many alinéas and items
   * as printed, each within {@link PARAGRAPH_CER} of the printed one.
   */
  paragraphs: { accuracy: number; articles: number };
  /** Amendment links (amending text and article, kind, target text and article) against the truth's. */
  amendments: PrecisionRecall;
  /** Share of sampled (article, date) pairs whose wording in force (or its absence) matches exactly. */
  versions: { accuracy: number; samples: number };
  /** The same two scores for each edition's issues (links read from its language, versions of its wording). */
  amendmentsByEdition: Partial<Record<Edition, AmendmentScores>>;
  issues: { total: number; failed: number };
}

/**
 * Scores a fixture set: OCR by page text (NFC, whitespace collapsed), texts and articles
 * by identifier within their bulletin, article bodies by CER over the matched articles.
 */
export function evaluateIssues(issues: EvaluatedIssue[]): EvaluationReport {
  const cer: ErrorRate[] = [];
  const wer: ErrorRate[] = [];
  const expectedTexts: string[] = [];
  const predictedTexts: string[] = [];
  /** Article key → body normalised for its edition. */
  const expectedArticles = new Map<string, string>();
  const predictedArticles = new Map<string, string>();
  /** Article key → its alinéas normalised for its edition. */
  const expectedParagraphs = new Map<string, string[]>();
  const predictedParagraphs = new Map<string, string[]>();
  let pageCount = 0;
  for (const { truth, pages, parsed } of issues) {
    const bulletin = truth.bulletin.id;
    const edition = truth.bulletin.edition;
    for (const truthPage of truth.pages) {
      const page = pages?.find((p) => p.index === truthPage.index);
      const reference = normalizeForCer(truthPage.text, edition);
      const hypothesis = page ? normalizeForCer(pageText(page), edition) : '';
      cer.push(characterErrors(reference, hypothesis));
      wer.push(wordErrors(reference, hypothesis));
      pageCount++;
    }
    for (const text of truth.texts) {
      expectedTexts.push(`${bulletin}:${text.id}`);
      for (const a of text.articles) {
        const key = `${bulletin}:${articleId(text.id, a.number)}`;
        expectedArticles.set(key, normalizeForCer(a.body, edition));
        if (a.paragraphs)
          expectedParagraphs.set(
            key,
            a.paragraphs.map((p) => normalizeForCer(p, edition)),
          );
      }
    }
    for (const text of parsed?.texts ?? []) {
      predictedTexts.push(`${parsed!.bulletin.id}:${text.id}`);
      for (const a of text.articles) {
        const key = `${parsed!.bulletin.id}:${articleId(text.id, a.number)}`;
        predictedArticles.set(key, normalizeForCer(a.body, edition));
        predictedParagraphs.set(
          key,
          (a.paragraphs ?? [a.body]).map((p) => normalizeForCer(p, edition)),
        );
      }
    }
  }
  const bodies: ErrorRate[] = [];
  for (const [key, body] of expectedArticles) {
    const got = predictedArticles.get(key);
    if (got !== undefined) bodies.push(characterErrors(body, got));
  }
  return {
    ocr: { cer: sumErrorRates(cer).rate, wer: sumErrorRates(wer).rate, pages: pageCount },
    texts: precisionRecall(expectedTexts, predictedTexts),
    articles: {
      ...precisionRecall(expectedArticles.keys(), predictedArticles.keys()),
      bodyCer: sumErrorRates(bodies).rate,
    },
    paragraphs: paragraphScore(expectedParagraphs, predictedParagraphs),
    ...evaluateAmendments(issues),
    issues: { total: issues.length, failed: issues.filter((i) => !i.parsed).length },
  };
}

/** An alinéa read within this character error rate of the printed one is read right (OCR misreads letters, not alinéas). */
const PARAGRAPH_CER = 0.1;

/** Share of the articles of `expected` also in `predicted` whose alinéas are right one by one. */
function paragraphScore(
  expected: ReadonlyMap<string, string[]>,
  predicted: ReadonlyMap<string, string[]>,
): EvaluationReport['paragraphs'] {
  let articles = 0;
  let right = 0;
  for (const [key, want] of expected) {
    const got = predicted.get(key);
    if (!got) continue;
    articles++;
    if (got.length === want.length && want.every((p, i) => characterErrors(p, got[i]!).rate <= PARAGRAPH_CER))
      right++;
  }
  return { accuracy: articles ? right / articles : 1, articles };
}

/** `loi-30-02/art-1 amended dahir-1-58-254/art-3`; a whole-text target has no article. */
function amendmentKey(
  by: string,
  byArticle: string | null,
  kind: string,
  target: string,
  article: string | null,
) {
  return `${articleId(by, byArticle ?? '-')} ${kind} ${article ? articleId(target, article) : target}`;
}

function dayBefore(iso: string): string {
  return toIsoDate(new Date(parseIsoDate(iso).getTime() - 86_400_000));
}

/** Amendment links and versions of one edition's issues, scored apart. */
export interface AmendmentScores {
  amendments: PrecisionRecall;
  versions: { accuracy: number; samples: number };
}

const squash = (s: string | null | undefined) => (s ? s.replace(/\s+/g, ' ').trim() : null);

/** Truth links of `issues` as keys. */
function expectedLinks(issues: readonly EvaluatedIssue[]): string[] {
  return issues.flatMap((i) =>
    (i.truth.amendments ?? []).map((a) =>
      amendmentKey(a.byTextId, a.byArticle, a.kind, a.targetTextId, a.targetArticle),
    ),
  );
}

/** Links the amendment stage found, as keys; only those read from `language` expressions when given. */
function predictedLinks(archive: MemoryArchive, language?: Language): string[] {
  return archive
    .operations()
    .flatMap((o) =>
      o.textId && (!language || o.language === language)
        ? [amendmentKey(o.byTextId, o.op.byArticle, o.op.kind, o.textId, o.op.targetArticle)]
        : [],
    );
}

/** Sampled (article, date) pairs of the truth versions of `issues`, and how many of `computed` (by text id) are right. */
function scoreVersions(
  issues: readonly EvaluatedIssue[],
  computedVersions: ReadonlyMap<string, ComputedVersion[]>,
) {
  let samples = 0;
  let correct = 0;
  for (const { textId, versions } of issues.flatMap((i) => i.truth.versions ?? [])) {
    const computed = computedVersions.get(textId) ?? [];
    for (const article of new Set(versions.map((v) => v.article))) {
      const want = versions.filter((v) => v.article === article);
      const got = computed.filter((v) => v.article === article);
      // The first and the last day of each true version (an abrogation's null body included).
      for (const date of want.flatMap((v) =>
        v.validTo ? [v.validFrom, dayBefore(v.validTo)] : [v.validFrom],
      )) {
        samples++;
        if (squash(versionAt(want, date)?.body) === squash(versionAt(got, date)?.body)) correct++;
      }
    }
  }
  return { samples, correct };
}

/**
 * Scores amendment links and versions: every parsed issue is saved, in order, into an
 * in-memory archive linked by the link stage the stores run; versions are sampled on the
 * first and the last day of each true version. Each edition is also scored apart
 * (`byEdition`): its issues' truth links against the links read from its language, its truth
 * versions against the versions of its language's wording.
 */
export function evaluateAmendments(
  issues: EvaluatedIssue[],
): Pick<EvaluationReport, 'amendments' | 'versions' | 'amendmentsByEdition'> {
  const archive = linkArchive(issues.flatMap((i) => (i.parsed ? [i.parsed] : [])));
  const byEdition: Partial<Record<Edition, AmendmentScores>> = {};
  let samples = 0;
  let correct = 0;
  for (const edition of ['fr', 'ar'] as const) {
    const own = issues.filter((i) => i.truth.bulletin.edition === edition);
    if (own.length === 0) continue;
    const scored = scoreVersions(own, archive.versionsIn(edition));
    samples += scored.samples;
    correct += scored.correct;
    byEdition[edition] = {
      amendments: precisionRecall(expectedLinks(own), predictedLinks(archive, edition)),
      versions: { accuracy: scored.samples ? scored.correct / scored.samples : 1, samples: scored.samples },
    };
  }
  return {
    amendments: precisionRecall(expectedLinks(issues), predictedLinks(archive)),
    versions: { accuracy: samples ? correct / samples : 1, samples },
    amendmentsByEdition: byEdition,
  };
}
