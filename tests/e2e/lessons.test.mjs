// Guided lessons, done in the page the way a learner does them: the step is marked done when the world
// reaches the goal, never for a wrong move; hints on request; keyboard use; a lesson from the URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actAs, advanceClock, assertNoProblems, chooseOperation, handshakeRows, ready, send, settle, setup, shot,
} from './harness.mjs';

let env;
let page;
let problems;

before(async () => {
  env = await setup();
  ({ page, problems } = await env.open());
});
after(async () => { await env?.close(); });

async function startLesson(title) {
  const toggle = page.locator('#lessons-toggle');
  if (await toggle.getAttribute('aria-expanded') !== 'true') await toggle.click();
  await page.waitForSelector('#lesson-list li');
  await page.getByRole('button', { name: `Start lesson: ${title}` }).click();
  await settle(page);
  assert.equal(await page.locator('#lesson-title').innerText(), title);
}

async function stepStates() {
  return page.$$eval('#lesson-steps > li', (items) => items.map((li) => li.dataset.state));
}

async function expectSteps(expected, label) {
  await settle(page);
  assert.deepEqual(await stepStates(), expected, label);
}

async function target(type, id) {
  const group = page.getByRole('group', { name: /Target/ });
  await group.getByLabel('Type').selectOption(type);
  await group.getByLabel('Id').fill(id);
  await settle(page);
}

async function pickHandshake(text) {
  const picker = page.getByLabel('HandshakeId', { exact: true });
  const options = await picker.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent })));
  const option = options.find((o) => o.label.includes(text));
  assert.ok(option, `no handshake option with ${text}: ${options.map((o) => o.label).join(' | ')}`);
  await picker.selectOption(option.value);
  await settle(page);
}

