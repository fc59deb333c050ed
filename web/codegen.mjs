// @ts-check
// The same request as code to run against AWS: boto3, AWS CLI, AWS SDK for JavaScript v3,
// the raw HTTP request, and curl. Every snippet is generated from one (target, body) pair.
//
// The request may come from anyone (a share link, an embed, an imported file), so every snippet is valid code
// in its language for any target and body, and when run it makes exactly one call carrying the request shown,
// or no call at all and says why in a comment. Nothing from the request is written raw into code or comments:
//   - comments carry only fixed text and quoted, escaped names (commentText: nothing that ends a line);
//   - boto3 keyword arguments are bare only for plain identifiers, any other key goes through **{'key': value};
//   - the AWS CLI gets --name value pairs only for known, plain values, else one --cli-input-json document;
//   - JavaScript keys are bare identifiers or JSON strings (and __proto__ is a computed key);
//   - curl sends the body with --data-raw (never read as @file), or from printf when the body has characters
//     that should not be pasted raw into a terminal; shell words are single-quoted.

import { OPERATIONS_BY_NAME, TARGET_PREFIX, TIMESTAMP_MEMBERS } from './operations.mjs';
import { commentText, isDatetimeEpoch, pyDatetime, pyString, toPython } from './python-view.mjs';

/** @typedef {Record<string, any>} Params  a request body, parsed (any JSON object) */

export const HOST = 'organizations.us-east-1.amazonaws.com';
/** The tabs of "Run it against AWS", in order. @type {{id: SnippetKind, label: string, language: string}[]} */
export const SNIPPET_KINDS = [
  { id: 'boto3', label: 'boto3', language: 'python' },
  { id: 'cli', label: 'AWS CLI', language: 'shell' },
  { id: 'js', label: 'JavaScript v3', language: 'javascript' },
  { id: 'http', label: 'HTTP', language: 'http' },
  { id: 'curl', label: 'curl', language: 'shell' },
];

/** "InviteAccountToOrganization" -> ["Invite", "Account", ...], keeping acronyms together. @param {unknown} name */
function words(name) {
  return String(name).match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) || [String(name)];
}
export const snakeCase = (/** @type {unknown} */ name) => words(name).map((w) => w.toLowerCase()).join('_');
export const kebabCase = (/** @type {unknown} */ name) => words(name).map((w) => w.toLowerCase()).join('-');

/** POSIX shell quoting: bare when safe, else single quotes. @param {unknown} text */
export function shellQuote(text) {
  const value = String(text);
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, "'\\''")}'`;
}

// Characters never written raw into code: C0 controls, DEL, C1 controls, line and paragraph separators,
// invisible format characters (bidi overrides, zero-width), and UTF-16 surrogates that are not part of a pair.
const UNSAFE = '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]'
  + '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE_ALL = new RegExp(UNSAFE, 'g');
const UNSAFE_CHAR = new RegExp(`^(?:${UNSAFE})$`);
const UTF8 = new TextEncoder();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** True when text has a character that should not be pasted raw into a shell (a newline is fine in quotes). */
const shellUnsafe = (/** @type {unknown} */ text) => new RegExp(UNSAFE).test(String(text).replace(/\n/g, ' '));

