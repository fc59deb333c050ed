// Accessibility and layout: axe (WCAG 2.2 AA tags) in light and dark, keyboard-only use, 360 px width,
// reduced motion.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { actAs, assertNoProblems, chooseOperation, send, settle, setup, shot } from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`).join('\n');
}

/** axe over the whole page, or (include: a CSS selector) over the one part a step changed. */
async function axe(page, label, include) {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  assert.equal(result.violations.length, 0, `${label}:\n${describeViolations(result.violations)}`);
  return result;
}

/** Bring the page into a state with most of its parts showing: handshakes, an error, the moves list. */
async function exercise(page) {
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
  await page.getByLabel('Notes').fill('Welcome aboard');
  await send(page, 'InviteAccountToOrganization');
  await chooseOperation(page, 'AcceptHandshake');
  await send(page, 'AcceptHandshake');
  await page.getByText('Request that was sent').click();
  await page.getByText('Add an account').click();
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.2 AA violations (${colorScheme})`, async () => {
    const { page, problems } = await env.open({ colorScheme });
    await axe(page, `${colorScheme}, start`);
    await exercise(page);
    await axe(page, `${colorScheme}, after an invitation and an error`);
    // Each step below changes one panel: axe checks that panel (the whole page was checked above).
    await page.getByRole('button', { name: 'boto3 (Python)' }).click();
    for (const tab of ['AWS CLI', 'JavaScript v3', 'HTTP']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await axe(page, `${colorScheme}, ${tab} tab and Python view`, '#response');
    }
    await page.getByRole('tab', { name: 'Raw JSON' }).click();
    await axe(page, `${colorScheme}, raw editor`, '#composer');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (colorScheme === 'dark') assert.equal(background, 'rgb(15, 20, 27)');
    else assert.equal(background, 'rgb(243, 245, 249)');
    await shot(page, `a11y-${colorScheme}`);
    assertNoProblems(problems);
  });
}

test('works with the keyboard alone', async () => {
  const { page, problems } = await env.open();
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el ? (el.id || el.getAttribute('aria-label') || el.textContent.trim()).slice(0, 60) : null;
  });
  async function tabTo(predicate, limit = 80) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate)) return;
    }
    throw new Error(`never reached the element; last focus ${await focused()}`);
  }
  // Skip link first.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Skip to the request');
  await page.keyboard.press('Enter');
  // Invite Susan with the keyboard.
  await tabTo(() => document.activeElement.id === 'act-as');
  await tabTo(() => document.activeElement.id === 'operation');
  await tabTo(() => document.activeElement.closest('fieldset') && document.activeElement.tagName === 'INPUT');
  await page.keyboard.type('susan@example.com');
  await tabTo(() => document.activeElement.id === 'send');
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'solid');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#response').dataset.seq);
  await settle(page);
  assert.match(await page.locator('#response-status').innerText(), /HTTP 200/);
  // Act as Susan: arrow keys on the focused select.
  await page.locator('#act-as').focus();
  await page.keyboard.press('ArrowDown');
  await settle(page);
  assert.equal(await page.locator('#act-as').inputValue(), '222222222222');
  // Choose DeclineHandshake by typing on the operation select, then Ctrl+Enter sends.
  await page.locator('#operation').focus();
  await page.keyboard.type('Decl');
  await settle(page);
  assert.equal(await page.locator('#operation').inputValue(), 'DeclineHandshake');
  await tabTo(() => document.activeElement.tagName === 'SELECT' && document.activeElement.closest('#form-fields'));
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('#response-status').textContent.includes('DECLINED'));
  await settle(page);
  // Response view toggle and code tabs.
  await page.locator('#view-python').focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#view-python').getAttribute('aria-pressed'), 'true');
  await page.locator('#snippet-tab-boto3').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#snippet-tab-cli').getAttribute('aria-selected'), 'true');
  assert.equal(await focused(), 'snippet-tab-cli');
  // Clock, log, handshakes table.
  await page.getByRole('button', { name: 'Advance the clock 1 day' }).focus();
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await page.locator('#clock-now').innerText(), '2026-09-14 03:44:06.110 UTC');
  const firstSeq = page.locator('#log-table tbody tr').last().locator('button');
  await firstSeq.focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#response-meta').innerText(), /^#1 Simulator.Reset/);
  const hsButton = page.locator('#handshakes-table tbody button').first();
  await hsButton.focus();
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await hsButton.getAttribute('aria-pressed'), 'true');
  await shot(page, 'keyboard');
  assertNoProblems(problems);
});

test('usable at 360 px wide', async () => {
  const { page, problems } = await env.open({ viewport: { width: 360, height: 780 } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(await overflow() <= 0, `page scrolls sideways by ${await overflow()}px`);
  await shot(page, 'narrow-360-start');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await actAs(page, 'Susan');
  await chooseOperation(page, 'AcceptHandshake');
  const res = await send(page, 'AcceptHandshake');
  assert.match(res.status, /HTTP 200/);
  assert.ok(await overflow() <= 0, `page scrolls sideways by ${await overflow()}px`);
  const send360 = await page.locator('#send').boundingBox();
  assert.ok(send360.x >= 0 && send360.x + send360.width <= 360, JSON.stringify(send360));
  await axe(page, '360 px');
  await shot(page, 'narrow-360-accepted');
  assertNoProblems(problems);
});

test('the transition animates, except with prefers-reduced-motion', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { page, problems } = await env.open({ reducedMotion });
    await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
    await send(page, 'InviteAccountToOrganization');
    await actAs(page, 'Susan');
    await chooseOperation(page, 'DeclineHandshake');
    await send(page, 'DeclineHandshake');
    const animation = await page.locator('#diagram .edge-just').evaluate((el) => getComputedStyle(el).animationName);
    assert.equal(animation, reducedMotion === 'reduce' ? 'none' : 'draw-edge');
    assertNoProblems(problems);
  }
});
