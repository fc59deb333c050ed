// Runs the page's code snippets against stubs that only record what they are asked to do:
//   - AWS CLI and curl snippets: bash, with PATH holding only stub `aws`, `curl` and `touch` executables and a
//     command_not_found_handle that records any other command;
//   - boto3 snippets: python3 with a stub `boto3` package first on PYTHONPATH (its client records the method
//     and keyword arguments);
//   - JavaScript v3 snippets: node, as an .mjs file beside a stub `@aws-sdk/client-organizations` package.
// Each run gets its own empty directory; calls are appended as JSON lines to a record file. Payloads in the
// tests try to create `sandbox.canary` (with `touch`, Python's os.system or open, node's fs): a run that makes
// it exist, or that runs any command other than the stubs, has been broken out of.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { OPERATIONS, OPERATIONS_BY_NAME, TARGET_PREFIX } from '../../web/operations.mjs';
import { MAX_DEPTH, kebabCase, snakeCase } from '../../web/codegen.mjs';

const DATE_MARK = '$stub-datetime';

const RECORDER = `#!${process.execPath}
// Stub: records its argv (and standard input when told to read the body from it) and does nothing else.
const fs = require('node:fs');
const path = require('node:path');
const argv = process.argv.slice(2);
const record = { tool: path.basename(process.argv[1]), argv };
if (record.tool === 'curl' && argv.includes('@-')) record.stdin = fs.readFileSync(0).toString('base64');
fs.appendFileSync(process.env.SNIPPET_RECORD, JSON.stringify(record) + '\\n');
`;

// touch: does what touch does (so that a payload that gets to run it leaves the canary), and says so.
const TOUCH = `#!${process.execPath}
const fs = require('node:fs');
fs.appendFileSync(process.env.SNIPPET_STRAYS, JSON.stringify(['touch', ...process.argv.slice(2)]) + '\\n');
for (const file of process.argv.slice(2)) fs.writeFileSync(file, '');
`;

const BASH_ENV = `command_not_found_handle() {
  printf '%s\\n' "not found: $*" >> "$SNIPPET_STRAYS"
  return 127
}
`;

const BOTO3 = `import datetime, json, os

def _encode(value):
    if isinstance(value, datetime.datetime):
        return {${JSON.stringify(DATE_MARK)}: value.timestamp()}
    raise TypeError(type(value).__name__)

class _Client:
    def __init__(self, service, args, kwargs):
        self._service = service
        self._setup = [list(args), sorted(kwargs)]

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        def call(*args, **kwargs):
            record = {'tool': 'boto3', 'service': self._service, 'setup': self._setup, 'method': name,
                      'args': list(args), 'kwargs': kwargs}
            with open(os.environ['SNIPPET_RECORD'], 'a', encoding='ascii') as f:
                f.write(json.dumps(record, default=_encode, ensure_ascii=True) + '\\n')
            return {}
        return call

def client(service, *args, **kwargs):
    return _Client(service, args, kwargs)
`;

function sdkStub() {
  const commands = OPERATIONS.map((op) => `export class ${op.name}Command { constructor(input) { this.input = input; } }`);
  return `import fs from 'node:fs';
function replacer(key, value) {
  const raw = this[key];
  return raw instanceof Date ? { ${JSON.stringify(DATE_MARK)}: raw.getTime() / 1000 } : value;
}
export class OrganizationsClient {
  constructor(config) { this.config = config; }
  async send(command) {
    const record = { tool: 'js', config: this.config, command: command.constructor.name, input: command.input };
    fs.appendFileSync(process.env.SNIPPET_RECORD, JSON.stringify(record, replacer) + '\\n');
    return {};
  }
}
${commands.join('\n')}
`;
}

