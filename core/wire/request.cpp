#include "wire/request.h"

#include <cmath>
#include <limits>
#include <set>
#include <string_view>

#include "wire/errors.h"
#include "wire/text.h"

namespace hs {
namespace {

const char* kindName(Kind k) {
  switch (k) {
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Timestamp: return "a timestamp (epoch seconds)";
    case Kind::Structure: return "an object";
    case Kind::List: return "a list";
    case Kind::Double: return "a number";
    case Kind::Boolean: return "a boolean";
    case Kind::Unsigned: return "a non-negative integer";
    case Kind::Document: return "a JSON value";
  }
  return "";
}

bool hasKind(const Json& v, Kind k) {
  switch (k) {
    case Kind::String: return v.is_string();
    case Kind::Integer:
      if (v.is_number_integer()) {
        if (v.is_number_unsigned())
          return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<int>::max());
        auto i = v.get<std::int64_t>();
        return i >= std::numeric_limits<int>::min() && i <= std::numeric_limits<int>::max();
      }
      return false;
    case Kind::Timestamp: return v.is_number();
    case Kind::Structure: return v.is_object();
    case Kind::List: return v.is_array();
    case Kind::Double: return v.is_number();
    case Kind::Boolean: return v.is_boolean();
    case Kind::Unsigned: return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
    case Kind::Document: return true;
  }
  return false;
}

Status checkValue(const Json& v, const MemberShape& m, const std::string& path);

// Whether checkValue has anything to report or to look into: the wrong kind, or members or elements
// to check. A plain value of the right kind is checked without building its path (every call has some).
bool needsCheck(const Json& v, const MemberShape& m) {
  return !hasKind(v, m.kind) || m.kind == Kind::Structure || (m.kind == Kind::List && !m.members.empty());
}

Status checkMembers(const Json& object, const Shape& shape, const std::string& prefix) {
  for (const MemberShape& m : shape) {
    auto it = object.find(m.name);
    if (it == object.end() || it->is_null() || !needsCheck(*it, m)) continue;
    HS_TRY(checkValue(*it, m, prefix + m.name));
  }
  return okStatus();
}

Status checkValue(const Json& v, const MemberShape& m, const std::string& path) {
  if (!hasKind(v, m.kind)) return err::serialization("Member '" + path + "' must be " + kindName(m.kind) + ".");
  if (m.kind == Kind::Structure) return checkMembers(v, m.members, path + ".");
  if (m.kind == Kind::List && !m.members.empty()) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_null()) return err::serialization("Member '" + path + "' must not contain null.");
      HS_TRY(checkValue(v[i], m.members[0], path + "[" + std::to_string(i) + "]"));
    }
  }
  return okStatus();
}

// "ManagementAccountId" -> "MANAGEMENT_ACCOUNT_ID": a member's name as a Reason's suffix.
std::string reasonField(const std::string& memberName) {
  std::string out;
  char previous = 0;
  for (char c : memberName) {
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    if (upper && ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9'))) out += '_';
    out += lower ? static_cast<char>(c - 'a' + 'A') : c;
    previous = c;
  }
  return out;
}

// The predicates are types, not function pointers, so that each check inlines its loop (ids are checked
// on every call, and -Os kept a call per character).
template <typename Pred>
bool allOf(const std::string& s, size_t from, Pred pred) {
  for (size_t i = from; i < s.size(); ++i)
    if (!pred(s[i])) return false;
  return true;
}
struct LowerAlnum {
  bool operator()(char c) const { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }
};
struct Digit {
  bool operator()(char c) const { return c >= '0' && c <= '9'; }
};

// Decodes one UTF-8 code point (input is valid UTF-8: the JSON parser guarantees it).
std::uint32_t decode(const std::string& s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  std::uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

}  // namespace

const char* typeName(Kind k) {
  switch (k) {
    case Kind::String: return "string";
    case Kind::Integer: return "integer";
    case Kind::Timestamp: return "timestamp";
    case Kind::Structure: return "structure";
    case Kind::List: return "list";
    case Kind::Double: return "double";
    case Kind::Boolean: return "boolean";
    case Kind::Unsigned: return "unsigned long";
    case Kind::Document: return "document";
  }
  return "";
}

Status checkTypes(const Json& object, const Shape& shape) { return checkMembers(object, shape, ""); }

Status checkRequired(const Json& object, const Shape& shape) {
  for (const MemberShape& m : shape)
    if (m.required && !present(object, m.name)) return err::invalidInput("INPUT_REQUIRED:" + reasonField(m.name));
  return okStatus();
}

bool present(const Json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && !it->is_null();
}

std::optional<std::string> optionalString(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Status requireHandshakeId(const Json& in, const char* name, const char* field) {
  auto id = optionalString(in, name);
  if (!id) return err::invalidInput(std::string("INPUT_REQUIRED:") + field);                   // AWS-observed
  if (!isHandshakeId(*id)) return err::invalidInput(std::string("INVALID_PATTERN:") + field);  // "" too
  return okStatus();
}

Status requireAccountId(const Json& in, const char* name, const char* field) {
  auto id = optionalString(in, name);
  if (!id) return err::invalidInput(std::string("INPUT_REQUIRED:") + field);
  if (!isAccountId(*id)) return err::invalidInput(std::string("INVALID_PATTERN:") + field);
  return okStatus();
}

Result<int> readMaxResults(const Json& in) {
  auto it = in.find("MaxResults");
  if (it == in.end() || it->is_null()) return 0;
  auto v = it->get<std::int64_t>();
  if (v < 1) return err::invalidInput("MIN_VALUE_EXCEEDED:MAX_RESULTS");   // AWS-observed
  if (v > 20) return err::invalidInput("MAX_VALUE_EXCEEDED:MAX_RESULTS");  // AWS-observed
  return static_cast<int>(v);
}

bool isHandshakeId(const std::string& s) {
  return s.size() >= 10 && s.size() <= 34 && startsWith(s, "h-") && allOf(s, 2, LowerAlnum{});
}

bool isAccountId(const std::string& s) { return s.size() == 12 && allOf(s, 0, Digit{}); }

bool isTransferId(const std::string& s) {
  return s.size() >= 11 && s.size() <= 35 && startsWith(s, "rt-") && allOf(s, 3, LowerAlnum{});
}

bool isOrganizationId(const std::string& s) {
  return s.size() >= 12 && s.size() <= 34 && startsWith(s, "o-") && allOf(s, 2, LowerAlnum{});
}

bool isEmail(const std::string& s) {
  if (s.size() < 6 || s.size() > 64) return false;
  size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  for (char c : s)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return false;
  // A dot in the domain after its first character, and something after the dot.
  size_t dot = s.find('.', at + 2);
  return dot != std::string::npos && dot + 1 < s.size();
}

bool isTagText(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    std::uint32_t cp = decode(s, i);
    if (cp < 0x80) {
      bool ok = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ' ||
                std::string_view("_.:/=+-@").find(static_cast<char>(cp)) != std::string_view::npos;
      if (!ok) return false;
    } else if (cp < 0xA0) {
      return false;  // C1 controls are neither letters, separators nor numbers
    }
  }
  return true;
}

bool isPrintableAscii(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < ' ' || c > '~') return false;
  return true;
}

