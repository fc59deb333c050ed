// The page's operation catalogue (web/operations.mjs) against the one the engine publishes
// (Simulator.DescribeOperations, from the botocore model): the same operations, every form field a request
// member of a compatible type, and the same required flags.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine } from '../../tools/endpoint-engine.mjs';
import { OPERATIONS, OPERATIONS_BY_NAME } from '../../web/operations.mjs';

/** The botocore type each form field kind edits. */
const TYPE_OF_KIND = {
  handshakeId: 'string',
  accountId: 'string',
  transferId: 'string',
  string: 'string',
  text: 'string',
  enum: 'string',
  integer: 'integer',
  timestamp: 'timestamp',
  party: 'structure',
  filter: 'structure',
  tags: 'list',
  stringList: 'list',
};

let engine;
/** @type {Map<string, any>} */
let engineOps;

function describeOperations(body) {
  const r = engine.handle('', 'Simulator.DescribeOperations', JSON.stringify(body));
  return { status: r.status, body: JSON.parse(r.body) };
}

before(async () => {
  engine = await loadEngine();
  const r = describeOperations({});
  assert.equal(r.status, 200);
  engineOps = new Map(r.body.Operations.map((op) => [op.Name, op]));
  assert.equal(engineOps.size, r.body.Operations.length, 'an operation listed twice');
});

test('the page offers exactly the operations the engine simulates', () => {
  const page = OPERATIONS.map((op) => op.name).sort();
  assert.equal(new Set(page).size, page.length, 'an operation listed twice in web/operations.mjs');
  assert.deepEqual(page, [...engineOps.keys()].sort());
  assert.equal(OPERATIONS_BY_NAME.size, OPERATIONS.length);
});

test('every form field is a request member of a compatible type, required as in the model', () => {
  for (const op of OPERATIONS) {
    const members = new Map(engineOps.get(op.name).Members.map((m) => [m.Name, m]));
    const names = op.fields.map((f) => f.name);
    assert.equal(new Set(names).size, names.length, `${op.name}: a field listed twice`);
    for (const field of op.fields) {
      const where = `${op.name}.${field.name}`;
      const member = members.get(field.name);
      assert.ok(member, `${where}: the engine knows no such member`);
      assert.ok(field.kind in TYPE_OF_KIND, `${where}: unknown field kind ${field.kind}`);
      assert.equal(TYPE_OF_KIND[field.kind], member.Type, `${where}: kind ${field.kind} edits a ${member.Type}`);
      assert.equal(Boolean(field.required), member.Required, `${where}: required`);
    }
  }
});

test('every member the model requires has a form field (a form can send a complete request)', () => {
  for (const op of OPERATIONS) {
    const fields = new Set(op.fields.map((f) => f.name));
    for (const member of engineOps.get(op.name).Members) {
      if (member.Required) assert.ok(fields.has(member.Name), `${op.name}.${member.Name}: required, no form field`);
    }
  }
});

test('the structures and lists the page edits have the members it writes', () => {
  const target = engineOps.get('InviteAccountToOrganization').Members.find((m) => m.Name === 'Target');
  assert.deepEqual(target.Members.map((m) => m.Name), ['Id', 'Type']);
  const filter = engineOps.get('ListHandshakesForAccount').Members.find((m) => m.Name === 'Filter');
  assert.deepEqual(filter.Members.map((m) => m.Name), ['ActionType', 'ParentHandshakeId']);
  for (const op of OPERATIONS) {
    for (const field of op.fields) {
      const member = engineOps.get(op.name).Members.find((m) => m.Name === field.name);
      if (field.kind === 'tags') {
        assert.equal(member.Member.Type, 'structure', `${op.name}.${field.name}`);
        assert.deepEqual(member.Member.Members.map((m) => m.Name), ['Key', 'Value'], `${op.name}.${field.name}`);
      }
      if (field.kind === 'stringList') assert.equal(member.Member.Type, 'string', `${op.name}.${field.name}`);
      if (field.kind === 'party') assert.deepEqual(member.Members.map((m) => m.Name), ['Id', 'Type']);
    }
  }
});

test('one operation by name, and a name the engine does not simulate', () => {
  const one = describeOperations({ Operation: 'AcceptHandshake' });
  assert.equal(one.status, 200);
  assert.deepEqual(one.body, {
    Operations: [{ Members: [{ Name: 'HandshakeId', Required: true, Type: 'string' }], Name: 'AcceptHandshake', ReadOnly: false }],
  });
  const bad = describeOperations({ Operation: 'ListPolicies' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, {
    Message: 'You specified an invalid value.', Reason: 'INVALID_ENUM:OPERATION', __type: 'InvalidInputException',
  });
});
