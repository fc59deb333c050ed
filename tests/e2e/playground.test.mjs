// End to end: the handshake lifecycle as a user drives it in the playground page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actAs, advanceClock, assertNoProblems, chooseOperation, handshakeRows, send, settle, setup, shot,
} from './harness.mjs';

let env;
let page;
let context;
let problems;
let requests;

before(async () => {
  env = await setup();
  ({ page, context, problems, requests } = await env.open());
});
after(async () => { await env?.close(); });

const NOTES = 'Bill invites Susan to o-exampleorgid, as in the AWS documentation example.';
let invitation;

async function selectedDiagramState() {
  return page.locator('#diagram .node-current').getAttribute('data-state');
}

async function setHandshakeId(value) {
  const picker = page.getByLabel('HandshakeId', { exact: true });
  const values = await picker.locator('option').evaluateAll((os) => os.map((o) => o.value));
  if (values.includes(value)) await picker.selectOption(value);
  else {
    await picker.selectOption({ label: 'Other value…' });
    await page.getByLabel('HandshakeId (any value)').fill(value);
  }
  await settle(page);
}

test('starts in the documentation world', async () => {
  const actAsOptions = await page.getByLabel('Act as', { exact: true }).locator('option').allTextContents();
  assert.ok(actAsOptions.some((o) => o.startsWith('Bill — 111111111111 — management account')), actAsOptions.join('|'));
  assert.ok(actAsOptions.some((o) => o.startsWith('Susan — 222222222222 — standalone')), actAsOptions.join('|'));
  assert.ok(actAsOptions.some((o) => o.includes('333333333333')), actAsOptions.join('|'));
  assert.match(await page.locator('#organizations').innerText(), /o-exampleorgid/);
  assert.equal(await page.locator('#clock-now').innerText(), '2026-09-13 03:44:06.110 UTC');
  assert.equal(await page.getByLabel('Act as', { exact: true }).inputValue(), '111111111111');
  await shot(page, '01-start');
});

test('as Bill, invite Susan by email with notes', async () => {
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('EMAIL');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
  await page.getByLabel('Notes').fill(NOTES);
  await settle(page);
  assert.match(await page.locator('#dry-run').innerText(), /Would return 200/);
  const res = await send(page, 'InviteAccountToOrganization');
  assert.match(res.status, /HTTP 200/);
  assert.equal(res.errorType, null);
  const body = JSON.parse(res.body);
  invitation = body.Handshake.Id;
  assert.match(invitation, /^h-[0-9a-z]{8,32}$/);
  assert.equal(body.Handshake.State, 'OPEN');
  assert.equal(body.Handshake.Action, 'INVITE');
  assert.equal(body.Handshake.ExpirationTimestamp - body.Handshake.RequestedTimestamp, 1296000);
  assert.ok(body.Handshake.Resources.some((r) => r.Type === 'NOTES' && r.Value === NOTES));
  const rows = await handshakeRows(page);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].id, invitation);
  assert.equal(rows[0].state, 'OPEN');
  assert.match(rows[0].cells[3], /susan@example\.com \(EMAIL\)/);
  assert.match(rows[0].cells[5], /^15d/);
  assert.equal(await selectedDiagramState(), 'OPEN');
  assert.match(await page.locator('#announcer').innerText(), /New INVITE handshake/);
  await shot(page, '02-invited');
});

test('the response toggles to the boto3 view with datetime values', async () => {
  await page.getByRole('button', { name: 'boto3 (Python)' }).click();
  const text = await page.locator('#response-body').innerText();
  assert.match(text, /'RequestedTimestamp': datetime\.datetime\(2026, 9, 13, 3, 44, 6, 110000, tzinfo=tzutc\(\)\)/);
  assert.match(text, /'ExpirationTimestamp': datetime\.datetime\(2026, 9, 28, 3, 44, 6, 110000, tzinfo=tzutc\(\)\)/);
  assert.match(text, /'State': 'OPEN'/);
  await shot(page, '03-python-view');
  await page.getByRole('button', { name: 'Wire JSON' }).click();
  assert.match(await page.locator('#response-body').innerText(), /"RequestedTimestamp": 1789271046\.11/);
});

