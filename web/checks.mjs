// @ts-check
// The check language of the guided lessons (docs/lessons.md): declarative tests of the world, of the
// event log's last responses, and of AWS calls made through the engine (as dry runs, which change nothing).
//
//   evaluate(check, context) -> Promise<{ok, detail}>
//   validateCheck(check, path) -> throws LessonError naming the path of the first problem
//
// context = {
//   world:  the Simulator.DescribeWorld answer,
//   calls:  the calls made since the lesson started, oldest first: [{caller, target, status, parsed}],
//   dryRun: async (caller, target, body) -> {status, body}   (Simulator.DryRun)
// }

const AWS_PREFIX = 'AWSOrganizationsV20161128.';

/**
 * Checks and lesson files come from JSON: they are typed `any` and checked here, member by member.
 * @typedef {{ok: boolean, detail: string}} Result
 * @typedef {{world?: any, calls?: any[], dryRun: (caller: string, target: string, body: string) => Promise<{status: number, body: unknown}>}} Context
 */

export class LessonError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'LessonError';
  }
}

// ---- the keys each check accepts ------------------------------------------------------------------

/** @type {Record<string, string[]>} */
const SHAPES = {
  handshake: ['id', 'action', 'state', 'target', 'organization'],
  account: ['id', 'email', 'name', 'role', 'organization'],
  organization: ['id', 'featureSet', 'management', 'members', 'includes', 'pendingAllFeatures'],
  transfer: ['id', 'type', 'status', 'name', 'source', 'target'],
  clock: ['after', 'before'],
  lastError: ['type', 'operation', 'caller', 'reason'],
  lastCall: ['operation', 'caller', 'status'],
  call: ['caller', 'operation', 'request', 'expect'],
};
const EXPECT_KEYS = ['status', 'error', 'match'];
const TOP_KEYS = [...Object.keys(SHAPES), 'role', 'all', 'any', 'not'];

/** @param {unknown} value @returns {boolean} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** @param {string} path @param {string} message @returns {never} */
function problem(path, message) {
  throw new LessonError(`${path}: ${message}`);
}

/** @param {unknown} value @param {string} path @param {{pattern?: RegExp}} [options] */
function checkString(value, path, { pattern } = {}) {
  if (typeof value !== 'string' || value === '') problem(path, 'must be a non-empty string');
  if (pattern && !pattern.test(/** @type {string} */ (value))) problem(path, `"${value}" does not have the expected form`);
}

/** @param {unknown} value @param {string} path */
function checkStringOrList(value, path) {
  if (Array.isArray(value)) {
    if (!value.length) problem(path, 'must not be an empty list');
    value.forEach((v, i) => checkString(v, `${path}[${i}]`));
  } else checkString(value, path);
}

/** @param {object} object @param {string[]} allowed @param {string} path */
function checkKeys(object, allowed, path) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) problem(`${path}.${key}`, `unknown member (expected one of: ${allowed.join(', ')})`);
  }
}

/** @param {unknown} value @param {string} path */
function checkTime(value, path) {
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return;
  problem(path, 'must be epoch seconds or an ISO 8601 date');
}

