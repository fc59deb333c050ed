// A streaming JSON writer for hot responses (handshakes and handshake lists). It writes exactly what
// dumpJson() would write for the same value: the caller emits object keys in sorted order, strings
// are escaped as nlohmann::json escapes them, and timestamps print as timestampJson() prints them.
// tests/unit/json_writer_test.cpp holds the two forms equal.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "clock.h"

namespace hs {

class JsonWriter {
 public:
  explicit JsonWriter(size_t capacity = 1024) : buf_(new char[capacity ? capacity : 1]), cap_(capacity ? capacity : 1) {}
  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view k);  // keys: in sorted order, and nothing in them needing escapes
  JsonWriter& string(std::string_view s);
  JsonWriter& timestamp(Millis t);
  JsonWriter& integer(std::int64_t v);
  JsonWriter& unsignedInteger(std::uint64_t v);
  JsonWriter& boolean(bool v);
  JsonWriter& raw(std::string_view json);          // an already serialized value
  std::string take() { return std::string(buf_.get(), size_); }  // the text written

 private:
  // Output goes to a plain buffer with inline appends: in WASM every std::string member is an
  // out-of-line call into the precompiled libc++, which made appending the writer's main cost.
  void put(char c) {
    if (size_ == cap_) grow(1);
    buf_[size_++] = c;
  }
  void put(const char* p, size_t n) {
    if (cap_ - size_ < n) grow(n);
    std::memcpy(buf_.get() + size_, p, n);
    size_ += n;
  }
  void grow(size_t atLeast);
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0, size_ = 0;
  static constexpr int kMaxDepth = 64;
  bool first_[kMaxDepth] = {};  // per open container: nothing written in it yet
  int depth_ = 0;
  bool afterKey_ = false;
};

}  // namespace hs
