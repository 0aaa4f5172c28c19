/** A --force replacement names the texts and amendment events it drops and adds. */
import { describe, expect, it } from 'vitest';
import { amendingBulletins, DECRET_2_20_400, LOI_29_14 } from '../store/testing/contract-amendments.js';
import { makeBulletin } from '../store/testing/contract-data.js';
import { describeChanges, replacementChanges } from './replacement-changes.js';

describe('replacementChanges', () => {
  const original = amendingBulletins()[0]!;
  const replacement = makeBulletin('fr', '6340', '2015-03-12', 'f'.repeat(64), [DECRET_2_20_400]);

  it('names the dropped and added texts and the amendment events only the replaced file made', () => {
    expect(original.texts.map((t) => t.id)).toEqual(['loi-29-14']);
    const changes = replacementChanges(original, replacement);
    expect(changes.previous).toBe(original.bulletin.sourceSha256);
    expect(changes.droppedTexts).toEqual(['loi-29-14']);
    expect(changes.addedTexts).toEqual(['decret-2-20-400']);
    // Loi 29-14 amends article 5, inserts 12 bis and abrogates article 12 of loi 09-08.
    expect(changes.droppedAmendments).toEqual(
      expect.arrayContaining([
        'loi-29-14 art. 1 amended loi-09-08 art. 5',
        'loi-29-14 art. 4 abrogated loi-09-08 art. 12',
      ]),
    );
    expect(changes.addedAmendments.some((event) => event.includes('decret-2-09-165'))).toBe(true);
  });

  it('says nothing of a replacement printing the same texts', () => {
    const same = makeBulletin('fr', '6340', '2015-03-12', 'f'.repeat(64), [LOI_29_14]);
    const changes = replacementChanges(original, same);
    expect(describeChanges('bo-fr-6340', changes)).toEqual([]);
  });

  it('words each change as an outcome warning on the bulletin', () => {
    const lines = describeChanges('bo-fr-6340', replacementChanges(original, replacement));
    expect(lines).toContain(
      `bo-fr-6340: --force dropped text loi-29-14 (printed only by ${'1'.repeat(12)}…)`,
    );
    expect(lines).toContain(
      'bo-fr-6340: --force dropped amendment event: loi-29-14 art. 1 amended loi-09-08 art. 5',
    );
  });
});
