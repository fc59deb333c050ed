// Beside every response the page says where the answer comes from: "Seen in real AWS" (a captured response),
// "Documented" (the service model or the guide) or "Simulator's choice" (docs/fidelity.md), with the rule and
// its source on demand (Simulator.ExplainResponse).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, chooseOperation, send, setup, shot } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** The provenance line of the response shown: its badge text and, after opening "Source", the rule and source. */
async function provenance(page) {
  const box = page.getByRole('region', { name: 'Response', exact: true }).locator('#response-provenance');
  assert.ok(await box.isVisible(), 'no provenance beside the response');
  const trust = await box.locator('.badge').innerText();
  await box.getByText('Source', { exact: true }).click();
  const source = await box.locator('.source').innerText();
  return { trust, source };
}

test('each response says how far to trust it: a captured error, a documented answer, a simulator choice', async () => {
  const { page, problems } = await env.open();

  // A captured error: inviting Susan twice answers DuplicateHandshakeException, seen in real AWS.
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('susan@example.com');
  let response = await send(page, 'InviteAccountToOrganization');
  assert.match(response.status, /HTTP 200/);
  response = await send(page, 'InviteAccountToOrganization');
  assert.equal(response.errorType, 'DuplicateHandshakeException');
  let shown = await provenance(page);
  assert.equal(shown.trust, 'Seen in real AWS');
  assert.match(shown.source, /^DuplicateHandshakeException: a captured real-AWS response/);
  await shot(page, 'provenance-seen');

  // A documented behaviour: DescribeOrganization's answer follows the model; no response was captured.
  await chooseOperation(page, 'DescribeOrganization');
  response = await send(page, 'DescribeOrganization');
  assert.match(response.status, /HTTP 200/);
  shown = await provenance(page);
  assert.equal(shown.trust, 'Documented');
  assert.match(shown.source, /^DescribeOrganization succeeded: the botocore model/);

  // A simulator choice: responsibility transfers were never captured; their answers are docs/fidelity.md's.
  await chooseOperation(page, 'ListOutboundResponsibilityTransfers');
  response = await send(page, 'ListOutboundResponsibilityTransfers');
  assert.match(response.status, /HTTP 200/);
  shown = await provenance(page);
  assert.equal(shown.trust, "Simulator's choice");
  assert.match(shown.source, /^ListOutboundResponsibilityTransfers succeeded: docs\/fidelity\.md/);
  await shot(page, 'provenance-choice');
  assertNoProblems(problems);
});
