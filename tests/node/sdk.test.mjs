// AWS SDK for JavaScript v3 against the WebAssembly engine, through web/sdk-handler.mjs.
// Run: node --test tests/node/
import { test, describe, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

// The SDK warns once per process that later releases will need node 22; the project runs on node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { readFileSync } from 'node:fs';

import {
  OrganizationsClient,
  OrganizationsServiceException,
  InviteAccountToOrganizationCommand,
  DescribeHandshakeCommand,
  AcceptHandshakeCommand,
  DeclineHandshakeCommand,
  CancelHandshakeCommand,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
  paginateListHandshakesForAccount,
  AccessDeniedException,
  DuplicateHandshakeException,
  HandshakeAlreadyInStateException,
  HandshakeNotFoundException,
  InvalidHandshakeTransitionException,
  InvalidInputException,
  RemoveAccountFromOrganizationCommand,
  DeleteOrganizationCommand,
  DescribeOrganizationCommand,
  ListRootsCommand,
  ListChildrenCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListPoliciesCommand,
  AWSOrganizationsNotInUseException,
} from '@aws-sdk/client-organizations';

import {
  createEngineRequestHandler,
  credentialsFor,
  accessKeyIdFromAuthorization,
  accountIdFromAccessKeyId,
} from '../../web/sdk-handler.mjs';
import { loadEngine } from '../../tools/endpoint-engine.mjs';

const MANAGEMENT = '111111111111';
const SUSAN = '222222222222';
const CAROL = '333333333333';
const NOW = 1789271046.11;
const FIFTEEN_DAYS_MS = 15 * 24 * 3600 * 1000;

const ACCESS_DENIED = "You don't have permissions to access this resource.";
const NOT_FOUND = "You specified a handshake that doesn't exist.";
const DUPLICATE = 'A handshake with the specified type and parameters already exists for the given parties.';
const ALREADY_IN_STATE = 'The handshake is already in the requested state.';
const INVALID_TRANSITION =
  'You cannot perform this operation on a handshake in its current state, such as attempting to cancel a ' +
  'handshake that was previously accepted or attempting to accept a handshake that was declined.';
const INVALID_PATTERN = 'You provided a value that does not match the required pattern.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let engine;

function sim(control, body) {
  const { status, body: text } = engine.handle('', `Simulator.${control}`, JSON.stringify(body));
  assert.equal(status, 200, `Simulator.${control} ${JSON.stringify(body)} -> ${status} ${text}`);
  return JSON.parse(text);
}

function clientFor(accountId, extra = {}) {
  return new OrganizationsClient({
    region: 'us-east-1',
    credentials: typeof accountId === 'string' ? credentialsFor(accountId) : accountId,
    requestHandler: createEngineRequestHandler(engine, extra),
    maxAttempts: 1,
  });
}

function parties(handshake) {
  return handshake.Parties.map((p) => `${p.Type}:${p.Id}`).sort();
}

// Resolves to the exception a command rejects with, after checking it is a typed service error.
async function failure(client, command, ExceptionClass, { message, reason } = {}) {
  let error;
  try {
    await client.send(command);
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${command.constructor.name} should have failed with ${ExceptionClass.name}`);
  assert.ok(error instanceof ExceptionClass, `expected ${ExceptionClass.name}, got ${error.name}: ${error.message}`);
  assert.ok(error instanceof OrganizationsServiceException);
  assert.equal(error.name, ExceptionClass.name);
  assert.equal(error.$fault, 'client');
  assert.equal(error.$metadata.httpStatusCode, 400);
  assert.match(error.$metadata.requestId, UUID);
  if (message !== undefined) assert.equal(error.message, message);
  if (reason !== undefined) assert.equal(error.Reason, reason);
  return error;
}

before(async () => {
  engine = await loadEngine();
});

describe('AWS SDK v3 through the engine request handler', () => {
  let bill;
  let susan;

  beforeEach(() => {
    sim('Reset', { Seed: 1 });
    sim('CreateAccount', { Id: MANAGEMENT, Name: 'Bill', Email: 'bill@example.com' });
    sim('CreateOrganization', { ManagementAccountId: MANAGEMENT, Id: 'o-exampleorgid' });
    sim('CreateAccount', { Id: SUSAN, Name: 'Susan', Email: 'susan@example.com' });
    sim('SetTime', { Timestamp: NOW });
    bill = clientFor(MANAGEMENT);
    susan = clientFor(SUSAN);
  });

  const inviteSusan = async (extra = {}) =>
    (await bill.send(new InviteAccountToOrganizationCommand({
      Target: { Type: 'EMAIL', Id: 'susan@example.com' },
      ...extra,
    }))).Handshake;

  test('invite by email: OPEN, 15-day expiry, parties, resources, Dates', async () => {
    const out = await bill.send(new InviteAccountToOrganizationCommand({
      Target: { Type: 'EMAIL', Id: 'susan@example.com' },
      Notes: 'Welcome to the example organization',
    }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.match(out.$metadata.requestId, UUID);
    const hs = out.Handshake;
    assert.match(hs.Id, /^h-[0-9a-z]{8,32}$/);
    assert.equal(hs.Arn, `arn:aws:organizations::${MANAGEMENT}:handshake/o-exampleorgid/invite/${hs.Id}`);
    assert.equal(hs.State, 'OPEN');
    assert.equal(hs.Action, 'INVITE');
    assert.deepEqual(parties(hs), ['EMAIL:susan@example.com', 'ORGANIZATION:exampleorgid']);
    assert.ok(hs.RequestedTimestamp instanceof Date);
    assert.ok(hs.ExpirationTimestamp instanceof Date);
    assert.equal(hs.RequestedTimestamp.toISOString(), '2026-09-13T03:44:06.110Z');
    assert.equal(hs.ExpirationTimestamp - hs.RequestedTimestamp, FIFTEEN_DAYS_MS);
    assert.deepEqual(hs.Resources, [
      { Type: 'ORGANIZATION', Value: 'o-exampleorgid', Resources: [
        { Type: 'MASTER_EMAIL', Value: 'bill@example.com' },
        { Type: 'MASTER_NAME', Value: 'Bill' },
        { Type: 'ORGANIZATION_FEATURE_SET', Value: 'ALL' },
      ] },
      { Type: 'EMAIL', Value: 'susan@example.com' },
      { Type: 'NOTES', Value: 'Welcome to the example organization' },
    ]);
  });

  test('sender and recipient describe it; recipient lists it; sender lists it for the organization', async () => {
    const hs = await inviteSusan();
    for (const client of [bill, susan]) {
      const got = (await client.send(new DescribeHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
      assert.equal(got.Id, hs.Id);
      assert.equal(got.State, 'OPEN');
      assert.deepEqual(parties(got), parties(hs));
      assert.equal(got.RequestedTimestamp.getTime(), hs.RequestedTimestamp.getTime());
    }
    const received = (await susan.send(new ListHandshakesForAccountCommand({}))).Handshakes;
    assert.deepEqual(received.map((h) => h.Id), [hs.Id]);
    assert.ok(received[0].ExpirationTimestamp instanceof Date);
    const billReceived = await bill.send(new ListHandshakesForAccountCommand({}));
    assert.deepEqual(billReceived.Handshakes, []);
    assert.equal(billReceived.NextToken, undefined);
    const sent = (await bill.send(new ListHandshakesForOrganizationCommand({}))).Handshakes;
    assert.deepEqual(sent.map((h) => h.Id), [hs.Id]);
  });

  test('the sender cannot accept or decline; the recipient cannot cancel', async () => {
    const hs = await inviteSusan();
    await failure(bill, new AcceptHandshakeCommand({ HandshakeId: hs.Id }), AccessDeniedException, { message: ACCESS_DENIED });
    await failure(bill, new DeclineHandshakeCommand({ HandshakeId: hs.Id }), AccessDeniedException, { message: ACCESS_DENIED });
    await failure(susan, new CancelHandshakeCommand({ HandshakeId: hs.Id }), AccessDeniedException, { message: ACCESS_DENIED });
    const still = (await susan.send(new DescribeHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
    assert.equal(still.State, 'OPEN');
  });

  test('decline, then decline again, accept, cancel, and a fresh invitation', async () => {
    const hs = await inviteSusan({ Notes: 'Join us' });
    const declined = (await susan.send(new DeclineHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
    assert.equal(declined.Id, hs.Id);
    assert.equal(declined.State, 'DECLINED');
    await failure(susan, new DeclineHandshakeCommand({ HandshakeId: hs.Id }), HandshakeAlreadyInStateException,
      { message: ALREADY_IN_STATE });
    await failure(susan, new AcceptHandshakeCommand({ HandshakeId: hs.Id }), InvalidHandshakeTransitionException,
      { message: INVALID_TRANSITION });
    await failure(bill, new CancelHandshakeCommand({ HandshakeId: hs.Id }), InvalidHandshakeTransitionException,
      { message: INVALID_TRANSITION });
    const described = (await bill.send(new DescribeHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
    assert.equal(described.State, 'DECLINED');
    const again = await inviteSusan();
    assert.notEqual(again.Id, hs.Id);
    assert.equal(again.State, 'OPEN');
  });

  test('accept by the recipient, then accept again', async () => {
    const hs = await inviteSusan();
    const accepted = (await susan.send(new AcceptHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
    assert.equal(accepted.State, 'ACCEPTED');
    assert.deepEqual(parties(accepted), [`ACCOUNT:${SUSAN}`, 'ORGANIZATION:exampleorgid']);
    await failure(susan, new AcceptHandshakeCommand({ HandshakeId: hs.Id }), HandshakeAlreadyInStateException,
      { message: ALREADY_IN_STATE });
    await failure(bill, new CancelHandshakeCommand({ HandshakeId: hs.Id }), InvalidHandshakeTransitionException,
      { message: INVALID_TRANSITION });
  });

  test('a duplicate live invitation', async () => {
    await inviteSusan();
    await failure(bill, new InviteAccountToOrganizationCommand({ Target: { Type: 'EMAIL', Id: 'susan@example.com' } }),
      DuplicateHandshakeException, { message: DUPLICATE });
  });

  test('unknown and malformed handshake ids', async () => {
    await failure(bill, new DescribeHandshakeCommand({ HandshakeId: 'h-00000000' }), HandshakeNotFoundException,
      { message: NOT_FOUND });
    await failure(bill, new DescribeHandshakeCommand({ HandshakeId: 'bad' }), InvalidInputException,
      { message: INVALID_PATTERN, reason: 'INVALID_PATTERN:HANDSHAKE_ID' });
    await failure(susan, new AcceptHandshakeCommand({}), InvalidInputException,
      { message: 'You must provide a value for the parameter.', reason: 'INPUT_REQUIRED:HANDSHAKE_ID' });
  });

  test('paginateListHandshakesForAccount walks several pages', async () => {
    sim('CreateAccount', { Id: CAROL, Name: 'Carol', Email: 'carol@example.com' });
    sim('CreateOrganization', { ManagementAccountId: CAROL, Id: 'o-carolorgid01' });
    const carol = clientFor(CAROL);

    const first = await inviteSusan();
    await susan.send(new DeclineHandshakeCommand({ HandshakeId: first.Id }));
    sim('AdvanceTime', { Seconds: 60 });
    const second = await inviteSusan({ Notes: 'Please reconsider' });
    sim('AdvanceTime', { Seconds: 60 });
    const third = (await carol.send(new InviteAccountToOrganizationCommand({
      Target: { Type: 'ACCOUNT', Id: SUSAN },
    }))).Handshake;
    assert.deepEqual(parties(third), [`ACCOUNT:${SUSAN}`, 'ORGANIZATION:carolorgid01']);
    const expected = { [first.Id]: 'DECLINED', [second.Id]: 'OPEN', [third.Id]: 'OPEN' };

    const pages = [];
    for await (const page of paginateListHandshakesForAccount({ client: susan, pageSize: 2 }, {})) {
      pages.push(page);
    }
    assert.ok(pages.length >= 2, `expected several pages, got ${pages.length}`);
    for (const page of pages.slice(0, -1)) assert.equal(typeof page.NextToken, 'string');
    assert.equal(pages.at(-1).NextToken, undefined);
    for (const page of pages) assert.ok(page.Handshakes.length <= 2);
    const seen = pages.flatMap((page) => page.Handshakes);
    assert.deepEqual(Object.fromEntries(seen.map((h) => [h.Id, h.State])), expected);
    assert.equal(seen.length, 3);
    for (const h of seen) assert.ok(h.RequestedTimestamp instanceof Date);

    const single = [];
    for await (const page of paginateListHandshakesForAccount({ client: susan, pageSize: 1 }, { Filter: { ActionType: 'INVITE' } })) {
      assert.ok(page.Handshakes.length <= 1);
      single.push(...page.Handshakes.map((h) => h.Id));
    }
    assert.deepEqual(single.sort(), Object.keys(expected).sort());
  });

  test('an access key id that is not 12 digits is an unrecognized client', async () => {
    const stranger = clientFor({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' });
    let error;
    try {
      await stranger.send(new ListHandshakesForAccountCommand({}));
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof OrganizationsServiceException);
    assert.equal(error.name, 'UnrecognizedClientException');
    assert.equal(error.message, 'The security token included in the request is invalid.');
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  test('operations without output: an empty body reads as an empty result', async () => {
    const hs = await inviteSusan();
    await susan.send(new AcceptHandshakeCommand({ HandshakeId: hs.Id }));
    const removed = await bill.send(new RemoveAccountFromOrganizationCommand({ AccountId: SUSAN }));
    assert.equal(removed.$metadata.httpStatusCode, 200);
    assert.deepEqual(Object.keys(removed), ['$metadata']);
    await bill.send(new DeleteOrganizationCommand({}));
    await assert.rejects(bill.send(new DescribeOrganizationCommand({})), (e) =>
      e instanceof AWSOrganizationsNotInUseException && e.message === 'Your account is not a member of an organization.');
  });

  test('roots, children, parents; invitation tags applied on joining', async () => {
    const hs = await inviteSusan({ Tags: [{ Key: 'team', Value: 'blue' }] });
    await susan.send(new AcceptHandshakeCommand({ HandshakeId: hs.Id }));
    const [root] = (await bill.send(new ListRootsCommand({}))).Roots;
    assert.match(root.Id, /^r-[0-9a-z]{4,32}$/);
    assert.equal(root.Name, 'Root');
    const children = (await bill.send(new ListChildrenCommand({ ParentId: root.Id, ChildType: 'ACCOUNT' }))).Children;
    assert.deepEqual(children.map((c) => c.Id), [MANAGEMENT, SUSAN]);
    assert.deepEqual((await bill.send(new ListParentsCommand({ ChildId: SUSAN }))).Parents, [{ Id: root.Id, Type: 'ROOT' }]);
    assert.deepEqual((await bill.send(new ListTagsForResourceCommand({ ResourceId: SUSAN }))).Tags, [{ Key: 'team', Value: 'blue' }]);
    await bill.send(new TagResourceCommand({ ResourceId: SUSAN, Tags: [{ Key: 'cost', Value: '7' }] }));
    await bill.send(new UntagResourceCommand({ ResourceId: SUSAN, TagKeys: ['team'] }));
    assert.deepEqual((await bill.send(new ListTagsForResourceCommand({ ResourceId: SUSAN }))).Tags, [{ Key: 'cost', Value: '7' }]);
  });

  test('CreateAccount: IN_PROGRESS, then SUCCEEDED 60 simulated seconds later', async () => {
    const status = (await bill.send(new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'Dev' }))).CreateAccountStatus;
    assert.equal(status.State, 'IN_PROGRESS');
    assert.ok(status.RequestedTimestamp instanceof Date);
    sim('AdvanceTime', { Seconds: 60 });
    const done = (await bill.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id }))).CreateAccountStatus;
    assert.equal(done.State, 'SUCCEEDED');
    assert.match(done.AccountId, /^\d{12}$/);
  });

  test('an operation of the model outside the simulation', async () => {
    await assert.rejects(bill.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })), (e) =>
      e.name === 'OperationNotSimulatedException' && e.$metadata.httpStatusCode === 400 &&
      e.message === "The operation 'ListPolicies' exists in AWS Organizations but is outside this simulation.");
  });

  test('callerFor chooses the caller instead of the access key', async () => {
    const hs = await inviteSusan();
    const asSusan = clientFor({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, { callerFor: () => SUSAN });
    const declined = (await asSusan.send(new DeclineHandshakeCommand({ HandshakeId: hs.Id }))).Handshake;
    assert.equal(declined.State, 'DECLINED');
  });
});

describe('sdk-handler helpers', () => {
  test('credentialsFor takes exactly 12 digits', () => {
    assert.deepEqual(Object.keys(credentialsFor(MANAGEMENT)).sort(), ['accessKeyId', 'secretAccessKey']);
    assert.equal(credentialsFor(MANAGEMENT).accessKeyId, MANAGEMENT);
    for (const bad of ['11111111111', '1111111111111', 'AKIAIOSFODNN7EXAMPLE', '', null]) {
      assert.throws(() => credentialsFor(bad), TypeError);
    }
  });

  test('access key id from a SigV4 Authorization header', () => {
    const header = 'AWS4-HMAC-SHA256 Credential=222222222222/20260913/us-east-1/organizations/aws4_request, ' +
      'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00ff';
    assert.equal(accessKeyIdFromAuthorization(header), SUSAN);
    assert.equal(accountIdFromAccessKeyId(accessKeyIdFromAuthorization(header)), SUSAN);
    assert.equal(accessKeyIdFromAuthorization('Bearer abc'), null);
    assert.equal(accessKeyIdFromAuthorization(undefined), null);
    assert.equal(accountIdFromAccessKeyId('AKIAIOSFODNN7EXAMPLE'), null);
    assert.equal(accountIdFromAccessKeyId(' 222222222222'), null);
  });

  test('the module has no imports, so a browser can load it as is', () => {
    const source = readFileSync(new URL('../../web/sdk-handler.mjs', import.meta.url), 'utf8');
    assert.doesNotMatch(source, /^\s*import\s/m);
    assert.doesNotMatch(source, /\brequire\(/);
  });

  test('responses are HttpResponse-shaped with JSON 1.1 headers', async () => {
    const handler = createEngineRequestHandler({ handle: () => ({ status: 200, body: '{"Handshakes":[]}' }) });
    const { response } = await handler.handle({
      method: 'POST', hostname: 'organizations.us-east-1.amazonaws.com', path: '/',
      headers: {
        'x-amz-target': 'AWSOrganizationsV20161128.ListHandshakesForAccount',
        authorization: 'AWS4-HMAC-SHA256 Credential=111111111111/20260913/us-east-1/organizations/aws4_request, Signature=0',
      },
      body: '{}',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/x-amz-json-1.1');
    assert.match(response.headers['x-amzn-requestid'], UUID);
    assert.ok(response.body instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(response.body), '{"Handshakes":[]}');
    assert.equal(response.headers['content-length'], String(response.body.byteLength));
  });
});
