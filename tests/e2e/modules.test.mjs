// The page's pure modules under node: boto3 view, code generation, JSON re-indenting, time formats,
// diagram layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyDatetime, pyString, pythonView, toPython } from '../../web/python-view.mjs';
import { kebabCase, sdkProblems, shellQuote, snakeCase, snippets } from '../../web/codegen.mjs';
import { prettyJson, tokenize } from '../../web/highlight.mjs';
import { firstOfNextMonth, formatDuration, formatTime, parseTimestamp } from '../../web/format.mjs';
import { layout } from '../../web/diagram.mjs';
import { OPERATIONS } from '../../web/operations.mjs';

test('datetime values as boto3 prints them', () => {
  assert.equal(pyDatetime(1789271046.11), 'datetime.datetime(2026, 9, 13, 3, 44, 6, 110000, tzinfo=tzutc())');
  assert.equal(pyDatetime(1790567046.11), 'datetime.datetime(2026, 9, 28, 3, 44, 6, 110000, tzinfo=tzutc())');
  assert.equal(pyDatetime(1790812800), 'datetime.datetime(2026, 10, 1, 0, 0, tzinfo=tzutc())');
  assert.equal(pyDatetime(1790812801), 'datetime.datetime(2026, 10, 1, 0, 0, 1, tzinfo=tzutc())');
  assert.equal(pyDatetime(1789271046.999), 'datetime.datetime(2026, 9, 13, 3, 44, 6, 999000, tzinfo=tzutc())');
});

test('Python string and value literals', () => {
  assert.equal(pyString('abc'), "'abc'");
  assert.equal(pyString("don't"), '"don\'t"');
  assert.equal(pyString('a\'b"c'), "'a\\'b\"c'");
  assert.equal(pyString('line\nnext\\'), "'line\\nnext\\\\'");
  assert.equal(pyString('é'), "'é'");
  assert.equal(toPython({ A: true, B: null, C: [1, 2.5], D: {} }), "{\n    'A': True,\n    'B': None,\n    'C': [\n        1,\n        2.5\n    ],\n    'D': {}\n}");
});

