/**
 * `--lang auto` (the default): each page is read first in the language most likely, the
 * edition the file's name gives (`…_Ar.pdf`) or else French, and read again in the other
 * language when that reading does not score as text; the page wins over the file name.
 * Inputs: a block of an Arabic scan-quality fixture page, and a block of a real typewritten
 * French page (fixtures/real).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TesseractPool } from '../engines/tesseract-pool.js';
import { generateFixtures } from '../fixtures/generate.js';
import { realDataPath } from '../fixtures/real-data.js';
import { intake } from '../pipeline/intake.js';
import type { OcrLanguage } from '../pipeline/model.js';
import type { OcrEngine } from '../pipeline/ocr.js';
import { expectedLanguage, openDocument, readPage } from '../pipeline/pages.js';

const pool = new TesseractPool({ size: 1 });
const dir = await mkdtemp(path.join(tmpdir(), 'jarida-lang-'));
/** The languages the engine was asked to read the page in, in order (not second readings of lines). */
let asked: OcrLanguage[] = [];
const engine: OcrEngine = {
  size: pool.size,
  recognize(png, lang, options) {
    if (options?.segmentation !== 'line') asked.push(lang);
    return pool.recognize(png, lang, options);
  },
  close: () => pool.close(),
};
const blocks: { arabic: Buffer; french: Buffer } = { arabic: Buffer.alloc(0), french: Buffer.alloc(0) };

/** The top `height` pixels under `top` of an image, as a PNG: a block of a few lines reads in seconds. */
function block(image: Buffer, top: number, height: number): Promise<Buffer> {
  return sharp(image)
    .metadata()
    .then(({ width }) => sharp(image).extract({ left: 0, top, width: width!, height }).png().toBuffer());
}

/** Reads an image as a file of this name would be read by `jarida ingest --lang auto`. */
async function readAuto(image: Buffer, fileName: string) {
  asked = [];
  const record = intake(image, fileName);
  const document = await openDocument(image, record);
  try {
    return await readPage(await document.page(1), engine, { lang: 'auto', ...expectedLanguage(record) });
  } finally {
    await document.close();
  }
}

beforeAll(async () => {
  const manifest = await generateFixtures({
    out: dir,
    seed: 5151,
    issues: 1,
    edition: 'ar',
    quality: 'scan',
    pages: 'png',
  });
  const issue = manifest.issues[0]!;
  blocks.arabic = await block(
    await readFile(path.join(dir, 'pages', `${issue.bulletinId}-p2.png`)),
    300,
    700,
  );
  const typewritten = realDataPath('ocr-fr-typewritten', 'an96ap__FRAN_0150_0002_L-medium.jpg');
  blocks.french = await block(await readFile(typewritten), 400, 500);
}, 120_000);

afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--lang auto', () => {
  it('reads an Arabic page in Arabic when nothing names its edition, after a French read', async () => {
    const page = await readAuto(blocks.arabic, 'scan-0001.png');
    expect(page.language).toBe('ara');
    expect(asked).toEqual(['fra', 'ara']);
    expect(page.lines.map((l) => l.text).join(' ')).toMatch(/\p{Script=Arabic}{3,}/u);
  }, 120_000);

  it('reads an Arabic page once when its file name gives the Arabic edition', async () => {
    const page = await readAuto(blocks.arabic, 'BO_6126_Ar.png');
    expect(page.language).toBe('ara');
    expect(asked).toEqual(['ara']);
  }, 120_000);

  it('reads a French page in French even under an Arabic file name: the page wins', async () => {
    const page = await readAuto(blocks.french, 'BO_6126_Ar.png');
    expect(page.language).toBe('fra');
    expect(asked).toEqual(['ara', 'fra']);
    expect(page.lines.map((l) => l.text).join(' ')).toContain('Caillaux');
  }, 120_000);
});

/**
 * Copy 089 of fixtures/real/bo-pages (a Scribd text layer of an Arabic booklet, its figures and
 * parentheses out of place, `لله` stored as `هلل`) rendered as the bo-pages bench does and read
 * by tesseract: as French at confidence 0.16, as Arabic at 0.90. Neither scores as text (the
 * Arabic reading keeps the copy's scrambled figures), and the French debris scored higher.
 */