/** Validate a check; throws LessonError("<path>: <problem>"). @param {any} check @param {string} [path] @returns {void} */
export function validateCheck(check, path = 'check') {
  if (!isObject(check)) problem(path, 'must be an object');
  const keys = Object.keys(check);
  if (!keys.length) problem(path, 'is empty');
  checkKeys(check, TOP_KEYS, path);
  if ('role' in check && typeof check.account !== 'string') problem(`${path}.role`, 'belongs with "account": "<id or email>"');
  if ('all' in check || 'any' in check) {
    for (const key of ['all', 'any']) {
      if (!(key in check)) continue;
      if (!Array.isArray(check[key]) || !check[key].length) problem(`${path}.${key}`, 'must be a non-empty list of checks');
      check[key].forEach((c, i) => validateCheck(c, `${path}.${key}[${i}]`));
    }
  }
  if ('not' in check) validateCheck(check.not, `${path}.not`);

  if ('handshake' in check) {
    const hs = check.handshake;
    if (!isObject(hs)) problem(`${path}.handshake`, 'must be an object');
    checkKeys(hs, SHAPES.handshake, `${path}.handshake`);
    for (const key of ['id', 'target', 'organization']) if (key in hs) checkString(hs[key], `${path}.handshake.${key}`);
    for (const key of ['action', 'state']) if (key in hs) checkStringOrList(hs[key], `${path}.handshake.${key}`);
  }
  if ('account' in check) {
    const account = check.account;
    if (typeof account === 'string') {
      checkString(account, `${path}.account`);
      if ('role' in check) checkStringOrList(check.role, `${path}.role`);
      if ('organization' in check && typeof check.organization !== 'string' && check.organization !== null) {
        problem(`${path}.organization`, 'next to "account": "<id>", must be an organization id string (or null for none)');
      }
    } else {
      if (!isObject(account)) problem(`${path}.account`, 'must be an account id, an email, or an object');
      checkKeys(account, SHAPES.account, `${path}.account`);
      if (!('id' in account) && !('email' in account) && !('name' in account)) problem(`${path}.account`, 'needs "id", "email" or "name"');
      for (const key of ['id', 'email', 'name']) if (key in account) checkString(account[key], `${path}.account.${key}`);
      if ('role' in account) checkStringOrList(account.role, `${path}.account.role`);
      if ('organization' in account && account.organization !== null) checkString(account.organization, `${path}.account.organization`);
    }
  }
  if ('organization' in check && !(typeof check.account === 'string')) {
    const org = check.organization;
    if (!isObject(org)) problem(`${path}.organization`, 'must be an object (or, next to "account": "<id>", an organization id)');
    checkKeys(org, SHAPES.organization, `${path}.organization`);
    for (const key of ['id', 'featureSet', 'management']) if (key in org) checkString(org[key], `${path}.organization.${key}`);
    if ('members' in org && !(Number.isInteger(org.members) && org.members >= 0)) problem(`${path}.organization.members`, 'must be a whole number');
    if ('includes' in org) {
      if (!Array.isArray(org.includes) || !org.includes.length) problem(`${path}.organization.includes`, 'must be a non-empty list of account ids');
      org.includes.forEach((/** @type {unknown} */ v, /** @type {number} */ i) => checkString(v, `${path}.organization.includes[${i}]`));
    }
    if ('pendingAllFeatures' in org && typeof org.pendingAllFeatures !== 'boolean') problem(`${path}.organization.pendingAllFeatures`, 'must be true or false');
  }
  if ('transfer' in check) {
    const t = check.transfer;
    if (!isObject(t)) problem(`${path}.transfer`, 'must be an object');
    checkKeys(t, SHAPES.transfer, `${path}.transfer`);
    for (const key of ['id', 'type', 'name', 'source', 'target']) if (key in t) checkString(t[key], `${path}.transfer.${key}`);
    if ('status' in t) checkStringOrList(t.status, `${path}.transfer.status`);
  }
  if ('clock' in check) {
    const c = check.clock;
    if (!isObject(c) || !Object.keys(c).length) problem(`${path}.clock`, 'must be an object with "after" and/or "before"');
    checkKeys(c, SHAPES.clock, `${path}.clock`);
    for (const key of ['after', 'before']) if (key in c) checkTime(c[key], `${path}.clock.${key}`);
  }
  for (const key of ['lastError', 'lastCall']) {
    if (!(key in check)) continue;
    const c = check[key];
    if (!isObject(c)) problem(`${path}.${key}`, 'must be an object');
    checkKeys(c, SHAPES[key], `${path}.${key}`);
    for (const k of ['type', 'operation', 'caller', 'reason']) if (k in c) checkString(c[k], `${path}.${key}.${k}`);
    if ('status' in c && !Number.isInteger(c.status)) problem(`${path}.${key}.status`, 'must be an HTTP status number');
  }
  if ('call' in check) {
    const c = check.call;
    if (!isObject(c)) problem(`${path}.call`, 'must be an object');
    checkKeys(c, SHAPES.call, `${path}.call`);
    checkString(c.caller, `${path}.call.caller`);
    checkString(c.operation, `${path}.call.operation`, { pattern: /^[A-Za-z]+$/ });
    if ('request' in c && !isObject(c.request)) problem(`${path}.call.request`, 'must be an object (the request body)');
    if (!isObject(c.expect)) problem(`${path}.call.expect`, 'must be an object');
    checkKeys(c.expect, EXPECT_KEYS, `${path}.call.expect`);
    if ('status' in c.expect && !Number.isInteger(c.expect.status)) problem(`${path}.call.expect.status`, 'must be an HTTP status number');
    if ('error' in c.expect) checkString(c.expect.error, `${path}.call.expect.error`);
  }
}

