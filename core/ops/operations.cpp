#include "ops/operations.h"

#include <algorithm>
#include <map>

namespace hs {
namespace {

// Request shapes from the botocore model (organizations-2016-11-28), for the JSON type check. `req` marks a
// member of its input shape's "required" list in ../shared/aws/organizations-2016-11-28-service-2.json
// (botocore 1.43.67; tests/data/botocore-operation-members.json is the extract the tests compare with).
// The flag is metadata for Simulator.DescribeOperations: checkTypes ignores it, the handlers check presence.

const MemberShape kHandshakeId = req("HandshakeId", Kind::String);
const MemberShape kNextToken = opt("NextToken", Kind::String);
const MemberShape kMaxResults = opt("MaxResults", Kind::Integer);
const MemberShape kParty = req("Target", Kind::Structure, {req("Id", Kind::String), req("Type", Kind::String)});
const MemberShape kNotes = opt("Notes", Kind::String);
// Tags: optional on the invitations and CreateAccount, required by TagResource.
MemberShape tags(bool required) {
  return MemberShape{"Tags",
                     Kind::List,
                     {opt("member", Kind::Structure, {req("Key", Kind::String), req("Value", Kind::String)})},
                     required};
}
const MemberShape kFilter =
    opt("Filter", Kind::Structure, {opt("ActionType", Kind::String), opt("ParentHandshakeId", Kind::String)});
const MemberShape kAccountId = req("AccountId", Kind::String);
const MemberShape kTransferType = req("Type", Kind::String);
// A transfer's Id: required, except as ListInboundResponsibilityTransfers' filter.
MemberShape transferId(bool required) { return MemberShape{"Id", Kind::String, {}, required}; }
const MemberShape kParentId = req("ParentId", Kind::String);
const MemberShape kResourceId = req("ResourceId", Kind::String);

}  // namespace

const std::vector<OperationSpec>& allOperations() {
  static const std::vector<OperationSpec> kOps = {
      {"InviteAccountToOrganization", {kParty, kNotes, tags(false)}, ops::inviteAccountToOrganization},
      {"AcceptHandshake", {kHandshakeId}, ops::acceptHandshake},
      {"DeclineHandshake", {kHandshakeId}, ops::declineHandshake},
      {"CancelHandshake", {kHandshakeId}, ops::cancelHandshake},
      {"DescribeHandshake", {kHandshakeId}, ops::describeHandshake},
      {"ListHandshakesForAccount", {kFilter, kNextToken, kMaxResults}, ops::listHandshakesForAccount},
      {"ListHandshakesForOrganization", {kFilter, kNextToken, kMaxResults}, ops::listHandshakesForOrganization},
      {"EnableAllFeatures", {}, ops::enableAllFeatures},
      {"CreateOrganization", {opt("FeatureSet", Kind::String)}, ops::createOrganization},
      {"DescribeOrganization", {}, ops::describeOrganization},
      {"DeleteOrganization", {}, ops::deleteOrganization},
      {"LeaveOrganization", {}, ops::leaveOrganization},
      {"RemoveAccountFromOrganization", {kAccountId}, ops::removeAccountFromOrganization},
      {"ListAccounts", {kNextToken, kMaxResults}, ops::listAccounts},
      {"DescribeAccount", {kAccountId}, ops::describeAccount},
      {"InviteOrganizationToTransferResponsibility",
       {kTransferType, kParty, kNotes, req("StartTimestamp", Kind::Timestamp), req("SourceName", Kind::String),
        tags(false)},
       ops::inviteOrganizationToTransferResponsibility},
      {"ListInboundResponsibilityTransfers",
       {kTransferType, transferId(false), kNextToken, kMaxResults},
       ops::listInboundResponsibilityTransfers},
      {"ListOutboundResponsibilityTransfers",
       {kTransferType, kNextToken, kMaxResults},
       ops::listOutboundResponsibilityTransfers},
      {"DescribeResponsibilityTransfer", {transferId(true)}, ops::describeResponsibilityTransfer},
      {"UpdateResponsibilityTransfer",
       {transferId(true), req("Name", Kind::String)},
       ops::updateResponsibilityTransfer},
      {"TerminateResponsibilityTransfer",
       {transferId(true), opt("EndTimestamp", Kind::Timestamp)},
       ops::terminateResponsibilityTransfer},
      {"ListRoots", {kNextToken, kMaxResults}, ops::listRoots},
      {"ListParents", {req("ChildId", Kind::String), kNextToken, kMaxResults}, ops::listParents},
      {"ListChildren", {kParentId, req("ChildType", Kind::String), kNextToken, kMaxResults}, ops::listChildren},
      {"ListAccountsForParent", {kParentId, kNextToken, kMaxResults}, ops::listAccountsForParent},
      {"ListTagsForResource", {kResourceId, kNextToken}, ops::listTagsForResource},
      {"TagResource", {kResourceId, tags(true)}, ops::tagResource},
      {"UntagResource", {kResourceId, req("TagKeys", Kind::List, {opt("member", Kind::String)})}, ops::untagResource},
      {"CreateAccount",
       {req("Email", Kind::String), req("AccountName", Kind::String), opt("RoleName", Kind::String),
        opt("IamUserAccessToBilling", Kind::String), tags(false)},
       ops::createAccount},
      {"DescribeCreateAccountStatus", {req("CreateAccountRequestId", Kind::String)}, ops::describeCreateAccountStatus},
      {"ListCreateAccountStatus",
       {opt("States", Kind::List, {opt("member", Kind::String)}), kNextToken, kMaxResults},
       ops::listCreateAccountStatus},
  };
  return kOps;
}

// The 63 operations of the AWS Organizations model: botocore
// botocore/data/organizations/2016-11-28/service-2.json (1.43.67; the copy in shared/aws/).
// A name here that allOperations() lacks answers OperationNotSimulatedException (docs/wire-api.md).
const std::vector<std::string>& awsOperationNames() {
  static const std::vector<std::string> kNames = {
      "AcceptHandshake",
      "AttachPolicy",
      "CancelHandshake",
      "CloseAccount",
      "CreateAccount",
      "CreateGovCloudAccount",
      "CreateOrganization",
      "CreateOrganizationalUnit",
      "CreatePolicy",
      "DeclineHandshake",
      "DeleteOrganization",
      "DeleteOrganizationalUnit",
      "DeletePolicy",
      "DeleteResourcePolicy",
      "DeregisterDelegatedAdministrator",
      "DescribeAccount",
      "DescribeCreateAccountStatus",
      "DescribeEffectivePolicy",
      "DescribeHandshake",
      "DescribeOrganization",
      "DescribeOrganizationalUnit",
      "DescribePolicy",
      "DescribeResourcePolicy",
      "DescribeResponsibilityTransfer",
      "DetachPolicy",
      "DisableAWSServiceAccess",
      "DisablePolicyType",
      "EnableAWSServiceAccess",
      "EnableAllFeatures",
      "EnablePolicyType",
      "InviteAccountToOrganization",
      "InviteOrganizationToTransferResponsibility",
      "LeaveOrganization",
      "ListAWSServiceAccessForOrganization",
      "ListAccounts",
      "ListAccountsForParent",
      "ListAccountsWithInvalidEffectivePolicy",
      "ListChildren",
      "ListCreateAccountStatus",
      "ListDelegatedAdministrators",
      "ListDelegatedServicesForAccount",
      "ListEffectivePolicyValidationErrors",
      "ListHandshakesForAccount",
      "ListHandshakesForOrganization",
      "ListInboundResponsibilityTransfers",
      "ListOrganizationalUnitsForParent",
      "ListOutboundResponsibilityTransfers",
      "ListParents",
      "ListPolicies",
      "ListPoliciesForTarget",
      "ListRoots",
      "ListTagsForResource",
      "ListTargetsForPolicy",
      "MoveAccount",
      "PutResourcePolicy",
      "RegisterDelegatedAdministrator",
      "RemoveAccountFromOrganization",
      "TagResource",
      "TerminateResponsibilityTransfer",
      "UntagResource",
      "UpdateOrganizationalUnit",
      "UpdatePolicy",
      "UpdateResponsibilityTransfer",
  };
  return kNames;
}

namespace {

Json describeMember(const MemberShape& m);

// A shape's type and what it holds: a structure's members, a list's element shape.
Json describeType(const MemberShape& m) {
  Json out{{"Type", typeName(m.kind)}};
  if (m.kind == Kind::Structure) {
    Json members = Json::array();
    for (const MemberShape& child : m.members) members.push_back(describeMember(child));
    out["Members"] = std::move(members);
  } else if (m.kind == Kind::List && !m.members.empty()) {
    out["Member"] = describeType(m.members[0]);
  }
  return out;
}

Json describeMember(const MemberShape& m) {
  Json out = describeType(m);
  out["Name"] = m.name;
  out["Required"] = m.required;
  return out;
}

}  // namespace

Json describeOperation(const OperationSpec& op) {
  Json members = Json::array();
  for (const MemberShape& m : op.shape) members.push_back(describeMember(m));
  return Json{{"Members", std::move(members)}, {"Name", op.name}, {"ReadOnly", op.readsOnly()}};
}

bool isAwsOperation(std::string_view name) {
  const auto& names = awsOperationNames();
  return std::binary_search(names.begin(), names.end(), name);
}

const OperationSpec* findOperation(std::string_view name) {
  static const std::map<std::string, const OperationSpec*, std::less<>> kByName = [] {
    std::map<std::string, const OperationSpec*, std::less<>> m;
    for (const auto& op : allOperations()) m[op.name] = &op;
    return m;
  }();
  auto it = kByName.find(name);
  return it == kByName.end() ? nullptr : it->second;
}

}  // namespace hs
