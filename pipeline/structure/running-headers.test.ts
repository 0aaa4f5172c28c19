import { describe, expect, it } from 'vitest';
import { bodyLines, printedPages } from './lines.js';
import { parseBulletin } from './parse-bulletin.js';
import { pageReadings, stripRunningHeaders, withoutColumnRules } from './running-headers.js';
import { pagesFromText, recordFor } from './testing/test-helpers.js';

/** An Arabic page: body lines around the header pieces as OCR handed them. */
const BODY = ['المادة 12', 'يعاقب بغرامة من 300 إلى 500 درهم', 'كل من خالف أحكام هذه المادة.'];

describe('running headers of the Arabic edition however OCR splits them (issue 22)', () => {
  it('takes out a header split in pieces over three lines and keeps its page, issue and date', () => {
    const [page] = pagesFromText(
      [['عدد 13-5167 شوال 1424 (8 ديسمبر 2003)', 'الجريدة الرسمية', '3897', ...BODY].join('\n')],
      { language: 'ara' },
    );
    const stripped = stripRunningHeaders(page!);
    expect(stripped.lines.map((l) => l.text)).toEqual(BODY);
    expect(stripped.header?.number).toBe('5167');
    expect(stripped.header?.pages[0]).toBe(3897);
    expect([stripped.header?.date?.gregorian, stripped.header?.date?.hijriText]).toEqual([
      '2003-12-08',
      '13 شوال 1424',
    ]);
  });

  it('cuts a header merged into a body line out of it, the page number glued to a stray figure', () => {
    const merged =
      '…ستة أشهر. الجريدة الرسمية عدد 5167 13 شوال 1424 (8 ديسمبر 2003) 38971 يمكن للمحكمة أن تأمر';
    const [page] = pagesFromText([[...BODY, merged, 'بنشر الحكم.'].join('\n')], { language: 'ara' });
    const stripped = stripRunningHeaders(page!);
    expect(stripped.lines.map((l) => l.text)).toEqual([
      ...BODY,
      '…ستة أشهر.',
      'يمكن للمحكمة أن تأمر',
      'بنشر الحكم.',
    ]);
    expect(stripped.header?.pages).toContain(3897);
    expect(stripped.header?.date?.gregorian).toBe('2003-12-08');
    expect(stripped.residues).toEqual([]);
  });

  it('reads the page number on either side, in Arabic-Indic figures too', () => {
    for (const header of [
      '٣٨٩٨ الجريدة الرسمية عدد ٥١٦٧ – ١٣ شوال ١٤٢٤ (٨ ديسمبر ٢٠٠٣)',
      'الجريدة الرسمية عدد 5167 – 13 شوال 1424 (8 ديسمبر 2003) 3898',
    ]) {
      const [page] = pagesFromText([[header, ...BODY].join('\n')], { language: 'ara' });
      const stripped = stripRunningHeaders(page!);
      expect(stripped.header?.pages[0]).toBe(3898);
      expect(stripped.lines.map((l) => l.text)).toEqual(BODY);
    }
  });

  it('leaves a citation of an issue in the body, and warns of a header piece left in a body line', () => {
    const citation = 'المنشور بالجريدة الرسمية عدد 5167 بتاريخ 13 شوال 1424 (8 ديسمبر 2003)؛';
    const piece = 'كما هو منصوص عليه الجريدة الرسمية عدد 5167 في الفقرة الثانية';
    const [page] = pagesFromText([[...BODY, citation, 'وبعد', piece, ...BODY].join('\n')], {
      language: 'ara',
    });
    const stripped = stripRunningHeaders(page!);
    expect(stripped.lines.map((l) => l.text)).toContain(citation);
    expect(stripped.residues).toEqual([piece]);
    expect(printedPages([page!]).repairs.some((r) => r.includes('piece of a running header'))).toBe(true);
  });

  it('applies the same rule to the French edition', () => {
    const merged =
      'la présente loi. BULLETIN OFFICIEL N° 5670 – 2 chaoual 1429 (2-10-2008) 689 Le ministre est chargé';
    const [page] = pagesFromText([['Article 3', merged, 'de son exécution.'].join('\n')]);
    const stripped = stripRunningHeaders(page!);
    expect(stripped.lines.map((l) => l.text)).toEqual([
      'Article 3',
      'la présente loi.',
      'Le ministre est chargé',
      'de son exécution.',
    ]);
    expect(stripped.header).toMatchObject({ number: '5670', pages: [689] });
    expect(stripped.header?.date?.gregorian).toBe('2008-10-02');
  });
});

