// The npm package as a stranger uses it: scripts/package --npm packs handshake-playground-<v>.tgz (into a temp
// directory: --out), an empty temp project installs it offline (it has no dependencies), and
//  - a plain HTML page with <handshake-playground> and a page whose module calls createPlayground, both served
//    under the site's own strict headers, are driven in Chromium: invite and accept through the API (its
//    `response` and `change` events, getSession) and through the UI inside the element's iframe, by visible labels;
//    createEngine runs in the page too;
//  - node imports the installed package by name (its exports map) and runs real AWS SDK v3 code through
//    createEngine + createEngineRequestHandler: invite, a typed error, accept;
//  - TypeScript checks a stranger's use of the API against the package's declarations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { assertNoProblems, setup, shot } from './harness.mjs';
import { REPO_ROOT, startServer } from './serve.mjs';

// The SDK warns once per process that later releases will need node 22; the project runs on node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const BILL = '111111111111';
const SUSAN = '222222222222';
const PKG = 'node_modules/handshake-playground';

let env;
let work;
let project;
let server;
let tarball;

/** Pack (scripts/package --npm) and install the tarball into an empty project, offline. */
function installPackage() {
  // Packed into a directory of its own, so that nothing else that writes build/pkg meets this run.
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-stranger-'));
  const out = execFileSync(path.join(REPO_ROOT, 'scripts', 'package'), ['--npm', '--out', path.join(work, 'pack')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wrote = /^wrote (.+\.tgz)$/m.exec(out);
  assert.ok(wrote, `scripts/package printed no tarball:\n${out}`);
  tarball = wrote[1];
  assert.match(path.basename(tarball), /^handshake-playground-\d+\.\d+\.\d+\.tgz$/);
  const budget = /page transfer the package adds \(gzip -6\): .* = ([\d,]+) B/.exec(out);
  assert.ok(budget && Number(budget[1].replace(/,/g, '')) <= 10240, `the package adds more than 10 KB gzip: ${out}`);
  project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'stranger-docs', private: true, type: 'module' }));
  execFileSync('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  const installed = JSON.parse(fs.readFileSync(path.join(project, PKG, 'package.json'), 'utf8'));
  assert.equal(installed.name, 'handshake-playground');
  assert.equal(installed.dependencies, undefined);
  assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['handshake-playground']);
}

