// @ts-check
// The page's engine, on the page's own thread: call(caller, target, body) -> Promise<{status, body}>, the same
// interface as engine-client.mjs's worker client. A call takes microseconds, so its answer comes in the same
// task as the click that sent it (a promise resolved in a microtask): the page draws it before the browser
// paints the frame for that click, instead of a frame later behind a message from a worker. Calls made before
// the engine is ready wait for it, in order.
import { answerCall, controlResult, startEngine } from './engine-calls.mjs';

/**
 * @typedef {import('./engine-calls.mjs').Engine} Engine
 * @typedef {import('./engine-calls.mjs').EngineAnswer} EngineAnswer
 * @typedef {import('./engine-calls.mjs').ExplainedAnswer} ExplainedAnswer
 */

export class PageEngine {
  /**
   * @param {{module?: Promise<WebAssembly.Module | null>}} [options]  module: the engine's WebAssembly, being
   *   compiled by the page (engine-boot.mjs); null or none: the glue code fetches and compiles it
   */
  constructor({ module } = {}) {
    /** @type {Engine | null} set once, when the engine has started */
    this.engine = null;
    /** @type {Map<string, number>} how many calls this engine answered, by target (what the start sends is tested) */
    this.answered = new Map();
    /** @type {Promise<void>} */
    this.ready = (module || Promise.resolve(null)).catch(() => null).then(startEngine).then(
      (engine) => { this.engine = engine; },
      (/** @type {any} */ err) => { throw new Error(`The engine could not start: ${err && err.message ? err.message : err}`); },
    );
  }

  /**
   * @param {string} caller @param {string} target @param {string} body @param {boolean} explain
   * @returns {Promise<ExplainedAnswer>}
   */
  async answer(caller, target, body, explain) {
    if (!this.engine) await this.ready;
    this.answered.set(String(target), (this.answered.get(String(target)) || 0) + 1);
    return answerCall(/** @type {Engine} */ (this.engine), String(caller), String(target), String(body), explain);
  }

  /**
   * Send one request. body is the raw request body (a string, sent unchanged).
   * @param {string} caller @param {string} target @param {string} body
   * @returns {Promise<EngineAnswer>}
   */
  call(caller, target, body) {
    return this.answer(caller, target, body, false);
  }

  /**
   * Send one request and ask Simulator.ExplainResponse about its answer (`explained`: that control's answer).
   * @param {string} caller @param {string} target @param {string} body
   * @returns {Promise<ExplainedAnswer>}
   */
  callExplained(caller, target, body) {
    return this.answer(caller, target, body, true);
  }

  /**
   * Simulator.* controls: JSON in, parsed JSON out; throws on a non-200 answer.
   * @param {string} name
   * @param {object} [request]
   * @returns {Promise<any>}
   */
  async control(name, request = {}) {
    return controlResult(name, await this.call('', `Simulator.${name}`, JSON.stringify(request)));
  }
}
