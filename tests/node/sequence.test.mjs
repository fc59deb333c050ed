// web/sequence.mjs: the event log as a sequence diagram, its standalone SVG and its Mermaid text, fed with
// hostile account names, emails, notes and ids.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mermaidLabel, mermaidText, sequenceModel, svgText } from '../../web/sequence.mjs';

const T0 = 1767225600; // 2026-01-01
const DAY = 86400;
const HOSTILE = [
  'Bill\n%%{init: {"theme": "dark"}}%%',
  'Susan; participant evil as X',
  'Juan --> p1: pwned',
  '<script>alert(1)</script> & "quotes" \'single\'',
  '#59; #amp; :colon: ]]> <!-- -->',
  'Zoë\u0000\u0007\u202Ebidi\u2028line\u2029para\r\nnext',
];

/** A world and log: Bill (management) invites Susan and Juan; Susan accepts; time passes; Juan's invitation expires. */
function session(names = ['Bill', 'Susan', 'Juan']) {
  const [bill, susan, juan] = ['111111111111', '222222222222', '333333333333'];
  const org = 'o-exampleorgid';
  const hs = (id, state, target, exp = T0 + 15 * DAY) => ({
    Id: id, Action: 'INVITE', State: state, ExpirationTimestamp: exp,
    Parties: [{ Id: org, Type: 'ORGANIZATION' }, { Id: target, Type: 'ACCOUNT' }],
  });
  let seq = 0;
  const entry = (now, caller, op, body, status, parsed) => ({
    seq: ++seq, now, caller, target: caller === null ? `Simulator.${op}` : `AWSOrganizationsV20161128.${op}`,
    body: JSON.stringify(body), by: 'user', status, response: JSON.stringify(parsed), parsed, provenance: null,
  });
  const hSusan = 'h-susan<svg onload=alert(1)>';
  const log = [
    entry(T0, bill, 'InviteAccountToOrganization', { Target: { Id: susan, Type: 'ACCOUNT' }, Notes: HOSTILE[3] }, 200, { Handshake: hs(hSusan, 'OPEN', susan) }),
    entry(T0, susan, 'AcceptHandshake', { HandshakeId: hSusan }, 200, { Handshake: hs(hSusan, 'ACCEPTED', susan) }),
    entry(T0, bill, 'InviteAccountToOrganization', { Target: { Id: juan, Type: 'ACCOUNT' } }, 200, { Handshake: hs('h-juan', 'OPEN', juan) }),
    entry(T0, null, 'AdvanceTime', { Seconds: 16 * DAY }, 200, { Now: T0 + 16 * DAY }),
    entry(T0 + 16 * DAY, juan, 'AcceptHandshake', { HandshakeId: 'h-juan' }, 400, { __type: 'HandshakeConstraintViolationException', Message: 'expired' }),
  ];
  const world = {
    Now: T0 + 16 * DAY,
    Accounts: [
      { Id: bill, Name: names[0], Email: 'bill@example.com', Role: 'management', OrganizationId: org },
      { Id: susan, Name: names[1], Email: 'susan@example.com', Role: 'member', OrganizationId: org },
      { Id: juan, Name: names[2], Email: 'juan@example.com', Role: 'standalone' },
    ],
    Organizations: [{ Id: org, FeatureSet: 'ALL', ManagementAccountId: bill }],
    Handshakes: [hs(hSusan, 'ACCEPTED', susan), hs('h-juan', 'EXPIRED', juan)],
    ResponsibilityTransfers: [],
  };
  return { log, world };
}

test('lifelines, arrows in order, the clock and the expiry the system made', () => {
  const { log, world } = session();
  const model = sequenceModel(log, world);
  assert.deepEqual(model.participants.map((p) => p.name), ['Bill', 'Susan', 'Juan', 'Clock / AWS']);
  const kinds = model.steps.map((s) => (s.kind === 'call' ? `${s.from}>${s.to} ${s.operation} ${s.status} ${s.state}` : s.kind === 'system' ? `${s.from}>${s.to} ${s.event}` : 'clock'));
  assert.deepEqual(kinds, [
    'p1>p2 InviteAccountToOrganization 200 OPEN',
    'p2>p1 AcceptHandshake 200 ACCEPTED',
    'p1>p3 InviteAccountToOrganization 200 OPEN',
    'clock',
    'p4>p3 EXPIRED',
    'p3>p1 AcceptHandshake 400 ',
  ]);
});

