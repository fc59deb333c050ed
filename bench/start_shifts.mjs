// Layout shifts while the page starts: loads build/site (or HS_SITE_DIR) cold N times, optionally with the CPU
// throttled, and prints each load that shifted (when, how much, and which elements moved from where to where,
// up to 1 s after the page's `playground-ready` mark), then how many did. scripts/bench-page's CLS row is the
// worst of 10 loads; a shift that comes in a few loads out of many is found here.
//
//   node bench/start_shifts.mjs [--runs N] [--cpu 4] [--width 1400] [--height 900]
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, SITE, checkSite } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const runs = option('--runs', 30);
const cpu = option('--cpu', 1);
const viewport = { width: option('--width', 1400), height: option('--height', 900) };

checkSite();
const server = await startServer(SITE);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
console.log(`${browser.version()}, ${SITE}, ${viewport.width}x${viewport.height}${cpu > 1 ? `, CPU ${cpu}x` : ''}, ${runs} cold loads`);
let shifted = 0;
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (cpu > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.addInitScript(() => {
    const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    const name = (n) => (n ? `${n.nodeName.toLowerCase()}${n.id ? `#${n.id}` : ''}${typeof n.className === 'string' && n.className ? `.${n.className.split(' ')[0]}` : ''}` : '?');
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shifts.push(`${e.value.toFixed(4)} at ${Math.round(e.startTime)} ms: ` +
          (e.sources || []).map((s) => `${name(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`).join('; '));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60000 });
  await page.waitForTimeout(1000);
  const shifts = await page.evaluate(() => window.__shifts);
  if (shifts.length) {
    shifted++;
    console.log(`load ${run + 1}:`);
    for (const s of shifts) console.log(`  ${s}`);
  }
  await context.close();
}
console.log(`${shifted} of ${runs} loads shifted`);
await browser.close();
await server.close?.();
process.exit(0);
