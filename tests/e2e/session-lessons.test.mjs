// Share links, session files, the lesson check language and the lesson files, under node: formats, limits,
// hostile input, and every lesson solved step by step against the real engine (the site's WebAssembly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CURRENT_FORMAT, LIMITS, SessionError, decodeLink, deflate, digest, encodeLink, fromBase64Url, parseSessionFile,
  toBase64Url, toSessionFile,
} from '../../web/session.mjs';
import { LessonError, evaluate, partialMatch, validateCheck, validateIndex, validateLesson } from '../../web/checks.mjs';
import { SCENARIOS, SCENARIOS_BY_ID, buildScenario } from '../../web/scenarios.mjs';
import { fiftyCallSession, nodeEngine, recorder } from './engine-node.mjs';

const scenarios = new Set(SCENARIOS.map((s) => s.id));
const LESSONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'lessons');
const BILL = '111111111111';
const SUSAN = '222222222222';
const JUAN = '333333333333';
const ANIKA = '444444444444';

const sample = {
  scenario: 'docs', seed: 3, now: 1789271046.11, worldDigest: 'fnv1a64:0123456789abcdef',
  calls: [
    { caller: BILL, target: 'AWSOrganizationsV20161128.InviteAccountToOrganization', body: '{"Target":{"Type":"EMAIL","Id":"susan@example.com"}}', status: 200 },
    { caller: null, target: 'Simulator.AdvanceTime', body: '{"Seconds":86400}', status: 200 },
    { caller: BILL, target: 'AWSOrganizationsV20161128.DescribeHandshake', body: '{"HandshakeId": ', status: 400 },
    { caller: BILL, target: 'AWSOrganizationsV20161128.<svg onload=alert(1)>', body: '"just a string"', status: 400 },
    { caller: '', target: 'Simulator.CreateAccount', body: '{ "Name" : "spaced" , "Email": "x@example.com" }', status: 200 },
  ],
};

async function rejects(promise, pattern) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof SessionError, `${err && err.name}: ${err && err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test('FNV-1a 64 digests match the reference values', () => {
  assert.equal(digest(''), 'fnv1a64:cbf29ce484222325');
  assert.equal(digest('a'), 'fnv1a64:af63dc4c8601ec8c');
  assert.equal(digest('foobar'), 'fnv1a64:85944171f73967e8');
});

test('base64url round trips every byte value', () => {
  const bytes = new Uint8Array(700).map((_, i) => (i * 37) & 0xff);
  const text = toBase64Url(bytes);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(fromBase64Url(text), bytes);
});

test('a session survives the link and the file exactly, raw bodies included', async () => {
  const fragment = await encodeLink(sample);
  assert.match(fragment, new RegExp(`^s=${CURRENT_FORMAT}\\.[zj]\\.[A-Za-z0-9_-]+$`));
  assert.deepEqual(await decodeLink(fragment, { scenarios }), sample);
  const file = JSON.stringify(toSessionFile(sample));
  assert.deepEqual(parseSessionFile(file, { scenarios }), sample);
  // A tiny session is shorter as plain JSON; a long one compresses.
  assert.match(await encodeLink({ ...sample, calls: [] }), /^s=1\.j\./);
  assert.match(await encodeLink({ ...sample, calls: Array(30).fill(sample.calls[0]) }), /^s=1\.z\./);
});

test('a 50-call session makes a link of well under 2,000 characters', async () => {
  const session = await fiftyCallSession();
  assert.equal(session.calls.length, 50);
  const fragment = await encodeLink(session);
  const link = `https://playground.example.com/#${fragment}`;
  process.stdout.write(`# 50-call session: ${JSON.stringify(session).length} characters of JSON, link ${link.length} characters (fragment ${fragment.length})\n`);
  assert.ok(link.length < 2000, `link is ${link.length} characters`);
  assert.deepEqual(await decodeLink(fragment, { scenarios }), session);
});

