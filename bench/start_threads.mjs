// Where the machine's CPU goes while the page starts: loads build/site (or DIR) in a fresh context with a Chromium
// trace and prints, for each thread of each browser process, its busy time from navigation to the page's
// `playground-ready` mark, and the kinds of work that filled it. On 2 cores the page's own main thread is one
// line of several: what the other threads do (compiling the page's scripts and the engine, drawing, the
// browser's own work) competes with it for the two cores.
//
//   node bench/start_threads.mjs [DIR] [--runs N] [--top N]
//
// The trace's categories slow the page down (its ready mark comes later than in scripts/bench-page): read the
// threads against each other, not the times against the targets.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, SITE, checkSite } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const site = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? SITE;
const runs = option('--runs', 2);
const top = option('--top', 12);

if (site === SITE) checkSite();
const server = await startServer(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const categories = ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading', 'toplevel', '__metadata'];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await browser.startTracing(page, { categories });
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60000 });
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await context.close();

  const parse = traceEvents.find((e) => e.name === 'ParseHTML');
  const start = traceEvents.find((e) => e.name === 'navigationStart' && e.pid === parse.pid)?.ts ?? parse.ts;
  const ready = traceEvents.find((e) => e.name === 'playground-ready')?.ts ?? Infinity;
  const threadName = new Map();
  const processName = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name') processName.set(e.pid, e.args.name);
  }
  // Per thread: its outermost events (busy time) and the events directly inside them (the kinds of work).
  /** @type {Map<string, {busy: number, end: number, outer: any, innerEnd: number, kinds: Map<string, number>}>} */
  const threads = new Map();
  const events = traceEvents.filter((e) => e.ph === 'X' && e.ts >= start && e.ts <= ready).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    const t = threads.get(key) ?? { busy: 0, end: 0, outer: null, innerEnd: 0, kinds: new Map() };
    threads.set(key, t);
    if (e.ts >= t.end) {
      t.busy += Math.min(e.dur ?? 0, ready - e.ts);
      t.end = e.ts + (e.dur ?? 0);
      t.outer = e;
    } else if (e.ts >= t.innerEnd) {
      t.kinds.set(e.name, (t.kinds.get(e.name) ?? 0) + (e.dur ?? 0));
      t.innerEnd = e.ts + (e.dur ?? 0);
    }
  }
  const total = [...threads.values()].reduce((sum, t) => sum + t.busy, 0);
  console.log(`\nrun ${run + 1}: ready at ${((ready - start) / 1000).toFixed(0)} ms; ${(total / 1000).toFixed(0)} ms of busy threads before it`);
  for (const [key, t] of [...threads].sort((a, b) => b[1].busy - a[1].busy).slice(0, top)) {
    const kinds = [...t.kinds].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, d]) => `${name} ${(d / 1000).toFixed(1)}`).join(', ');
    const who = `${processName.get(Number(key.split(':')[0])) ?? '?'} / ${threadName.get(key) ?? key}`;
    console.log(`  ${(t.busy / 1000).toFixed(1).padStart(6)} ms  ${who}${kinds ? `: ${kinds}` : ''}`);
  }
}
await browser.close();
await server.close?.();
process.exit(0);
