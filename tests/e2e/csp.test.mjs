// The site under its real header policy (tools/site-headers.json, served by tools/serve-site.mjs):
// every file carries the headers, the engine runs on the page and workers run with no eval, a request gets its answer,
// and nothing breaks the policy. Also: MIME types, path traversal, Host, frame-ancestors.
// Run: node --test tests/e2e/csp.test.mjs   (needs build/site: scripts/build --wasm)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { SITE, assertNoProblems, send, setup, shot } from './harness.mjs';
import { TEST_FRAME_ANCESTORS, siteHeaders, startServer } from './serve.mjs';
import { startServer as startSiteServer } from '../../tools/serve-site.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function directives(csp) {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.name.startsWith('.')) return [];
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** One raw HTTP/1.1 request (no URL normalisation on the way): {status, headers, body}. */
function raw(port, requestPath, host = `127.0.0.1:${port}`) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (c) => { data += c; });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers: Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()])),
        body: rest.join('\r\n\r\n'),
      });
    });
    socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  });
}

test('the policy: scripts only from the site, WebAssembly compile allowed, no eval, no inline script', () => {
  for (const headers of [siteHeaders(), env.server.headers]) {
    const csp = directives(headers['Content-Security-Policy']);
    assert.deepEqual(csp.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('worker-src'), ["'self'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    const sources = [...csp.values()].flat();
    for (const loose of ["'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "'strict-dynamic'", '*', 'data:', 'blob:']) {
      assert.ok(!csp.get('script-src').includes(loose) && !csp.get('worker-src').includes(loose), `${loose} in script-src or worker-src`);
    }
    assert.ok(!sources.includes("'unsafe-eval'") && !sources.includes("'unsafe-inline'"), headers['Content-Security-Policy']);
    assert.equal(headers['X-Content-Type-Options'], 'nosniff');
    assert.equal(headers['Referrer-Policy'], 'no-referrer');
  }
  // scripts/playground: only the site itself may frame the page unless origins are added.
  assert.deepEqual(directives(siteHeaders()['Content-Security-Policy']).get('frame-ancestors'), ["'self'"]);
  assert.deepEqual(directives(siteHeaders({ frameAncestors: 'https://docs.example.com' })['Content-Security-Policy']).get('frame-ancestors'), ["'self'", 'https://docs.example.com']);
  assert.deepEqual(directives(env.server.headers['Content-Security-Policy']).get('frame-ancestors'), ["'self'", ...TEST_FRAME_ANCESTORS]);
  for (const bad of ["'unsafe-inline'", 'https://a.example; script-src *', 'https://a.example,evil', '"x"']) {
    assert.throws(() => siteHeaders({ frameAncestors: bad }), /not a frame-ancestors source/, bad);
  }
});

test('every file of the site, and every error, carries the headers; MIME types are exact', async () => {
  const files = filesUnder(SITE);
  assert.ok(files.some((f) => /^engine-worker(?:\.[A-Z0-9]{8})?\.mjs$/.test(f)) && files.includes('handshake-engine.wasm'), files.join(' '));
  const expected = env.server.headers;
  const check = (response, what) => {
    for (const name of ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']) {
      assert.equal(response.headers.get(name), expected[name], `${name} of ${what}`);
    }
  };
  for (const file of files) {
    const response = await fetch(new URL(file, env.server.url));
    assert.equal(response.status, 200, file);
    check(response, file);
    await response.arrayBuffer();
    const type = response.headers.get('content-type');
    if (file.endsWith('.wasm')) assert.equal(type, 'application/wasm');
    if (file.endsWith('.mjs') || file.endsWith('.js')) assert.match(type, /^text\/javascript\b/, file);
    if (file.endsWith('.html')) assert.match(type, /^text\/html\b/, file);
    if (file.endsWith('.json')) assert.match(type, /^application\/json\b/, file);
  }
  const missing = await fetch(new URL('no-such-file.mjs', env.server.url));
  assert.equal(missing.status, 404);
  check(missing, '404');
  const posted = await fetch(env.server.url, { method: 'POST', body: 'x' });
  assert.equal(posted.status, 405);
  check(posted, '405');
});

test('no path leaves the site, hidden files are not served, only loopback Host names are answered', async () => {
  const { port } = env.server;
  for (const p of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/examples/../../package.json', '/..\\package.json', '/%00index.html', '/%E0%A4%A']) {
    const r = await raw(port, p);
    assert.ok([400, 403, 404].includes(r.status), `${p} -> ${r.status}`);
    assert.doesNotMatch(r.body, /"name"|root:/, p);
    assert.ok(r.headers['content-security-policy'], `headers on the refusal of ${p}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-serve-'));
  fs.mkdirSync(path.join(dir, 'www'));
  fs.writeFileSync(path.join(dir, 'www', '.hidden'), 'secret');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'secret');
  fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(dir, 'www', 'link.txt'));
  fs.writeFileSync(path.join(dir, 'www', 'ok.txt'), 'ok');
  const other = await startSiteServer(path.join(dir, 'www'), { port: 0 });
  try {
    assert.equal((await raw(other.port, '/ok.txt')).status, 200);
    assert.equal((await raw(other.port, '/.hidden')).status, 404);
    assert.equal((await raw(other.port, '/link.txt')).status, 403, 'a symbolic link out of the root');
  } finally {
    await other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal((await raw(port, '/index.html', `localhost:${port}`)).status, 200);
  for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1:${port + 1}`]) {
    const r = await raw(port, '/index.html', host);
    assert.equal(r.status, 421, host);
    assert.doesNotMatch(r.body, /<html/);
  }
});

test('the shipped engine holds no eval and no new Function', () => {
  const text = fs.readFileSync(path.join(SITE, 'handshake-engine.mjs'), 'utf8');
  assert.doesNotMatch(text, /new Function\s*\(/);
  assert.doesNotMatch(text, /\beval\s*\(/);
});

test('the page works under the header policy: the engine on the page, a worker, a request answered, no violation', async () => {
  const { page, context, problems } = await env.open({ wait: false });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const violations = [];
  page.on('console', (msg) => { if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text()); });
  const response = await page.goto(env.server.url);
  assert.equal(response.headers()['content-security-policy'], env.server.headers['Content-Security-Policy']);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });

  // A real request through the page's own send button, answered by the engine (WebAssembly compiled under
  // 'wasm-unsafe-eval', on the page).
  const result = await send(page, 'InviteAccountToOrganization');
  assert.match(result.status, /^HTTP 200/);
  assert.match(result.body, /"State": "OPEN"/);

  // A worker runs under the policy (it has no meta tag: the header of its response): string evaluation is
  // refused in it and reported. The session's encoder is one (it starts with the first save of a session with
  // calls). (Code run by the test tool itself is exempt from CSP, so the probe is a string handed to setTimeout,
  // which the policy governs like eval.)
  await page.waitForFunction(() => document.documentElement.dataset.pending === '0');
  const worker = page.workers().find((w) => /\/session-worker(?:\.[A-Z0-9]{8})?\.mjs$/.test(w.url()));
  assert.ok(worker, `the session encoder's worker exists: ${page.workers().map((w) => w.url()).join(' ')}`);
  const probe = await worker.evaluate(() => new Promise((resolve) => {
    self.__ran = false;
    self.addEventListener('securitypolicyviolation', (e) => resolve({ ran: self.__ran, directive: e.effectiveDirective || e.violatedDirective }), { once: true });
    setTimeout('self.__ran = true', 0);
    setTimeout(() => resolve({ ran: self.__ran, directive: null }), 2000);
  }));
  assert.deepEqual(probe, { ran: false, directive: 'script-src' }, 'string evaluation in the worker');
  assert.equal(await worker.evaluate(() => self.__ran), false);
  await shot(page, 'csp-page');

  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'securitypolicyviolation events');
  assert.deepEqual(violations, [], 'CSP console messages');
  assertNoProblems(problems);

  // The detector works: string evaluation in the page is refused and reported.
  await page.evaluate(() => { window.__ran = false; setTimeout('window.__ran = true', 0); });
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.match((await page.evaluate(() => window.__violations))[0], /^script-src/);
  assert.equal(await page.evaluate(() => window.__ran), false);
});

test('frame-ancestors: with the default headers a page of another origin cannot frame the playground', async () => {
  const site = await startSiteServer(SITE, { port: 0 });   // what scripts/playground serves, no extra origins
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-csp-host-'));
  fs.writeFileSync(path.join(dir, 'host.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>other site</title></head><body><iframe title="playground" src="${site.url}index.html?embed=1"></iframe></body></html>`);
  const host = await startServer(dir);
  try {
    const { page } = await env.open({ wait: false });
    const messages = [];
    page.on('console', (msg) => messages.push(msg.text()));
    await page.goto(`${host.url}host.html`);
    await page.waitForTimeout(1500);
    const framed = page.frames().find((f) => f.url().startsWith(site.url));
    const ready = framed ? await framed.evaluate(() => document.documentElement.dataset.ready).catch(() => null) : null;
    assert.notEqual(ready, 'true', 'the framed playground must not run');
    assert.ok(messages.some((m) => /frame-ancestors/.test(m)), `a frame-ancestors refusal is reported: ${messages.join(' | ')}`);
  } finally {
    await host.close();
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
