// @ts-check
// <handshake-playground>: the playground as a custom element, registered by `import 'handshake-playground/element'`.
//
//   <handshake-playground scenario="docs" act-as="222222222222" layout="two-parties" height="700"></handshake-playground>
//
// Attributes: scenario, lesson, layout (single | two-parties), act-as, read-only, height, theme (light | dark | auto),
// session (a share link), site (where the site files are served), seed, compact, panels (comma list), operation,
// rewind, loading (eager | lazy). Methods: the API of createPlayground (send, reset, rewind, actAs, describe, getSession, getShareLink, on,
// destroy) and the `ready` promise; events: ready, change, response, lesson (CustomEvent, the detail is what on()
// gives). A change of attribute mounts the playground again. Imported where there is no DOM (a docs site's
// server-side rendering), it registers nothing.
import { createPlayground, PlaygroundError } from './index.mjs';

/** @typedef {import('./types/index.mjs').Playground} Playground */

const ATTRIBUTES = ['scenario', 'lesson', 'layout', 'act-as', 'read-only', 'height', 'theme', 'session', 'site',
  'seed', 'compact', 'panels', 'operation', 'rewind', 'loading'];
const EVENTS = ['ready', 'change', 'response', 'lesson'];
const Base = /** @type {typeof HTMLElement} */ (globalThis.HTMLElement ?? class {});

export class HandshakePlaygroundElement extends Base {
  static get observedAttributes() { return ATTRIBUTES; }

  constructor() {
    super();
    /** @type {Playground | null} */
    this.playground = null;
    /** @type {Map<string, Set<(detail: any) => void>>} */
    this.listeners = new Map(EVENTS.map((name) => [name, new Set()]));
    this.scheduled = false;
    /** @type {unknown} why the last mount failed (a bad attribute) */
    this.failure = null;
    this.root = this.attachShadow({ mode: 'open' });
  }

  /** The options the attributes give (a bad value is caught by createPlayground). */
  options() {
    /** @type {Record<string, any>} */
    const options = {};
    /** @param {string} name */
    const get = (name) => this.getAttribute(name);
    /** @param {string} name */
    const on = (name) => this.hasAttribute(name) && get(name) !== 'false';
    /** @param {string | null} value */
    const number = (value) => (value !== null && /^\d{1,16}$/.test(value) ? Number(value) : value);
    for (const [option, attribute] of [['scenario', 'scenario'], ['lesson', 'lesson'], ['layout', 'layout'], ['actAs', 'act-as'],
      ['theme', 'theme'], ['session', 'session'], ['site', 'site'], ['operation', 'operation'], ['loading', 'loading']]) {
      const value = get(attribute);
      if (value !== null && value !== '') options[option] = value;
    }
    if (on('read-only')) options.readOnly = true;
    if (on('compact')) options.compact = true;
    for (const name of ['height', 'seed', 'rewind']) {
      const value = get(name);
      if (value !== null && value !== '') options[name] = number(value);
    }
    const panels = get('panels');
    if (panels) options.panels = panels.split(',').map((p) => p.trim()).filter(Boolean);
    const label = get('aria-label');
    if (label) options.title = label;
    return options;
  }

  mount() {
    this.scheduled = false;
    this.playground?.destroy();
    this.playground = null;
    this.root.replaceChildren();
    this.failure = null;
    if (!this.isConnected) return;
    try {
      const playground = createPlayground(this.root, this.options());
      this.playground = playground;
      for (const name of EVENTS) {
        playground.on(/** @type {keyof import('./types/index.mjs').PlaygroundEvents} */ (name), (detail) => {
          for (const fn of /** @type {Set<(detail: any) => void>} */ (this.listeners.get(name))) {
            try { fn(detail); } catch (err) { setTimeout(() => { throw err; }); }
          }
          this.dispatchEvent(new CustomEvent(name, { detail }));
        });
      }
    } catch (err) {
      // Said as text (never parsed as HTML), where the playground would be.
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = err instanceof Error ? err.message : String(err);
      this.root.append(message);
      this.failure = err;
    }
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.mount());
  }

  connectedCallback() { this.schedule(); }

  disconnectedCallback() { this.schedule(); }

  attributeChangedCallback() { if (this.isConnected) this.schedule(); }

  /** @returns {Playground} */
  current() {
    if (this.playground) return this.playground;
    throw this.failure instanceof Error ? this.failure : new PlaygroundError('the element is not in the document', 'element');
  }

  /** @param {(p: Playground) => Promise<any>} fn */
  call(fn) {
    if (this.scheduled) return new Promise((resolve) => queueMicrotask(() => resolve(undefined))).then(() => fn(this.current()));
    try { return fn(this.current()); } catch (err) { return Promise.reject(err); }
  }

  get ready() { return this.call((p) => p.ready); }

  /** @param {any} request @param {unknown} [body] @param {{caller?: string | null}} [extra] */
  send(request, body, extra) { return this.call((p) => p.send(request, body, extra)); }

  /** @param {{scenario?: string, seed?: number}} [what] */
  reset(what) { return this.call((p) => p.reset(what)); }

  /** @param {number} to */
  rewind(to) { return this.call((p) => p.rewind(to)); }

  /** @param {string} caller */
  actAs(caller) { return this.call((p) => p.actAs(caller)); }

  describe() { return this.call((p) => p.describe()); }

  getSession() { return this.call((p) => p.getSession()); }

  getShareLink() { return this.call((p) => p.getShareLink()); }

  /** Listeners stay across a new mount (a changed attribute). @param {string} name @param {(detail: any) => void} fn */
  on(name, fn) {
    const set = this.listeners.get(name);
    if (!set) throw new TypeError(`handshake-playground: no event ${JSON.stringify(String(name).slice(0, 40))} (events: ${EVENTS.join(', ')})`);
    if (typeof fn !== 'function') throw new TypeError('handshake-playground: on() needs a function');
    set.add(fn);
    return () => { set.delete(fn); };
  }

  /** Remove the playground (it comes back when an attribute changes or the element is inserted again). */
  destroy() {
    this.playground?.destroy();
    this.playground = null;
    this.root.replaceChildren();
  }
}

if (globalThis.customElements && !globalThis.customElements.get('handshake-playground')) {
  globalThis.customElements.define('handshake-playground', HandshakePlaygroundElement);
}
