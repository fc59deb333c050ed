// Records of the operations around handshakes: resource tags and CreateAccount requests.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "model/clock.h"
#include "wire/json.h"

namespace hs {

// The tags of one resource (an account or a root) inside one organization. AWS deletes an account's
// tags when it leaves its organization: tags recorded under another organization id read as none.
struct ResourceTags {
  std::string organizationId;
  std::map<std::string, std::string> tags;  // key -> value, listed in key order
};

// A CreateAccount request: IN_PROGRESS until `completed`, then SUCCEEDED or FAILED (settled on the
// first call at or after that time; docs/fidelity.md).
struct CreateAccountRequest {
  std::uint64_t seq = 0;       // request order (ListCreateAccountStatus)
  std::string id;              // car-...
  std::string organizationId;  // the requesting organization
  std::string accountName;
  std::string email;
  std::string accountId;              // reserved at request time; shown once SUCCEEDED
  std::string state = "IN_PROGRESS";  // IN_PROGRESS | SUCCEEDED | FAILED
  std::string failureReason;          // FAILED only
  Millis requested = 0;
  Millis completed = 0;       // when it settles
  Json tags = Json::array();  // applied to the account when it is created
};

// How long a CreateAccount request stays IN_PROGRESS on the simulated clock.
constexpr Millis kCreateAccountDelay = 60 * kSecond;

}  // namespace hs
