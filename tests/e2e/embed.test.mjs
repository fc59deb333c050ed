// Embed mode: the example documentation page drives two embeds with postMessage and keeps them in one world;
// an embed accepts commands only from its parent at the trusted origin and posts only there; URL parameters
// shape the page (theme included); the host can ask for the session; axe finds nothing in embed mode.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE as SITE_DIR, assertNoProblems, ready, send, settle, setup, shot } from './harness.mjs';
import { startServer } from './serve.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHANNEL = 'handshake-playground';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function waitFor(page, predicate, arg, timeout = 20000) {
  await page.waitForFunction(predicate, arg, { timeout });
}

/** Wait until a frame's page has settled (ready, nothing pending). */
async function frameSettled(frame) {
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.pending === '0', null, { timeout: 20000 });
}

function frameOf(page, embedId) {
  return page.frames().find((f) => f.url().includes(`embedId=${embedId}`));
}

async function handshakes(frame) {
  return frame.$$eval('#handshakes-table tbody tr', (rows) => rows.map((tr) => [tr.dataset.handshakeId, tr.dataset.state]));
}

test('the example page drives both embeds with postMessage and keeps them in one world', async () => {
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${env.server.url}examples/embed-demo.html`);
  await waitFor(page, () => document.querySelector('#sync').dataset.sync === 'same');
  const sender = frameOf(page, 'sender');
  const recipient = frameOf(page, 'recipient');
  await frameSettled(sender);
  await frameSettled(recipient);
  assert.equal(await sender.locator('#act-as').inputValue(), '111111111111');
  assert.equal(await recipient.locator('#act-as').inputValue(), '222222222222');
  // Only the panels asked for; the embed layout.
  assert.ok(await sender.locator('.panel-world').isHidden());
  assert.ok(await sender.locator('.panel-handshakes').isVisible());
  assert.equal(await sender.evaluate(() => document.documentElement.dataset.embed), 'true');

  // A command from the page, to both embeds.
  await page.getByRole('button', { name: 'Invite Susan (as Bill)' }).click();
  await waitFor(page, () => document.querySelectorAll('#message-log li[data-type="result"]').length >= 2);
  await frameSettled(sender);
  await frameSettled(recipient);
  const first = await handshakes(sender);
  assert.equal(first.length, 1);
  assert.equal(first[0][1], 'OPEN');
  assert.deepEqual(await handshakes(recipient), first);
  const log = () => page.locator('#message-log').innerText();
  assert.match(await log(), /\[sender\] call · by host · InviteAccountToOrganization → 200/);
  assert.match(await log(), /\[recipient\] result · send ok/);

  // Susan accepts in her own view; the page relays her call to Bill's view.
  await recipient.getByLabel('Operation', { exact: true }).selectOption('AcceptHandshake');
  await frameSettled(recipient);
  await recipient.getByRole('button', { name: 'AcceptHandshake', exact: true }).click();
  await waitFor(page, () => /\[sender\] call · by host · AcceptHandshake → 200/.test(document.querySelector('#message-log').textContent));
  await frameSettled(sender);
  await waitFor(page, () => document.querySelector('#sync').dataset.sync === 'same');
  assert.deepEqual(await handshakes(sender), [[first[0][0], 'ACCEPTED']]);
  assert.deepEqual(await handshakes(recipient), [[first[0][0], 'ACCEPTED']]);
  assert.match(await log(), /\[recipient\] call · by user · AcceptHandshake → 200/);

  // Clock and reset, from the page.
  await page.getByRole('button', { name: 'Advance both clocks 1 day' }).click();
  await waitFor(page, () => document.querySelectorAll('#message-log li[data-type="result"]').length >= 5);
  await frameSettled(sender);
  await frameSettled(recipient);
  await waitFor(page, () => document.querySelector('#sync').dataset.sync === 'same');
  await shot(page, 'embed-demo');
  await page.getByRole('button', { name: 'Reset both' }).click();
  await waitFor(page, () => document.querySelectorAll('#message-log li[data-type="result"]').length >= 7);
  await frameSettled(sender);
  await frameSettled(recipient);
  assert.deepEqual(await handshakes(sender), []);
  assert.deepEqual(await handshakes(recipient), []);
  await waitFor(page, () => document.querySelector('#sync').dataset.sync === 'same');
  assertNoProblems(problems);
});

/** A documentation host on another origin (a second server), with an unrelated site framed next to the embed. */
function hostPage(site, host, evil) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs host</title></head><body>
<h1>Docs host</h1>
<iframe id="pg" title="Playground" width="900" height="700" src="${site}?embed=1&readonly=1&embedId=pg&parentOrigin=${host}"></iframe>
<iframe id="evil" title="Another site" width="300" height="100" src="${evil}"></iframe>
<iframe id="mismatch" title="Misconfigured playground" width="600" height="300" src="${site}?embed=1&embedId=mismatch&parentOrigin=http://other.example"></iframe>
</body></html>`;
}

test('an embed obeys only its parent at the trusted origin, and posts only there', async () => {
  // Origins: the playground (127.0.0.1:A), the docs host (127.0.0.1:B), another site (localhost:B).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-embed-host-'));
  const hostServer = await startServer(dir);
  const HOST = `http://127.0.0.1:${hostServer.port}`;
  const EVIL = `http://localhost:${hostServer.port}`;
  fs.writeFileSync(path.join(dir, 'host.html'), hostPage(env.server.url, HOST, `${EVIL}/evil.html`));
  fs.writeFileSync(path.join(dir, 'evil.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>evil</title></head><body><p>evil</p></body></html>');
  try {
    await hostChecks(HOST, EVIL);
  } finally {
    await hostServer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function hostChecks(HOST, EVIL) {
  const { page, problems, context } = await env.open({ wait: false });
  // The frames of the host and of the other site record the messages they receive.
  await context.addInitScript(([host, evil]) => {
    if (window.location.origin === host || window.location.origin === evil) {
      window.__messages = [];
      window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
    }
  }, [HOST, EVIL]);
  await page.goto(`${HOST}/host.html`);
  const received = (filter = {}) => page.evaluate((f) => window.__messages.filter((m) => Object.entries(f).every(([k, v]) => m.data[k] === v)), filter);
  await waitFor(page, () => window.__messages.some((m) => m.data.type === 'ready'));
  const pg = page.frame({ url: /embedId=pg/ });
  const evil = page.frame({ url: `${EVIL}/evil.html` });
  const mismatch = page.frame({ url: /embedId=mismatch/ });
  await frameSettled(pg);
  await frameSettled(mismatch);

  const [readyMessage] = await received({ type: 'ready' });
  assert.equal(readyMessage.origin, new URL(env.server.url).origin);
  assert.equal(readyMessage.data.channel, CHANNEL);
  assert.equal(readyMessage.data.version, 1);
  assert.equal(readyMessage.data.embedId, 'pg');
  assert.equal(readyMessage.data.readonly, true);
  assert.equal(readyMessage.data.scenario, 'docs');
  assert.equal(readyMessage.data.caller, '111111111111');
  assert.match(readyMessage.data.worldDigest, /^fnv1a64:[0-9a-f]{16}$/);
  assert.equal(readyMessage.data.world.Accounts.length, 3);
  // Read-only: no request panel, no clock buttons, no scenario reset.
  assert.ok(await pg.locator('.panel-composer').isHidden());
  assert.ok(await pg.locator('.clock-buttons').isHidden());
  assert.ok(await pg.locator('#reset').isHidden());

  // A command from another origin (a sibling frame) is ignored.
  const invite = { channel: CHANNEL, type: 'send', caller: '111111111111', operation: 'InviteAccountToOrganization', body: { Target: { Type: 'EMAIL', Id: 'susan@example.com' } } };
  await evil.evaluate((m) => {
    window.parent.frames[0].postMessage(m, '*');
    window.parent.frames[0].postMessage({ ...m, type: 'reset', scenario: 'empty' }, '*');
  }, invite);
  // From the right parent but not in the playground's channel: ignored too.
  await page.evaluate((m) => document.querySelector('#pg').contentWindow.postMessage({ ...m, channel: 'something-else' }, '*'), invite);
  await pg.waitForFunction(() => Number(document.documentElement.dataset.ignoredMessages || 0) >= 3);
  await settle(pg);
  assert.deepEqual(await handshakes(pg), []);
  assert.equal(await pg.locator('#scenario').inputValue(), 'docs');
  assert.deepEqual(await evil.evaluate(() => window.__messages), [], 'the embed posted to another frame');

  // The same command from the parent, at the trusted origin: done, answered, and reported.
  await page.evaluate((m) => document.querySelector('#pg').contentWindow.postMessage({ ...m, requestId: 'invite-1' }, '*'), invite);
  await waitFor(page, () => window.__messages.some((m) => m.data.type === 'result' && m.data.requestId === 'invite-1'));
  const [result] = await received({ type: 'result', requestId: 'invite-1' });
  assert.equal(result.data.ok, true);
  assert.equal(result.data.status, 200);
  const handshake = JSON.parse(result.data.response).Handshake;
  assert.equal(handshake.State, 'OPEN');
  const [call] = await received({ type: 'call', by: 'host' });
  assert.equal(call.data.operation, 'InviteAccountToOrganization');
  assert.equal(call.data.target, 'AWSOrganizationsV20161128.InviteAccountToOrganization');
  assert.equal(call.data.caller, '111111111111');
  assert.equal(call.data.status, 200);
  assert.equal(JSON.parse(call.data.body).Target.Id, 'susan@example.com');
  await waitFor(page, () => window.__messages.some((m) => m.data.type === 'state' && m.data.reason === 'call'));
  const [state] = await received({ type: 'state', reason: 'call' });
  assert.equal(state.data.by, 'host');
  assert.equal(state.data.world.Handshakes[0].Id, handshake.Id);
  assert.ok(state.data.changes.some((c) => c.includes(handshake.Id)));
  await settle(pg);
  assert.deepEqual(await handshakes(pg), [[handshake.Id, 'OPEN']]);

  // Act as, describe, reset, and a bad command.
  const command = async (message) => {
    const requestId = `r-${Math.random()}`;
    await page.evaluate((m) => document.querySelector('#pg').contentWindow.postMessage(m, '*'), { ...message, channel: CHANNEL, requestId });
    await waitFor(page, (id) => window.__messages.some((m) => m.data.type === 'result' && m.data.requestId === id), requestId);
    return (await received({ type: 'result', requestId }))[0].data;
  };
  assert.equal((await command({ type: 'actAs', caller: '222222222222' })).caller, '222222222222');
  await settle(pg);
  assert.equal(await pg.locator('#act-as').inputValue(), '222222222222');
  assert.ok((await received({ type: 'state', reason: 'actAs' })).some((m) => m.data.by === 'host' && m.data.caller === '222222222222'));
  const described = await command({ type: 'describe' });
  assert.equal(described.world.Handshakes.length, 1);
  assert.equal(described.worldDigest, (await received({ type: 'state', reason: 'call' }))[0].data.worldDigest);
  // The session so far, as "Export JSON" and "Copy link" make it: the file object and the share link.
  const [invited] = await received({ type: 'result', requestId: 'invite-1' });
  const shared = await command({ type: 'session' });
  assert.equal(shared.ok, true);
  assert.deepEqual([shared.session.format, shared.session.version, shared.session.scenario, shared.session.seed],
    ['handshake-playground-session', 1, 'docs', 0]);
  assert.deepEqual(shared.session.calls, [{ caller: '111111111111', target: 'AWSOrganizationsV20161128.InviteAccountToOrganization', body: JSON.stringify(invite.body), status: 200 }]);
  assert.equal(shared.session.worldDigest, described.worldDigest);
  assert.match(shared.link, new RegExp(`^${env.server.url.replace(/\./g, '\\.')}#s=1\\.[zj]\\.[A-Za-z0-9_-]+$`));
  // Time travel: back to the scenario's start (no handshake), then forward to the invitation again.
  const back = await command({ type: 'rewind', to: 0 });
  assert.deepEqual([back.ok, back.to, back.error], [true, 0, undefined]);
  assert.equal((await command({ type: 'describe' })).world.Handshakes.length, 0);
  assert.equal((await command({ type: 'rewind', to: invited.data.seq })).ok, true);
  assert.equal((await command({ type: 'describe' })).world.Handshakes.length, 1);
  const missing = await command({ type: 'rewind', to: 999 });
  assert.deepEqual([missing.ok, missing.error], [false, 'there is no call #999 in this session']);
  const malformed = await command({ type: 'rewind', to: '2' });
  assert.deepEqual([malformed.ok, malformed.error], [false, 'rewind needs "to": the number of a call, or 0']);
  const bad = await command({ type: 'actAs', caller: '999999999999' });
  assert.equal(bad.ok, false);
  assert.match(bad.error, /actAs needs the id of an account/);
  assert.equal((await command({ type: 'launch' })).ok, false);
  const reset = await command({ type: 'reset', scenario: 'consolidated', seed: 5 });
  assert.deepEqual([reset.ok, reset.scenario, reset.seed], [true, 'consolidated', 5]);
  await settle(pg);
  assert.match(await pg.locator('#organizations').innerText(), /CONSOLIDATED_BILLING/);

  // An embed told to trust another origin says so, posts nothing and obeys nothing.
  assert.match(await mismatch.locator('#notice-text').innerText(), new RegExp(`trusts http://other\\.example \\(parentOrigin\\), but the page around it is ${HOST.replace(/\./g, '\\.')}`));
  assert.equal((await received({ embedId: 'mismatch' })).length, 0);
  await page.evaluate((m) => document.querySelector('#mismatch').contentWindow.postMessage(m, '*'), invite);
  await mismatch.waitForFunction(() => Number(document.documentElement.dataset.ignoredMessages || 0) >= 1);
  assert.deepEqual(await handshakes(mismatch), []);
  await shot(page, 'embed-origins');
  assertNoProblems(problems);
}

test('URL parameters: scenario, seed, act as, operation, panels; bad values are named', async () => {
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${env.server.url}?embed=1&scenario=transfer&seed=9&actAs=444444444444&operation=ListAccounts&panels=request,handshakes`);
  await ready(page);
  assert.equal(await page.locator('#scenario').inputValue(), 'transfer');
  assert.equal(await page.locator('#seed').inputValue(), '9');
  assert.equal(await page.locator('#act-as').inputValue(), '444444444444');
  assert.equal(await page.locator('#operation').inputValue(), 'ListAccounts');
  for (const hidden of ['.panel-world', '.panel-response', '.panel-diagram', '.panel-log', '.panel-lessons', '.footer']) {
    assert.ok(await page.locator(hidden).isHidden(), hidden);
  }
  assert.ok(await page.getByRole('button', { name: /Open in the full playground/ }).isVisible());
  assert.ok(await page.locator('#notice').isHidden());
  await page.goto(`${env.server.url}?scenario=%3Cb%3Ex&panels=world,%3Cimg%3E&seed=-1&parentOrigin=*&compact=maybe&theme=%3Cb%3Edark`);
  await ready(page);
  const text = await page.locator('#notice-text').innerText();
  assert.match(text, /^Some URL parameters were ignored:/);
  for (const part of [/scenario has an invalid value/, /seed must be a whole number/, /parentOrigin must be one origin/, /compact must be 1 or 0/, /theme must be one of light, dark, auto/, /unknown panel "<img>"/]) assert.match(text, part);
  assert.equal(await page.locator('#scenario').inputValue(), 'docs');
  assert.equal(await page.locator('img').count(), 0);
  assertNoProblems(problems);
});

test('rewind=N opens a shared session at the moment right after call #N; a number it lacks is named', async () => {
  // A session with one call of the learner's: Bill invites Susan (the page keeps it in its address).
  const { page, problems } = await env.open();
  const invited = JSON.parse((await send(page, 'InviteAccountToOrganization')).body).Handshake.Id;
  const seq = Number(await page.locator('#response').getAttribute('data-seq'));
  await settle(page);
  const fragment = await page.evaluate(() => window.location.hash);
  assert.match(fragment, /^#s=/);
  const rows = () => page.locator('#handshakes-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.handshakeId));

  await page.goto(`${env.server.url}?embed=1&rewind=0${fragment}`);
  await ready(page);
  await settle(page);
  assert.deepEqual(await rows(), [], 'before the invitation: no handshake');
  assert.equal(await page.getByRole('button', { name: `Redo call #${seq}` }).getAttribute('aria-disabled'), 'false', 'the call is kept to redo');
  await page.goto(`${env.server.url}?embed=1&rewind=${seq}${fragment}`);
  await ready(page);
  await settle(page);
  assert.deepEqual(await rows(), [invited]);
  await page.goto(`${env.server.url}?embed=1&rewind=99${fragment}`);
  await ready(page);
  await settle(page);
  assert.equal(await page.locator('#notice-text').innerText(), 'The rewind point was not found. There is no call #99 in this session: it is shown as it stands.');
  assert.deepEqual(await rows(), [invited]);
  await page.goto(`${env.server.url}?embed=1&rewind=x1`);
  await ready(page);
  assert.match(await page.locator('#notice-text').innerText(), /rewind must be the number of a call/);
  assertNoProblems(problems);
});

test('layout=two-parties opens an embed with two consoles side by side; any other layout is refused and named', async () => {
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${env.server.url}?embed=1&layout=two-parties&panels=handshakes,log`);
  await ready(page);
  assert.equal(await page.getByRole('button', { name: 'Two parties', exact: true }).getAttribute('aria-pressed'), 'true');
  const bill = page.getByRole('region', { name: /^Acting as Bill \(111111111111\)/ });
  const susan = page.getByRole('region', { name: /^Acting as Susan \(222222222222\)/ });
  assert.ok(await bill.isVisible());
  await bill.getByRole('button', { name: 'Send InviteAccountToOrganization as Bill' }).click();
  await settle(page);
  assert.ok(await susan.getByRole('button', { name: /^Accept h-/ }).isVisible());
  assert.equal(await page.locator('#handshakes-table tbody tr').count(), 1);
  // An embed stores nothing: not the layout, not the session.
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await axe(page, 'two-party embed');
  await page.goto(`${env.server.url}?embed=1&layout=%3Cimg%20src%3Dx%3E`);
  await ready(page);
  assert.match(await page.locator('#notice-text').innerText(), /layout must be one of two-parties, one/);
  assert.equal(await page.getByRole('button', { name: 'Two parties', exact: true }).getAttribute('aria-pressed'), 'false');
  assert.ok(await page.locator('#parties').isHidden());
  assert.equal(await page.locator('img').count(), 0);
  assertNoProblems(problems);
});

test('theme=dark and theme=light choose the palette whatever the reader prefers', async () => {
  // The custom properties of the light palette (the first :root block of styles.css).
  const css = fs.readFileSync(path.join(SITE_DIR, 'styles.css'), 'utf8');
  const names = [...css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {'))).matchAll(/(--[a-z0-9-]+):/g)].map((m) => m[1]);
  assert.ok(names.length > 20, `found ${names.length} custom properties`);
  const { page, problems } = await env.open({ wait: false, colorScheme: 'light' });
  await page.goto(`${env.server.url}?embed=1&panels=handshakes&theme=dark`);
  await ready(page);
  const palette = () => page.evaluate((list) => {
    const style = getComputedStyle(document.documentElement);
    return { scheme: style.colorScheme, vars: Object.fromEntries(list.map((n) => [n, style.getPropertyValue(n).trim()])) };
  }, names);
  /** @param {string | null} theme */
  const setTheme = (theme) => page.evaluate((t) => { if (t) document.documentElement.dataset.theme = t; else delete document.documentElement.dataset.theme; }, theme);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const forcedDark = await palette();                     // a reader who prefers light, theme=dark
  await setTheme(null);
  const light = await palette();                          // the same reader, no theme
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await palette();                           // a reader who prefers dark, no theme
  await setTheme('light');
  const forcedLight = await palette();                    // that reader, theme=light
  assert.notDeepEqual(light.vars, dark.vars);
  assert.deepEqual(forcedDark.vars, dark.vars, 'the dark palette of [data-theme="dark"] and of prefers-color-scheme differ');
  assert.equal(forcedDark.scheme, 'dark');
  assert.deepEqual(forcedLight.vars, light.vars);
  assert.equal(forcedLight.scheme, 'light');
  assert.ok(await page.locator('#notice').isHidden());
  assertNoProblems(problems);
});

async function axe(page, label) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const text = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`).join('\n');
  assert.equal(result.violations.length, 0, `${label}:\n${text}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.2 AA violations in embed mode (${colorScheme})`, async () => {
    const { page, problems } = await env.open({ wait: false, colorScheme });
    await page.goto(`${env.server.url}?embed=1&compact=1&lesson=invite-accept&actAs=111111111111`);
    await ready(page);
    await page.getByRole('button', { name: 'Show hint' }).click();
    await page.getByRole('button', { name: 'Check my work' }).click();
    await settle(page);
    await axe(page, `${colorScheme}, compact embed with a lesson`);
    await shot(page, `embed-lesson-${colorScheme}`);
    await page.goto(`${env.server.url}?embed=1&readonly=1&scenario=consolidated&panels=world,handshakes,diagram,log`);
    await ready(page);
    await axe(page, `${colorScheme}, read-only embed`);
    await page.goto(`${env.server.url}examples/embed-demo.html`);
    await waitFor(page, () => document.querySelector('#sync').dataset.sync === 'same');
    await axe(page, `${colorScheme}, the example page`);
    assertNoProblems(problems);
  });
}

test('at 360 px wide: an embed, a lesson, a share link and a message do not scroll sideways', async () => {
  const { page, problems } = await env.open({ wait: false, viewport: { width: 360, height: 700 } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.goto(`${env.server.url}?embed=1&compact=1&lesson=transfer`);
  await ready(page);
  assert.ok(await overflow() <= 0, `embed scrolls sideways by ${await overflow()}px`);
  await axe(page, '360 px embed');
  await shot(page, 'embed-360', { fullPage: false });
  await page.goto(`${env.server.url}?lesson=invite-accept#s=1.z.damaged`);
  await ready(page);
  await page.getByRole('button', { name: 'Show hint' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await settle(page);
  assert.ok(await page.locator('#notice').isVisible());
  assert.ok(await page.locator('#share-link').isVisible());
  assert.ok(await overflow() <= 0, `page scrolls sideways by ${await overflow()}px`);
  await axe(page, '360 px, lesson, message and link');
  await shot(page, 'lesson-360', { fullPage: false });
  assertNoProblems(problems);
});
