// Shared set-up for the end-to-end tests: a static server on 127.0.0.1 (random free port), Debian's
// chromium driven by playwright-core, console problems collected, screenshots kept as artifacts.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { DEFAULT_SITE, REPO_ROOT, startServer } from './serve.mjs';

export const SITE = process.env.HS_SITE_DIR ? path.resolve(process.env.HS_SITE_DIR) : DEFAULT_SITE;
export const ARTIFACTS = path.join(REPO_ROOT, 'build', 'e2e-artifacts');
export const CHROMIUM = process.env.HS_CHROMIUM || '/usr/bin/chromium';
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
  return {
    server,
    browser,
    /** A fresh context and page on the playground, ready to use. */
    async open({ colorScheme = 'light', reducedMotion = 'no-preference', viewport = { width: 1400, height: 1000 }, wait = true } = {}) {
      const context = await browser.newContext({ colorScheme, reducedMotion, viewport });
      const page = await context.newPage();
      const problems = [];
      const requests = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('request', (req) => requests.push(req.url()));
      opened.push(context);
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