/** A fresh sandbox: stub executables, stub boto3, stub SDK package, a canary path that must never exist. */
export function makeSandbox() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snippet-stubs-')));
  const bin = path.join(root, 'bin');
  const py = path.join(root, 'py', 'boto3');
  const sdk = path.join(root, 'js', 'node_modules', '@aws-sdk', 'client-organizations');
  for (const dir of [bin, py, sdk, path.join(root, 'runs'), path.join(root, 'js', 'runs')]) fs.mkdirSync(dir, { recursive: true });
  for (const tool of ['aws', 'curl']) fs.writeFileSync(path.join(bin, tool), RECORDER, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'touch'), TOUCH, { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'bash-env.sh'), BASH_ENV);
  fs.writeFileSync(path.join(py, '__init__.py'), BOTO3);
  fs.writeFileSync(path.join(sdk, 'package.json'), JSON.stringify({ name: '@aws-sdk/client-organizations', type: 'module', exports: './index.mjs' }));
  fs.writeFileSync(path.join(sdk, 'index.mjs'), sdkStub());
  let count = 0;
  return {
    root,
    bin,
    canary: path.join(root, 'canary'),
    /** A new empty directory for one run (JavaScript runs live under js/ so that the stub package resolves). */
    runDir(kind) {
      count += 1;
      const dir = path.join(root, kind === 'js' ? 'js/runs' : 'runs', String(count));
      fs.mkdirSync(dir);
      return dir;
    },
    cleanup() { fs.rmSync(root, { recursive: true, force: true }); },
  };
}

function exec(file, args, options) {
  return new Promise((resolve) => {
    const child = execFile(file, args, { ...options, timeout: 60000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, signal: error?.signal ?? null, stdout, stderr });
    });
    child.stdin.end();
  });
}

const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => fs.existsSync(p)) || 'python3';

function readLines(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/**
 * Run one snippet (kind: boto3, cli, js or curl) in a new empty directory of the sandbox.
 * Returns {code, stdout, stderr, calls, strays, canary, dir}: calls are the recorded calls, strays the
 * other commands that were attempted, canary whether the canary file (or a canary in the run directory) exists.
 */
export async function runSnippet(sandbox, kind, code) {
  const dir = sandbox.runDir(kind);
  const record = path.join(dir, '.record');
  const strays = path.join(dir, '.strays');
  const env = {
    PATH: sandbox.bin, HOME: dir, LC_ALL: 'C.UTF-8', SNIPPET_RECORD: record, SNIPPET_STRAYS: strays,
  };
  let result;
  if (kind === 'cli' || kind === 'curl') {
    fs.writeFileSync(path.join(dir, 'snippet.sh'), code);
    result = await exec('/bin/bash', ['snippet.sh'], { cwd: dir, env: { ...env, BASH_ENV: path.join(sandbox.root, 'bash-env.sh') } });
  } else if (kind === 'boto3') {
    fs.writeFileSync(path.join(dir, 'snippet.py'), code);
    result = await exec(PYTHON, ['snippet.py'], {
      cwd: dir, env: { ...env, PYTHONPATH: path.join(sandbox.root, 'py'), PYTHONDONTWRITEBYTECODE: '1', PYTHONNOUSERSITE: '1' },
    });
  } else if (kind === 'js') {
    fs.writeFileSync(path.join(dir, 'snippet.mjs'), code);
    result = await exec(process.execPath, ['snippet.mjs'], { cwd: dir, env });
  } else {
    throw new Error(`no runner for ${kind}`);
  }
  const calls = readLines(record).map((line) => JSON.parse(line));
  const canaryInDir = fs.readdirSync(dir).some((name) => name.includes('canary'));
  const canary = fs.existsSync(sandbox.canary) || canaryInDir;
  fs.rmSync(sandbox.canary, { force: true });  // so that one escape does not mark the runs after it
  return { ...result, calls, strays: readLines(strays), canary, dir };
}

function decodeDates(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeDates);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === DATE_MARK) return value[DATE_MARK];
  const out = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: decodeDates(v), enumerable: true, writable: true, configurable: true });
  return out;
}

const BY_SNAKE = new Map(OPERATIONS.map((op) => [snakeCase(op.name), op]));
const BY_KEBAB = new Map(OPERATIONS.map((op) => [kebabCase(op.name), op]));

