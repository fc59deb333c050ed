// A large body (a world of 100 handshakes imported through the Raw JSON editor, about 130,000 characters once
// indented) is shown whole, but only its start is highlighted (HIGHLIGHT_LIMIT in web/highlight.mjs): one span
// per token of a world of 1,000 handshakes took over a second to draw, and 100 ms to take away on the next answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actAs, assertNoProblems, chooseOperation, send, sendRaw, setup } from './harness.mjs';
import { invitationsWorld } from './engine-node.mjs';
import { HIGHLIGHT_LIMIT } from '../../web/highlight.mjs';

let env;

before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** What #request-echo shows: its text, and the texts of its highlighted tokens. */
const echoOf = (page) => page.locator('#request-echo').evaluate((el) => ({
  text: el.textContent, spans: [...el.querySelectorAll('span')].map((s) => s.textContent),
}));

test('a large request is shown whole, highlighted only at its start; the next answer replaces it', async () => {
  const { snapshot, ids } = await invitationsWorld(100);
  const { page, problems } = await env.open();
  const imported = await sendRaw(page, 'Simulator.ImportWorld', snapshot);
  assert.match(imported.status, /HTTP 200/);

  const big = await echoOf(page);
  assert.ok(big.text.length > 5 * HIGHLIGHT_LIMIT, `the echo is ${big.text.length} characters`);
  // Whole (what a copy of it takes): every handshake of the request is in the text, the last one too.
  for (const id of ids) assert.ok(big.text.includes(`"${id}"`), `${id} is shown`);
  // Highlighted only at the start: the first handshake's id is a token, the last one's is plain text.
  assert.ok(big.spans.includes(`"${ids[0]}"`), 'the first handshake id is highlighted');
  assert.ok(!big.spans.some((t) => t.includes(ids[ids.length - 1])), 'the last handshake id is not highlighted');
  const highlighted = big.spans.join('').length;
  assert.ok(highlighted > 0 && highlighted <= HIGHLIGHT_LIMIT, `${highlighted} characters in tokens`);

  // The next answer replaces it with a small request, highlighted whole.
  await page.getByRole('tab', { name: 'Form' }).click();
  await actAs(page, 'Bill');
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  const res = await send(page, 'InviteAccountToOrganization');
  assert.match(res.status, /^HTTP 200/);
  const small = await echoOf(page);
  assert.ok(small.text.length < HIGHLIGHT_LIMIT && small.text.includes('"juan@example.com"'), small.text);
  assert.ok(small.spans.includes('"juan@example.com"'), 'highlighted whole');
  assertNoProblems(problems);
});
