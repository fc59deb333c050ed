// The C ABI of capi/handshake_capi.h over hs::Engine. Every entry point catches everything: a C caller
// (ctypes) cannot unwind a C++ exception.
#include "handshake_capi.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "engine.h"

struct hs_engine {
  explicit hs_engine(std::uint64_t seed) : engine(seed) {}
  hs::Engine engine;
};

namespace {

// The body hs_wire answers when the engine fails: AWS's shape for a server-side fault.
const char kInternalFailure[] = R"({"Message":"The engine failed to answer the request.","__type":"InternalFailure"})";

// A malloc'd, NUL-terminated copy (malloc, so that hs_free needs no C++ runtime state).
int copy_out(int status, const char* data, std::size_t len, char** out_body, std::size_t* out_len) {
  char* copy = static_cast<char*>(std::malloc(len + 1));
  if (copy == nullptr) return HS_CAPI_NO_MEMORY;
  if (len > 0) std::memcpy(copy, data, len);
  copy[len] = '\0';
  *out_body = copy;
  *out_len = len;
  return status;
}

bool readable(const char* text, std::size_t len) { return text != nullptr || len == 0; }

std::string as_string(const char* text, std::size_t len) { return len == 0 ? std::string() : std::string(text, len); }

}  // namespace

extern "C" {

int hs_capi_abi_version(void) { return HS_CAPI_ABI_VERSION; }

hs_engine* hs_engine_create(uint64_t seed) {
  try {
    return new hs_engine(seed);
  } catch (...) {
    return nullptr;
  }
}

void hs_engine_destroy(hs_engine* engine) { delete engine; }

int hs_engine_handle(hs_engine* engine, const char* caller, size_t caller_len, const char* target, size_t target_len,
                     const char* body, size_t body_len, char** out_body, size_t* out_len) {
  if (engine == nullptr || out_body == nullptr || out_len == nullptr || !readable(caller, caller_len) ||
      !readable(target, target_len) || !readable(body, body_len)) {
    return HS_CAPI_BAD_ARGUMENT;
  }
  *out_body = nullptr;
  *out_len = 0;
  try {
    const hs::WireResponse response =
        engine->engine.handle(as_string(caller, caller_len), as_string(target, target_len), as_string(body, body_len));
    return copy_out(response.status, response.body.data(), response.body.size(), out_body, out_len);
  } catch (...) {
    // handle() promises not to throw; copying its arguments can still run out of memory.
    return copy_out(500, kInternalFailure, sizeof kInternalFailure - 1, out_body, out_len);
  }
}

void hs_free(char* body) { std::free(body); }

}  // extern "C"
