/**
 * One rule for reading the law, whatever the interface: with no day asked, an article is read
 * as in force today, and says so. Its standing on a day (in force, abrogated, not yet in
 * force), the wording shown (original or amended) and the texts that made it are computed
 * here from its versions, over {@link SearchStore}, so both adapters, the CLI, the API, the
 * web pages and the exports answer alike.
 */
import { z } from 'zod';
import { onPartOfArticle } from '../pipeline/amendments/links.js';
import { versionAt } from '../pipeline/amendments/versions.js';
import { canonicalArticleNumber } from '../pipeline/ids.js';
import type { Language } from '../pipeline/model.js';
import { versionParagraphs } from './article-reads.js';
import {
  type ArticleRecord,
  type ArticleVersionRecord,
  articleEntrySchema,
  articleRecordSchema,
  type ReadOptions,
  type SearchStore,
  type TextHistory,
  textRecordSchema,
} from './search-store.js';

/** Whether the article's wording applied on the day asked. */
export const articleStatusSchema = z.enum(['in-force', 'abrogated', 'not-yet-in-force']);
export type ArticleStatus = z.infer<typeof articleStatusSchema>;

/** A text named beside a wording: its id, and its title when the archive holds it. */
export const namedTextSchema = z.object({ id: z.string(), title: z.string().nullable() });
export type NamedText = z.infer<typeof namedTextSchema>;

/** A "modifié par … / abrogé par …" note under an article: one per amending text and kind. */
export const articleNoteSchema = z.object({
  /** When the change took effect. */
  date: z.string(),
  kind: z.enum(['inserted', 'amended', 'abrogated']),
  by: namedTextSchema,
  byArticle: z.string().nullable(),
  /** The alinéas the change was on (1 = first), when the amending text named them; absent: the whole article. */
  paragraphs: z.array(z.number().int().positive()).optional(),
  /** Set when the change was on the article's last alinéa (`le dernier alinéa`). */
  lastParagraph: z.literal(true).optional(),
  /** The enumerated items it was on, as printed (`3°`, `b)`), when named. */
  items: z.array(z.string()).optional(),
});
export type ArticleNote = z.infer<typeof articleNoteSchema>;

/** What an article says about its wording, beside it (the fields added to article reads). */
const standingShape = {
  status: articleStatusSchema,
  /** `original`: as first printed; `amended`: worded by an amending (or inserting) text. */
  wording: z.enum(['original', 'amended']),
  /** Title of `introducedBy`, when the archive holds that text. */
  introducedByTitle: z.string().nullable(),
  /** Only when abrogated on the day asked: the abrogating text, and the day it took effect. */
  abrogatedBy: namedTextSchema.nullable(),
  abrogatedOn: z.string().nullable(),
  /** The standing in words, in the article's language: "version en vigueur depuis le … (…)". */
  label: z.string(),
  notes: z.array(articleNoteSchema),
};
const periodShape = articleRecordSchema.pick({ validFrom: true, validTo: true, introducedBy: true }).shape;

/** An article read on a day: `show --article --json`, `/v1/texts/:id/articles/:n`. */
export const articleReadingSchema = articleRecordSchema.extend({
  /** The day read: the one asked, else today. */
  at: z.string(),
  ...standingShape,
});
export type ArticleReading = z.infer<typeof articleReadingSchema>;

/** An article of a text read on a day: its entry, its period and standing. */
export const articleInTextSchema = articleEntrySchema.extend({ ...periodShape, ...standingShape });
export type ArticleInText = z.infer<typeof articleInTextSchema>;

/** A text read on a day: `show --json`, `/v1/texts/:id`. Abrogated articles stay, marked so. */
export const textReadingSchema = textRecordSchema.extend({
  at: z.string(),
  /**
   * False when `at` comes before the text's first publication: its articles are then its first
   * wordings, each marked not yet in force.
   */
  published: z.boolean(),
  articles: z.array(articleInTextSchema),
});
export type TextReading = z.infer<typeof textReadingSchema>;

