// Share links carrying the payloads of issue 11 (hostile keys, a hostile target, a body naming a file): the
// page opens each link, and for every snippet tab the text "Copy code" puts on the clipboard is the code
// generator's output for that request. The copied boto3, AWS CLI, JavaScript and curl snippets are then run
// against the recording stubs of tests/node/snippet-stubs.mjs: each runs nothing else and makes exactly the
// request's call, or declines in comments and makes none.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, ready, setup } from './harness.mjs';
import { encodeLink } from '../../web/session.mjs';
import { SNIPPET_KINDS, snippets } from '../../web/codegen.mjs';
import { TARGET_PREFIX } from '../../web/operations.mjs';
import { checkSnippets, makeSandbox } from '../node/snippet-stubs.mjs';

let env;
let sandbox;
before(async () => { env = await setup(); sandbox = makeSandbox(); });
after(async () => { await env?.close(); sandbox?.cleanup(); });

const BILL = '111111111111';

function payloads(canary) {
  const fsWrite = `(await import('node:fs')).writeFileSync(${JSON.stringify(canary)}, '')`;
  return [
    ['AWS CLI: a body key with a line break', `${TARGET_PREFIX}.InviteAccountToOrganization`,
      JSON.stringify({ Target: { Id: 'susan@example.com', Type: 'EMAIL' }, [`\ntouch ${canary} #`]: 'x' })],
    ['boto3: a body key that closes the call', `${TARGET_PREFIX}.InviteAccountToOrganization`,
      JSON.stringify({ Target: { Id: 'susan@example.com', Type: 'EMAIL' }, [`Tags=[],**{'Notes':__import__('os').system('touch ${canary}') and 'x'},X`]: 1 })],
    ['a target with a line break', `${TARGET_PREFIX}.ListAccounts\ntouch ${canary} #`, '{}'],
    ['JavaScript: note lines broken by \\n, \\u2028, \\u2029 and \\r', `${TARGET_PREFIX}.DescribeHandshake`,
      JSON.stringify(Object.fromEntries(['\n', '\u2028', '\u2029', '\r'].map((br) => [`${br}${fsWrite} //`, 1])))],
    ['curl: a body naming the credentials file', `${TARGET_PREFIX}.ListAccounts`, '@/root/.aws/credentials'],
  ];
}

/** The X-Amz-Date of the HTTP tab depends on the clock at the call; everything else must match exactly. */
const undated = (text) => text.replace(/\b\d{8}T\d{6}Z\b/g, '<date>').replace(/\/\d{8}\/us-east-1\//g, '/<day>/us-east-1/');

test('share links with the payloads of issue 11: every snippet tab copies the generated, safe code', async () => {
  const { page, context, problems } = await env.open({ wait: false });
  // What the page hands to the clipboard, exactly as passed (no platform clipboard in between).
  await context.addInitScript(() => {
    window.__copied = null;
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      configurable: true,
      get: () => ({ writeText: async (text) => { window.__copied = String(text); }, readText: async () => window.__copied }),
    });
  });
  for (const [i, [name, target, body]] of payloads(sandbox.canary).entries()) {
    const fragment = await encodeLink({
      scenario: 'docs', seed: 0, now: 1789271046.11, worldDigest: null, calls: [{ caller: BILL, target, body, status: null }],
    });
    await page.goto(`${env.server.url}?link=${i}#${fragment}`);
    await ready(page);
    assert.notEqual(await page.locator('#main').getAttribute('data-replayed'), null, `${name}: the link was not replayed`);
    const expected = snippets(target, body, 0);
    const copied = {};
    for (const kind of SNIPPET_KINDS) {
      await page.getByRole('tab', { name: kind.label, exact: true }).click();
      await page.evaluate(() => { window.__copied = null; });
      await page.getByRole('button', { name: 'Copy code' }).click();
      await page.waitForFunction(() => window.__copied !== null);
      copied[kind.id] = await page.evaluate(() => window.__copied);
      assert.equal(copied[kind.id], await page.locator('#snippet-code').textContent(), `${name} [${kind.label}]: copied text differs from the shown code`);
      if (kind.id === 'http') assert.equal(undated(copied.http), undated(expected.http), `${name} [HTTP]`);
      else assert.equal(copied[kind.id], expected[kind.id], `${name} [${kind.label}]: copied text differs from the generated code`);
    }
    await checkSnippets(sandbox, target, body, copied, `${name} (copied from the page)`);
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assertNoProblems(problems);
});
