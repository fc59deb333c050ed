#include "ops/organization_view.h"

#include "model/timestamp.h"

namespace hs {

std::string accountArn(const Organization& org, const std::string& accountId) {
  return "arn:aws:organizations::" + org.managementAccountId + ":account/" + org.id + "/" + accountId;
}

Json organizationJson(const World& w, const Organization& org) {
  const Account* mgmt = w.findAccount(org.managementAccountId);
  Json policies = Json::array();
  if (org.scpEnabled) policies.push_back({{"Status", "ENABLED"}, {"Type", "SERVICE_CONTROL_POLICY"}});
  return Json{{"Arn", "arn:aws:organizations::" + org.managementAccountId + ":organization/" + org.id},
              {"AvailablePolicyTypes", policies},
              {"FeatureSet", toString(org.featureSet)},
              {"Id", org.id},
              {"MasterAccountArn", accountArn(org, org.managementAccountId)},
              {"MasterAccountEmail", mgmt ? mgmt->email : ""},
              {"MasterAccountId", org.managementAccountId}};
}

Json rootJson(const Organization& org) {
  // RootArn pattern arn:aws:organizations::<management account>:root/o-.../r-... (BC); the name AWS gives
  // the root is "Root" (BC ListRoots example).
  Json policies = Json::array();
  if (org.scpEnabled) policies.push_back({{"Status", "ENABLED"}, {"Type", "SERVICE_CONTROL_POLICY"}});
  return Json{{"Arn", "arn:aws:organizations::" + org.managementAccountId + ":root/" + org.id + "/" + org.rootId},
              {"Id", org.rootId},
              {"Name", "Root"},
              {"PolicyTypes", policies}};
}

Json accountJson(const World& w, const Account& a) {
  const Organization* org = w.findOrganization(a.organizationId);
  Json j{{"Email", a.email}, {"Id", a.id}, {"Name", a.name}, {"State", "ACTIVE"}, {"Status", "ACTIVE"}};
  if (org) {
    j["Arn"] = accountArn(*org, a.id);
    j["JoinedMethod"] = toString(a.joinedMethod);
    j["JoinedTimestamp"] = timestampJson(a.joined);
    j["Paths"] = Json::array({org->id + "/" + org->rootId + "/" + a.id + "/"});
  }
  return j;
}

}  // namespace hs
