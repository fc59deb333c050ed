// Property-based test of the page's code snippets: for generated hostile requests (quotes of every kind,
// backslashes, line breaks, \u2028, $(), backticks, */, #, --, NUL, non-BMP characters, lone surrogates, a
// leading @ or -, as values, as keys at every depth, and as targets), every boto3, AWS CLI, JavaScript and
// curl snippet is RUN against stubs (see snippet-stubs.mjs) in an empty directory: it must run nothing but
// the stub, make exactly one call carrying exactly the request, or decline in comments and make none.
// HS_SNIPPET_CASES=n changes the number of generated requests, HS_SNIPPET_SEED the seed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { snippets } from '../../web/codegen.mjs';
import { OPERATIONS, TARGET_PREFIX } from '../../web/operations.mjs';
import { checkSnippets, expectations, makeSandbox, pool, runSnippet } from './snippet-stubs.mjs';

const CASES = Number(process.env.HS_SNIPPET_CASES || 80);
const SEED = Number(process.env.HS_SNIPPET_SEED || 0x5eed);
const NOW = 1789271046.11;

let sandbox;
before(() => { sandbox = makeSandbox(); });
after(() => { sandbox?.cleanup(); });

/** mulberry32: a small seeded PRNG, so that a failure can be replayed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Payload pieces; CANARY stands for the canary path (and "canary" in the run directory). */
function atoms(canary) {
  const js = `(await import('node:fs')).writeFileSync(${JSON.stringify(canary)}, '')`;
  return [
    `\ntouch ${canary} #`, `\rtouch ${canary} #`, `'; touch ${canary}; '`, `"; touch ${canary}; "`, `$(touch ${canary})`,
    `\`touch ${canary}\``, `$(touch canary)`, `'$(touch canary)'`, '\\', "\\'", '\\"', '\\\\\n', "'", '"', '`', "'''", '"""',
    `*/ ${js}; /*`, `\n${js} //`, `\u2028${js} //`, `\u2029${js} //`, `\r${js} //`, `";${js};"`, '${process.exit(3)}',
    `Tags=[],**{'Notes':__import__('os').system('touch ${canary}') and 'x'},X`, `'),__import__('os').system('touch ${canary}'),('`,
    `\nopen(${JSON.stringify(canary)}, 'w') #`, "\\N{BULLET}", '\\x41', '\\u0041',
    '#', '--', '-x', '--debug', `--endpoint-url=http://127.0.0.1:9`, `@${canary}`, '@/root/.aws/credentials', '@-', '@',
    `file://${canary}`, 'fileb:///etc/hostname', 'http://127.0.0.1:9/', '%s%n%%', '%', '${HOME}', '$HOME', '!!', '~', '*', '?',
    '[a]', '{a,b}', '>out', '|', '&', ';', '<', ' ', '  ', '\t', '\u0000', '\u0007', '\u001b[31m', '\u0003', '\u007f', '\u0085',
    '\u00a0', '\u00ad', '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff', 'é', 'ß', '中文', '😀', '\ud800', '\udc00', '\udbff\ud800',
    '__proto__', 'constructor', 'toString', 'class', 'None', 'True', 'lambda', '__debug__', '__import__', '0abc', '', 'a-b', 'x y',
    '=', ',', ':', '.', '/', 'h-abcdefgh', '111111111111', 'EMAIL',
  ];
}

