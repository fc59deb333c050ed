// The code the page shows must send the very request the page sent. Each snippet is run with the real
// tool (boto3, the AWS CLI, the AWS SDK for JavaScript v3) against a local endpoint on 127.0.0.1 that
// records what arrives. A tool that is not installed is skipped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { snippets } from '../../web/codegen.mjs';
import { REPO_ROOT } from './serve.mjs';

const CASES = [
  ['InviteAccountToOrganization', {
    Target: { Id: 'susan@example.com', Type: 'EMAIL' },
    Notes: "Susan's \"invite\"\nsecond line, é, $HOME `x` \\ <b>",
    Tags: [{ Key: 'team', Value: 'finance' }],
  }],
  ['DeclineHandshake', { HandshakeId: 'h-79d8f6f114ee4304a5e55397eexample' }],
  ['ListHandshakesForAccount', { Filter: { ActionType: 'INVITE' }, MaxResults: 5 }],
  ['EnableAllFeatures', {}],
  ['TerminateResponsibilityTransfer', { Id: 'rt-0123456789abcdef', EndTimestamp: 1798761599 }],
  ['InviteOrganizationToTransferResponsibility', {
    Type: 'BILLING', Target: { Id: '222222222222', Type: 'ACCOUNT' }, StartTimestamp: 1790812800, SourceName: 'Bill pays',
  }],
];

const ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
};

function run(file, args, input) {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: ENV, cwd: REPO_ROOT, timeout: 60000 }, (error, stdout, stderr) => {
      resolve({ error, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

async function has(file, args) {
  const { error } = await run(file, args);
  return !error;
}

let server;
let endpoint;
let received = [];

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ target: req.headers['x-amz-target'], type: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'local' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }));

async function check(tool, operation, params, execute) {
  const body = JSON.stringify(params);
  const target = `AWSOrganizationsV20161128.${operation}`;
  const code = snippets(target, body, 1789271046.11)[tool];
  received = [];
  const { error, stderr } = await execute(code);
  assert.equal(error, null, `${tool} ${operation} failed:\n${code}\n${stderr}`);
  assert.equal(received.length, 1, `${tool} ${operation}: ${received.length} requests`);
  assert.equal(received[0].target, target);
  assert.equal(received[0].type, 'application/x-amz-json-1.1');
  assert.deepEqual(JSON.parse(received[0].body || '{}'), params, `${tool} ${operation} sent ${received[0].body}`);
}

describe('boto3 snippets send the same request', async () => {
  const available = await has('python3', ['-c', 'import boto3']);
  for (const [operation, params] of CASES) {
    test(operation, { skip: !available && 'boto3 is not installed' }, () => check('boto3', operation, params, (code) => {
      const local = code.replace("boto3.client('organizations')", `boto3.client('organizations', endpoint_url='${endpoint}')`);
      assert.notEqual(local, code);
      return run('python3', ['-c', local]);
    }));
  }
});

describe('AWS CLI snippets send the same request', async () => {
  const available = await has('aws', ['--version']);
  for (const [operation, params] of CASES) {
    test(operation, { skip: !available && 'the AWS CLI is not installed' }, () => check('cli', operation, params,
      (code) => run('bash', ['-c', `${code} --endpoint-url ${endpoint}`])));
  }
});

describe('JavaScript v3 snippets send the same request', async () => {
  let available = true;
  try { createRequire(`${REPO_ROOT}/package.json`).resolve('@aws-sdk/client-organizations'); } catch { available = false; }
  for (const [operation, params] of CASES) {
    test(operation, { skip: !available && '@aws-sdk/client-organizations is not installed' }, () => check('js', operation, params, (code) => {
      const local = code.replace('new OrganizationsClient({ region: "us-east-1" })', `new OrganizationsClient({ region: "us-east-1", endpoint: "${endpoint}" })`);
      assert.notEqual(local, code);
      return run(process.execPath, ['--input-type=module', '-e', local]);
    }));
  }
});
