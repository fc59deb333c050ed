// @ts-check
// Starts the engine as early as possible: index.html loads this module first and `async` (it runs as soon as
// it has arrived, before the page is parsed and before the page's own modules), and app.mjs imports the same
// instance. Two things start at once: the worker (its script and the engine's glue code), and, on the page,
// the fetch and streaming compile of the engine's WebAssembly, whose compiled module is handed to the worker.
import { EngineClient } from './engine-client.mjs';

const wasmUrl = new URL('./handshake-engine.wasm', import.meta.url);

/**
 * The engine's WebAssembly, fetched and compiled while it arrives; null when this browser cannot (the worker
 * then fetches and compiles it itself, as the engine's glue code does by default).
 * @returns {Promise<WebAssembly.Module | null>}
 */
function compileEngine() {
  if (typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  return WebAssembly.compileStreaming(fetch(wasmUrl, { credentials: 'same-origin' })).catch(() => null);
}

/** The compiled engine, for other workers of the page too (share.mjs's scratch engine). */
export const engineModule = compileEngine();
export const engine = new EngineClient(undefined, { module: engineModule });
