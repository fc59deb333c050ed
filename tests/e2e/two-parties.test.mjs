// Two parties (web/panels/parties.mjs): two consoles side by side, each acting as one account, each with its
// own inbox (that account's ListHandshakesForAccount and the moves it may make), request and response. A call
// from one console shows in the other at once; each shows only what the engine answers its account; the
// layout is remembered; it works with the keyboard alone, axe finds nothing, and nothing scrolls sideways.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import path from 'node:path';
import { ARTIFACTS, assertNoProblems, ready, settle, setup, shot } from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const bill = (page) => page.getByRole('region', { name: /^Acting as Bill \(111111111111\)/ });
const susan = (page) => page.getByRole('region', { name: /^Acting as Susan \(222222222222\)/ });
const toggle = (page) => page.getByRole('button', { name: 'Two parties', exact: true });

/** The page with the two-party layout on (as a user turns it on). */
async function openTwoParties(options = {}) {
  const opened = await env.open(options);
  await toggle(opened.page).click();
  await settle(opened.page);
  assert.equal(await toggle(opened.page).getAttribute('aria-pressed'), 'true');
  return opened;
}

/** The inbox of a console: [id, state, move buttons]. */
async function inbox(region) {
  return region.locator('.inbox-item').evaluateAll((items) => items.map((li) => [
    li.dataset.handshakeId, li.dataset.state, [...li.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')),
  ]));
}

async function billInvitesSusan(page) {
  await bill(page).getByRole('button', { name: 'Send InviteAccountToOrganization as Bill' }).click();
  await settle(page);
  const [[id, state]] = await inbox(susan(page));
  assert.match(id, /^h-/);
  assert.equal(state, 'OPEN');
  return id;
}

test('in the two-party layout, Bill invites Susan from the left console and the invitation appears in Susan\'s inbox on the right without any other action', async () => {
  const { page, problems } = await openTwoParties();
  // The default pair: the organization's management account on the left, the recipient on the right.
  const consoles = page.locator('#parties .console');
  assert.equal(await consoles.count(), 2);
  assert.match(await consoles.nth(0).getAttribute('aria-labelledby').then((id) => page.locator(`#${id}`).innerText()), /^Acting as Bill \(111111111111\)/);
  assert.match(await consoles.nth(1).getAttribute('aria-labelledby').then((id) => page.locator(`#${id}`).innerText()), /^Acting as Susan \(222222222222\)/);
  assert.deepEqual(await inbox(susan(page)), []);
  // The invitation form is addressed to the other console's account.
  assert.equal(await bill(page).getByRole('group', { name: /Target/ }).getByLabel('Id').inputValue(), 'susan@example.com');

  const id = await billInvitesSusan(page);
  assert.deepEqual(await inbox(susan(page)), [[id, 'OPEN', [`Accept ${id}`, `Decline ${id}`]]]);
  // Bill sees the same handshake, and may only cancel it.
  assert.deepEqual(await inbox(bill(page)), [[id, 'OPEN', [`Cancel ${id}`]]]);
  assert.match(await bill(page).locator('.console-status').innerText(), /200 #\d+ InviteAccountToOrganization as Bill/);
  // The call went through the page's normal path: the event log and the Handshakes panel have it.
  assert.match(await page.locator('#log-table tbody').innerText(), /InviteAccountToOrganization/);
  assert.equal(await page.locator(`#handshakes-table tbody tr[data-handshake-id="${id}"]`).getAttribute('data-state'), 'OPEN');
  assertNoProblems(problems);
});

test('Susan accepts from her inbox', async () => {
  const { page, problems } = await openTwoParties();
  const id = await billInvitesSusan(page);
  await susan(page).getByRole('button', { name: `Accept ${id}`, exact: true }).click();
  await settle(page);
  assert.deepEqual(await inbox(susan(page)), [[id, 'ACCEPTED', []]]);
  assert.deepEqual(await inbox(bill(page)), [[id, 'ACCEPTED', []]]);
  assert.match(await susan(page).locator('.console-status').innerText(), /200 #\d+ AcceptHandshake as Susan/);
  assert.match(await susan(page).locator('.console-response').innerText(), /"State": "ACCEPTED"/);
  // Now a member, Susan's console sees Bill's organization.
  assert.match(await susan(page).locator('.console-org').innerText(), /DescribeOrganization: o-/);
  assert.match(await page.locator('#log-table tbody').innerText(), /AcceptHandshake/);
  assertNoProblems(problems);
});

test('rewinding to the invitation shows it OPEN again in both consoles; Redo brings the acceptance back', async () => {
  const { page, problems } = await openTwoParties();
  const id = await billInvitesSusan(page);
  // The invitation is the latest call of the event log.
  const invited = Math.max(...await page.locator('#log-table tbody tr[data-seq]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq')))));
  await susan(page).getByRole('button', { name: `Accept ${id}`, exact: true }).click();
  await settle(page);
  assert.deepEqual(await inbox(susan(page)), [[id, 'ACCEPTED', []]]);
  await page.getByRole('button', { name: `Rewind to after call #${invited}`, exact: true }).click();
  await settle(page);
  assert.deepEqual(await inbox(susan(page)), [[id, 'OPEN', [`Accept ${id}`, `Decline ${id}`]]]);
  assert.deepEqual(await inbox(bill(page)), [[id, 'OPEN', [`Cancel ${id}`]]]);
  await page.getByRole('button', { name: `Redo call #${invited + 1}` }).click();
  await settle(page);
  assert.deepEqual(await inbox(susan(page)), [[id, 'ACCEPTED', []]]);
  assert.deepEqual(await inbox(bill(page)), [[id, 'ACCEPTED', []]]);
  assertNoProblems(problems);
});

