// End to end: the session as a sequence diagram (panels/sequence.mjs), and the state diagram's green edges
// as buttons that fill the request (web/diagram.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ARTIFACTS, actAs, afterLayout, advanceClock, assertNoProblems, chooseOperation, ready, send, settle, setup, shot } from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BILL = '111111111111';
const SUSAN = '222222222222';

let env;
let page;
let context;
let problems;
let invitation;

before(async () => {
  env = await setup();
  ({ page, context, problems } = await env.open({ viewport: { width: 1400, height: 900 } }));
});
after(async () => { await env?.close(); });

const region = () => page.getByRole('region', { name: 'Sequence diagram drawing' });
/** The call arrows as drawn, in order: their accessible names. */
const arrows = () => region().getByRole('button').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
/** Which lifeline (its name) is at the x of each end of each call arrow. */
const arrowEnds = () => page.evaluate(() => {
  const heads = [...document.querySelectorAll('#sequence .seq-head')].map((g) => ({
    name: g.querySelector('.seq-name').textContent, x: Number(g.querySelector('.seq-life').getAttribute('x1')),
  }));
  const at = (x) => heads.find((h) => Math.abs(h.x - x) < 4)?.name;
  return [...document.querySelectorAll('#sequence [data-step] line')].map((l) => ({
    from: at(Number(l.getAttribute('x1'))), to: at(Number(l.getAttribute('x2')) + (Number(l.getAttribute('x2')) > Number(l.getAttribute('x1')) ? 2 : -2)),
  }));
});

/** Scroll to the Sequence diagram, as a reader would: it is drawn while it is on screen (or near it). */
async function showSequence() {
  await page.locator('.panel-sequence').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('.panel-sequence')?.getAttribute('data-stale') === 'false');
}

async function axe(label) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).include('.panel-sequence').include('.panel-diagram').analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], label);
}

test('the drawing is fetched when the panel first comes near the screen: a first visit starts without it', async () => {
  const fresh = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const p = await fresh.newPage();
    /** @type {string[]} */
    const scripts = [];
    p.on('request', (r) => { if (/\.m?js$/.test(new URL(r.url()).pathname)) scripts.push(new URL(r.url()).pathname); });
    await p.goto(`${env.server.url}/`);
    await ready(p);
    const atStart = scripts.length;
    assert.equal(await p.locator('.panel-sequence').getAttribute('data-stale'), 'true', 'not drawn at the start');
    await p.locator('.panel-sequence').scrollIntoViewIfNeeded();
    await p.waitForFunction(() => document.querySelector('.panel-sequence')?.getAttribute('data-stale') === 'false');
    const fetched = scripts.slice(atStart);
    assert.equal(fetched.length, 1, `one module fetched for the drawing: ${fetched.join(', ')}`);
    assert.ok(!scripts.slice(0, atStart).includes(fetched[0]), 'and the start had not fetched it');
    await settle(p);
  } finally {
    await fresh.close();
  }
});

test('Bill invites Susan', async () => {
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('ACCOUNT');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill(SUSAN);
  await settle(page);
  const res = await send(page, 'InviteAccountToOrganization');
  invitation = JSON.parse(res.body).Handshake.Id;
  assert.match(invitation, /^h-/);
});

