// Time travel (web/timeline.mjs, actions.rewindTo / undo / redo, panels/log.mjs): every call in the event log
// can be rewound to, exactly (the engine's own export is compared with the one taken at that moment); what
// came after is a redo branch until a new call is made; Ctrl+Z / Ctrl+Shift+Z; a reload keeps it all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  advanceClock, assertNoProblems, chooseOperation, handshakeRows, ready, send, settle, setup, shot,
} from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Everything the engine holds now, through the page's own engine client (not logged, changes nothing). */
function exportWorld(page) {
  return page.evaluate(async () => {
    // The module index.html starts the engine with (engine-boot.HASH.mjs in the production site): importing
    // the same URL gives the same instance, so the same engine.
    const boot = /** @type {HTMLScriptElement} */ (document.querySelector('script[type="module"][src^="engine-boot."]'));
    const { engine } = await import(boot.src);
    const { status, body } = await engine.call('', 'Simulator.ExportWorld', '{}');
    if (status !== 200) throw new Error(`ExportWorld answered ${status}`);
    return body;
  });
}

const lastSeq = (page) => page.locator('#response').getAttribute('data-seq').then(Number);
const clock = (page) => page.locator('#clock-now').innerText();
const redoRows = (page) => page.locator('#log-table tbody tr.redo-row').count();
const logRows = (page) => page.locator('#log-table tbody tr:not(.redo-row)').count();

/**
 * A page with three calls, and what the engine held right after each: Bill invites Juan (OPEN), a day
 * passes, Bill cancels the invitation (CANCELED).
 */
async function pageWithCalls(options) {
  const opened = await env.open(options);
  const { page } = opened;
  const moments = [];
  const take = async (what) => moments.push({ what, seq: await lastSeq(page), world: await exportWorld(page), clock: await clock(page), handshakes: await handshakeRows(page) });
  moments.push({ what: 'start', seq: 0, world: await exportWorld(page), clock: await clock(page), handshakes: await handshakeRows(page) });
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  const res = await send(page, 'InviteAccountToOrganization');
  const id = JSON.parse(res.body).Handshake.Id;
  await take('invite');
  await advanceClock(page, 1);
  await take('day');
  await chooseOperation(page, 'CancelHandshake');
  await send(page, 'CancelHandshake');
  await take('cancel');
  assert.equal((await handshakeRows(page))[0].state, 'CANCELED');
  return { ...opened, id, moments };
}

/** The world now is exactly the one of that moment: the engine's export, the clock, the handshakes. */
async function assertAt(page, moment) {
  assert.equal(await exportWorld(page), moment.world, `the engine's world is not the one right after ${moment.what}`);
  assert.equal(await clock(page), moment.clock);
  assert.deepEqual((await handshakeRows(page)).map((r) => `${r.id} ${r.state}`), moment.handshakes.map((r) => `${r.id} ${r.state}`));
}

test('rewinding to the invite shows the handshake OPEN again and the world export equals the one taken then', async () => {
  const { page, problems, id, moments } = await pageWithCalls();
  const [, invite] = moments;
  const rows = await logRows(page);
  await page.getByRole('button', { name: `Rewind to after call #${invite.seq}`, exact: true }).click();
  await settle(page);
  await assertAt(page, invite);
  assert.deepEqual((await handshakeRows(page)).map((r) => r.state), ['OPEN']);
  assert.equal(await page.locator('#handshakes-table tr.selected').getAttribute('data-handshake-id'), id);
  // The diagram shows the state of that moment, not a move "from CANCELED" that has not happened yet.
  assert.doesNotMatch(await page.locator('.panel-diagram').innerText(), /just moved from CANCELED/);
  // The caller of that call, and its response shown again.
  assert.equal(await page.getByLabel('Act as', { exact: true }).inputValue(), '111111111111');
  assert.equal(await lastSeq(page), invite.seq);
  // The two calls after it are the redo branch, listed dimmed above it.
  assert.equal(await logRows(page), rows - 2);
  assert.equal(await redoRows(page), 2);
  assert.ok(await page.getByRole('button', { name: `Redo to after call #${invite.seq + 2}`, exact: true }).isVisible());
  assert.equal(await page.locator('#log-redo').getAttribute('aria-disabled'), 'false');
  await shot(page, 'time-travel-rewound');

  // Back to the scenario's start: no call left, three to redo.
  await page.getByRole('button', { name: `Rewind to before call #${moments[1].seq}`, exact: true }).click();
  await settle(page);
  await assertAt(page, moments[0]);
  assert.equal(await redoRows(page), 3);
  assert.equal(await page.locator('#log-undo').getAttribute('aria-disabled'), 'true');
  assertNoProblems(problems);
});

