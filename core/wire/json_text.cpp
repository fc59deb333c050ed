// Json as text: dump() writes a value, parse() reads one (the contracts are in json.h).
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "model/timestamp.h"
#include "wire/json.h"
#include "wire/json_writer.h"
#include "wire/number_text.h"

namespace hs {

// ---- dump -------------------------------------------------------------------------------------------

namespace {

// The number of bytes of the valid UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates, at
// most U+10FFFF), or 0 if there is none.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
  const unsigned c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return b(1) >= lo && b(1) <= hi && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(1) >= lo && b(1) <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// The length of the longest beginning of a UTF-8 sequence at s[i] that could still have been valid (at
// least 1): what one U+FFFD replaces, as nlohmann::json's error_handler_t::replace does.
std::size_t utf8ValidPrefix(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0xC2 || c > 0xF4) return 1;
  const std::size_t need = c <= 0xDF ? 2 : c <= 0xEF ? 3 : 4;
  std::size_t n = 1;
  for (; n < need && i + n < s.size(); ++n) {
    const auto b = static_cast<unsigned char>(s[i + n]);
    unsigned lo = 0x80, hi = 0xBF;
    if (n == 1 && c == 0xE0) lo = 0xA0;
    if (n == 1 && c == 0xED) hi = 0x9F;
    if (n == 1 && c == 0xF0) lo = 0x90;
    if (n == 1 && c == 0xF4) hi = 0x8F;
    if (b < lo || b > hi) break;
  }
  return n;
}

void dumpString(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    // Printable ASCII is copied as a run: one append, not a call per character (in wasm each append is a
    // call into the precompiled libc++).
    std::size_t end = i;
    while (end < s.size()) {
      const auto b = static_cast<unsigned char>(s[end]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++end;
    }
    out.append(s.data() + i, end - i);
    if (end == s.size()) break;
    i = end;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8Length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // one U+FFFD for the invalid sequence's longest valid beginning
        i += utf8ValidPrefix(s, i);
      } else {
        out.append(s, i, n);
        i += n;
      }
      continue;
    }
    char escape[6];  // a control character, '"' or '\\'
    out.append(escape, jsonEscape(c, escape));
    ++i;
  }
  out += '"';
}

// A float as nlohmann::json prints it: the shortest digits that read back as the same double, laid out
// in plain notation when the decimal point falls within 15 digits (-4 < n <= 15), else in scientific
// notation with a signed exponent of at least two digits; a whole value keeps ".0"; NaN and infinities
// (which JSON cannot carry) print as null.
void dumpFloat(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (d == 0) {
    out += std::signbit(d) ? "-0.0" : "0.0";
    return;
  }
  // Seconds with a millisecond fraction, as every timestamp the engine prints: JsonWriter's form, which is
  // this layout's (the trimmed fraction is the shortest form at these magnitudes), without the search below.
  if (d > 0 && d * 1000.0 <= static_cast<double>(kLatestTime)) {
    const auto t = static_cast<Millis>(std::llround(d * 1000.0));
    if (static_cast<double>(t) / 1000.0 == d) {
      JsonWriter w(32);
      w.timestamp(t);
      out += w.take();
      return;
    }
  }
  const ShortestDecimal shortest = shortestDecimal(d);
  if (d < 0) out += '-';
  const std::string_view digits(shortest.digits, static_cast<std::size_t>(shortest.count));
  const int k = shortest.count;
  const int n = shortest.point;  // where the decimal point falls, counted from the first digit
  if (k <= n && n <= 15) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
    out += ".0";
  } else if (0 < n && n <= 15) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n), std::string::npos);
  } else if (-4 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1, std::string::npos);
    }
    const int e = n - 1;
    out += e < 0 ? "e-" : "e+";
    const int mag = e < 0 ? -e : e;
    if (mag < 10) out += '0';
    out += std::to_string(mag);
  }
}

void dumpValue(std::string& out, const Json& j, int indent, int depth);

void newline(std::string& out, int indent, int depth) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

void dumpValue(std::string& out, const Json& j, int indent, int depth) {
  using T = Json::value_t;
  switch (j.type()) {
    case T::null:
    case T::discarded: out += j.is_null() ? "null" : "<discarded>"; return;
    case T::boolean: out += j.asBool() ? "true" : "false"; return;
    case T::number_integer: out += std::to_string(j.asInt()); return;
    case T::number_unsigned: out += std::to_string(j.asUnsigned()); return;
    case T::number_float: dumpFloat(out, j.asDouble()); return;
    case T::string: dumpString(out, j.asString()); return;
    case T::array:
    case T::object: break;
  }
  const bool object = j.is_object();
  if (j.empty()) {
    out += object ? "{}" : "[]";
    return;
  }
  out += object ? '{' : '[';
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) out += ',';
    first = false;
    if (indent >= 0) newline(out, indent, depth + 1);
    if (object) {
      dumpString(out, it.key());
      out += indent >= 0 ? ": " : ":";
    }
    dumpValue(out, *it, indent, depth + 1);
  }
  if (indent >= 0) newline(out, indent, depth);
  out += object ? '}' : ']';
}

}  // namespace

