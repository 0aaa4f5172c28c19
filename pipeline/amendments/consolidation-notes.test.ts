import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConsolidationNotes } from './consolidation-notes.js';

// The consolidated loi 17-95 (sociétés anonymes), a real text: see fixtures/real/NOTICE.md.
const LOI_17_95 = readFileSync(
  new URL('../../fixtures/real/legal-texts-ma/fr/ma-loi-17-95.txt', import.meta.url),
  'utf8',
);

describe('parseConsolidationNotes on the real loi 17-95', () => {
  const links = parseConsolidationNotes(LOI_17_95, 'loi-17-95');
  const at = (article: string | null) => links.filter((l) => l.targetArticle === article);

  it('links each annotated article to the amending loi and article, on the right date', () => {
    expect(at('9')).toEqual([
      {
        kind: 'replaced',
        byTextId: 'loi-23-01',
        byArticle: '5',
        targetTextId: 'loi-17-95',
        targetArticle: '9',
        date: '2004-05-06',
      },
    ]);
    expect(at('17')).toEqual([
      {
        kind: 'amended',
        byTextId: 'loi-20-05',
        byArticle: '1',
        targetTextId: 'loi-17-95',
        targetArticle: '17',
        date: '2008-05-23',
      },
    ]);
    expect(at('19').map((l) => [l.kind, l.byTextId, l.byArticle])).toEqual([['completed', 'loi-20-05', '1']]);
    expect(at('30').map((l) => [l.kind, l.byArticle, l.date])).toEqual([['abrogated', '4', '2008-05-23']]);
    expect(at('33').map((l) => [l.kind, l.byArticle])).toEqual([['replaced', '2']]);
  });

  it('reads an abrogated paragraph or point as an amendment of its article', () => {
    expect(at('44').map((l) => [l.kind, l.byArticle])).toEqual([['amended', '4']]);
    expect(at('31').map((l) => [l.kind, l.byArticle])).toEqual([['amended', '4']]);
  });

  it('reads the note under the title as an amendment of the whole text by the promulgated loi', () => {
    expect(at(null)).toEqual([
      {
        kind: 'amended',
        byTextId: 'loi-20-05',
        byArticle: null,
        targetTextId: 'loi-17-95',
        targetArticle: null,
        date: '2008-05-23',
      },
    ]);
  });

  it('finds only the two amending lois, each note once', () => {
    expect(new Set(links.map((l) => l.byTextId))).toEqual(new Set(['loi-20-05', 'loi-23-01']));
    // Every note, the title's included (`(Modifié et complété par le Dahir n°1-08-18 …`).
    const notes = LOI_17_95.match(/\((?:Modifié|Complété|Abrogé|Les alinéas|abrogé)[^()]*?par l/g) ?? [];
    expect(links.length).toBe(notes.length);
  });
});
