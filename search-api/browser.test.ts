/**
 * The web pages in real headless Chromium, as a jurist uses them: search → open a text →
 * pick a date before an amendment → read the old wording → open the diff → open the
 * printed page; then the same in Arabic. The archive is clean fixture issues ingested by
 * the real command (with the generator's amendment chains and Arabic editions when this
 * build has them) and served by `jarida serve` on a free loopback port. Screenshots go to
 * test-output/browser/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleVersionRecord, TextHistory, TextSummary } from '../store/search-store.js';
import { buildFixtureArchive, type FixtureArchive } from '../test/fixture-archive.js';
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

let archive: FixtureArchive;
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

/** What the flow reads: an article of a text, a day before a change to it, and both wordings. */
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
  /** The wording that replaced it and the day it took effect; null for an unamended article. */
  change: { on: string; body: string } | null;
}

/** An amended article in `language` when the archive has one, else any article published in it. */
async function findTarget(language: 'fr' | 'ar'): Promise<Target | null> {
  const { texts } = await api<{ texts: TextSummary[] }>('/v1/texts?limit=200');
  const candidates = texts.filter((t) => t.languages.includes(language) && t.articles > 0);
  for (const text of candidates) {
    const history = await api<TextHistory>(`/v1/texts/${text.id}/history`);
    const change = history.events.find((e) => e.kind !== 'published' && e.articles.length > 0);
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
  const text = candidates[0];
  if (!text) return null;
  const full = await api<{
    title: string;
    publications: { date: string | null }[];
    articles: { number: string; body: string }[];
  }>(`/v1/texts/${text.id}?lang=${language}`);
  const first = full.articles[0]!;
  return {
    textId: text.id,
    article: first.number,
    title: full.title,
    type: text.type,
    number: text.number,
    language,
    before: full.publications.find((p) => p.date)!.date!,
    oldBody: first.body,
    change: null,
  };
}

/** The first words of a wording: enough to recognise it on a page. */
function opening(body: string): string {
  return body.split(/\s+/).slice(0, 8).join(' ');
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  archive = await buildFixtureArchive({ seed: 5150, issues: 1, edition: 'fr', amendments: true });
  server = await startServe(archive.dataDir);
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
  await archive?.remove();
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
  // Keyboard: the first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.className')).toBe('skip');

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
  await shot(page, `${prefix}-2-text`);

  // The text as it stood on a day the old wording was in force.
  await page.fill('#at', target.before);
  await Promise.all([page.waitForNavigation(), page.click('form.inline button[type="submit"]')]);
  expect(page.url()).toContain(`at=${target.before}`);
  const articleSection = page.locator(`#art-${target.article}`);
  expect(await articleSection.textContent()).toContain(opening(target.oldBody));
  await articleSection.scrollIntoViewIfNeeded();
  await shot(page, `${prefix}-3-as-it-stood`);

  // The article page: its history, the diff, the printed page beside it.
  await Promise.all([page.waitForNavigation(), articleSection.locator('p.meta a').click()]);
  expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(0);
  if (target.change) {
    // The day of the amendment: its wording, diffed against the one it replaced.
    await page.fill('#at', target.change.on);
    await Promise.all([page.waitForNavigation(), page.click('form.inline button[type="submit"]')]);
    expect(await page.locator('section[aria-labelledby="wording-heading"] .body').textContent()).toContain(
      opening(target.change.body),
    );
    expect(await page.locator('.diff del, .diff ins').count()).toBeGreaterThan(0);
    await page.locator('#diff-heading').scrollIntoViewIfNeeded();
  }
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
    const target = await findTarget('fr');
    expect(target).not.toBeNull();
    await walk('fr', target!, 'fr');
    expect(problems).toEqual([]);
  });

  it('Arabic: the same walk right-to-left, on Arabic texts when the archive has them', async () => {
    // Arabic content when the Arabic edition was ingested, else the Arabic interface over French texts.
    const target = (await findTarget('ar')) ?? (await findTarget('fr'));
    await walk('ar', target!, 'ar');
    expect(problems).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling, in Arabic', async () => {
    const target = (await findTarget('ar')) ?? (await findTarget('fr'));
    const phone = await newPage(PHONE);
    await phone.goto(
      `${base}/ar/texts/${target!.textId}/articles/${target!.article}?lang=${target!.language}`,
    );
    const overflow = await phone.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const unlabelled = await phone.evaluate(
      "[...document.querySelectorAll('input:not([type=hidden]), select')].filter((el) => el.labels.length === 0).length",
    );
    expect(unlabelled).toBe(0);
    await shot(phone, 'ar-6-phone');
    // The search page too, its facets above the results.
    await phone.goto(`${base}/ar/?from=1900-01-01`);
    expect(await phone.locator('nav.facets a').count()).toBeGreaterThan(0);
    expect(
      await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBeLessThanOrEqual(0);
    await shot(phone, 'ar-7-phone-search');
    await phone.close();
  });
});
