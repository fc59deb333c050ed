// An honest start (web/app.mjs): until the engine is ready nothing can be used and the page says "Starting the
// engine…" (on screen and to screen readers); clicking early does nothing and logs nothing; nothing moves when
// the engine arrives. And time that teaches (web/panels/clock.mjs): "To expiry" and clock buttons that say
// what they do. The engine is slowed down (its WebAssembly answered late) so that the start can be watched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { AxeBuilder } from '@axe-core/playwright';
import { assertNoProblems, handshakeRows, ready, send, settle, setup, shot } from './harness.mjs';
import { nodeEngine } from './engine-node.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** An init script: layout shifts not caused by input, from the first paint on, summed into window.__cls and
 * listed in window.__shifts (when, how much, and what moved). */
function recordShifts() {
  window.__cls = 0;
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__cls += entry.value;
      window.__shifts.push({ at: Math.round(entry.startTime), value: entry.value, sources: entry.sources.map((s) => (s.node && (s.node.id || s.node.className || s.node.nodeName)) || '?') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * A page whose engine is held back (its WebAssembly is answered only once `release()` is called, and at least
 * `delay` ms late); layout shifts are summed from the first paint on.
 */
async function slowStart({ delay = 800, ...options } = {}) {
  const opened = await env.open({ wait: false, ...options });
  const { page, context } = opened;
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await context.route('**/handshake-engine.wasm', async (route) => { await Promise.all([gate, sleep(delay)]); await route.continue(); });
  await context.addInitScript(recordShifts);
  await page.goto(env.server.url);
  // The panels are mounted (the scenario list is filled) while the engine is still on its way.
  await page.waitForFunction(() => document.querySelectorAll('#scenario option').length > 0);
  return { ...opened, release };
}

test('controls are disabled before ready, and clicking early does nothing and logs no console error', async () => {
  const { page, problems, release } = await slowStart({ viewport: { width: 1400, height: 900 } });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'the engine was not slowed down');
  const status = page.getByRole('status').filter({ hasText: 'Starting the engine…' });
  assert.ok(await status.isVisible());
  assert.equal(await page.locator('#starting').innerText(), 'Starting the engine…');
  assert.equal(await page.locator('#main').getAttribute('aria-busy'), 'true');
  // Every control of the page is out of reach: inert (no click, no focus), the header's included.
  const reachable = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => !el.closest('[inert]') && !el.disabled && !el.hidden && el.getClientRects().length > 0 && !el.matches('.skip-link'))
    .map((el) => el.id || el.outerHTML.slice(0, 60)));
  assert.deepEqual(reachable, []);
  await shot(page, 'start-starting-light', { fullPage: false });

  // Clicks and keys, as an impatient user: Send, Reset, +1 day, Copy link, Tab and Enter, Ctrl+Enter.
  for (const selector of ['#send', '#reset', '[data-advance="86400"]', '#copy-link', '#to-expiry']) {
    const box = await page.locator(selector).boundingBox();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator(selector).click({ force: true, timeout: 2000 }).catch(() => {});
  }
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Enter');
  // Even a script's click reaches no action before the engine is ready.
  await page.evaluate(() => {
    for (const sel of ['#send', '#reset', '[data-advance="86400"]', '#to-expiry', '#advance-submit']) document.querySelector(sel)?.click();
  });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'the engine was ready before the clicks ended');
  // The starting page itself is accessible (the status, the inert header controls).
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);

  release();
  await ready(page);
  assert.equal(await page.locator('#log-table tbody tr').count(), 6, 'an early click sent something');
  assert.equal(await page.locator('#clock-now').innerText(), '2026-09-13 03:44:06.110 UTC');
  assert.equal(await page.locator('#response').getAttribute('data-empty'), 'true');
  assert.ok(await page.locator('#notice').isHidden());
  assert.equal(await page.locator('#main').getAttribute('inert'), null);
  assert.equal(await page.locator('#main').getAttribute('aria-busy'), 'false');
  // The status region says once that the engine is ready, then leaves the screen (it is visually hidden).
  assert.equal(await page.locator('#starting').textContent(), 'The engine is ready.');
  assert.ok((await page.locator('#starting').boundingBox()).width <= 1);
  assertNoProblems(problems);
});

