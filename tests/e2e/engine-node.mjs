// The site's WebAssembly engine under node (the same artifact the page runs), for tests that need real
// engine answers without a browser: engine.call(caller, target, body) -> {status, body}.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SITE, checkSite } from './harness.mjs';

export async function nodeEngine() {
  checkSite();
  globalThis.window ??= globalThis;
  const { default: factory } = await import(pathToFileURL(path.join(SITE, 'handshake-engine.mjs')).href);
  const instance = await factory({ wasmBinary: fs.readFileSync(path.join(SITE, 'handshake-engine.wasm')) });
  return {
    call(caller, target, body) {
      const result = instance.handle(String(caller ?? ''), target, typeof body === 'string' ? body : JSON.stringify(body));
      const out = { status: Number(result.status), body: String(result.body) };
      if (typeof result.delete === 'function') result.delete();
      return out;
    },
  };
}

/**
 * A session recorder over a node engine, mirroring what the page does: build a scenario (its steps are not
 * part of the session), then record calls. session() gives the object session.mjs encodes.
 */
export async function recorder(scenario, seed = 0) {
  const { SCENARIOS_BY_ID, buildScenario } = await import('../../web/scenarios.mjs');
  const { digest } = await import('../../web/session.mjs');
  const engine = await nodeEngine();
  await buildScenario(async (control, request) => engine.call('', `Simulator.${control}`, request), SCENARIOS_BY_ID.get(scenario), { seed });
  const calls = [];
  const api = {
    engine,
    call(caller, target, body) {
      const full = target.includes('.') ? target : `AWSOrganizationsV20161128.${target}`;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const result = engine.call(caller ?? '', full, text);
      calls.push({ caller, target: full, body: text, status: result.status });
      // Operations with no output answer 200 with an empty body, as AWS does.
      return { status: result.status, body: result.body === '' ? {} : JSON.parse(result.body) };
    },
    session() {
      const world = JSON.parse(engine.call('', 'Simulator.DescribeWorld', '{}').body);
      return { scenario, seed, now: world.Now, worldDigest: digest(engine.call('', 'Simulator.ExportWorld', '{}').body), calls: [...calls] };
    },
  };
  return api;
}

/**
 * The docs scenario with its account limit raised and `count` invitations from Bill to new addresses:
 * {snapshot: Simulator.ExportWorld's body, ids: the handshakes' ids, in order}.
 */
export async function invitationsWorld(count) {
  const engine = await nodeEngine();
  const { SCENARIOS_BY_ID, buildScenario } = await import('../../web/scenarios.mjs');
  await buildScenario(async (control, request) => engine.call('', `Simulator.${control}`, request), SCENARIOS_BY_ID.get('docs'), { seed: 0 });
  const settings = engine.call('', 'Simulator.SetSettings', '{"AccountLimit": 1000000}');
  if (settings.status !== 200) throw new Error(`SetSettings: ${settings.body}`);
  const ids = [];
  for (let i = 0; i < count; i++) {
    const r = engine.call('111111111111', 'AWSOrganizationsV20161128.InviteAccountToOrganization', JSON.stringify({ Target: { Type: 'EMAIL', Id: `invitee${i}@example.com` } }));
    if (r.status !== 200) throw new Error(`invitation ${i}: ${r.body}`);
    ids.push(JSON.parse(r.body).Handshake.Id);
  }
  return { snapshot: engine.call('', 'Simulator.ExportWorld', '{}').body, ids };
}

/** A realistic 50-call session on the docs scenario: invitations, answers, look-ups, errors, clock moves. */
export async function fiftyCallSession(seed = 7) {
  const r = await recorder('docs', seed);
  const BILL = '111111111111';
  const SUSAN = '222222222222';
  const JUAN = '333333333333';
  const invite = (target, notes) => r.call(BILL, 'InviteAccountToOrganization', { Target: target, ...(notes ? { Notes: notes } : {}) }).body.Handshake;
  for (let round = 0; r.session().calls.length < 50; round++) {
    const susan = invite({ Type: 'EMAIL', Id: 'susan@example.com' }, `Round ${round}: welcome to o-exampleorgid`);
    r.call(SUSAN, 'ListHandshakesForAccount', {});
    r.call(SUSAN, 'DescribeHandshake', { HandshakeId: susan.Id });
    r.call(BILL, 'AcceptHandshake', { HandshakeId: susan.Id });
    r.call(SUSAN, round % 2 ? 'DeclineHandshake' : 'AcceptHandshake', { HandshakeId: susan.Id });
    const juan = invite({ Type: 'ACCOUNT', Id: JUAN });
    r.call(JUAN, 'CancelHandshake', { HandshakeId: juan.Id });
    r.call(BILL, 'CancelHandshake', { HandshakeId: juan.Id });
    r.call(BILL, 'CancelHandshake', { HandshakeId: juan.Id });
    r.call(BILL, 'ListHandshakesForOrganization', {});
    r.call(BILL, 'ListAccounts', {});
    if (round % 2 === 0) r.call(BILL, 'RemoveAccountFromOrganization', { AccountId: SUSAN });
    r.call(null, 'Simulator.AdvanceTime', { Seconds: 86400 });
  }
  const session = r.session();
  session.calls = session.calls.slice(0, 50);
  // Replaying exactly 50 calls: recompute the world those 50 reach.
  const again = await recorder('docs', seed);
  for (const call of session.calls) again.call(call.caller, call.target, call.body);
  return again.session();
}
