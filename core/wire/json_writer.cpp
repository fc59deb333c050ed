#include "wire/json_writer.h"

#include <stdexcept>

#include "model/timestamp.h"
#include "wire/json.h"

namespace hs {
namespace {

// Writes the decimal digits of v so that they end just before `end`; returns where they start.
char* digitsBefore(char* end, std::uint64_t v) {
  do {
    *--end = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return end;
}

}  // namespace

void JsonWriter::grow(size_t atLeast) {
  out_.resize(out_.size() * 2 > size_ + atLeast ? out_.size() * 2 : size_ + atLeast);
}

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (depth_ > 0) {
    if (!first_[depth_ - 1]) put(',');
    first_[depth_ - 1] = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  // The engine's documents nest a few levels deep (resources at most 5); a runaway is a bug, reported
  // as an exception (Engine::handle turns it into a 500), never an overflow.
  if (depth_ == kMaxDepth) throw std::length_error("JsonWriter: nesting deeper than 64 levels");
  separate();
  put(c);
  first_[depth_++] = true;
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  put(c);
  --depth_;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  // Keys are the engine's own member names: nothing in them needs escaping.
  separate();
  put('"');
  put(k.data(), k.size());
  put("\":", 2);
  afterKey_ = true;
  return *this;
}

namespace {

// The first byte of s that JSON needs escaped (a control character, '"' or '\\'), or s.size().
// Eight bytes at a time: the usual string (ids, ARNs, emails) has none.
size_t firstToEscape(std::string_view s) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const std::uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
    // A byte b below 0x20 or equal to 0 after the xor sets its high bit in (b - k) & ~b & 0x80..
    // (bytes of 0x80 and above never match: ~b clears their high bit).
    const std::uint64_t hits =
        ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
    if (hits & kHighs) break;  // one of these eight (possibly a false alarm from a borrow): scan them
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return s.size();
}

}  // namespace

JsonWriter& JsonWriter::string(std::string_view s) {
  separate();
  put('"');
  escaped(s);
  put('"');
  return *this;
}

JsonWriter& JsonWriter::joinedString(const std::string_view* pieces, size_t count) {
  separate();
  put('"');
  for (size_t i = 0; i < count; ++i) escaped(pieces[i]);
  put('"');
  return *this;
}

void JsonWriter::escaped(std::string_view s) {
  // Runs that need no escape are copied whole; UTF-8 passes through (the parser admitted only valid UTF-8).
  for (size_t at = firstToEscape(s); at < s.size(); at = firstToEscape(s)) {
    put(s.data(), at);
    char escape[6];
    put(escape, jsonEscape(static_cast<unsigned char>(s[at]), escape));
    s.remove_prefix(at + 1);
  }
  put(s.data(), s.size());
}

JsonWriter& JsonWriter::timestamp(Millis t) {
  separate();
  if (t < 0) {  // never produced by the engine; keep the general form
    const std::string text = dumpJson(timestampJson(t));
    put(text.data(), text.size());
    return *this;
  }
  // Seconds with the millisecond fraction trimmed of trailing zeros; ".0" for whole seconds.
  char buf[32];
  char* p = buf + sizeof buf;
  int ms = static_cast<int>(t % 1000);
  if (ms == 0) {
    *--p = '0';
  } else {
    const char digits[3] = {static_cast<char>('0' + ms / 100), static_cast<char>('0' + ms / 10 % 10),
                            static_cast<char>('0' + ms % 10)};
    int n = digits[2] != '0' ? 3 : digits[1] != '0' ? 2 : 1;
    for (int i = n - 1; i >= 0; --i) *--p = digits[i];
  }
  *--p = '.';
  p = digitsBefore(p, static_cast<std::uint64_t>(t / 1000));
  put(p, static_cast<size_t>(buf + sizeof buf - p));
  return *this;
}

JsonWriter& JsonWriter::unsignedInteger(std::uint64_t v) {
  separate();
  char buf[24];
  char* p = digitsBefore(buf + sizeof buf, v);
  put(p, static_cast<size_t>(buf + sizeof buf - p));
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t v) {
  if (v >= 0) return unsignedInteger(static_cast<std::uint64_t>(v));
  separate();
  put('-');
  afterKey_ = true;  // the digits follow the sign without a separator
  return unsignedInteger(0 - static_cast<std::uint64_t>(v));
}

JsonWriter& JsonWriter::boolean(bool v) {
  separate();
  if (v)
    put("true", 4);
  else
    put("false", 5);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  put(json.data(), json.size());
  return *this;
}

}  // namespace hs
