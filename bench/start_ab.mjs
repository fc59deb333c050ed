// Two builds of the site against each other, cold loads interleaved (A, B, A, B...) in one browser so that both
// meet the same machine: for each, the medians of the page's `playground-ready` mark, of the first frame painted
// after it (a message posted from that frame's animation callback, so it runs once the frame is drawn), and of
// first-contentful-paint. For a change to the page or its start, before and after:
//
//   node bench/start_ab.mjs DIR_A DIR_B [--runs N] [--cpu 4]
//
// DIR_A and DIR_B are built sites (build/site, or copies of one). scripts/bench-page measures one site against
// the targets; this tells whether a change moved the start at all, on a machine whose loads vary more than that.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const sites = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))).slice(0, 2);
if (sites.length !== 2) {
  console.error('usage: node bench/start_ab.mjs DIR_A DIR_B [--runs N] [--cpu 4]');
  process.exit(2);
}
const runs = option('--runs', 10);
const cpu = option('--cpu', 1);

/** An init script: the ready mark, the frame painted after it, and first-contentful-paint into window.__start. */
function probe() {
  const t = { ready: 0, painted: 0, fcp: 0 };
  window.__start = t;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') t.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== 'playground-ready') continue;
      t.ready = e.startTime;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { t.painted = performance.now(); };
        channel.port2.postMessage(0);
      });
    }
  }).observe({ type: 'mark', buffered: true });
}

const servers = await Promise.all(sites.map((s) => startServer(s)));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
console.log(`${browser.version()}, ${runs} cold loads of each, interleaved${cpu > 1 ? `, CPU ${cpu}x` : ''}`);
/** @type {{ready: number, painted: number, fcp: number}[][]} */
const samples = [[], []];
for (let run = 0; run < runs; run++) {
  for (const k of [0, 1]) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(probe);
    const page = await context.newPage();
    if (cpu > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(servers[k].url);
    await page.waitForFunction(() => window.__start && window.__start.painted > 0, null, { timeout: 60000 });
    samples[k].push(await page.evaluate(() => window.__start));
    await context.close();
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return (s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2).toFixed(1);
};
console.log('| site | ready | painted after ready | first contentful paint |');
console.log('|---|---:|---:|---:|');
for (const k of [0, 1]) {
  const s = samples[k];
  console.log(`| ${sites[k]} | ${median(s.map((x) => x.ready))} ms | ${median(s.map((x) => x.painted))} ms | ${median(s.map((x) => x.fcp))} ms |`);
}
await browser.close();
for (const s of servers) await s.close();
process.exit(0);
