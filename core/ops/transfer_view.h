// The ResponsibilityTransfer shape as AWS returns it, and the status AWS reports.
#pragma once
#include <string>

#include "model/world.h"
#include "wire/json.h"

namespace hs {

// The status at the world's now: a REQUESTED transfer whose handshake has ended (expired, or ended by
// a system move) reads as EXPIRED, CANCELED or DECLINED. Computed on read; the world is not changed.
TransferStatus transferStatus(const World& w, const ResponsibilityTransfer& t);

// `direction` is the caller's view: "inbound" for the organization taking the responsibility over
// (the inviter), "outbound" for the organization whose responsibility moves. Members that are not
// known yet are omitted (the Source account id while an EMAIL invitation is pending, EndTimestamp
// while open-ended, ActiveHandshakeId once the handshake is no longer OPEN).
Json transferJson(const World& w, const ResponsibilityTransfer& t, const std::string& direction);

}  // namespace hs
