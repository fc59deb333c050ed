// @ts-check
// Embed mode: URL parameters that shape the page for an <iframe> in a documentation page, and the
// postMessage bridge to that page (docs/embedding.md).
//
// Parameters: embed, compact, readonly, scenario, lesson, seed, actAs, operation, panels, layout, rewind, theme,
// parentOrigin, embedId.
// The bridge exists only with parentOrigin: messages are accepted only from window.parent at exactly that
// origin, and posted only to that origin.

import { encodeLink, toSessionFile } from './session.mjs';

/**
 * @typedef {object} EmbedConfig
 * @property {boolean} embed
 * @property {boolean} compact
 * @property {boolean} readonly
 * @property {string | null} scenario
 * @property {string | null} lesson
 * @property {number | undefined} seed
 * @property {string | null} actAs
 * @property {string | null} operation
 * @property {string | null} embedId
 * @property {Set<string> | null} panels
 * @property {'two-parties' | 'one' | null} layout  the page's layout (LAYOUTS): two consoles side by side, or one request panel
 * @property {number | null} rewind  open on the world right after this call of the session (0: the scenario's start)
 * @property {'light' | 'dark' | null} theme  a theme chosen by the host page (null: the reader's prefers-color-scheme)
 * @property {string | null} parentOrigin
 * @property {string[]} problems
 * @typedef {import('./actions.mjs').PageApi} PageApi
 */

/** @type {Record<string, string>} */
const PANELS = {
  lessons: '.panel-lessons',
  world: '.panel-world',
  request: '.panel-composer',
  response: '.panel-response',
  handshakes: '.panel-handshakes',
  diagram: '.panel-diagram',
  log: '.panel-log',
  sequence: '.panel-sequence',
  clock: '#clock',
};
export const PANEL_NAMES = Object.keys(PANELS);
/** The layouts a URL may ask for (`layout=`): anything else is refused. */
export const LAYOUTS = /** @type {const} */ (['two-parties', 'one']);
/** The themes a URL may ask for (`theme=`); `auto` follows the reader's prefers-color-scheme, as without it. */
export const THEMES = /** @type {const} */ (['light', 'dark', 'auto']);
export const CHANNEL = 'handshake-playground';
export const PROTOCOL_VERSION = 1;
const AWS_PREFIX = 'AWSOrganizationsV20161128.';

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Read the page's URL parameters. Invalid values are dropped and described in config.problems.
 * @param {{search: string}} location
 * @returns {EmbedConfig}
 */
export function readEmbedConfig(location) {
  const params = new URLSearchParams(location.search);
  /** @type {string[]} */
  const problems = [];
  const flag = (/** @type {string} */ name) => {
    const value = params.get(name);
    if (value === null) return false;
    if (['', '1', 'true', 'yes'].includes(value.toLowerCase())) return true;
    if (!['0', 'false', 'no'].includes(value.toLowerCase())) problems.push(`${name} must be 1 or 0`);
    return false;
  };
  const text = (/** @type {string} */ name, /** @type {RegExp} */ pattern) => {
    const value = params.get(name);
    if (value === null || value === '') return null;
    if (pattern.test(value)) return value;
    problems.push(`${name} has an invalid value`);
    return null;
  };
  /** @type {EmbedConfig} */
  const config = {
    embed: flag('embed'),
    compact: flag('compact'),
    readonly: flag('readonly'),
    scenario: text('scenario', /^[a-z0-9-]{1,64}$/),
    lesson: text('lesson', /^[a-z0-9][a-z0-9-]{0,63}$/),
    seed: undefined,
    actAs: text('actAs', /^\d{12}$/),
    operation: text('operation', /^[A-Za-z]{1,80}$/),
    embedId: text('embedId', /^[A-Za-z0-9_.-]{1,64}$/),
    panels: null,
    layout: null,
    rewind: null,
    theme: null,
    parentOrigin: null,
    problems,
  };
  const seed = params.get('seed');
  if (seed !== null && seed !== '') {
    if (/^\d{1,16}$/.test(seed) && Number.isSafeInteger(Number(seed))) config.seed = Number(seed);
    else problems.push('seed must be a whole number of zero or more');
  }
  const panels = params.get('panels');
  if (panels !== null && panels !== '') {
    const names = panels.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = names.filter((n) => !PANEL_NAMES.includes(n));
    if (unknown.length) problems.push(`panels: unknown panel ${unknown.map((n) => JSON.stringify(n.slice(0, 30))).join(', ')} (known: ${PANEL_NAMES.join(', ')})`);
    const known = names.filter((n) => PANEL_NAMES.includes(n));
    if (known.length) config.panels = new Set(known);
  }
  const layout = params.get('layout');
  if (layout !== null && layout !== '') {
    const known = LAYOUTS.find((name) => name === layout);
    if (known) config.layout = known;
    else problems.push(`layout must be one of ${LAYOUTS.join(', ')}`);
  }
  const rewind = params.get('rewind');
  if (rewind !== null && rewind !== '') {
    if (/^\d{1,9}$/.test(rewind)) config.rewind = Number(rewind);
    else problems.push('rewind must be the number of a call (as the event log shows it) or 0');
  }
  const theme = params.get('theme');
  if (theme !== null && theme !== '') {
    const known = THEMES.find((name) => name === theme);
    if (known) config.theme = known === 'auto' ? null : known;
    else problems.push(`theme must be one of ${THEMES.join(', ')}`);
  }
  const origin = params.get('parentOrigin');
  if (origin !== null && origin !== '') {
    let parsed = null;
    try { parsed = new URL(origin); } catch { parsed = null; }
    const normal = origin.replace(/\/$/, '');
    if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === normal) config.parentOrigin = parsed.origin;
    else problems.push('parentOrigin must be one origin such as https://docs.example.com (no path, no wildcard)');
  }
  return config;
}