test('damaged and hostile links are refused with a reason', async () => {
  const good = await encodeLink({ ...sample, calls: Array(30).fill(sample.calls[0]) });
  await rejects(decodeLink(good.slice(0, Math.floor(good.length * 0.6)), { scenarios }), /damaged|cut short/);
  await rejects(decodeLink(good.replace(/^s=1\./, 's=2.'), { scenarios }), /format 2, made by a newer version of the playground; this page reads format 1/);
  await rejects(decodeLink(good.replace(/^s=1\./, 's=0.'), { scenarios }), /no valid format version/);
  await rejects(decodeLink('s=99', { scenarios }), /damaged|format/);
  await rejects(decodeLink('s=1.q.AAAA', { scenarios }), /encoding \("q"\)/);
  await rejects(decodeLink('s=1.z.<script>alert(1)</script>', { scenarios }), /characters a share link never has/);
  const random = toBase64Url(Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 251));
  await rejects(decodeLink(`s=1.z.${random}`, { scenarios }), /damaged/);
  await rejects(decodeLink(`s=1.j.${random}`, { scenarios }), /damaged/);
  await rejects(decodeLink(`s=1.z.${'A'.repeat(LIMITS.fragment + 10)}`, { scenarios }), /characters long/);
  // A small link that inflates to far more than the limit (a "zip bomb").
  const bomb = toBase64Url(await deflate(new Uint8Array(LIMITS.json * 5).fill(32)));
  assert.ok(bomb.length < 20000);
  await rejects(decodeLink(`s=1.z.${bomb}`, { scenarios }), /more than 1,000,000 bytes/);
  const json = (payload) => `s=1.j.${toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))}`;
  await rejects(decodeLink(json([1, '<img src=x onerror=alert(1)>', 0, 1, null, []]), { scenarios }), /scenario "<img src=x onerror=alert\(1\)>", which this page does not have/);
  await rejects(decodeLink(json([1, 'docs', -1, 1, null, []]), { scenarios }), /seed/);
  await rejects(decodeLink(json([1, 'docs', 0, 'noon', null, []]), { scenarios }), /clock/);
  await rejects(decodeLink(json([1, 'docs', 0, 1, null, [[{}, 'X', '{}', 200]]]), { scenarios }), /Call 1 in the link has an invalid caller/);
  await rejects(decodeLink(json([1, 'docs', 0, 1, null, [[BILL, 'X', 5, 200]]]), { scenarios }), /invalid body/);
  await rejects(decodeLink(json([1, 'docs', 0, 1, null, [[BILL, 'X', '{}', 'ok']]]), { scenarios }), /invalid status/);
  await rejects(decodeLink(json([1, 'docs', 0, 1, null, Array(LIMITS.calls + 1).fill([0, 'X', '{}', 200])]), { scenarios }), /replays at most/);
  await rejects(decodeLink(json([2, 'docs', 0, 1, null, []]), { scenarios }), /not a session of the format it names/);
  await rejects(decodeLink(json({ not: 'a list' }), { scenarios }), /not a session/);
});

test('session files are checked the same way', () => {
  const file = toSessionFile(sample);
  assert.throws(() => parseSessionFile('{', { scenarios }), /not JSON/);
  assert.throws(() => parseSessionFile('[]', { scenarios }), /not a Handshake Playground session/);
  assert.throws(() => parseSessionFile(JSON.stringify({ ...file, version: 9 }), { scenarios }), /format 9, made by a newer version/);
  assert.throws(() => parseSessionFile(JSON.stringify({ ...file, scenario: 'nope' }), { scenarios }), /scenario "nope"/);
  assert.throws(() => parseSessionFile(JSON.stringify({ ...file, calls: [{ caller: 5 }] }), { scenarios }), /Call 1 has an invalid caller/);
  assert.throws(() => parseSessionFile('x'.repeat(LIMITS.file + 1), { scenarios }), /larger than/);
});

test('replaying a session on a fresh engine reaches the same world digest', async () => {
  const session = await fiftyCallSession(11);
  const engine = await nodeEngine();
  await buildScenario(async (control, request) => engine.call('', `Simulator.${control}`, request), SCENARIOS_BY_ID.get('docs'), { seed: 11 });
  for (const call of session.calls) assert.equal(engine.call(call.caller, call.target, call.body).status, call.status);
  assert.equal(digest(engine.call('', 'Simulator.ExportWorld', '{}').body), session.worldDigest);
});

