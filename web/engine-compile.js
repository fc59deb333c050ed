// @ts-check
// Starts fetching and compiling the engine's WebAssembly with the first bytes of the page. A classic script in
// index.html's head, not a module: it runs while the page is parsed, before the first layout, where a module
// (even `async`) runs only once the browser has drawn its first frame (about 150 ms later on a 2-core machine).
// engine-boot.mjs takes the promise from here (`handshakeEngineWasm`), or compiles the .wasm itself when this
// script did not run or the browser has no WebAssembly.compileStreaming.
'use strict';
if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function') {
  const compiling = WebAssembly.compileStreaming(fetch('handshake-engine.wasm', { credentials: 'same-origin' }));
  // A failure is engine-boot.mjs's to handle (the glue code then fetches the .wasm itself); until it looks, it is
  // not an unhandled rejection.
  compiling.catch(() => {});
  /** @type {any} */ (self).handshakeEngineWasm = compiling;
}