// ---- matching ---------------------------------------------------------------------------------------

const lower = (/** @type {unknown} */ v) => String(v).toLowerCase();
const oneOf = (/** @type {unknown} */ want, /** @type {unknown} */ value) => (Array.isArray(want) ? want : [want]).some((w) => w === value);
const orgId = (/** @type {unknown} */ id) => (String(id).startsWith('o-') ? String(id) : `o-${id}`);

/** @param {any} world @param {string} key @returns {any} */
function accountOf(world, key) {
  const k = lower(key);
  return (world.Accounts || []).find((/** @type {any} */ a) => a.Id === key || lower(a.Email) === k) || null;
}

/** Whether a party (not the organization) of the handshake is `who` (an account id or an email). @param {any} world @param {any} hs @param {string} who */
function addressedTo(world, hs, who) {
  const account = accountOf(world, who);
  return (hs.Parties || []).some((/** @type {any} */ p) => {
    if (p.Type === 'ORGANIZATION') return false;
    if (lower(p.Id) === lower(who)) return true;
    if (!account) return false;
    return (p.Type === 'ACCOUNT' && p.Id === account.Id) || (p.Type === 'EMAIL' && lower(p.Id) === lower(account.Email));
  });
}

/** @param {any} world @param {any} hs @param {any} want */
function handshakeMatches(world, hs, want) {
  if ('id' in want && hs.Id !== want.id) return false;
  if ('action' in want && !oneOf(want.action, hs.Action)) return false;
  if ('state' in want && !oneOf(want.state, hs.State)) return false;
  if ('target' in want && !addressedTo(world, hs, want.target)) return false;
  if ('organization' in want && !(hs.Parties || []).some((/** @type {any} */ p) => p.Type === 'ORGANIZATION' && orgId(p.Id) === orgId(want.organization))) return false;
  return true;
}

