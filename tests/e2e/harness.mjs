// Shared set-up for the end-to-end tests: a static server on 127.0.0.1 (random free port), Debian's
// chromium driven by playwright-core, console problems collected, screenshots kept as artifacts.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { chromium } from 'playwright-core';
import { DEFAULT_SITE, REPO_ROOT, startServer } from './serve.mjs';

export const SITE = process.env.HS_SITE_DIR ? path.resolve(process.env.HS_SITE_DIR) : DEFAULT_SITE;
export const ARTIFACTS = path.join(REPO_ROOT, 'build', 'e2e-artifacts');
/** Debian's full browser; the page benchmark measures in it (scripts/bench-page). */
export const FULL_CHROMIUM = '/usr/bin/chromium';
/**
 * The browser the tests drive: HS_CHROMIUM, else Debian's chromium-headless-shell when installed (the same
 * Blink and V8 without the browser's own UI: a test run takes about 28% less CPU), else the full browser.
 */
export const CHROMIUM = process.env.HS_CHROMIUM
  || (fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : FULL_CHROMIUM);
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function checkSite() {
  for (const file of ['index.html', 'handshake-engine.mjs', 'handshake-engine.wasm']) {
    if (!fs.existsSync(path.join(SITE, file))) {
      throw new Error(`${path.join(SITE, file)} is missing: build the site first (scripts/build --wasm)`);
    }
  }
}