for (const [label, options] of [
  ['1400x900', { viewport: { width: 1400, height: 900 } }],
  ['dark', { viewport: { width: 1400, height: 900 }, colorScheme: 'dark' }],
  ['360x800', { viewport: { width: 360, height: 800 } }],
]) {
  test(`CLS stays below 0.05 while starting (${label})`, async () => {
    const { page, problems, release } = await slowStart({ delay: 1500, ...options });
    if (label !== '1400x900') await shot(page, `start-starting-${label}`, { fullPage: false });
    release();
    await ready(page);
    await sleep(300);
    const { cls, shifts } = await page.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
    assert.ok(cls < 0.05, `CLS ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
    process.stdout.write(`# CLS while starting (${label}): ${cls.toFixed(4)}\n`);
    await shot(page, `start-ready-${label}`, { fullPage: false });
    assertNoProblems(problems);
  });
}

/**
 * The site as the test server serves it, but with index.html sent in two parts `pause` ms apart, cut inside the
 * header (after the clock's buttons): a page drawn before the rest arrives shows a header parsed in part.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
async function splitHeaderServer(pause) {
  const upstream = new URL(env.server.url);
  const server = http.createServer((req, res) => {
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method,
      headers: { ...req.headers, host: upstream.host, ...(req.url === '/' ? { 'accept-encoding': 'identity' } : {}) } }, (answer) => {
      if (req.url !== '/') {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8');
        const cut = html.indexOf('<form id="advance-form"');
        assert.ok(cut > 0, 'index.html has the clock\'s form');
        const headers = { ...answer.headers };
        delete headers['content-length'];
        res.writeHead(answer.statusCode, headers);
        res.write(html.slice(0, cut));
        setTimeout(() => res.end(html.slice(cut)), pause);
      });
    });
    req.pipe(forward);
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => { server.close(() => resolve()); }) };
}

// The parser yields on a slow start, and a frame drawn then showed the header in part: the clock beside the
// title, moved to a row of its own when the rest of the header came (7 of 30 cold loads at CPU 4x,
// bench/start_shifts.mjs). The clock is as wide from the start as its controls make it (styles.css).
test('a header drawn in part lays out as the whole one: nothing moves when the rest of the page arrives late', async () => {
  const split = await splitHeaderServer(400);
  try {
    const { page, context, problems } = await env.open({ wait: false, viewport: { width: 1400, height: 900 } });
    await context.addInitScript(recordShifts);
    await page.goto(split.url);
    await ready(page);
    await sleep(300);
    assert.deepEqual(await page.evaluate(() => window.__shifts), []);
    // The clock's width in styles.css is the width of its controls in one row, within a rem (a control added
    // or renamed there changes it: the rule's number is then to be measured again).
    const widths = await page.evaluate(() => {
      const clock = /** @type {HTMLElement} */ (document.querySelector('#clock'));
      const held = clock.getBoundingClientRect().width;
      clock.style.minWidth = '0';
      const controls = clock.getBoundingClientRect().width;
      clock.style.minWidth = '';
      return { held, controls, rem: parseFloat(getComputedStyle(document.documentElement).fontSize) };
    });
    assert.ok(widths.held >= widths.controls && widths.held - widths.controls < widths.rem, JSON.stringify(widths));
    assertNoProblems(problems);
  } finally {
    await split.close();
  }
});