// ---- the check language -------------------------------------------------------------------------

test('checks are validated with the path of the problem', () => {
  assert.throws(() => validateCheck({ handshake: { action: 'INVITE', stat: 'OPEN' } }, 'c'), /c\.handshake\.stat: unknown member/);
  assert.throws(() => validateCheck({ handshak: {} }, 'c'), /c\.handshak: unknown member/);
  assert.throws(() => validateCheck({ all: [] }, 'c'), /c\.all: must be a non-empty list/);
  assert.throws(() => validateCheck({ call: { caller: BILL, operation: 'ListAccounts' } }, 'c'), /c\.call\.expect: must be an object/);
  assert.throws(() => validateCheck({ role: 'MEMBER' }, 'c'), /c\.role: belongs with "account"/);
  assert.throws(() => validateCheck({ lastError: { type: 5 } }, 'c'), /c\.lastError\.type: must be a non-empty string/);
  assert.doesNotThrow(() => validateCheck({ account: SUSAN, role: 'MEMBER', organization: 'o-exampleorgid' }));
  assert.doesNotThrow(() => validateCheck({ not: { any: [{ clock: { after: '2026-10-01' } }, { transfer: { status: ['ACCEPTED', 'WITHDRAWN'] } }] } }));
});

test('partial matching of responses', () => {
  assert.ok(partialMatch({ Accounts: [{ Id: SUSAN }] }, { Accounts: [{ Id: BILL, Name: 'Bill' }, { Id: SUSAN, Name: 'Susan' }] }));
  assert.ok(!partialMatch({ Accounts: [{ Id: JUAN }] }, { Accounts: [{ Id: BILL }] }));
  assert.ok(!partialMatch({ A: 1 }, { A: '1' }));
  assert.ok(!partialMatch({ A: { B: 1 } }, { A: null }));
});

// ---- lesson files --------------------------------------------------------------------------------

function readLessons() {
  const index = validateIndex(JSON.parse(fs.readFileSync(path.join(LESSONS_DIR, 'index.json'), 'utf8')));
  return index.lessons.map((file) => validateLesson(JSON.parse(fs.readFileSync(path.join(LESSONS_DIR, file), 'utf8')), { scenarios }));
}

test('every lesson file is valid and the index lists them all', () => {
  const lessons = readLessons();
  assert.equal(lessons.length, 7);
  const onDisk = fs.readdirSync(LESSONS_DIR).filter((f) => f !== 'index.json' && f.endsWith('.json'));
  assert.deepEqual(lessons.map((l) => `${l.id}.json`).sort(), onDisk.sort());
  assert.throws(() => validateLesson({ ...lessons[0], steps: [{ goal: 'x', hint: 'y', check: { handshake: { sate: 'OPEN' } } }] }, { scenarios }),
    (err) => err instanceof LessonError && /lesson\.steps\[0\]\.check\.handshake\.sate: unknown member/.test(err.message));
  assert.throws(() => validateLesson({ ...lessons[0], scenario: 'nowhere' }, { scenarios }), /lesson\.scenario: "nowhere" is not a scenario/);
});

