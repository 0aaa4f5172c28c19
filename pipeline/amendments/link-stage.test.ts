import { describe, expect, it } from 'vitest';
import { onLoi0908 } from '../../test/amendment-builders.js';
import type { LegalText, ParsedBulletin } from '../model.js';
import {
  datedOperations,
  type ExpressionArticles,
  type ExpressionDate,
  type ExpressionVersions,
  type LinkPort,
  linkSaved,
  linkSavedSync,
  type ResolvedLinks,
  type StoredLink,
  type StoredOperation,
} from './link-stage.js';
import type { CitedText, TextLinks } from './links.js';
import { linkArchive, type MemoryArchive } from './memory-archive.js';
import type { KnownText, Resolution } from './resolve.js';

const rewording = onLoi0908('amended', '1', '5', { body: 'nouveau' });
const abrogation = onLoi0908('abrogated', '4', '12');

function operation(over: Partial<StoredOperation>): StoredOperation {
  return {
    targetTextId: 'loi-09-08',
    byTextId: 'loi-29-14',
    language: 'fr',
    seq: 0,
    op: rewording,
    inForce: null,
    amendingPublished: '2015-03-12',
    amendingLanguages: ['fr'],
    ...over,
  };
}

describe('operations shaping an expression', () => {
  it("keeps those read in the expression's language, and abrogations from texts not published in it", () => {
    const arabicOnly = { language: 'ar' as const, amendingLanguages: ['ar' as const] };
    const stored = [
      operation({ ...arabicOnly, seq: 0 }),
      operation({ ...arabicOnly, seq: 3, op: abrogation }),
      operation({ targetTextId: 'loi-01-01' }),
    ];
    expect(datedOperations(stored, { textId: 'loi-09-08', language: 'fr' })).toEqual([
      { op: abrogation, byTextId: 'loi-29-14', inForce: '2015-03-12', order: 3 },
    ]);
    // Published in French too: its French reading decides.
    const bilingual = stored.map((o) => ({ ...o, amendingLanguages: ['ar', 'fr'] as const }));
    expect(datedOperations(bilingual, { textId: 'loi-09-08', language: 'fr' })).toEqual([]);
    expect(datedOperations(stored, { textId: 'loi-09-08', language: 'ar' }).map((o) => o.order)).toEqual([
      0, 3,
    ]);
  });

  it('dates each by its entry into force, else the first publication of the amending text, else leaves it out', () => {
    const french = { textId: 'loi-09-08', language: 'fr' } as const;
    expect(datedOperations([operation({ inForce: '2016-01-01' })], french)[0]!.inForce).toBe('2016-01-01');
    expect(datedOperations([operation({ amendingPublished: null })], french)).toEqual([]);
  });
});

/** A stored link of the fake port. */
interface FakeLink extends StoredLink {
  id: string;
}

/** A port over fixed answers that records what the stage writes; `later`: answers come as promises. */
class FakePort implements LinkPort<FakeLink> {
  readonly calls: [string, unknown][] = [];
  constructor(
    private readonly data: {
      texts: KnownText[];
      stored: FakeLink[];
      expressions: ExpressionDate[];
      operations: StoredOperation[];
      articles: ExpressionArticles[];
    },
    private readonly later = false,
  ) {}

  private answer<T>(method: string, args: unknown, value: T): T | Promise<T> {
    this.calls.push([method, args]);
    return this.later ? Promise.resolve(value) : value;
  }

  knownTexts(cited: readonly CitedText[]) {
    const numbers = cited.map((c) => c.number);
    return this.answer(
      'knownTexts',
      numbers,
      this.data.texts.filter((t) => numbers.includes(t.number)),
    );
  }
  replaceLinks(expressions: readonly ResolvedLinks[]) {
    return this.answer(
      'replaceLinks',
      expressions.map((e) => [e.text.id, e.operations, e.citations]),
      undefined,
    );
  }
  linksAnsweredBy(texts: readonly LegalText[]) {
    const numbers = texts.map((t) => t.number);
    return this.answer(
      'linksAnsweredBy',
      numbers,
      this.data.stored.filter((l) => numbers.includes(l.cited.number)),
    );
  }
  updateResolutions(changes: readonly { link: FakeLink; resolution: Resolution }[]) {
    return this.answer(
      'updateResolutions',
      changes.map((c) => [c.link.id, c.resolution]),
      undefined,
    );
  }
  expressionsOf(textIds: readonly string[]) {
    return this.answer(
      'expressionsOf',
      textIds,
      this.data.expressions.filter((e) => textIds.includes(e.textId)),
    );
  }
  operationsOn(textIds: readonly string[]) {
    return this.answer(
      'operationsOn',
      textIds,
      this.data.operations.filter((o) => textIds.includes(o.targetTextId)),
    );
  }
  articlesOf(expressions: readonly ExpressionDate[]) {
    const ids = expressions.map((e) => e.textId);
    return this.answer(
      'articlesOf',
      ids,
      this.data.articles.filter((a) => ids.includes(a.textId)),
    );
  }
  writeVersions(textIds: readonly string[], versions: readonly ExpressionVersions[]) {
    return this.answer('writeVersions', [textIds, versions], undefined);
  }
}

