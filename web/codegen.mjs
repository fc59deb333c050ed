// The same request as code to run against AWS: boto3, AWS CLI, AWS SDK for JavaScript v3,
// the raw HTTP request, and curl. Every snippet is generated from one (target, body) pair.

import { OPERATIONS_BY_NAME, TARGET_PREFIX, TIMESTAMP_MEMBERS } from './operations.mjs';
import { pyDatetime, toPython } from './python-view.mjs';

export const HOST = 'organizations.us-east-1.amazonaws.com';
export const SNIPPET_KINDS = [
  { id: 'boto3', label: 'boto3', language: 'python' },
  { id: 'cli', label: 'AWS CLI', language: 'shell' },
  { id: 'js', label: 'JavaScript v3', language: 'javascript' },
  { id: 'http', label: 'HTTP', language: 'http' },
  { id: 'curl', label: 'curl', language: 'shell' },
];

/** "InviteAccountToOrganization" -> ["Invite", "Account", ...], keeping acronyms together. */
function words(name) {
  return String(name).match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) || [String(name)];
}
export const snakeCase = (name) => words(name).map((w) => w.toLowerCase()).join('_');
export const kebabCase = (name) => words(name).map((w) => w.toLowerCase()).join('-');

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(text) {
  const value = String(text);
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, "'\\''")}'`;
}

function isoTime(epochSeconds) {
  const d = new Date(Math.round(epochSeconds * 1000));
  const text = d.toISOString();
  return text.endsWith('.000Z') ? text.replace('.000Z', 'Z') : text;
}

function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

const EXPECTED = {
  handshakeId: ['string'], accountId: ['string'], transferId: ['string'], string: ['string'], text: ['string'],
  enum: ['string'], integer: ['number'], timestamp: ['number', 'string'], party: ['object'], tags: ['list'],
  filter: ['object'],
};

/**
 * What the SDKs would refuse before sending (they validate parameter names, types and required members;
 * AWS itself never sees such a request). Returns a list of human-readable problems.
 */
export function sdkProblems(operation, params) {
  const op = OPERATIONS_BY_NAME.get(operation);
  if (!op) return [`${operation} is not an AWS Organizations operation the SDKs know here`];
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return ['the body is not a JSON object'];
  const problems = [];
  const fields = new Map(op.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(params)) {
    const field = fields.get(name);
    if (!field) { problems.push(`unknown parameter "${name}"`); continue; }
    const allowed = EXPECTED[field.kind] || [];
    if (allowed.length && !allowed.includes(jsonType(value))) problems.push(`"${name}" must be of type ${allowed[0]}, not ${jsonType(value)}`);
  }
  for (const field of op.fields) if (field.required && !(field.name in params)) problems.push(`missing required parameter "${field.name}"`);
  return problems;
}

