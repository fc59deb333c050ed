// The WASM module must survive any input: every hostile body gets a 400 and the module keeps working.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine } from '../../tools/endpoint-engine.mjs';

const AWS = 'AWSOrganizationsV20161128.';
let engine;

function call(caller, target, body) {
  const r = engine.handle(caller, target, body);
  return { status: r.status, body: JSON.parse(r.body) };
}

function stillWorks() {
  const r = call('111111111111', AWS + 'DescribeOrganization', '{}');
  assert.equal(r.status, 200);
  assert.equal(r.body.Organization.Id, 'o-exampleorgid');
}

before(async () => {
  engine = await loadEngine();
  call('', 'Simulator.Reset', '{"Seed": 7}');
  call('', 'Simulator.CreateAccount', JSON.stringify({ Id: '111111111111', Name: 'Bill', Email: 'bill@example.com' }));
  call('', 'Simulator.CreateOrganization', JSON.stringify({ ManagementAccountId: '111111111111', Id: 'o-exampleorgid' }));
});

const huge = 'x'.repeat(1024 * 1024);
const cases = [
  ['invalid UTF-8 (lone surrogate)', AWS + 'DescribeHandshake', '{"HandshakeId": "h-\ud800"}', 'SerializationException'],
  ['invalid UTF-8 in a key', AWS + 'ListHandshakesForAccount', '{"\udfff": 1}', 'SerializationException'],
  ['nesting 100,000 deep', AWS + 'DescribeHandshake', '['.repeat(100000), 'SerializationException'],
  ['nesting inside a member', AWS + 'InviteAccountToOrganization', '{"Target":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5001), 'SerializationException'],
  ['1 MB Notes', AWS + 'InviteAccountToOrganization', JSON.stringify({ Target: { Type: 'EMAIL', Id: 'susan@example.com' }, Notes: huge }), 'InvalidInputException'],
  ['1 MB HandshakeId', AWS + 'AcceptHandshake', JSON.stringify({ HandshakeId: huge }), 'InvalidInputException'],
  ['1 MB of garbage', AWS + 'DescribeHandshake', huge, 'SerializationException'],
  ['1 MB target name', AWS + huge, '{}', 'UnknownOperationException'],
  ['wrong type: number id', AWS + 'DescribeHandshake', '{"HandshakeId": 5}', 'SerializationException'],
  ['wrong type: list tags', AWS + 'InviteAccountToOrganization', '{"Target": {"Type": "EMAIL", "Id": "a@b.cd"}, "Tags": {}}', 'SerializationException'],
  ['wrong type: huge MaxResults', AWS + 'ListHandshakesForAccount', '{"MaxResults": 1e300}', 'SerializationException'],
  ['not an object', AWS + 'ListAccounts', '[1, 2, 3]', 'SerializationException'],
  ['NUL bytes', AWS + 'DescribeHandshake', '{"HandshakeId": "h-\u0000\u0000"}', 'SerializationException'],
  ['truncated snapshot', 'Simulator.ImportWorld', '{"World": {"Version": 1, "Now": 5', 'SerializationException'],
  ['bogus snapshot', 'Simulator.ImportWorld', JSON.stringify({ World: { Version: 1, Accounts: huge } }), 'InvalidWorldSnapshotException'],
];

for (const [name, target, body, type] of cases) {
  test(`hostile input: ${name} gets a 400 ${type} and the module keeps working`, () => {
    const r = call('111111111111', target, body);
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, type);
    stillWorks();
  });
}

test('a thousand hostile calls in a row leave the world unchanged', () => {
  const before = engine.handle('', 'Simulator.ExportWorld', '{}').body;
  for (let i = 0; i < 1000; i++) {
    const [, target, body] = cases[i % cases.length];
    assert.equal(engine.handle('111111111111', target, body).status, 400);
  }
  assert.equal(engine.handle('', 'Simulator.ExportWorld', '{}').body, before);
  stillWorks();
});

test('a raw lone surrogate in a JS string is refused, never paired with the next character', () => {
  call('', 'Simulator.CreateAccount', JSON.stringify({ Id: '222222222222', Name: 'Susan', Email: 'susan@example.com' }));
  const before = engine.handle('', 'Simulator.ExportWorld', '{}').body;
  const invite = (notes) => `{"Target":{"Type":"ACCOUNT","Id":"222222222222"},"Notes":"${notes}"}`;
  for (const notes of ['A\ud800x', 'A\udc00x', 'x\ud83d', '\ude00x']) {
    const r = call('111111111111', AWS + 'InviteAccountToOrganization', invite(notes));
    assert.equal(r.status, 400, JSON.stringify(notes));
    assert.deepEqual(r.body, { Message: 'The request body is not valid JSON.', __type: 'SerializationException' });
  }
  // In the target: the engine answers as for any unknown target, showing U+FFFD where the lone unit was.
  const unknown = call('111111111111', `${AWS}List\ud800Roots`, '{}');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.__type, 'UnknownOperationException');
  assert.match(unknown.body.Message, new RegExp(`'${AWS}List\ufffdRoots'`));
  assert.equal(engine.handle('', 'Simulator.ExportWorld', '{}').body, before);
  // A well-formed pair is one character, kept exactly.
  const ok = call('111111111111', AWS + 'InviteAccountToOrganization', invite('hi \ud83d\ude00'));
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.Handshake.Resources.find((r) => r.Type === 'NOTES'), { Type: 'NOTES', Value: 'hi \u{1F600}' });
  stillWorks();
});

test('non-ASCII arguments of any size reach the engine as UTF-8, and the next call is unaffected', () => {
  // 600,000 UTF-16 units, 1.2 MB of UTF-8: more than one byte per unit, and a buffer released after the call.
  const notes = '\u00e9'.repeat(600000);
  const long = call('111111111111', AWS + 'InviteAccountToOrganization', JSON.stringify({ Target: { Type: 'EMAIL', Id: 'a@b.cd' }, Notes: notes }));
  assert.deepEqual(long, { status: 400, body: { Message: 'You provided a string that exceeds that maximum length.', Reason: 'MAX_LENGTH_EXCEEDED:NOTES', __type: 'InvalidInputException' } });
  const unknown = call('111111111111', AWS + 'Describ\u00e9\u{1F600}', '{}');
  assert.equal(unknown.body.Message, `The operation '${AWS}Describ\u00e9\u{1F600}' is not supported by this service.`);
  stillWorks();
});

test('handle() takes exactly three strings: anything else is a TypeError', () => {
  assert.throws(() => engine.handle(111111111111, AWS + 'DescribeOrganization', '{}'), { name: 'TypeError', message: 'Cannot pass non-string to std::string' });
  assert.throws(() => engine.handle('111111111111', AWS + 'DescribeOrganization'), { name: 'TypeError', message: 'function handle called with 2 arguments, expected 3 args!' });
  stillWorks();
});