test('each console shows only what its account can see', async () => {
  const { page, problems } = await openTwoParties();
  // Susan, standalone: no organization, and ListAccounts answers as AWS would.
  assert.match(await susan(page).locator('.console-org').innerText(), /AWSOrganizationsNotInUseException: this account sees no organization/);
  assert.match(await bill(page).locator('.console-org').innerText(), /DescribeOrganization: o-\w+, management account 111111111111/);
  await susan(page).getByRole('button', { name: 'Send ListAccounts as Susan' }).click();
  await settle(page);
  assert.match(await susan(page).locator('.console-status').innerText(), /400 #\d+ ListAccounts as Susan: AWSOrganizationsNotInUseException/);
  await bill(page).getByLabel('Operation (left console)').selectOption('ListAccounts');
  await bill(page).getByRole('button', { name: 'Send ListAccounts as Bill' }).click();
  await settle(page);
  assert.match(await bill(page).locator('.console-status').innerText(), /200 #\d+ ListAccounts as Bill/);
  assert.match(await bill(page).locator('.console-response').innerText(), /"Accounts"/);
  // Another account in the picker: the console acts as it, and its inbox is that account's own.
  await bill(page).getByLabel('Operation (left console)').selectOption('InviteAccountToOrganization');
  const id = await billInvitesSusan(page);
  await page.getByLabel('Right console acts as').selectOption({ label: 'Juan (333333333333)' });
  await settle(page);
  const right = page.locator('#parties .console[data-side="right"]');
  assert.equal(await right.locator('.console-title').innerText(), 'Acting as Juan (333333333333)');
  assert.deepEqual(await inbox(right), [], 'Juan does not see Susan\'s invitation');
  // Bill, the organization's management account, sees it with ListHandshakesForOrganization.
  assert.match(await bill(page).locator('.inbox-status').innerText(), /ListHandshakesForOrganization \(sent by its organization\): 1 handshake/);
  assert.deepEqual(await inbox(bill(page)), [[id, 'OPEN', [`Cancel ${id}`]]]);
  assertNoProblems(problems);
});

test('the layout is remembered after a reload', async () => {
  const { page, problems } = await openTwoParties();
  await billInvitesSusan(page);
  await page.reload();
  await ready(page);
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'true');
  assert.ok(await susan(page).isVisible());
  assert.equal((await inbox(susan(page)))[0][1], 'OPEN', 'the session came back too');
  await toggle(page).click();
  await page.reload();
  await ready(page);
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'false');
  assert.ok(await page.locator('#parties').isHidden());
  // A tampered record is ignored.
  await page.evaluate(() => localStorage.setItem('handshake-playground:layout', '{"layout":"<img src=x>","left":"x"}'));
  await page.reload();
  await ready(page);
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'false');
  assertNoProblems(problems);
});