/** The stranger's pages: a plain HTML page using the element, and a page whose module calls createPlayground. */
function writePages() {
  const head = (title, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<script type="module" src="${script}"></script></head>`;
  fs.writeFileSync(path.join(project, 'element.html'), `${head('Docs: both sides of an invitation', `${PKG}/element.mjs`)}
<body><main><h1>Both sides of an invitation</h1>
<handshake-playground scenario="docs" layout="two-parties" panels="handshakes,log" height="1100" aria-label="Playground: Bill invites Susan"></handshake-playground>
<handshake-playground id="bad" scenario="&lt;img src=x onerror=alert(1)&gt;"></handshake-playground>
</main></body></html>`);
  fs.writeFileSync(path.join(project, 'api.html'), `${head('Docs: the API', 'api.mjs')}
<body><main><h1>Driven from this page</h1><div id="demo"></div><div id="replayed"></div></main></body></html>`);
  fs.writeFileSync(path.join(project, 'api.mjs'), `import { createPlayground, PlaygroundError } from './${PKG}/index.mjs';
const playground = createPlayground(document.getElementById('demo'), {
  scenario: 'docs', actAs: '${BILL}', panels: ['request', 'response', 'handshakes', 'log'], height: 700, theme: 'dark',
});
window.events = { response: [], change: [], unsubscribed: 0 };
playground.on('response', (call) => window.events.response.push(call));
playground.on('change', (state) => window.events.change.push(state));
window.unsubscribe = playground.on('response', () => { window.events.unsubscribed += 1; });
Object.assign(window, { playground, createPlayground, PlaygroundError });
`);
}

before(async () => {
  installPackage();
  writePages();
  env = await setup();
  // The temp project under the site's own header policy (CSP script-src/style-src/frame-src 'self'): the package
  // must work on a page that allows no inline script or style.
  server = await startServer(project, { headers: true });
});
after(async () => {
  await env?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The frame of an embed the package mounted, once it is ready and idle. */
async function embedFrame(page, index = 0) {
  await page.waitForFunction((i) => [...document.querySelectorAll('iframe'), ...[...document.querySelectorAll('handshake-playground')].flatMap((el) => [...el.shadowRoot.querySelectorAll('iframe')])].length > i, index);
  let frame;
  for (let i = 0; i < 200 && !frame; i++) {
    frame = page.frames().filter((f) => f.url().includes('/handshake-playground/site/index.html'))[index];
    if (!frame) await new Promise((done) => setTimeout(done, 50));
  }
  assert.ok(frame, 'no playground frame');
  await frameSettled(frame);
  return frame;
}

async function frameSettled(frame) {
  await frame.waitForFunction(() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.pending === '0', null, { timeout: 20000 });
}

test('a page that imports createPlayground: invite and accept through the API, its events, session, rewind, checks', async () => {
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${server.url}api.html`);
  const frame = await embedFrame(page);
  const origin = new URL(server.url).origin;

  // The iframe: the package's own site, in embed mode, trusting this page's origin only.
  const src = new URL(await page.evaluate(() => window.playground.iframe.src));
  assert.equal(src.origin, origin);
  assert.equal(src.pathname, `/${PKG}/site/index.html`);
  const embedId = await page.evaluate(() => window.playground.embedId);
  assert.match(embedId, /^hp-1-[a-z0-9]+$/);
  assert.deepEqual(Object.fromEntries(src.searchParams), {
    embed: '1', scenario: 'docs', actAs: BILL, theme: 'dark', panels: 'request,response,handshakes,log', parentOrigin: origin, embedId,
  });
  const readyInfo = await page.evaluate(() => window.playground.ready);
  assert.deepEqual([readyInfo.scenario, readyInfo.caller, readyInfo.readonly], ['docs', BILL, false]);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');

  // Invite, a refused accept (an AWS error resolves, with its status), the accept.
  const calls = await page.evaluate(async ([bill, susan]) => {
    const invite = await window.playground.send('InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'susan@example.com' } }, { caller: bill });
    const id = invite.data.Handshake.Id;
    const wrong = await window.playground.send({ operation: 'AcceptHandshake', caller: bill, body: { HandshakeId: id } });
    const accept = await window.playground.send('AcceptHandshake', { HandshakeId: id }, { caller: susan });
    return { invite, wrong, accept, id };
  }, [BILL, SUSAN]);
  assert.equal(calls.invite.status, 200);
  assert.equal(calls.invite.data.Handshake.State, 'OPEN');
  assert.match(calls.id, /^h-[0-9a-z]{8,32}$/);
  assert.equal(calls.wrong.status, 400);
  assert.deepEqual(calls.wrong.data, { __type: 'AccessDeniedException', Message: "You don't have permissions to access this resource." });
  assert.equal(calls.accept.status, 200);
  assert.equal(calls.accept.data.Handshake.State, 'ACCEPTED');
  assert.deepEqual([calls.invite.seq + 1, calls.invite.seq + 2], [calls.wrong.seq, calls.accept.seq]);

  // The response events: each call, by this page (host), with its raw body and response.
  await page.waitForFunction(() => window.events.response.length >= 3 && window.events.change.length >= 3);
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(events.response.map((e) => [e.by, e.operation, e.caller, e.status, e.seq]), [
    ['host', 'InviteAccountToOrganization', BILL, 200, calls.invite.seq],
    ['host', 'AcceptHandshake', BILL, 400, calls.wrong.seq],
    ['host', 'AcceptHandshake', SUSAN, 200, calls.accept.seq],
  ]);
  assert.equal(JSON.parse(events.response[2].response).Handshake.State, 'ACCEPTED');
  assert.equal(events.response[0].body, JSON.stringify({ Target: { Type: 'EMAIL', Id: 'susan@example.com' } }));
  const accepted = events.change.filter((e) => e.reason === 'call' && e.by === 'host');
  assert.ok(accepted.length >= 2);
  assert.equal(accepted.at(-1).world.Handshakes.find((h) => h.Id === calls.id).State, 'ACCEPTED');
  assert.equal(events.unsubscribed, 3);
  // The iframe shows it as the reader sees it.
  assert.deepEqual(await frame.$$eval('#handshakes-table tbody tr', (rows) => rows.map((tr) => [tr.dataset.handshakeId, tr.dataset.state])), [[calls.id, 'ACCEPTED']]);

  // getSession and the share link; a second playground opened on that session object reaches the same world.
  const shared = await page.evaluate(async () => {
    window.unsubscribe();
    const session = await window.playground.getSession();
    const link = await window.playground.getShareLink();
    const digest = (await window.playground.describe()).worldDigest;
    return { session, link, digest };
  });
  assert.equal(shared.session.format, 'handshake-playground-session');
  assert.deepEqual(shared.session.calls.map((c) => [c.caller, c.target, c.status]), [
    [BILL, 'AWSOrganizationsV20161128.InviteAccountToOrganization', 200],
    [BILL, 'AWSOrganizationsV20161128.AcceptHandshake', 400],
    [SUSAN, 'AWSOrganizationsV20161128.AcceptHandshake', 200],
  ]);
  assert.equal(shared.session.worldDigest, shared.digest);
  assert.match(shared.link, new RegExp(`^${origin.replace(/\./g, '\\.')}/${PKG}/site/index\\.html#s=1\\.[zj]\\.`));
  const replayed = await page.evaluate(async (session) => {
    const second = window.createPlayground(document.getElementById('replayed'), { session, readOnly: true, height: '30rem', loading: 'lazy' });
    second.iframe.scrollIntoView();
    await second.ready;
    const described = await second.describe();
    return { digest: described.worldDigest, states: described.world.Handshakes.map((h) => h.State), height: second.iframe.style.height, loading: second.iframe.loading };
  }, shared.session);
  assert.deepEqual(replayed, { digest: shared.digest, states: ['ACCEPTED'], height: '30rem', loading: 'lazy' });

  // Time travel and reset; the unsubscribed listener heard nothing more.
  const travel = await page.evaluate(async (seq) => {
    const back = await window.playground.rewind(seq);
    const atInvite = (await window.playground.describe()).world.Handshakes.map((h) => h.State);
    const reset = await window.playground.reset();
    const afterReset = (await window.playground.describe()).world.Handshakes.length;
    const roots = await window.playground.send('ListRoots');
    await new Promise((done) => { const wait = () => (window.events.response.length >= 4 ? done(true) : setTimeout(wait, 20)); wait(); });
    return { back, atInvite, reset, afterReset, roots: roots.status, heard: window.events.response.at(-1).operation, unsubscribed: window.events.unsubscribed };
  }, calls.invite.seq);
  assert.deepEqual(travel, {
    back: { to: calls.invite.seq }, atInvite: ['OPEN'], reset: { scenario: 'docs', seed: 0 }, afterReset: 0,
    roots: 200, heard: 'ListRoots', unsubscribed: 3,
  });

  // Refused commands reject with the playground's reason; hostile options throw before anything is mounted.
  const checks = await page.evaluate(async () => {
    const reason = (promise) => promise.then(() => 'resolved', (e) => `${e.name}: ${e.message}`);
    const frames = document.querySelectorAll('iframe').length;
    const thrown = (options) => { try { window.createPlayground(document.body, options); return 'mounted'; } catch (e) { return `${e.name}: ${e.message}`; } };
    const result = {
      actAs: await reason(window.playground.actAs('999999999999')),
      scenario: thrown({ scenario: '"><img src=x onerror=alert(1)>' }),
      site: thrown({ site: 'javascript:alert(1)' }),
      height: thrown({ height: '100px;background:red' }),
      layout: thrown({ layout: 'three' }),
      unknown: thrown({ scenery: 'docs' }),
      session: thrown({ session: 'https://example.com/#s=1.z.<b>' }),
      framesAdded: document.querySelectorAll('iframe').length - frames,
    };
    // A site option that points where there is no playground: ready and commands reject at once.
    const nowhere = window.createPlayground(document.body, { site: 'nowhere/' });
    result.nowhere = [await reason(nowhere.ready), await reason(nowhere.send('ListRoots'))];
    nowhere.destroy();
    window.playground.destroy();
    result.destroyed = await reason(window.playground.send('ListRoots'));
    result.framesAfterDestroy = document.querySelectorAll('#demo iframe').length;
    return result;
  });
  assert.deepEqual(checks, {
    actAs: 'PlaygroundError: actAs needs the id of an account of this world',
    scenario: 'TypeError: handshake-playground: option scenario must match /^[a-z0-9-]{1,64}$/',
    site: 'TypeError: handshake-playground: option site must be an http(s) URL (the site\'s files are served, not opened from javascript:)',
    height: 'TypeError: handshake-playground: option height must be a number of pixels (100 to 20000) or a CSS length such as "40rem" or "80vh"',
    layout: 'TypeError: handshake-playground: option layout must be one of single, two-parties',
    unknown: 'TypeError: handshake-playground: option "scenery" is not known (known: site, scenario, lesson, layout, actAs, session, readOnly, height, theme, seed, compact, panels, operation, rewind, title, loading)',
    session: 'TypeError: handshake-playground: option session must be a share link (…#s=1.z.…), or a session object',
    framesAdded: 0,
    nowhere: Array(2).fill(`PlaygroundError: there is no playground at ${origin}/nowhere/index.html: serve the package's site/ directory there, or point the site option at it`),
    destroyed: 'PlaygroundError: the playground was destroyed',
    framesAfterDestroy: 0,
  });
  assert.equal(await page.locator('img').count(), 0);

  // The engine module works in the browser too (it fetches the .wasm beside it, under the page's CSP).
  const inBrowser = await page.evaluate(async (pkg) => {
    const { createEngine } = await import(new URL(`${pkg}/engine.mjs`, window.location.href).href);
    const engine = await createEngine({ scenario: 'docs' });
    return [engine.simulator('DescribeWorld').Accounts.map((a) => a.Id), engine.handle('111111111111', 'AWSOrganizationsV20161128.ListRoots', '{}').status];
  }, PKG);
  assert.deepEqual(inBrowser, [[BILL, SUSAN, '333333333333'], 200]);
  // The one console error is the 404 of nowhere/index.html.
  const notFound = problems.filter((p) => p === 'console.error: Failed to load resource: the server responded with a status of 404 (Not Found)');
  assert.equal(notFound.length, 1);
  assertNoProblems(problems.filter((p) => !notFound.includes(p)));
});

