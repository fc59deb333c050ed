// @ts-check
// Sessions: what a share link or an exported JSON file carries, and how it is checked before anything runs.
//
// A session is the starting scenario, the seed, the clock and the calls made after the scenario was built.
// Replaying the calls on a fresh engine (same scenario, same seed) reaches the same world, ids included:
// the engine is deterministic. The world's digest (of Simulator.ExportWorld) lets the page confirm it.
//
// Link fragment:  #s=<format>.<encoding>.<data>
//   format    the session format; 1 is the only one so far (see LINK_READERS and docs/embedding.md)
//   encoding  z: deflate-raw, then base64url; j: plain UTF-8 JSON, base64url (chosen when shorter)
//   data      the compact payload [format, scenario, seed, now, worldDigest, calls]
//             where each call is [caller, target, body, status]:
//               caller  an account id string, or 0 for a Simulator control sent by the page
//               target  an operation name for AWSOrganizationsV20161128.<name>, else "!" + the whole target
//               body    the request body as parsed JSON when it is an object that prints back the same, else the raw string
//               status  the HTTP status the call got when the session was recorded
//
// JSON file: {"format": "handshake-playground-session", "version": 1, "scenario", "seed", "now", "worldDigest",
//             "calls": [{"caller", "target", "body", "status"}]}
//
// Nothing from a link or a file is trusted: decodeLink and parseSessionFile check sizes, shapes and types and
// throw a SessionError with a sentence for the reader before any call is made.

export const FILE_FORMAT = 'handshake-playground-session';
export const CURRENT_FORMAT = 1;
const AWS_PREFIX = 'AWSOrganizationsV20161128.';

export const LIMITS = Object.freeze({
  fragment: 200000,   // characters after "#s=" (a 50-call session takes about 2,500)
  file: 2000000,      // bytes of an imported JSON file
  json: 1000000,      // characters of decompressed payload
  calls: 2000,
  target: 200,
  caller: 64,
  body: 100000,       // characters of one request body
  scenario: 64,
});

/**
 * @typedef {{caller: string | null, target: string, body: string, status: number | null}} SessionCall
 * @typedef {{scenario: string, seed: number, now: number, worldDigest: string | null, calls: SessionCall[]}} Session
 *   What a share link or a session file carries (the in-memory shape).
 * @typedef {{has(id: string): boolean}} ScenarioIds
 */

export class SessionError extends Error {
  /** @param {string} message @param {string} [code] */
  constructor(message, code = 'invalid') {
    super(message);
    this.name = 'SessionError';
    this.code = code;
  }
}

// ---- base64url ------------------------------------------------------------------------------------

/** @param {Uint8Array} bytes */
export function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SessionError('The link is damaged: its data contains characters a share link never has.', 'damaged');
  if (text.length % 4 === 1) throw new SessionError('The link is damaged: its data was cut short.', 'damaged');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary;
  try { binary = atob(padded); } catch { throw new SessionError('The link is damaged: its data is not valid base64url.', 'damaged'); }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// ---- compression ---------------------------------------------------------------------------------

/**
 * @param {Uint8Array} bytes
 * @param {ReadableWritablePair<Uint8Array, Uint8Array>} transform
 * @param {number} limit
 */
