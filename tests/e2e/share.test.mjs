// Share links and session files in the page: a link reproduces the world exactly; damaged and hostile links
// and files show a message, start the default scenario and run nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  actAs, advanceClock, assertNoProblems, chooseOperation, handshakeRows, ready, send, settle, setup, shot,
} from './harness.mjs';
import { decodeLink, deflate, encodeLink, toBase64Url } from '../../web/session.mjs';
import { SCENARIOS } from '../../web/scenarios.mjs';
import { fiftyCallSession } from './engine-node.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const scenarios = new Set(SCENARIOS.map((sc) => sc.id));
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';

/** Everything the engine holds, as the raw editor gets it: Simulator.ExportWorld. */
async function exportWorld(page) {
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel('X-Amz-Target').fill('Simulator.ExportWorld');
  await page.getByLabel(/^Body/).fill('{}');
  const res = await send(page, 'Simulator.ExportWorld');
  await page.getByRole('tab', { name: 'Form' }).click();
  assert.match(res.status, /HTTP 200/);
  return JSON.parse(res.body).World;
}

async function copyLink(page) {
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => document.querySelector('#share-link').value.includes('#s='));
  await settle(page);
  return page.locator('#share-link').inputValue();
}

async function logSize(page) {
  return page.locator('#log-table tbody tr').count();
}

async function visibleWorld(page) {
  return {
    clock: await page.locator('#clock-now').innerText(),
    handshakes: (await handshakeRows(page)).map((r) => [r.id, r.state]),
    accounts: await page.locator('#accounts').innerText(),
    organizations: await page.locator('#organizations').innerText(),
    // Without the # column: the original page numbered the calls of its first scenario too.
    log: await page.$$eval('#log-table tbody tr', (rows) => rows.map((tr) => [...tr.cells].slice(1).map((td) => td.innerText).join('|'))),
  };
}

test('a share link replays the session: same ids, states, clock and log', async () => {
  const { page, problems, context } = await env.open();
  // A seed other than 0 changes every generated id.
  await page.getByLabel(/^Seed/).fill('42');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
  await page.getByLabel('Notes').fill(`Notes with markup ${XSS} and "quotes"`);
  const invited = JSON.parse((await send(page, 'InviteAccountToOrganization')).body).Handshake.Id;
  await actAs(page, 'Susan');
  await chooseOperation(page, 'AcceptHandshake');
  await send(page, 'AcceptHandshake');
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('ACCOUNT');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('333333333333');
  await send(page, 'InviteAccountToOrganization');
  await advanceClock(page, 1);
  await chooseOperation(page, 'CancelHandshake');
  await send(page, 'CancelHandshake');
  const again = await send(page, 'CancelHandshake');
  assert.equal(again.errorType, 'HandshakeAlreadyInStateException');
  await page.getByText('Add an account').click();
  await page.getByLabel('Name', { exact: true }).fill('Mallory');
  await page.getByLabel('Email', { exact: true }).fill('mallory@example.com');
  await page.getByRole('button', { name: 'Add account' }).click();
  await settle(page);
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel('X-Amz-Target').fill('AWSOrganizationsV20161128.DescribeHandshake');
  await page.getByLabel(/^Body/).fill('{"HandshakeId": ');
  await send(page, 'DescribeHandshake');
  await page.getByRole('tab', { name: 'Form' }).click();
  await advanceClock(page, 15);

  const link = await copyLink(page);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#s=1\.[zj]\.[A-Za-z0-9_-]+$/);
  assert.match(await page.locator('#share-info').innerText(), /characters; 9 calls after the scenario "docs", seed 42/);
  const original = await visibleWorld(page);
  const originalWorld = await exportWorld(page);
  assert.equal(originalWorld.Seed, (42).toString(16).padStart(16, '0'));
  await shot(page, 'share-original');

  const second = await env.open({ wait: false });
  await second.page.goto(link);
  await ready(second.page);
  assert.equal(await second.page.locator('#main').getAttribute('data-replayed'), 'same');
  assert.equal(await second.page.locator('#notice').isHidden(), true);
  assert.equal(await second.page.locator('#seed').inputValue(), '42');
  const replayed = await visibleWorld(second.page);
  assert.deepEqual(replayed.handshakes, original.handshakes);
  assert.ok(replayed.handshakes.some(([id]) => id === invited));
  assert.equal(replayed.clock, original.clock);
  assert.equal(replayed.accounts, original.accounts);
  assert.equal(replayed.organizations, original.organizations);
  assert.deepEqual(replayed.log, original.log);
  assert.equal(replayed.log.length, 6 + 9);
  assert.deepEqual(await exportWorld(second.page), originalWorld);
  assert.match(await second.page.locator('#response-meta').innerText(), /Simulator\.(AdvanceTime|ExportWorld)/);
  assert.equal(await second.page.evaluate(() => window.__xss), undefined);
  await shot(second.page, 'share-replayed');

  await context.close();
  assertNoProblems(problems);
  assertNoProblems(second.problems);
});

test('a 50-call session recorded under node opens in the page and reaches the same world', async () => {
  const session = await fiftyCallSession();
  const fragment = await encodeLink(session);
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${env.server.url}#${fragment}`);
  await ready(page);
  assert.equal(await page.locator('#main').getAttribute('data-replayed'), 'same');
  assert.equal(await logSize(page), 6 + 50);
  const link = await copyLink(page);
  process.stdout.write(`# 50-call session link: ${link.length} characters\n`);
  assert.deepEqual(await decodeLink(link.split('#')[1], { scenarios }), session);
  assertNoProblems(problems);
});