function parseBody(bodyText) {
  try {
    const value = JSON.parse(bodyText);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function noteLines(prefix, problems, tool) {
  if (!problems.length) return [];
  return [
    `${prefix} ${tool} checks parameters before sending and would refuse this request:`,
    ...problems.map((p) => `${prefix}   ${p}`),
    `${prefix} (the HTTP tab shows the request exactly as this page sent it)`,
  ];
}

// ---- boto3 ---------------------------------------------------------------------------------------

function boto3(operation, params) {
  let usesDatetime = false;
  const datetime = (epoch) => { usesDatetime = true; return pyDatetime(epoch, 'datetime.timezone.utc'); };
  const args = Object.entries(params).map(([k, v]) => {
    const literal = toPython(v, { datetime }, 4, k);
    return `    ${k}=${literal},`;
  });
  const call = args.length
    ? [`response = client.${snakeCase(operation)}(`, ...args, ')']
    : [`response = client.${snakeCase(operation)}()`];
  return [
    ...noteLines('#', sdkProblems(operation, params), 'boto3'),
    ...(usesDatetime ? ['import datetime', ''] : []),
    'import boto3',
    '',
    "client = boto3.client('organizations')",
    '',
    ...call,
    'print(response)',
  ].join('\n');
}

// ---- AWS CLI --------------------------------------------------------------------------------------

function cliValue(name, value) {
  if (TIMESTAMP_MEMBERS.has(name) && typeof value === 'number') return shellQuote(isoTime(value));
  if (typeof value === 'string') return shellQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return shellQuote(JSON.stringify(value));
}

function cli(operation, params) {
  const parts = [`aws organizations ${kebabCase(operation)}`];
  for (const [k, v] of Object.entries(params)) parts.push(`--${kebabCase(k)} ${cliValue(k, v)}`);
  return [...noteLines('#', sdkProblems(operation, params), 'The AWS CLI'), parts.join(' \\\n    ')].join('\n');
}

// ---- JavaScript v3 --------------------------------------------------------------------------------

function jsLiteral(value, indent, key) {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 2);
  if (key && TIMESTAMP_MEMBERS.has(key) && typeof value === 'number') return `new Date(${JSON.stringify(new Date(Math.round(value * 1000)).toISOString())})`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => inner + jsLiteral(v, indent + 2, null)).join(',\n')},\n${pad}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  const keyText = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, v]) => `${inner}${keyText(k)}: ${jsLiteral(v, indent + 2, k)}`).join(',\n')},\n${pad}}`;
}

function javascript(operation, params) {
  const command = `${operation}Command`;
  return [
    ...noteLines('//', sdkProblems(operation, params), 'The SDK'),
    `import { OrganizationsClient, ${command} } from "@aws-sdk/client-organizations";`,
    '',
    'const client = new OrganizationsClient({ region: "us-east-1" });',
    `const response = await client.send(new ${command}(${jsLiteral(params, 0, null)}));`,
    'console.log(response);',
  ].join('\n');
}

// ---- HTTP and curl --------------------------------------------------------------------------------

function amzDate(epochSeconds) {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function http(target, bodyText, now) {
  const date = amzDate(now);
  const length = new TextEncoder().encode(bodyText).length;
  return [
    'POST / HTTP/1.1',
    `Host: ${HOST}`,
    'Content-Type: application/x-amz-json-1.1',
    `X-Amz-Target: ${target}`,
    `X-Amz-Date: ${date}`,
    `Authorization: AWS4-HMAC-SHA256 Credential=<access-key-id>/${date.slice(0, 8)}/us-east-1/organizations/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=<signature>`,
    `Content-Length: ${length}`,
    '',
    bodyText,
  ].join('\n');
}

function curl(target, bodyText) {
  return [
    '# curl signs the request with SigV4 from your credentials',
    `curl https://${HOST}/ \\`,
    '    --aws-sigv4 "aws:amz:us-east-1:organizations" \\',
    '    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\',
    '    -H "Content-Type: application/x-amz-json-1.1" \\',
    `    -H ${shellQuote(`X-Amz-Target: ${target}`)} \\`,
    `    --data-binary ${shellQuote(bodyText)}`,
  ].join('\n');
}

/**
 * All snippets for one request. target is the X-Amz-Target header, bodyText the raw body as sent,
 * now the simulated time (epoch seconds, used for the example X-Amz-Date).
 */
export function snippets(target, bodyText, now = Date.now() / 1000) {
  const isAws = String(target).startsWith(`${TARGET_PREFIX}.`);
  const operation = isAws ? String(target).slice(TARGET_PREFIX.length + 1) : String(target);
  const params = parseBody(bodyText);
  const unavailable = (comment) => (why) => `${comment} ${why}\n${comment} The HTTP tab shows the request exactly as this page sent it.`;
  let sdk;
  if (!isAws) sdk = `this target is not an AWS Organizations operation (${target || 'empty'})`;
  else if (!OPERATIONS_BY_NAME.has(operation)) sdk = `${operation} is not an operation the SDKs know`;
  else if (params === undefined) sdk = 'the body is not a JSON object, which the SDKs cannot send';
  return {
    boto3: sdk ? unavailable('#')(`boto3 cannot send this request: ${sdk}.`) : boto3(operation, params),
    cli: sdk ? unavailable('#')(`The AWS CLI cannot send this request: ${sdk}.`) : cli(operation, params),
    js: sdk ? unavailable('//')(`The SDK cannot send this request: ${sdk}.`) : javascript(operation, params),
    http: http(target, bodyText, now),
    curl: curl(target, bodyText),
  };
}