async function pump(bytes, transform, limit) {
  const stream = new ReadableStream(/** @type {UnderlyingDefaultSource<Uint8Array>} */ ({ start(controller) { controller.enqueue(bytes); controller.close(); } })).pipeThrough(transform);
  const reader = stream.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new SessionError(`The link holds more than ${limit.toLocaleString('en-US')} bytes of session data; this page does not open sessions that large.`, 'too-large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) { out.set(chunk, offset); offset += chunk.length; }
  return out;
}

/** @param {Uint8Array} bytes */
export function deflate(bytes) {
  return pump(bytes, /** @type {ReadableWritablePair<Uint8Array, Uint8Array>} */ (new CompressionStream('deflate-raw')), Infinity);
}

/** @param {Uint8Array} bytes @param {number} [limit] */
export async function inflate(bytes, limit = LIMITS.json) {
  try {
    return await pump(bytes, /** @type {ReadableWritablePair<Uint8Array, Uint8Array>} */ (new DecompressionStream('deflate-raw')), limit);
  } catch (err) {
    if (err instanceof SessionError) throw err;
    throw new SessionError('The link is damaged: its compressed data is incomplete or corrupt (it may have been cut short when it was copied).', 'damaged');
  }
}

/** @param {Uint8Array} bytes */
function utf8(bytes) {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
    throw new SessionError('The link is damaged: its data is not text.', 'damaged');
  }
}

// ---- the clock ------------------------------------------------------------------------------------

/** The last instant the engine's clock may show: 9999-12-31T23:59:59.999Z, in epoch seconds. */
export const MAX_CLOCK_SECONDS = 253402300799.999;

/**
 * True when seconds is a simulated time the page can show as a date (0 to MAX_CLOCK_SECONDS).
 * @param {unknown} seconds
 * @returns {seconds is number}
 */
export function isValidClock(seconds) {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_CLOCK_SECONDS;
}

// ---- the world's digest --------------------------------------------------------------------------

/** FNV-1a, 64 bits, over the UTF-8 bytes of text: "fnv1a64:" + 16 hex digits. Same answer everywhere. @param {string} text */
export function digest(text) {
  const bytes = new TextEncoder().encode(text);
  // Four 16-bit limbs (h3 high .. h0 low) keep the 64-bit product exact in doubles.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;  // offset basis 0xcbf29ce484222325
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i];
    // prime 0x100000001b3 = 2^40 + 0x1b3, so h * prime = h * 0x1b3 + (h0 << 40) + (h1 << 56) (mod 2^64)
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * 0x1b3 + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (/** @type {number} */ n) => n.toString(16).padStart(4, '0');
  return `fnv1a64:${hex(h3)}${hex(h2)}${hex(h1)}${hex(h0)}`;
}

// ---- validation ----------------------------------------------------------------------------------

/** @param {string} message @returns {never} */
function fail(message) { throw new SessionError(message, 'invalid'); }

/** @param {unknown} value */
function quote(value) {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/**
 * Check a session object (the in-memory shape, as parseSessionFile and decodeLink produce it).
 * scenarios: the set of scenario ids this page knows. Returns a clean copy; throws SessionError.
 * @param {any} session
 * @param {{scenarios: ScenarioIds}} options
 * @returns {Session}
 */
export function validateSession(session, { scenarios }) {
  if (!session || typeof session !== 'object' || Array.isArray(session)) fail('The session is not an object.');
  const { scenario, seed, now, worldDigest, calls } = session;
  if (typeof scenario !== 'string' || scenario.length === 0 || scenario.length > LIMITS.scenario) fail('The session names no scenario.');
  if (!scenarios.has(scenario)) fail(`The session starts from the scenario ${quote(scenario)}, which this page does not have.`);
  if (!Number.isSafeInteger(seed) || seed < 0) fail('The session\'s seed is not a whole number of zero or more.');
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0 || now > 1e11) fail('The session\'s clock is not a time.');
  if (worldDigest !== null && (typeof worldDigest !== 'string' || !/^fnv1a64:[0-9a-f]{16}$/.test(worldDigest))) fail('The session\'s world digest is malformed.');
  if (!Array.isArray(calls)) fail('The session has no list of calls.');
  if (calls.length > LIMITS.calls) fail(`The session has ${calls.length.toLocaleString('en-US')} calls; this page replays at most ${LIMITS.calls.toLocaleString('en-US')}.`);
  const clean = calls.map((/** @type {any} */ call, /** @type {number} */ i) => {
    const where = `Call ${i + 1}`;
    if (!call || typeof call !== 'object' || Array.isArray(call)) fail(`${where} is not an object.`);
    const { caller, target, body, status } = call;
    if (caller !== null && (typeof caller !== 'string' || caller.length > LIMITS.caller)) fail(`${where} has an invalid caller.`);
    if (typeof target !== 'string' || target.length === 0 || target.length > LIMITS.target) fail(`${where} has an invalid target.`);
    if (typeof body !== 'string' || body.length > LIMITS.body) fail(`${where} has an invalid body.`);
    if (status !== null && !(Number.isInteger(status) && status >= 0 && status <= 999)) fail(`${where} has an invalid status.`);
    return { caller, target, body, status };
  });
  return { scenario, seed, now, worldDigest: worldDigest ?? null, calls: clean };
}

