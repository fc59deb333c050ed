// A responsibility transfer (billing transfer): one organization's management account takes over the
// bill of another organization. Proposed with a TRANSFER_RESPONSIBILITY handshake.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "model/clock.h"
#include "wire/json.h"

namespace hs {

// Strings only at the JSON boundary (responses, snapshots).
enum class TransferStatus { Requested, Declined, Canceled, Expired, Accepted, Withdrawn };
constexpr int kTransferStatusCount = 6;
const char* toString(TransferStatus s);  // "REQUESTED", ...
std::optional<TransferStatus> transferStatusFromString(const std::string& s);

struct ResponsibilityTransfer {
  std::uint64_t seq = 0;  // the seq of its handshake: lists page over the handshake indices
  std::string id;         // rt-...
  std::string name;       // SourceName from the invitation; UpdateResponsibilityTransfer renames it
  std::string type = "BILLING";
  // As last set by fireTransfer (core/rules/transfer_lifecycle.h): REQUESTED, DECLINED, CANCELED, ACCEPTED,
  // WITHDRAWN (EXPIRED only from snapshots). A REQUESTED transfer whose handshake has ended reads as
  // that end (transferStatus).
  TransferStatus status = TransferStatus::Requested;
  // Source: the organization whose responsibility moves (the invited one). Until acceptance only what
  // the invitation named is known: the account id (ACCOUNT target) or the root email (EMAIL target).
  std::string sourceAccountId, sourceEmail, sourceOrganizationId;
  // Target: the organization that takes the responsibility over (the inviter).
  std::string targetAccountId, targetEmail, targetOrganizationId;
  Millis start = 0;         // 00:00:00.000 UTC on the 1st of a month
  Millis end = 0;           // 0: open-ended; else 23:59:59.999 UTC on the last day of a month
  std::string handshakeId;  // the TRANSFER_RESPONSIBILITY handshake

  // "inbound" is the inviter's (target's) view, "outbound" the invited (source) organization's view.
  std::string arn(const std::string& direction) const;
};

}  // namespace hs