/** Hide panels, mark the page embedded, compact or read-only (styles.css does the rest). @param {EmbedConfig} config */
function applyLayout(config) {
  const root = document.documentElement;
  if (config.embed) root.dataset.embed = 'true';
  if (config.compact) root.dataset.compact = 'true';
  if (config.readonly) root.dataset.readonly = 'true';
  if (config.theme) root.dataset.theme = config.theme;  // styles.css: :root[data-theme]
  let shown = config.panels;
  if (!shown && config.embed) shown = new Set(PANEL_NAMES.filter((n) => n !== 'lessons' || config.lesson));
  if (shown && config.readonly) shown.delete('request');
  if (config.readonly && !shown) shown = new Set(PANEL_NAMES.filter((n) => n !== 'request'));
  if (shown) {
    if (config.lesson) shown.add('lessons');
    for (const [name, selector] of Object.entries(PANELS)) {
      const el = /** @type {HTMLElement | null} */ (document.querySelector(selector));
      if (el) el.hidden = !shown.has(name);
    }
    const skip = /** @type {HTMLElement | null} */ (document.querySelector('.skip-link'));
    if (skip && !shown.has('request')) skip.hidden = true;
  }
  const open = document.getElementById('open-full');
  if (open && config.embed) open.hidden = false;
}

/**
 * @param {PageApi} api
 * @param {EmbedConfig} config
 */
