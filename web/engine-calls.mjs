// @ts-check
// Starting the engine from its compiled WebAssembly, and one call to it as the page sees it. Shared by the page's
// own engine (engine-page.mjs, on the page's thread) and the scratch engine's worker (engine-worker.mjs).
// @ts-ignore: handshake-engine.mjs is the compiled engine, put beside this file when the site is assembled.
import createHandshakeEngineUntyped from './handshake-engine.mjs';

/**
 * @typedef {{handle(caller: string, target: string, body: string): {status: number, body: string, delete?: () => void}}} Engine
 * @typedef {{status: number, body: string}} EngineAnswer
 * @typedef {EngineAnswer & {explained?: EngineAnswer}} ExplainedAnswer
 * What the page calls an engine through (engine-page.mjs's PageEngine, engine-client.mjs's EngineClient):
 * @typedef {{
 *   ready: Promise<void>,
 *   call(caller: string, target: string, body: string): Promise<EngineAnswer>,
 *   callExplained(caller: string, target: string, body: string): Promise<ExplainedAnswer>,
 *   control(name: string, request?: object): Promise<any>,
 * }} EngineCalls
 */
/**
 * instantiateWasm: the glue code's hook for instantiating the WebAssembly itself (Emscripten's Module option).
 * @typedef {{instantiateWasm?: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object}} EngineOptions
 */
const createHandshakeEngine = /** @type {(options?: EngineOptions) => Promise<Engine>} */ (createHandshakeEngineUntyped);

/**
 * Start an engine: from the engine's WebAssembly already compiled (a WebAssembly.Module, see engine-boot.mjs),
 * or, given anything else, from the .wasm the glue code fetches and compiles itself. Rejects when it cannot
 * start (the glue alone would wait forever when instantiating a given module fails).
 * @param {unknown} module
 * @returns {Promise<Engine>}
 */
export function startEngine(module) {
  return new Promise((resolve, reject) => {
    /** @type {EngineOptions} */
    const options = {};
    if (module instanceof WebAssembly.Module) {
      options.instantiateWasm = (imports, done) => {
        WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), reject);
        return {};
      };
    }
    createHandshakeEngine(options).then(resolve, reject);
  });
}

/**
 * One engine call: {status, body} (the engine's result object is freed).
 * @param {Engine} engine
 * @param {string} caller @param {string} target @param {string} body
 * @returns {EngineAnswer}
 */
export function handleCall(engine, caller, target, body) {
  const result = engine.handle(caller, target, body);
  const answer = { status: Number(result.status), body: String(result.body) };
  if (result && typeof result.delete === 'function') result.delete();
  return answer;
}

/**
 * One call and, with explain, what Simulator.ExplainResponse says about its answer (`explained`: that control's
 * own answer, asked with {Target, Status, Body}). When the explanation fails, the answer goes without it (the
 * page then asks on its own).
 * @param {Engine} engine
 * @param {string} caller @param {string} target @param {string} body @param {boolean} explain
 * @returns {ExplainedAnswer}
 */
export function answerCall(engine, caller, target, body, explain) {
  const answer = handleCall(engine, caller, target, body);
  if (!explain) return answer;
  try {
    const explained = handleCall(engine, '', 'Simulator.ExplainResponse', JSON.stringify({ Target: target, Status: answer.status, Body: answer.body }));
    return { ...answer, explained };
  } catch {
    return answer;
  }
}

/**
 * A Simulator control's answer as JSON; throws on a non-200 answer (the error carries the parsed body as
 * `response`).
 * @param {string} name  the control, without "Simulator."
 * @param {EngineAnswer} answer
 * @returns {any}
 */
export function controlResult(name, { status, body }) {
  let parsed;
  try { parsed = JSON.parse(body); } catch { parsed = { Message: body }; }
  if (status !== 200) {
    const err = /** @type {Error & {response?: unknown}} */ (new Error(`Simulator.${name} failed (${status}): ${parsed.__type || ''} ${parsed.Message || ''}`.trim()));
    err.response = parsed;
    throw err;
  }
  return parsed;
}