test('To expiry shows EXPIRED; the clock buttons say what they do', async () => {
  const { page, problems } = await env.open({ viewport: { width: 1400, height: 900 } });
  const toExpiry = page.locator('#to-expiry');
  assert.equal(await toExpiry.getAttribute('aria-disabled'), 'true');
  assert.equal(await toExpiry.getAttribute('aria-label'), 'To expiry: select an open handshake first');
  for (const days of [1, 15, 30]) {
    const button = page.getByRole('button', { name: `Advance the clock ${days} day${days === 1 ? '' : 's'}`, exact: true });
    assert.equal(await button.getAttribute('title'), `Advance the clock ${days} day${days === 1 ? '' : 's'}`);
  }
  assert.equal(await page.getByRole('button', { name: 'Advance the clock 2 hours', exact: true }).count(), 1);
  await page.getByLabel('Unit').selectOption('86400');
  await page.getByLabel('Amount').fill('1');
  assert.equal(await page.locator('#advance-submit').getAttribute('aria-label'), 'Advance the clock 1 day');
  assert.equal(await page.locator('#advance-submit').getAttribute('title'), 'Advance the clock 1 day');

  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  const res = await send(page, 'InviteAccountToOrganization');
  const hs = JSON.parse(res.body).Handshake;
  assert.equal(hs.State, 'OPEN');
  // The invitation is selected: the button names where it lands.
  assert.equal(await toExpiry.getAttribute('aria-disabled'), 'false');
  const name = `To expiry: advance the clock 15 days, 1 second, to 1 second past the expiration of handshake ${hs.Id}`;
  assert.equal(await toExpiry.getAttribute('aria-label'), name);
  assert.equal(await toExpiry.getAttribute('title'), name);
  await page.getByRole('button', { name, exact: true }).click();
  await settle(page);
  const rows = await handshakeRows(page);
  assert.equal(rows.find((r) => r.id === hs.Id).state, 'EXPIRED');
  assert.equal(await page.locator('#clock-now').innerText(), '2026-09-28 03:44:07.110 UTC');
  assert.match(await page.locator('#announcer').innerText(), new RegExp(`Handshake ${hs.Id} \\(INVITE\\) changed from OPEN to EXPIRED`));
  // Expired, it can no longer expire: the button says so and does nothing.
  assert.equal(await toExpiry.getAttribute('aria-disabled'), 'true');
  assert.equal(await toExpiry.getAttribute('aria-label'), `To expiry: handshake ${hs.Id} is EXPIRED and can no longer expire`);
  const logSize = await page.locator('#log-table tbody tr').count();
  await toExpiry.click({ force: true });  // aria-disabled: still focusable and clickable, it only explains
  await settle(page);
  assert.match(await page.locator('#announcer').innerText(), /is EXPIRED and can no longer expire/);
  assert.equal(await page.locator('#log-table tbody tr').count(), logSize);
  await shot(page, 'clock-to-expiry', { fullPage: false });
  assertNoProblems(problems);
});

/** How the page's WebAssembly is instantiated, in order (an init script: before the page's own): 'compiled' from
 * a compiled WebAssembly.Module, 'bytes' from bytes, 'streaming' from a fetch (the glue code's own way). */
