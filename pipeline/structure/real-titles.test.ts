/**
 * Titles and sommaires of real copies of bo-pages (issue 16, fifth round), as the bench's
 * text-layer PDFs of them read: the lines that showed each miss, as the copies print them.
 */
import { describe, expect, it } from 'vitest';
import { parseBulletin } from './parse-bulletin.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';
import { opensAmendmentList, parseTextHeader } from './text-headers.js';

const parse = (text: string, language: 'fra' | 'ara' = 'fra') =>
  parseBulletin(pagesFromText([text], { language }), recordFor('copy.pdf'));

/** One page whose lines are all body lines, as layout left the copy's (no line of it is a running header). */
function parseBody(text: string, language: 'fra' | 'ara'): ReturnType<typeof parseBulletin> {
  const [page] = pagesFromText([text], { language });
  const lines = [...page!.header, ...page!.lines].sort((a, b) => a.bbox.y - b.bbox.y);
  return parseBulletin([{ ...page!, header: [], lines }], recordFor('copy.pdf'));
}

describe('a cover whose sommaire title OCR ran into a line, its first entry cut mid-date (bo-pages 061)', () => {
  const cover = `Cent-quatriéme année — N° 6388 4 kaada 1436 (20 a t 2015) ISSN 0851 - 1217 ROYAUME DU MAROC
BULLETIN OFFICIEL EDITION DE TRADUCTION OFFICIELLE TARIFS D‘ABONNEMENT
leit texte is et réglements ainsi que le texte en langue étrangére i, soit seul, soit concurremment avec le
texte arabe ages Pages SOMMAIRE Médicaments 4 usage humain.- Autorisation de mise sur le marché.
Décret n° 2-14-841 du 19 chaoual 1436 (5 awit 20`;

  it('reads the cut entry as an entry, not a text, and says it is cut', () => {
    const parsed = parse(cover);
    expect(parsed.bulletin.id).toBe('bo-fr-6388');
    expect(parsed.texts).toEqual([]);
    expect(parsed.warnings.join('\n')).toMatch(
      /the sommaire's last entry ends with the file, before its page: ".*Décret n° 2-14-841 du 19 chaoual 1436 \(5 awit 20"/,
    );
    // `20` is the year the cut date began, not a page the entry lists.
    expect(parsed.warnings.join('\n')).not.toMatch(/the sommaire lists it/);
  });

  it('still reads the header as a text when no sommaire title is printed', () => {
    const parsed = parse(cover.replace('SOMMAIRE', 'sommaire'));
    expect(parsed.texts.map((t) => t.id)).toEqual(['decret-2-14-841']);
  });

  it('keeps the sommaire’s entries that end with a page, as run into the title’s line', () => {
    const parsed = parse(`${cover.split('\n').slice(0, 3).join('\n')}
texte arabe Pages SOMMAIRE Médicaments.- Décret n° 2-14-841 du 19 chaoual 1436 (5 août 2015) .... 4120
Décret n° 2-15-12 du 20 chaoual 1436 (6 août 2015) .... 4121`);
    expect(parsed.texts).toEqual([]);
    expect(parsed.warnings.join('\n')).toMatch(
      /decret-2-14-841: the sommaire lists it at p. 4120, not found/,
    );
    expect(parsed.warnings.join('\n')).not.toMatch(/last entry ends with the file/);
  });
});

