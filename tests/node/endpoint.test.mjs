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
