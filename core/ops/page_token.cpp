#include "ops/page_token.h"

namespace hs {
namespace {

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A keyed 64-bit digest (FNV-1a over the fields, finalized with the key). Not cryptographic: it only
// has to make guessing a valid token impractical in a simulator.
std::uint64_t mac(std::uint64_t key, const PageScope& s, std::uint64_t after) {
  std::uint64_t h = 0xcbf29ce484222325ull ^ mix(key);
  auto feed = [&h](const std::string& part) {
    for (unsigned char c : part) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0xff) * 0x100000001b3ull;  // field separator
  };
  feed(s.operation);
  feed(s.caller);
  feed(s.filter);
  feed(std::to_string(after));
  return mix(h ^ key);
}

std::string hex16(std::uint64_t v) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 15];
  return out;
}

std::optional<std::uint64_t> parseHex16(const std::string& s) {
  if (s.size() != 16) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace

std::string encodePageToken(std::uint64_t key, const PageScope& scope, std::uint64_t after) {
  return hex16(after) + hex16(mac(key, scope, after));
}

std::optional<std::uint64_t> decodePageToken(std::uint64_t key, const PageScope& scope, const std::string& token) {
  if (token.size() != 32) return std::nullopt;
  auto after = parseHex16(token.substr(0, 16));
  auto tag = parseHex16(token.substr(16));
  if (!after || !tag || *tag != mac(key, scope, *after)) return std::nullopt;
  return after;
}

}  // namespace hs