function generator(seed, canary) {
  const rand = prng(seed);
  const pieces = atoms(canary);
  const int = (n) => Math.floor(rand() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => rand() < p;
  const hostile = () => Array.from({ length: 1 + int(3) }, () => pick(pieces)).join(chance(0.3) ? pick(pieces) : '');
  const plainKey = () => pick(['Id', 'Type', 'Key', 'Value', 'Notes', 'EndTimestamp', 'MaxResults', 'x', 'a_b', '$x']);
  const key = () => (chance(0.6) ? hostile() : plainKey());
  const number = () => pick([0, 1, -1, 42, 3.5, 1e21, 1e300, 5e-324, 2 ** 53 + 2, -123.456, 1798761599, 1789271046.11]);
  const timestamp = () => pick([1790812800, 1798761599, 1789271046.11, 0, 253402300799, 253402300800, -5, 1e12, 1.5]);

  function value(depth) {
    const r = rand();
    if (depth <= 0 || r < 0.45) return chance(0.7) ? hostile() : pick([null, true, false, number()]);
    if (r < 0.7) return Array.from({ length: int(4) }, () => value(depth - 1));
    const out = {};
    for (let i = int(4); i > 0; i--) Object.defineProperty(out, key(), { value: value(depth - 1), enumerable: true, writable: true, configurable: true });
    if (chance(0.2)) out.EndTimestamp = timestamp();
    return out;
  }

  /** A value of the field's own type, hostile where it is text. */
  function fieldValue(field) {
    switch (field.kind) {
      case 'integer': return pick([1, 5, 20, 0, 7]);
      case 'timestamp': return timestamp();
      case 'party': return { Id: chance(0.5) ? hostile() : 'susan@example.com', Type: pick(['EMAIL', 'ACCOUNT', hostile()]) };
      case 'filter': return chance(0.5) ? { ActionType: hostile() } : { ParentHandshakeId: hostile() };
      case 'tags': return Array.from({ length: int(3) }, () => ({ Key: hostile(), Value: hostile() }));
      default: return chance(0.8) ? hostile() : pick(['h-abcdefgh', '111111111111', 'BILLING', 'plain text']);
    }
  }

  function set(object, k, v) {
    Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
  }

  return function request() {
    const op = pick(OPERATIONS);
    let target = `${TARGET_PREFIX}.${op.name}`;
    const params = {};
    for (const field of op.fields) if (field.required || chance(0.6)) set(params, field.name, fieldValue(field));
    const shape = rand();
    if (shape < 0.35) {
      // Well-typed parameters only: the shapes the CLI writes as --name value pairs.
    } else if (shape < 0.7) {
      // Hostile keys at the top and inside the known structures.
      for (let i = 1 + int(2); i > 0; i--) set(params, key(), value(2));
      for (const v of Object.values(params)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) set(v, key(), value(1));
        if (Array.isArray(v) && v[0] && typeof v[0] === 'object' && !Array.isArray(v[0])) set(v[0], key(), value(2));
      }
    } else if (shape < 0.85) {
      // Any JSON at any depth, hostile keys everywhere.
      for (let i = 1 + int(3); i > 0; i--) set(params, key(), value(4));
    } else if (shape < 0.93) {
      target = pick([
        `${TARGET_PREFIX}.${hostile()}`, `${target}${hostile()}`, hostile(), `Simulator.${hostile()}`, ` ${target}`, `${target} `, '',
      ]);
    } else {
      return { target, body: pick([hostile(), `@${canary}`, '@/root/.aws/credentials', `${hostile()}{}`, '{"a":1}x', '[]', '"x"', '']) };
    }
    const body = chance(0.25) ? JSON.stringify(params, null, pick([2, '\t'])) : JSON.stringify(params);
    return { target, body };
  };
}

const show = (text) => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}...` : text);

describe('regression: the payloads of issue 11', () => {
  const canaryOf = () => sandbox.canary;
  const cases = [
    ['CLI: body key "\\ntouch <canary> #"', () => ({
      target: `${TARGET_PREFIX}.InviteAccountToOrganization`,
      body: JSON.stringify({ Target: { Id: 'susan@example.com', Type: 'EMAIL' }, [`\ntouch ${canaryOf()} #`]: 'x' }),
    })],
    ['boto3: body key Tags=[],**{...os.system...},X', () => ({
      target: `${TARGET_PREFIX}.InviteAccountToOrganization`,
      body: JSON.stringify({ Target: { Id: 'susan@example.com', Type: 'EMAIL' }, [`Tags=[],**{'Notes':__import__('os').system('touch ${canaryOf()}') and 'x'},X`]: 1 }),
    })],
    ['target AWSOrganizationsV20161128.ListAccounts\\ntouch <canary> #', () => ({
      target: `${TARGET_PREFIX}.ListAccounts\ntouch ${canaryOf()} #`, body: '{}',
    })],
    ['JavaScript: note lines with a line break, \\u2028, \\u2029 and \\r in a key', () => ({
      target: `${TARGET_PREFIX}.DescribeHandshake`,
      body: JSON.stringify(Object.fromEntries(['\n', '\u2028', '\u2029', '\r'].map((br) => [`${br}(await import('node:fs')).writeFileSync(${JSON.stringify(canaryOf())}, '') //`, 1]))),
    })],
    ['JavaScript: */ in a key, and __proto__ as a key', () => ({
      target: `${TARGET_PREFIX}.DescribeHandshake`,
      body: `{"HandshakeId":"h-abcdefgh","*/ process.exit(0); /*":1,"__proto__":{"polluted":true}}`,
    })],
    ['curl: a body starting with @/root/.aws/credentials', () => ({ target: `${TARGET_PREFIX}.ListAccounts`, body: '@/root/.aws/credentials' })],
    ['curl: a body naming a file that exists', () => {
      const secret = path.join(sandbox.root, 'secret');
      fs.writeFileSync(secret, 'SECRET');
      return { target: `${TARGET_PREFIX}.ListAccounts`, body: `@${secret}` };
    }],
    ['curl: a body with NUL, control characters and a trailing newline', () => ({
      target: `${TARGET_PREFIX}.ListAccounts`, body: '{"a":"b"}\u0000\u0003\r\n\u001b[31m%s\\\'\n',
    })],
    ['an empty target', () => ({ target: '', body: '{}' })],
    ['CLI: string values the CLI would read as options or files', () => ({
      target: `${TARGET_PREFIX}.InviteAccountToOrganization`,
      body: JSON.stringify({ Target: { Id: 'a@example.com', Type: 'EMAIL' }, Notes: `file://${canaryOf()}` }),
    })],
    ['CLI: a value with a leading dash', () => ({ target: `${TARGET_PREFIX}.DescribeHandshake`, body: '{"HandshakeId":"--debug"}' })],
  ];
  for (const [name, make] of cases) {
    test(name, async () => {
      const { target, body } = make();
      const texts = snippets(target, body, NOW);
      await checkSnippets(sandbox, target, body, texts, `${name}: target ${show(target)} body ${show(body)}`);
    });
  }

  test('the cases above exercise both outcomes: sent exactly, and declined', () => {
    const curlBody = snippets(`${TARGET_PREFIX}.ListAccounts`, '@/root/.aws/credentials', NOW).curl;
    assert.match(curlBody, /--data-raw @\/root\/\.aws\/credentials$/);
    assert.doesNotMatch(curlBody, /--data-binary @\//);
    assert.match(snippets(`${TARGET_PREFIX}.ListAccounts\ntouch x #`, '{}', NOW).cli, /^# The AWS CLI cannot send this request/);
    const boto = snippets(`${TARGET_PREFIX}.DescribeHandshake`, '{"HandshakeId":"h-1","a b":1,"class":2}', NOW).boto3;
    assert.match(boto, /^ {4}\*\*\{'a b': 1\},$/m);
    assert.match(boto, /^ {4}\*\*\{'class': 2\},$/m);
  });
});