/** Today's date (UTC) as `YYYY-MM-DD`: the day read when none is asked. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Where an article stood on a day, from its versions (oldest first). */
export interface Standing {
  status: ArticleStatus;
  /** The wording shown: in force, else the last one before the abrogation, else the first to come. */
  shown: ArticleVersionRecord;
  /** The version that abrogated it, when abrogated on that day. */
  abrogation: ArticleVersionRecord | null;
}

/** The standing of an article on `day`; null when it has no worded version at all. */
export function standingOn(versions: readonly ArticleVersionRecord[], day: string): Standing | null {
  const current = versionAt(versions, day);
  if (current?.body != null) return { status: 'in-force', shown: current, abrogation: null };
  if (current) {
    const before = versions.slice(0, versions.indexOf(current)).findLast((v) => v.body !== null);
    return before ? { status: 'abrogated', shown: before, abrogation: current } : null;
  }
  const first = versions.find((v) => v.body !== null);
  return first && day < first.validFrom
    ? { status: 'not-yet-in-force', shown: first, abrogation: null }
    : null;
}

/**
 * The notes of an article's history, oldest first: each amending text once per kind of change
 * (an article amended twice by one text is one note), the first wording of an article that was
 * not printed with the text being its insertion. `events` (the text's history touching this
 * article) say which alinéas or items a change was on, when every change of that text named one.
 */
export function articleNotes(
  versions: readonly ArticleVersionRecord[],
  events: readonly HistoryEvent[] = [],
): NoteWithoutTitle[] {
  const notes = new Map<string, NoteWithoutTitle>();
  versions.forEach((v, i) => {
    if (!v.introducedBy) return;
    const kind = v.body === null ? 'abrogated' : i === 0 ? 'inserted' : 'amended';
    const key = `${v.introducedBy}|${kind}`;
    if (!notes.has(key))
      notes.set(key, {
        date: v.validFrom,
        kind,
        by: v.introducedBy,
        byArticle: v.introducedByArticle,
        ...changeScope(events.filter((e) => e.by === v.introducedBy && !e.unapplied)),
      });
  });
  return [...notes.values()];
}

/** The alinéas and items a text's changes to an article were on; nothing when one was on the whole article. */
function changeScope(events: readonly HistoryEvent[]): ArticlePart {
  if (!events.length || !events.every(onPartOfArticle)) return {};
  const paragraphs = [...new Set(events.flatMap((e) => e.paragraph ?? []))].sort((a, b) => a - b);
  const items = [...new Set(events.flatMap((e) => e.item ?? []))];
  return {
    ...(paragraphs.length && { paragraphs }),
    ...(events.some((e) => e.lastParagraph) && { lastParagraph: true as const }),
    ...(items.length && { items }),
  };
}
type HistoryEvent = TextHistory['events'][number];

/** The part of an article a change was on: alinéas, the last one, items; none of them for the whole article. */
export type ArticlePart = Pick<ArticleNote, 'paragraphs' | 'lastParagraph' | 'items'>;

/**
 * What a change was on, in words: `alinéas 2 et 3`, `alinéa 1, 3°`, `dernier alinéa`, `الفقرة 2`;
 * empty for the whole article.
 */
export function noteScope(note: ArticlePart, language: Language): string {
  const paragraphs = note.paragraphs ?? [];
  const words =
    language === 'ar'
      ? { one: 'الفقرة', many: 'الفقرات', and: ' و', last: 'الفقرة الأخيرة' }
      : { one: 'alinéa', many: 'alinéas', and: ' et ', last: 'dernier alinéa' };
  const listed = (xs: readonly (string | number)[]) =>
    xs.length > 1 ? `${xs.slice(0, -1).join(', ')}${words.and}${xs.at(-1)}` : `${xs[0]}`;
  return [
    paragraphs.length ? `${paragraphs.length > 1 ? words.many : words.one} ${listed(paragraphs)}` : null,
    note.lastParagraph ? words.last : null,
    note.items?.length ? listed(note.items) : null,
  ]
    .filter((w) => w !== null)
    .join(', ');
}
type NoteWithoutTitle = Omit<ArticleNote, 'by'> & { by: string };