test('lesson 1: invite and accept; checking early and a wrong caller do not mark a step done', async () => {
  await startLesson('1. Invite an account, and accept');
  await expectSteps(['current', 'todo'], 'at the start');
  assert.equal(await page.locator('#lesson-progress').innerText(), 'Step 1 of 2');

  // Checking before doing anything: "Not yet", with the reason.
  await page.getByRole('button', { name: 'Check my work' }).click();
  await settle(page);
  assert.match(await page.locator('.step-current .step-feedback').innerText(), /^Not yet\. There is no handshake with action INVITE, state OPEN, target susan@example\.com yet\./);
  await expectSteps(['current', 'todo'], 'after an early check');

  // The hint, on request.
  const hintButton = page.getByRole('button', { name: 'Show hint' });
  assert.equal(await hintButton.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.locator('#lesson-hint-0').isHidden());
  await hintButton.click();
  assert.equal(await page.getByRole('button', { name: 'Hide hint' }).getAttribute('aria-expanded'), 'true');
  assert.match(await page.locator('#lesson-hint-0').innerText(), /^Hint: With "Act as" on Bill/);
  await shot(page, 'lesson-1-hint');

  // A wrong invitation (to Juan) is not the goal.
  await target('EMAIL', 'juan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await expectSteps(['current', 'todo'], 'after inviting the wrong account');

  await target('EMAIL', 'susan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await expectSteps(['done', 'current'], 'after inviting Susan');
  assert.match(await page.locator('#lesson-steps > li').first().innerText(), /An INVITE handshake is OPEN/);
  assert.match(await page.locator('#announcer').innerText(), /Step 1 done\./);

  // Bill accepting his own invitation is refused, and the step stays open.
  await chooseOperation(page, 'AcceptHandshake');
  await pickHandshake('INVITE · OPEN');
  const wrong = await send(page, 'AcceptHandshake');
  assert.equal(wrong.errorType, 'AccessDeniedException');
  await expectSteps(['done', 'current'], 'after Bill tried to accept');

  await actAs(page, 'Susan');
  const susanInvite = (await handshakeRows(page)).find((r) => r.cells[3].includes('susan@example.com'));
  await pickHandshake(susanInvite.id);
  await send(page, 'AcceptHandshake');
  await expectSteps(['done', 'done'], 'after Susan accepted');
  assert.equal(await page.locator('#lesson-progress').innerText(), 'Complete: 2 of 2 steps');
  assert.match(await page.locator('#lesson-done').innerText(), /^Lesson complete\./);
  assert.ok(await page.getByRole('button', { name: 'Next lesson' }).isVisible());
  await shot(page, 'lesson-1-complete');
});

test('lesson 2: decline, then what the sender can and cannot do', async () => {
  await page.getByRole('button', { name: 'Next lesson' }).click();
  await settle(page);
  assert.equal(await page.locator('#lesson-title').innerText(), '2. Decline, and what the sender can do afterwards');
  assert.equal(await page.getByLabel('Act as', { exact: true }).inputValue(), '111111111111');
  await target('EMAIL', 'susan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await expectSteps(['done', 'current', 'todo', 'todo'], 'invited');
  await actAs(page, 'Susan');
  await chooseOperation(page, 'DeclineHandshake');
  await send(page, 'DeclineHandshake');
  await expectSteps(['done', 'done', 'current', 'todo'], 'declined');
  // Bill trying to accept instead of cancel gets another error: not this step's goal.
  await actAs(page, 'Bill');
  await chooseOperation(page, 'AcceptHandshake');
  assert.equal((await send(page, 'AcceptHandshake')).errorType, 'AccessDeniedException');
  await expectSteps(['done', 'done', 'current', 'todo'], 'Bill tried to accept');
  await chooseOperation(page, 'CancelHandshake');
  assert.equal((await send(page, 'CancelHandshake')).errorType, 'InvalidHandshakeTransitionException');
  await expectSteps(['done', 'done', 'done', 'current'], 'Bill tried to cancel');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await target('EMAIL', 'susan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await expectSteps(['done', 'done', 'done', 'done'], 'invited again');
});

test('lesson 3: cancel, the wrong caller, and a second cancel', async () => {
  await startLesson('3. Cancel: the sender withdraws');
  await target('ACCOUNT', '333333333333');
  await send(page, 'InviteAccountToOrganization');
  await expectSteps(['done', 'current', 'todo', 'todo'], 'invited Juan');
  // Bill canceling first is the goal of a later step: the current one stays open.
  await actAs(page, 'Juan');
  await chooseOperation(page, 'CancelHandshake');
  assert.equal((await send(page, 'CancelHandshake')).errorType, 'AccessDeniedException');
  await expectSteps(['done', 'done', 'current', 'todo'], 'Juan tried');
  await actAs(page, 'Bill');
  await send(page, 'CancelHandshake');
  await expectSteps(['done', 'done', 'done', 'current'], 'canceled');
  assert.equal((await send(page, 'CancelHandshake')).errorType, 'HandshakeAlreadyInStateException');
  await expectSteps(['done', 'done', 'done', 'done'], 'canceled twice');
});

test('lesson 4: an invitation expires, then disappears', async () => {
  await startLesson('4. An invitation expires');
  await target('EMAIL', 'susan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await advanceClock(page, 15);
  await expectSteps(['done', 'current', 'todo', 'todo'], 'exactly 15 days: not expired yet');
  await advanceClock(page, 1);
  await expectSteps(['done', 'done', 'current', 'todo'], 'expired');
  await actAs(page, 'Susan');
  await chooseOperation(page, 'AcceptHandshake');
  assert.equal((await send(page, 'AcceptHandshake')).errorType, 'InvalidHandshakeTransitionException');
  await expectSteps(['done', 'done', 'done', 'current'], 'tried to accept');
  await advanceClock(page, 30);
  await expectSteps(['done', 'done', 'done', 'done'], 'gone');
});

test('lesson 5: the all-features migration with two members', async () => {
  await startLesson('5. The all-features migration, with two members');
  assert.match(await page.locator('#organizations').innerText(), /CONSOLIDATED_BILLING/);
  assert.equal(await page.getByLabel('Operation', { exact: true }).inputValue(), 'EnableAllFeatures');
  await send(page, 'EnableAllFeatures');
  await expectSteps(['done', 'current', 'todo'], 'started');
  // Bill cannot finalize yet: refused, and nothing is marked.
  await chooseOperation(page, 'AcceptHandshake');
  await pickHandshake('ENABLE_ALL_FEATURES');
  assert.equal((await send(page, 'AcceptHandshake')).status.includes('400'), true);
  await expectSteps(['done', 'current', 'todo'], 'finalized too early');
  await actAs(page, 'Susan');
  await pickHandshake('APPROVE_ALL_FEATURES');
  await send(page, 'AcceptHandshake');
  await expectSteps(['done', 'done', 'current'], 'approved');
  await actAs(page, 'Bill');
  await pickHandshake('ENABLE_ALL_FEATURES · OPEN');
  await send(page, 'AcceptHandshake');
  await expectSteps(['done', 'done', 'done'], 'finalized');
  assert.match(await page.locator('#organizations').innerText(), /\bALL\b/);
});

test('lesson 6: a responsibility transfer', async () => {
  await startLesson('6. A responsibility transfer');
  assert.equal(await page.getByLabel('Operation', { exact: true }).inputValue(), 'InviteOrganizationToTransferResponsibility');
  await target('ACCOUNT', '444444444444');
  await page.getByLabel('SourceName', { exact: true }).fill('Anika billing');
  await send(page, 'InviteOrganizationToTransferResponsibility');
  await expectSteps(['done', 'current', 'todo'], 'invited');
  // Susan, a member of Bill's organization, is not the one to accept.
  await actAs(page, 'Susan');
  await chooseOperation(page, 'AcceptHandshake');
  assert.match((await send(page, 'AcceptHandshake')).status, /HTTP 400/);
  await expectSteps(['done', 'current', 'todo'], 'wrong account');
  await actAs(page, 'Anika');
  await send(page, 'AcceptHandshake');
  await expectSteps(['done', 'done', 'current'], 'accepted');
  await actAs(page, 'Bill');
  await chooseOperation(page, 'TerminateResponsibilityTransfer');
  await send(page, 'TerminateResponsibilityTransfer');
  await expectSteps(['done', 'done', 'done'], 'withdrawn');
  await shot(page, 'lesson-6-complete');
});

test('loading another scenario leaves the lesson', async () => {
  await page.getByLabel('Scenario').selectOption('docs');
  await settle(page);
  assert.ok(await page.locator('#lesson-active').isHidden());
  assert.match(await page.locator('#announcer').innerText(), /A new world was loaded\. The lesson .* was left\./);
  assertNoProblems(problems);
});

test('a lesson from the URL, done with the keyboard, in dark mode', async () => {
  const { page: p, problems: probs } = await env.open({ wait: false, colorScheme: 'dark' });
  await p.goto(`${env.server.url}?lesson=cancel`);
  await ready(p);
  assert.equal(await p.locator('#lesson-title').innerText(), '3. Cancel: the sender withdraws');
  // Tab to "Check my work" and use it.
  await p.locator('#lessons-toggle').focus();
  for (let i = 0; i < 10 && (await p.evaluate(() => document.activeElement.id)) !== 'lesson-check-0'; i++) await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'lesson-check-0');
  await p.keyboard.press('Enter');
  await settle(p);
  assert.match(await p.locator('.step-current .step-feedback').innerText(), /^Not yet\./);
  assert.equal(await p.evaluate(() => document.activeElement.id), 'lesson-check-0', 'focus stays on the button');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'lesson-hint-button-0');
  await p.keyboard.press('Space');
  assert.equal(await p.locator('#lesson-hint-button-0').getAttribute('aria-expanded'), 'true');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'lesson-hint-button-0');
  await shot(p, 'lesson-url-dark');
  // A lesson that does not exist: a message and the default scenario.
  await p.goto(`${env.server.url}?lesson=no-such-lesson`);
  await ready(p);
  assert.match(await p.locator('#notice-text').innerText(), /There is no lesson named "no-such-lesson"\. The default scenario was started instead\./);
  assert.ok(await p.locator('#lesson-active').isHidden());
  assertNoProblems(probs);
});