export function initEmbed(api, config) {
  applyLayout(config);
  const scenarioIds = new Set(api.scenarios.map((sc) => sc.id));
  if (config.scenario && !scenarioIds.has(config.scenario)) {
    config.problems.push(`there is no scenario ${JSON.stringify(config.scenario)}`);
    config.scenario = null;
  }
  if (config.problems.length) {
    api.showNotice(`${config.problems.join('; ')}.`, { kind: 'warning', title: 'Some URL parameters were ignored:' });
  }

  const embedded = window.parent !== window;
  let bridge = Boolean(config.parentOrigin) && embedded;
  const ancestors = window.location.ancestorOrigins;
  if (bridge && ancestors && ancestors.length && ancestors[0] !== config.parentOrigin) {
    // Told to trust one origin, embedded by another: stay silent rather than talk to the wrong page.
    bridge = false;
    api.showNotice(`This embed trusts ${config.parentOrigin} (parentOrigin), but the page around it is ${ancestors[0]}: it will neither send nor accept messages.`, { kind: 'warning', title: 'Embed origin mismatch.' });
  }

  let ignored = 0;
  let actingBy = 'user';
  let isReady = false;
  /** @type {Record<string, any>[]} */
  const waiting = [];
  let chain = Promise.resolve();

  /** @param {string} type @param {Record<string, unknown>} [payload] */
  function post(type, payload = {}) {
    if (!bridge) return;
    const message = { channel: CHANNEL, version: PROTOCOL_VERSION, embedId: config.embedId, type, ...payload };
    window.parent.postMessage(message, /** @type {string} */ (config.parentOrigin));
  }

  function snapshot() {
    const { state } = api;
    return { scenario: state.scenario, seed: state.seed, caller: api.currentCaller(), now: state.world.Now, world: state.world };
  }

  /** @param {string} reason @param {string} by @param {Record<string, unknown>} [extra] */
  async function postState(reason, by, extra = {}) {
    const base = { reason, by, ...snapshot(), ...extra };
    const worldDigest = await api.worldDigestNow().catch(() => null);
    post('state', { ...base, worldDigest });
  }

  // ---- commands from the host page ------------------------------------------------------------------

  /** @param {unknown} body */
  function bodyText(body) {
    if (body === undefined || body === null) return '{}';
    if (typeof body === 'string') return body;
    if (isObject(body) || Array.isArray(body)) return JSON.stringify(body);
    throw new Error('body must be an object or a string');
  }

  /** @param {Record<string, any>} command */
  async function run(command) {
    const { type } = command;
    if (type === 'send') {
      let target;
      if (typeof command.operation === 'string' && /^[A-Za-z]{1,80}$/.test(command.operation)) target = AWS_PREFIX + command.operation;
      else if (typeof command.target === 'string' && command.target.length > 0 && command.target.length <= 200) target = command.target;
      else throw new Error('send needs an operation name or a target');
      const caller = command.caller === undefined ? api.currentCaller() : command.caller;
      if (caller !== null && (typeof caller !== 'string' || caller.length > 64)) throw new Error('caller must be an account id string');
      const body = bodyText(command.body);
      if (body.length > 100000) throw new Error('body is too large');
      const entry = await api.request({ caller: target.startsWith('Simulator.') && caller === null ? null : caller, target, body, by: 'host' });
      if (!entry) throw new Error('the request was not kept: it could not be sent, or the page refused the world it made (the page says why)');
      return { status: entry.status, response: entry.response, seq: entry.seq };
    }
    if (type === 'actAs') {
      if (typeof command.caller !== 'string' || !api.accountById(command.caller)) throw new Error('actAs needs the id of an account of this world');
      actingBy = 'host';
      try { api.setCaller(command.caller); } finally { actingBy = 'user'; }
      return { caller: api.currentCaller() };
    }
    if (type === 'reset') {
      const scenario = command.scenario === undefined ? api.state.scenario : command.scenario;
      if (typeof scenario !== 'string' || !scenarioIds.has(scenario)) throw new Error('reset needs a known scenario');
      const seed = command.seed === undefined ? api.state.seed : command.seed;
      if (!Number.isSafeInteger(seed) || seed < 0) throw new Error('seed must be a whole number of zero or more');
      await api.loadScenario(scenario, { seed, by: 'host' });
      return { scenario: api.state.scenario, seed: api.state.seed };
    }
    if (type === 'rewind') {
      // Time travel: the world right after call #to, the number the event log shows (0: the scenario's start).
      const to = command.to;
      if (!Number.isSafeInteger(to) || to < 0) throw new Error('rewind needs "to": the number of a call, or 0');
      if (!(await api.rewindTo(to, { by: 'host' }))) throw new Error(`there is no call #${to} in this session`);
      return { to };
    }
    if (type === 'session') {
      // What "Copy link" and "Export JSON" make: the session file object and the share link.
      const session = await api.currentSession();
      const fragment = await encodeLink(session);
      return { session: toSessionFile(session), link: `${window.location.origin}${window.location.pathname}#${fragment}` };
    }
    if (type === 'describe') {
      return { ...snapshot(), worldDigest: await api.worldDigest() };
    }
    throw new Error(`unknown command ${JSON.stringify(String(type).slice(0, 40))}`);
  }

  /** @param {Record<string, any>} command */
  function handle(command) {
    const requestId = typeof command.requestId === 'string' || Number.isFinite(command.requestId) ? command.requestId : null;
    chain = chain.then(async () => {
      try {
        const result = await api.track(run(command));
        post('result', { requestId, command: String(command.type), ok: true, ...result });
      } catch (/** @type {any} */ err) {
        post('result', { requestId, command: String(command.type), ok: false, error: err.message });
      }
    });
  }

  window.addEventListener('message', (event) => {
    if (!bridge || event.source !== window.parent || event.origin !== config.parentOrigin ||
        !isObject(event.data) || event.data.channel !== CHANNEL) {
      ignored += 1;
      document.documentElement.dataset.ignoredMessages = String(ignored);
      return;
    }
    if (isReady) handle(event.data);
    else waiting.push(event.data);
  });

  // ---- events for the host page ----------------------------------------------------------------------

  // Calls made while the embed starts (a share link's replay, a lesson's set-up) are not reported one by one:
  // the ready message carries the world they built.
  api.on('call', ({ entry, by }) => {
    if (!isReady) return;
    post('call', {
      by, seq: entry.seq, caller: entry.caller, target: entry.target,
      operation: entry.target.startsWith(AWS_PREFIX) ? entry.target.slice(AWS_PREFIX.length) : entry.target,
      body: entry.body, status: entry.status, response: entry.response, now: entry.now,
    });
  });
  api.on('change', ({ reason, by, changes }) => {
    if (isReady) postState(reason, by, { changes });
  });
  api.on('caller', () => {
    if (isReady) postState('actAs', actingBy, { changes: [] });
  });
  api.on('lesson', (info) => { if (isReady) post('lesson', info); });

  return {
    ready() {
      const base = { protocol: PROTOCOL_VERSION, readonly: config.readonly, lesson: config.lesson, ...snapshot() };
      return api.track(api.worldDigestNow().catch(() => null).then((worldDigest) => {
        post('ready', { ...base, worldDigest });
        isReady = true;
        while (waiting.length) handle(/** @type {Record<string, any>} */ (waiting.shift()));
      }));
    },
  };
}
