// Embind glue for handshake-engine.mjs: no logic here, only the JS-facing API.
//
// The module is an ES6 factory (-sMODULARIZE=1 -sEXPORT_ES6=1
// -sEXPORT_NAME=createHandshakeEngine). The factory resolves to the Module, and
// the Module itself is the engine:
//
//   import createHandshakeEngine from './handshake-engine.mjs';
//   const engine = await createHandshakeEngine();   // or (overrides)
//   const { status, body } = engine.handle(caller, target, body);
//
// handle(caller, target, body) is hs::Engine::handle on one engine instance
// per module instance (created on first call, seed 0). It returns a plain
// object { status: number, body: string }; body is the raw JSON response text.
// Start over with the `Simulator.Reset` target; for two independent worlds,
// instantiate the factory twice.
//
// In node, load the same artifact with
//   createHandshakeEngine({ wasmBinary: fs.readFileSync('.../handshake-engine.wasm') })

#include <string>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "engine.h"

namespace {

hs::Engine& module_engine() {
  static hs::Engine engine;
  return engine;
}

emscripten::val handle(const std::string& caller, const std::string& target, const std::string& body) {
  const hs::WireResponse response = module_engine().handle(caller, target, body);
  // The body crosses as a view of wasm memory decoded by one TextDecoder call: Embind's std::string
  // conversion copies it and walks it byte by byte in JS (a third of a list page's time).
  // Nothing allocates in wasm between making the view and decoding it, so the view stays valid.
  static const emscripten::val decoder = emscripten::val::global("TextDecoder").new_();
  emscripten::val text = decoder.call<emscripten::val>(
      "decode", emscripten::val(emscripten::typed_memory_view(response.body.size(),
                                                              reinterpret_cast<const unsigned char*>(response.body.data()))));
  emscripten::val result = emscripten::val::object();
  result.set("status", response.status);
  result.set("body", text);
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(handshake_engine) {
  emscripten::function("handle", &handle);
}
