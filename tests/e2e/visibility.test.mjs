// Every move is unmistakable: after a send its outcome is on screen without scrolling, beside the Send
// button (status, then the handshake's new state or the error's __type), and the preview below it says it is
// about sending again; who the page acts as stays on screen wherever the page is scrolled; the handshake
// picker starts on a handshake the account acted as can act on, or says in words that there is none.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, actAs, assertNoProblems, chooseOperation, settle, setup } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 360, height: 800 };

/** The box of a selector, and whether it is wholly in the viewport and below what the sticky top bar covers. */
async function placement(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const box = el.getBoundingClientRect();
    const bar = document.querySelector('.topbar').getBoundingClientRect();
    return {
      top: box.top, bottom: box.bottom, left: box.left, right: box.right,
      barBottom: Math.max(0, bar.bottom),
      inViewport: box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth && box.height > 0,
      clearOfBar: box.top >= Math.max(0, bar.bottom) - 0.5,
    };
  }, selector);
}

async function assertOnScreen(page, selector, label) {
  const where = await placement(page, selector);
  assert.ok(where.inViewport, `${label}: ${selector} is not wholly in the viewport: ${JSON.stringify(where)}`);
  assert.ok(where.clearOfBar, `${label}: ${selector} is under the sticky top bar: ${JSON.stringify(where)}`);
}

/** Click Send as a user does (scrolled to it), and wait for that request's answer. */
async function clickSend(page) {
  const before = Number(await page.locator('#response').getAttribute('data-seq') || 0);
  await page.locator('#send').click();
  await page.waitForFunction((n) => Number(document.querySelector('#response').dataset.seq || 0) > n, before);
  await settle(page);
}

const resultText = (page) => page.locator('#send-result').innerText();
const previewText = (page) => page.locator('#dry-run').innerText();

