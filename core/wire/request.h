// Reading a request body: JSON types first (a wrong type is a SerializationException, as a JSON 1.1
// service deserializes before it validates), then model constraints with AWS's exact Reasons.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/handshake.h"
#include "wire/json.h"
#include "wire/result.h"
#include "wire/table.h"

namespace hs {

// The JSON kinds a member may have. The AWS operations use the first five (botocore's string, integer,
// timestamp, structure, list); the Simulator controls also use the last four.
enum class Kind {
  String,
  Integer,  // a 32-bit integer (botocore "integer")
  Timestamp,
  Structure,
  List,
  Double,    // any JSON number
  Boolean,   // true or false
  Unsigned,  // an integer from 0 to 2^64 - 1 (a seed)
  Document,  // any JSON value: its reader checks it (a world snapshot)
};

struct MemberShape;
// A request's members, a structure's, or a list's element shape (one row): a constant table.
using Shape = Table<MemberShape>;

struct MemberShape {
  const char* name;
  Kind kind;
  Shape members;  // Structure: its members; List: one entry, the element shape
  // In the input shape's "required" list of the botocore model. Metadata only (Simulator.DescribeOperations
  // publishes it): checkTypes ignores it, and each handler checks presence itself, with AWS's own Reason.
  bool required = false;
};

// Shorthands for shape tables: a required member, an optional one.
constexpr MemberShape req(const char* name, Kind kind, Shape members = {}) { return {name, kind, members, true}; }
constexpr MemberShape opt(const char* name, Kind kind, Shape members = {}) { return {name, kind, members, false}; }

// The type name of a kind: botocore's "string", "integer", "timestamp", "structure", "list", "double",
// "boolean", "document"; "unsigned long" for Unsigned.
const char* typeName(Kind k);

// Checks the JSON types of the members `shape` names; unknown members are ignored (AWS-observed).
// A null member counts as absent.
Status checkTypes(const Json& object, const Shape& shape);
// The first required member of `shape` that is absent (or null), in shape order, as AWS reports a
// missing member: InvalidInputException INPUT_REQUIRED:<NAME> with the member name in upper snake case
// (HandshakeId -> INPUT_REQUIRED:HANDSHAKE_ID). Top level only. The Simulator controls use it; the AWS
// operations' handlers check presence themselves, where AWS's reason differs (requireTarget).
Status checkRequired(const Json& object, const Shape& shape);

bool present(const Json& object, const char* name);
std::optional<std::string> optionalString(const Json& object, const char* name);

// Field checks. `field` is the Reason suffix AWS appends, e.g. "HANDSHAKE_ID".
Status requireHandshakeId(const Json& in, const char* name, const char* field);
Status requireAccountId(const Json& in, const char* name, const char* field);
Result<int> readMaxResults(const Json& in);  // 1..20; 0 when absent

// Model patterns, implemented without regex.
bool isHandshakeId(const std::string& s);     // ^h-[0-9a-z]{8,32}$
bool isAccountId(const std::string& s);       // ^\d{12}$
bool isEmail(const std::string& s);           // [^\s@]+@[^\s@]+\.[^\s@]+, length 6..64
bool isTransferId(const std::string& s);      // ^rt-[0-9a-z]{8,32}$
bool isOrganizationId(const std::string& s);  // ^o-[a-z0-9]{10,32}$
bool isTagText(const std::string& s);         // ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$
bool isPrintableAscii(const std::string& s);  // ^[ -~]+$
// Length as AWS (Java) counts it: UTF-16 code units.
size_t awsLength(const std::string& utf8);

// An invitation's Target, with InviteAccountToOrganization's AWS-observed checks and reasons: missing ->
// INVALID_PATTERN; Type not ACCOUNT or EMAIL -> INVALID_PARTY_TYPE_TARGET; a bad account id ->
// INVALID_PATTERN; a bad email -> INVALID_EMAIL_ADDRESS_TARGET.
Result<HandshakeParty> requireTarget(const Json& in);

// Tags: Key 1..128, Value 0..256, both the tag pattern; a key starting with aws: (any case) ->
// INVALID_SYSTEM_TAGS_PARAMETER; duplicate keys -> DUPLICATE_TAG_KEY (AWS-observed); more than 50 tags ->
// ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED.
constexpr size_t kMaxTagsPerResource = 50;
Status validateTags(const Json& in);

}  // namespace hs