test('damaged and hostile fragments show a message and the default scenario, and run nothing', async () => {
  const good = await encodeLink({
    scenario: 'docs', seed: 0, now: 1789271046.11, worldDigest: null,
    calls: Array.from({ length: 12 }, (_, i) => ({ caller: '111111111111', target: 'AWSOrganizationsV20161128.ListAccounts', body: `{"MaxResults":${i + 1}}`, status: 200 })),
  });
  const json = (payload) => `s=1.j.${toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))}`;
  const bomb = `s=1.z.${toBase64Url(await deflate(new Uint8Array(5_000_000).fill(91)))}`;
  const random = toBase64Url(Uint8Array.from({ length: 400 }, (_, i) => (i * 7919 + 13) % 251));
  const cases = [
    ['truncated', good.slice(0, Math.floor(good.length / 2)), /damaged/],
    ['newer version', good.replace(/^s=1\./, 's=7.'), /format 7, made by a newer version of the playground/],
    ['version zero', good.replace(/^s=1\./, 's=0.'), /no valid format version/],
    ['random bytes', `s=1.z.${random}`, /damaged/],
    ['random text', 'x%F0%9F%92%A5%00%FF%20garbage', /not a playground session/],
    ['huge', `s=1.z.${'A'.repeat(250000)}`, /characters long; this page opens session links of up to 200,000/],
    ['inflates too much', bomb, /more than 1,000,000 bytes/],
    ['script in the fragment', `s=1.j.<script>window.__xss=1</script>`, /never has/],
    ['markup for a scenario', json([1, XSS, 0, 1, null, []]), /this page does not have/],
    ['markup for a call', json([1, 'docs', 0, 1, null, [[{ toString: 1 }, XSS, '{}', 200]]]), /invalid caller/],
    ['html fragment', encodeURIComponent(XSS), /not a playground session/],
  ];
  const { page, problems, requests } = await env.open({ wait: false });
  for (const [i, [name, fragment, message]] of cases.entries()) {
    await page.goto(`${env.server.url}?case=${i}#${fragment}`);
    await ready(page);
    const notice = page.getByRole('alert').filter({ hasText: 'could not be opened' });
    assert.ok(await notice.isVisible(), `${name}: no message`);
    const text = await page.locator('#notice-text').innerText();
    assert.match(text, message, `${name}: ${text}`);
    assert.match(text, /default scenario was started instead/, name);
    // The default scenario, and none of the link's calls.
    assert.equal(await page.getByLabel('Scenario').inputValue(), 'docs', name);
    assert.equal(await page.getByLabel('Act as', { exact: true }).inputValue(), '111111111111', name);
    assert.equal(await logSize(page), 6, `${name}: the log has more than the scenario`);
    assert.equal(await page.evaluate(() => window.location.hash), '', `${name}: the fragment stayed`);
    assert.equal(await page.evaluate(() => window.__xss), undefined, name);
    assert.equal(await page.locator('img, main script').count(), 0, name);
    if (i === cases.length - 1) await shot(page, 'share-hostile');
  }
  await page.getByRole('button', { name: 'Dismiss' }).click();
  assert.ok(await page.locator('#notice').isHidden());
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) || u.includes('/x')), []);
  assertNoProblems(problems);
});

test('a session exports as a JSON file and imports back; bad files are refused', async () => {
  const { page, problems } = await env.open();
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  await send(page, 'InviteAccountToOrganization');
  await advanceClock(page, 1);
  const exported = await exportWorld(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'handshake-session.json');
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(file.format, 'handshake-playground-session');
  assert.equal(file.version, 1);
  assert.equal(file.scenario, 'docs');
  assert.equal(file.calls.length, 3);
  assert.equal(file.calls[0].target, 'AWSOrganizationsV20161128.InviteAccountToOrganization');
  assert.equal(file.calls[1].caller, null);

  const other = await env.open({ colorScheme: 'dark' });
  const choose = async (name, content) => {
    const [chooser] = await Promise.all([
      other.page.waitForEvent('filechooser'),
      other.page.getByRole('button', { name: 'Import JSON…' }).click(),
    ]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    await settle(other.page);
  };
  await choose('session.json', JSON.stringify(file));
  assert.equal(await other.page.locator('#main').getAttribute('data-replayed'), 'same');
  const world = await exportWorld(other.page);
  assert.deepEqual({ ...world }, { ...exported });

  const before = await logSize(other.page);
  for (const [content, message] of [
    ['{"format": "something-else"}', /not a Handshake Playground session/],
    ['not json at all', /not JSON/],
    [JSON.stringify({ ...file, version: 3 }), /format 3, made by a newer version/],
    [JSON.stringify({ ...file, scenario: XSS }), /this page does not have/],
  ]) {
    await choose('bad.json', content);
    const text = await other.page.locator('#notice-text').innerText();
    assert.match(text, /This file could not be imported\./);
    assert.match(text, message);
    assert.match(text, /Nothing was changed\./);
    assert.equal(await logSize(other.page), before);
  }
  assert.equal(await other.page.evaluate(() => window.__xss), undefined);
  await shot(other.page, 'share-import-refused-dark');
  assertNoProblems(problems);
  assertNoProblems(other.problems);
});
