import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportAkomaNtoso } from './akn-export.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { amendingBulletins } from './testing/contract-amendments.js';
import { contractBulletins, makePages } from './testing/contract-data.js';

// The OASIS Akoma Ntoso 3.0 schema shipped with the repository (validated offline with xmllint).
const SCHEMA = fileURLToPath(new URL('./schemas/akomantoso30.xsd', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jarida-akn-'));

function validate(xml: string, name: string): { ok: boolean; output: string } {
  const file = join(work, `${name}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

describe('Akoma Ntoso export', async () => {
  const store = new SqliteStore(':memory:');
  for (const parsed of [...contractBulletins(), ...amendingBulletins()])
    await store.saveBulletin(parsed, makePages(parsed));
  const amended = (await exportAkomaNtoso(store, 'loi-09-08'))!;
  const before = (await exportAkomaNtoso(store, 'loi-09-08', { at: '2012-01-01' }))!;
  const amending = (await exportAkomaNtoso(store, 'loi-29-14'))!;

  it('validates against the OASIS schema, amended, unamended and amending texts alike', () => {
    for (const [name, xml] of [
      ['amended', amended],
      ['before', before],
      ['amending', amending],
    ] as const) {
      expect(validate(xml, name)).toMatchObject({ ok: true });
    }
  });

  it('names work, expression and manifestation by FRBR URIs, the expression dated by its last change', () => {
    expect(amended).toContain('<FRBRuri value="/akn/ma/act/loi/2009/09-08"/>');
    expect(amended).toContain('<FRBRuri value="/akn/ma/act/loi/2009/09-08/fra@2015-03-12"/>');
    expect(amended).toContain('<FRBRuri value="/akn/ma/act/loi/2009/09-08/fra@2015-03-12.akn"/>');
    expect(before).toContain('<FRBRuri value="/akn/ma/act/loi/2009/09-08/fra@2009-03-05"/>');
  });

  it('gives articles eIds and the wording of the day, with passive and active modifications', () => {
    expect(amended).toContain('<article eId="art_12bis">');
    expect(amended).not.toContain('<article eId="art_12">');
    expect(before).toContain('<article eId="art_12">');
    expect(amended).toMatch(
      /<textualMod type="substitution" eId="pmod_1">\s*<source href="\/akn\/ma\/act\/loi\/2015\/29-14\/~art_1"\/>\s*<destination href="#art_5"\/>/,
    );
    expect(amended).toMatch(
      /<textualMod type="repeal" eId="pmod_\d">\s*<source href="[^"]+~art_4"\/>\s*<destination href="#art_12"\/>/,
    );
    expect(amending).toMatch(
      /<activeModifications>\s*<textualMod type="substitution" eId="amod_1">\s*<source href="#art_1"\/>\s*<destination href="\/akn\/ma\/act\/loi\/2009\/09-08\/~art_5"\/>/,
    );
  });

  it('prints alinéas as paragraphs and items as the points of a list, still valid, as the store kept them', async () => {
    const paragraphs = [
      'Sont membres de la commission :',
      '1° le président ;',
      '2° deux juges.',
      'Elle siège à Rabat.',
    ];
    const [bulletin] = contractBulletins().filter((b) =>
      b.texts.some((t) => t.id === 'loi-09-08' && t.language === 'fr'),
    );
    const text = bulletin!.texts.find((t) => t.id === 'loi-09-08')!;
    text.articles[0] = { ...text.articles[0]!, body: paragraphs.join(' '), paragraphs };
    const own = new SqliteStore(':memory:');
    await own.saveBulletin(bulletin!, makePages(bulletin!));
    const record = await own.getText('loi-09-08');
    expect(record!.articles[0]!.paragraphs).toEqual(paragraphs);
    expect(record!.articles[1]!.paragraphs).toEqual([record!.articles[1]!.body]);
    const xml = (await exportAkomaNtoso(own, 'loi-09-08'))!;
    expect(validate(xml, 'alineas')).toMatchObject({ ok: true });
    const eId = `art_${text.articles[0]!.number}`;
    expect(xml).toMatch(
      new RegExp(
        `<paragraph eId="${eId}__para_1">\\s*<list eId="${eId}__para_1__list_1">\\s*<intro>\\s*<p>Sont membres de la commission :</p>\\s*</intro>\\s*<point eId="${eId}__para_1__list_1__point_1">\\s*<num>1°</num>\\s*<content>\\s*<p>le président ;</p>`,
      ),
    );
    expect(xml).toMatch(
      new RegExp(`<paragraph eId="${eId}__para_2">\\s*<content>\\s*<p>Elle siège à Rabat.</p>`),
    );
  });

  it('is checked for real: a document breaking the schema is rejected', () => {
    const broken = amended.replace('<FRBRcountry value="ma"/>', '');
    expect(validate(broken, 'broken').ok).toBe(false);
    const badType = amended.replace('type="substitution"', 'type="rewrite"');
    expect(validate(badType, 'bad-type').ok).toBe(false);
  });
});
