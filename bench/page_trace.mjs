// Where a cold start's time goes: loads build/site (or HS_SITE_DIR) in a fresh context with a Chromium trace,
// and prints, up to the page's `playground-ready` mark, the renderer main thread's work by kind, its longer
// tasks on a timeline, and when each response came (ms after navigation start). With --threads, also every
// browser thread's busy time up to the mark and the kinds of work that filled it: on 2 cores the page's main
// thread is one line of several, and what the others do (compiling the page's scripts and the engine, drawing,
// the browser's own work) competes with it for the two cores. Those extra trace categories slow the page down:
// read the threads against each other, not the times against bench-page's.
//
//   node bench/page_trace.mjs [--runs N] [--browser shell|full] [--cpu 4] [--threads]
//
// The same browsers as scripts/bench-page (tests/e2e/harness.mjs): the tests' headless shell, or the full
// browser run headless. Each run is printed on its own: a trace is for reading, the medians are bench-page's.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, FULL_CHROMIUM, SITE, checkSite } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 1));
const cpu = Number(option('--cpu', 1));
const executablePath = option('--browser', 'shell') === 'full' ? FULL_CHROMIUM : CHROMIUM;
const threads = args.includes('--threads');
const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading',
  ...(threads ? ['v8', 'v8.wasm', 'toplevel', '__metadata'] : [])];

checkSite();
const server = await startServer(SITE);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
console.log(`${path.basename(executablePath)} ${browser.version()}, ${SITE}${cpu > 1 ? `, CPU ${cpu}x` : ''}`);
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (cpu > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await browser.startTracing(page, { categories });
  await page.goto(new URL('/', server.url).href);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60000 });
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await context.close();

  const parse = traceEvents.find((e) => e.name === 'ParseHTML');
  const start = traceEvents.find((e) => e.name === 'navigationStart' && e.pid === parse.pid)?.ts ?? parse.ts;
  const ready = traceEvents.find((e) => e.name === 'playground-ready')?.ts ?? Infinity;
  const ms = (ts) => ((ts - start) / 1000).toFixed(0);
  // The main thread's complete events, nested: the kinds are the children of its tasks (depth 1).
  const main = traceEvents.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const open = [];
  const byKind = new Map();
  const long = [];
  for (const e of main) {
    while (open.length && open[open.length - 1].ts + open[open.length - 1].dur <= e.ts) open.pop();
    const depth = open.length;
    open.push(e);
    if (depth !== 1 || e.ts > ready) continue;
    const data = e.args?.data ?? {};
    const kind = `${e.name} ${String(data.url ?? '').split('/').pop()}`.trim();
    byKind.set(kind, (byKind.get(kind) ?? 0) + e.dur / 1000);
    if (e.dur >= 5000) long.push(`  @${ms(e.ts)} ms  ${(e.dur / 1000).toFixed(1)} ms  ${kind}`);
  }
  const busy = [...byKind.values()].reduce((a, b) => a + b, 0);
  console.log(`\nrun ${run + 1}: ready at ${ms(ready)} ms; main thread busy ${busy.toFixed(0)} ms before it`);
  for (const [kind, t] of [...byKind].sort((a, b) => b[1] - a[1]).filter(([, t]) => t >= 0.5)) console.log(`  ${t.toFixed(1).padStart(6)} ms  ${kind}`);
  console.log(' tasks of 5 ms or more:');
  console.log(long.join('\n'));
  // Responses: requested, answered, finished.
  const requests = new Map();
  for (const e of traceEvents) {
    if (!/^Resource(SendRequest|ReceiveResponse|Finish)$/.test(e.name)) continue;
    const data = e.args.data;
    const r = requests.get(data.requestId) ?? { url: '', times: {} };
    if (data.url) r.url = new URL(data.url).pathname;
    r.times[e.name.replace('Resource', '')] = ms(e.ts);
    requests.set(data.requestId, r);
  }
  console.log(` responses (${requests.size}): sent, answered, finished`);
  for (const r of requests.values()) console.log(`  ${r.url.padEnd(40)} ${r.times.SendRequest ?? '-'} ${r.times.ReceiveResponse ?? '-'} ${r.times.Finish ?? '-'}`);
  if (threads) printThreads(traceEvents, start, ready);
}

/** Every thread's busy time from `start` to `ready` (its outermost events) and what filled it (the events directly inside). */
function printThreads(traceEvents, start, ready) {
  const threadName = new Map();
  const processName = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name') processName.set(e.pid, e.args.name);
  }
  /** @type {Map<string, {busy: number, end: number, innerEnd: number, kinds: Map<string, number>}>} */
  const byThread = new Map();
  const events = traceEvents.filter((e) => e.ph === 'X' && e.ts >= start && e.ts <= ready).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    const t = byThread.get(key) ?? { busy: 0, end: 0, innerEnd: 0, kinds: new Map() };
    byThread.set(key, t);
    if (e.ts >= t.end) {
      t.busy += Math.min(e.dur ?? 0, ready - e.ts);
      t.end = e.ts + (e.dur ?? 0);
    } else if (e.ts >= t.innerEnd) {
      t.kinds.set(e.name, (t.kinds.get(e.name) ?? 0) + (e.dur ?? 0));
      t.innerEnd = e.ts + (e.dur ?? 0);
    }
  }
  const total = [...byThread.values()].reduce((sum, t) => sum + t.busy, 0);
  console.log(` threads: ${(total / 1000).toFixed(0)} ms busy before ready, the busiest:`);
  for (const [key, t] of [...byThread].sort((a, b) => b[1].busy - a[1].busy).slice(0, 12)) {
    const kinds = [...t.kinds].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, d]) => `${name} ${(d / 1000).toFixed(1)}`).join(', ');
    const who = `${processName.get(Number(key.split(':')[0])) ?? '?'} / ${threadName.get(key) ?? key}`;
    console.log(`  ${(t.busy / 1000).toFixed(1).padStart(6)} ms  ${who}${kinds ? `: ${kinds}` : ''}`);
  }
}
await browser.close();
await server.close?.();
process.exit(0);
