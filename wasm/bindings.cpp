// The C entry points of handshake-engine.mjs: no logic here, only the crossing into the engine.
// wasm/handle.js (the module's --post-js) builds the JS-facing API on them:
//
//   import createHandshakeEngine from './handshake-engine.mjs';
//   const engine = await createHandshakeEngine();   // or (overrides)
//   const { status, body } = engine.handle(caller, target, body);
//
// handle(caller, target, body) is hs::Engine::handle on one engine instance per module instance
// (created on first call, seed 0). It returns a plain object { status: number, body: string }; body is
// the raw JSON response text. Start over with the `Simulator.Reset` target; for two independent
// worlds, instantiate the factory twice.
//
// In node, load the same artifact with
//   createHandshakeEngine({ wasmBinary: fs.readFileSync('.../handshake-engine.wasm') })
//
// The crossing: JS encodes the three strings back to back into the scratch buffer (hs_scratch) and
// calls hs_handle with their byte lengths; hs_handle answers with a pointer to {status, body, length},
// valid until the next call. (Embind did the same with a malloc, a copy and a free per string and a
// generic invoker; this module no longer links Embind at all.)

#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>

#include "engine.h"
#include "wire/wire.h"

namespace {

hs::Engine& module_engine() {
  static hs::Engine engine;
  return engine;
}

// What hs_handle answers; JS reads the three 32-bit fields.
struct Reply {
  std::int32_t status;
  const char* body;
  std::uint32_t length;
};

constexpr std::size_t kKeepArgumentBytes = std::size_t{1} << 20;
char* scratch = nullptr;
std::size_t scratch_capacity = 0;
hs::WireResponse last_response;  // the body Reply points into, kept until the next call
Reply reply;

const Reply* answer(hs::WireResponse response) {
  last_response = std::move(response);
  reply = Reply{last_response.status, last_response.body.data(), static_cast<std::uint32_t>(last_response.body.size())};
  return &reply;
}

}  // namespace

extern "C" {

// A buffer of at least `bytes` bytes for the next hs_handle's arguments (its old contents are not
// kept), or null when the memory cannot grow that far.
EMSCRIPTEN_KEEPALIVE char* hs_scratch(std::size_t bytes) {
  if (bytes <= scratch_capacity) return scratch;
  std::free(scratch);
  scratch = static_cast<char*>(std::malloc(bytes));
  scratch_capacity = scratch ? bytes : 0;
  return scratch;
}

// Releases the scratch buffer (after a call with a large body: the engine may use the memory again).
EMSCRIPTEN_KEEPALIVE void hs_scratch_release() {
  std::free(scratch);
  scratch = nullptr;
  scratch_capacity = 0;
}

const Reply* hs_out_of_memory();

// Engine::handle on the caller, target and body that JS wrote into the scratch buffer, in that order.
EMSCRIPTEN_KEEPALIVE const Reply* hs_handle(std::size_t caller_bytes, std::size_t target_bytes,
                                            std::size_t body_bytes) {
  // The arguments are copied into strings kept from call to call, so that their buffers are reused
  // (no allocation per call); a large body's buffer is released after its call.
  static std::string caller, target, body;
  try {
    caller.assign(scratch, caller_bytes);
    target.assign(scratch + caller_bytes, target_bytes);
    body.assign(scratch + caller_bytes + target_bytes, body_bytes);
    const Reply* r = answer(module_engine().handle(caller, target, body));
    if (body.capacity() > kKeepArgumentBytes) std::string().swap(body);
    return r;
  } catch (const std::bad_alloc&) {  // copying the arguments (Engine::handle itself never throws)
    return hs_out_of_memory();
  }
}

// The engine's answer to a request it could not even receive: no memory for its bytes.
EMSCRIPTEN_KEEPALIVE const Reply* hs_out_of_memory() { return answer(hs::errorResponse(hs::outOfMemory())); }
}
