#include "wire/wire.h"

#include "wire/errors.h"
#include "wire/json_writer.h"
#include "wire/text.h"

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

std::string_view awsOperationName(std::string_view target) {
  return startsWith(target, kAwsTargetPrefix) ? target.substr(std::char_traits<char>::length(kAwsTargetPrefix))
                                              : std::string_view();
}

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

Json parseJson(const std::string& text) { return Json::parse(text, nullptr, false); }

Result<Json> parseBody(const std::string& body) {
  // A raw NUL is never valid JSON (outside a string it is no token, inside one an unescaped control
  // character); refused before anything else is read.
  if (body.find('\0') != std::string::npos) return err::serialization("The request body is not valid JSON.");
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
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
