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

}  // namespace

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
  // The empty object (most bodies of the Simulator controls and of operations without input) needs no parser.
  if (body == "{}" || body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  if (tooDeep(body))
    return err::serialization("The request body nests deeper than " + std::to_string(kMaxNesting) + " levels.");
  Json j = parseJson(body);
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
