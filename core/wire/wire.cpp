#include "wire/wire.h"

#include "wire/errors.h"
#include "wire/json_writer.h"

namespace hs {
namespace {

// Deeper nesting than any request shape needs is refused before parsing.
bool tooDeep(const std::string& body) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : body) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxNesting) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

// The reader of parsePlainObject: declines (returns false) at the first thing outside its subset.
class PlainReader {
 public:
  explicit PlainReader(const std::string& text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool document(Json& out) {
    space();
    if (p_ == end_ || *p_ != '{' || !object(out, 1)) return false;
    space();
    return p_ == end_;
  }

 private:
  void space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool literal(const char* word, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n || std::char_traits<char>::compare(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }
  // A string of printable ASCII without '"' or '\\' (nothing to unescape, nothing to validate as UTF-8).
  bool string(std::string& out) {
    const char* start = ++p_;  // after the opening quote
    while (p_ != end_ && *p_ != '"') {
      const auto c = static_cast<unsigned char>(*p_);
      if (c < 0x20 || c > 0x7E || c == '\\') return false;
      ++p_;
    }
    if (p_ == end_) return false;
    out.assign(start, p_);
    ++p_;
    return true;
  }
  // Digits without a sign, fraction or exponent, no leading zero, at most 19 (below 2^64): nlohmann's
  // number_unsigned.
  bool number(Json& out) {
    const char* start = p_;
    std::uint64_t v = 0;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') v = v * 10 + static_cast<std::uint64_t>(*p_++ - '0');
    const auto digits = p_ - start;
    if (digits == 0 || digits > 19 || (*start == '0' && digits > 1)) return false;
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    out = v;
    return true;
  }
  bool value(Json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return depth < kMaxNesting && object(out, depth + 1);
      case '[': return depth < kMaxNesting && array(out, depth + 1);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = std::move(s);
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
    out = Json::object();
    std::string key;
    return items('}', [&] {
      if (p_ == end_ || *p_ != '"' || !string(key)) return false;
      space();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      space();
      return value(out[key], depth);  // operator[]: a later duplicate replaces the value
    });
  }
  bool array(Json& out, int depth) {
    out = Json::array();
    return items(']', [&] {
      out.push_back(Json());
      return value(out.back(), depth);
    });
  }

  const char* p_;
  const char* end_;
};

}  // namespace

bool parsePlainObject(const std::string& text, Json& out) { return PlainReader(text).document(out); }

std::size_t requestLimit(const std::string& target) {
  return target == "Simulator.ImportWorld" ? kMaxSnapshotRequestBytes : kMaxRequestBytes;
}

AwsError requestTooLarge(std::size_t limit) {
  return AwsError{"RequestEntityTooLargeException",
                  "The request body is larger than " + std::to_string(limit >> 20) + " MiB (" + std::to_string(limit) +
                      " bytes), the limit for this target.",
                  "", 413};
}

AwsError outOfMemory() {
  return AwsError{"RequestEntityTooLargeException", "The request needs more memory than the engine has.", "", 413};
}

Json parseJson(const std::string& text) {
  // Json::parse(text, nullptr, false), minus what it drags into the wasm module: its callback-parser
  // twin (Json::parse instantiates both) and, through Json::sax_parse, the CBOR/MessagePack/UBJSON
  // readers. nlohmann's own parser and DOM builder, no exceptions, strict (nothing but whitespace after
  // the value). It refuses lone surrogate escapes and invalid UTF-8 itself.
  Json j;
  nlohmann::detail::json_sax_dom_parser<Json> dom(j, /*allow_exceptions=*/false);
  nlohmann::detail::parser<Json, decltype(nlohmann::detail::input_adapter(text))> parser(
      nlohmann::detail::input_adapter(text), nullptr, /*allow_exceptions_=*/false);
  if (!parser.sax_parse(&dom, /*strict=*/true) || dom.is_errored()) return Json(Json::value_t::discarded);
  return j;
}

Result<Json> parseBody(const std::string& body) {
  // A raw NUL is never valid JSON: outside a string nlohmann's lexer reads it as the end of the input
  // (so `{...}\0garbage` parsed as `{...}`), and inside a string it is an unescaped control character.
  if (body.find('\0') != std::string::npos) return err::serialization("The request body is not valid JSON.");
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  if (tooDeep(body))
    return err::serialization("The request body nests deeper than " + std::to_string(kMaxNesting) + " levels.");
  Json j;
  if (parsePlainObject(body, j)) return j;
  j = parseJson(body);
  if (j.is_discarded()) return err::serialization("The request body is not valid JSON.");
  if (!j.is_object()) return err::serialization("The request body must be a JSON object.");
  return j;
}

WireResponse errorResponse(const AwsError& e) {
  // {"__type", "Message", ["Reason"]} as dumpJson writes it: keys sorted, so "__type" comes last.
  JsonWriter out(64 + e.message.size());
  out.beginObject().key("Message").string(e.message);
  if (!e.reason.empty()) out.key("Reason").string(e.reason);
  out.key("__type").string(e.type).endObject();
  return {e.status, out.take()};
}

}  // namespace hs
