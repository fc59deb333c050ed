// The JSON type used throughout the engine. nlohmann::json keeps object keys sorted,
// which gives every response and snapshot one canonical byte form.
#pragma once
#include <nlohmann/json.hpp>

namespace hs {
using Json = nlohmann::json;

// Serializes without ever throwing: invalid UTF-8 (which the parser never lets in) is replaced.
inline std::string dumpJson(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }
}  // namespace hs
