// A responsibility transfer (billing transfer): one organization's management account takes over the
// bill of another organization. Proposed with a TRANSFER_RESPONSIBILITY handshake.
#pragma once
#include <cstdint>
#include <string>

#include "clock.h"
#include "json.h"

namespace hs {

struct ResponsibilityTransfer {
  std::uint64_t seq = 0;
  std::string id;                 // rt-...
  std::string name;               // SourceName from the invitation; UpdateResponsibilityTransfer renames it
  std::string type = "BILLING";
  std::string status;             // REQUESTED | DECLINED | CANCELED | EXPIRED | ACCEPTED | WITHDRAWN
  // Source: the organization whose responsibility moves (the invited one).
  std::string sourceAccountId, sourceEmail, sourceOrganizationId;
  // Target: the organization that takes the responsibility over (the inviter).
  std::string targetAccountId, targetEmail, targetOrganizationId;
  Millis start = 0;
  Millis end = 0;                 // 0: open-ended
  std::string handshakeId;        // the TRANSFER_RESPONSIBILITY handshake

  // "inbound" is the inviter's (target's) view, "outbound" the invited (source) organization's view.
  std::string arn(const std::string& direction) const;
};

}  // namespace hs