function watchInstantiation() {
  window.__instantiated = [];
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function watched(source, ...rest) {
    window.__instantiated.push(source instanceof WebAssembly.Module ? 'compiled' : 'bytes');
    return instantiate.call(this, source, ...rest);
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function watched(...args) {
    window.__instantiated.push('streaming');
    return streaming.apply(this, args);
  };
}

/** The calls the page's engine answered so far, by target ({target: count}). */
function answeredByEngine(page) {
  return page.evaluate(async () => {
    const boot = /** @type {HTMLScriptElement} */ (document.querySelector('script[type="module"][src^="engine-boot."]'));
    const { engine } = await import(boot.src);
    return Object.fromEntries(engine.answered);
  });
}

/** The engine's own snapshot of its world, through the page's engine client (not logged, changes nothing). */
function exportWorld(page) {
  return page.evaluate(async () => {
    const boot = /** @type {HTMLScriptElement} */ (document.querySelector('script[type="module"][src^="engine-boot."]'));
    const { engine } = await import(boot.src);
    return (await engine.call('', 'Simulator.ExportWorld', '{}')).body;
  });
}

test('the default world loads in one call: the prebuilt snapshot, its steps logged with the answers they had', async () => {
  const { page, context, problems } = await env.open({ wait: false });
  await context.addInitScript(watchInstantiation);
  await page.goto(env.server.url);
  await ready(page);
  // The page compiled the WebAssembly while it arrived and its engine was made from that module; the world
  // came in one Simulator.ImportWorld.
  assert.deepEqual(await page.evaluate(() => window.__instantiated), ['compiled']);
  const answered = await answeredByEngine(page);
  const sent = JSON.stringify(answered);
  assert.equal(answered['Simulator.ImportWorld'], 1, sent);
  // The lifecycle table came with the site too (start-world.mjs): not asked for.
  for (const step of ['Simulator.Reset', 'Simulator.SetTime', 'Simulator.CreateAccount', 'Simulator.CreateOrganization', 'Simulator.DescribeWorld', 'Simulator.DescribeLifecycle']) {
    assert.equal(answered[step], undefined, `${step} was sent at the start: ${sent}`);
  }
  // The same world as the scenario built step by step by the same engine (under node), and its lifecycle table:
  // every lifecycle in the diagram's list, the first one's states drawn.
  const engine = await nodeEngine();
  const { Lifecycles } = JSON.parse(engine.call('', 'Simulator.DescribeLifecycle', '{}').body);
  assert.deepEqual(await page.locator('#lifecycle-action option').evaluateAll((os) => os.map((o) => o.value)), Lifecycles.map((l) => l.Action));
  const drawn = await page.locator('#diagram .node-label').allTextContents();
  assert.deepEqual([...drawn].sort(), [...Lifecycles[0].States].sort());
  const { SCENARIOS_BY_ID, buildScenario } = await import('../../web/scenarios.mjs');
  await buildScenario(async (control, request) => engine.call('', `Simulator.${control}`, JSON.stringify(request)), SCENARIOS_BY_ID.get('docs'));
  assert.equal(await exportWorld(page), engine.call('', 'Simulator.ExportWorld', '{}').body);
  // The log shows the scenario's steps as if they had been sent: operations, statuses, and their answers.
  const rows = await page.locator('#log-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  assert.equal(rows.length, 6, rows.join('\n'));
  // (newest first; the clock of each is the clock when it was sent: none before SetTime)
  assert.deepEqual(rows.reverse(), [
    '#1 — simulator Simulator. Reset 200', '#2 — simulator Simulator. SetTime 200',
    '#3 2026-09-13 03:44:06 simulator Simulator. CreateAccount 200', '#4 2026-09-13 03:44:06 simulator Simulator. CreateOrganization 200',
    '#5 2026-09-13 03:44:06 simulator Simulator. CreateAccount 200', '#6 2026-09-13 03:44:06 simulator Simulator. CreateAccount 200',
  ]);
  // A call after it gets the id the engine would give after the steps: the world carries the id generator.
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  const res = await send(page, 'InviteAccountToOrganization');
  const expected = engine.call('111111111111', 'AWSOrganizationsV20161128.InviteAccountToOrganization', JSON.stringify({ Target: { Type: 'EMAIL', Id: 'juan@example.com' } }));
  assert.equal(JSON.parse(res.body).Handshake.Id, JSON.parse(expected.body).Handshake.Id);
  assertNoProblems(problems);
});

test('when the page cannot compile the WebAssembly, the engine\'s glue code fetches and compiles it itself', async () => {
  const { page, context, problems } = await env.open({ wait: false });
  await context.addInitScript(watchInstantiation);
  let fetched = 0;
  await context.route('**/handshake-engine.wasm', async (route) => {
    fetched += 1;
    if (fetched === 1) await route.abort('failed');
    else await route.continue();
  });
  await page.goto(env.server.url);
  await ready(page);
  assert.equal(fetched, 2, 'the page\'s fetch (refused), then the glue code\'s');
  assert.deepEqual(await page.evaluate(() => window.__instantiated), ['streaming']);
  const res = await send(page, 'InviteAccountToOrganization');
  assert.match(res.status, /^HTTP 200/);
  // The refused fetch is the only problem the console reports.
  assert.deepEqual(problems.filter((p) => !/handshake-engine\.wasm|net::ERR_FAILED|Failed to load resource/.test(p)), []);
});

test('the lessons\' code loads when the lessons are asked for, not at the start', async () => {
  const { page, problems } = await env.open({ wait: false });
  const scripts = [];
  page.on('response', (r) => { if (/\.mjs$/.test(new URL(r.url()).pathname)) scripts.push(r.text().catch(() => '')); });
  await page.goto(env.server.url);
  await ready(page);
  // checks.mjs's words: in the lessons' code only.
  const LESSONS_CODE = 'must be a non-empty list of file names';
  assert.ok(!(await Promise.all(scripts)).some((text) => text.includes(LESSONS_CODE)), 'the lessons\' code was loaded at the start');
  // The panel's head is as lessons.mjs draws it on a first visit: folded, lesson 1 offered.
  assert.equal(await page.locator('#lessons-toggle').getAttribute('aria-expanded'), 'false');
  assert.ok(await page.getByRole('button', { name: 'Try lesson 1: Invite an account, and accept' }).isVisible());
  await page.getByRole('button', { name: 'Show lessons' }).click();
  await settle(page);
  assert.ok((await Promise.all(scripts)).some((text) => text.includes(LESSONS_CODE)), 'the lessons\' code was not loaded');
  assert.equal(await page.locator('#lessons-toggle').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#lessons-toggle').innerText(), 'Hide lessons');
  assert.ok(await page.locator('#lesson-list li').count() >= 3);
  assert.ok(await page.locator('#lesson-first').isHidden());
  // And the first lesson, from the head's button, on a page that had not loaded them.
  const { page: other, problems: otherProblems } = await env.open();
  await other.getByRole('button', { name: 'Try lesson 1: Invite an account, and accept' }).click();
  await settle(other);
  assert.match(await other.locator('#lesson-title').innerText(), /Invite an account, and accept/);
  assertNoProblems(problems);
  assertNoProblems(otherProblems);
});