describe('property: generated hostile requests', () => {
  test(`${CASES} requests (seed ${SEED}): every snippet runs only the stub, with exactly the request or none`, async () => {
    const next = generator(SEED, sandbox.canary);
    const requests = Array.from({ length: CASES }, next);
    const counts = { sent: 0, declined: 0, curlSent: 0, curlDeclined: 0 };
    for (const { target, body } of requests) {
      const { sdk, curl } = expectations(target, body);
      counts[sdk ? 'sent' : 'declined'] += 1;
      counts[curl ? 'curlSent' : 'curlDeclined'] += 1;
    }
    // The generator reaches both outcomes often enough to mean something.
    assert.ok(counts.sent >= CASES / 2 && counts.declined >= CASES / 20, JSON.stringify(counts));
    await pool(requests, 3, async ({ target, body }, i) => {
      const texts = snippets(target, body, NOW);
      await checkSnippets(sandbox, target, body, texts, `case ${i} (seed ${SEED}): target ${show(target)} body ${show(body)}`);
    });
    process.stdout.write(`# ${CASES} requests: SDK snippets sent ${counts.sent}, declined ${counts.declined}; curl sent ${counts.curlSent}, declined ${counts.curlDeclined}\n`);
  });

  test('the forms that cannot inject are the ones used', () => {
    const next = generator(SEED + 1, sandbox.canary);
    let cliJson = 0; let cliPairs = 0; let kwargsDict = 0; let printf = 0; let raw = 0;
    for (let i = 0; i < 300; i++) {
      const { target, body } = next();
      const texts = snippets(target, body, NOW);
      if (/--cli-input-json '/.test(texts.cli)) cliJson += 1;
      else if (/^aws organizations /m.test(texts.cli)) cliPairs += 1;
      if (/^ {4}\*\*\{/m.test(texts.boto3)) kwargsDict += 1;
      if (/^printf '/m.test(texts.curl)) printf += 1;
      if (/--data-raw /.test(texts.curl)) raw += 1;
    }
    assert.ok(cliJson > 10 && cliPairs > 10 && kwargsDict > 10 && printf > 10 && raw > 10, JSON.stringify({ cliJson, cliPairs, kwargsDict, printf, raw }));
  });

  test('the stubs notice a snippet that runs something else', async () => {
    // The harness itself: a payload outside quotes is caught by the canary, an unknown command is recorded.
    const shell = await runSnippet(sandbox, 'cli', `touch ${sandbox.canary}\nls\naws organizations list-accounts`);
    assert.equal(shell.canary, true);
    assert.equal(shell.strays.length, 2);
    const py = await runSnippet(sandbox, 'boto3', "import os\nos.system('touch canary')");
    assert.equal(py.canary, true);
    const js = await runSnippet(sandbox, 'js', `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(sandbox.canary)}, '');`);
    assert.equal(js.canary, true);
  });
});