/** A text's title by id, read once per reading: null when the archive does not hold the text. */
export function titleBook(store: SearchStore): (id: string) => Promise<string | null> {
  const titles = new Map<string, Promise<string | null>>();
  return (id) => {
    let title = titles.get(id);
    if (!title) {
      title = store.getText(id).then((t) => t?.title ?? null);
      titles.set(id, title);
    }
    return title;
  };
}

type StandingFields = z.infer<z.ZodObject<typeof standingShape>> &
  Pick<ArticleRecord, 'validFrom' | 'validTo' | 'introducedBy'>;

/**
 * The period and standing fields of an article on `at`: from its standing when it has versions,
 * else (no version computed, an undated text) those of its printed wording, taken as in force.
 */
async function standingFields(
  standing: Standing | null,
  versions: readonly ArticleVersionRecord[],
  printed: Pick<ArticleRecord, 'validFrom'> | null,
  at: string,
  language: Language,
  titleOf: (id: string) => Promise<string | null>,
  events: readonly HistoryEvent[],
): Promise<StandingFields> {
  const shown = standing?.shown;
  const introducedBy = shown?.introducedBy ?? null;
  const abrogation = standing?.abrogation ?? null;
  const fields = {
    status: standing?.status ?? ('in-force' as const),
    wording: introducedBy ? ('amended' as const) : ('original' as const),
    validFrom: shown ? shown.validFrom : (printed?.validFrom ?? null),
    validTo: shown?.validTo ?? null,
    introducedBy,
    introducedByTitle: introducedBy && (await titleOf(introducedBy)),
    abrogatedBy: abrogation?.introducedBy
      ? { id: abrogation.introducedBy, title: await titleOf(abrogation.introducedBy) }
      : null,
    abrogatedOn: abrogation?.validFrom ?? null,
    notes: await Promise.all(
      articleNotes(versions, events).map(async (n) => ({
        ...n,
        by: { id: n.by, title: await titleOf(n.by) },
      })),
    ),
  };
  return { ...fields, label: standingLabel({ ...fields, at }, language) };
}

/**
 * An article as it stood on `at` (today when not given), in the expression asked (else the
 * default one): the wording in force, else its last wording with the abrogation, else its
 * first wording marked not yet in force; where it was printed; how it stands and why.
 * Null when the text has no such article.
 */
export async function readArticle(
  store: SearchStore,
  textId: string,
  article: string,
  opts: ReadOptions = {},
  titleOf = titleBook(store),
): Promise<ArticleReading | null> {
  const number = canonicalArticleNumber(article);
  if (!number) return null;
  const at = opts.at ?? today();
  const versions = await store.getArticleVersions(textId, number, { language: opts.language });
  const events = (await store.getHistory(textId, { article: number }))?.events ?? [];
  const standing = standingOn(versions, at);
  const shown = standing?.shown;
  // Where it was printed: its own article, else (inserted) the amending article that printed it.
  const base =
    (await store.getArticle(textId, number, { language: opts.language })) ??
    (shown
      ? await store.getArticle(textId, number, { language: shown.language, at: shown.validFrom })
      : null);
  if (!base) return null;
  const body = shown?.body ?? base.body;
  return {
    ...base,
    body,
    paragraphs: versionParagraphs(body, base),
    at,
    ...(await standingFields(standing, versions, base, at, base.language, titleOf, events)),
  };
}

/**
 * A text as it stood on `at` (today when not given): each article in the wording then in force,
 * with its standing; articles abrogated by then (or not yet in force) stay in their printed
 * place, marked so, with their last (or first) wording. Before its first publication the text
 * answers `published: false` with its first wordings. Null when the archive has no such text.
 */
