// An organization: a management account, its members, and its feature set.
#pragma once
#include <string>
#include <vector>

#include "clock.h"

namespace hs {

struct Organization {
  std::string id;          // o-...
  std::string rootId;      // r-...
  std::string featureSet;  // ALL | CONSOLIDATED_BILLING
  std::string managementAccountId;
  std::vector<std::string> memberIds;  // every account in it, management first, in joining order
  std::string allFeaturesHandshakeId;  // the latest ENABLE_ALL_FEATURES parent, if any
  bool scpEnabled = false;             // SERVICE_CONTROL_POLICY in AvailablePolicyTypes (created with ALL)
  Millis created = 0;

  bool allFeatures() const { return featureSet == "ALL"; }
  // The one test of "the caller manages this organization" (the management account is the only one
  // that may invite, cancel its invitations, remove members, start the migration, delete it, and it
  // alone may not leave).
  bool managedBy(const std::string& accountId) const { return managementAccountId == accountId; }
};

}  // namespace hs
