// An AWS account of the simulated world: standalone, or a member of one organization.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "model/clock.h"
#include "wire/json.h"

namespace hs {

// JoinedMethod on the wire: INVITED or CREATED while a member; None (written "") while standalone.
// Strings only at the JSON boundary (responses, snapshots), through this pair.
enum class JoinedMethod { None, Invited, Created };
inline const char* toString(JoinedMethod m) {
  switch (m) {
    case JoinedMethod::None: return "";
    case JoinedMethod::Invited: return "INVITED";
    case JoinedMethod::Created: return "CREATED";
  }
  return "";
}
inline std::optional<JoinedMethod> joinedMethodFromString(const std::string& s) {
  if (s.empty()) return JoinedMethod::None;
  if (s == "INVITED") return JoinedMethod::Invited;
  if (s == "CREATED") return JoinedMethod::Created;
  return std::nullopt;
}

struct Account {
  std::string id;  // 12 digits
  std::string name;
  std::string email;           // root email; unique in the world (invitations by EMAIL match it)
  std::string organizationId;  // empty: standalone
  // While a member: how it joined (JoinedMethod, JoinedTimestamp), and its joining order (ListAccounts
  // pages by it). None, 0 and 0 while standalone.
  JoinedMethod joinedMethod = JoinedMethod::None;
  Millis joined = 0;
  std::uint64_t joinSeq = 0;
  Millis created = 0;  // when the account came to exist (for the 4-day wait of created accounts)

  bool standalone() const { return organizationId.empty(); }
};

}  // namespace hs
