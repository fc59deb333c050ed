// @ts-check
// The engine in-process, for JavaScript tests: createEngine() loads the WebAssembly engine this package ships
// (site/handshake-engine.mjs + .wasm), in node and in browsers; createEngineRequestHandler(engine) lets real AWS SDK
// v3 clients talk to it with no network.
//
//   import { OrganizationsClient, InviteAccountToOrganizationCommand } from '@aws-sdk/client-organizations';
//   import { createEngine, createEngineRequestHandler, credentialsFor } from 'handshake-playground/engine';
//
//   const engine = await createEngine({ scenario: 'docs' });   // Bill 111111111111 manages o-exampleorgid
//   const bill = new OrganizationsClient({ region: 'us-east-1', credentials: credentialsFor('111111111111'),
//                                          requestHandler: createEngineRequestHandler(engine) });
//
// The request handler and the scenarios are the page's own modules (site/sdk-handler.mjs, site/scenarios.mjs).
import { createEngineRequestHandler, credentialsFor } from './site/sdk-handler.mjs';
import { SCENARIOS, buildScenario } from './site/scenarios.mjs';

export { createEngineRequestHandler, credentialsFor };

/** @typedef {import('./types/engine.mjs').Engine} Engine */

// Resolved against this module's URL at run time (a variable, so that bundlers leave it alone).
const ENGINE_MODULE = 'site/handshake-engine.mjs';
const ENGINE_WASM = 'site/handshake-engine.wasm';
const FS_MODULE = 'node:fs/promises';

/** A Simulator control the engine refused (HTTP status other than 200). */
export class EngineError extends Error {
  /** @param {string} control @param {number} status @param {string} body */
  constructor(control, status, body) {
    let type = 'Error';
    let message = body;
    try {
      const parsed = JSON.parse(body);
      if (parsed && typeof parsed.__type === 'string') type = parsed.__type;
      if (parsed && typeof parsed.Message === 'string') message = parsed.Message;
    } catch { /* the raw body is the message */ }
    super(`${control}: HTTP ${status} ${type}: ${message}`);
    this.name = 'EngineError';
    this.status = status;
    this.type = type;
    this.body = body;
  }
}

/** Instantiate the Emscripten module: in node from the .wasm file's bytes, in a browser by fetching it. */
async function instantiate() {
  const moduleUrl = new URL(ENGINE_MODULE, import.meta.url);
  const inNode = Boolean(/** @type {any} */ (globalThis).process?.versions?.node) && moduleUrl.protocol === 'file:';
  /** @type {Record<string, unknown>} */
  const settings = {};
  if (inNode) {
    const fs = await import(/* webpackIgnore: true */ FS_MODULE);
    settings.wasmBinary = await fs.readFile(new URL(ENGINE_WASM, import.meta.url));
  }
  // The module is built for the web: an unoptimised build looks for `window` while it loads (only then).
  const g = /** @type {any} */ (globalThis);
  const addedWindow = inNode && !('window' in g);
  if (addedWindow) g.window = g;
  try {
    const { default: factory } = await import(/* webpackIgnore: true */ moduleUrl.href);
    return await factory(settings);
  } finally {
    if (addedWindow) delete g.window;
  }
}

/**
 * A new engine (its own world). options.scenario builds one of the page's worlds ('docs': Bill 111111111111 manages
 * o-exampleorgid, Susan 222222222222 and Juan 333333333333 are standalone); options.seed seeds the generated ids.
 * @param {{scenario?: string, seed?: number}} [options]
 * @returns {Promise<Engine>}
 */
export async function createEngine(options = {}) {
  const { scenario, seed = 0 } = options;
  const chosen = scenario === undefined ? null : SCENARIOS.find((sc) => sc.id === scenario);
  if (chosen === undefined) throw new TypeError(`createEngine: no scenario ${JSON.stringify(String(scenario).slice(0, 40))} (scenarios: ${SCENARIOS.map((sc) => sc.id).join(', ')})`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new TypeError('createEngine: seed must be a whole number of zero or more');
  const raw = await instantiate();
  if (!raw || typeof raw.handle !== 'function') throw new Error(`${ENGINE_MODULE} did not produce an engine with handle(caller, target, body)`);

  /** @type {Engine} */
  const engine = {
    handle(caller, target, body) {
      const result = raw.handle(String(caller ?? ''), String(target ?? ''), String(body ?? ''));
      const answer = { status: Number(result.status), body: String(result.body) };
      if (typeof result.delete === 'function') result.delete();
      return answer;
    },
    simulator(control, request = {}) {
      const { status, body } = engine.handle('', `Simulator.${control}`, JSON.stringify(request));
      if (status !== 200) throw new EngineError(`Simulator.${control}`, status, body);
      return JSON.parse(body);
    },
  };
  if (chosen) await buildScenario(async (control, request) => engine.simulator(control, request), chosen, { seed });
  else if (seed) engine.simulator('Reset', { Seed: seed });
  return engine;
}