/** JSON text (also a JavaScript literal) with every unsafe character as a \u escape. @param {unknown} value */
function jsonText(value) {
  return JSON.stringify(value).replace(UNSAFE_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A name from the request, as it may appear in a comment: quoted, escaped, at most 60 characters. @param {unknown} text */
function quoted(text) {
  const value = String(text);
  return jsonText(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}

/** @param {number} epochSeconds */
function isoTime(epochSeconds) {
  const d = new Date(Math.round(epochSeconds * 1000));
  const text = d.toISOString();
  return text.endsWith('.000Z') ? text.replace('.000Z', 'Z') : text;
}

/** @param {unknown} value */
function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

/** @type {Record<string, string[]>} */
const EXPECTED = {
  handshakeId: ['string'], accountId: ['string'], transferId: ['string'], string: ['string'], text: ['string'],
  enum: ['string'], integer: ['number'], timestamp: ['number', 'string'], party: ['object'], tags: ['list'],
  filter: ['object'],
};

/** Members of the structures the SDKs validate: name -> required. */
/** @type {Record<string, Record<string, boolean>>} */
const STRUCTURES = {
  party: { Id: true, Type: true },
  filter: { ActionType: false, ParentHandshakeId: false },
  tag: { Key: true, Value: true },
};

/**
 * @param {string} where
 * @param {Record<string, boolean>} shape
 * @param {unknown} value
 * @param {string[]} problems
 */
function structureProblems(where, shape, value, problems) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where} must be of type object, not ${jsonType(value)}`);
    return;
  }
  for (const [name, member] of Object.entries(value)) {
    if (!Object.hasOwn(shape, name)) problems.push(`${where} has a member the SDKs do not know: ${quoted(name)}`);
    else if (typeof member !== 'string') problems.push(`${where} member "${name}" must be of type string, not ${jsonType(member)}`);
  }
  for (const [name, required] of Object.entries(shape)) if (required && !Object.hasOwn(value, name)) problems.push(`${where} is missing its member "${name}"`);
}

/**
 * What the SDKs would refuse before sending (they validate parameter names, types and required members;
 * AWS itself never sees such a request). Returns a list of human-readable problems; any name that comes from
 * the request is quoted and escaped, so a problem is always safe in a one-line comment.
 * @param {string} operation
 * @param {unknown} params
 * @returns {string[]}
 */
export function sdkProblems(operation, params) {
  const op = OPERATIONS_BY_NAME.get(operation);
  if (!op) return [`${quoted(operation)} is not an AWS Organizations operation the SDKs know here`];
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return ['the body is not a JSON object'];
  /** @type {string[]} */
  const problems = [];
  const fields = new Map(op.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(params)) {
    const field = fields.get(name);
    if (!field) { problems.push(`unknown parameter ${quoted(name)}`); continue; }
    const allowed = EXPECTED[field.kind] || [];
    if (allowed.length && !allowed.includes(jsonType(value))) {
      problems.push(`"${name}" must be of type ${allowed[0]}, not ${jsonType(value)}`);
    } else if (field.kind === 'party' || field.kind === 'filter') {
      structureProblems(`"${name}"`, STRUCTURES[field.kind], value, problems);
    } else if (field.kind === 'tags') {
      /** @type {unknown[]} */ (value).forEach((tag, i) => structureProblems(`"${name}" item ${i + 1}`, STRUCTURES.tag, tag, problems));
    } else if (field.kind === 'timestamp' && typeof value === 'number' && !isDatetimeEpoch(value)) {
      problems.push(`"${name}" is not a time between 1970 and 9999`);
    } else if (field.kind === 'integer' && !Number.isSafeInteger(value)) {
      problems.push(`"${name}" must be a whole number`);
    }
  }
  for (const field of op.fields) if (field.required && !Object.hasOwn(params, field.name)) problems.push(`missing required parameter "${field.name}"`);
  return problems;
}

/** Deepest nesting written as code: Python's parser stops at 200 nested brackets, and the writers recurse. */
export const MAX_DEPTH = 50;

/** @param {unknown} value @param {number} [limit] @returns {boolean} */
function tooDeep(value, limit = MAX_DEPTH) {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const member of Object.values(value)) if (tooDeep(member, limit - 1)) return true;
  return false;
}

/** @param {string} bodyText @returns {Params | undefined} */
function parseBody(bodyText) {
  try {
    const value = JSON.parse(bodyText);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Comment lines; each line's text is escaped so that nothing in it can end the comment. @param {string} prefix @param {string[]} lines */
function commentLines(prefix, lines) {
  return lines.map((line) => `${prefix} ${commentText(line)}`);
}

/** @param {string} prefix @param {string[]} problems @param {string} tool */
function noteLines(prefix, problems, tool) {
  if (!problems.length) return [];
  return commentLines(prefix, [
    `${tool} checks parameters before sending and would refuse this request:`,
    ...problems.map((p) => `  ${p}`),
    '(the HTTP tab shows the request exactly as this page sent it)',
  ]);
}

/**
 * botocore (boto3 and the AWS CLI) sends timestamps in whole seconds: say so when that changes one.
 * @param {string} prefix @param {string} tool @param {string} operation @param {Params} params
 */
function wholeSecondLines(prefix, tool, operation, params) {
  const fractional = operationFields(operation).some((f) => f.kind === 'timestamp'
    && isDatetimeEpoch(params[f.name]) && !Number.isInteger(params[f.name]));
  return fractional ? commentLines(prefix, [`${tool} sends timestamps in whole seconds: the fraction of a second in this request is dropped.`]) : [];
}

/** The fields of an operation the catalogue knows (the callers have checked that it does). @param {string} operation */
function operationFields(operation) {
  return /** @type {import('./operations.mjs').Operation} */ (OPERATIONS_BY_NAME.get(operation)).fields;
}

// ---- boto3 ---------------------------------------------------------------------------------------

const PY_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', '__debug__',
]);

/** A key that can be a bare keyword argument: an ASCII identifier that is not a keyword. */
const pyIdentifier = (/** @type {string} */ key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !PY_KEYWORDS.has(key);

/** @param {string} operation @param {Params} params */
function boto3(operation, params) {
  let usesDatetime = false;
  const datetime = (/** @type {number} */ epoch) => { usesDatetime = true; return pyDatetime(epoch, 'datetime.timezone.utc'); };
  const args = Object.entries(params).map(([k, v]) => {
    const literal = toPython(v, { datetime }, 4, k);
    return pyIdentifier(k) ? `    ${k}=${literal},` : `    **{${pyString(k)}: ${literal}},`;
  });
  const call = args.length
    ? [`response = client.${snakeCase(operation)}(`, ...args, ')']
    : [`response = client.${snakeCase(operation)}()`];
  return [
    ...noteLines('#', sdkProblems(operation, params), 'boto3'),
    ...wholeSecondLines('#', 'boto3', operation, params),
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

/**
 * The --name value form of one parameter, or null when the CLI would not pass the value through unchanged:
 * a string it could read as an option (leading -) or load from a file or URL (file://, fileb://, http://...),
 * a number it would not parse back the same, characters that should not be pasted raw into a terminal.
 * @param {import('./operations.mjs').Field | undefined} field
 * @param {any} value
 */
function cliArgument(field, value) {
  switch (field && field.kind) {
    case 'handshakeId': case 'accountId': case 'transferId': case 'string': case 'text': case 'enum':
      if (typeof value !== 'string' || shellUnsafe(value) || value.startsWith('-') || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return null;
      return shellQuote(value);
    case 'integer':
      return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
    case 'timestamp':
      return isDatetimeEpoch(value) && Math.round(value * 1000) / 1000 === value ? shellQuote(isoTime(value)) : null;
    case 'party': case 'filter': case 'tags':
      return value !== null && typeof value === 'object' ? shellQuote(jsonText(value)) : null;
    default:
      return null;
  }
}

/** @param {string} operation @param {Params} params */
function cli(operation, params) {
  const problems = sdkProblems(operation, params);
  const fields = new Map(operationFields(operation).map((f) => [f.name, f]));
  const parts = [`aws organizations ${kebabCase(operation)}`];
  const pairs = problems.length ? null : Object.entries(params).map(([k, v]) => [k, cliArgument(fields.get(k), v)]);
  if (pairs && pairs.every(([, arg]) => arg !== null)) {
    for (const [k, arg] of pairs) parts.push(`--${kebabCase(k)} ${arg}`);
  } else {
    // One JSON document carries any key and any value exactly; the CLI reads it as the request's parameters.
    parts.push(`--cli-input-json ${shellQuote(jsonText(params))}`);
  }
  return [...noteLines('#', problems, 'The AWS CLI'), ...wholeSecondLines('#', 'The AWS CLI', operation, params), parts.join(' \\\n    ')].join('\n');
}

// ---- JavaScript v3 --------------------------------------------------------------------------------

/** @param {string} key */
function jsKey(key) {
  if (key === '__proto__') return '["__proto__"]';  // a plain or quoted __proto__ key would set the prototype
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : jsonText(key);
}

/** @param {any} value @param {number} indent @param {string | null} key @returns {string} */
function jsLiteral(value, indent, key) {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 2);
  if (key && TIMESTAMP_MEMBERS.has(key) && isDatetimeEpoch(value)) return `new Date(${JSON.stringify(new Date(Math.round(value * 1000)).toISOString())})`;
  if (value === null || typeof value !== 'object') return jsonText(value);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((/** @type {unknown} */ v) => inner + jsLiteral(v, indent + 2, null)).join(',\n')},\n${pad}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${jsKey(k)}: ${jsLiteral(v, indent + 2, k)}`).join(',\n')},\n${pad}}`;
}

/** @param {string} operation @param {Params} params */
function javascript(operation, params) {
  const command = `${operation}Command`;
  const submillisecond = operationFields(operation).some((f) => f.kind === 'timestamp'
    && isDatetimeEpoch(params[f.name]) && Math.round(params[f.name] * 1000) / 1000 !== params[f.name]);
  return [
    ...noteLines('//', sdkProblems(operation, params), 'The SDK'),
    ...(submillisecond ? commentLines('//', ['A Date holds milliseconds: the SDK sends this request\'s timestamp rounded to the millisecond.']) : []),
    `import { OrganizationsClient, ${command} } from "@aws-sdk/client-organizations";`,
    '',
    'const client = new OrganizationsClient({ region: "us-east-1" });',
    `const response = await client.send(new ${command}(${jsLiteral(params, 0, null)}));`,
    'console.log(response);',
  ].join('\n');
}

// ---- HTTP and curl --------------------------------------------------------------------------------

/** @param {number} epochSeconds */
function amzDate(epochSeconds) {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * True when the target can be an HTTP header value as it is: printable ASCII without spaces at either end
 * (HTTP drops those), or empty.
 * @param {string} target
 */
function headerSafe(target) {
  return /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/.test(target);
}

const NO_HEADER = 'its X-Amz-Target has characters that an HTTP header cannot carry as they are (line breaks, control characters, non-ASCII text, or spaces at either end)';

/** @param {string} target @param {string} bodyText @param {number} now */
function http(target, bodyText, now) {
  if (!headerSafe(target)) {
    return commentLines('#', [
      `This request cannot be written as HTTP: ${NO_HEADER}.`,
      'The page handed it to the simulator directly; AWS would never receive such a request.',
    ]).join('\n');
  }
  const date = amzDate(now);
  const length = UTF8.encode(bodyText).length;
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

/**
 * A printf format (already single-quoted for the shell) that prints text exactly: % and \ doubled, the
 * single quote, line breaks and every unsafe character as escapes (octal bytes of its UTF-8), so the shell
 * line holds nothing that could end the quotes or act on a terminal when pasted.
 * @param {string} text
 */
function printfFormat(text) {
  let out = '';
  for (const ch of text) {
    if (ch === '%') out += '%%';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === "'" || UNSAFE_CHAR.test(ch)) {
      for (const byte of UTF8.encode(ch)) out += `\\${byte.toString(8).padStart(3, '0')}`;
    } else out += ch;
  }
  return `'${out}'`;
}

/** @param {string} target @param {string} bodyText */
function curl(target, bodyText) {
  if (!headerSafe(target)) {
    return commentLines('#', [`curl cannot send this request: ${NO_HEADER}.`, 'The HTTP tab says more.']).join('\n');
  }
  if (LONE_SURROGATE.test(bodyText)) {
    return commentLines('#', [
      'curl cannot send this body as shown: it is not valid Unicode text (it has an unpaired UTF-16 surrogate),',
      'so no shell script or HTTP request can carry it unchanged.',
    ]).join('\n');
  }
  // --data-raw never reads the body as a file reference (--data and --data-binary read "@name" as a file).
  // A body with control or invisible characters comes from printf on standard input instead.
  const raw = !shellUnsafe(bodyText);
  const header = target === '' ? 'X-Amz-Target;' : `X-Amz-Target: ${target}`;  // "Name;" sends an empty header
  return [
    '# curl signs the request with SigV4 from your credentials',
    `${raw ? '' : `printf ${printfFormat(bodyText)} | `}curl https://${HOST}/ \\`,
    '    --aws-sigv4 "aws:amz:us-east-1:organizations" \\',
    '    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\',
    '    -H "Content-Type: application/x-amz-json-1.1" \\',
    `    -H ${shellQuote(header)} \\`,
    raw ? `    --data-raw ${shellQuote(bodyText)}` : '    --data-binary @-',
  ].join('\n');
}