describe('a consolidated copy’s list of amending texts after its title (bo-pages 066)', () => {
  // As OCR read the copy's raster.
  const copy = `ظهير شريف بمثابة ميثاق للاستثمارات الفلاحية[1]
كما تم تعديله ب:
- القانون رقم 26.00 الصادر بتنفيذه الظهير الشريف رقم 1.01.55 بتاريخ 21 من ذي القعدة 1421 (15 فبراير
1 الجريدة الرسمية عدد 4882 بتاريخ 19 ذي الحجة 1421 (15 مارس 2001) ص 799.
- القانون رقم 18.71 بتاريخ 20 ذي القعدة 1391 (7 يناير 1972)؛ الجريدة الرسمية عدد 3092 بتاريخ 16 ذو
الحجة 1391 (2 يبراير 1972) ص 235.
ظهير شريف رقم 1.69.25 بتاريخ 10 جمادى الأولى 1389 (25 يوليوز 1969) بمثابة ميثاق للاستثمارات الفلاحية
الحمد لله وحده؛
الطابع الشريف - بداخله:
أصدرنا أمرنا الشريف بما يلي:
بيان الأسباب`;

  it('ends the copy’s title before the list: no text made of the title and the amending texts it lists', () => {
    const parsed = parseBody(copy, 'ara');
    expect(parsed.texts.map((t) => [t.id, t.signedOn])).toEqual([['dahir-1-69-25', '1969-07-25']]);
    // The title and the list are kept in no text, and told.
    expect(parsed.warnings.join('\n')).toMatch(
      /\d lines before any text header, in no text or article \("ظهير شريف بمثابة ميثاق/,
    );
  });

  it('takes a line announcing the list for its opening, not a title that cites a text as amended', () => {
    expect(opensAmendmentList('كما تم تعديله ب:')).toBe(true);
    expect(opensAmendmentList('كما وقع تغييره وتتميمه بمقتضى:')).toBe(true);
    expect(opensAmendmentList("Tel qu'il a été modifié et complété par :")).toBe(true);
    // bo-pages 031 and 051: a citation goes on after the words.
    expect(opensAmendmentList('كما وقع تغييره وتتميمه، المحال إليها برسالة')).toBe(false);
    expect(opensAmendmentList("tel qu'il a été modifié ou complété; Vu la Constitution")).toBe(false);
  });
});

describe('a consolidated booklet flowed as one paragraph, its numbers dropped by the host (bo-pages 046)', () => {
  // The copy's first lines as the text-layer PDF sets them.
  const booklet = `1 Revu et corrigé REFERENCE : B.O n 4432 du 9 rejeb 1417 (21/11/96) Dahir n du 5 rabii II 1417 (21
août 1996 ) portant promulgation de la loi n relative à l'exerci ce de médecine 1. LOUANGE A DIEU
SEUL! (Grand Sceau de Sa Majesté Hassan II) Que l'on sache par les présentes - puisse Dieu en élever et
fortifier la teneur! Que Notre Majesté Chérifienne, Vu la Constitution, notamment son article 26, A
DECIDE CE QUI SUIT: Est promulguée et sera publiée au Bulletin officiel, à la suite du présent dahir, la
loi n relative à l'exercic e de la médecine, adoptée par la Chambre des représentants le 18 safar 1417 (5
juillet 1996). Fait à Rabat, le 5 rabii II 1417 (21 août 1996) Pour contreseing : Le Premier ministre,
ABDELLATIF FILALI. L O I N R E L A T I V E A L E X E R C I C E D E L A M E D E C I N E Article
premier 1 Modifiée par la loi n promulguée par le dahir n du 9 kaada 1420 (15 février 2000), publié au`;

  it('ends the dahir’s title where the royal formula opens, and makes the loi it names, flagged', () => {
    const parsed = parse(booklet);
    const [dahir, loi] = parsed.texts;
    expect(dahir).toMatchObject({ type: 'dahir', number: null, signedOn: '1996-08-21' });
    expect(dahir!.title).toMatch(/relative à l'exerci ce de médecine 1$/);
    // The dahir keeps its body to its signature; the loi's starts at its letter-spaced title.
    expect(dahir!.preamble).toMatch(/^LOUANGE A DIEU SEUL!.*ABDELLATIF FILALI\.$/s);
    expect(loi).toMatchObject({ type: 'loi', number: null, signedOn: '1996-08-21' });
    expect(loi!.preamble).toMatch(/^L O I N R E L A T I V E/);
    expect(dahir!.promulgates).toBe(loi!.id);
    expect(parsed.warnings.join('\n')).toMatch(
      new RegExp(`${loi!.id}: the promulgating ${dahir!.id} cites it with no number .*for an archivist`),
    );
  });

  it('makes no loi of a dahir alone that cites it without its number', () => {
    const dahirAlone = booklet.split('ABDELLATIF FILALI.')[0]!;
    const parsed = parse(`${dahirAlone}ABDELLATIF FILALI.`);
    expect(parsed.texts.map((t) => t.type)).toEqual(['dahir']);
  });

  it('reads a cited loi’s number where it is printed', () => {
    const header = parseTextHeader(
      'Dahir n° 1-96-123 du 5 rabii II 1417 (21 août 1996) portant promulgation de la loi n° 10-94 relative à l’exercice de la médecine.',
    );
    expect(header?.promulgates).toMatchObject({ type: 'loi', number: '10-94' });
    // A figure OCR read as a letter is a number misread, not one dropped.
    expect(
      parseTextHeader(
        'Dahir n° 1-96-123 du 5 rabii II 1417 (21 août 1996) portant promulgation de la loi n° l0-94 relative à l’exercice de la médecine.',
      )?.promulgates,
    ).toMatchObject({ type: 'loi', number: '10-94' });
    expect(
      parseTextHeader(
        "Dahir n du 5 rabii II 1417 (21 août 1996) portant promulgation de la loi n relative à l'exercice de médecine.",
      )?.promulgates,
    ).toMatchObject({ type: 'loi', number: null });
  });
});

describe('two arrêtés set side by side, their titles read across the columns (bo-pages 057)', () => {
  // The copy's lines as the text-layer PDF sets them.
  const page = `N° 6750 - 1°' joumada II 1440 (7-2-2019) BULLETIN OFFICIEL 123
Arrete du ministre de !'agriculture, de la peche maritime, du Arrete du ministre de )'agriculture, de la
peche maritime, du developpement rural et des eaux et forets n° 3582-18 du developpement rural et des
eaux et forets n° 3585-18 du 22 rabii I 1440 (30 novembre 2018) modifiant et completant 25 rabii I 1440
(3 decembre 2018) modifiant et completant l'arrete du ministre de )'agriculture et de la peche maritime
l'arrete du ministre de l'agriculture et de la peche maritime n° 1352-13 du 11 hija 1434 (17 octobre
2013) portant n° 1353-13 du 11 hija 1434 (17 octobre 2013) portant reconnaissance de !'indication
geographique « Miel reconnaissance de !'indication geographique « Keskes d'Arbousier Jbal My
Abdessalam » et homologation du Khoumassi » ou « Keskes Moukhamess » et homologation cahier des
charges y afferent. du cahier des charges y afferent.
LE MINISTRE DE L'AGRICULTURE, DE LA PECHE LE MINISTRE DE L'AGRICULTURE, DE LA PECHE`;

  it('reads both arrêtés, each with its number and date, flagged', () => {
    const parsed = parse(page);
    expect(parsed.texts.map((t) => [t.id, t.signedOn])).toEqual([
      ['arrete-3582-18', '2018-11-30'],
      ['arrete-3585-18', '2018-12-03'],
    ]);
    const warnings = parsed.warnings.join('\n');
    expect(warnings).toMatch(/arrete-3582-18: its title and that of arrete-3585-18, set side by side/);
    expect(warnings).toMatch(/arrete-3585-18 p. 123: header read with low confidence/);
  });

  it('reads one arrêté whose title cites another after its own date', () => {
    const header = parseTextHeader(
      "Arrêté du ministre de l'agriculture n° 3582-18 du 22 rabii I 1440 (30 novembre 2018) modifiant l'Arrêté du ministre de l'agriculture n° 1352-13 du 11 hija 1434 (17 octobre 2013).",
    );
    expect(header).toMatchObject({ number: '3582-18', signedOn: '2018-11-30' });
    expect(header?.beside).toBeUndefined();
  });
});

describe('an Arabic reprint flowed as one paragraph, its title run into the royal formula (bo-pages 056)', () => {
  // As OCR read the copy's raster (its number, printed backwards, lost: kept flagged elsewhere).
  const copy = `قانون تأسيس الجمعيات المغرب ظهير شريف رقم 6111961 الصادر في 3 جمادى الأولى #7351 ا[ 1 موافق 51
نونير 8591 يضبط بموجبه حق تأسيس الجمعيات الحمد الله وحده يعام من ظهيرنا الشريف هذا أسماه االله وأعز
أمره، أننا أصدرنا أمرنا الشريف بما يأتي : الجزء الأول في تأسيس الجمعيات بصفة عامة الفصل 1 الجمعية هي اتفاق`;

  it('ends the title where the formula opens, and keeps the rest as the dahir’s body', () => {
    const [dahir] = parseBody(copy, 'ara').texts;
    expect(dahir!.title).toMatch(/يضبط بموجبه حق تأسيس الجمعيات$/);
    expect(dahir!.preamble).toMatch(/^الحمد الله وحده يعام من ظهيرنا/);
    expect(dahir!.articles.map((a) => a.number)).toEqual(['1']);
  });
});

describe('a cover whose sommaire goes on over the page, its last entry cut by the end of the copy (bo-pages 073)', () => {
  // The copy's last lines as the text-layer PDF sets them over two pages.
  const first = `Cent-troisième année – N° 6288
8 kaada 1435 (4 septembre 2014)
SOMMAIRE
Pages
textes generaux
Cour constitutionnelle.
Dahir n° 1-14-139 du 16 chaoual 1435 (13 août 2014)
portant promulgation de la loi organique n° 066-13
relative à la Cour constitutionnelle....................... 3919`;
  const cut = `Fondation « « Cheikh Zaïd Ibn Soltan ».
Dahir n° 1-14-126 du 3 chaoual 1435 (31 juillet 2014)
portant promulgation de la loi n° 28-14
modifiant et complétant le dahir portant
loi n° 1- 93 -228 d u 22 ra bii I`;
  const parse2 = (pages: string[]) => parseBulletin(pagesFromText(pages), recordFor('copy.pdf'));

  it('reads the entry on the next page as the sommaire’s, cut, not as a text', () => {
    const parsed = parse2([first, cut]);
    expect(parsed.texts).toEqual([]);
    expect(parsed.warnings.join('\n')).toMatch(
      /the sommaire's last entry ends with the file, before its page: "Fondation .*Dahir n° 1-14-126 .*22 ra bii I"/,
    );
  });

  it('reads a text on the next page whose title is whole, or that goes on past its title', () => {
    expect(parse2([first, `${cut} 1414 (5 novembre 1993).`]).texts.map((t) => t.id)).toEqual([
      'dahir-1-14-126',
    ]);
    expect(
      parse2([first, `${cut}\nLOUANGE A DIEU SEUL !\nQue l'on sache par les présentes`]).texts.map(
        (t) => t.id,
      ),
    ).toEqual(['dahir-1-14-126']);
  });
});

describe('a compilation’s page: a loi titled with its promulgating dahir, after a page number (bo-pages 079)', () => {
  const page = `Dispositions générales Les officiers de l\`état civil
709
Loi n° 37-99 relative à l'état civil promulguée
par le dahir n° 1-02-239 du 25 rejeb 1423 (3 octobre 2002)
(B.O n° 5054 du 7 novembre 2002).
Chapitre premier
Dispositions générales
Article Premier : Au sens de la présente loi et des textes pris pour son application, on entend
par «état civil», le régime consistant à consigner et à authentifier les faits civils fondamentaux.
Article 2 : Les actes de l'état civil ont la même force probante que les actes authentiques.`;

  it('opens the loi after the page number, dated by its dahir, with its articles', () => {
    const parsed = parseBody(page, 'fra');
    expect(parsed.texts.map((t) => [t.id, t.signedOn, t.articles.map((a) => a.number)])).toEqual([
      ['loi-37-99', '2002-10-03', ['1', '2']],
    ]);
    expect(parsed.warnings.join('\n')).toMatch(/loi-37-99: dated by its promulgating dahir n° 1-02-239/);
  });

  it('gives no date of a cited text to a text that only amends it', () => {
    const header = parseTextHeader(
      'Loi n° 57-02 modifiant le dahir n° 1-58-376 du 3 joumada I 1378 (15 novembre 1958) réglementant le droit d’association.',
    );
    expect(header).toMatchObject({ number: '57-02', signedOn: null });
  });
});