const loi2914 = {
  id: 'loi-29-14',
  type: 'loi',
  number: '29-14',
  signedOn: '2015-02-20',
  language: 'fr',
} as LegalText;
const links: TextLinks = {
  textId: 'loi-29-14',
  language: 'fr',
  operations: [rewording],
  citations: [],
  inForceFrom: null,
};
const pending: Resolution = { textId: 'loi-29-14', reason: 'not-ingested' };
const portData = () => ({
  texts: [
    { id: 'loi-09-08', type: 'loi' as const, number: '09-08', signedOn: '2009-02-18' },
    { id: 'loi-29-14', type: 'loi' as const, number: '29-14', signedOn: '2015-02-20' },
  ],
  stored: [
    {
      id: 'decret-2-15-1:fr:0',
      kind: 'citation' as const,
      cited: { type: 'loi' as const, number: '29-14', date: null },
      resolution: pending,
    },
    {
      id: 'loi-40-20:fr:0',
      kind: 'amendment' as const,
      cited: { type: 'loi' as const, number: '29-14', date: null },
      resolution: pending,
    },
  ],
  expressions: [
    { textId: 'loi-09-08', language: 'fr' as const, published: '2009-03-05' },
    { textId: 'loi-29-14', language: 'fr' as const, published: '2015-03-12' },
  ],
  operations: [operation({})],
  articles: [{ textId: 'loi-09-08', language: 'fr' as const, articles: [{ number: '5', body: 'ancien' }] }],
});

describe('the link stage over a port', () => {
  it('resolves the saved links, resolves again the stored ones they answer, and recomputes every text touched', () => {
    const port = new FakePort(portData());
    linkSavedSync(port, [{ text: loi2914, links }], ['loi-01-01']);
    const call = (method: string) => port.calls.filter(([m]) => m === method).map(([, args]) => args);
    expect(call('replaceLinks')).toEqual([[['loi-29-14', [{ textId: 'loi-09-08', reason: null }], []]]]);
    // Loi 29-14 is known now: both links naming it are resolved; the amendment's target changes.
    expect(call('updateResolutions')).toEqual([
      [
        ['decret-2-15-1:fr:0', { textId: 'loi-29-14', reason: null }],
        ['loi-40-20:fr:0', { textId: 'loi-29-14', reason: null }],
      ],
    ]);
    // Only the amended expression's articles are read; the others are stored as published.
    expect(call('articlesOf')).toEqual([['loi-09-08']]);
    const [textIds, versions] = call('writeVersions')[0] as [string[], ExpressionVersions[]];
    expect(textIds).toEqual(['loi-01-01', 'loi-09-08', 'loi-29-14']);
    expect(versions.map((v) => [v.textId, v.versions?.map((x) => [x.validFrom, x.body]) ?? null])).toEqual([
      [
        'loi-09-08',
        [
          ['2009-03-05', 'ancien'],
          ['2015-03-12', 'nouveau'],
        ],
      ],
      ['loi-29-14', null],
    ]);
  });

  it('asks and writes the same over a port answering with promises; the synchronous run refuses one', async () => {
    const now = new FakePort(portData());
    linkSavedSync(now, [{ text: loi2914, links }], []);
    const later = new FakePort(portData(), true);
    await linkSaved(later, [{ text: loi2914, links }], []);
    expect(later.calls).toEqual(now.calls);
    expect(() => linkSavedSync(new FakePort(portData(), true), [{ text: loi2914, links }], [])).toThrow(
      TypeError,
    );
  });

  it('names the stored amendment of each operation that changed no wording, with its reason', () => {
    const data = portData();
    const thirdAlinea = onLoi0908('abrogated', '2', '5', { paragraph: 3 });
    data.operations.push(operation({ seq: 1, op: thirdAlinea }));
    const port = new FakePort(data);
    linkSavedSync(port, [], ['loi-09-08']);
    const [, [, versions]] = port.calls.find(([m]) => m === 'writeVersions') as [
      string,
      [string[], ExpressionVersions[]],
    ];
    // Article 5 has one alinéa: the rewording applies, the abrogation of its third is flagged.
    expect(versions[0]!.versions?.map((v) => v.body)).toEqual(['ancien', 'nouveau']);
    expect(versions[0]!.unapplied).toEqual([
      {
        textId: 'loi-09-08',
        article: '5',
        byTextId: 'loi-29-14',
        op: thirdAlinea,
        reason: 'paragraph-not-found',
        amendment: { byTextId: 'loi-29-14', language: 'fr', seq: 1 },
      },
    ]);
  });

  it('recomputes the versions of at most 200 texts per round', () => {
    const port = new FakePort(portData());
    const before = Array.from({ length: 450 }, (_, i) => `loi-${String(i).padStart(3, '0')}`);
    linkSavedSync(port, [], before);
    const rounds = port.calls.filter(([m]) => m === 'writeVersions') as [string, [string[]]][];
    expect(rounds.map(([, [ids]]) => ids.length)).toEqual([200, 200, 50]);
    expect(rounds.flatMap(([, [ids]]) => ids)).toEqual(before);
  });
});