test('Mermaid: one participant or arrow per line, no directive, whatever the names', () => {
  const { log, world } = session(HOSTILE.slice(0, 3));
  world.Accounts.push({ Id: '444444444444', Name: HOSTILE[4], Email: HOSTILE[5], Role: 'standalone' });
  log.push({ ...log[0], seq: 6, caller: '111111111111', body: JSON.stringify({ Target: { Id: HOSTILE[5], Type: 'EMAIL' } }),
    parsed: { Handshake: { Id: 'h-x%%{init}%%', Action: 'INVITE', State: 'OPEN', Parties: [{ Id: 'o-exampleorgid', Type: 'ORGANIZATION' }, { Id: HOSTILE[5], Type: 'EMAIL' }] } } });
  const text = mermaidText(sequenceModel(log, world));
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'sequenceDiagram');
  const participant = /^ {4}participant p\d+ as [^;#%:<>"`{}[\]\n\r]+$/u;
  const arrow = /^ {4}p\d+(->>|-x|-->>)p\d+: [^;#%:<>"`{}[\]\n\r]+$/u;
  const note = /^ {4}Note over p\d+(,p\d+)?: [^;#%:<>"`{}[\]\n\r]+$/u;
  for (const line of lines.slice(1)) {
    assert.ok(participant.test(line) || arrow.test(line) || note.test(line), `unexpected line: ${JSON.stringify(line)}`);
    assert.ok(!line.slice(4).includes('--', line.indexOf(':')), `a -- in a label: ${line}`);
  }
  assert.equal(lines.filter((l) => l.includes('participant')).length, 5);
  assert.ok(!/%%|\u2028|\u2029|\r/.test(text), 'no directive, no other line break');
  assert.match(text, /call 1 InviteAccountToOrganization 200 OPEN/);
  assert.match(text, /call 2 AcceptHandshake 200 ACCEPTED/);
});

test('mermaidLabel keeps words, drops syntax', () => {
  assert.equal(mermaidLabel('a;b#c%d:e<f>g"h'), 'a b c d e f g h');
  assert.equal(mermaidLabel('x --> y'), 'x - y');
  assert.equal(mermaidLabel('\n\n'), '(unnamed)');
  assert.ok(mermaidLabel('x'.repeat(500)).length <= 80);
});

/**
 * A tiny XML well-formedness check: tags balance, attributes are quoted, only the five entities, no stray
 * < or &. Returns the text nodes and attribute values as read back (entities decoded).
 * @param {string} xml
 */
function parseXml(xml) {
  const texts = [];
  const attrs = [];
  const stack = [];
  let i = 0;
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  const decode = (s) => {
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(s), `a bare & in ${JSON.stringify(s)}`);
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  while (i < body.length) {
    if (body[i] === '<') {
      const end = body.indexOf('>', i);
      assert.ok(end > 0, 'unterminated tag');
      const tag = body.slice(i + 1, end);
      if (tag.startsWith('/')) {
        assert.equal(stack.pop(), tag.slice(1), 'tags balance');
      } else {
        const m = /^([a-zA-Z][\w-]*)((?:\s+[a-zA-Z][\w:-]*="[^"<]*")*)\s*(\/?)$/.exec(tag);
        assert.ok(m, `malformed tag <${tag}>`);
        for (const a of m[2].matchAll(/="([^"]*)"/g)) attrs.push(decode(a[1]));
        if (!m[3]) stack.push(m[1]);
      }
      i = end + 1;
    } else {
      const end = body.indexOf('<', i) === -1 ? body.length : body.indexOf('<', i);
      const t = body.slice(i, end);
      texts.push(decode(t));
      i = end;
    }
  }
  assert.deepEqual(stack, [], 'every element closed');
  return { texts: texts.join('\u0001'), attrs };
}

test('the SVG is well-formed and standalone, hostile text only as text', () => {
  const { log, world } = session(HOSTILE.slice(0, 3));
  const xml = svgText(sequenceModel(log, world));
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(xml, /<style>/, 'the styles travel with the file');
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml), 'no control characters');
  const { texts } = parseXml(xml);
  assert.ok(!/<script|<svg onload/.test(xml), 'no markup from the input');
  assert.ok(texts.includes('<script>alert(1)</script>') === false, 'notes are not drawn');
  assert.ok(texts.includes('Bill\n%%{init'), 'a hostile name is there, as text');
  assert.ok(texts.includes('h-susan<svg onload=alert(1)>'), 'a hostile id is there, as text');
  const elements = [...xml.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
  for (const tag of elements) assert.ok(['svg', 'title', 'desc', 'defs', 'marker', 'path', 'style', 'rect', 'g', 'line', 'text'].includes(tag), `element ${tag}`);
});
