// @ts-check
// What boto3 gives a Python program for a response: the same members, with timestamps parsed to
// datetime.datetime(..., tzinfo=tzutc()) and Python literals (True/False/None, repr'd strings).

import { TIMESTAMP_MEMBERS } from './operations.mjs';

/** Characters Python's repr() escapes besides the C0/C1 controls: separators and invisible format characters. */
const INVISIBLE = /^[\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]$/;

/** Latest time written as a datetime: 9999-12-31T23:59:59Z (datetime.MAXYEAR). */
export const MAX_DATETIME_EPOCH = 253402300799;

/** True when epoch seconds can be written as a datetime (1970 to 9999); other numbers stay numbers. @param {unknown} value */
export function isDatetimeEpoch(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_DATETIME_EPOCH;
}

/** Text for one line of a comment: every character that could end the line, or hide text, is escaped. @param {unknown} text */
export function commentText(text) {
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Python's repr() of a str: a literal that is valid Python for any JS string. Control characters, line and
 * paragraph separators, invisible format characters (bidi overrides, zero-width) and unpaired surrogates
 * (a valid str in Python) are written as escapes, never raw.
 * @param {unknown} value
 */
export function pyString(value) {
  const text = String(value);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = /** @type {number} */ (ch.codePointAt(0));
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (INVISIBLE.test(ch) || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Split epoch seconds the way datetime.fromtimestamp(value, tzutc()) does. @param {number} epochSeconds */
export function datetimeParts(epochSeconds) {
  const whole = Math.floor(epochSeconds);
  let micro = Math.round((epochSeconds - whole) * 1e6);
  let seconds = whole;
  if (micro >= 1e6) { seconds += 1; micro -= 1e6; }
  const d = new Date(seconds * 1000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), micro];
}

/**
 * repr() of a datetime: trailing zero microsecond, then zero second, are left out.
 * @param {number} epochSeconds
 * @param {string} [tz]
 * @param {string} [prefix]
 */
export function pyDatetime(epochSeconds, tz = 'tzutc()', prefix = 'datetime.datetime') {
  const parts = datetimeParts(epochSeconds);
  if (parts[6] === 0) {
    parts.pop();
    if (parts[5] === 0) parts.pop();
  }
  return `${prefix}(${parts.join(', ')}, tzinfo=${tz})`;
}

/** @param {number} value */
function pyNumber(value) {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  const text = String(value);
  return text.includes('e') ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

/**
 * Python literal of a parsed JSON value. Members named in timestamps whose value is a number become datetimes.
 * options.datetime(epoch) customises how a timestamp is written.
 * @param {unknown} value
 * @param {{timestamps?: Set<string>, datetime?: (epochSeconds: number) => string}} [options]
 * @param {number} [indent]
 * @param {string | null} [key]
 * @returns {string}
 */
export function toPython(value, options = {}, indent = 0, key = null) {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 4);
  const timestamps = options.timestamps || TIMESTAMP_MEMBERS;
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (key !== null && timestamps.has(key) && isDatetimeEpoch(value)) return (options.datetime || pyDatetime)(value);
    return pyNumber(value);
  }
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + toPython(v, options, indent + 4, null)).join(',\n')}\n${pad}]`;
  }
  const entries = Object.entries(/** @type {object} */ (value));
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${pyString(k)}: ${toPython(v, options, indent + 4, k)}`).join(',\n')}\n${pad}}`;
}

/**
 * The boto3 view of a response: the parsed dict for a success; for an error, the exception boto3 raises
 * and the e.response dict it carries (botocore puts Code and Message under 'Error' and merges the error
 * shape's own members, such as Reason, at the top level). ResponseMetadata is left out.
 * @param {string} operation
 * @param {number} status
 * @param {string} bodyText
 */
export function pythonView(operation, status, bodyText) {
  // Operations with no output answer 200 with an empty body; boto3 returns a dict with only ResponseMetadata.
  if (status === 200 && bodyText === '') return '# An empty body: boto3 returns only ResponseMetadata (left out here)\n{}';
  let body;
  try { body = JSON.parse(bodyText); } catch { return `# The response body is not JSON:\n${pyString(bodyText)}`; }
  if (status === 200) {
    return toPython(body);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return toPython(body);
  const rawType = String(body.__type ?? body.code ?? '');
  const code = rawType.includes('#') ? rawType.slice(rawType.lastIndexOf('#') + 1) : rawType;
  const message = body.message ?? body.Message ?? '';
  /** @type {Record<string, unknown>} */
  const modeled = {};
  for (const [k, v] of Object.entries(body)) if (k !== '__type') modeled[k] = v;
  const response = { Error: { Message: message, Code: code }, ...modeled };
  const lines = [
    `# boto3 raises client.exceptions.${commentText(code || 'ClientError')} (a botocore.exceptions.ClientError):`,
    `# An error occurred (${commentText(code)}) when calling the ${commentText(operation)} operation: ${commentText(message)}`,
    `e.response == ${toPython(response)}`,
  ];
  return lines.join('\n');
}
