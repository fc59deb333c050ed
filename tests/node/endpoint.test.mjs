// AWS SDK for JavaScript v3 over real HTTP against scripts/endpoint (its own network stack, SigV4 signing).
// Run: node --test tests/node/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

// The SDK warns once per process that later releases will need node 22; the project runs on node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import {
  OrganizationsClient,
  InviteAccountToOrganizationCommand,
  DeclineHandshakeCommand,
  ListHandshakesForAccountCommand,
  HandshakeAlreadyInStateException,
} from '@aws-sdk/client-organizations';

const ENDPOINT = fileURLToPath(new URL('../../scripts/endpoint', import.meta.url));
const START_TIMEOUT_MS = 900_000;

let server;
let url;

async function simulator(control, body) {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `Simulator.${control}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `Simulator.${control} -> ${response.status} ${text}`);
  return JSON.parse(text);
}

function client(accountId) {
  return new OrganizationsClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

before(async () => {
  server = spawn(ENDPOINT, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout });
  url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('scripts/endpoint printed no URL')), START_TIMEOUT_MS);
    lines.once('line', (line) => { clearTimeout(timer); resolve(line.trim()); });
    server.once('exit', (code) => { clearTimeout(timer); reject(new Error(`scripts/endpoint exited ${code}`)); });
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

after(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  server.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});

test('SDK over HTTP: invite, list, decline, typed error', async () => {
  await simulator('Reset', { Seed: 1 });
  await simulator('CreateAccount', { Id: '111111111111', Name: 'Bill', Email: 'bill@example.com' });
  await simulator('CreateOrganization', { ManagementAccountId: '111111111111', Id: 'o-exampleorgid' });
  await simulator('CreateAccount', { Id: '222222222222', Name: 'Susan', Email: 'susan@example.com' });
  await simulator('SetTime', { Timestamp: 1789271046.11 });

  const bill = client('111111111111');
  const susan = client('222222222222');
  const hs = (await bill.send(new InviteAccountToOrganizationCommand({
    Target: { Type: 'EMAIL', Id: 'susan@example.com' },
  }))).Handshake;
  assert.equal(hs.State, 'OPEN');
  assert.ok(hs.RequestedTimestamp instanceof Date);

  const listed = await susan.send(new ListHandshakesForAccountCommand({}));
  assert.deepEqual(listed.Handshakes.map((h) => h.Id), [hs.Id]);
  assert.match(listed.$metadata.requestId, /^[0-9a-f-]{36}$/);

  const declined = (await susan.send(new DeclineHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
  assert.equal(declined.State, 'DECLINED');
  await assert.rejects(susan.send(new DeclineHandshakeCommand({ HandshakeId: hs.Id })), (e) => {
    assert.ok(e instanceof HandshakeAlreadyInStateException);
    assert.equal(e.message, 'The handshake is already in the requested state.');
    assert.equal(e.$metadata.httpStatusCode, 400);
    return true;
  });

  for (const c of [bill, susan]) c.destroy();
});

// ---- protection: Host header (DNS rebinding) and body size --------------------------------------------

import net from 'node:net';

const LIMIT = 4 * 1024 * 1024;

/** Open a raw connection to the endpoint; returns {socket, received(): string, closed: Promise}. */
function connect() {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  let data = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk) => { data += chunk; });
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const opened = new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  return { socket, opened, closed, received: () => data };
}

async function until(check, ms = 5000, what = null) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out${what ? `: ${what()}` : ""}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function parseResponse(text) {
  const [head, ...rest] = text.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

function post(host, body, extra = '') {
  return `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Simulator.DescribeWorld\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

test('a request for a foreign Host (DNS rebinding) is refused with an AWS-shaped 421 and runs nothing', async () => {
  const { port } = new URL(url);
  await simulator('Reset', { Seed: 3 });
  for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', `evil.localhost:${port}`]) {
    const c = connect();
    await c.opened;
    const create = JSON.stringify({ Id: '333333333333', Name: 'Rebound', Email: 'r@example.com' });
    c.socket.write(post(host, create).replace('Simulator.DescribeWorld', 'Simulator.CreateAccount'));
    await c.closed;
    const r = parseResponse(c.received());
    assert.equal(r.status, 421, `Host ${host}: ${c.received()}`);
    assert.match(r.headers['content-type'], /^application\/x-amz-json-1\.1/);
    const body = JSON.parse(r.body);
    assert.equal(body.__type, 'InvalidHostHeaderException');
    assert.match(body.Message, /127\.0\.0\.1:\d+/);
  }
  const world = await simulator('DescribeWorld', {});
  assert.deepEqual(world.Accounts.map((a) => a.Id), [], 'no refused request reached the engine');
});

test('the loopback names with the endpoint\'s port are accepted as Host', async () => {
  const { port } = new URL(url);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    const c = connect();
    await c.opened;
    c.socket.write(post(host, '{}', 'Connection: close\r\n'));
    await c.closed;
    assert.equal(parseResponse(c.received()).status, 200, `Host ${host}: ${c.received()}`);
  }
});