// What a learner does for each step, made directly against the engine: [caller, operation, request] or a function.
const SOLUTIONS = {
  'invite-accept': [
    (r) => r.call(BILL, 'InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'susan@example.com' } }),
    (r) => r.call(SUSAN, 'AcceptHandshake', { HandshakeId: r.last('INVITE') }),
  ],
  decline: [
    (r) => r.call(BILL, 'InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'susan@example.com' } }),
    (r) => r.call(SUSAN, 'DeclineHandshake', { HandshakeId: r.last('INVITE') }),
    (r) => r.call(BILL, 'CancelHandshake', { HandshakeId: r.last('INVITE') }),
    (r) => r.call(BILL, 'InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'susan@example.com' } }),
  ],
  cancel: [
    (r) => r.call(BILL, 'InviteAccountToOrganization', { Target: { Type: 'ACCOUNT', Id: JUAN } }),
    (r) => r.call(JUAN, 'CancelHandshake', { HandshakeId: r.last('INVITE') }),
    (r) => r.call(BILL, 'CancelHandshake', { HandshakeId: r.last('INVITE') }),
    (r) => r.call(BILL, 'CancelHandshake', { HandshakeId: r.last('INVITE') }),
  ],
  expire: [
    (r) => r.call(BILL, 'InviteAccountToOrganization', { Target: { Type: 'EMAIL', Id: 'susan@example.com' } }),
    (r) => r.call(null, 'Simulator.AdvanceTime', { Seconds: 16 * 86400 }),
    (r) => r.call(SUSAN, 'AcceptHandshake', { HandshakeId: r.last('INVITE') }),
    (r) => r.call(null, 'Simulator.AdvanceTime', { Seconds: 30 * 86400 }),
  ],
  'all-features': [
    (r) => r.call(BILL, 'EnableAllFeatures', {}),
    (r) => r.call(SUSAN, 'AcceptHandshake', { HandshakeId: r.last('APPROVE_ALL_FEATURES') }),
    (r) => r.call(BILL, 'AcceptHandshake', { HandshakeId: r.last('ENABLE_ALL_FEATURES') }),
  ],
  transfer: [
    (r) => r.call(BILL, 'InviteOrganizationToTransferResponsibility', { Type: 'BILLING', Target: { Type: 'ACCOUNT', Id: ANIKA }, StartTimestamp: 1790812800, SourceName: 'Anika billing' }),
    (r) => r.call(ANIKA, 'AcceptHandshake', { HandshakeId: r.last('TRANSFER_RESPONSIBILITY') }),
    (r) => r.call(BILL, 'TerminateResponsibilityTransfer', { Id: r.world().ResponsibilityTransfers[0].Id }),
  ],
  'create-account': [
    (r) => r.call(BILL, 'CreateAccount', { Email: 'ops@example.com', AccountName: 'Ops' }),
    (r) => r.call(null, 'Simulator.AdvanceTime', { Seconds: 300 }),
    (r) => r.call(BILL, 'ListHandshakesForOrganization', {}),
    (r) => r.call(BILL, 'ListAccounts', {}),
  ],
};

test('every lesson can be solved, step by step, and no step is done before its action', async () => {
  for (const lesson of readLessons()) {
    const r = await recorder(lesson.scenario, lesson.seed ?? 0);
    r.world = () => JSON.parse(r.engine.call('', 'Simulator.DescribeWorld', '{}').body);
    r.last = (action) => r.world().Handshakes.filter((hs) => hs.Action === action).sort((a, b) => b.RequestedTimestamp - a.RequestedTimestamp)[0].Id;
    // The recorder keeps statuses; the lastError checks also need the parsed responses.
    const parsed = [];
    const call = r.call;
    r.call = (caller, target, body) => {
      const out = call(caller, target, body);
      parsed.push(out.body);
      return out;
    };
    const context = () => ({
      world: r.world(),
      calls: r.session().calls.map((entry, i) => ({ ...entry, parsed: parsed[i] })),
      dryRun: async (caller, target, body) => {
        const dry = JSON.parse(r.engine.call('', 'Simulator.DryRun', JSON.stringify({ Caller: caller, Target: target, Body: body })).body);
        return { status: Number(dry.Status), body: dry.Body };
      },
    });
    const solution = SOLUTIONS[lesson.id];
    assert.ok(solution, `no solution written for ${lesson.id}`);
    assert.equal(solution.length, lesson.steps.length, lesson.id);
    for (const [i, step] of lesson.steps.entries()) {
      const before = await evaluate(step.check, context());
      assert.equal(before.ok, false, `${lesson.id} step ${i + 1} holds before its action`);
      assert.ok(before.detail.length > 10, before.detail);
      solution[i](r);
      const after = await evaluate(step.check, context());
      assert.equal(after.ok, true, `${lesson.id} step ${i + 1} not reached: ${after.detail}`);
    }
  }
});
