// Page benchmark (run by scripts/bench-page): serves build/site on 127.0.0.1 and loads it in headless
// chromium, cold (a fresh browser context, so no cache) each run. Measures
//   - navigation -> ready: from navigation start to the first usable request (the engine has started in
//     its worker, the world is built and the page has rendered; the page marks 'playground-ready');
//   - navigation -> first response: at ready, one InviteAccountToOrganization is sent at once; until its
//     response is shown;
//   - bytes transferred: every response body (raw, as served) and the same files gzipped (level 9), as a
//     compressing server would send them;
//   - rewinding (time travel): a session of 200 calls (and one of 1000, to see how it scales) is opened from
//     its link, then "Rewind to after call #n" is clicked for calls among the last 200, from the click until
//     the event log shows that call as the latest (the engine has imported the nearest snapshot, replayed the
//     calls after it, the world is described again and every panel redrawn); median per session length.
//   node tests/e2e/bench-page.mjs [--runs N] [--json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, SITE, checkSite } from './harness.mjs';
import { recorder } from './engine-node.mjs';
import { encodeLink } from '../../web/session.mjs';

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
/** @type {Record<number, {rewound: {total: number, engine: number, drawn: number}[], redone: {total: number}[]}>} */
const rewinds = {};
const REWIND_SIZES = [200, 1000];
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
  for (const size of REWIND_SIZES) rewinds[size] = await measureRewinds(size);
} finally {
  await browser.close();
  await server.close();
}

/**
 * A realistic session of `count` calls on the docs scenario (invitations, answers, look-ups, errors, a day
 * passing every round), recorded on the node engine and encoded as a share link.
 * @param {number} count
 */
async function sessionOf(count) {
  const r = await recorder('docs', 3);
  const BILL = '111111111111';
  const SUSAN = '222222222222';
  const JUAN = '333333333333';
  const invite = (target) => r.call(BILL, 'InviteAccountToOrganization', { Target: target }).body.Handshake;
  for (let round = 0; r.session().calls.length < count; round++) {
    const susan = invite({ Type: 'EMAIL', Id: 'susan@example.com' });
    r.call(SUSAN, 'DescribeHandshake', { HandshakeId: susan.Id });
    r.call(SUSAN, round % 2 ? 'DeclineHandshake' : 'AcceptHandshake', { HandshakeId: susan.Id });
    const juan = invite({ Type: 'ACCOUNT', Id: JUAN });
    r.call(JUAN, 'CancelHandshake', { HandshakeId: juan.Id });
    r.call(BILL, 'CancelHandshake', { HandshakeId: juan.Id });
    r.call(BILL, 'ListHandshakesForOrganization', {});
    if (round % 2 === 0) r.call(BILL, 'RemoveAccountFromOrganization', { AccountId: SUSAN });
    r.call(null, 'Simulator.AdvanceTime', { Seconds: 86400 });
  }
  const session = r.session();
  session.calls = session.calls.slice(0, count);
  const again = await recorder('docs', 3);
  for (const call of session.calls) again.call(call.caller, call.target, call.body);
  return encodeLink(again.session());
}

/**
 * Open a session of `count` calls and rewind, from its latest call, to calls among its last 200 (3 rounds,
 * going back to the latest with "Redo to after call #n" between them).
 * @param {number} count
 */
async function measureRewinds(count) {
  const fragment = await sessionOf(count);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}#${fragment}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 120000 });
  const settle = () => page.waitForFunction(() => document.documentElement.dataset.pending === '0', null, { timeout: 60000 });
  await settle();
  const latest = Number(await page.locator('#log-table tbody tr:not(.redo-row)').first().getAttribute('data-seq'));
  /** Click the button named `label` and time it until the log's latest call is #seq. */
  const timed = (label, seq) => page.evaluate(([label, seq]) => new Promise((resolve, reject) => {
    const tbody = document.querySelector('#log-table tbody');
    const button = [...tbody.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label);
    if (!button) { reject(new Error(`no button ${label}`)); return; }
    const top = () => tbody.querySelector('tr:not(.redo-row)')?.getAttribute('data-seq');
    performance.clearMarks();
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (top() !== String(seq)) return;
      observer.disconnect();
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      resolve({ total: performance.now() - start, engine: mark('rewind-engine') - mark('rewind-start'), drawn: mark('rewind-drawn') - mark('rewind-engine') });
    });
    observer.observe(tbody, { childList: true });
    button.click();
  }), [label, seq]);
  const back = [1, 10, 37, 50, 99, 100, 150, 199];
  const rewound = [];
  const redone = [];
  for (let round = 0; round < 3; round++) {
    for (const k of back) {
      rewound.push(await timed(`Rewind to after call #${latest - k}`, latest - k));
      await settle();
      redone.push(await timed(`Redo to after call #${latest}`, latest));
      await settle();
    }
  }
  if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);
  await context.close();
  return { rewound, redone };
}

const stats = (xs) => ({ median: round(median(xs)), max: round(Math.max(...xs)) });
const rewindSummary = Object.fromEntries(Object.entries(rewinds).map(([size, r]) => [size, {
  samples: r.rewound.length,
  // click -> the event log shows the call rewound to as the latest (everything: engine, world, every panel)
  rewindMs: stats(r.rewound.map((x) => x.total)),
  // the engine's part: the nearest snapshot imported, the calls after it replayed
  engineMs: stats(r.rewound.map((x) => x.engine)),
  // the world described again and every panel redrawn (store listeners)
  drawnMs: stats(r.rewound.map((x) => x.drawn)),
  redoToLatestMs: stats(r.redone.map((x) => x.total)),
}]));

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
  rewind: rewindSummary,
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
    ...Object.entries(rewindSummary).flatMap(([size, r]) => [
      `  rewind, ${size}-call session, ${r.samples} rewinds to calls among the last 200: median ${r.rewindMs.median} ms (max ${r.rewindMs.max}) from the click to the log showing it`,
      `    engine (snapshot imported, calls after it replayed): median ${r.engineMs.median} ms (max ${r.engineMs.max}); world described and panels drawn: median ${r.drawnMs.median} ms; redo back to the latest: median ${r.redoToLatestMs.median} ms`,
    ]),
    `  transferred: ${files.length} files, ${total.bytes} bytes raw (${kb(total.bytes)}), ${total.gzip} bytes gzip (${kb(total.gzip)})`,
    ...files.map((f) => `    ${f.file.padEnd(28)} ${String(f.bytes).padStart(8)} raw ${String(f.gzip).padStart(8)} gzip`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
fs.mkdirSync(path.join(path.dirname(SITE), 'bench'), { recursive: true });
fs.writeFileSync(path.join(path.dirname(SITE), 'bench', 'page.json'), `${JSON.stringify(summary, null, 2)}\n`);