function bulletin(number: string, date: string, texts: Omit<LegalText, 'language' | 'bulletinId'>[]) {
  const id = `bo-fr-${number}`;
  return {
    bulletin: {
      id,
      edition: 'fr',
      number,
      date,
      hijriDate: null,
      firstPage: 1,
      lastPage: 2,
      pageCount: 2,
      sourceSha256: number.repeat(16),
    },
    texts: texts.map((t) => ({ ...t, language: 'fr', bulletinId: id })),
    warnings: [],
  } as ParsedBulletin;
}

const article = (number: string, body: string) => ({
  number,
  heading: `Article ${number}`,
  body,
  page: 1,
  pageIndex: 1,
});
const text = (number: string, signedOn: string, articles: ReturnType<typeof article>[]) => ({
  id: `loi-${number}`,
  type: 'loi' as const,
  number,
  title: `Loi n° ${number}`,
  signedOn,
  hijriDate: null,
  page: 1,
  articles,
  confidence: 1,
});
const target = bulletin('5714', '2009-03-05', [
  text('09-08', '2009-02-18', [article('5', 'ancien'), article('12', 'douze')]),
]);
const amending = bulletin('6340', '2015-03-12', [
  text('29-14', '2015-02-20', [
    article(
      '1',
      "Les dispositions de l'article 5 de la loi n° 09-08 sont modifiées ainsi qu'il suit : « Article 5. – nouveau »",
    ),
    article('2', "L'article 12 de la loi n° 09-08 précitée est abrogé."),
  ]),
]);

describe('the in-memory archive', () => {
  const wordings = (archive: MemoryArchive) =>
    archive
      .versionsIn('fr')
      .get('loi-09-08')!
      .map((v) => [v.article, v.validFrom, v.validTo, v.body, v.introducedBy]);

  it('links an amending text saved before or after its target alike', () => {
    const first = linkArchive([target, amending]);
    expect(wordings(first)).toEqual([
      ['5', '2009-03-05', '2015-03-12', 'ancien', null],
      ['5', '2015-03-12', null, 'nouveau', 'loi-29-14'],
      ['12', '2009-03-05', '2015-03-12', 'douze', null],
      ['12', '2015-03-12', null, null, 'loi-29-14'],
    ]);
    const reversed = linkArchive([amending, target]);
    expect(wordings(reversed)).toEqual(wordings(first));
    expect(reversed.operations()).toEqual(first.operations());
    expect(first.operations().map((o) => [o.op.kind, o.textId, o.reason])).toEqual([
      ['amended', 'loi-09-08', null],
      ['abrogated', 'loi-09-08', null],
    ]);
  });

  it('forgets the links of a bulletin saved again without its amending text', () => {
    const archive = linkArchive([target, amending]);
    archive.save({ ...amending, texts: [] });
    expect(archive.operations()).toEqual([]);
    expect(wordings(archive)).toEqual([
      ['5', '2009-03-05', null, 'ancien', null],
      ['12', '2009-03-05', null, 'douze', null],
    ]);
  });
});
