/**
 * The web pages in real headless Chromium, as a jurist uses them: search → open a text →
 * pick a date before an amendment → read the old wording → open the diff → open the
 * printed page; in French over the French edition, then in Arabic over the Arabic edition.
 * The archive is one of the generator's amendment chains (a 1958 dahir and the 1973 dahir
 * that amends it) in both editions, ingested by the real command and served by `jarida
 * serve` on a free loopback port. Screenshots go to test-output/browser/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureManifest } from '../fixtures/truth.js';
import type { BulletinTruth } from '../pipeline/evaluation-truth.js';
import type { ArticleVersionRecord, TextHistory, TextSummary } from '../store/search-store.js';
import { jarida, json } from '../test/cli.js';
import { generateIssues } from '../test/fixture-archive.js';
import { type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.resolve('test-output/browser');
const PHONE = { width: 390, height: 844 };
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let work: string;
let server: ServeProcess;
let base: string;
let profile: string;
let context: BrowserContext;
/** Content Security Policy violations and page errors seen by any page: there must be none. */
const problems: string[] = [];

async function api<T>(url: string): Promise<T> {
  const response = await fetch(`${base}${url}`);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** What the flow reads: an amended article of a text, a day before the change, and both wordings. */
interface Target {
  textId: string;
  article: string;
  title: string;
  type: TextSummary['type'];
  number: string | null;
  language: 'fr' | 'ar';
  /** A day the older wording was in force. */
  before: string;
  oldBody: string;
  /** The wording that replaced it and the day it took effect. */
  change: { on: string; body: string };
}

/** The first article of the archive amended in `language`, read through the API. */
async function findTarget(language: 'fr' | 'ar'): Promise<Target> {
  const { texts } = await api<{ texts: TextSummary[] }>('/v1/texts?limit=200');
  for (const text of texts.filter((t) => t.languages.includes(language))) {
    const history = await api<TextHistory>(`/v1/texts/${text.id}/history`);
    const change = history.events.find((e) => e.kind === 'amended' && e.articles.length > 0);
    if (!change) continue;
    const article = change.articles[0]!;
    const { versions } = await api<{ versions: ArticleVersionRecord[] }>(
      `/v1/texts/${text.id}/articles/${article}/versions?lang=${language}`,
    ).catch(() => ({ versions: [] as ArticleVersionRecord[] }));
    const [first, second] = versions;
    if (!first?.body || !second?.body || first.body === second.body) continue;
    const fullText = await api<{ title: string }>(`/v1/texts/${text.id}?lang=${language}`);
    return {
      textId: text.id,
      article,
      title: fullText.title,
      type: text.type,
      number: text.number,
      language,
      before: first.validFrom,
      oldBody: first.body,
      change: { on: second.validFrom, body: second.body },
    };
  }
  throw new Error(`no amended article in ${language} in the archive`);
}

/** Every visible form field has a label: a screen reader names it, a tap on the label focuses it. */
async function expectLabelled(page: Page): Promise<void> {
  const unlabelled = await page.evaluate(
    "[...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((el) => el.labels.length === 0).map((el) => el.outerHTML)",
  );
  expect(unlabelled).toEqual([]);
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

/** WCAG contrast ratio of two computed CSS colours (`rgb(r, g, b)`). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The first words of a wording: enough to recognise it on a page. */
function opening(body: string): string {
  return body.split(/\s+/).slice(0, 8).join(' ');
}

/**
 * The issues of one amendment in `edition`: the first issue whose truth amends a text of
 * another issue, and that issue (the generator's chains: a 1958 dahir amended in 1973…).
 */
async function amendmentIssues(fixtures: string, manifest: FixtureManifest, edition: 'fr' | 'ar') {
  const issues = await Promise.all(
    manifest.issues
      .filter((issue) => issue.bulletinId.startsWith(`bo-${edition}-`))
      .map(async (issue) => ({
        file: path.join(fixtures, issue.file),
        truth: JSON.parse(await readFile(path.join(fixtures, issue.truth), 'utf8')) as BulletinTruth,
      })),
  );
  for (const amending of issues) {
    const target = amending.truth.amendments?.[0]?.targetTextId;
    const original = issues.find((i) => i !== amending && i.truth.texts.some((t) => t.id === target));
    if (original) return [original.file, amending.file];
  }
  throw new Error(`no amendment between two ${edition} issues in ${fixtures}`);
}

/** Ingests `files` into `dataDir` with the real command; every one must be ingested. */
async function ingest(dataDir: string, files: string[], lang: 'fra' | 'ara'): Promise<void> {
  const result = await jarida(['--data-dir', dataDir, 'ingest', ...files, '--lang', lang, '--json']);
  const { files: report } = json<{ files: { path: string; status: string; reason?: string }[] }>(result);
  const failed = report.filter((f) => f.status !== 'ingested');
  if (failed.length) throw new Error(`not ingested: ${JSON.stringify(failed)}`);
}

beforeAll(async () => {
  // This run's screenshots only: none left over from a walk that has since changed.
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  work = await mkdtemp(path.join(tmpdir(), 'jarida-browser-'));
  const fixtures = path.join(work, 'fx');
  const dataDir = path.join(work, 'data');
  const manifest = await generateIssues(fixtures, {
    seed: 5150,
    issues: 1,
    edition: 'both',
    amendments: true,
  });
  // French clean issues are born-digital: their text layer is read. The Arabic ones are page
  // images (pdfkit cannot write a right-to-left text layer), so they go through Arabic OCR:
  // most of this file's time, hence only the two issues of one amendment.
  await ingest(dataDir, await amendmentIssues(fixtures, manifest, 'fr'), 'fra');
  await ingest(dataDir, await amendmentIssues(fixtures, manifest, 'ar'), 'ara');
  server = await startServe(dataDir);
  base = server.address;
  profile = await mkdtemp(path.join(tmpdir(), 'jarida-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'fr-MA',
  });
});

afterAll(async () => {
  await context?.close();
  server?.stop();
  await rm(profile, { recursive: true, force: true });
  if (work) await rm(work, { recursive: true, force: true });
});

/**
 * The jurist's walk through the pages in interface language `ui` over `target`:
 * search, text, date picker, old wording, diff, printed page.
 */
async function walk(ui: 'fr' | 'ar', target: Target, prefix: string): Promise<void> {
  const page = await newPage();
  await page.goto(`${base}/${ui}/`);
  expect(await page.getAttribute('html', 'dir')).toBe(ui === 'ar' ? 'rtl' : 'ltr');
  expect(await page.getAttribute('html', 'lang')).toBe(ui);
  // Keyboard: the first Tab reaches the skip link, which leads straight to the search field.
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.className')).toBe('skip');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.id')).toBe('f-query');
  // Its focus ring stands out from the form behind it (WCAG 1.4.11: 3:1 at least).
  const ring = (await page.evaluate(`(() => {
    const style = getComputedStyle(document.activeElement);
    const form = getComputedStyle(document.activeElement.closest('form'));
    return { style: style.outlineStyle, colour: style.outlineColor, background: form.backgroundColor };
  })()`)) as { style: string; colour: string; background: string };
  expect(ring.style).toBe('solid');
  expect(contrast(ring.colour, ring.background)).toBeGreaterThanOrEqual(3);
  await expectLabelled(page);

  // Words of the article, narrowed by the text's number when it has one, in its language.
  const words = target.oldBody
    .split(/\s+/)
    .filter((w) => w.length > 5)
    .slice(0, 2)
    .join(' ');
  await page.fill('#f-query', words);
  if (target.number) await page.fill('#f-number', target.number);
  await page.selectOption('#f-language', target.language);
  await Promise.all([page.waitForNavigation(), page.click('form.search button[type="submit"]')]);
  expect(await page.textContent('#results-heading')).toMatch(/\d/);
  // The facet of the text's type narrows the search to it, and is then marked as applied.
  await Promise.all([page.waitForNavigation(), page.click(`nav.facets a[href*="type=${target.type}"]`)]);
  expect(new URL(page.url()).searchParams.get('type')).toBe(target.type);
  expect(await page.locator('nav.facets a[aria-current="true"]').count()).toBe(1);
  await shot(page, `${prefix}-1-search`);

  const textLink = page.locator(`ol.hits a.title[href^="/${ui}/texts/${target.textId}?"]`).first();
  await expect.poll(() => textLink.count()).toBeGreaterThan(0);
  await Promise.all([page.waitForNavigation(), textLink.click()]);
  expect(await page.textContent('h1')).toContain(target.title.slice(0, 20));
  await expectLabelled(page);
  await shot(page, `${prefix}-2-text`);

  // The text as it stood on a day the old wording was in force.
  await page.fill('#at', target.before);
  await Promise.all([page.waitForNavigation(), page.click('form.inline button[type="submit"]')]);
  expect(page.url()).toContain(`at=${target.before}`);
  const articleSection = page.locator(`#art-${target.article}`);
  expect(await articleSection.textContent()).toContain(opening(target.oldBody));
  // The wording keeps its own language and direction, whatever the interface's.
  const dir = target.language === 'ar' ? 'rtl' : 'ltr';
  expect(await articleSection.locator('.body').getAttribute('lang')).toBe(target.language);
  expect(await articleSection.locator('.body').getAttribute('dir')).toBe(dir);
  await articleSection.scrollIntoViewIfNeeded();
  await shot(page, `${prefix}-3-as-it-stood`);

  // The article page: its history, the diff, the printed page beside it.
  await Promise.all([page.waitForNavigation(), articleSection.locator('p.meta a').click()]);
  expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(0);
  await expectLabelled(page);
  // The day of the amendment: its wording, diffed against the one it replaced.
  await page.fill('#at', target.change.on);
  await Promise.all([page.waitForNavigation(), page.click('form.inline button[type="submit"]')]);
  expect(await page.locator('section[aria-labelledby="wording-heading"] .body').textContent()).toContain(
    opening(target.change.body),
  );
  expect(await page.locator('.diff del, .diff ins').count()).toBeGreaterThan(0);
  expect(await page.locator('.diff').getAttribute('dir')).toBe(dir);
  await page.locator('#diff-heading').scrollIntoViewIfNeeded();
  const image = page.locator('figure.page img');
  await image.scrollIntoViewIfNeeded();
  // The first view of a page renders it from the PDF: allow for a loaded machine.
  const loadedWidth = () =>
    image.evaluate((img: { complete: boolean; naturalWidth: number }) =>
      img.complete ? img.naturalWidth : 0,
    );
  await expect.poll(loadedWidth, { timeout: 30_000 }).toBeGreaterThan(400);
  expect(await page.locator('figure.page svg rect').count()).toBeGreaterThan(0);
  await shot(page, `${prefix}-4-article-diff-page`);

  // The page image alone, as the caption's link opens it.
  const src = await image.getAttribute('src');
  const response = await page.goto(`${base}${src}`);
  expect(response?.headers()['content-type']).toBe('image/webp');
  await shot(page, `${prefix}-5-page-image`);
  await page.close();
}