/** One AWS CLI argument value back to the JSON value the CLI sends for it. */
function cliValue(field, text) {
  // What the real CLI does with such values: argparse takes a leading - for an option, and the CLI loads
  // file://, fileb:// (and in v1 http:// and https://) values from the file or URL instead of sending them.
  if (text.startsWith('-')) throw new Error(`--${kebabCase(field.name)} ${text}: the CLI would read the value as an option`);
  if (/^(file|fileb|http|https):\/\//i.test(text)) throw new Error(`--${kebabCase(field.name)} ${text}: the CLI would load the value from a file or URL`);
  switch (field.kind) {
    case 'integer':
      if (!/^\d+$/.test(text)) throw new Error(`--${kebabCase(field.name)} ${text} is not a whole number`);
      return Number(text);
    case 'timestamp': {
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(text)) throw new Error(`--${kebabCase(field.name)} ${text} is not an ISO time`);
      return Date.parse(text) / 1000;
    }
    case 'party': case 'filter': case 'tags':
      return JSON.parse(text);
    default:
      return text;
  }
}

/**
 * The request a recorded call carries: {operation, params} for boto3, cli and js; {target, body} for curl.
 * Throws when the call does not have the shape the snippet kind should give it.
 */
export function requestOf(kind, call) {
  if (kind === 'boto3') {
    if (call.tool !== 'boto3' || call.service !== 'organizations' || call.args.length) throw new Error(`unexpected boto3 call ${JSON.stringify(call)}`);
    const op = BY_SNAKE.get(call.method);
    if (!op) throw new Error(`unknown boto3 method ${call.method}`);
    return { operation: op.name, params: decodeDates(call.kwargs) };
  }
  if (kind === 'js') {
    if (call.tool !== 'js' || !/^[A-Za-z]+Command$/.test(call.command)) throw new Error(`unexpected SDK call ${JSON.stringify(call)}`);
    return { operation: call.command.slice(0, -'Command'.length), params: decodeDates(call.input) };
  }
  if (kind === 'cli') {
    const [service, command, ...rest] = call.argv;
    if (call.tool !== 'aws' || service !== 'organizations') throw new Error(`unexpected aws call ${JSON.stringify(call.argv)}`);
    const op = BY_KEBAB.get(command);
    if (!op) throw new Error(`unknown CLI command ${command}`);
    if (rest[0] === '--cli-input-json') {
      if (rest.length !== 2) throw new Error(`--cli-input-json with other arguments: ${JSON.stringify(rest)}`);
      return { operation: op.name, params: JSON.parse(rest[1]) };
    }
    const fields = new Map(op.fields.map((f) => [`--${kebabCase(f.name)}`, f]));
    const params = {};
    for (let i = 0; i < rest.length; i += 2) {
      const field = fields.get(rest[i]);
      if (!field || i + 1 >= rest.length) throw new Error(`unexpected CLI arguments ${JSON.stringify(rest)}`);
      if (Object.hasOwn(params, field.name)) throw new Error(`${rest[i]} given twice`);
      params[field.name] = cliValue(field, rest[i + 1]);
    }
    return { operation: op.name, params };
  }
  if (kind === 'curl') {
    const argv = call.argv;
    if (call.tool !== 'curl' || argv[0] !== 'https://organizations.us-east-1.amazonaws.com/') throw new Error(`unexpected curl call ${JSON.stringify(argv)}`);
    const headers = [];
    let body;
    for (let i = 1; i < argv.length; i += 2) {
      const [option, value] = [argv[i], argv[i + 1]];
      if (value === undefined) throw new Error(`curl option ${option} without a value`);
      if (option === '-H') headers.push(value);
      else if (option === '--data-raw' && body === undefined) body = value;
      else if (option === '--data-binary' && value === '@-' && body === undefined) body = Buffer.from(call.stdin, 'base64').toString('utf8');
      else if (option === '--aws-sigv4' || option === '--user') { /* signing */ } else throw new Error(`unexpected curl option ${option} ${value}`);
    }
    if (body === undefined) throw new Error('curl sends no body');
    const targets = headers.filter((h) => /^X-Amz-Target[:;]/i.test(h));
    if (targets.length !== 1) throw new Error(`curl sends ${targets.length} X-Amz-Target headers`);
    if (!headers.includes('Content-Type: application/x-amz-json-1.1')) throw new Error('curl sends no JSON 1.1 content type');
    const target = targets[0] === 'X-Amz-Target;' ? '' : targets[0].replace(/^X-Amz-Target: /, '');
    if (target === targets[0] || (target === '' && targets[0] !== 'X-Amz-Target;')) throw new Error(`malformed target header ${targets[0]}`);
    return { target, body };
  }
  throw new Error(`no request reader for ${kind}`);
}