test('a new call after a rewind drops the redo branch', async () => {
  const { page, problems, moments } = await pageWithCalls();
  const [, invite] = moments;
  await page.getByRole('button', { name: `Rewind to after call #${invite.seq}`, exact: true }).click();
  await settle(page);
  assert.equal(await redoRows(page), 2);
  await advanceClock(page, 15);
  assert.equal(await redoRows(page), 0);
  assert.equal(await page.locator('#log-redo').getAttribute('aria-disabled'), 'true');
  // The new call takes the next number after the invite.
  assert.equal(await page.locator('#log-table tbody tr').first().getAttribute('data-seq'), String(invite.seq + 1));
  assert.deepEqual((await handshakeRows(page)).map((r) => r.state), ['OPEN']);
  // Ctrl+Shift+Z has nothing to redo.
  const world = await exportWorld(page);
  await page.locator('body').press('Control+Shift+Z');
  await settle(page);
  assert.equal(await exportWorld(page), world);
  assertNoProblems(problems);
});

test('Redo returns to the latest call', async () => {
  const { page, problems, moments } = await pageWithCalls();
  const [, invite, day, cancel] = moments;
  await page.getByRole('button', { name: `Rewind to after call #${invite.seq}`, exact: true }).click();
  await settle(page);
  await page.getByRole('button', { name: /^Redo call #/ }).click();
  await settle(page);
  await assertAt(page, day);
  assert.equal(await redoRows(page), 1);
  await page.getByRole('button', { name: /^Redo call #/ }).click();
  await settle(page);
  await assertAt(page, cancel);
  assert.equal(await redoRows(page), 0);
  assert.equal(await lastSeq(page), cancel.seq);
  // Straight to a call of the redo branch, from the scenario's start.
  await page.getByRole('button', { name: `Rewind to before call #${moments[1].seq}`, exact: true }).click();
  await settle(page);
  await page.getByRole('button', { name: `Redo to after call #${cancel.seq}`, exact: true }).click();
  await settle(page);
  await assertAt(page, cancel);
  assertNoProblems(problems);
});

test('Ctrl+Z rewinds one call', async () => {
  const { page, problems, moments } = await pageWithCalls();
  const [, , day, cancel] = moments;
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await settle(page);
  await assertAt(page, day);
  // In a text field Ctrl+Z is the field's own.
  await page.locator('#seed').focus();
  await page.keyboard.press('Control+z');
  await settle(page);
  await assertAt(page, day);
  // Ctrl+Y redoes.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+y');
  await settle(page);
  await assertAt(page, cancel);
  // The visible Undo button does the same as Ctrl+Z.
  await page.getByRole('button', { name: 'Undo the last call', exact: true }).click();
  await settle(page);
  await assertAt(page, day);
  assertNoProblems(problems);
});

test('a rewound session survives a reload', async () => {
  const { page, problems, moments } = await pageWithCalls();
  const [, invite, day] = moments;
  await page.getByRole('button', { name: `Rewind to after call #${invite.seq}`, exact: true }).click();
  await settle(page);
  const fragment = await page.evaluate(() => window.location.hash);
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => window.location.hash), fragment);
  await assertAt(page, invite);
  assert.equal(await redoRows(page), 2, 'the redo branch did not survive the reload');
  await page.getByRole('button', { name: /^Redo call #/ }).click();
  await settle(page);
  await assertAt(page, day);

  // Reset, then the notice's Undo: the rewound session and its redo branch come back.
  await page.getByRole('button', { name: 'Undo the last call', exact: true }).click();
  await settle(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  assert.equal(await redoRows(page), 0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await settle(page);
  await assertAt(page, invite);
  assert.equal(await redoRows(page), 2);
  assertNoProblems(problems);
});

test('time travel is axe clean and looks right at 1400x900, 360x800 and in dark mode', async () => {
  for (const [name, options] of [
    ['1400', { viewport: { width: 1400, height: 900 } }],
    ['360', { viewport: { width: 360, height: 800 } }],
    ['dark', { viewport: { width: 1400, height: 900 }, colorScheme: 'dark' }],
  ]) {
    const { page, problems, moments } = await pageWithCalls(options);
    await page.getByRole('button', { name: `Rewind to after call #${moments[1].seq}`, exact: true }).click();
    await settle(page);
    const result = await new AxeBuilder({ page }).withTags(TAGS).include('.panel-log').analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), [], name);
    const log = page.locator('.panel-log');
    await log.scrollIntoViewIfNeeded();
    await log.screenshot({ path: `build/e2e-artifacts/time-travel-log-${name}.png` });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= options.viewport.width, `${name}: the page scrolls sideways (${width} px)`);
    assertNoProblems(problems);
  }
});
