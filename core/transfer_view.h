// The ResponsibilityTransfer shape as AWS returns it.
#pragma once
#include <string>

#include "json.h"
#include "world.h"

namespace hs {

// `direction` is the caller's view: "inbound" for the organization taking the responsibility over
// (the inviter), "outbound" for the organization whose responsibility moves.
Json transferJson(const World& w, const ResponsibilityTransfer& t, const std::string& direction);

}  // namespace hs
