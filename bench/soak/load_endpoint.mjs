// Load on scripts/endpoint: starts it on a free loopback port, sets up 10 organizations and 90
// standalone accounts, then runs 100 concurrent keep-alive clients (one account each) for a bounded
// time, and prints one JSON line: requests, throughput, latency p50/p90/p99/max, statuses, errors.
// Errors are transport failures and statuses other than 200 and 400 (400s are expected refusals,
// e.g. a duplicate invitation, and are counted apart).
//   node bench/soak/load_endpoint.mjs [SECONDS] [CLIENTS]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.argv[2] ?? 20);
const clients = Number(process.argv[3] ?? 100);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AWS = 'AWSOrganizationsV20161128.';

const server = spawn(join(root, 'scripts', 'endpoint'), ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const line = out.split('\n')[0];
    if (out.includes('\n')) resolve(line.trim());
  });
  server.on('exit', (code) => reject(new Error(`endpoint exited (${code})`)));
  setTimeout(() => reject(new Error('endpoint did not start in 120 s')), 120000).unref();
});
const { hostname, port } = new URL(url);
if (hostname !== '127.0.0.1') throw new Error(`not loopback: ${url}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

function post(caller, target, body) {
  return new Promise((resolve) => {
    const data = Buffer.from(body);
    const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, 'Content-Length': data.length };
    if (caller) {
      headers.Authorization = `AWS4-HMAC-SHA256 Credential=${caller}/20260101/us-east-1/organizations/aws4_request, ` +
        'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0';
      headers['X-Amz-Date'] = '20260101T000000Z';
    }
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ status: 0, body: String(e) }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end(data);
  });
}

const account = (i) => `3000000000${String(i).padStart(2, '0')}`;
const ORGS = 10;
await post('', 'Simulator.SetSettings', '{"AccountLimit":100000}');
for (let i = 0; i < clients; i += 1) {
  await post('', 'Simulator.CreateAccount', `{"Id":"${account(i)}","Name":"C${i}","Email":"c${i}@example.com"}`);
  if (i < ORGS) await post('', 'Simulator.CreateOrganization', `{"ManagementAccountId":"${account(i)}"}`);
}

const latencies = [];
const statuses = {};
let errors = 0;
const sampleErrors = [];
const deadline = Date.now() + seconds * 1000;
async function client(i) {
  let n = 0;
  while (Date.now() < deadline) {
    n += 1;
    let target, body;
    if (i < ORGS) {
      const pick = n % 4;
      if (pick === 0) { target = 'InviteAccountToOrganization'; body = `{"Target":{"Type":"ACCOUNT","Id":"${account(ORGS + ((i * 7 + n) % (clients - ORGS)))}"}}`; }
      else if (pick === 1) { target = 'DescribeOrganization'; body = '{}'; }
      else { target = 'ListHandshakesForOrganization'; body = '{"MaxResults":20}'; }
    } else {
      const pick = n % 3;
      if (pick === 0) { target = 'ListHandshakesForAccount'; body = '{"MaxResults":20}'; }
      else if (pick === 1) { target = 'DescribeAccount'; body = `{"AccountId":"${account(i)}"}`; }
      else { target = 'DescribeOrganization'; body = '{}'; }
    }
    const t0 = process.hrtime.bigint();
    const r = await post(account(i), AWS + target, body);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status !== 200 && r.status !== 400) {
      errors += 1;
      if (sampleErrors.length < 5) sampleErrors.push(`${r.status} ${target}: ${r.body.slice(0, 200)}`);
    }
  }
}
const start = Date.now();
await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
const elapsed = (Date.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 100) / 100 : null;
process.stdout.write(`${JSON.stringify({
  clients, seconds: elapsed, requests: latencies.length, per_second: Math.round(latencies.length / elapsed),
  p50_ms: q(0.5), p90_ms: q(0.9), p99_ms: q(0.99), max_ms: q(1), statuses, errors, sample_errors: sampleErrors,
})}\n`);
agent.destroy();
server.kill('SIGTERM');
process.exit(errors === 0 ? 0 : 1);