/** @param {object} want @param {string} noun */
function describe(want, noun) {
  const parts = Object.entries(want).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(' or ') : v === null ? 'none' : String(v)}`);
  return parts.length ? `${noun} with ${parts.join(', ')}` : noun;
}

/** Whether a transfer's Source or Target is `who` (an account id or an email, resolved through the accounts). @param {any} world @param {any} p @param {string} who */
function participant(world, p, who) {
  if (!p) return false;
  const account = accountOf(world, who);
  const ids = [who, account && account.Id].filter(Boolean);
  const emails = [who, account && account.Email].filter(Boolean).map(lower);
  return ids.includes(p.ManagementAccountId) || emails.includes(lower(p.ManagementAccountEmail || ''));
}

/** @param {number | string} value */
function toEpoch(value) {
  return typeof value === 'number' ? value : Date.parse(value) / 1000;
}

/** @param {unknown} target */
function operationOf(target) {
  return String(target).startsWith(AWS_PREFIX) ? String(target).slice(AWS_PREFIX.length) : String(target);
}

/**
 * Deep partial match: every member of `pattern` is in `value` with a matching value; for a list pattern,
 * every element matches some element of the list.
 * @param {any} pattern
 * @param {any} value
 * @returns {boolean}
 */
export function partialMatch(pattern, value) {
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((/** @type {unknown} */ v) => partialMatch(p, v)));
  }
  if (isObject(pattern)) {
    return isObject(value) && Object.entries(pattern).every(([k, p]) => k in value && partialMatch(p, value[k]));
  }
  return pattern === value;
}

// ---- evaluation ---------------------------------------------------------------------------------------

/** @type {Result} */
const ok = { ok: true, detail: '' };
/** @type {(detail: string) => Result} */
const no = (detail) => ({ ok: false, detail });

/** @param {string} key @param {any} check @param {Context} context @returns {Promise<Result>} */
async function evaluateOne(key, check, context) {
  const world = context.world || {};
  switch (key) {
    case 'handshake': {
      const found = (world.Handshakes || []).some((/** @type {any} */ hs) => handshakeMatches(world, hs, check.handshake));
      return found ? ok : no(`There is no ${describe(check.handshake, 'handshake')} yet.`);
    }
    case 'account': {
      let want = check.account;
      if (typeof want === 'string') {
        want = { [want.includes('@') ? 'email' : 'id']: want };
        if ('role' in check) want.role = check.role;
        if ('organization' in check) want.organization = check.organization;
      }
      const account = (world.Accounts || []).find((/** @type {any} */ a) => ('id' in want ? a.Id === want.id : true) &&
        ('email' in want ? lower(a.Email) === lower(want.email) : true) && ('name' in want ? a.Name === want.name : true));
      const label = want.id || want.email || want.name;
      if (!account) return no(`There is no account ${label}.`);
      if ('role' in want && !oneOf(want.role, account.Role)) return no(`Account ${label} is ${account.Role}, not ${[].concat(want.role).join(' or ')}.`);
      if ('organization' in want && (account.OrganizationId ?? null) !== want.organization) {
        return no(`Account ${label} is ${account.OrganizationId ? `in ${account.OrganizationId}` : 'in no organization'}, not ${want.organization === null ? 'standalone' : `in ${want.organization}`}.`);
      }
      return ok;
    }
    case 'organization': {
      if (typeof check.account === 'string') return ok;  // the account's organization, checked with it
      const want = check.organization;
      const match = (/** @type {any} */ org) => ('id' in want ? org.Id === want.id : true) &&
        ('featureSet' in want ? org.FeatureSet === want.featureSet : true) &&
        ('management' in want ? org.ManagementAccountId === want.management : true) &&
        ('members' in want ? (org.MemberAccountIds || []).length === want.members : true) &&
        ('includes' in want ? want.includes.every((/** @type {string} */ id) => (org.MemberAccountIds || []).includes(id)) : true) &&
        ('pendingAllFeatures' in want ? Boolean(org.PendingAllFeaturesHandshakeId) === want.pendingAllFeatures : true);
      return (world.Organizations || []).some(match) ? ok : no(`There is no ${describe(want, 'organization')}.`);
    }
    case 'transfer': {
      const want = check.transfer;
      const match = (/** @type {any} */ t) => ('id' in want ? t.Id === want.id : true) && ('type' in want ? t.Type === want.type : true) &&
        ('status' in want ? oneOf(want.status, t.Status) : true) && ('name' in want ? t.Name === want.name : true) &&
        ('source' in want ? participant(world, t.Source, want.source) : true) && ('target' in want ? participant(world, t.Target, want.target) : true);
      return (world.ResponsibilityTransfers || []).some(match) ? ok : no(`There is no ${describe(want, 'responsibility transfer')} yet.`);
    }
    case 'clock': {
      const now = Number(world.Now);
      if ('after' in check.clock && !(now > toEpoch(check.clock.after))) return no('The clock has not reached that time yet.');
      if ('before' in check.clock && !(now < toEpoch(check.clock.before))) return no('The clock is already past that time.');
      return ok;
    }
    case 'lastError':
    case 'lastCall': {
      const want = check[key];
      const calls = (context.calls || []).filter((/** @type {any} */ c) => String(c.target).startsWith(AWS_PREFIX) &&
        ('operation' in want ? operationOf(c.target) === want.operation : true) && ('caller' in want ? c.caller === want.caller : true));
      const last = calls[calls.length - 1];
      const what = `${want.operation || 'call'}${want.caller ? ` by ${want.caller}` : ''}`;
      if (!last) return no(`No ${what} has been made yet.`);
      const p = last.parsed || {};
      if (key === 'lastCall') {
        return 'status' in want && last.status !== want.status ? no(`The last ${what} answered ${last.status}, not ${want.status}.`) : ok;
      }
      if (last.status === 200) return no(`The last ${what} succeeded; an error was expected.`);
      if ('type' in want && p.__type !== want.type) return no(`The last ${what} failed with ${p.__type || 'an error'}, not ${want.type}.`);
      if ('reason' in want && p.Reason !== want.reason) return no(`The last ${what} failed for the reason ${p.Reason || '(none)'}, not ${want.reason}.`);
      return ok;
    }
    case 'call': {
      const c = check.call;
      const result = await context.dryRun(c.caller, AWS_PREFIX + c.operation, JSON.stringify(c.request || {}));
      let body;
      try { body = typeof result.body === 'string' ? JSON.parse(result.body) : result.body; } catch { body = {}; }
      const e = c.expect;
      if ('status' in e && result.status !== e.status) return no(`${c.operation} as ${c.caller} answers ${result.status}${body && body.__type ? ` ${body.__type}` : ''}, not ${e.status}.`);
      if ('error' in e && (result.status === 200 || body.__type !== e.error)) return no(`${c.operation} as ${c.caller} does not fail with ${e.error}.`);
      if ('match' in e && !partialMatch(e.match, body)) return no(`${c.operation} as ${c.caller} does not answer what this step expects yet.`);
      return ok;
    }
    case 'role':
      return ok;  // checked with "account"
    case 'all': {
      for (const sub of check.all) {
        const r = await evaluate(sub, context);
        if (!r.ok) return r;
      }
      return ok;
    }
    case 'any': {
      /** @type {Result | null} */
      let first = null;
      for (const sub of check.any) {
        const r = await evaluate(sub, context);
        if (r.ok) return ok;
        first ??= r;
      }
      return /** @type {Result} */ (first);
    }
    case 'not': {
      const r = await evaluate(check.not, context);
      return r.ok ? no('The world is not in the state this step asks for yet.') : ok;
    }
    default:
      return no(`Unknown check ${key}.`);
  }
}

/**
 * Evaluate a (validated) check against the context. All its members must hold.
 * @param {any} check
 * @param {Context} context
 * @returns {Promise<Result>}
 */
export async function evaluate(check, context) {
  for (const key of Object.keys(check)) {
    const r = await evaluateOne(key, check, context);
    if (!r.ok) return r;
  }
  return ok;
}

// ---- lessons ------------------------------------------------------------------------------------------

export const LESSON_FORMAT = 'handshake-playground-lesson';

/**
 * Validate a lesson document; throws LessonError naming the problem. scenarios: the known scenario ids.
 * Returns the lesson (unchanged).
 * @param {any} doc
 * @param {{scenarios?: {has(id: string): boolean}}} [options]
 * @returns {any}
 */
export function validateLesson(doc, { scenarios } = {}) {
  if (!isObject(doc)) problem('lesson', 'must be a JSON object');
  checkKeys(doc, ['format', 'version', 'id', 'title', 'summary', 'scenario', 'seed', 'actAs', 'operation', 'setup', 'steps', 'done'], 'lesson');
  if (doc.format !== LESSON_FORMAT) problem('lesson.format', `must be "${LESSON_FORMAT}"`);
  if (doc.version !== 1) problem('lesson.version', 'must be 1');
  checkString(doc.id, 'lesson.id', { pattern: /^[a-z0-9][a-z0-9-]{0,63}$/ });
  checkString(doc.title, 'lesson.title');
  checkString(doc.summary, 'lesson.summary');
  checkString(doc.scenario, 'lesson.scenario');
  if (scenarios && !scenarios.has(doc.scenario)) problem('lesson.scenario', `"${doc.scenario}" is not a scenario of this page`);
  if ('seed' in doc && !(Number.isSafeInteger(doc.seed) && doc.seed >= 0)) problem('lesson.seed', 'must be a whole number of zero or more');
  if ('actAs' in doc) checkString(doc.actAs, 'lesson.actAs', { pattern: /^\d{12}$/ });
  if ('operation' in doc) checkString(doc.operation, 'lesson.operation', { pattern: /^[A-Za-z]+$/ });
  if ('done' in doc) checkString(doc.done, 'lesson.done');
  if ('setup' in doc) {
    if (!Array.isArray(doc.setup)) problem('lesson.setup', 'must be a list of calls');
    doc.setup.forEach((/** @type {any} */ call, /** @type {number} */ i) => {
      const path = `lesson.setup[${i}]`;
      if (!isObject(call)) problem(path, 'must be an object');
      checkKeys(call, ['caller', 'operation', 'simulator', 'request'], path);
      if (('operation' in call) === ('simulator' in call)) problem(path, 'needs exactly one of "operation" (with "caller") or "simulator"');
      if ('operation' in call) {
        checkString(call.operation, `${path}.operation`, { pattern: /^[A-Za-z]+$/ });
        checkString(call.caller, `${path}.caller`, { pattern: /^\d{12}$/ });
      } else {
        checkString(call.simulator, `${path}.simulator`, { pattern: /^(CreateAccount|CreateOrganization|JoinOrganization|SetTime|AdvanceTime|SetSettings)$/ });
      }
      if ('request' in call && !isObject(call.request)) problem(`${path}.request`, 'must be an object');
    });
  }
  if (!Array.isArray(doc.steps) || !doc.steps.length) problem('lesson.steps', 'must be a non-empty list');
  doc.steps.forEach((/** @type {any} */ step, /** @type {number} */ i) => {
    const path = `lesson.steps[${i}]`;
    if (!isObject(step)) problem(path, 'must be an object');
    checkKeys(step, ['goal', 'hint', 'check', 'success'], path);
    checkString(step.goal, `${path}.goal`);
    checkString(step.hint, `${path}.hint`);
    if ('success' in step) checkString(step.success, `${path}.success`);
    validateCheck(step.check, `${path}.check`);
  });
  return doc;
}

/**
 * Validate the lessons index: {"format": "handshake-playground-lessons", "version": 1, "lessons": ["file.json", ...]}.
 * @param {any} doc
 * @returns {{lessons: string[]}}
 */
export function validateIndex(doc) {
  if (!isObject(doc)) problem('index', 'must be a JSON object');
  if (doc.format !== 'handshake-playground-lessons') problem('index.format', 'must be "handshake-playground-lessons"');
  if (doc.version !== 1) problem('index.version', 'must be 1');
  if (!Array.isArray(doc.lessons) || !doc.lessons.length) problem('index.lessons', 'must be a non-empty list of file names');
  doc.lessons.forEach((/** @type {unknown} */ name, /** @type {number} */ i) => checkString(name, `index.lessons[${i}]`, { pattern: /^[a-z0-9][a-z0-9-]{0,63}\.json$/ }));
  return doc;
}
