// @ts-check
// createPlayground(container, options): the Handshake Playground in an <iframe> of a page, in embed mode, driven
// through its origin-checked postMessage bridge (docs/embedding.md). No dependencies. The site files ship in this
// package's site/ directory; a page serves them itself (options.site says where, when not beside this module).
//
// The iframe gets ?embed=1&parentOrigin=<this page's origin>&embedId=<unique>: the embed accepts commands only
// from this window at this origin and posts only to it, and this module accepts messages only from that iframe's
// window at the site's origin, in the playground's channel, with its embedId. Options are checked here (a bad
// value throws a TypeError naming it) and reach the iframe only through URL/URLSearchParams.

const CHANNEL = 'handshake-playground';
// Resolved against this module's URL at run time; kept out of `new URL('literal', import.meta.url)` so that
// bundlers do not try to bundle a directory.
const SITE_DIR = 'site/';
/** The package's layouts and the page's names for them (`layout=`). */
const LAYOUTS = { single: 'one', 'two-parties': 'two-parties' };
const THEMES = ['light', 'dark', 'auto'];
const PANELS = ['lessons', 'world', 'request', 'response', 'handshakes', 'diagram', 'log', 'sequence', 'clock'];
const OPTIONS = ['site', 'scenario', 'lesson', 'layout', 'actAs', 'session', 'readOnly', 'height', 'theme', 'seed',
  'compact', 'panels', 'operation', 'rewind', 'title', 'loading'];
const PROTOCOL_FIELDS = ['channel', 'version', 'embedId', 'type', 'requestId'];
const EVENTS = ['ready', 'change', 'response', 'lesson'];
const LINK = /^s=\d{1,6}\.[a-z]\.[A-Za-z0-9_-]{0,200000}$/;
let mounted = 0;

/** A command the playground refused ({ok: false} from the bridge), or one made after destroy(). */
export class PlaygroundError extends Error {
  /** @param {string} message @param {string} command */
  constructor(message, command) {
    super(message);
    this.name = 'PlaygroundError';
    this.command = command;
  }
}

/** @param {string} name @param {string} why @returns {never} */
function bad(name, why) {
  throw new TypeError(`handshake-playground: option ${name} ${why}`);
}

/** @param {unknown} value @param {string} name @param {RegExp} pattern */
function text(value, name, pattern) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !pattern.test(value)) bad(name, `must match ${pattern}`);
  return value;
}

/** @param {unknown} value @param {string} name */
function flag(value, name) {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') bad(name, 'must be true or false');
  return value;
}

/** @param {unknown} value @param {string} name @param {number} max */
function whole(value, name, max) {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value) || /** @type {number} */ (value) < 0 || /** @type {number} */ (value) > max) bad(name, `must be a whole number from 0 to ${max}`);
  return /** @type {number} */ (value);
}

/** @param {unknown} value */
function heightOf(value) {
  if (value === undefined || value === null) return '800px';
  if (typeof value === 'number' && Number.isFinite(value) && value >= 100 && value <= 20000) return `${value}px`;
  if (typeof value === 'string' && /^\d{1,5}(\.\d{1,3})?(px|em|rem|vh|svh|dvh|lvh)$/.test(value)) return value;
  return bad('height', 'must be a number of pixels (100 to 20000) or a CSS length such as "40rem" or "80vh"');
}