std::string Json::dump(int indent) const {
  std::string out;
  dumpValue(out, *this, indent, 0);
  return out;
}

// ---- parse ------------------------------------------------------------------------------------------

namespace {

// A strict RFC 8259 reader with nlohmann::json's choices: duplicate keys keep the last value; numbers
// as in json.h; strings must be valid UTF-8, escapes must not leave a lone surrogate.
class TextReader {
 public:
  explicit TextReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool document(Json& out) {
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;  // a UTF-8 byte order mark
    space();
    if (!value(out, 0)) return false;
    space();
    return p_ == end_;
  }

 private:
  // Deeper than any JSON the engine reads (requests are checked for 64 levels before parsing): refused
  // rather than recursing without bound.
  static constexpr int kMaxDepth = 512;

  void space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool literal(const char* word, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }
  bool value(Json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return depth < kMaxDepth && object(out, depth + 1);
      case '[': return depth < kMaxDepth && array(out, depth + 1);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = Json(std::move(s));
        return true;
      }
      case 't': return literal("true", 4) && (out = true, true);
      case 'f': return literal("false", 5) && (out = false, true);
      case 'n': return literal("null", 4) && (out = nullptr, true);
      default: return number(out);
    }
  }
  // The members of an object or the elements of an array, up to `close`: the same commas and spaces around
  // whatever `item` reads.
  template <class Item>
  bool items(char close, Item item) {
    ++p_;  // '{' or '['
    space();
    if (p_ != end_ && *p_ == close) return ++p_, true;
    for (;;) {
      if (!item()) return false;
      space();
      if (p_ == end_) return false;
      if (*p_ == close) return ++p_, true;
      if (*p_ != ',') return false;
      ++p_;
      space();
    }
  }
  bool object(Json& out, int depth) {
    out = Json(Json::value_t::object);
    std::string key;
    return items('}', [&] {
      if (p_ == end_ || *p_ != '"' || !string(key)) return false;
      space();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      space();
      return value(out[key], depth);  // a later duplicate replaces the value
    });
  }
  bool array(Json& out, int depth) {
    out = Json(Json::value_t::array);
    return items(']', [&] {
      out.push_back(Json());
      return value(out.back(), depth);
    });
  }
  bool hex4(unsigned& cp) {
    if (end_ - p_ < 4) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      cp <<= 4;
      if (c >= '0' && c <= '9')
        cp |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        cp |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        cp |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }
  static void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool escape(std::string& out) {
    if (p_ == end_) return false;
    switch (*p_++) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    unsigned cp;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
    if (cp >= 0xD800 && cp <= 0xDBFF) {              // a high surrogate: its low half must follow
      unsigned low;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, cp);
    return true;
  }
  bool string(std::string& out) {
    out.clear();
    ++p_;  // the opening quote
    for (;;) {
      const char* run = p_;  // printable ASCII is copied as a run
      while (p_ != end_) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
        ++p_;
      }
      out.append(run, p_);
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') return ++p_, true;
      if (c == '\\') {
        ++p_;
        if (!escape(out)) return false;
      } else if (c < 0x20) {
        return false;
      } else {
        const std::size_t n = utf8Length(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
        if (n == 0) return false;
        out.append(p_, n);
        p_ += n;
      }
    }
  }
  bool number(Json& out) {
    const char* start = p_;
    const bool negative = p_ != end_ && *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
    if (*p_ == '0')
      ++p_;
    else
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    bool integral = true;
    if (p_ != end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    const std::string text(start, p_);  // NUL-terminated for strto*
    if (integral) {
      errno = 0;
      if (negative) {
        const long long v = std::strtoll(text.c_str(), nullptr, 10);
        if (errno == 0) return out = Json(static_cast<std::int64_t>(v)), true;
      } else {
        const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == 0) return out = Json(static_cast<std::uint64_t>(v)), true;
      }
    }
    const double d = decimalToDouble(text);  // an integer out of 64-bit range reads as a float
    if (!std::isfinite(d)) return false;     // "1e999": nlohmann's "number overflow"
    out = Json(d);
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

Json Json::parse(std::string_view text, std::nullptr_t, bool allow_exceptions) {
  Json out;
  if (TextReader(text).document(out)) return out;
  if (allow_exceptions) throw std::invalid_argument("JSON: the text is not valid JSON");
  return Json(value_t::discarded);
}

}  // namespace hs