const READ_089_AS_FRENCH = [
  'disall II',
  'JlJL 8l22137.99 p5y oil)! 1,612:2002( ssosi',
  '1',
  'dsall',
  '4-9 la KasJl',
  '1 dslas- cas yddl alla]',
  '(&Jy Ma 093 (42 Sao ui url 54 das)',
  '! Lil à yol $elg Mio dlausle im Côs y äJl Lyugl5 1,0 pales',
  '(458 926 Had lavudlo jozxsl le cu',
  'y Las cäs il Lyol Lyxol',
  '&laza)137.99 5, pôle lin cs pal Li yugls Le, dau 5 BAsyaJL pduso Lans',
  'sslätuell ulxog Bladi ulavo aude Sô19 LAS, dus ral SA JL',
  '2002(. 549:511423 )3 Le3 5025 5 SI 3e; j3>5',
  ': âlhalL aaës',
  '«Jai 5339)',
  '5h91 ÿa>)l 1e: cLadlll',
  '3150. ,02002(, 5.45931423 )7 ;,La052 A15l55054 sac dzous Jl 815 5>J11 -',
  '-2-',
  'dao! JloJL 8le7:37.99 p5, il',
  'dole IS>I: Jofil SU',
  '1 3slaJl',
  'Byslall égal pgail 59 poil lie 5 "Éjadll IL" 5yLey ais',
  '5lbg9 5aJlg co sy} Av LuSil Asa) B5B9)l ao 39 Jia le aoû ai a, Jan)',
  '| LL gas Ludo SJ59 zl959',
];
const READ_089_AS_ARABIC = [
  'الحالة المدنية',
  'ظهير شريف رقم 9.صادر في 25 من رجب 1233',
  'أكتوبر )2002 بتنفيذ القانون رقم 37.99 المتعلق بالحالة',
  '1',
  'المدنية',
  'الحمد هلل وحده؛',
  'الطابع الشريف -بداخله :',
  '(محمد بن الحسن بن محمد بن يوسف هللا وليه)',
  'يعلم من ظهيرنا الشريف هذا ,اسماه هللا واعز امره أننا :',
  'بناء على الدستور والسيما الفصلين 26 8منه.,',
  'أصدرنا أمرنا الشريف بما يلى :',
  'ينفذ وينشر بالجريدة الرسمية .عقب ظهيرنا الشريف هذا ,القانون رقم 37.99 المتعلق',
  'بالحالة المدنية ,كما وافق عليه مجلس النواب ومجلس المستشارين.',
  'وحرر بمراكش في 25من رجب 3( 1423 أكتوبر .)2002',
  'وقعه بالعطف :',
  'الوزير األول،',
  'اإلمضاء :عبد الرحمن يوسفي.',
  '- 1الجريدة الرسمية عدد 5054بتاريخ 2رمضان 7( 1423 نوفمبر ,)2002ص .3150',
  '-2-',
  'قانون رقم 37.99يتعلق بالحالة المدنية',
  'الباب األول :أحكام عامة',
  'المادة 1',
  'يقصد بعبارة "الحالة المدنية" في هذا القانون وفي النصوص التنظيمية الصادرة',
  'لتطبيقه نظام يقوم على تسجيل وترسيم الوقائع المدنية األساسية لألفراد من والدة ووفاة',
  'وزواج وطالق ,وضبط جميع البيانات ‎١‏',
];

describe('--lang auto on a page whose right reading does not score as text', () => {
  it('keeps the surer reading with more dictionary words: real copy 089 is read in Arabic', async () => {
    const reading = (texts: string[], confidence: number) => ({
      lines: texts.map((text, i) => ({
        text,
        confidence,
        bbox: { x: 0.1, y: 0.05 + i * 0.03, w: 0.8, h: 0.02 },
      })),
      width: 1240,
      height: 1754,
      confidence,
    });
    const png = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const read: OcrLanguage[] = [];
    const fake: OcrEngine = {
      size: 1,
      recognize: async (_image, lang, options) => {
        if (options?.segmentation !== 'line') read.push(lang);
        return lang === 'fra' ? reading(READ_089_AS_FRENCH, 0.16) : reading(READ_089_AS_ARABIC, 0.9);
      },
      close: async () => {},
    };
    const page = { index: 0, width: 1240, height: 1754, textLayer: null, render: async () => png };
    const artefact = await readPage(page, fake, { lang: 'auto', segmentation: 'page' });
    expect(read.slice(0, 2)).toEqual(['fra', 'ara']);
    expect(artefact.language).toBe('ara');
    expect(artefact.lines.map((l) => l.text).join('\n')).toContain('بتنفيذ القانون رقم 37.99');
  });
});
