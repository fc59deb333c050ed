// WASM soak: the workload of soak_native.cpp (the same calls in the same order) through the WebAssembly
// engine (build/site/handshake-engine.mjs). One JSON line per checkpoint (every CALLS/10 calls): calls,
// stored handshakes (counted in the export), export bytes, wasm linear memory, node RSS and heap.
//   node bench/soak/soak_wasm.mjs [CALLS]
import { loadEngine } from '../../tools/endpoint-engine.mjs';

const calls = Number(process.argv[2] ?? 1000000);
const engine = await loadEngine();
const AWS = 'AWSOrganizationsV20161128.';
const ORGS = 10, ACCOUNTS = 200;
const mgmt = (o) => `1000000000${String(o).padStart(2, '0')}`;
const standalone = (s) => `200000000${String(s).padStart(3, '0')}`;

let state = 88172645463325252n;
const MASK = (1n << 64n) - 1n;
function rnd() {  // xorshift64, as in soak_native.cpp
  state ^= (state << 13n) & MASK;
  state ^= state >> 7n;
  state ^= (state << 17n) & MASK;
  return Number(state >> 32n);
}

const status = { ok: 0, refused: 0, other: 0 };
function call(caller, target, body) {
  const r = engine.handle(caller, target, body);
  if (r.status === 200) status.ok += 1;
  else if (r.status === 400) status.refused += 1;
  else {
    status.other += 1;
    process.stderr.write(`status ${r.status}: ${target} ${body} -> ${r.body}\n`);
  }
  return r;
}

call('', 'Simulator.SetSettings', '{"AccountLimit":100000}');
for (let o = 0; o < ORGS; o += 1) {
  call('', 'Simulator.CreateAccount', `{"Id":"${mgmt(o)}","Name":"M","Email":"m${o}@example.com"}`);
  call('', 'Simulator.CreateOrganization', `{"ManagementAccountId":"${mgmt(o)}"}`);
}
for (let s = 0; s < ACCOUNTS; s += 1) {
  call('', 'Simulator.CreateAccount', `{"Id":"${standalone(s)}","Name":"S","Email":"s${s}@example.com"}`);
}

function wasmBytes() {
  for (const key of ['HEAPU8', 'HEAP8', 'wasmMemory']) {
    const v = engine[key];
    if (v && v.buffer) return v.buffer.byteLength;
    if (v && v.byteLength !== undefined) return v.byteLength;
  }
  return null;
}

function checkpoint(done) {
  const exp = engine.handle('', 'Simulator.ExportWorld', '{}').body;
  const stored = (exp.match(/"Id":"h-[0-9a-f]{32}"/g) ?? []).length;
  const mem = process.memoryUsage();
  const now = JSON.parse(engine.handle('', 'Simulator.AdvanceTime', '{"Seconds":0}').body).Now;
  process.stdout.write(`${JSON.stringify({
    calls: done, stored_handshakes: stored, export_bytes: exp.length, wasm_memory: wasmBytes(),
    rss_kib: Math.round(mem.rss / 1024), js_heap_used_kib: Math.round(mem.heapUsed / 1024), now: Math.floor(now),
    ...status,
  })}\n`);
}

const open = [];
const members = [];
checkpoint(0);
const every = Math.max(1, Math.floor(calls / 10));
for (let i = 1; i <= calls; i += 1) {
  const k = rnd() % 100;
  if (k < 30) {
    const o = rnd() % ORGS, s = rnd() % ACCOUNTS;
    const r = call(mgmt(o), `${AWS}InviteAccountToOrganization`, `{"Target":{"Type":"ACCOUNT","Id":"${standalone(s)}"}}`);
    if (r.status === 200) {
      const p = r.body.indexOf('"Id":"h-');
      if (p >= 0) {
        if (open.length >= 4000) open.splice(0, 1000);
        open.push({ id: r.body.slice(p + 6, p + 40), org: o, acct: s });
      }
    }
  } else if (k < 65 && open.length > 0) {
    const j = rnd() % open.length;
    const h = open[j];
    const body = `{"HandshakeId":"${h.id}"}`;
    if (k < 45) {
      if (call(standalone(h.acct), `${AWS}AcceptHandshake`, body).status === 200) members.push([h.acct, h.org]);
    } else if (k < 55) {
      call(standalone(h.acct), `${AWS}DeclineHandshake`, body);
    } else {
      call(mgmt(h.org), `${AWS}CancelHandshake`, body);
    }
    open[j] = open[open.length - 1];
    open.pop();
  } else if (k < 78 && open.length > 0) {
    const h = open[rnd() % open.length];
    call(standalone(h.acct), `${AWS}DescribeHandshake`, `{"HandshakeId":"${h.id}"}`);
  } else if (k < 88) {
    call(mgmt(rnd() % ORGS), `${AWS}ListHandshakesForOrganization`, '{"MaxResults":20}');
  } else if (k < 95 && members.length > 0) {
    const j = rnd() % members.length;
    const [acct, org] = members[j];
    call(mgmt(org), `${AWS}RemoveAccountFromOrganization`, `{"AccountId":"${standalone(acct)}"}`);
    members[j] = members[members.length - 1];
    members.pop();
  } else {
    call('', 'Simulator.AdvanceTime', '{"Seconds":21600}');
  }
  if (i % every === 0) checkpoint(i);
}
process.exit(status.other === 0 ? 0 : 1);