test('clicking a green diagram edge fills the composer, and sends nothing', async () => {
  await actAs(page, 'Susan');
  await page.locator(`#handshakes-table tbody tr[data-handshake-id="${invitation}"] button`).first().click();
  await settle(page);
  const logBefore = await page.locator('#log-table tbody tr').count();
  const edge = page.getByRole('button', { name: `Fill the request: AcceptHandshake on ${invitation}` });
  await edge.waitFor();
  assert.equal(await edge.getAttribute('tabindex'), '0', 'keyboard focusable');
  assert.equal(await edge.getAttribute('data-edge'), 'OPEN>ACCEPTED');
  await chooseOperation(page, 'ListAccounts');
  await edge.locator('.edge-fill-label').click();
  await settle(page);
  assert.equal(await page.getByLabel('Operation', { exact: true }).inputValue(), 'AcceptHandshake');
  assert.equal(await page.getByLabel('HandshakeId', { exact: true }).inputValue(), invitation);
  assert.equal(await page.locator('#send-label').innerText(), 'AcceptHandshake');
  assert.equal(await page.locator('#log-table tbody tr').count(), logBefore, 'nothing was sent');
  // And by keyboard: DeclineHandshake.
  await page.getByRole('button', { name: `Fill the request: DeclineHandshake on ${invitation}` }).focus();
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await page.getByLabel('Operation', { exact: true }).inputValue(), 'DeclineHandshake');
  assert.equal(await page.locator('#log-table tbody tr').count(), logBefore, 'nothing was sent');
  await page.locator('.panel-diagram').screenshot({ path: path.join(ARTIFACTS, 'sequence-diagram-offers.png') });
  await chooseOperation(page, 'AcceptHandshake');
  await page.getByLabel('HandshakeId', { exact: true }).selectOption(invitation);
  await settle(page);
});

test('after Bill invites Susan and Susan accepts, the sequence diagram shows both arrows in order with the right lifelines', async () => {
  const res = await send(page, 'AcceptHandshake');
  assert.match(res.status, /HTTP 200/);
  await showSequence();
  const names = await arrows();
  const last = names.slice(-2);
  assert.match(last[0], /^#\d+ InviteAccountToOrganization by Bill to Susan: 200 · OPEN$/);
  assert.match(last[1], /^#\d+ AcceptHandshake by Susan to Bill: 200 · ACCEPTED$/);
  const ends = (await arrowEnds()).slice(-2);
  assert.deepEqual(ends, [{ from: 'Bill', to: 'Susan' }, { from: 'Susan', to: 'Bill' }]);
  const heads = await page.locator('#sequence .seq-name').allTextContents();
  assert.equal(heads[0], 'Bill', 'the management account first');
  assert.ok(heads.includes('Susan'));
  await page.locator('.panel-sequence').scrollIntoViewIfNeeded();
  await shot(page, 'sequence-1400');
  await page.locator('.panel-sequence').screenshot({ path: path.join(ARTIFACTS, 'sequence-panel-1400.png') });
});

test('selecting an arrow shows its request and response', async () => {
  await showSequence();
  const arrow = region().getByRole('button', { name: /AcceptHandshake by Susan/ }).last();
  await arrow.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: /AcceptHandshake$/ });
  await detail.waitFor();
  assert.equal(await arrow.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(JSON.parse(await page.locator('#sequence-request').innerText()), { HandshakeId: invitation });
  const response = JSON.parse(await page.locator('#sequence-response').innerText());
  assert.equal(response.Handshake.Id, invitation);
  assert.equal(response.Handshake.State, 'ACCEPTED');
  // "Rewind to here" is offered once the page can rewind (actions.rewindTo), named after the call.
  const rewind = detail.getByRole('button', { name: /^Rewind to here/ });
  if (await rewind.count()) assert.match(await rewind.innerText(), /^Rewind to here \(#\d+\)$/);
  assert.equal(await detail.getByRole('button', { name: 'Show in the Response panel' }).count(), 1);
  // The other arrow, with the mouse.
  await region().getByRole('button', { name: /InviteAccountToOrganization by Bill to Susan/ }).last().click();
  assert.equal(JSON.parse(await page.locator('#sequence-request').innerText()).Target.Id, SUSAN);
  assert.equal(JSON.parse(await page.locator('#sequence-response').innerText()).Handshake.State, 'OPEN');
  await page.locator('.panel-sequence').screenshot({ path: path.join(ARTIFACTS, 'sequence-selected-1400.png') });
});

test('Copy Mermaid produces text that starts with sequenceDiagram and names both calls', async () => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  await page.getByRole('button', { name: 'Copy Mermaid' }).click();
  await page.waitForFunction(() => /Mermaid text copied/.test(document.querySelector('#announcer')?.textContent || ''));
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(text.startsWith('sequenceDiagram\n'), text);
  assert.match(text, /^ {4}participant p1 as Bill 111111111111$/m);
  assert.match(text, /^ {4}p1->>p\d+: call \d+ InviteAccountToOrganization 200 OPEN$/m);
  assert.match(text, /^ {4}p\d+->>p1: call \d+ AcceptHandshake 200 ACCEPTED$/m);
});

test('Download SVG gives a standalone SVG', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG' }).click()]);
  assert.equal(download.suggestedFilename(), 'handshake-session.svg');
  const file = path.join(ARTIFACTS, 'sequence-download.svg');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /<style>/);
  assert.match(text, /AcceptHandshake/);
  // It opens on its own, as an image: no error, the text drawn.
  const viewer = await context.newPage();
  await viewer.setContent(`<img id="i" src="data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}">`);
  const size = await viewer.evaluate(() => new Promise((resolve) => {
    const img = document.getElementById('i');
    const done = () => resolve({ w: img.naturalWidth, h: img.naturalHeight });
    if (img.complete) done(); else { img.onload = done; img.onerror = () => resolve({ w: 0, h: 0 }); }
  }));
  assert.ok(size.w > 300 && size.h > 100, JSON.stringify(size));
  await viewer.screenshot({ path: path.join(ARTIFACTS, 'sequence-download.png'), fullPage: true });
  await viewer.close();
});

