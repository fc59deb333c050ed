// @ts-check
// Starts the engine as early as possible: index.html loads this module first and `async` (it runs as soon as
// it has arrived, before the page is parsed and before the page's own modules), and app.mjs imports the same
// instance. It fetches and compiles the engine's WebAssembly while it arrives (streaming), and the page's engine
// (engine-page.mjs: the glue code is in this module's bundle) is instantiated from it as soon as it is compiled.
import { PageEngine } from './engine-page.mjs';

const wasmUrl = new URL('./handshake-engine.wasm', import.meta.url);

/**
 * The engine's WebAssembly, fetched and compiled while it arrives; null when this browser cannot (the glue code
 * then fetches and compiles it itself, as it does by default).
 * @returns {Promise<WebAssembly.Module | null>}
 */
function compileEngine() {
  if (typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  return WebAssembly.compileStreaming(fetch(wasmUrl, { credentials: 'same-origin' })).catch(() => null);
}

/** The compiled engine, for the page's other engines too (share.mjs's scratch engine, in a worker). */
export const engineModule = compileEngine();
export const engine = new PageEngine({ module: engineModule });
