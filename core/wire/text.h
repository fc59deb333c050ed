// Small text helpers of the engine: prefixes and ASCII case, one spelling of each. rfind(prefix, 0), the
// usual prefix idiom, is a general backward search in libc++ and showed in WASM profiles of every call.
// Out of line, and among the files compiled for size in wasm (HS_WASM_COLD_SOURCES): inline at every call
// site they made the module 0.5 KB gzip larger, and no call of them is long.
#pragma once
#include <string>
#include <string_view>

namespace hs {

bool startsWith(std::string_view text, std::string_view prefix);

// ASCII letters lower-cased, every other byte as it is (UTF-8 passes through).
std::string lowercase(std::string s);
// lowercase(a) == lowercase(b), without building either.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

}  // namespace hs
