// @ts-check
// Runs a handshake engine (WebAssembly) off the main thread: the scratch engine share.mjs checks a link's
// session on, apart from the page's own engine (engine-page.mjs).
// Protocol: the page posts {type: 'module', module} once (engine-client.mjs): the engine's WebAssembly already
// compiled by the page (a WebAssembly.Module, see engine-boot.mjs), or null, and the worker fetches and
// compiles it itself; the engine starts then. Requests {id, caller, target, body} may come before it; the
// worker answers {id, status, body}, in order (with `explain: true`, the answer also carries `explained`:
// what Simulator.ExplainResponse says about it, one message for both), those sent before the engine was ready
// included. Once the engine is ready it posts {type: 'ready'}; if it cannot start, {type: 'fatal', message}.
import { answerCall, startEngine } from './engine-calls.mjs';

/**
 * @typedef {import('./engine-calls.mjs').Engine} Engine
 * @typedef {{id: number, caller?: unknown, target?: unknown, body?: unknown, explain?: unknown}} Request
 */
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

/** @param {Request} request */
function answer({ id, caller, target, body, explain }) {
  try {
    if (!engine) throw new Error('the engine is not ready');
    postMessage({ id, ...answerCall(engine, String(caller ?? ''), String(target ?? ''), String(body ?? ''), explain === true) });
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
  startEngine(module).then(
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