/** Start the server and the browser; returns {server, browser, open(options), close()}. */
export async function setup() {
  checkSite();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer(SITE);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const opened = [];
  tabs = new TabPool(new URL(server.url).origin);
  return {
    server,
    browser,
    /**
     * A page on the playground, ready to use. Inside a test, a tab a previous test opened is loaded
     * again when nothing of that test can reach this one (see TabPool), else a new context and page.
     */
    async open({ colorScheme = 'light', reducedMotion = 'no-preference', viewport = { width: 1400, height: 1000 }, wait = true } = {}) {
      const media = { colorScheme, reducedMotion };
      let tab = testDepth > 0 ? tabs.take(viewport, media) : undefined;
      if (!tab) {
        const context = await browser.newContext({ colorScheme, reducedMotion, viewport });
        const page = await context.newPage();
        opened.push(context);
        tab = tabs.adopt(viewport, media, context, page);
      } else {
        await tabs.suit(tab, media);
      }
      if (testDepth > 0) tabs.lend(tab);
      const { page, context } = tab;
      const problems = [];
      const requests = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('request', (req) => requests.push(req.url()));
      if (wait) {
        await page.goto(server.url);
        await ready(page);
      }
      return { page, context, problems, requests };
    },
    async close() {
      for (const context of opened) await context.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

// ---- tabs lent to one test and loaded again by the next -----------------------------------------
//
// On the full browser a new context and page cost about 2.5 s of CPU (a renderer process, a cold code
// cache); loading the page again in the same tab about 1 s. The suite opens the page a hundred times, so a test's tab is
// kept for the next test that asks for the same viewport, given its colour scheme and motion, on these terms:
//  - only tabs opened inside a test (a tab a `before` hook opened is shared by its tests and never
//    pooled); it goes back to the pool when the outermost test ends;
//  - a tab whose test changed its context or page beyond loading pages (init scripts, routes, offline,
//    permissions, viewport, media, bindings, a CDP session, a page left open) is closed instead, as is
//    a tab that left the site's origin (the other origin's storage would carry over);
//  - the site's localStorage and sessionStorage are cleared, and every listener the test added removed.
// What the next test sees is then what a fresh context shows after its first load, with a warm cache.
// HS_TAB_DEBUG=1 prints what became of each tab.

const CONTEXT_CHANGES = ['addInitScript', 'route', 'routeFromHAR', 'routeWebSocket', 'setOffline', 'grantPermissions',
  'clearPermissions', 'setExtraHTTPHeaders', 'addCookies', 'setGeolocation', 'setHTTPCredentials', 'exposeBinding',
  'exposeFunction', 'newCDPSession', 'setDefaultTimeout', 'setDefaultNavigationTimeout'];
const PAGE_CHANGES = ['addInitScript', 'route', 'routeFromHAR', 'routeWebSocket', 'setViewportSize', 'emulateMedia',
  'exposeBinding', 'exposeFunction', 'setExtraHTTPHeaders', 'setDefaultTimeout', 'setDefaultNavigationTimeout'];

let tabs = null;
let testDepth = 0;

const viewportKey = (viewport) => `${viewport.width}x${viewport.height}`;
const mediaKey = ({ colorScheme, reducedMotion }) => `${colorScheme} ${reducedMotion}`;

class TabPool {
  constructor(origin) {
    this.origin = origin;
    /** Tabs no test holds. */
    this.free = [];
    /** Tabs the running test was given: back to `free` (or closed) when it ends. */
    this.lent = [];
  }

  /** A free tab of this viewport, one already showing this media if there is one (see `suit`). */
  take(viewport, media) {
    const sameViewport = this.free.filter((tab) => tab.viewport === viewportKey(viewport));
    if (sameViewport.length === 0) return undefined;
    const tab = sameViewport.find((t) => t.media === mediaKey(media)) || sameViewport[0];
    this.free.splice(this.free.indexOf(tab), 1);
    return tab;
  }

  /**
   * Gives a tab taken from the pool the colour scheme and motion a context would have had. The viewport
   * is not changed: a page resized after its context was made walked a different Tab order at 360 px.
   */
  async suit(tab, media) {
    if (tab.media === mediaKey(media)) return;
    await tab.emulateMedia(media);
    tab.media = mediaKey(media);
  }

  /** Wraps a new context and page: calls that change them mark the tab as not to be lent again. */
  adopt(viewport, media, context, page) {
    const tab = {
      viewport: viewportKey(viewport), media: mediaKey(media), context, page, changed: '', foreign: false,
      // The pool's own way to set the media, which does not mark the tab as changed.
      emulateMedia: page.emulateMedia.bind(page),
    };
    const mark = (target, names) => {
      for (const name of names) {
        const original = target[name];
        if (typeof original !== 'function') continue;
        target[name] = (...args) => { tab.changed = tab.changed || name; return original.apply(target, args); };
      }
    };
    mark(context, CONTEXT_CHANGES);
    mark(page, PAGE_CHANGES);
    this.watchOrigin(tab);
    return tab;
  }

  lend(tab) { this.lent.push(tab); }

  /** The running test has ended: each tab it was given goes back to the pool or is closed. */
  async endTest() {
    const done = this.lent;
    this.lent = [];
    for (const tab of done) await this.giveBack(tab);
  }

  /** Marks the tab foreign when any of its frames loads a page of another origin. */
  watchOrigin(tab) {
    tab.page.on('framenavigated', (frame) => {
      const url = frame.url();
      if (!url.startsWith('about:') && new URL(url).origin !== this.origin) tab.foreign = true;
    });
  }

  /** Back to the pool, or closed (see the terms above). */
  async giveBack(tab) {
    const { page, context } = tab;
    let reusable = !tab.changed && !tab.foreign && !page.isClosed() && context.pages().length === 1;
    if (reusable) {
      // Leave the test's document first (a page saves its session as it goes), for a page of the site
      // that runs nothing (a 404), where the site's storage can be cleared.
      await page.removeAllListeners();
      reusable = await page.goto(`${this.origin}/.tab-between-tests`).then(() => page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
        return localStorage.length === 0 && sessionStorage.length === 0;
      })).catch(() => false);
    }
    if (process.env.HS_TAB_DEBUG) console.error(`tab ${tab.viewport} ${tab.media}: ${reusable ? 'pooled' : `closed (${tab.changed || (tab.foreign && 'foreign') || 'closed page'})`}`);
    if (!reusable) {
      await context.close().catch(() => {});
      return;
    }
    this.watchOrigin(tab);
    this.free.push(tab);
  }
}

// Only in a test file: in another script (bench-page.mjs) node:test's hooks would start a test run.
if (process.env.NODE_TEST_CONTEXT || /\.test\.mjs$/.test(process.argv[1] || '')) {
  beforeEach(() => { testDepth += 1; });
  afterEach(async () => {
    testDepth -= 1;
    if (testDepth > 0 || !tabs) return;
    await tabs.endTest();
  });
}

/** Wait until the page has started and no engine work is in flight. */
export async function ready(page) {
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  await settle(page);
}

export async function settle(page) {
  await page.waitForFunction(() => document.documentElement.dataset.pending === '0', null, { timeout: 15000 });
}

/** Resolves after two animation frames: what ResizeObservers report after a resize has been drawn. */
export async function afterLayout(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `console errors or warnings:\n${problems.join('\n')}`);
}

