// Two builds of the engine side by side, under node: the calls the page makes most, in the same
// 1,000-handshake world (tests/e2e/engine-node.mjs invitationsWorld), rounds alternating between the builds.
// Prints µs per call (CPU), the median round of each. For a before/after of a change to core/:
//
//   node bench/engine_compare.mjs DIR_A DIR_B [rounds]
//
// DIR_A and DIR_B each hold handshake-engine.mjs and .wasm (a build/site, or a copy of one).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { invitationsWorld } from '../tests/e2e/engine-node.mjs';

const [dirA, dirB, roundsArg] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node bench/engine_compare.mjs DIR_A DIR_B [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 7);
const AWS = 'AWSOrganizationsV20161128.';
const BILL = '111111111111';

async function engineFrom(dir) {
  const { default: factory } = await import(pathToFileURL(path.resolve(dir, 'handshake-engine.mjs')).href);
  const engine = await factory({ wasmBinary: fs.readFileSync(path.resolve(dir, 'handshake-engine.wasm')) });
  return (caller, target, body) => {
    const r = engine.handle(caller, target, body);
    const answer = { status: Number(r.status), body: String(r.body) };
    if (typeof r.delete === 'function') r.delete();
    return answer;
  };
}

const { snapshot, ids } = await invitationsWorld(1000);
const builds = [];
for (const dir of [dirA, dirB]) {
  const call = await engineFrom(dir);
  const imported = call('', 'Simulator.ImportWorld', snapshot);
  if (imported.status !== 200) throw new Error(`${dir}: ImportWorld answered ${imported.status}: ${imported.body}`);
  builds.push({ dir, call, times: new Map() });
}
const calls = [
  ['DescribeHandshake', BILL, `${AWS}DescribeHandshake`, JSON.stringify({ HandshakeId: ids[0] }), 2000],
  ['ListHandshakesForOrganization page', BILL, `${AWS}ListHandshakesForOrganization`, '{"MaxResults":20}', 500],
  ['ListAccounts', BILL, `${AWS}ListAccounts`, '{}', 2000],
  ['DescribeOrganization', BILL, `${AWS}DescribeOrganization`, '{}', 2000],
  ['Simulator.DescribeWorld', '', 'Simulator.DescribeWorld', '{}', 20],
  ['Simulator.ImportWorld', '', 'Simulator.ImportWorld', snapshot, 5],
];
for (let r = 0; r < rounds; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    for (const [name, caller, target, body, n] of calls) {
      const start = process.cpuUsage();
      for (let i = 0; i < n; i++) b.call(caller, target, body);
      const used = process.cpuUsage(start);
      if (!b.times.has(name)) b.times.set(name, []);
      b.times.get(name).push((used.user + used.system) / n);
    }
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
console.log(`| call (1,000 handshakes), µs per call, median of ${rounds} rounds | ${dirA} | ${dirB} | B / A |`);
console.log('|---|---:|---:|---:|');
for (const [name] of calls) {
  const a = median(builds[0].times.get(name)), b = median(builds[1].times.get(name));
  console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)}x |`);
}