for (const [name, viewport] of [['1400x900', DESKTOP], ['360x800', PHONE]]) {
  test(`${name}: after each send the result is beside the Send button, on screen, and the preview speaks of sending again`, async () => {
    const { page, problems } = await env.open({ viewport });
    assert.ok(await page.locator('#send-result').isHidden(), 'no result before anything is sent');
    await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
    await settle(page);
    assert.match(await previewText(page), /^Would return 200/);

    // 1. The invitation: 200, and the new handshake's state.
    await clickSend(page);
    await assertOnScreen(page, '#send-result', 'after the invitation');
    assert.match(await resultText(page), /^✓\s*Sent #\d+ InviteAccountToOrganization: 200 OK handshake h-[0-9a-z]+ is now OPEN$/);
    assert.equal(await page.locator('#send-result').getAttribute('data-status'), '200');
    // The preview is about the next send of the same request, and says so.
    assert.match(await previewText(page), /^Sending again would return 400 DuplicateHandshakeException$/);
    assert.equal(await page.locator('#send').getAttribute('aria-describedby'), 'send-result');
    await page.screenshot({ path: path.join(ARTIFACTS, `visibility-${name}-sent.png`) });

    // 2. The same request again: the refusal, by its __type.
    await clickSend(page);
    await assertOnScreen(page, '#send-result', 'after the duplicate');
    assert.match(await resultText(page), /^✕\s*Sent #\d+ InviteAccountToOrganization: 400 Bad Request DuplicateHandshakeException$/);
    assert.equal(await page.locator('#send-result').getAttribute('data-status'), '400');
    assert.match(await page.locator('#announcer').innerText(), /^InviteAccountToOrganization: HTTP 400 DuplicateHandshakeException\./);

    // 3. An edited request is no longer "sending again".
    await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
    await settle(page);
    assert.match(await previewText(page), /^Would return 200/);

    // 4. Sent with Ctrl+Enter from the top of the form, far from the button: the result is brought into view.
    await actAs(page, 'Susan');
    await chooseOperation(page, 'AcceptHandshake');
    await page.getByLabel('Operation', { exact: true }).focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    const before = Number(await page.locator('#response').getAttribute('data-seq'));
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((n) => Number(document.querySelector('#response').dataset.seq || 0) > n, before);
    await settle(page);
    await assertOnScreen(page, '#send-result', 'after Ctrl+Enter');
    assert.match(await resultText(page), /^✓\s*Sent #\d+ AcceptHandshake: 200 OK handshake h-[0-9a-z]+ is now ACCEPTED$/);
    assert.match(await previewText(page), /^Sending again would return 400 HandshakeAlreadyInStateException/);
    await page.screenshot({ path: path.join(ARTIFACTS, `visibility-${name}-accepted.png`) });

    // A new world: the old result goes.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await settle(page);
    assert.ok(await page.locator('#send-result').isHidden(), 'the result of the old world is gone');
    assertNoProblems(problems);
  });

  test(`${name}: the acting account stays on screen wherever the page scrolls`, async () => {
    const { page, problems } = await env.open({ viewport });
    const acting = page.locator('#acting-as');
    assert.equal(await acting.innerText(), 'Acting as Bill (111111111111) management account of o-exampleorgid');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (const y of [0, 400, Math.round(height / 2), height]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const where = await placement(page, '#acting-as');
      assert.ok(where.inViewport, `scrolled to ${y}: "Acting as" is off screen: ${JSON.stringify(where)}`);
      assert.equal(await page.evaluate(() => {
        const box = document.querySelector('#acting-as').getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
        return Boolean(hit && hit.closest('#acting-as'));
      }), true, `scrolled to ${y}: "Acting as" is covered`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `visibility-${name}-scrolled.png`) });
    await actAs(page, 'Susan');
    assert.equal(await acting.innerText(), 'Acting as Susan (222222222222) standalone account');
    await page.getByLabel('Act as', { exact: true }).selectOption({ label: 'Another account id…' });
    await page.getByLabel('Caller account id').fill('999999999999');
    await settle(page);
    assert.equal(await acting.innerText(), 'Acting as account 999999999999 (not in this world)');
    assertNoProblems(problems);
  });
}

test('the handshake picker prefers a handshake the caller can act on, and says so when there is none', async () => {
  const { page, problems } = await env.open({ viewport: DESKTOP });
  await page.getByLabel('Scenario').selectOption('consolidated');
  await settle(page);
  await actAs(page, 'Bill');
  await chooseOperation(page, 'EnableAllFeatures');
  await page.locator('#send').click();
  await settle(page);
  assert.match(await page.locator('#send-result').innerText(), /^✓\s*Sent #\d+ EnableAllFeatures: 200 OK handshake h-[0-9a-z]+ is now REQUESTED$/);
  // The response selected the parent (ENABLE_ALL_FEATURES); Susan can only answer her own child handshake.
  await actAs(page, 'Susan');
  await chooseOperation(page, 'AcceptHandshake');
  // Another operation composed: the result beside the button says it was the last one sent.
  assert.match(await page.locator('#send-result').innerText(), /^✓\s*Last sent #\d+ EnableAllFeatures: 200 OK/);
  assert.equal(await page.locator('#send-result').getAttribute('data-stale'), 'true');
  const picker = page.getByLabel('HandshakeId', { exact: true });
  const chosen = await picker.locator('option:checked').innerText();
  assert.match(chosen, /· APPROVE_ALL_FEATURES · OPEN$/);
  assert.match(await previewText(page), /^Would return 200 · handshake ACCEPTED$/);
  assert.ok(await page.locator('.picker-note').isHidden(), 'no note when the default can be sent');
  // Juan was created by the organization: nothing for him to accept, and the page says so.
  await actAs(page, 'Juan');
  const note = page.locator('.picker-note');
  assert.equal(await note.innerText(), 'No handshake here can be accepted by Juan (333333333333): AcceptHandshake would be refused for each of the 2.');
  assert.equal(await picker.getAttribute('aria-describedby'), `${await picker.getAttribute('id')}-hint picker-note`);
  // A handshake picked on purpose is kept, even one that would be refused, and the note names the others.
  await actAs(page, 'Susan');
  const parent = await picker.locator('option', { hasText: 'ENABLE_ALL_FEATURES' }).getAttribute('value');
  await picker.selectOption(parent);
  await settle(page);
  assert.equal(await picker.inputValue(), parent);
  assert.match(await previewText(page), /^Would return 400 AccessDeniedException/);
  assert.match(await note.innerText(), /^This one would be refused; Susan \(222222222222\) can act on h-[0-9a-z]+ \(APPROVE_ALL_FEATURES\)\.$/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'visibility-picker-note.png') });
  assertNoProblems(problems);
});

test('dark mode: the result, the context row and the picker note', async () => {
  const { page, problems } = await env.open({ viewport: DESKTOP, colorScheme: 'dark' });
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
  await clickSend(page);
  await clickSend(page);
  await assertOnScreen(page, '#send-result', 'dark');
  await page.screenshot({ path: path.join(ARTIFACTS, 'visibility-dark-1400x900.png') });
  assertNoProblems(problems);
});
