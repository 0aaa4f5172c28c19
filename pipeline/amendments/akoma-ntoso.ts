/**
 * Akoma Ntoso 3.0 export of one text as it stood on one day: FRBR work, expression and
 * manifestation identifiers (`/akn/ma/act/loi/2009/09-08/fra@2015-03-12`), articles with
 * `eId`s, the amendments it received (`passiveModifications`) and made
 * (`activeModifications`), and its publications and lifecycle.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { AmendmentKind, Language, TextType } from '../model.js';
import { readItem } from '../structure/paragraphs.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** One modification, seen from the exported text: made by it (active) or to it (passive). */
export interface AknModification {
  kind: AmendmentKind;
  /** The other text: the amending one for passive modifications, the amended one for active ones. */
  otherTextId: string;
  otherType: TextType;
  otherNumber: string | null;
  otherYear: string;
  /** Article of the other text (its amending article, or the article it amends). */
  otherArticle: string | null;
  /** Article of the exported text. */
  article: string | null;
  date: string;
}

/** What the export needs to know: the text, its wording on the day, and its modifications. */
export interface AknText {
  id: string;
  type: TextType;
  number: string | null;
  title: string;
  signedOn: string | null;
  language: Language;
  /** The day the exported wording stood (the expression date). */
  expressionDate: string;
  publications: { bulletin: string; date: string | null }[];
  /** `paragraphs`: its alinéas and items (the body as one alinéa when absent). */
  articles: { number: string; heading: string; body: string; paragraphs?: string[] }[];
  passive: AknModification[];
  active: AknModification[];
}

const LANGUAGE_CODE: Record<Language, string> = { fr: 'fra', ar: 'ara' };

/** `textualMod` types of the Akoma Ntoso vocabulary for each kind of amendment. */
const MOD_TYPE: Record<AmendmentKind, string> = {
  amended: 'substitution',
  replaced: 'substitution',
  completed: 'insertion',
  inserted: 'insertion',
  abrogated: 'repeal',
  renumbered: 'renumbering',
};

/** `art_1`, `art_12bis`, `art_unique`. */
export function articleEid(number: string): string {
  return `art_${number.replace(/-/g, '')}`;
}

/** `/akn/ma/act/loi/2009/09-08`: the work; numberless texts use their id. */
export function workUri(type: TextType, number: string | null, year: string, id: string): string {
  return `/akn/ma/act/${type}/${year}/${number ?? id}`;
}

function yearOf(text: Pick<AknText, 'signedOn' | 'publications'>): string {
  const dated = text.signedOn ?? text.publications.find((p) => p.date)?.date ?? '0000';
  return dated.slice(0, 4);
}

