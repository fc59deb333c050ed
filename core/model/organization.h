// An organization: a management account, its members, and its feature set.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/clock.h"

namespace hs {

// FeatureSet on the wire: ALL or CONSOLIDATED_BILLING. Strings only at the JSON boundary (responses,
// requests, snapshots), through this pair.
enum class FeatureSet { All, ConsolidatedBilling };
inline const char* toString(FeatureSet f) {
  switch (f) {
    case FeatureSet::All: return "ALL";
    case FeatureSet::ConsolidatedBilling: return "CONSOLIDATED_BILLING";
  }
  return "";
}
inline std::optional<FeatureSet> featureSetFromString(const std::string& s) {
  if (s == "ALL") return FeatureSet::All;
  if (s == "CONSOLIDATED_BILLING") return FeatureSet::ConsolidatedBilling;
  return std::nullopt;
}

struct Organization {
  std::string id;      // o-...
  std::string rootId;  // r-...
  FeatureSet featureSet = FeatureSet::All;
  std::string managementAccountId;
  std::vector<std::string> memberIds;  // every account in it, management first, in joining order
  std::string allFeaturesHandshakeId;  // the latest ENABLE_ALL_FEATURES parent, if any
  bool scpEnabled = false;             // SERVICE_CONTROL_POLICY in AvailablePolicyTypes (created with ALL)
  Millis created = 0;

  bool allFeatures() const { return featureSet == FeatureSet::All; }
  // The one test of "the caller manages this organization" (the management account is the only one
  // that may invite, cancel its invitations, remove members, start the migration, delete it, and it
  // alone may not leave).
  bool managedBy(const std::string& accountId) const { return managementAccountId == accountId; }
};

}  // namespace hs
