// @ts-check
// Runs the handshake engine (WebAssembly) off the main thread.
// Protocol: the page posts {type: 'module', module} once (engine-client.mjs): the engine's WebAssembly already
// compiled by the page (a WebAssembly.Module, see engine-boot.mjs), or null, and the worker fetches and
// compiles it itself; the engine starts then. Requests {id, caller, target, body} may come before it; the
// worker answers {id, status, body}, in order (with `explain: true`, the answer also carries `explained`:
// what Simulator.ExplainResponse says about it, one message for both), those sent before the engine was ready included. Once the engine is ready it posts {type: 'ready'}; if it cannot
// start, {type: 'fatal', message}.
// @ts-ignore: handshake-engine.mjs is the compiled engine, put beside this file when the site is assembled.
import createHandshakeEngineUntyped from './handshake-engine.mjs';

/**
 * @typedef {{handle(caller: string, target: string, body: string): {status: number, body: string, delete?: () => void}}} Engine
 * @typedef {{id: number, caller?: unknown, target?: unknown, body?: unknown, explain?: unknown}} Request
 */
/**
 * instantiateWasm: the glue code's hook for instantiating the WebAssembly itself (Emscripten's Module option).
 * @typedef {{instantiateWasm?: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object}} EngineOptions
 */
const createHandshakeEngine = /** @type {(options?: EngineOptions) => Promise<Engine>} */ (createHandshakeEngineUntyped);
// This module runs in a worker: its global scope posts to the page.
const scope = /** @type {{postMessage(message: unknown): void, addEventListener(type: 'message', fn: (event: MessageEvent) => void): void}} */ (/** @type {unknown} */ (self));
const postMessage = (/** @type {unknown} */ message) => scope.postMessage(message);

/** @type {Engine | null} */
let engine = null;
/** @type {Request[]} */
const queue = [];

/** @param {unknown} err */
const messageOf = (err) => {
  const message = err && typeof err === 'object' && 'message' in err ? err.message : undefined;
  return String(message ? message : err);
};

/**
 * One engine call: {status, body}.
 * @param {Engine} engine
 * @param {string} caller @param {string} target @param {string} body
 */
function handle(engine, caller, target, body) {
  const result = engine.handle(caller, target, body);
  const reply = { status: Number(result.status), body: String(result.body) };
  if (result && typeof result.delete === 'function') result.delete();
  return reply;
}

/** @param {Request} request */
function answer({ id, caller, target, body, explain }) {
  try {
    if (!engine) throw new Error('the engine is not ready');
    const answered = handle(engine, String(caller ?? ''), String(target ?? ''), String(body ?? ''));
    /** @type {{id: number, status: number, body: string, explained?: {status: number, body: string}}} */
    const reply = { id, ...answered };
    // explain: the page also wants Simulator.ExplainResponse about this answer; it comes in the same reply.
    // When that fails, the reply goes without it (the page then asks on its own).
    if (explain === true) {
      try {
        reply.explained = handle(engine, '', 'Simulator.ExplainResponse', JSON.stringify({ Target: String(target ?? ''), Status: answered.status, Body: answered.body }));
      } catch {
        // the answer stands without its explanation
      }
    }
    postMessage(reply);
  } catch (err) {
    postMessage({ id, status: 0, body: '', error: messageOf(err) });
  }
}

let started = false;

/**
 * Start the engine from the page's compiled module, or (null) from the .wasm fetched and compiled here.
 * @param {unknown} module
 */
function start(module) {
  started = true;
  /** @type {EngineOptions} */
  const options = {};
  if (module instanceof WebAssembly.Module) {
    options.instantiateWasm = (imports, done) => {
      WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), (err) => {
        postMessage({ type: 'fatal', message: messageOf(err) });
      });
      return {};
    };
  }
  createHandshakeEngine(options).then(
    (instance) => {
      engine = instance;
      postMessage({ type: 'ready' });
      while (queue.length) answer(/** @type {Request} */ (queue.shift()));
    },
    (err) => postMessage({ type: 'fatal', message: messageOf(err) }),
  );
}

scope.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'module') {
    if (!started) start(data.module);
    return;
  }
  if (engine) answer(data);
  else queue.push(data);
});