describe('printed page numbers (issue 22)', () => {
  const page = (header: string) => [header, ...BODY].join('\n');
  const DATE = '13 شوال 1424 (8 ديسمبر 2003)';

  it('settles a glued or turned-round page number from the pages around it', () => {
    const pages = pagesFromText(
      [
        page(`3897 الجريدة الرسمية عدد 5167 – ${DATE}`),
        page(`الجريدة الرسمية عدد 5167 – ${DATE} 38981`),
        page(`3899 الجريدة الرسمية عدد 5167 – ${DATE}`),
        page(`الجريدة الرسمية عدد 5167 – ${DATE} 0093`),
      ],
      { language: 'ara' },
    );
    const read = printedPages(pages);
    expect(read.agreed).toBe(true);
    expect([...read.numbers.values()]).toEqual([3897, 3898, 3899, 3900]);
    expect(bodyLines(pages, read.numbers).every((l) => l.page >= 3897)).toBe(true);
    expect(read.headers.get(2)?.date?.gregorian).toBe('2003-12-08');
  });

  it('settles an Arabic page number that lost its leading figure (`391` for `3971`), one reading against one', () => {
    const texts = [
      page('بدون رأس'),
      page(`3970 الجريدة الرسمية عدد 5167 – ${DATE}`),
      page(`الجريدة الرسمية عدد 5167 – ${DATE} 391`),
    ];
    const read = printedPages(pagesFromText(texts, { language: 'ara' }));
    expect(read.agreed).toBe(true);
    expect([...read.numbers.values()]).toEqual([3969, 3970, 3971]);
    // French OCR adds figures as often as it drops them: there the sommaire decides.
    expect(printedPages(pagesFromText(texts, { language: 'fra' })).agreed).toBe(false);
  });

  it('numbers every page from a single page read, and says so when none is', () => {
    const one = printedPages(
      pagesFromText([page('بدون رأس'), page(`3898 الجريدة الرسمية عدد 5167 – ${DATE}`)]),
    );
    expect([...one.numbers.values()]).toEqual([3897, 3898]);
    expect(one.repairs.join('\n')).toMatch(/page 1: printed page taken as 3897/);
    const none = printedPages(pagesFromText([page('بدون رأس'), page('بدون رأس')]));
    expect(none.repairs).toHaveLength(2);
    expect(none.repairs[0]).toMatch(/no printed page number read or settled/);
  });

  it('gives the readings of a doubtful page number, the glued ones first for five figures', () => {
    expect(pageReadings('38971')).toEqual([3897, 8971, 17983, 38971]);
    expect(pageReadings('0093')).toEqual([3900]);
    expect(pageReadings('689')).toEqual([689]);
  });
});

describe('column rules read as marks (issue 22)', () => {
  it('drops a column rule read as `|` between words, not other marks', () => {
    expect(withoutColumnRules('صادر في 12 ربيع الآخر 1444 (16 نوفمبر | 2022)')).toBe(
      'صادر في 12 ربيع الآخر 1444 (16 نوفمبر 2022)',
    );
    expect(withoutColumnRules('a|b')).toBe('a|b');
  });
});

describe('an Arabic issue whose headers OCR split, parsed whole (issue 22)', () => {
  it('keeps the headers out of the articles and cites printed pages', () => {
    const pages = pagesFromText(
      [
        [
          'السنة الثانية والتسعون – عدد 5167',
          '13 شوال 1424 (8 ديسمبر 2003)',
          'نصوص عامة',
          'ظهير شريف رقم 1.03.194 صادر في 14 من رجب 1424 (11 سبتمبر 2003) بتنفيذ القانون رقم 65.99 المتعلق بمدونة الشغل.',
          'الحمد لله وحده،',
          'أصدرنا أمرنا الشريف بما يلي:',
          'المادة الأولى',
          'يعاقب بغرامة من 300 إلى 500 درهم كل من خالف أحكام هذه المادة خلال',
          'ستة أشهر. الجريدة الرسمية عدد 5167 13 شوال 1424 (8 ديسمبر 2003) 38971 يمكن للمحكمة أن تأمر بنشر الحكم.',
        ].join('\n'),
        [
          'عدد 13-5167 شوال 1424 (8 ديسمبر 2003)',
          'الجريدة الرسمية',
          '3898',
          'المادة 2',
          'تطبق أحكام هذا القانون على الأجراء.',
        ].join('\n'),
        [
          '3899 الجريدة الرسمية عدد 5167 – 13 شوال 1424 (8 ديسمبر 2003)',
          'المادة 3',
          'يسري هذا القانون بعد ستة أشهر من نشره.',
        ].join('\n'),
      ],
      { language: 'ara' },
    );
    const parsed = parseBulletin(pages, recordFor('bo-ar-5167.pdf'));
    const bodies = parsed.texts.flatMap((t) => t.articles.map((a) => a.body));
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) expect(body).not.toMatch(/الجريدة الرسمية|38971|ديسمبر 2003/);
    expect(parsed.texts.map((t) => t.page)).toEqual(expect.arrayContaining([3897]));
    for (const text of parsed.texts)
      for (const a of text.articles) expect(a.page).toBeGreaterThanOrEqual(3897);
    expect([parsed.bulletin.firstPage, parsed.bulletin.lastPage]).toEqual([3897, 3899]);
  });
});
