// Page benchmark (run by scripts/bench-page): serves build/site on 127.0.0.1 and loads it in headless
// chromium, cold (a fresh browser context, so no cache) each run. Measures
//   - navigation -> ready: from navigation start to the first usable request (the engine has started in
//     its worker, the world is built and the page has rendered; the page marks 'playground-ready');
//   - navigation -> first response: at ready, one InviteAccountToOrganization is sent at once; until its
//     response is shown;
//   - bytes transferred: every response body (raw, as served) and the same files gzipped (level 9), as a
//     compressing server would send them.
//   node tests/e2e/bench-page.mjs [--runs N] [--json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, SITE, checkSite } from './harness.mjs';

const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 5);
const asJson = args.includes('--json');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const round = (x) => Math.round(x * 10) / 10;

checkSite();
const server = await startServer(SITE);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const samples = [];
let resources = null;
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    const fetched = new Map();
    page.on('response', async (res) => {
      const url = new URL(res.url());
      if (url.protocol === 'data:') return;
      try {
        const body = await res.body();
        fetched.set(url.pathname, { bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length, type: res.headers()['content-type'] || '' });
      } catch { /* a redirect or aborted response has no body */ }
    });
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
    const ready = await page.evaluate(() => performance.getEntriesByName('playground-ready')[0].startTime);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    await page.getByRole('button', { name: 'InviteAccountToOrganization', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#response').dataset.seq);
    const firstResponse = await page.evaluate(() => performance.now());
    if (problems.length) throw new Error(`console problems: ${problems.join('; ')}`);
    samples.push({ ready, firstResponse, ...nav });
    if (!resources) resources = fetched;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const files = [...resources.entries()].map(([file, r]) => ({ file, ...r })).sort((a, b) => b.bytes - a.bytes);
const total = files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip }), { bytes: 0, gzip: 0 });
const summary = {
  site: path.relative(process.cwd(), SITE) || SITE,
  chromium: browser.version(),
  runs,
  readyMs: { median: round(median(samples.map((s) => s.ready))), min: round(Math.min(...samples.map((s) => s.ready))), max: round(Math.max(...samples.map((s) => s.ready))) },
  firstResponseMs: { median: round(median(samples.map((s) => s.firstResponse))) },
  domContentLoadedMs: { median: round(median(samples.map((s) => s.domContentLoaded))) },
  loadMs: { median: round(median(samples.map((s) => s.load))) },
  bytes: total.bytes,
  gzipBytes: total.gzip,
  files,
};

if (asJson) {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = [
    `Page benchmark: ${summary.site} on 127.0.0.1, headless chromium ${summary.chromium}, ${runs} cold run(s)`,
    `  navigation -> ready (first usable request): median ${summary.readyMs.median} ms (min ${summary.readyMs.min}, max ${summary.readyMs.max})`,
    `  navigation -> first response shown:         median ${summary.firstResponseMs.median} ms`,
    `  DOMContentLoaded: median ${summary.domContentLoadedMs.median} ms; load: median ${summary.loadMs.median} ms`,
    `  transferred: ${files.length} files, ${total.bytes} bytes raw (${kb(total.bytes)}), ${total.gzip} bytes gzip (${kb(total.gzip)})`,
    ...files.map((f) => `    ${f.file.padEnd(28)} ${String(f.bytes).padStart(8)} raw ${String(f.gzip).padStart(8)} gzip`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
fs.mkdirSync(path.join(path.dirname(SITE), 'bench'), { recursive: true });
fs.writeFileSync(path.join(path.dirname(SITE), 'bench', 'page.json'), `${JSON.stringify(summary, null, 2)}\n`);