export async function readText(
  store: SearchStore,
  id: string,
  opts: ReadOptions = {},
): Promise<TextReading | null> {
  const at = opts.at ?? today();
  const inForce = await store.getText(id, { language: opts.language, at });
  const text = inForce ?? (await store.getText(id, { language: opts.language }));
  if (!text) return null;
  const printed = inForce ? ((await store.getText(id, { language: text.language }))?.articles ?? []) : [];
  const entries = [...text.articles];
  const shownNumbers = new Set(entries.map((a) => a.number));
  // An article not in force that day goes back before the next printed one that is (after any inserted `bis`).
  printed.forEach((a, i) => {
    if (shownNumbers.has(a.number)) return;
    const next = printed.slice(i + 1).find((p) => shownNumbers.has(p.number));
    const at = next ? entries.findIndex((e) => e.number === next.number) : -1;
    entries.splice(at < 0 ? entries.length : at, 0, a);
    shownNumbers.add(a.number);
  });
  const titleOf = titleBook(store);
  const events = (await store.getHistory(id))?.events ?? [];
  const firstPublished = { validFrom: text.publications[0]?.date ?? null };
  const articles = await Promise.all(
    entries.map(async (entry): Promise<ArticleInText> => {
      const versions = await store.getArticleVersions(id, entry.number, { language: text.language });
      const standing = standingOn(versions, at);
      const body = standing?.shown.body ?? entry.body;
      const touching = events.filter((e) => e.articles.includes(entry.number));
      return {
        ...entry,
        body,
        paragraphs: versionParagraphs(body, entry),
        ...(await standingFields(standing, versions, firstPublished, at, text.language, titleOf, touching)),
      };
    }),
  );
  return { ...text, at, published: inForce !== null, articles };
}

const DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-MA', { dateStyle: 'long', timeZone: 'UTC' }),
  ar: new Intl.DateTimeFormat('ar-MA', { dateStyle: 'long', timeZone: 'UTC' }),
};

/**
 * `2009-02-18` as a language writes it: `18 février 2009`, `18 فبراير 2009`; as given when not
 * a day. French law writes the first of a month `1er` (`1er janvier 2003`), which Intl does not.
 */
export function formatLegalDate(iso: string, language: Language): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  const written = DATE_FORMATS[language].format(date);
  return language === 'fr' && date.getUTCDate() === 1 ? written.replace(/^1(?=\s)/, '1er') : written;
}

/** What a label needs: the standing fields of a reading. */
export type LabelledStanding = Pick<
  ArticleReading,
  'status' | 'wording' | 'validFrom' | 'introducedBy' | 'introducedByTitle' | 'abrogatedBy' | 'abrogatedOn'
> & { at: string };

const LABELS: Record<Language, (s: LabelledStanding, date: (iso: string) => string, by: string) => string> = {
  fr: (s, date, by) =>
    s.status === 'abrogated'
      ? `abrogé depuis le ${date(s.abrogatedOn!)} (${by})`
      : s.status === 'not-yet-in-force'
        ? `pas encore en vigueur le ${date(s.at)} : en vigueur à compter du ${date(s.validFrom!)}`
        : s.wording === 'original'
          ? `rédaction d’origine${s.validFrom ? `, en vigueur depuis le ${date(s.validFrom)}` : ''}`
          : `version en vigueur depuis le ${date(s.validFrom!)} (${by})`,
  ar: (s, date, by) =>
    s.status === 'abrogated'
      ? `منسوخة منذ ${date(s.abrogatedOn!)} (${by})`
      : s.status === 'not-yet-in-force'
        ? `غير سارية بعد في ${date(s.at)}: تسري ابتداء من ${date(s.validFrom!)}`
        : s.wording === 'original'
          ? `الصيغة الأصلية${s.validFrom ? `، سارية منذ ${date(s.validFrom)}` : ''}`
          : `الصيغة السارية منذ ${date(s.validFrom!)} (${by})`,
};

/** A title cut after the text's number ("Loi n° 16-02", "القانون رقم 16.02"): whole when it has none. */
function citation(title: string): string {
  return /^.+?(?:n°|رقم)\s*[\d٠-٩][\d٠-٩.\-–/]*/u.exec(title)?.[0] ?? title;
}

/** The standing in words, in `language`: the amending or abrogating text by its title and number, else its id. */
export function standingLabel(s: LabelledStanding, language: Language): string {
  const [title, id] =
    s.status === 'abrogated'
      ? [s.abrogatedBy?.title, s.abrogatedBy?.id]
      : [s.introducedByTitle, s.introducedBy];
  return LABELS[language](s, (iso) => formatLegalDate(iso, language), title ? citation(title) : (id ?? ''));
}