/** The document, serialised; deterministic for the same input. */
export function toAkomaNtoso(text: AknText): string {
  const work = workUri(text.type, text.number, yearOf(text), text.id);
  const expression = `${work}/${LANGUAGE_CODE[text.language]}@${text.expressionDate}`;
  const published = text.publications.find((p) => p.date)?.date ?? text.expressionDate;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const act = doc.ele(AKN_NAMESPACE, 'akomaNtoso').ele('act', { name: text.type });
  const meta = act.ele('meta');
  const identification = meta.ele('identification', { source: '#jarida' });
  const frbr = (
    name: string,
    fields: { this: string; uri: string; date: string; dateName: string; author: string },
  ) => {
    const e = identification.ele(name);
    e.ele('FRBRthis', { value: fields.this });
    e.ele('FRBRuri', { value: fields.uri });
    e.ele('FRBRdate', { date: fields.date, name: fields.dateName });
    e.ele('FRBRauthor', { href: fields.author });
    return e;
  };
  const workElement = frbr('FRBRWork', {
    this: `${work}/main`,
    uri: work,
    date: text.signedOn ?? published,
    dateName: text.signedOn ? 'signature' : 'publication',
    author: '#sgg',
  });
  workElement.ele('FRBRcountry', { value: 'ma' });
  if (text.number) workElement.ele('FRBRnumber', { value: text.number });
  frbr('FRBRExpression', {
    this: `${expression}/main`,
    uri: expression,
    date: text.expressionDate,
    dateName: 'version',
    author: '#sgg',
  }).ele('FRBRlanguage', { language: LANGUAGE_CODE[text.language] });
  frbr('FRBRManifestation', {
    this: `${expression}/main.xml`,
    uri: `${expression}.akn`,
    date: text.expressionDate,
    dateName: 'generation',
    author: '#jarida',
  });
  const first = text.publications.find((p) => p.date);
  if (first) {
    meta.ele('publication', {
      date: first.date!,
      name: 'Bulletin officiel',
      showAs: `Bulletin officiel ${first.bulletin}`,
      number: first.bulletin,
    });
  }
  const events = [
    { date: published, source: '#original', type: 'generation' },
    ...[
      ...new Set(
        text.passive.filter((m) => m.date <= text.expressionDate).map((m) => `${m.date}|${m.otherTextId}`),
      ),
    ]
      .sort()
      .map((key) => {
        const [date, by] = key.split('|') as [string, string];
        return { date, source: `#${refId(by)}`, type: 'amendment' };
      }),
  ];
  const lifecycle = meta.ele('lifecycle', { source: '#jarida' });
  events.forEach((e, i) => {
    lifecycle.ele('eventRef', { eId: `evt_${i + 1}`, date: e.date, source: e.source, type: e.type });
  });
  if (text.passive.length || text.active.length) {
    const analysis = meta.ele('analysis', { source: '#jarida' });
    const mods = (name: string, list: AknModification[], prefix: string, active: boolean) => {
      if (!list.length) return;
      const element = analysis.ele(name);
      list.forEach((m, i) => {
        const other = `${workUri(m.otherType, m.otherNumber, m.otherYear, m.otherTextId)}${m.otherArticle ? `/~${articleEid(m.otherArticle)}` : ''}`;
        const own = m.article ? `#${articleEid(m.article)}` : '#';
        const mod = element.ele('textualMod', { type: MOD_TYPE[m.kind], eId: `${prefix}_${i + 1}` });
        mod.ele('source', { href: active ? own : other });
        mod.ele('destination', { href: active ? other : own });
      });
    };
    mods('activeModifications', text.active, 'amod', true);
    mods('passiveModifications', text.passive, 'pmod', false);
  }
  const references = meta.ele('references', { source: '#jarida' });
  references.ele('original', { eId: 'original', href: expression, showAs: text.title });
  for (const id of [...new Set(text.passive.map((m) => m.otherTextId))].sort()) {
    const m = text.passive.find((p) => p.otherTextId === id)!;
    references.ele('passiveRef', {
      eId: refId(id),
      href: workUri(m.otherType, m.otherNumber, m.otherYear, id),
      showAs: id,
    });
  }
  references.ele('TLCOrganization', {
    eId: 'sgg',
    href: '/ontology/organization/ma/sgg',
    showAs: 'Secrétariat général du gouvernement',
  });
  references.ele('TLCOrganization', {
    eId: 'jarida',
    href: '/ontology/organization/jarida',
    showAs: 'jarida',
  });
  act.ele('preface').ele('longTitle').ele('p').txt(text.title);
  const body = act.ele('body');
  // A text without articles (a promulgating dahir) still has a body: its title as one container.
  if (!text.articles.length)
    body.ele('hcontainer', { eId: 'hcontainer_1', name: 'text' }).ele('content').ele('p').txt(text.title);
  for (const a of text.articles) {
    const article = body.ele('article', { eId: articleEid(a.number) });
    article.ele('num').txt(a.heading);
    writeParagraphs(article, articleEid(a.number), a.paragraphs ?? [a.body]);
  }
  return doc.end({ prettyPrint: true });
}

/** An alinéa of an article as exported: its wording, or the items it announces (`intro`, null when none). */
type AknAlinea =
  | { text: string }
  | { intro: string | null; items: { enumerator: string; wording: string }[] };

/** Items (`1°`, `a)`) join the list the alinéa before them announces. */
function alineas(paragraphs: readonly string[]): AknAlinea[] {
  const out: AknAlinea[] = [];
  for (const text of paragraphs) {
    const item = readItem(text);
    const last = out.at(-1);
    if (!item) out.push({ text });
    else if (last && 'items' in last) last.items.push(item);
    else if (last) out[out.length - 1] = { intro: last.text, items: [item] };
    else out.push({ intro: null, items: [item] });
  }
  return out;
}

/** An article's alinéas as `<paragraph>`s; items as the `<point>`s of a `<list>` with the announcing alinéa as `<intro>`. */
function writeParagraphs(article: XMLBuilder, eId: string, paragraphs: readonly string[]): void {
  alineas(paragraphs).forEach((alinea, i) => {
    const paragraphEid = `${eId}__para_${i + 1}`;
    const paragraph = article.ele('paragraph', { eId: paragraphEid });
    if ('text' in alinea) {
      paragraph.ele('content').ele('p').txt(alinea.text);
      return;
    }
    const list = paragraph.ele('list', { eId: `${paragraphEid}__list_1` });
    if (alinea.intro !== null) list.ele('intro').ele('p').txt(alinea.intro);
    alinea.items.forEach((item, j) => {
      const point = list.ele('point', { eId: `${paragraphEid}__list_1__point_${j + 1}` });
      point.ele('num').txt(item.enumerator);
      point.ele('content').ele('p').txt(item.wording);
    });
  });
}

function refId(textId: string): string {
  return `ref_${textId.replace(/[^a-z0-9]+/gi, '_')}`;
}