test('a declared Content-Length over 4 MiB gets 413 at once, before any of the body is sent', async () => {
  for (const length of [LIMIT + 1, 5 * 1024 ** 3]) {
    const c = connect();
    await c.opened;
    const started = Date.now();
    c.socket.write(`POST / HTTP/1.1\r\nHost: ${new URL(url).host}\r\nX-Amz-Target: Simulator.DescribeWorld\r\nContent-Length: ${BigInt(Math.round(length))}\r\n\r\n`);
    await until(() => c.received().includes('\r\n\r\n') && c.received().includes('}'), 5000, () => JSON.stringify([length, c.received()]));
    assert.ok(Date.now() - started < 3000, 'answered without waiting for the body');
    const r = parseResponse(c.received());
    assert.equal(r.status, 413, c.received());
    assert.equal(r.headers.connection, 'close');
    assert.equal(JSON.parse(r.body).__type, 'RequestEntityTooLargeException');
    await c.closed;
  }
  // A length too large to parse is refused at once too (by node's HTTP parser, with an AWS-shaped body).
  {
    const c = connect();
    await c.opened;
    c.socket.write(`POST / HTTP/1.1\r\nHost: ${new URL(url).host}\r\nX-Amz-Target: Simulator.DescribeWorld\r\nContent-Length: ${'9'.repeat(40)}\r\n\r\n`);
    await c.closed;
    const r = parseResponse(c.received());
    assert.ok(r.status === 400 || r.status === 413, c.received());
    assert.match(JSON.parse(r.body).__type, /Exception$/);
  }
  // The same with "Expect: 100-continue": 413 instead of "100 Continue".
  const c = connect();
  await c.opened;
  c.socket.write(`POST / HTTP/1.1\r\nHost: ${new URL(url).host}\r\nX-Amz-Target: Simulator.DescribeWorld\r\nExpect: 100-continue\r\nContent-Length: ${LIMIT * 2}\r\n\r\n`);
  await c.closed;
  assert.doesNotMatch(c.received(), /100 Continue/);
  assert.equal(parseResponse(c.received()).status, 413);
});

test('a chunked body is not read past 4 MiB: 413 as soon as it passes the limit, connection closed', async () => {
  const c = connect();
  await c.opened;
  c.socket.write(`POST / HTTP/1.1\r\nHost: ${new URL(url).host}\r\nX-Amz-Target: Simulator.DescribeWorld\r\nTransfer-Encoding: chunked\r\n\r\n`);
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  let sent = 0;
  let writeFailed = false;
  c.socket.on('error', () => { writeFailed = true; });
  // Keep sending (up to 64 MiB) until the endpoint answers; it must answer near the limit, not at the end.
  while (!c.received().includes('\r\n\r\n') && sent < 64 * 1024 * 1024 && !writeFailed && !c.socket.destroyed) {
    c.socket.write(`${chunk.length.toString(16)}\r\n`);
    c.socket.write(chunk);
    const ok = c.socket.write('\r\n');
    sent += chunk.length;
    if (!ok) await Promise.race([new Promise((r) => c.socket.once('drain', r)), c.closed, new Promise((r) => setTimeout(r, 200))]);
  }
  await until(() => c.received().includes('}') || c.socket.destroyed);
  const r = parseResponse(c.received());
  assert.equal(r.status, 413, c.received().slice(0, 300));
  assert.ok(sent < 32 * 1024 * 1024, `answered after ${sent} bytes`);
  c.socket.destroy();
  // The endpoint still works.
  assert.ok(Array.isArray((await simulator('DescribeWorld', {})).Accounts));
});

test('bytes after the declared Content-Length are not part of the body', async () => {
  // "{}" is the whole declared body; what follows is read as the next request on the connection.
  const c = connect();
  await c.opened;
  const host = new URL(url).host;
  c.socket.write(`${post(host, '{}').replace('Content-Length: 2', 'Content-Length: 2')}${post(host, '{}', 'Connection: close\r\n')}`);
  await c.closed;
  const answers = c.received().split(/(?=HTTP\/1\.1 )/);
  assert.equal(answers.length, 2, c.received().slice(0, 400));
  for (const a of answers) {
    const r = parseResponse(a);
    assert.equal(r.status, 200, a.slice(0, 300));
    assert.ok(Array.isArray(JSON.parse(r.body).Accounts));
  }
});

test('a body of exactly 4 MiB is still read and answered', async () => {
  const body = `{"Pad":"${'a'.repeat(LIMIT - 10)}"}`;
  assert.equal(Buffer.byteLength(body), LIMIT);
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Simulator.DescribeWorld' },
    body,
  });
  // The endpoint reads it and hands it to the engine (which has limits of its own per target).
  const text = await response.text();
  assert.doesNotMatch(text, /the limit is 4194304 bytes/, text);
  assert.ok(response.status === 200 || JSON.parse(text).__type, text);
});