test('the boto3 view of a success and of an error', () => {
  const ok = pythonView('DescribeHandshake', 200, '{"Handshake":{"Id":"h-1","RequestedTimestamp":1789271046.11,"State":"OPEN"}}');
  assert.match(ok, /'RequestedTimestamp': datetime\.datetime\(2026, 9, 13, 3, 44, 6, 110000, tzinfo=tzutc\(\)\)/);
  const err = pythonView('DescribeHandshake', 400, '{"__type":"InvalidInputException","Message":"You provided a value that does not match the required pattern.","Reason":"INVALID_PATTERN:HANDSHAKE_ID"}');
  assert.match(err, /^# boto3 raises client\.exceptions\.InvalidInputException/);
  assert.match(err, /An error occurred \(InvalidInputException\) when calling the DescribeHandshake operation: You provided a value/);
  assert.match(err, /'Error': \{\n {8}'Message': 'You provided a value that does not match the required pattern\.',\n {8}'Code': 'InvalidInputException'\n {4}\}/);
  assert.match(err, /'Reason': 'INVALID_PATTERN:HANDSHAKE_ID'/);
});

test('names: boto3 methods, CLI commands and options', () => {
  assert.equal(snakeCase('InviteAccountToOrganization'), 'invite_account_to_organization');
  assert.equal(kebabCase('ListHandshakesForAccount'), 'list-handshakes-for-account');
  assert.equal(kebabCase('HandshakeId'), 'handshake-id');
  assert.equal(shellQuote('h-abc'), 'h-abc');
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.equal(shellQuote('a b'), "'a b'");
});

test('snippets for a request', () => {
  const body = JSON.stringify({ Target: { Id: 'susan@example.com', Type: 'EMAIL' }, Notes: "Susan's invite" });
  const out = snippets('AWSOrganizationsV20161128.InviteAccountToOrganization', body, 1789271046.11);
  assert.equal(out.boto3, [
    'import boto3', '', "client = boto3.client('organizations')", '',
    'response = client.invite_account_to_organization(',
    "    Target={\n        'Id': 'susan@example.com',\n        'Type': 'EMAIL'\n    },",
    '    Notes="Susan\'s invite",', ')', 'print(response)'].join('\n'));
  assert.equal(out.cli, "aws organizations invite-account-to-organization \\\n    --target '{\"Id\":\"susan@example.com\",\"Type\":\"EMAIL\"}' \\\n    --notes 'Susan'\\''s invite'");
  assert.match(out.js, /import \{ OrganizationsClient, InviteAccountToOrganizationCommand \} from "@aws-sdk\/client-organizations";/);
  assert.match(out.js, /Notes: "Susan's invite",/);
  assert.ok(out.http.startsWith('POST / HTTP/1.1\nHost: organizations.us-east-1.amazonaws.com\nContent-Type: application/x-amz-json-1.1\nX-Amz-Target: AWSOrganizationsV20161128.InviteAccountToOrganization\nX-Amz-Date: 20260913T034406Z\n'));
  assert.match(out.http, new RegExp(`Content-Length: ${Buffer.byteLength(body)}\n\n`));
  assert.ok(out.http.endsWith(body));
  assert.match(out.curl, /--aws-sigv4 "aws:amz:us-east-1:organizations"/);

  const empty = snippets('AWSOrganizationsV20161128.EnableAllFeatures', '{}', 0);
  assert.match(empty.boto3, /response = client\.enable_all_features\(\)/);
  assert.equal(empty.cli, 'aws organizations enable-all-features');

  const ts = snippets('AWSOrganizationsV20161128.TerminateResponsibilityTransfer', '{"Id":"rt-12345678","EndTimestamp":1798761599}', 0);
  assert.match(ts.boto3, /^import datetime$/m);
  assert.match(ts.boto3, /EndTimestamp=datetime\.datetime\(2026, 12, 31, 23, 59, 59, tzinfo=datetime\.timezone\.utc\),/);
  assert.match(ts.cli, /--end-timestamp 2026-12-31T23:59:59Z/);
  assert.match(ts.js, /EndTimestamp: new Date\("2026-12-31T23:59:59\.000Z"\)/);

  const invalid = snippets('AWSOrganizationsV20161128.DescribeHandshake', '{"HandshakeId": ', 0);
  assert.match(invalid.boto3, /boto3 cannot send this request: the body is not a JSON object/);
  assert.ok(invalid.http.endsWith('{"HandshakeId": '));

  const wrong = snippets('AWSOrganizationsV20161128.DescribeHandshake', '{"HandshakeId": 5, "Extra": 1}', 0);
  assert.match(wrong.boto3, /unknown parameter "Extra"/);
  assert.match(wrong.boto3, /"HandshakeId" must be of type string, not number/);
});

test('SDK parameter checks', () => {
  assert.deepEqual(sdkProblems('AcceptHandshake', { HandshakeId: 'h-1' }), []);
  assert.deepEqual(sdkProblems('AcceptHandshake', {}), ['missing required parameter "HandshakeId"']);
  assert.deepEqual(sdkProblems('EnableAllFeatures', {}), []);
});

test('JSON re-indenting keeps every token as sent', () => {
  assert.equal(prettyJson('{"a":1789271046.11,"b":[],"c":{},"d":[1.50,"x"]}'),
    '{\n  "a": 1789271046.11,\n  "b": [],\n  "c": {},\n  "d": [\n    1.50,\n    "x"\n  ]\n}');
  assert.equal(prettyJson('{"a":'), null);
  assert.deepEqual(tokenize('{"k":"v"}', 'json').map((t) => t.type), ['punct', 'key', 'punct', 'string', 'punct']);
  assert.equal(tokenize('<img src=x>', 'json').map((t) => t.text).join(''), '<img src=x>');
});

test('time formats', () => {
  assert.equal(formatTime(1789271046.11), '2026-09-13 03:44:06.110 UTC');
  assert.equal(formatDuration(1296000), '15d');
  assert.equal(formatDuration(1295999), '14d 23h');
  assert.equal(formatDuration(86399 + 3600 * 0), '23h 59m');
  assert.equal(formatDuration(59), '59s');
  assert.equal(formatDuration(-5), '0s');
  assert.equal(firstOfNextMonth(1789271046.11), 1790812800);
  assert.equal(parseTimestamp('2026-10-01'), 1790812800);
  assert.equal(parseTimestamp('2026-10-01T00:00:00Z'), 1790812800);
  assert.equal(parseTimestamp('1790812800'), 1790812800);
  assert.equal(parseTimestamp('soon'), 'soon');
  assert.equal(parseTimestamp(''), undefined);
});

test('diagram layout: terminal states in the last column', () => {
  const lifecycle = {
    Action: 'ENABLE_ALL_FEATURES', States: ['REQUESTED', 'OPEN', 'ACCEPTED', 'CANCELED', 'EXPIRED'], Initial: 'REQUESTED',
    Terminal: ['ACCEPTED', 'CANCELED', 'EXPIRED'],
    Transitions: [
      { Operation: 'ChildrenAccepted', Role: 'SYSTEM', From: 'REQUESTED', To: 'OPEN' },
      { Operation: 'AcceptHandshake', Role: 'MANAGEMENT', From: 'OPEN', To: 'ACCEPTED' },
      { Operation: 'CancelHandshake', Role: 'MANAGEMENT', From: 'REQUESTED', To: 'CANCELED' },
      { Operation: 'CancelHandshake', Role: 'MANAGEMENT', From: 'OPEN', To: 'CANCELED' },
      { Operation: 'AcceptHandshake', Role: 'MANAGEMENT', From: 'REQUESTED', Error: 'InvalidHandshakeTransitionException' },
    ],
  };
  const { pos, labels } = layout(lifecycle);
  assert.equal(pos.get('REQUESTED').column, 0);
  assert.equal(pos.get('OPEN').column, 1);
  assert.equal(pos.get('ACCEPTED').column, 2);
  assert.equal(pos.get('EXPIRED').column, 2);
  assert.deepEqual(labels.get('CANCELED'), ['CancelHandshake (MANAGEMENT)']);
});

test('every operation of docs/wire-api.md is in the catalogue', async () => {
  const fs = await import('node:fs');
  const doc = fs.readFileSync(new URL('../../docs/wire-api.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('Operations:'), doc.indexOf('Protocol errors'));
  const names = [...section.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
  assert.ok(names.length >= 20, names.join(','));
  assert.deepEqual(names.filter((n) => !OPERATIONS.some((op) => op.name === n)), []);
});

test('index.html preloads every module of the page', async () => {
  const fs = await import('node:fs');
  const web = new URL('../../web/', import.meta.url);
  const html = fs.readFileSync(new URL('index.html', web), 'utf8');
  const entries = [...html.matchAll(/<script type="module"(?: async)? src="([^"]+)"><\/script>/g)].map((m) => m[1]);
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]));
  const graph = new Set();
  const visit = (file) => {
    if (graph.has(file)) return;
    graph.add(file);
    if (file === 'handshake-engine.mjs') return;   // the compiled engine, put beside the page's modules by the build
    const text = fs.readFileSync(new URL(file, web), 'utf8');
    for (const m of text.matchAll(/^import [^;]*? from '\.\/([^']+)';/gm)) visit(m[1]);
  };
  entries.forEach(visit);
  assert.deepEqual(entries, ['engine-boot.mjs', 'app.mjs']);
  const missing = [...graph].filter((f) => !entries.includes(f) && !preloaded.has(f));
  assert.deepEqual(missing, []);
  assert.deepEqual([...preloaded].filter((f) => !graph.has(f)), []);
});