test('keyboard only: every control reachable, focus visible', async () => {
  const { page, problems } = await env.open({ viewport: { width: 1400, height: 900 } });
  // To the toggle with Tab alone, and on with Enter.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.id === 'parties-toggle');
  }
  assert.ok(found, 'Tab reaches the Two parties button');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'true');
  // Invite Susan with the keyboard: Tab to Bill's Send button, Enter.
  let sent = false;
  for (let i = 0; i < 60 && !sent; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Send InviteAccountToOrganization as Bill')) {
      await page.keyboard.press('Enter');
      await settle(page);
      sent = true;
    }
  }
  assert.ok(sent, 'Tab reaches Bill\'s Send button');
  // Then one pass of Tab from the toggle through both consoles: every control is reached, its focus is drawn
  // (an outline) and it is in view.
  await toggle(page).focus();
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = /** @type {HTMLElement} */ (document.activeElement);
      if (!el || !el.closest('#parties')) return null;
      el.dataset.kbSeen = 'true';
      const box = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label') || el.id || el.textContent.slice(0, 40), outline: getComputedStyle(el).outlineStyle, inView: box.top >= 0 && box.bottom <= window.innerHeight };
    });
    if (!info) { if (i > 3) break; continue; }
    assert.notEqual(info.outline, 'none', `${info.name}: focus is visible`);
    assert.ok(info.inView, `${info.name}: the focused control is in view`);
  }
  const missed = await page.locator('#parties').evaluate((root) => [...root.querySelectorAll('button, select, input, textarea, [tabindex="0"]')]
    .filter((el) => el.getClientRects().length && !el.dataset.kbSeen).map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(missed, [], 'every control of the consoles is reached with Tab');
  assert.ok(await susan(page).getByRole('button', { name: /^Accept h-/ }).isVisible(), 'the invitation was sent with the keyboard');
  assertNoProblems(problems);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing in the two-party layout (${colorScheme}); screenshots at 1400x900`, async () => {
    const { page, problems } = await openTwoParties({ colorScheme, viewport: { width: 1400, height: 900 } });
    await billInvitesSusan(page);
    const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    await shot(page, `two-parties-1400-${colorScheme}`, { fullPage: false });
    assertNoProblems(problems);
  });

  test(`no horizontal overflow at 360 px (${colorScheme}); screenshots at 360x800`, async () => {
    const { page, problems } = await openTwoParties({ colorScheme, viewport: { width: 360, height: 800 } });
    await billInvitesSusan(page);
    const { width, wide } = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('#parties *')].filter((el) => {
        const style = getComputedStyle(el);
        return el.getClientRects().length && ['auto', 'scroll', 'hidden'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
          && !(style.position === 'absolute' && style.clip.startsWith('rect(0'));
      }).map((el) => `${el.tagName}.${el.className}`),
    }));
    assert.ok(width <= 360, `the page is ${width} px wide`);
    assert.deepEqual(wide, []);
    // Stacked: Susan's console below Bill's.
    const [a, b] = await Promise.all([bill(page).boundingBox(), susan(page).boundingBox()]);
    assert.ok(b.y >= a.y + a.height, 'the consoles are stacked');
    await page.locator('#parties').scrollIntoViewIfNeeded();
    await shot(page, `two-parties-360-${colorScheme}`, { fullPage: false });
    await page.locator('#parties').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, `two-parties-360-${colorScheme}-consoles.png`) });
    assertNoProblems(problems);
  });
}