/** @typedef {'boto3' | 'cli' | 'js' | 'http' | 'curl'} SnippetKind */

/**
 * One snippet for one request (what a tab of "Run it against AWS" shows): only that kind is generated. target
 * is the X-Amz-Target header, bodyText the raw body as sent, now the simulated time (epoch seconds, used for
 * the example X-Amz-Date).
 * @param {SnippetKind} kind
 * @param {unknown} targetValue
 * @param {unknown} bodyValue
 * @param {number} [now]
 * @returns {string}
 */
export function snippet(kind, targetValue, bodyValue, now = Date.now() / 1000) {
  const target = String(targetValue);
  const bodyText = String(bodyValue);
  if (kind === 'http') return http(target, bodyText, now);
  if (kind === 'curl') return curl(target, bodyText);
  const isAws = target.startsWith(`${TARGET_PREFIX}.`);
  const operation = isAws ? target.slice(TARGET_PREFIX.length + 1) : target;
  const params = parseBody(bodyText);
  /** @type {string | undefined} */
  let sdk;
  if (!isAws) sdk = `this target is not an AWS Organizations operation (${target ? quoted(target) : 'empty'})`;
  else if (!OPERATIONS_BY_NAME.has(operation)) sdk = `${quoted(operation)} is not an operation the SDKs know`;
  else if (params === undefined) sdk = 'the body is not a JSON object, which the SDKs cannot send';
  else if (tooDeep(params)) sdk = `the body nests values more than ${MAX_DEPTH} levels deep, more than this page writes as code`;
  if (sdk) {
    const [comment, who] = kind === 'boto3' ? ['#', 'boto3'] : kind === 'cli' ? ['#', 'The AWS CLI'] : ['//', 'The SDK'];
    return commentLines(comment, [`${who} cannot send this request: ${sdk}.`, 'The HTTP tab shows the request exactly as this page sent it.']).join('\n');
  }
  const checked = /** @type {Params} */ (params);  // without a reason in sdk, params is an object
  return kind === 'boto3' ? boto3(operation, checked) : kind === 'cli' ? cli(operation, checked) : javascript(operation, checked);
}

/**
 * All snippets for one request (see snippet).
 * @param {unknown} targetValue
 * @param {unknown} bodyValue
 * @param {number} [now]
 * @returns {{boto3: string, cli: string, js: string, http: string, curl: string}}
 */
export function snippets(targetValue, bodyValue, now = Date.now() / 1000) {
  return {
    boto3: snippet('boto3', targetValue, bodyValue, now),
    cli: snippet('cli', targetValue, bodyValue, now),
    js: snippet('js', targetValue, bodyValue, now),
    http: snippet('http', targetValue, bodyValue, now),
    curl: snippet('curl', targetValue, bodyValue, now),
  };
}
