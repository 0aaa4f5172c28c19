import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PageArtefact } from '../model.js';
import { parseBulletin } from './parse-bulletin.js';
import { recordFor } from './testing/test-helpers.js';

/** Pages of generated both-edition scans as OCR read them, and the ids of the texts printed in them. */
const SCANS = JSON.parse(
  readFileSync(new URL('./testing/generated-scans.json', import.meta.url), 'utf8'),
) as {
  issues: { fileName: string; texts: string[]; pages: PageArtefact[] }[];
};

/**
 * Ids with a treaty's title hash left out: the truth gives a treaty the id of its other
 * edition's publication, which the index stage pairs, not structure.
 */
const ids = (ids: readonly string[]) =>
  ids.map((id) => id.replace(/^((?:convention|accord|protocole)-[\d-]+)-[0-9a-f]+$/, '$1')).sort();

function parsed(fileName: string) {
  const issue = SCANS.issues.find((i) => i.fileName === fileName)!;
  return { truth: issue.texts, parsed: parseBulletin(issue.pages, recordFor(fileName)) };
}

describe('generated scans: sommaires and headers as OCR read them', () => {
  it('skips a sommaire whose title OCR ran into specks (`و د فهرس ؤدجع كنا`), told by its entries', () => {
    const { truth, parsed: p } = parsed('bo-ar-5123.pdf');
    expect(p.texts.map((t) => t.id).sort()).toEqual([...truth].sort());
    expect(p.warnings.filter((w) => w.includes('found twice'))).toEqual([]);
  });

  it('skips an untitled sommaire whose pages OCR misread (3040 after 3640): the convention keeps its articles', () => {
    const { truth, parsed: p } = parsed('bo-ar-5590.pdf');
    // The convention's id is its title's hash: the other edition's pairing is the index stage's.
    const ids = (ids: string[]) =>
      ids.map((id) => id.replace(/^(convention-[\d-]+)-[0-9a-f]+$/, '$1')).sort();
    expect(ids(p.texts.map((t) => t.id))).toEqual(ids(truth));
    const convention = p.texts.find((t) => t.type === 'convention')!;
    expect(convention.articles.map((a) => a.number)).toEqual(['1', '2', '3']);
    expect(p.texts.find((t) => t.id === 'dahir-1-07-39')!.articles).toEqual([]);
  });

  it('reads no sommaire entry as a text when a line read out of place (وقعه بالعطف:) passes for the first body line', () => {
    const { truth, parsed: p } = parsed('bo-ar-3160.pdf');
    expect(p.texts.map((t) => t.id).sort()).toEqual([...truth].sort());
    // The line read out of place is kept as a warning, not dropped.
    expect(p.warnings.some((w) => w.includes('before any text header'))).toBe(true);
  });

  it('joins a treaty header whose line after a comma reads `fait à Rabat le …` (no signature block)', () => {
    const { truth, parsed: p } = parsed('bo-fr-5597.pdf');
    expect(ids(p.texts.map((t) => t.id))).toEqual(ids(truth));
    expect(p.texts.find((t) => t.type === 'protocole')!.title).toBe(
      'Protocole de coopération en matière de sécurité sociale entre le Royaume du Maroc et la République du Sénégal, fait à Rabat le 20 septembre 2006',
    );
  });
});
