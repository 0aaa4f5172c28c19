#!/usr/bin/env node
/**
 * Re-fetches the development and test OCR sets of fixtures/real (provenance and licences in
 * fixtures/real/NOTICE.md) from their public repositories, at the commits recorded below.
 *
 *   node scripts/fetch-real-ocr-sets.mjs [--git-dir owner/name=PATH ...]
 *
 * Each repository is cloned bare into a temporary folder, unless `--git-dir` names a bare
 * copy already on disk. Page images are written as greyscale JPEG (quality 85) at their
 * resolution, to keep the repository small; line images are copied as they are. Page ground
 * truth is the ALTO's lines in document order, one per line, as in the other sets, with the
 * transcribers' line-end hyphen `¬` written as the `-` the page prints.
 *
 * Never add the parts of these corpora kept for evaluation (../shared/realdata/README.md):
 * the OpenITI books `book_Jahiz.Hayawan`, `lq_Dhahabi.Tarikh` and `lq_IbnJawzi.Muntazam`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const REAL = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real');
const RESERVED_BOOKS = ['book_Jahiz.Hayawan', 'lq_Dhahabi.Tarikh', 'lq_IbnJawzi.Muntazam'];

/** One set: where it comes from and which files, chosen by a rule rather than by look. */
const SETS = [
  {
    // Congrès international des sciences ethnographiques (Imprimerie nationale, 1881): dev split.
    folder: 'ocr-fr-print-1881-dev',
    repo: 'PSL-Chartes-HTR-Students/TNAH-2021-Expositions_Universelles',
    commit: '7d4f689',
    kind: 'alto-pages',
    pick: (file) => /\/ESTEBAN_[^/]*\.png$/.test(file),
  },
  {
    // Same book, another article and transcriber: test split.
    folder: 'ocr-fr-print-1881-test',
    repo: 'PSL-Chartes-HTR-Students/TNAH-2021-Expositions_Universelles',
    commit: '7d4f689',
    kind: 'alto-pages',
    pick: (file) => /\/ANAHI_[^/]*\.png$/.test(file),
  },
  {
    // Ibn Qutayba, Adab al-katib (modern typeset edition), every 6th line: dev split.
    folder: 'ocr-ar-lines-adab-dev',
    repo: 'OpenArabic/OCR_GS_Data',
    commit: '43eee6f4',
    kind: 'lines',
    book: 'book_IbnQutayba.Adab',
    every: 6,
  },
  {
    // Ibn al-Faqih al-Hamadhani, Kitab al-buldan, every 12th line: test split.
    folder: 'ocr-ar-lines-buldan-test',
    repo: 'OpenArabic/OCR_GS_Data',
    commit: '43eee6f4',
    kind: 'lines',
    book: 'book_IbnFaqihHamadhani.Buldan',
    every: 12,
  },
];

function option(name) {
  const given = {};
  process.argv.forEach((arg, i) => {
    if (arg === name) {
      const [repo, dir] = process.argv[i + 1].split('=');
      given[repo] = dir;
    }
  });
  return given;
}

const git = (gitDir, ...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30 });

function decodeXml(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The text of an ALTO page, one line per TextLine, in document order. */
function altoText(xml) {
  const lines = [];
  for (const [body] of xml.matchAll(/<TextLine\b[\s\S]*?<\/TextLine>/g)) {
    const words = [...body.matchAll(/<String\b[^>]*\bCONTENT="([^"]*)"/g)].map((m) => decodeXml(m[1]));
    // The transcribers write a line-end hyphen as `¬`; the page prints `-`, as OCR reads it.
    const line = words.join(' ').replace(/¬/g, '-').trim();
    if (line) lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

function safeName(file) {
  return path
    .basename(file)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '_');
}

async function alto(gitDir, set, files) {
  const images = files.filter(set.pick);
  for (const image of images) {
    const id = safeName(image).replace(/\.png$/, '');
    const xml = git(gitDir, 'show', `${set.commit}:${image.replace(/\.png$/, '.xml')}`).toString('utf8');
    const png = git(gitDir, 'show', `${set.commit}:${image}`);
    const { density } = await sharp(png).metadata();
    const jpeg = sharp(png).flatten({ background: '#ffffff' }).greyscale().jpeg({ quality: 85 });
    writeFileSync(
      path.join(REAL, set.folder, `${id}.jpg`),
      await (density ? jpeg.withMetadata({ density }) : jpeg).toBuffer(),
    );
    writeFileSync(path.join(REAL, set.folder, `${id}.gt.txt`), altoText(xml));
  }
  return images.length;
}

function lines(gitDir, set, files) {
  if (RESERVED_BOOKS.includes(set.book)) throw new Error(`${set.book} is reserved for evaluation`);
  const dir = `ara/${set.book}/7_final/`;
  const images = files.filter((f) => f.startsWith(dir) && f.endsWith('.png')).sort();
  const chosen = images.filter((_, i) => i % set.every === 0);
  for (const image of chosen) {
    const id = `${set.book}__${path.basename(image, '.png')}`;
    writeFileSync(path.join(REAL, set.folder, `${id}.png`), git(gitDir, 'show', `${set.commit}:${image}`));
    const truth = git(gitDir, 'show', `${set.commit}:${image.replace(/\.png$/, '.gt.txt')}`);
    writeFileSync(path.join(REAL, set.folder, `${id}.gt.txt`), truth);
  }
  return chosen.length;
}

const given = option('--git-dir');
const temp = mkdtempSync(path.join(os.tmpdir(), 'jarida-real-sets-'));
try {
  const clones = {};
  for (const set of SETS) {
    let gitDir = given[set.repo] ?? clones[set.repo];
    if (!gitDir) {
      gitDir = path.join(temp, set.repo.replace('/', '+'));
      execFileSync('git', ['clone', '--bare', '--quiet', `https://github.com/${set.repo}.git`, gitDir]);
      clones[set.repo] = gitDir;
    }
    const files = git(gitDir, 'ls-tree', '-r', '-z', '--name-only', set.commit).toString('utf8').split('\0');
    rmSync(path.join(REAL, set.folder), { recursive: true, force: true });
    mkdirSync(path.join(REAL, set.folder), { recursive: true });
    const count = set.kind === 'alto-pages' ? await alto(gitDir, set, files) : lines(gitDir, set, files);
    process.stdout.write(`${set.folder}: ${count} from ${set.repo}@${set.commit}\n`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