describe('web pages in Chromium', () => {
  it('French: search, a text as it stood before an amendment, the diff and the printed page', async () => {
    await walk('fr', await findTarget('fr'), 'fr');
    expect(problems).toEqual([]);
  });

  it('Arabic: the same walk right to left over the Arabic edition', async () => {
    const target = await findTarget('ar');
    expect(target.oldBody).toMatch(/^[\u0600-\u06FF]/);
    await walk('ar', target, 'ar');
    expect(problems).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling, in Arabic, every field labelled', async () => {
    const target = await findTarget('ar');
    const phone = await newPage(PHONE);
    await phone.goto(`${base}/ar/texts/${target.textId}/articles/${target.article}?lang=ar`);
    await expectFitsWidth(phone);
    await expectLabelled(phone);
    await shot(phone, 'ar-6-phone');
    await phone.goto(`${base}/ar/texts/${target.textId}?lang=ar&at=${target.before}`);
    await expectFitsWidth(phone);
    await shot(phone, 'ar-7-phone-text');
    // The search page too, its facets above the results.
    await phone.goto(`${base}/ar/?from=1900-01-01`);
    expect(await phone.locator('nav.facets a').count()).toBeGreaterThan(0);
    await expectFitsWidth(phone);
    await expectLabelled(phone);
    await shot(phone, 'ar-8-phone-search');
    await phone.close();
  });
});
