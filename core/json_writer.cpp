#include "json_writer.h"

#include "json.h"
#include "timestamp.h"

namespace hs {

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  out_ += c;
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  string(k);
  out_ += ':';
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  separate();
  static const char kHex[] = "0123456789abcdef";
  out_ += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (c < 0x20) {
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
        } else {
          out_ += ch;  // UTF-8 passes through (the parser admitted only valid UTF-8)
        }
    }
  }
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::timestamp(Millis t) {
  separate();
  if (t < 0) {  // never produced by the engine; keep the general form
    out_ += dumpJson(timestampJson(t));
    return *this;
  }
  // Seconds with the millisecond fraction trimmed of trailing zeros; ".0" for whole seconds.
  out_ += std::to_string(t / 1000);
  int ms = static_cast<int>(t % 1000);
  out_ += '.';
  if (ms == 0) {
    out_ += '0';
  } else {
    char digits[3] = {static_cast<char>('0' + ms / 100), static_cast<char>('0' + ms / 10 % 10), static_cast<char>('0' + ms % 10)};
    int n = digits[2] != '0' ? 3 : digits[1] != '0' ? 2 : 1;
    out_.append(digits, static_cast<size_t>(n));
  }
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

}  // namespace hs
