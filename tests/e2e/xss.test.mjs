// User text (names, notes, raw bodies, targets) is shown as text and never runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actAs, assertNoProblems, chooseOperation, send, settle, setup, shot } from './harness.mjs';

const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';
const SVG = '<svg onload="window.__xss=(window.__xss||0)+1"></svg>';

let env;
let page;
let problems;
let requests;

before(async () => {
  env = await setup();
  ({ page, problems, requests } = await env.open());
});
after(async () => { await env?.close(); });

test('payloads in names, notes and raw bodies display as text and run nothing', async () => {
  // An account whose name is markup.
  await page.getByText('Add an account').click();
  await page.getByLabel('Name', { exact: true }).fill(`${IMG} ${SCRIPT}`);
  await page.getByLabel('Email', { exact: true }).fill('mallory@example.com');
  await page.getByRole('button', { name: 'Add account' }).click();
  await settle(page);
  const accounts = await page.locator('#accounts').innerText();
  assert.ok(accounts.includes(IMG), accounts);
  assert.ok(accounts.includes(SCRIPT), accounts);

  // An invitation whose notes are markup, sent to that account.
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('EMAIL');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('mallory@example.com');
  await page.getByLabel('Notes').fill(`${IMG}\n${SCRIPT}\n${SVG}`);
  const res = await send(page, 'InviteAccountToOrganization');
  assert.match(res.status, /HTTP 200/);
  const notes = JSON.parse(res.body).Handshake.Resources.find((r) => r.Type === 'NOTES').Value;
  assert.equal(notes, `${IMG}\n${SCRIPT}\n${SVG}`);
  for (const tab of ['boto3', 'AWS CLI', 'JavaScript v3', 'HTTP', 'curl']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    assert.ok((await page.locator('#snippet-code').innerText()).includes('<img src=x'), tab);
  }
  await page.getByRole('button', { name: 'boto3 (Python)' }).click();
  assert.ok((await page.locator('#response-body').innerText()).includes('<img src=x'));

  // The payload account acts: its name is in the "Act as" list and the log.
  await actAs(page, '<img');
  await chooseOperation(page, 'ListHandshakesForAccount');
  await send(page, 'ListHandshakesForAccount');
  assert.ok((await page.locator('#log-table').innerText()).includes(IMG));

  // A raw body and a raw target full of markup.
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel('X-Amz-Target').fill(`AWSOrganizationsV20161128.${SVG}`);
  await page.getByLabel(/^Body/).fill(`${SCRIPT}${IMG}`);
  await page.locator('#send').click();
  await page.waitForFunction(() => document.querySelector('#response-meta').textContent.includes('<svg onload'));
  await settle(page);
  assert.ok((await page.locator('#request-echo').textContent()).includes(`${SCRIPT}${IMG}`));
  assert.ok((await page.locator('#response-meta').innerText()).includes('<svg onload'));

  // Nothing ran, nothing was parsed into elements, nothing was fetched for the img.
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('main script, main svg[onload], body > script').count(), 0);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length), 0);
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.filter((u) => u === `${origin}/x` || !u.startsWith(origin)), []);
  await shot(page, 'xss-as-text');
  assertNoProblems(problems);
});

test('the Content Security Policy forbids inline scripts and other origins', async () => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  // An inline script injected on purpose is blocked by the policy (the violation event says so).
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    const el = document.createElement('script');
    el.textContent = 'window.__inline = 1';
    document.body.append(el);
    setTimeout(() => resolve(null), 1000);
  }));
  assert.match(String(blocked), /script-src/);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  // That violation is the one expected console error of this test.
  const unexpected = problems.filter((p) => !p.includes('Content Security Policy'));
  assertNoProblems(unexpected);
});
