// A streaming JSON writer for hot responses (handshakes and handshake lists). It writes exactly what
// dumpJson() would write for the same value: the caller emits object keys in sorted order, strings
// are escaped as Json::dump escapes them, and timestamps print as timestampJson() prints them.
// tests/unit/json_writer_test.cpp holds the two forms equal.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "model/clock.h"

namespace hs {

// The escape of a byte that JSON text cannot hold as it is ('"', '\\' or a control character below 0x20),
// as both JsonWriter and Json::dump write it: the short form where JSON has one, else \u00XX. Written into
// `out`; returns its length (2 or 6).
inline size_t jsonEscape(unsigned char c, char out[6]) {
  static const char kHex[] = "0123456789abcdef";
  char shortForm = 0;
  switch (c) {
    case '"': shortForm = '"'; break;
    case '\\': shortForm = '\\'; break;
    case '\b': shortForm = 'b'; break;
    case '\f': shortForm = 'f'; break;
    case '\n': shortForm = 'n'; break;
    case '\r': shortForm = 'r'; break;
    case '\t': shortForm = 't'; break;
    default: break;
  }
  out[0] = '\\';
  if (shortForm) {
    out[1] = shortForm;
    return 2;
  }
  out[1] = 'u';
  out[2] = '0';
  out[3] = '0';
  out[4] = kHex[c >> 4];
  out[5] = kHex[c & 15];
  return 6;
}

class JsonWriter {
 public:
  explicit JsonWriter(size_t capacity = 1024) { out_.resize(capacity ? capacity : 1); }
  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view k);  // keys: in sorted order, and nothing in them needing escapes
  JsonWriter& string(std::string_view s);
  // One string, the pieces one after another (each escaped as string() escapes it): a value such as an
  // ARN written without first building it.
  template <std::size_t N>
  JsonWriter& string(const std::array<std::string_view, N>& pieces) {
    return joinedString(pieces.data(), N);
  }
  JsonWriter& timestamp(Millis t);
  JsonWriter& integer(std::int64_t v);
  JsonWriter& unsignedInteger(std::uint64_t v);
  JsonWriter& boolean(bool v);
  JsonWriter& raw(std::string_view json);  // an already serialized value
  // The text written (no copy); the writer is left empty.
  std::string take() {
    out_.resize(size_);
    size_ = 0;
    return std::move(out_);
  }

 private:
  // out_ is sized ahead and written through its inline accessors; size_ counts what is written. In
  // WASM every appending std::string member is an out-of-line call into the precompiled libc++,
  // which made appending the writer's main cost.
  void put(char c) {
    if (size_ == out_.size()) grow(1);
    out_[size_++] = c;
  }
  void put(const char* p, size_t n) {
    if (out_.size() - size_ < n) grow(n);
    copy(&out_[size_], p, n);
    size_ += n;
  }
  // memcpy, with the few bytes of a key, an id or a state copied by fixed-size moves (two overlapping ones).
  // In wasm a copy of unknown length is a call (memory.copy into the runtime, or libc's memcpy) that costs
  // more than a short copy itself: a list page 25.0 -> 21.5 µs, DescribeHandshake 2.8 -> 2.7 µs
  // (bench/wasm_bench.mjs ops; docs/performance.md, "Short copies").
  static void copy(char* to, const char* from, size_t n) {
    if (n > 16) {
      std::memcpy(to, from, n);
    } else if (n >= 8) {
      copyEnds<std::uint64_t>(to, from, n);
    } else if (n >= 4) {
      copyEnds<std::uint32_t>(to, from, n);
    } else if (n >= 2) {
      copyEnds<std::uint16_t>(to, from, n);
    } else if (n == 1) {
      *to = *from;
    }
  }
  // n bytes, sizeof(Word) <= n <= 2 * sizeof(Word): the first and the last Word (they overlap when n is less).
  template <typename Word>
  static void copyEnds(char* to, const char* from, size_t n) {
    Word head, tail;
    std::memcpy(&head, from, sizeof head);
    std::memcpy(&tail, from + n - sizeof tail, sizeof tail);
    std::memcpy(to, &head, sizeof head);
    std::memcpy(to + n - sizeof tail, &tail, sizeof tail);
  }
  void grow(size_t atLeast);
  JsonWriter& joinedString(const std::string_view* pieces, size_t count);
  void escaped(std::string_view s);  // the text of a string, between its quotes
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  std::string out_;
  size_t size_ = 0;
  static constexpr int kMaxDepth = 64;
  bool first_[kMaxDepth] = {};  // per open container: nothing written in it yet
  int depth_ = 0;
  bool afterKey_ = false;
};

}  // namespace hs