export async function shot(page, name, options = {}) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, ...options });
}

// ---- page actions, as a user does them ----------------------------------------------------------

export async function actAs(page, name) {
  const select = page.getByLabel('Act as', { exact: true });
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => o.startsWith(`${name} — `)) || options.find((o) => o.startsWith(name));
  assert.ok(label, `no "Act as" option for ${name} in ${options.join(' | ')}`);
  await select.selectOption({ label });
  await settle(page);
}

export async function chooseOperation(page, operation) {
  await page.getByLabel('Operation', { exact: true }).selectOption(operation);
  await settle(page);
}

/** Click the send button (named after the operation) and wait for the response of that request. */
export async function send(page, operation) {
  const before = Number(await page.locator('#response').getAttribute('data-seq') || 0);
  await page.getByRole('button', { name: operation, exact: true }).click();
  await page.waitForFunction((n) => Number(document.querySelector('#response').dataset.seq || 0) > n, before);
  await settle(page);
  return responseOf(page);
}

/**
 * Send a raw request from the Request panel's Raw JSON editor (its send button is named after the target) and
 * wait for its answer; the editor stays on Raw JSON. Returns what the Response region shows.
 */
export async function sendRaw(page, target, body, { timeout = 30000 } = {}) {
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel('X-Amz-Target').fill(target);
  await page.getByLabel(/^Body/).fill(body);
  await settle(page);
  const before = Number(await page.locator('#response').getAttribute('data-seq') || 0);
  await page.getByRole('button', { name: target, exact: true }).click();
  await page.waitForFunction((n) => Number(document.querySelector('#response').dataset.seq || 0) > n, before, { timeout });
  await settle(page);
  return responseOf(page);
}

/** What the Response region shows: status line, error fields, body text. */
export async function responseOf(page) {
  const region = page.getByRole('region', { name: 'Response', exact: true });
  const status = await region.locator('#response-status').innerText();
  const callout = region.locator('#error-callout');
  const hasError = await callout.isVisible();
  return {
    status,
    errorType: hasError ? await callout.locator('.error-type').innerText() : null,
    reason: hasError && (await callout.locator('.error-reason').count()) ? await callout.locator('.error-reason').innerText() : null,
    message: hasError ? await callout.locator('.error-message').innerText() : null,
    body: await region.locator('#response-body').innerText(),
  };
}

export async function handshakeRows(page) {
  return page.$$eval('#handshakes-table tbody tr', (rows) => rows.map((tr) => ({
    id: tr.dataset.handshakeId,
    state: tr.dataset.state,
    cells: [...tr.cells].map((td) => td.innerText),
  })));
}

export async function advanceClock(page, days) {
  await page.getByRole('button', { name: `Advance the clock ${days} day${days === 1 ? '' : 's'}`, exact: true }).click();
  await settle(page);
}