/** The site's page: options.site (a directory or an .html file, relative to the page), else ./site/ here. @param {unknown} site */
function siteUrl(site) {
  let url;
  try {
    url = site === undefined || site === null ? new URL(SITE_DIR, import.meta.url) : new URL(String(site), document.baseURI);
  } catch {
    return bad('site', 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // A bundler may have moved this module (import.meta.url is then a file: URL or a bundle's): say where site is.
    if (site === undefined || site === null) bad('site', `is needed: this module was loaded from ${url.protocol} (bundled?), so give the URL where the package's site/ directory is served`);
    bad('site', `must be an http(s) URL (the site's files are served, not opened from ${url.protocol})`);
  }
  if (url.pathname.endsWith('/')) url.pathname += 'index.html';
  url.search = '';
  url.hash = '';
  return url;
}

/** @param {Uint8Array} bytes */
function base64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {Uint8Array} bytes */
async function deflateRaw(bytes) {
  const stream = new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A session object (what getSession() answers, or an exported session file) as the JSON of a share link, format 1:
 * each call's target written whole ("!" + target), its body as the raw string. Checked here for shape; the
 * playground checks it all again before it replays anything.
 * @param {any} session
 */
function sessionPayload(session) {
  const fail = (/** @type {string} */ why) => bad('session', why);
  if (session.version !== undefined && session.version !== 1) fail(`has format version ${String(session.version).slice(0, 20)}; this package writes format 1`);
  if (session.format !== undefined && session.format !== 'handshake-playground-session') fail('is not a Handshake Playground session (format)');
  const { scenario, seed, now, worldDigest = null, calls } = session;
  if (typeof scenario !== 'string' || !/^[a-z0-9-]{1,64}$/.test(scenario)) fail('has no valid scenario');
  if (!Number.isSafeInteger(seed) || seed < 0) fail('has no valid seed');
  if (typeof now !== 'number' || !Number.isFinite(now)) fail('has no valid clock (now)');
  if (worldDigest !== null && typeof worldDigest !== 'string') fail('has an invalid worldDigest');
  if (!Array.isArray(calls)) fail('has no list of calls');
  const packed = calls.map((/** @type {any} */ call, /** @type {number} */ i) => {
    if (!call || typeof call !== 'object') fail(`call ${i + 1} is not an object`);
    const { caller = null, target, body, status = null } = call;
    if (caller !== null && typeof caller !== 'string') fail(`call ${i + 1} has an invalid caller`);
    if (typeof target !== 'string' || !target) fail(`call ${i + 1} has no target`);
    if (typeof body !== 'string') fail(`call ${i + 1} has no body string`);
    if (status !== null && !Number.isInteger(status)) fail(`call ${i + 1} has an invalid status`);
    return [caller === null ? 0 : caller, `!${target}`, body, status];
  });
  return new TextEncoder().encode(JSON.stringify([1, scenario, seed, now, worldDigest, packed]));
}

/** The fragment for a session's JSON: compressed (z) when that is shorter, else plain (j). @param {Uint8Array} json */
async function sessionFragment(json) {
  const plain = `s=1.j.${base64Url(json)}`;
  if (typeof CompressionStream !== 'function') return plain;
  const packed = `s=1.z.${base64Url(await deflateRaw(json))}`;
  return packed.length < plain.length ? packed : plain;
}

/** A share link (https://…/#s=…), a fragment (#s=…) or s=…: its fragment, checked. @param {string} link */
function linkFragment(link) {
  const fragment = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
  if (!LINK.test(fragment)) bad('session', 'must be a share link (…#s=1.z.…), or a session object');
  return fragment;
}

/**
 * Check options and build the embed's URL (its fragment comes later for a session object).
 * @param {import('./types/index.mjs').PlaygroundOptions} options
 * @param {string} embedId
 */
function embedUrl(options, embedId) {
  for (const key of Object.keys(options)) if (!OPTIONS.includes(key)) bad(JSON.stringify(key.slice(0, 40)), `is not known (known: ${OPTIONS.join(', ')})`);
  const url = siteUrl(options.site);
  const params = url.searchParams;
  params.set('embed', '1');
  /** @param {string} name @param {string | number | null} value */
  const set = (name, value) => { if (value !== null) params.set(name, String(value)); };
  set('scenario', text(options.scenario, 'scenario', /^[a-z0-9-]{1,64}$/));
  set('seed', whole(options.seed, 'seed', Number.MAX_SAFE_INTEGER));
  set('lesson', text(options.lesson, 'lesson', /^[a-z0-9][a-z0-9-]{0,63}$/));
  set('actAs', text(options.actAs, 'actAs', /^\d{12}$/));
  set('operation', text(options.operation, 'operation', /^[A-Za-z]{1,80}$/));
  set('rewind', whole(options.rewind, 'rewind', 999999999));
  if (options.layout !== undefined && options.layout !== null) {
    if (!Object.hasOwn(LAYOUTS, options.layout)) bad('layout', `must be one of ${Object.keys(LAYOUTS).join(', ')}`);
    params.set('layout', LAYOUTS[options.layout]);
  }
  if (options.theme !== undefined && options.theme !== null) {
    if (!THEMES.includes(options.theme)) bad('theme', `must be one of ${THEMES.join(', ')}`);
    params.set('theme', options.theme);
  }
  if (flag(options.readOnly, 'readOnly')) params.set('readonly', '1');
  if (flag(options.compact, 'compact')) params.set('compact', '1');
  if (options.panels !== undefined && options.panels !== null) {
    if (!Array.isArray(options.panels) || !options.panels.length || !options.panels.every((p) => PANELS.includes(p))) bad('panels', `must be a list of ${PANELS.join(', ')}`);
    params.set('panels', options.panels.join(','));
  }
  const origin = window.location.origin;
  if (!/^https?:\/\//.test(origin)) throw new TypeError(`handshake-playground: the page must be served over http(s) (its origin is ${origin}): the playground talks only to one origin`);
  params.set('parentOrigin', origin);
  params.set('embedId', embedId);
  return url;
}

/**
 * Mount the playground into `container` and return its API.
 * @param {Element | ShadowRoot} container
 * @param {import('./types/index.mjs').PlaygroundOptions} [options]
 * @returns {import('./types/index.mjs').Playground}
 */
export function createPlayground(container, options = {}) {
  if (!container || typeof (/** @type {any} */ (container).append) !== 'function') throw new TypeError('handshake-playground: createPlayground needs a container element');
  if (!options || typeof options !== 'object') throw new TypeError('handshake-playground: options must be an object');
  mounted += 1;
  const embedId = `hp-${mounted}-${Math.random().toString(36).slice(2, 10)}`;
  const url = embedUrl(options, embedId);
  const session = options.session;
  /** @type {string | Promise<string> | null} */
  let fragment = null;
  if (typeof session === 'string') fragment = linkFragment(session);
  else if (session && typeof session === 'object') fragment = sessionFragment(sessionPayload(session));
  else if (session !== undefined && session !== null) bad('session', 'must be a share link or a session object');
  const title = options.title === undefined ? 'Handshake Playground' : options.title;
  if (typeof title !== 'string' || !title.trim() || title.length > 200) bad('title', 'must be a short text');
  const height = heightOf(options.height);
  const loading = options.loading === undefined ? 'eager' : options.loading;
  if (loading !== 'eager' && loading !== 'lazy') bad('loading', 'must be "eager" or "lazy"');
  const origin = url.origin;

  const frame = document.createElement('iframe');
  frame.title = title;
  frame.setAttribute('allow', 'clipboard-write');
  // lazy: the browser loads it when it nears the viewport (ready, and the commands, wait until then).
  frame.loading = loading;
  frame.dataset.embedId = embedId;
  // CSSOM properties, not a style attribute: allowed under a page's style-src 'self'.
  Object.assign(frame.style, { display: 'block', width: '100%', height, border: '0' });

  /** @type {Map<string, Set<(detail: any) => void>>} */
  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));
  /** @type {Map<string, {resolve: (value: any) => void, reject: (error: Error) => void, type: string}>} */
  const pending = new Map();
  /** @type {Record<string, unknown>[]} */
  let queue = [];
  let requests = 0;
  let isReady = false;
  let destroyed = false;
  /** @type {Error | null} */
  let failure = null;
  /** @type {(info: any) => void} */
  let readyResolve = () => {};
  /** @type {(error: Error) => void} */
  let readyReject = () => {};
  /** @type {Promise<any>} */
  const ready = new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; });
  ready.catch(() => {});

  /** @param {string} name @param {unknown} detail */
  function emit(name, detail) {
    for (const fn of /** @type {Set<(detail: any) => void>} */ (listeners.get(name))) {
      try { fn(detail); } catch (err) { setTimeout(() => { throw err; }); }
    }
  }

  /** @param {Record<string, any>} data */
  function fields(data) {
    /** @type {Record<string, any>} */
    const out = {};
    for (const [key, value] of Object.entries(data)) if (!PROTOCOL_FIELDS.includes(key)) out[key] = value;
    return out;
  }

  /** @param {MessageEvent} event */
  function onMessage(event) {
    const data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== origin || !data || typeof data !== 'object' ||
        data.channel !== CHANNEL || data.embedId !== embedId) return;
    if (data.type === 'ready') {
      const info = fields(data);
      if (!isReady) {
        isReady = true;
        readyResolve(info);
        const waiting = queue;
        queue = [];
        for (const message of waiting) post(message);
      }
      emit('ready', info);
    } else if (data.type === 'result') {
      const entry = pending.get(data.requestId);
      if (!entry) return;
      pending.delete(data.requestId);
      const result = fields(data);
      delete result.ok;
      delete result.command;
      if (data.ok) entry.resolve(result);
      else entry.reject(new PlaygroundError(String(data.error), entry.type));
    } else if (data.type === 'call') {
      emit('response', fields(data));
    } else if (data.type === 'state') {
      emit('change', fields(data));
    } else if (data.type === 'lesson') {
      emit('lesson', fields(data));
    }
  }

  /** @param {Record<string, unknown>} message */
  function post(message) {
    const target = frame.contentWindow;
    if (target) target.postMessage(message, origin);
  }

  /** @param {string} type @param {Record<string, unknown>} [body] @returns {Promise<any>} */
  function command(type, body = {}) {
    if (destroyed) return Promise.reject(new PlaygroundError('the playground was destroyed', type));
    if (failure) return Promise.reject(failure);
    requests += 1;
    const requestId = `${embedId}:${requests}`;
    const message = { ...body, channel: CHANNEL, type, requestId };
    return new Promise((resolve, reject) => {
      pending.set(requestId, { resolve, reject, type });
      if (isReady) post(message);
      else queue.push(message);
    });
  }

  /** No playground will answer: ready and every command, now and later, reject. @param {Error} error */
  function fail(error) {
    failure = failure || error;
    readyReject(error);
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
    queue = [];
  }

  // A site of this page's origin can be looked at: a page that is not the playground (a 404, a wrong `site`)
  // fails at once instead of leaving `ready` waiting.
  frame.addEventListener('load', () => {
    if (isReady || destroyed) return;
    let doc = null;
    try { doc = frame.contentDocument; } catch { doc = null; }
    if (doc && doc.URL !== 'about:blank' && !doc.querySelector('script[src="app.mjs"]')) {
      fail(new PlaygroundError(`there is no playground at ${url.origin}${url.pathname}: serve the package's site/ directory there, or point the site option at it`, 'ready'));
    }
  });
  window.addEventListener('message', onMessage);
  if (typeof fragment === 'string') url.hash = fragment;
  if (fragment instanceof Promise) {
    fragment.then((hash) => {
      if (destroyed) return;
      url.hash = hash;
      frame.src = url.href;
    }, (err) => { readyReject(err); api.destroy(); });
  } else {
    frame.src = url.href;
  }
  container.append(frame);

  /** @type {import('./types/index.mjs').Playground} */
  const api = {
    iframe: frame,
    embedId,
    ready,
    /** @param {any} request @param {unknown} [body] @param {{caller?: string | null}} [extra] */
    send(request, body, extra = {}) {
      /** @type {Record<string, unknown>} */
      const message = typeof request === 'string' ? { operation: request, body, ...extra } : { ...request };
      return command('send', message).then((result) => {
        let data = null;
        try { data = JSON.parse(result.response); } catch { data = null; }
        return { ...result, data };
      });
    },
    reset(what = {}) { return command('reset', { ...what }); },
    rewind(to) { return command('rewind', { to }); },
    actAs(caller) { return command('actAs', { caller }); },
    describe() { return command('describe'); },
    getSession() { return command('session').then((r) => r.session); },
    getShareLink() { return command('session').then((r) => r.link); },
    on(name, fn) {
      const set = listeners.get(name);
      if (!set) throw new TypeError(`handshake-playground: no event ${JSON.stringify(String(name).slice(0, 40))} (events: ${EVENTS.join(', ')})`);
      if (typeof fn !== 'function') throw new TypeError('handshake-playground: on() needs a function');
      set.add(fn);
      return () => { set.delete(fn); };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      window.removeEventListener('message', onMessage);
      frame.remove();
      fail(new PlaygroundError('the playground was destroyed', 'destroy'));
      for (const set of listeners.values()) set.clear();
    },
  };
  return api;
}
