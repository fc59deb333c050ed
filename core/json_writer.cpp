#include "json_writer.h"

#include "json.h"
#include "timestamp.h"

namespace hs {

void JsonWriter::grow(size_t atLeast) {
  size_t cap = cap_ * 2 > size_ + atLeast ? cap_ * 2 : size_ + atLeast;
  std::unique_ptr<char[]> bigger(new char[cap]);
  std::memcpy(bigger.get(), buf_.get(), size_);
  buf_ = std::move(bigger);
  cap_ = cap;
}

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) put(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  put(c);
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  put(c);
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  string(k);
  put(':');
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  separate();
  static const char kHex[] = "0123456789abcdef";
  // Copy runs of characters that need no escape in one append: in WASM every std::string call is
  // out of line (libc++ is precompiled), so appending a character at a time dominated list pages.
  put('"');
  const char* run = s.data();
  const char* const end = s.data() + s.size();
  for (const char* p = run; p != end; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') continue;  // UTF-8 passes through (the parser admitted only valid UTF-8)
    put(run, static_cast<size_t>(p - run));
    run = p + 1;
    switch (c) {
      case '"': put("\\\"", 2); break;
      case '\\': put("\\\\", 2); break;
      case '\b': put("\\b", 2); break;
      case '\f': put("\\f", 2); break;
      case '\n': put("\\n", 2); break;
      case '\r': put("\\r", 2); break;
      case '\t': put("\\t", 2); break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        put(u, 6);
      }
    }
  }
  put(run, static_cast<size_t>(end - run));
  put('"');
  return *this;
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
  Millis seconds = t / 1000;
  do {
    *--p = static_cast<char>('0' + seconds % 10);
    seconds /= 10;
  } while (seconds != 0);
  put(p, static_cast<size_t>(buf + sizeof buf - p));
  return *this;
}

JsonWriter& JsonWriter::unsignedInteger(std::uint64_t v) {
  separate();
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
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
  if (v) put("true", 4);
  else put("false", 5);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  put(json.data(), json.size());
  return *this;
}

}  // namespace hs
