// Sessions the engine refuses (finding 3 of issue 11, the page's side): a share link, an imported file or a
// raw Simulator.ImportWorld carrying a snapshot with a clock past 9999 (World.Now = 2^53 ms) or two handshakes
// with one id. The page shows an error, keeps the user's world, never shows a broken clock, and a reload
// does not meet the link again. Holds whether the engine refuses such snapshots (400) or accepts them.
// Run: node --test tests/e2e/refused-links.test.mjs   (needs build/site: scripts/build --wasm)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  advanceClock, assertNoProblems, handshakeRows, ready, send, settle, setup, shot,
} from './harness.mjs';
import { encodeLink, toSessionFile } from '../../web/session.mjs';
import { recorder } from './engine-node.mjs';
import { startServer } from './serve.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const CLOCK_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} UTC$/;

/** Snapshots of the docs world, made by the site's engine under node, then spoiled. */
async function badSnapshots() {
  const rec = await recorder('docs');
  rec.call('111111111111', 'InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'juan@example.com' } });
  const exported = rec.engine.call('', 'Simulator.ExportWorld', '{}');
  assert.equal(exported.status, 200);
  const { World } = JSON.parse(exported.body);
  assert.ok(World.Handshakes.length >= 1);
  const clock = structuredClone(World);
  clock.Now = 2 ** 53;
  const twice = structuredClone(World);
  twice.Handshakes.push({ ...structuredClone(twice.Handshakes[0]), Seq: twice.NextSeq, RecipientEmail: 'other@example.com' });
  twice.NextSeq += 1;
  return { 'clock at 2^53 ms': clock, 'duplicate handshake id': twice };
}

function importSession(world, status = 200) {
  return {
    scenario: 'docs', seed: 0, now: 1789271046.11, worldDigest: null,
    calls: [{ caller: null, target: 'Simulator.ImportWorld', body: JSON.stringify({ World: world }), status }],
  };
}

/** What the reader sees of the world. */
async function visible(page) {
  return {
    clock: await page.locator('#clock-now').innerText(),
    datetime: await page.locator('#clock-now').getAttribute('datetime'),
    handshakes: (await handshakeRows(page)).map((r) => [r.id, r.state]),
    log: await page.locator('#log-table tbody tr').count(),
  };
}

function assertSoundClock(seen, what) {
  assert.match(seen.clock, CLOCK_TEXT, `${what}: clock text ${seen.clock}`);
  assert.ok(!Number.isNaN(Date.parse(seen.datetime)), `${what}: datetime ${seen.datetime}`);
  assert.doesNotMatch(JSON.stringify(seen), /NaN|Invalid/);
}

/** A page with some work of its own: an invitation and a day on the clock. */
async function pageWithWork() {
  const opened = await env.open();
  const { page } = opened;
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await advanceClock(page, 1);
  return opened;
}

async function noticeText(page) {
  await page.locator('#notice').waitFor({ state: 'visible' });
  return page.locator('#notice-text').innerText();
}

async function dismiss(page) {
  if (await page.locator('#notice').isVisible()) await page.getByRole('button', { name: 'Dismiss' }).click();
}

test('a share link the engine refuses, pasted into an open page, keeps the world; a reload does not meet it again', async () => {
  const snapshots = await badSnapshots();
  const { page, problems } = await pageWithWork();
  const before = await visible(page);
  assertSoundClock(before, 'before');
  assert.ok(before.handshakes.length >= 1);
  for (const [name, world] of Object.entries(snapshots)) {
    for (const status of [200, null]) {
      await dismiss(page);
      const fragment = await encodeLink(importSession(world, status));
      await page.evaluate((f) => { window.location.hash = f; }, fragment);
      const text = await noticeText(page);
      await settle(page);
      assert.match(text, /This link could not be opened\./, `${name}: ${text}`);
      assert.match(text, /refused|clock|two handshakes|export/, `${name}: ${text}`);
      assert.match(text, /your world was not changed/, `${name}: ${text}`);
      const now = await visible(page);
      assert.deepEqual(now, before, `${name} (status ${status}): the world changed`);
      assertSoundClock(now, name);
      assert.equal(await page.evaluate(() => window.location.hash), '', `${name}: the fragment stayed`);
    }
  }
  await shot(page, 'refused-link-open-page');
  // A reload: the link is gone from the address, so the page starts normally.
  await page.reload();
  await ready(page);
  assert.ok(await page.locator('#notice').isHidden(), 'a reload meets the refused link again');
  assertSoundClock(await visible(page), 'after reload');
  assertNoProblems(problems);
});

test('a refused share link as the page\'s address: an error, the default scenario, a sound clock', async () => {
  const snapshots = await badSnapshots();
  const { page, problems } = await env.open({ wait: false });
  for (const [i, [name, world]] of Object.entries(snapshots).entries()) {
    // A query of its own per case: a new document, not a fragment change of the one already open.
    await page.goto(`${env.server.url}?case=${i}#${await encodeLink(importSession(world))}`);
    await ready(page);
    const text = await noticeText(page);
    assert.match(text, /This link could not be opened\..*default scenario was started instead/s, `${name}: ${text}`);
    assert.equal(await page.getByLabel('Scenario').inputValue(), 'docs');
    assert.equal(await page.locator('#log-table tbody tr').count(), 6, `${name}: the log has more than the scenario`);
    assertSoundClock(await visible(page), name);
    assert.equal(await page.evaluate(() => window.location.hash), '');
    await page.reload();
    await ready(page);
    assert.ok(await page.locator('#notice').isHidden(), `${name}: a reload meets the refused link again`);
  }
  assertNoProblems(problems);
});

test('an imported session file the engine refuses changes nothing', async () => {
  const snapshots = await badSnapshots();
  const { page, problems } = await pageWithWork();
  const before = await visible(page);
  for (const [name, world] of Object.entries(snapshots)) {
    await dismiss(page);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import JSON…' }).click(),
    ]);
    await chooser.setFiles({ name: 'session.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(toSessionFile(importSession(world)))) });
    const text = await noticeText(page);
    await settle(page);
    assert.match(text, /This file could not be imported\..*Nothing was changed\./s, `${name}: ${text}`);
    assert.match(text, /refused|clock|two handshakes|export/, `${name}: ${text}`);
    const now = await visible(page);
    assert.deepEqual(now, before, `${name}: the world changed`);
    assertSoundClock(now, name);
  }
  await shot(page, 'refused-file');
  assertNoProblems(problems);
});

test('a raw Simulator.ImportWorld of such a snapshot never leaves a broken world', async () => {
  const snapshots = await badSnapshots();
  const { page, problems } = await pageWithWork();
  const before = await visible(page);
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  for (const [name, world] of Object.entries(snapshots)) {
    await dismiss(page);
    await page.getByLabel('X-Amz-Target').fill('Simulator.ImportWorld');
    await page.getByLabel(/^Body/).fill(JSON.stringify({ World: world }));
    await settle(page);
    const seq = Number(await page.locator('#response').getAttribute('data-seq') || 0);
    await page.getByRole('button', { name: 'Simulator.ImportWorld', exact: true }).click();
    // Either the engine refuses it (a 400 in the Response panel) or the page does (a notice, world restored).
    await page.waitForFunction((n) => Number(document.querySelector('#response').dataset.seq || 0) > n || !document.querySelector('#notice').hidden, seq);
    await settle(page);
    if (await page.locator('#notice').isVisible()) {
      assert.match(await page.locator('#notice-text').innerText(), /The snapshot was refused\..*previous world was restored/s, name);
    } else {
      assert.match(await page.locator('#response-status').innerText(), /HTTP 400/, name);
    }
    const now = await visible(page);
    assert.deepEqual(now.handshakes, before.handshakes, `${name}: the handshakes changed`);
    assert.equal(now.clock, before.clock, `${name}: the clock changed`);
    assertSoundClock(now, name);
  }
  // The page still works: a day later, the clock moves and reads as a date.
  await page.getByRole('tab', { name: 'Form' }).click();
  await advanceClock(page, 1);
  assertSoundClock(await visible(page), 'after a clock move');
  assertNoProblems(problems);
});

// An engine that accepts a snapshot with a clock past 9999 (as the engine did before it checked snapshots), and
// then reports that clock. The page must still never keep it. acceptingHandle wraps an engine's handle(); it is
// put in place of the page's engine's (an init script: embind assigns the engine's `handle`, caught by a setter)
// and of the scratch engine's (a stand-in worker script).
function acceptingHandle(handle) {
  let fakeNow = null;
  return function handleAccepting(caller, target, body) {
    let world = null;
    if (target === 'Simulator.ImportWorld') { try { world = JSON.parse(body).World; } catch { world = null; } }
    if (world && world.Now > 253402300799999) { fakeNow = world.Now / 1000; return { status: 200, body: '{}' }; }
    if (target === 'Simulator.ImportWorld') fakeNow = null;
    const r = handle(caller, target, body);
    const status = Number(r.status);
    let text = String(r.body);
    if (typeof r.delete === 'function') r.delete();
    if (fakeNow !== null && status === 200 && target === 'Simulator.DescribeWorld') {
      const d = JSON.parse(text); d.Now = fakeNow; text = JSON.stringify(d);
    }
    return { status, body: text };
  };
}

/** Init script: every function assigned as some object's `handle` (the engine's, by embind) is wrapped. */
function acceptOnPage(wrap) {
  Object.defineProperty(Object.prototype, 'handle', {
    configurable: true,
    set(fn) {
      let wrapped = typeof fn === 'function' ? wrap(fn) : fn;
      Object.defineProperty(this, 'handle', {
        configurable: true, enumerable: true,
        get: () => wrapped,
        set: (next) => { wrapped = typeof next === 'function' ? wrap(next) : next; },
      });
    },
  });
}

const ACCEPTING_WORKER = `import createHandshakeEngine from './handshake-engine.mjs';
const acceptingHandle = ${acceptingHandle.toString()};
let handle = null;
const queue = [];
function answer({ id, caller, target, body }) {
  const r = handle(String(caller ?? ''), String(target ?? ''), String(body ?? ''));
  postMessage({ id, status: r.status, body: r.body });
}
self.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'module') return;
  if (handle) answer(e.data); else queue.push(e.data);
});
createHandshakeEngine().then((i) => { handle = acceptingHandle((...args) => i.handle(...args)); postMessage({ type: 'ready' }); while (queue.length) answer(queue.shift()); });
`;

test('with an engine that accepts a clock past 9999: links are refused and a raw import is rolled back', async () => {
  const snapshots = await badSnapshots();
  const { page, context, problems } = await env.open({ wait: false });
  await context.route('**/engine-worker*.mjs', (route) => route.fulfill({
    status: 200, contentType: 'text/javascript; charset=utf-8', headers: env.server.headers, body: ACCEPTING_WORKER,
  }));
  await context.addInitScript({ content: `(${acceptOnPage.toString()})(${acceptingHandle.toString()});` });
  await page.goto(env.server.url);
  await ready(page);
  // The stand-in is in place in the page's engine (and nowhere else: another object's `handle` stays unset).
  const inPlace = await page.evaluate(async () => {
    const boot = /** @type {HTMLScriptElement} */ (document.querySelector('script[type="module"][src^="engine-boot."]'));
    const { engine } = await import(boot.src);
    return [engine.engine.handle.name, Object.create(null).handle];
  });
  assert.deepEqual(inPlace, ['handleAccepting', undefined]);
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await advanceClock(page, 1);
  const before = await visible(page);

  await page.evaluate((f) => { window.location.hash = f; }, await encodeLink(importSession(snapshots['clock at 2^53 ms'])));
  const text = await noticeText(page);
  await settle(page);
  assert.match(text, /This link could not be opened\..*clock outside the range/s, text);
  assert.deepEqual(await visible(page), before);

  await dismiss(page);
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel('X-Amz-Target').fill('Simulator.ImportWorld');
  await page.getByLabel(/^Body/).fill(JSON.stringify({ World: snapshots['clock at 2^53 ms'] }));
  await settle(page);
  await page.getByRole('button', { name: 'Simulator.ImportWorld', exact: true }).click();
  const refused = await noticeText(page);
  await settle(page);
  assert.match(refused, /The snapshot was refused\..*clock is outside the range.*previous world was restored/s, refused);
  const now = await visible(page);
  assert.deepEqual(now, before, 'the world, clock and log are those from before the import');
  assertSoundClock(now, 'after the rollback');
  await page.getByRole('tab', { name: 'Form' }).click();
  await advanceClock(page, 1);
  assertSoundClock(await visible(page), 'after a clock move');
  assertNoProblems(problems);
});

test('a host page\'s send command with such a snapshot leaves the embed\'s world as it was', async () => {
  const snapshots = await badSnapshots();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-refused-host-'));
  const host = await startServer(dir);
  const HOST = `http://127.0.0.1:${host.port}`;
  fs.writeFileSync(path.join(dir, 'host.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs host</title></head><body>
<iframe id="pg" title="Playground" width="1000" height="800" src="${env.server.url}?embed=1&embedId=pg&parentOrigin=${encodeURIComponent(HOST)}"></iframe></body></html>`);
  try {
    const { page, context, problems } = await env.open({ wait: false });
    await context.addInitScript((origin) => {
      if (window.location.origin !== origin) return;
      window.__results = [];
      window.__ready = false;
      window.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'ready') window.__ready = true;
        if (e.data && e.data.type === 'result') window.__results.push(e.data);
      });
    }, HOST);
    await page.goto(`${HOST}/host.html`);
    await page.waitForFunction(() => window.__ready === true, null, { timeout: 30000 });
    const frame = page.frame({ url: /embedId=pg/ });
    await frame.waitForFunction(() => document.documentElement.dataset.pending === '0');
    const command = (cmd) => page.evaluate(async ({ cmd, origin }) => {
      const n = window.__results.length;
      document.querySelector('#pg').contentWindow.postMessage({ channel: 'handshake-playground', ...cmd }, origin);
      while (window.__results.length === n) await new Promise((r) => setTimeout(r, 20));
      return window.__results[n];
    }, { cmd, origin: new URL(env.server.url).origin });
    const before = await command({ requestId: 'd0', type: 'describe' });
    assert.equal(before.ok, true);
    for (const [i, [name, world]] of Object.entries(snapshots).entries()) {
      const result = await command({ requestId: `r${i}`, type: 'send', caller: null, target: 'Simulator.ImportWorld', body: { World: world } });
      // The engine refuses it (ok, status 400), or the page does (ok: false, with the reason on the page).
      if (result.ok) assert.equal(result.status, 400, `${name}: ${JSON.stringify(result).slice(0, 300)}`);
      else assert.match(result.error, /refused the world it made/, name);
      await frame.waitForFunction(() => document.documentElement.dataset.pending === '0');
      const after = await command({ requestId: `d${i + 1}`, type: 'describe' });
      assert.equal(after.worldDigest, before.worldDigest, `${name}: the embed's world changed`);
      assert.equal(after.now, before.now, `${name}: the embed's clock changed`);
      assert.match(await frame.locator('#clock-now').innerText(), CLOCK_TEXT, name);
    }
    assertNoProblems(problems);
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