size_t awsLength(const std::string& utf8) {
  size_t n = 0, i = 0;
  while (i < utf8.size()) n += decode(utf8, i) >= 0x10000 ? 2 : 1;
  return n;
}

Result<HandshakeParty> requireTarget(const Json& in) {
  if (!present(in, "Target")) return err::invalidInput("INVALID_PATTERN");
  const Json& target = in["Target"];
  auto type = optionalString(target, "Type");
  if (!type || (*type != "ACCOUNT" && *type != "EMAIL")) return err::invalidInput("INVALID_PARTY_TYPE_TARGET");
  auto id = optionalString(target, "Id");
  if (*type == "ACCOUNT" && (!id || !isAccountId(*id))) return err::invalidInput("INVALID_PATTERN");
  if (*type == "EMAIL" && (!id || !isEmail(*id))) return err::invalidInput("INVALID_EMAIL_ADDRESS_TARGET");
  return HandshakeParty{*id, *type};
}

Status validateTags(const Json& in) {
  auto it = in.find("Tags");
  if (it == in.end() || it->is_null()) return okStatus();
  std::set<std::string> keys;
  bool duplicate = false;
  for (const Json& tag : *it) {
    auto key = optionalString(tag, "Key");
    auto value = optionalString(tag, "Value");
    if (!key) return err::invalidInput("INPUT_REQUIRED:TAGS_KEY");
    if (!value) return err::invalidInput("INPUT_REQUIRED:TAGS_VALUE");
    if (awsLength(*key) < 1) return err::invalidInput("MIN_LENGTH_EXCEEDED:TAGS_KEY");
    if (awsLength(*key) > 128) return err::invalidInput("MAX_LENGTH_EXCEEDED:TAGS_KEY");
    if (awsLength(*value) > 256) return err::invalidInput("MAX_LENGTH_EXCEEDED:TAGS_VALUE");
    if (!isTagText(*key)) return err::invalidInput("INVALID_PATTERN:TAGS_KEY");
    if (!isTagText(*value)) return err::invalidInput("INVALID_PATTERN:TAGS_VALUE");
    // System tag keys (aws:, in any letter case) are reserved for AWS (BC InvalidInputException reasons).
    if (equalsIgnoringCase(std::string_view(*key).substr(0, 4), "aws:"))
      return err::invalidInput("INVALID_SYSTEM_TAGS_PARAMETER");
    duplicate = duplicate || !keys.insert(*key).second;
  }
  if (duplicate) return err::invalidInput("DUPLICATE_TAG_KEY");  // AWS-observed, bare reason
  // At most 50 tags per resource; exceeding it fails the whole request (BC Tags; UG tagging quotas).
  if (it->size() > kMaxTagsPerResource) return err::constraint("MAX_TAG_LIMIT_EXCEEDED");
  return okStatus();
}

}  // namespace hs
