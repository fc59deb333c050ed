// @ts-check
// Starts the engine as early as possible: index.html loads this module first and `async` (it runs as soon as
// it has arrived, before the page's own modules), and app.mjs imports the same instance. The engine's
// WebAssembly is being fetched and compiled while it arrives (streaming; engine-compile.js started it), and the
// page's engine (engine-page.mjs: the glue code is in this module's bundle) is instantiated from it as soon as
// it is compiled.
import { PageEngine } from './engine-page.mjs';

const wasmUrl = new URL('./handshake-engine.wasm', import.meta.url);

/**
 * The engine's WebAssembly, fetched and compiled while it arrives: started by engine-compile.js (index.html's
 * head) when it ran, else here; null when this browser cannot (the glue code then fetches and compiles it
 * itself, as it does by default).
 * @returns {Promise<WebAssembly.Module | null>}
 */
function compileEngine() {
  const started = /** @type {{handshakeEngineWasm?: unknown}} */ (globalThis).handshakeEngineWasm;
  if (started instanceof Promise) return started.then((m) => (m instanceof WebAssembly.Module ? m : null), () => null);
  if (typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  return WebAssembly.compileStreaming(fetch(wasmUrl, { credentials: 'same-origin' })).catch(() => null);
}

/** The compiled engine, for the page's other engines too (share.mjs's scratch engine, in a worker). */
export const engineModule = compileEngine();
export const engine = new PageEngine({ module: engineModule });
