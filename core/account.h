// An AWS account of the simulated world: standalone, or a member of one organization.
#pragma once
#include <cstdint>
#include <string>

#include "clock.h"
#include "json.h"

namespace hs {

struct Account {
  std::string id;  // 12 digits
  std::string name;
  std::string email;           // root email; unique in the world (invitations by EMAIL match it)
  std::string organizationId;  // empty: standalone
  std::string joinedMethod;    // INVITED | CREATED, while a member
  Millis joined = 0;           // JoinedTimestamp, while a member
  std::uint64_t joinSeq = 0;   // joining order, while a member (ListAccounts pages by it)
  Millis created = 0;          // when the account came to exist (for the 4-day wait of created accounts)

  bool standalone() const { return organizationId.empty(); }
};

}  // namespace hs
