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

#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <string>

#include "engine.h"

namespace {

hs::Engine& module_engine() {
  static hs::Engine engine;
  return engine;
}

// The JS result {status, body}, made in one crossing: the body is decoded straight from wasm memory
// by the module's TextDecoder. (Embind's std::string conversion copies the body and walks it byte by
// byte in JS, and building the object with val::set costs a crossing per step: together they were
// a third of a list page's time.) Nothing allocates in wasm while it runs, so the view stays valid.
// JavaScript inside: not C++ to format.
// clang-format off
EM_JS(emscripten::EM_VAL, hs_response_to_js, (int status, const char* body, size_t length), {
  var start = body >>> 0;
  return Emval.toHandle({status: status, body: UTF8Decoder.decode(HEAPU8.subarray(start, start + (length >>> 0)))});
});
// clang-format on

emscripten::val handle(const std::string& caller, const std::string& target, const std::string& body) {
  const hs::WireResponse response = module_engine().handle(caller, target, body);
  return emscripten::val::take_ownership(
      hs_response_to_js(response.status, response.body.data(), response.body.size()));
}

}  // namespace

EMSCRIPTEN_BINDINGS(handshake_engine) { emscripten::function("handle", &handle); }