// ---- JSON file -----------------------------------------------------------------------------------

/** @param {Session} session */
export function toSessionFile(session) {
  return {
    format: FILE_FORMAT,
    version: CURRENT_FORMAT,
    scenario: session.scenario,
    seed: session.seed,
    now: session.now,
    worldDigest: session.worldDigest,
    calls: session.calls.map(({ caller, target, body, status }) => ({ caller, target, body, status })),
  };
}

/** @param {number} version @param {string} what */
function checkVersion(version, what) {
  if (!Number.isSafeInteger(version) || version < 1) fail(`${what} has no valid format version.`);
  if (version > CURRENT_FORMAT) {
    throw new SessionError(`${what} uses session format ${version}, made by a newer version of the playground; this page reads format${SUPPORTED_FORMATS.length > 1 ? 's' : ''} ${SUPPORTED_FORMATS.join(', ')}. Open it with an up-to-date playground.`, 'version');
  }
  if (!SUPPORTED_FORMATS.includes(version)) {
    throw new SessionError(`${what} uses session format ${version}, which is no longer supported; this page reads format${SUPPORTED_FORMATS.length > 1 ? 's' : ''} ${SUPPORTED_FORMATS.join(', ')}.`, 'version');
  }
}

/**
 * Parse and check the text of an exported session file.
 * @param {unknown} text
 * @param {{scenarios: ScenarioIds}} options
 */
export function parseSessionFile(text, { scenarios }) {
  if (typeof text !== 'string') fail('The file is not text.');
  if (text.length > LIMITS.file) throw new SessionError(`The file is larger than ${LIMITS.file.toLocaleString('en-US')} bytes; it is not a session this page opens.`, 'too-large');
  let doc;
  try { doc = JSON.parse(text); } catch { fail('The file is not JSON.'); }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || doc.format !== FILE_FORMAT) fail('The file is not a Handshake Playground session (its "format" member is missing or different).');
  checkVersion(doc.version, 'The file');
  return validateSession(doc, { scenarios });
}

// ---- link ----------------------------------------------------------------------------------------

/** @param {SessionCall} call */
function packCall({ caller, target, body, status }) {
  const t = target.startsWith(AWS_PREFIX) && /^[A-Za-z]+$/.test(target.slice(AWS_PREFIX.length)) ? target.slice(AWS_PREFIX.length) : `!${target}`;
  let b = body;
  try {
    const parsed = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && JSON.stringify(parsed) === body) b = parsed;
  } catch { /* kept as the raw string */ }
  return [caller === null ? 0 : caller, t, b, status];
}

/** @param {unknown} call @param {number} i */
function unpackCall(call, i) {
  const where = `Call ${i + 1}`;
  if (!Array.isArray(call) || call.length !== 4) fail(`${where} in the link is malformed.`);
  const [c, t, b, status] = call;
  if (c !== 0 && typeof c !== 'string') fail(`${where} in the link has an invalid caller.`);
  if (typeof t !== 'string' || t.length === 0) fail(`${where} in the link has an invalid target.`);
  /** @type {string} */
  let body;
  if (typeof b === 'string') body = b;
  else if (b && typeof b === 'object') body = JSON.stringify(b);
  else fail(`${where} in the link has an invalid body.`);
  return { caller: c === 0 ? null : c, target: t.startsWith('!') ? t.slice(1) : AWS_PREFIX + t, body, status };
}

