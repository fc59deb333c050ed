// @ts-check
// Promise-based client for engine-worker.mjs: call(caller, target, body) -> {status, body} (the scratch engine of
// share.mjs; the page's own engine is engine-page.mjs, with the same interface).
// The first message to the worker is always {type: 'module', module}: the engine's WebAssembly compiled by the
// page (a WebAssembly.Module), or null for the worker to fetch and compile it itself. Calls made before the
// engine is ready wait in the worker, in order.
import { controlResult } from './engine-calls.mjs';

/**
 * @typedef {import('./engine-calls.mjs').EngineAnswer} EngineAnswer
 * @typedef {import('./engine-calls.mjs').ExplainedAnswer} ExplainedAnswer
 * @typedef {{resolve: (answer: ExplainedAnswer) => void, reject: (error: Error) => void}} Waiting
 */

export class EngineClient {
  /**
   * @param {URL | string} [workerUrl]
   * @param {{module?: Promise<WebAssembly.Module | null>}} [options]  module: the engine's WebAssembly, being
   *   compiled by the page (engine-boot.mjs); none: the worker compiles it
   */
  constructor(workerUrl = new URL('./engine-worker.mjs', import.meta.url), { module } = {}) {
    this.nextId = 1;
    /** @type {Map<number, Waiting>} */
    this.pending = new Map();
    /** @type {() => void} */
    this.resolveReady = () => {};
    /** @type {(error: Error) => void} */
    this.rejectReady = () => {};
    this.worker = new Worker(workerUrl, { type: 'module' });
    /** @type {Promise<void>} */
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.worker.addEventListener('message', (event) => this.onMessage(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(new Error(`The engine worker failed to load${event.message ? `: ${event.message}` : ''}.`));
    });
    // Handed over as soon as it is compiled: a message waits in the worker until its script listens.
    (module || Promise.resolve(null)).catch(() => null).then((compiled) => {
      try {
        this.worker.postMessage({ type: 'module', module: compiled });
      } catch {
        this.worker.postMessage({ type: 'module', module: null });
      }
    });
  }

  /** @param {any} data */
  onMessage(data) {
    if (data && data.type === 'ready') return this.resolveReady();
    if (data && data.type === 'fatal') return this.fail(new Error(`The engine could not start: ${data.message}`));
    const entry = this.pending.get(data.id);
    if (!entry) return;
    this.pending.delete(data.id);
    if (data.error) entry.reject(new Error(data.error));
    else entry.resolve(data.explained ? { status: data.status, body: data.body, explained: data.explained } : { status: data.status, body: data.body });
  }

  /** @param {Error} error */
  fail(error) {
    this.rejectReady(error);
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  /**
   * Send one request. body is the raw request body (a string, sent unchanged).
   * @param {string} caller
   * @param {string} target
   * @param {string} body
   * @returns {Promise<EngineAnswer>}
   */
  call(caller, target, body) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, caller, target, body });
    });
  }

  /**
   * Send one request and, in the same message, ask Simulator.ExplainResponse about its answer:
   * `explained` is that control's own answer (the worker calls it with {Target, Status, Body}).
   * @param {string} caller
   * @param {string} target
   * @param {string} body
   * @returns {Promise<ExplainedAnswer>}
   */
  callExplained(caller, target, body) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, caller, target, body, explain: true });
    });
  }

  /**
   * Convenience for Simulator.* controls: JSON in, parsed JSON out; throws on a non-200 answer.
   * @param {string} name
   * @param {object} [request]
   * @returns {Promise<any>}
   */
  async control(name, request = {}) {
    return controlResult(name, await this.call('', `Simulator.${name}`, JSON.stringify(request)));
  }
}