test('a plain HTML page with <handshake-playground>: invite and accept in its iframe by visible labels, then through its methods', async () => {
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${server.url}element.html`);
  const frame = await embedFrame(page);
  const element = page.locator('handshake-playground:not(#bad)');
  const pg = page.frameLocator('handshake-playground:not(#bad) iframe');
  assert.equal(await pg.owner().getAttribute('title'), 'Playground: Bill invites Susan');
  const src = new URL(await pg.owner().getAttribute('src'));
  assert.deepEqual([src.searchParams.get('layout'), src.searchParams.get('scenario'), src.searchParams.get('panels')], ['two-parties', 'docs', 'handshakes,log']);
  await page.evaluate(() => {
    window.seen = [];
    const el = document.querySelector('handshake-playground:not(#bad)');
    el.addEventListener('response', (e) => window.seen.push(['event', e.detail.by, e.detail.operation, e.detail.status]));
    el.on('response', (detail) => window.seen.push(['on', detail.by, detail.operation, detail.status]));
  });

  // The reader: Bill invites from the left console, Susan accepts in her inbox on the right.
  const bill = pg.getByRole('region', { name: /^Acting as Bill \(111111111111\)/ });
  const susan = pg.getByRole('region', { name: /^Acting as Susan \(222222222222\)/ });
  await bill.getByRole('button', { name: 'Send InviteAccountToOrganization as Bill' }).click();
  await frameSettled(frame);
  const accept = susan.getByRole('button', { name: /^Accept h-/ });
  const id = (await accept.getAttribute('aria-label')).slice('Accept '.length);
  await accept.click();
  await frameSettled(frame);
  assert.match(await susan.locator('.console-status').innerText(), /200 #\d+ AcceptHandshake as Susan/);
  await page.waitForFunction(() => window.seen.length >= 4);
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen.filter((s) => s[0] === 'on').map((s) => s.slice(1)), [['user', 'InviteAccountToOrganization', 200], ['user', 'AcceptHandshake', 200]]);
  assert.deepEqual(seen.filter((s) => s[0] === 'event').map((s) => s.slice(1)), [['user', 'InviteAccountToOrganization', 200], ['user', 'AcceptHandshake', 200]]);

  // The element's methods: the session holds both calls; a call through the API shows in the consoles.
  const api = await element.evaluate(async (el, [handshakeId, susanId]) => {
    const session = await el.getSession();
    const described = await el.send('DescribeHandshake', { HandshakeId: handshakeId }, { caller: susanId });
    return { calls: session.calls.map((c) => [c.caller, c.target.split('.').pop(), c.status]), state: described.data.Handshake.State };
  }, [id, SUSAN]);
  assert.deepEqual(api, { calls: [[BILL, 'InviteAccountToOrganization', 200], [SUSAN, 'AcceptHandshake', 200]], state: 'ACCEPTED' });
  assert.deepEqual(await frame.$$eval('#handshakes-table tbody tr', (rows) => rows.map((tr) => [tr.dataset.handshakeId, tr.dataset.state])), [[id, 'ACCEPTED']]);
  await shot(page, 'package-element');

  // Changed attributes mount it again, once (listeners kept): theme="dark" and session = its own share link.
  const link = await element.evaluate((el) => el.getShareLink());
  await element.evaluate((el, shared) => { el.setAttribute('theme', 'dark'); el.setAttribute('session', shared); }, link);
  await page.waitForFunction(() => document.querySelector('handshake-playground:not(#bad)').shadowRoot.querySelector('iframe').src.includes('theme=dark'));
  const src2 = new URL(await pg.owner().getAttribute('src'));
  assert.equal(src2.hash, new URL(link).hash);
  const darkFrame = await embedFrame(page);
  assert.equal(await darkFrame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.deepEqual(await element.evaluate(async (el) => (await el.describe()).world.Handshakes.map((h) => [h.Id, h.State])), [[id, 'ACCEPTED']],
    'the new mount replayed the session of the link');
  assert.equal(await page.locator('handshake-playground:not(#bad)').evaluate((el) => el.shadowRoot.querySelectorAll('iframe').length), 1);

  // A hostile attribute is refused and named as text: no iframe, no markup from it.
  const bad = await page.locator('#bad').evaluate((el) => ({
    alert: el.shadowRoot.querySelector('[role="alert"]')?.textContent,
    frames: el.shadowRoot.querySelectorAll('iframe').length,
    images: el.shadowRoot.querySelectorAll('img').length,
  }));
  assert.deepEqual(bad, { alert: 'handshake-playground: option scenario must match /^[a-z0-9-]{1,64}$/', frames: 0, images: 0 });
  assert.equal(await page.locator('#bad').evaluate((el) => el.send('ListRoots').then(() => 'resolved', (e) => e.message)), 'handshake-playground: option scenario must match /^[a-z0-9-]{1,64}$/');
  assertNoProblems(problems);
});

test('node: the installed package by name, and AWS SDK v3 code through createEngine and its request handler', async () => {
  // By name from the stranger's project (the exports map): all three entry points import in node; the element
  // module registers nothing where there is no DOM (a docs site's server-side rendering).
  const probe = spawnSync(process.execPath, ['--input-type=module', '-e', `
    const main = await import('handshake-playground');
    const element = await import('handshake-playground/element');
    const engine = await import('handshake-playground/engine');
    console.log(JSON.stringify([Object.keys(main).sort(), Object.keys(element).sort(), Object.keys(engine).sort(), typeof globalThis.customElements]));
  `], { cwd: project, encoding: 'utf8' });
  assert.equal(probe.status, 0, probe.stderr);
  assert.deepEqual(JSON.parse(probe.stdout), [
    ['PlaygroundError', 'createPlayground'], ['HandshakePlaygroundElement'],
    ['EngineError', 'createEngine', 'createEngineRequestHandler', 'credentialsFor'], 'undefined',
  ]);

  const { createEngine, createEngineRequestHandler, credentialsFor } = await import(pathToFileURL(path.join(project, PKG, 'engine.mjs')).href);
  // The SDK from the repository's node_modules (the temp project has only the package).
  const sdk = createRequire(path.join(REPO_ROOT, 'package.json'))('@aws-sdk/client-organizations');
  const engine = await createEngine({ scenario: 'docs' });
  const client = (account) => new sdk.OrganizationsClient({
    region: 'us-east-1', credentials: credentialsFor(account), requestHandler: createEngineRequestHandler(engine), maxAttempts: 1,
  });
  const bill = client(BILL);
  const susan = client(SUSAN);
  const invited = (await bill.send(new sdk.InviteAccountToOrganizationCommand({ Target: { Type: 'ACCOUNT', Id: SUSAN }, Notes: 'From a test' }))).Handshake;
  assert.equal(invited.State, 'OPEN');
  assert.ok(invited.ExpirationTimestamp instanceof Date);
  let error;
  try { await bill.send(new sdk.AcceptHandshakeCommand({ HandshakeId: invited.Id })); } catch (e) { error = e; }
  assert.ok(error instanceof sdk.AccessDeniedException, `expected AccessDeniedException, got ${error && error.name}`);
  assert.equal(error.message, "You don't have permissions to access this resource.");
  assert.equal(error.$metadata.httpStatusCode, 400);
  const accepted = (await susan.send(new sdk.AcceptHandshakeCommand({ HandshakeId: invited.Id }))).Handshake;
  assert.equal(accepted.State, 'ACCEPTED');
  const accounts = (await bill.send(new sdk.ListAccountsCommand({}))).Accounts.map((a) => a.Id).sort();
  assert.deepEqual(accounts, [BILL, SUSAN]);
  // A Simulator control, and the typed error of a caller that is no account of the world (AWS: an unknown key).
  const { Now } = engine.simulator('AdvanceTime', { Seconds: 86400 });
  assert.equal(Math.round(Now * 1000) - invited.RequestedTimestamp.getTime(), 86400 * 1000);
  let unknown;
  try { await client('999999999999').send(new sdk.ListHandshakesForAccountCommand({})); } catch (e) { unknown = e; }
  assert.ok(unknown instanceof sdk.OrganizationsServiceException);
  assert.deepEqual([unknown.name, unknown.message], ['UnrecognizedClientException', 'The security token included in the request is invalid.']);
  await assert.rejects(createEngine({ scenario: 'nope' }), { name: 'TypeError', message: /no scenario "nope" \(scenarios: docs, consolidated, transfer, empty\)/ });
});

test('TypeScript: a stranger\'s use of the API type-checks against the package\'s declarations, and a misuse does not', () => {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  fs.writeFileSync(path.join(project, 'use.ts'), `import { createPlayground, type Playground, type ResponseEvent } from 'handshake-playground';
import { HandshakePlaygroundElement } from 'handshake-playground/element';
import { createEngine, createEngineRequestHandler, credentialsFor } from 'handshake-playground/engine';

const pg: Playground = createPlayground(document.body, { scenario: 'docs', layout: 'two-parties', theme: 'dark', height: 600 });
const off: () => void = pg.on('response', (call: ResponseEvent) => { const s: number = call.status; void s; });
off();
async function run() {
  const r = await pg.send('InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'susan@example.com' } }, { caller: '111111111111' });
  const seq: number = r.seq;
  await pg.rewind(seq);
  const session = await pg.getSession();
  createPlayground(document.body, { session, readOnly: true });
  const el: HandshakePlaygroundElement = document.createElement('handshake-playground');
  await el.reset({ scenario: 'docs' });
  const engine = await createEngine({ scenario: 'docs' });
  const handler = createEngineRequestHandler(engine);
  const { status } = engine.handle('111111111111', 'AWSOrganizationsV20161128.ListRoots', '{}');
  return [handler.metadata.handlerProtocol, credentialsFor('111111111111').accessKeyId, status];
}
void run;
`);
  fs.writeFileSync(path.join(project, 'misuse.ts'), `import { createPlayground } from 'handshake-playground';
createPlayground(document.body, { layout: 'three-parties' });
`);
  // One compiler run over both files; the package's declarations are checked too (only the default libs are not).
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { noEmit: true, strict: true, skipDefaultLibCheck: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] },
    files: ['use.ts', 'misuse.ts'],
  }));
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  const errors = run.stdout.split('\n').filter((line) => /error TS/.test(line));
  assert.equal(errors.length, 1, run.stdout + run.stderr);
  assert.match(errors[0], /^misuse\.ts\(2,\d+\): error TS2322: Type '"three-parties"' is not assignable to type '"single" \| "two-parties"/);
});