/** The fragment (without "#") for a session: "s=1.z.<data>" or "s=1.j.<data>", whichever is shorter. @param {Session} session */
export async function encodeLink(session) {
  const payload = [CURRENT_FORMAT, session.scenario, session.seed, session.now, session.worldDigest, session.calls.map(packCall)];
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const plain = `s=${CURRENT_FORMAT}.j.${toBase64Url(json)}`;
  const packed = `s=${CURRENT_FORMAT}.z.${toBase64Url(await deflate(json))}`;
  return packed.length < plain.length ? packed : plain;
}

/** True for fragments (without "#") that claim to be a session link. @param {unknown} fragment @returns {fragment is string} */
export function isSessionFragment(fragment) {
  return typeof fragment === 'string' && fragment.startsWith('s=');
}

/**
 * How the link payload of each format this page reads becomes a session (the current in-memory shape).
 * A new format gets the next number and its own reader; the readers of older formats stay, so that their
 * links keep opening (each returns the current shape, converting what changed).
 */
/** @type {Record<number, (payload: any) => unknown>} */
const LINK_READERS = {
  1(payload) {
    if (!Array.isArray(payload) || payload.length !== 6) fail('The link is damaged: its data is not a session.');
    const [, scenario, seed, now, worldDigest, calls] = payload;
    if (!Array.isArray(calls)) fail('The link has no list of calls.');
    if (calls.length > LIMITS.calls) fail(`The link has ${calls.length.toLocaleString('en-US')} calls; this page replays at most ${LIMITS.calls.toLocaleString('en-US')}.`);
    return { scenario, seed, now, worldDigest, calls: calls.map(unpackCall) };
  },
};

/** The session formats this page reads (links and files). */
export const SUPPORTED_FORMATS = Object.keys(LINK_READERS).map(Number);

/**
 * Decode and check a fragment (without "#"). Returns a session; throws SessionError with a reason.
 * @param {unknown} fragment
 * @param {{scenarios: ScenarioIds}} options
 */
export async function decodeLink(fragment, { scenarios }) {
  if (!isSessionFragment(fragment)) fail('The link\'s fragment is not a playground session.');
  const rest = fragment.slice(2);
  if (rest.length > LIMITS.fragment) {
    throw new SessionError(`The link is ${rest.length.toLocaleString('en-US')} characters long; this page opens session links of up to ${LIMITS.fragment.toLocaleString('en-US')}.`, 'too-large');
  }
  const match = /^([0-9]{1,6})\.([a-z])\.(.*)$/s.exec(rest);
  if (!match) {
    const version = /^([0-9]{1,6})\./.exec(rest);
    if (version) checkVersion(Number(version[1]), 'The link');
    throw new SessionError('The link is damaged: it does not have the shape of a session link (#s=<format>.<encoding>.<data>).', 'damaged');
  }
  checkVersion(Number(match[1]), 'The link');
  const encoding = match[2];
  if (encoding !== 'z' && encoding !== 'j') fail(`The link uses an encoding ("${encoding}") this page does not know.`);
  const bytes = fromBase64Url(match[3]);
  const raw = encoding === 'z' ? await inflate(bytes) : bytes;
  if (raw.length > LIMITS.json) throw new SessionError('The link holds more session data than this page opens.', 'too-large');
  let payload;
  try { payload = JSON.parse(utf8(raw)); } catch (err) {
    if (err instanceof SessionError) throw err;
    throw new SessionError('The link is damaged: its data is not a session.', 'damaged');
  }
  const format = Number(match[1]);
  if (!Array.isArray(payload) || payload[0] !== format) fail('The link is damaged: its data is not a session of the format it names.');
  return validateSession(LINK_READERS[format](payload), { scenarios });
}
