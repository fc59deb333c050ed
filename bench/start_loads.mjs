// Cold loads of several built sites, interleaved (A, B, C..., A, B, C...) in one browser so that all of them
// meet the same machine; for each site, the medians of the page's `playground-ready` mark, of the first frame
// painted after it (a message posted from that frame's animation callback, so it runs once the frame is drawn),
// and of first-contentful-paint. Used by bench/start_ab.mjs (two sites) and bench/start_floor.mjs (the site
// and copies of it cut down).
//
//   const samples = await interleavedStarts([dirA, dirB], { runs: 10, cpu: 1 });
//   printStarts(['A', 'B'], samples);
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { startServer } from '../tests/e2e/serve.mjs';

/**
 * @typedef {{ready: number, painted: number, fcp: number}} StartSample  ms after navigation start
 */

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

/**
 * `runs` cold loads of each site (a new context each, 1400x1000), interleaved; each site served by a server of
 * its own (tests/e2e/serve.mjs: the site's header policy). cpu > 1: CDP's CPU throttling rate.
 * @param {string[]} sites  built sites' directories
 * @param {{runs?: number, cpu?: number}} [options]
 * @returns {Promise<StartSample[][]>} by site, in the order given
 */
export async function interleavedStarts(sites, { runs = 10, cpu = 1 } = {}) {
  const servers = await Promise.all(sites.map((s) => startServer(s)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  console.log(`${browser.version()}, ${runs} cold loads of each of ${sites.length} sites, interleaved${cpu > 1 ? `, CPU ${cpu}x` : ''}`);
  /** @type {StartSample[][]} */
  const samples = sites.map(() => []);
  try {
    for (let run = 0; run < runs; run++) {
      for (const [k, server] of servers.entries()) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        await context.addInitScript(probe);
        const page = await context.newPage();
        if (cpu > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
        await page.goto(server.url);
        await page.waitForFunction(() => window.__start && window.__start.painted > 0, null, { timeout: 60000 });
        samples[k].push(await page.evaluate(() => window.__start));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
  return samples;
}

/** The median of some numbers, to 0.1. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return (s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2).toFixed(1);
}

/**
 * The medians as a markdown table, a row per site.
 * @param {string[]} labels @param {StartSample[][]} samples
 */
export function printStarts(labels, samples) {
  console.log('| site | ready | painted after ready | first contentful paint |');
  console.log('|---|---:|---:|---:|');
  for (const [k, s] of samples.entries()) {
    console.log(`| ${labels[k]} | ${median(s.map((x) => x.ready))} ms | ${median(s.map((x) => x.painted))} ms | ${median(s.map((x) => x.fcp))} ms |`);
  }
}
