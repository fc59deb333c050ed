// A click on Send sends the request the form shows, whatever arrives while the button is held down.
// The dry-run preview ("Would return ...") is answered by the engine a moment after each edit; when its
// answer lands between the press and the release of a click, the Send button must not move, or the
// release falls outside it and the browser drops the click (no request, nothing in the Response panel).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actAs, assertNoProblems, chooseOperation, settle, setup } from './harness.mjs';

let env;
let page;
let problems;

before(async () => {
  env = await setup();
  ({ page, problems } = await env.open());
});
after(async () => { await env?.close(); });

const dryRunText = () => page.locator('#dry-run').innerText();
const dryRunHeight = async () => (await page.locator('#dry-run').boundingBox())?.height;
const sendBox = async () => {
  const box = await page.locator('#send').boundingBox();
  assert.ok(box, 'the Send button is laid out');
  return box;
};

test('the Send button stays put while the preview changes, and a click held across it sends', async () => {
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  const target = page.getByRole('group', { name: /Target/ });
  await target.getByLabel('Type').selectOption('EMAIL');
  await page.getByLabel('Notes').fill('Held click.');
  // A malformed address: the preview is a long refusal (two lines in this layout).
  await target.getByLabel('Id').fill('susan#example.com');
  await settle(page);
  assert.match(await dryRunText(), /Would return 400 InvalidInputException \(INVALID_EMAIL_ADDRESS_TARGET\)/);
  await page.locator('#send').scrollIntoViewIfNeeded();
  const longPreview = await dryRunHeight();
  const before = Number(await page.locator('#response').getAttribute('data-seq') || 0);

  // Press on the middle of the button...
  const box = await sendBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // ...while the form changes (same body lines, so the body preview above keeps its height) and the engine's
  // new preview arrives...
  await page.evaluate(() => {
    const id = /** @type {HTMLInputElement} */ (document.querySelector('#form-fields fieldset input[type=text]'));
    id.value = 'susan@example.com';
    id.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /Would return 200/.test(document.querySelector('#dry-run').textContent || ''), null, { timeout: 10000 });
  assert.notEqual(await dryRunHeight(), longPreview, 'the preview kept its height: this test checks nothing');
  assert.deepEqual(await sendBox(), box, 'the preview moved the Send button');
  // ...then release: that is a click on Send, with the request the form shows now.
  await page.mouse.up();
  await page.waitForFunction((n) => Number(document.querySelector('#response').dataset.seq || 0) > n, before, { timeout: 10000 });
  await settle(page);
  assert.match(await page.locator('#response-status').innerText(), /HTTP 200/);
  const echo = await page.locator('#request-echo').textContent() || '';
  const sent = JSON.parse(echo.slice(echo.indexOf('{')));
  assert.deepEqual(sent.Target, { Id: 'susan@example.com', Type: 'EMAIL' });
  assert.equal(sent.Notes, 'Held click.');
  assert.match(echo, /X-Amz-Target: AWSOrganizationsV20161128\.InviteAccountToOrganization/);
  assertNoProblems(problems);
});

test('the Send button stays put in a narrow window too', async () => {
  await page.setViewportSize({ width: 420, height: 900 });
  const target = page.getByRole('group', { name: /Target/ });
  await target.getByLabel('Id').fill('somebody#example.com');
  await settle(page);
  assert.match(await dryRunText(), /Would return 400 InvalidInputException/);
  await page.locator('#send').scrollIntoViewIfNeeded();
  const box = await sendBox();
  const longPreview = await dryRunHeight();
  await target.getByLabel('Id').fill('somebody@example.com');
  await settle(page);
  assert.doesNotMatch(await dryRunText(), /INVALID_EMAIL_ADDRESS_TARGET/);
  assert.notEqual(await dryRunHeight(), longPreview, 'the preview kept its height: this test checks nothing');
  assert.deepEqual(await sendBox(), box, 'the preview moved the Send button');
  assertNoProblems(problems);
});