test('when time moves, the clock shows between arrows and an expiry is a dashed arrow from Clock / AWS', async () => {
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('ACCOUNT');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('333333333333');
  await settle(page);
  const juan = JSON.parse((await send(page, 'InviteAccountToOrganization')).body).Handshake.Id;
  await advanceClock(page, 30);
  await showSequence();
  const steps = await page.locator('#sequence .seq-steps > g').evaluateAll((gs) => gs.map((g) => g.getAttribute('class')));
  assert.deepEqual(steps.slice(-2).map((c) => c.split(' ')[0]), ['seq-clock', 'seq-step']);
  assert.match(steps.at(-1), /seq-system/);
  const expiry = page.locator('#sequence .seq-system').last();
  assert.equal(await expiry.locator('.seq-label').textContent(), `EXPIRED ${juan}`);
  assert.match(await expiry.locator('line').evaluate((l) => getComputedStyle(l).strokeDasharray), /\d/, 'dashed');
  const heads = await page.locator('#sequence .seq-name').allTextContents();
  assert.equal(heads.at(-1), 'Clock / AWS');
  await page.locator('.panel-sequence').screenshot({ path: path.join(ARTIFACTS, 'sequence-expiry-1400.png') });
});

test('axe finds nothing in the sequence and state diagrams, light and dark', async () => {
  await axe('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await axe('dark');
  await page.locator('.panel-sequence').screenshot({ path: path.join(ARTIFACTS, 'sequence-panel-dark.png') });
  await page.locator('.panel-diagram').screenshot({ path: path.join(ARTIFACTS, 'sequence-diagram-offers-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  assertNoProblems(problems);
});

test('at 360 px nothing scrolls sideways; the drawing scrolls inside its labelled, focusable region', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  await settle(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  const r = region();
  assert.equal(await r.getAttribute('tabindex'), '0');
  const scrolls = await r.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  // The hint follows the region's size through a ResizeObserver, which reports after the next layout:
  // wait for that frame, then the hint must say what the region does.
  await afterLayout(page);
  assert.equal(await page.locator('#sequence-scroll-hint').isVisible(), scrolls);
  const panelOverflow = await page.evaluate(() => {
    const panel = document.querySelector('.panel-sequence');
    return [...panel.querySelectorAll('*')].filter((el) => el.id !== 'sequence' && !el.closest('#sequence') && el.getBoundingClientRect().right > 361).map((el) => el.tagName + (el.id ? `#${el.id}` : ''));
  });
  assert.deepEqual(panelOverflow, []);
  await page.locator('.panel-sequence').scrollIntoViewIfNeeded();
  await page.locator('.panel-sequence').screenshot({ path: path.join(ARTIFACTS, 'sequence-panel-360.png') });
  await page.setViewportSize({ width: 1400, height: 900 });
});