/** True when every line of the snippet is a comment of the language (a snippet that declines). */
export function onlyComments(kind, code) {
  const prefix = kind === 'js' ? '// ' : '# ';
  return code.split('\n').every((line) => line.startsWith(prefix));
}

/** Run tasks with at most `limit` at a time. */
export async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

// ---- what every snippet of a request must do --------------------------------------------------------

/** Characters a runnable snippet never holds raw (a newline only inside quotes, which running checks). */
const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function depth(value) {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}

/**
 * What the snippets of (target, bodyText) must do, decided from the request alone:
 * sdk: {operation, params} when boto3, the CLI and the SDK can write it (else they must decline);
 * header: true when the target can be an HTTP header (printable ASCII, no spaces at either end);
 * curl: true when curl can send it (a header-safe target and a body that is valid Unicode).
 */
export function expectations(target, bodyText) {
  let params;
  try { params = JSON.parse(bodyText); } catch { params = undefined; }
  const operation = target.startsWith(`${TARGET_PREFIX}.`) ? target.slice(TARGET_PREFIX.length + 1) : null;
  const sdk = operation !== null && OPERATIONS_BY_NAME.has(operation) && params !== null && typeof params === 'object'
    && !Array.isArray(params) && depth(params) <= MAX_DEPTH ? { operation, params } : null;
  const header = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/.test(target);
  return { sdk, header, curl: header && !LONE_SURROGATE.test(bodyText) };
}

async function checkOne(sandbox, kind, code, expected, where) {
  assert.ok(!HIDDEN.test(code), `${where}\nholds a control, invisible or unpaired character`);
  if (!expected) assert.ok(onlyComments(kind, code), `${where}\nshould decline in comments only`);
  const run = await runSnippet(sandbox, kind, code);
  const ran = `${where}\nexit ${run.code} ${run.signal || ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}\ncalls: ${JSON.stringify(run.calls)}`;
  assert.equal(run.canary, false, `${ran}\nTHE CANARY EXISTS: a payload ran`);
  assert.deepEqual(run.strays, [], `${ran}\nother commands ran`);
  assert.equal(run.code, 0, ran);
  assert.equal(run.stderr, '', ran);
  if (!expected) {
    assert.deepEqual(run.calls, [], ran);
    return;
  }
  assert.equal(run.calls.length, 1, ran);
  let request;
  try { request = requestOf(kind, run.calls[0]); } catch (err) { assert.fail(`${ran}\n${err.message}`); }
  assert.deepEqual(request, expected, ran);
}

/**
 * Run the boto3, AWS CLI, JavaScript and curl snippets of one request against the stubs and check each: it
 * ran cleanly, ran nothing else, and made exactly the request's call, or it declined (comments only) and made
 * none. Also checks the HTTP text. texts: the snippets object for (target, bodyText).
 */
export async function checkSnippets(sandbox, target, bodyText, texts, label = '') {
  const { sdk, header, curl } = expectations(target, bodyText);
  const where = (kind) => `${label} [${kind}]\n--- snippet ---\n${texts[kind]}\n---`;
  const failures = [];
  try {
    // HTTP: the request as sent, or a comment when the target cannot be a header.
    if (header) {
      // The first blank line ends the head: nothing in the target can add a line to it.
      const [head, ...rest] = texts.http.split('\n\n');
      assert.equal(rest.join('\n\n'), bodyText, where('http'));
      const lines = head.split('\n');
      assert.equal(lines[0], 'POST / HTTP/1.1', where('http'));
      assert.deepEqual(lines.filter((l) => l.startsWith('X-Amz-Target:')), [`X-Amz-Target: ${target}`], where('http'));
      assert.equal(lines.length, 7, where('http'));
    } else {
      assert.ok(onlyComments('http', texts.http) && !HIDDEN.test(texts.http), `${where('http')}\nshould decline in comments only`);
    }
  } catch (err) {
    failures.push(err.message);
  }
  for (const kind of ['boto3', 'cli', 'js', 'curl']) {
    try {
      await checkOne(sandbox, kind, texts[kind], kind === 'curl' ? (curl ? { target, body: bodyText } : null) : sdk, where(kind));
    } catch (err) {
      failures.push(err.message);
    }
  }
  if (failures.length) assert.fail(failures.join('\n\n'));
}