test('the request is shown as boto3, CLI, JavaScript and HTTP', async () => {
  const tab = (name) => page.getByRole('tab', { name, exact: true });
  const code = () => page.locator('#snippet-code').innerText();
  await tab('boto3').click();
  assert.match(await code(), /client\.invite_account_to_organization\(\n {4}Target=\{/);
  await tab('AWS CLI').click();
  assert.match(await code(), /aws organizations invite-account-to-organization \\\n {4}--target '\{"Id":"susan@example\.com","Type":"EMAIL"\}'/);
  await tab('JavaScript v3').click();
  assert.match(await code(), /new InviteAccountToOrganizationCommand\(\{/);
  await tab('HTTP').click();
  const http = await code();
  assert.match(http, /^POST \/ HTTP\/1\.1$/m);
  assert.match(http, /^X-Amz-Target: AWSOrganizationsV20161128\.InviteAccountToOrganization$/m);
  assert.match(http, /^Content-Type: application\/x-amz-json-1\.1$/m);
  assert.ok(http.endsWith(JSON.stringify({ Target: { Type: 'EMAIL', Id: 'susan@example.com' }, Notes: NOTES })) ||
    http.includes('"Notes"'), http);
  await tab('boto3').click();
});

test('the copy buttons put the code and the response on the clipboard', async () => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.server.url).origin });
  await page.getByRole('button', { name: 'Copy code' }).click();
  await page.waitForFunction(() => document.querySelector('#announcer').textContent.includes('copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.locator('#snippet-code').textContent());
  await page.getByRole('button', { name: 'Copy response' }).click();
  await page.waitForFunction(() => document.querySelector('#announcer').textContent.startsWith('Response copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(JSON.parse(copied).Handshake.Id, invitation);
});

test('as Susan, the invitation is in her list; the page says she may accept or decline', async () => {
  await actAs(page, 'Susan');
  const moves = page.locator('#moves-list');
  assert.equal(await moves.locator('[data-operation="AcceptHandshake"]').getAttribute('data-ok'), 'true');
  assert.equal(await moves.locator('[data-operation="DeclineHandshake"]').getAttribute('data-ok'), 'true');
  assert.equal(await moves.locator('[data-operation="CancelHandshake"]').getAttribute('data-ok'), 'false');
  assert.match(await moves.locator('[data-operation="CancelHandshake"]').innerText(), /AccessDeniedException/);
  assert.match(await page.locator('#moves-who').innerText(), /Your role: RECIPIENT \(The invited account/);
  await chooseOperation(page, 'ListHandshakesForAccount');
  const res = await send(page, 'ListHandshakesForAccount');
  assert.match(res.status, /HTTP 200/);
  const body = JSON.parse(res.body);
  const mine = body.Handshakes.find((hs) => hs.Id === invitation);
  assert.ok(mine, res.body);
  assert.ok(mine.Resources.some((r) => r.Type === 'NOTES' && r.Value === NOTES));
  await shot(page, '04-susan-list');
});

test('Susan declines: DECLINED in the diagram, the table and the response', async () => {
  await chooseOperation(page, 'DeclineHandshake');
  assert.equal(await page.getByLabel('HandshakeId', { exact: true }).inputValue(), invitation);
  const res = await send(page, 'DeclineHandshake');
  assert.match(res.status, /HTTP 200/);
  assert.equal(JSON.parse(res.body).Handshake.State, 'DECLINED');
  assert.match(res.status, /DECLINED/);
  const rows = await handshakeRows(page);
  assert.equal(rows.find((r) => r.id === invitation).state, 'DECLINED');
  assert.equal(await selectedDiagramState(), 'DECLINED');
  assert.equal(await page.locator('#diagram .edge-just').count(), 1);
  assert.equal(await page.locator('#diagram .edge-just').getAttribute('data-to'), 'DECLINED');
  assert.match(await page.locator('#announcer').innerText(), /changed from OPEN to DECLINED/);
  assert.match(await page.locator('#diagram-caption').innerText(), /DECLINED/);
  await shot(page, '05-declined');
});

test('as Bill, accepting is refused with AccessDeniedException', async () => {
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('ACCOUNT');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('333333333333');
  await page.getByLabel('Notes').fill('');
  const invite = await send(page, 'InviteAccountToOrganization');
  const juanInvite = JSON.parse(invite.body).Handshake.Id;
  // The page says beforehand that the sender may not accept.
  const acceptMove = page.locator('#moves-list [data-operation="AcceptHandshake"]');
  assert.equal(await acceptMove.getAttribute('data-ok'), 'false');
  assert.match(await acceptMove.innerText(), /AccessDeniedException/);
  await chooseOperation(page, 'AcceptHandshake');
  await setHandshakeId(juanInvite);
  assert.match(await page.locator('#dry-run').innerText(), /Would return 400 AccessDeniedException/);
  const res = await send(page, 'AcceptHandshake');
  assert.match(res.status, /HTTP 400/);
  assert.equal(res.errorType, 'AccessDeniedException');
  assert.equal(res.message, "You don't have permissions to access this resource.");
  assert.equal(JSON.parse(res.body).__type, 'AccessDeniedException');
  await shot(page, '06-access-denied');

  // The boto3 view of an error shows the exception and e.response.
  await page.getByRole('button', { name: 'boto3 (Python)' }).click();
  const py = await page.locator('#response-body').innerText();
  assert.match(py, /An error occurred \(AccessDeniedException\) when calling the AcceptHandshake operation/);
  assert.match(py, /'Code': 'AccessDeniedException'/);
  await page.getByRole('button', { name: 'Wire JSON' }).click();

  // Cancel that new invitation.
  await chooseOperation(page, 'CancelHandshake');
  assert.equal(await page.getByLabel('HandshakeId', { exact: true }).inputValue(), juanInvite);
  const cancel = await send(page, 'CancelHandshake');
  assert.match(cancel.status, /HTTP 200/);
  assert.equal(JSON.parse(cancel.body).Handshake.State, 'CANCELED');
  assert.equal(await selectedDiagramState(), 'CANCELED');
  const rows = await handshakeRows(page);
  assert.equal(rows.find((r) => r.id === juanInvite).state, 'CANCELED');
  await shot(page, '07-canceled');
});

test('advancing the clock 15 days expires an open invitation', async () => {
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Type').selectOption('ACCOUNT');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('222222222222');
  const res = await send(page, 'InviteAccountToOrganization');
  const id = JSON.parse(res.body).Handshake.Id;
  assert.equal((await handshakeRows(page)).find((r) => r.id === id).state, 'OPEN');
  await advanceClock(page, 1);
  assert.equal(await page.locator('#clock-now').innerText(), '2026-09-14 03:44:06.110 UTC');
  assert.equal((await handshakeRows(page)).find((r) => r.id === id).state, 'OPEN');
  await advanceClock(page, 15);
  const rows = await handshakeRows(page);
  assert.equal(rows.find((r) => r.id === id).state, 'EXPIRED');
  assert.match(rows.find((r) => r.id === id).cells[5], /expired/);
  assert.equal(await selectedDiagramState(), 'EXPIRED');
  assert.match(await page.locator('#announcer').innerText(), /changed from OPEN to EXPIRED/);
  await shot(page, '08-expired');

  // Accepting an expired invitation: the page predicts the refusal.
  await actAs(page, 'Susan');
  const accept = page.locator('#moves-list [data-operation="AcceptHandshake"]');
  assert.equal(await accept.getAttribute('data-ok'), 'false');
  assert.match(await accept.innerText(), /InvalidHandshakeTransitionException/);
  await actAs(page, 'Bill');
});

test('an invalid HandshakeId gets INVALID_PATTERN:HANDSHAKE_ID', async () => {
  await chooseOperation(page, 'DescribeHandshake');
  await setHandshakeId('bad');
  const res = await send(page, 'DescribeHandshake');
  assert.match(res.status, /HTTP 400/);
  assert.equal(res.errorType, 'InvalidInputException');
  assert.equal(res.reason, 'INVALID_PATTERN:HANDSHAKE_ID');
  await shot(page, '09-invalid-id');
});

test('the raw editor sends anything, invalid JSON included', async () => {
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel('X-Amz-Target').fill('AWSOrganizationsV20161128.DescribeHandshake');
  await page.getByLabel(/^Body/).fill('{"HandshakeId": ');
  await settle(page);
  const res = await send(page, 'DescribeHandshake');
  assert.match(res.status, /HTTP 400/);
  assert.equal(res.errorType, 'SerializationException');
  await page.getByRole('tab', { name: 'HTTP' }).click();
  assert.ok((await page.locator('#snippet-code').innerText()).endsWith('{"HandshakeId": '));
  await page.getByRole('tab', { name: 'boto3' }).click();
  assert.match(await page.locator('#snippet-code').innerText(), /boto3 cannot send this request/);

  await page.getByLabel('X-Amz-Target').fill('AWSOrganizationsV20161128.NoSuchThing');
  await page.getByLabel(/^Body/).fill('{}');
  const unknown = await send(page, 'NoSuchThing');
  assert.equal(unknown.errorType, 'UnknownOperationException');
  await page.getByRole('tab', { name: 'Form' }).click();
});

test('after 30 more days the terminal handshakes are gone', async () => {
  const before = (await handshakeRows(page)).length;
  assert.ok(before >= 3);
  await advanceClock(page, 30);
  const rows = await handshakeRows(page);
  assert.equal(rows.length, 0, JSON.stringify(rows));
  assert.match(await page.locator('#announcer').innerText(), /is gone/);
  await shot(page, '10-retention');
});

test('the event log shows every call, and a click shows it again', async () => {
  const rows = page.locator('#log-table tbody tr');
  assert.ok(await rows.count() >= 10);
  const first = page.getByRole('button', { name: /^Show #\d+ DeclineHandshake$/ });
  await first.click();
  const seq = await page.locator('#response').getAttribute('data-seq');
  assert.match(await page.locator('#response-meta').innerText(), new RegExp(`#${seq} DeclineHandshake as Susan \\(222222222222\\)`));
  assert.equal(JSON.parse(await page.locator('#response-body').innerText()).Handshake.State, 'DECLINED');
  await page.getByRole('tab', { name: 'AWS CLI' }).click();
  assert.match(await page.locator('#snippet-code').innerText(), new RegExp(`aws organizations decline-handshake \\\\\\n {4}--handshake-id ${invitation}`));
  await shot(page, '11-log-replay');
});

test('the consolidated billing scenario runs the all-features migration', async () => {
  await page.getByLabel('Scenario').selectOption('consolidated');
  await settle(page);
  assert.match(await page.locator('#organizations').innerText(), /CONSOLIDATED_BILLING/);
  assert.equal(await page.getByLabel('Operation', { exact: true }).inputValue(), 'EnableAllFeatures');
  const res = await send(page, 'EnableAllFeatures');
  assert.match(res.status, /HTTP 200/);
  const parent = JSON.parse(res.body).Handshake;
  assert.equal(parent.Action, 'ENABLE_ALL_FEATURES');
  const rows = await handshakeRows(page);
  assert.ok(rows.some((r) => r.cells[1] === 'APPROVE_ALL_FEATURES'), JSON.stringify(rows));
  assert.equal(await page.locator('#lifecycle-action').inputValue(), 'ENABLE_ALL_FEATURES');
  assert.equal(await selectedDiagramState(), parent.State);
  await shot(page, '12-all-features');
});

test('an empty world, then adding accounts', async () => {
  await page.getByLabel('Scenario').selectOption('empty');
  await settle(page);
  assert.equal(await page.locator('#accounts li.account').count(), 0);
  await page.getByText('Add an account').click();
  await page.getByLabel('Name', { exact: true }).fill('Mary');
  await page.getByLabel('Email', { exact: true }).fill('mary@example.com');
  await page.getByRole('button', { name: 'Add account' }).click();
  await settle(page);
  assert.equal(await page.locator('#accounts li.account').count(), 1);
  const options = await page.getByLabel('Act as', { exact: true }).locator('option').allTextContents();
  assert.ok(options.some((o) => o.startsWith('Mary — ') && o.endsWith('standalone')), options.join('|'));
  await chooseOperation(page, 'CreateOrganization');
  const res = await send(page, 'CreateOrganization');
  assert.match(res.status, /HTTP 200/);
  assert.match(await page.locator('#accounts').innerText(), /management account/);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  assert.equal(await page.locator('#accounts li.account').count(), 0);
});

test('the accounts list switches who you act as', async () => {
  await page.getByLabel('Scenario').selectOption('docs');
  await settle(page);
  await page.getByRole('button', { name: 'Act as Susan (222222222222)' }).click();
  await settle(page);
  assert.equal(await page.getByLabel('Act as', { exact: true }).inputValue(), '222222222222');
  assert.match(await page.locator('#announcer').innerText(), /Acting as Susan/);
  await page.getByRole('button', { name: 'Act as Bill (111111111111)' }).click();
  await settle(page);
  assert.equal(await page.getByLabel('Act as', { exact: true }).inputValue(), '111111111111');
});

test('after loading, the page works offline', async () => {
  const before = requests.length;
  await context.setOffline(true);
  try {
    await chooseOperation(page, 'DescribeOrganization');
    const res = await send(page, 'DescribeOrganization');
    assert.match(res.status, /HTTP 200/);
    assert.equal(JSON.parse(res.body).Organization.Id, 'o-exampleorgid');
    await advanceClock(page, 1);
    assert.equal(requests.length, before, requests.slice(before).join('\n'));
  } finally {
    await context.setOffline(false);
  }
});

test('nothing was fetched from another origin, and no console problems', async () => {
  const origin = new URL(env.server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assertNoProblems(problems);
});
