// Where the page's JavaScript time goes during a cold start: CDP Profiler samples (every 100 µs) of the
// renderer's main thread from navigation to the page's ready mark, in fresh contexts, averaged over the
// loads. A sample is the engine's when a WebAssembly frame is on its stack, else it is counted for the
// script whose code started the task (hash stripped from the name), or as the garbage collector, or as
// other (no script of the page's on the stack: built-ins, and the benchmark's own polling for ready).
//
//   node bench/start_profile.mjs [--runs N]      build/site (or HS_SITE_DIR), the tests' headless shell
//
// bench/page_trace.mjs shows the rest of the main thread's work (style, layout, paint) on a timeline.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, SITE, checkSite } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;

/** The part of the page a sample belongs to (see the header). */
function partOf(stack) {
  if (stack.some((f) => f.url.endsWith('.wasm') || f.functionName.startsWith('js-to-wasm'))) return 'engine (WebAssembly)';
  if (stack[0].functionName === '(garbage collector)') return 'garbage collector';
  const script = [...stack].reverse().find((f) => f.url);
  return script ? script.url.split('/').pop().replace(/\.[A-Z0-9]{8}\./, '.') : 'other (built-ins, the benchmark polling)';
}

checkSite();
const server = await startServer(SITE);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const parts = new Map();
let busy = 0;
const readyAt = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60000 });
  readyAt.push(await page.evaluate(() => performance.getEntriesByName('playground-ready')[0].startTime));
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id).callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)' || leaf === '(root)') return;
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
    const part = partOf(stack);
    parts.set(part, (parts.get(part) ?? 0) + profile.timeDeltas[i]);
    busy += profile.timeDeltas[i];
  });
  await context.close();
}
await browser.close();
await server.close();
const ms = (us) => (us / 1000 / runs).toFixed(1).padStart(6);
readyAt.sort((a, b) => a - b);
console.log(`${runs} cold loads of ${SITE}; ready median ${readyAt[Math.floor(runs / 2)].toFixed(1)} ms`);
console.log(`JavaScript on the main thread before ready, ms per load: ${ms(busy).trim()}`);
for (const [part, us] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`${ms(us)}  ${part}`);
