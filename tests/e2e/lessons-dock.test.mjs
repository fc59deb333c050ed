// A lesson in progress stays in view: on a first visit the lessons panel is folded (the Request panel stays
// near the top) and its head offers lesson 1 in one click; a lesson that runs is shown, and docked in the
// sticky top bar (its step, DONE for each step done, the goal now), where it stays wherever the page scrolls
// without covering the result of a send or the focus; the toggle always tells the truth ("Hide lessons"
// while they are shown), and the choice to show or hide them is remembered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, actAs, assertNoProblems, chooseOperation, ready, send, settle, setup } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const toggle = (page) => page.locator('#lessons-toggle');
const dockSteps = (page) => page.$$eval('#lesson-dock .dock-step', (items) => items.map((li) => li.textContent));

/** The dock is wholly on screen, drawn on top (elementFromPoint), and ends above the given element. */
async function assertDockInView(page, label, below) {
  const where = await page.evaluate((sel) => {
    const dock = document.querySelector('#lesson-dock').getBoundingClientRect();
    const hit = document.elementFromPoint(dock.left + 8, dock.top + dock.height / 2);
    const other = sel ? document.querySelector(sel).getBoundingClientRect() : null;
    return {
      dock: { top: dock.top, bottom: dock.bottom },
      inView: dock.top >= 0 && dock.bottom <= window.innerHeight && dock.height > 0,
      onTop: Boolean(hit && hit.closest('#lesson-dock')),
      clear: other ? other.top >= document.querySelector('.topbar').getBoundingClientRect().bottom : true,
      other: other && { top: other.top, bottom: other.bottom },
    };
  }, below);
  assert.ok(where.inView && where.onTop, `${label}: the lesson dock is not in view: ${JSON.stringify(where)}`);
  assert.ok(where.clear, `${label}: the sticky bar covers ${below}: ${JSON.stringify(where)}`);
}

for (const [name, viewport] of [['1400x900', { width: 1400, height: 900 }], ['360x800', { width: 360, height: 800 }]]) {
  test(`${name}: lesson 1 one click away on a first visit; the lesson in progress shown and docked, with DONE for each step done`, async () => {
    const { page, problems } = await env.open({ viewport });
    // First visit: folded, the toggle says what it would do, and lesson 1 is one click away.
    assert.equal(await toggle(page).innerText(), 'Show lessons');
    assert.equal(await toggle(page).getAttribute('aria-expanded'), 'false');
    assert.ok(await page.locator('#lessons-body').isHidden());
    assert.ok(await page.locator('#lesson-dock').isHidden(), 'no dock without a lesson');
    const first = page.getByRole('button', { name: 'Try lesson 1: Invite an account, and accept' });
    assert.ok(await first.isVisible());
    // Shown, the catalog lists every lesson, and "Try lesson 1" goes (the catalog offers it).
    await toggle(page).click();
    assert.equal(await toggle(page).innerText(), 'Hide lessons');
    await page.waitForSelector('#lesson-list li');
    assert.equal(await page.locator('#lesson-list li').count(), 7);
    assert.ok(await first.isHidden());
    await toggle(page).click();
    assert.ok(await first.isVisible());

    await first.click();
    await settle(page);
    // A lesson runs and is shown: the toggle still says "Hide lessons" (not "Show lessons").
    assert.equal(await toggle(page).innerText(), 'Hide lessons');
    assert.equal(await toggle(page).getAttribute('aria-expanded'), 'true');
    assert.ok(await page.locator('#lesson-active').isVisible());
    assert.equal(await page.locator('#lesson-dock .dock-title').innerText(), 'Lesson: step 1 of 2');
    assert.deepEqual(await dockSteps(page), ['1 now', '2']);
    assert.match(await page.locator('#lesson-dock .dock-goal').innerText(), /^As Bill, invite Susan/);

    // Step 1, done at the Send button, far down the page: the dock is still in view and says DONE.
    await actAs(page, 'Bill');
    await chooseOperation(page, 'InviteAccountToOrganization');
    await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('EMAIL');
    await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
    await send(page, 'InviteAccountToOrganization');
    assert.deepEqual(await dockSteps(page), ['1 ✓ DONE', '2 now']);
    assert.equal(await page.locator('#lesson-dock .dock-title').innerText(), 'Lesson: step 2 of 2');
    assert.equal(await page.locator('#lesson-steps > li').first().locator('.step-status').innerText(), 'DONE');
    await assertDockInView(page, 'after the invitation', '#send-result');
    await page.screenshot({ path: path.join(ARTIFACTS, `lessons-dock-${name}-step-1-done.png`) });

    // Hidden on request: the toggle says so, the dock stays (the lesson still runs).
    await toggle(page).click();
    assert.equal(await toggle(page).innerText(), 'Show lessons');
    assert.equal(await toggle(page).getAttribute('aria-expanded'), 'false');
    assert.ok(await page.locator('#lessons-body').isHidden());
    await actAs(page, 'Susan');
    await chooseOperation(page, 'AcceptHandshake');
    await send(page, 'AcceptHandshake');
    assert.deepEqual(await dockSteps(page), ['1 ✓ DONE', '2 ✓ DONE']);
    assert.equal(await page.locator('#lesson-dock .dock-title').innerText(), 'Lesson complete');
    await assertDockInView(page, 'after the acceptance', '#send-result');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.evaluate((y) => window.scrollTo(0, y), height);
    await assertDockInView(page, 'at the bottom of the page');

    // The dock's title shows the lesson again and takes the keyboard there.
    await page.locator('#lesson-dock .dock-title').click();
    assert.equal(await toggle(page).innerText(), 'Hide lessons');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lesson-title');
    assert.ok(await page.locator('#lesson-done').isVisible());
    assertNoProblems(problems);
  });
}

test('showing or hiding the lessons is remembered on the next visit; the dock in dark mode', async () => {
  const { page, problems } = await env.open({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
  await toggle(page).click();
  assert.equal(await toggle(page).innerText(), 'Hide lessons');
  await page.reload();
  await ready(page);
  assert.equal(await toggle(page).innerText(), 'Hide lessons');
  assert.equal(await toggle(page).getAttribute('aria-expanded'), 'true');
  await page.waitForSelector('#lesson-list li');
  await toggle(page).click();
  await page.reload();
  await ready(page);
  assert.equal(await toggle(page).innerText(), 'Show lessons');
  assert.equal(await toggle(page).getAttribute('aria-expanded'), 'false');
  assert.ok(await page.locator('#lessons-body').isHidden());
  // A lesson from a link shows itself even so, and docks.
  await page.goto(`${env.server.url}?lesson=all-features`);
  await ready(page);
  assert.equal(await toggle(page).innerText(), 'Hide lessons');
  assert.deepEqual(await dockSteps(page), ['1 now', '2', '3']);
  await page.locator('#send').click();
  await settle(page);
  assert.deepEqual(await dockSteps(page), ['1 ✓ DONE', '2 now', '3']);
  await assertDockInView(page, 'dark', '#send-result');
  await page.screenshot({ path: path.join(ARTIFACTS, 'lessons-dock-dark-1400x900.png') });
  const phone = await env.open({ viewport: { width: 360, height: 800 }, colorScheme: 'dark', wait: false });
  await phone.page.goto(`${env.server.url}?lesson=all-features`);
  await ready(phone.page);
  await phone.page.locator('#send').click();
  await settle(phone.page);
  await assertDockInView(phone.page, 'dark, 360', '#send-result');
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'lessons-dock-dark-360x800.png') });
  assertNoProblems(problems);
  assertNoProblems(phone.problems);
});
