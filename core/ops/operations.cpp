#include "ops/operations.h"

#include <algorithm>
#include <map>

namespace hs {
namespace {

// Request shapes from the botocore model (organizations-2016-11-28), for the JSON type check. `req` marks a
// member of its input shape's "required" list in ../shared/aws/organizations-2016-11-28-service-2.json
// (botocore 1.43.67; tests/data/botocore-operation-members.json is the extract the tests compare with).
// The flag is metadata for Simulator.DescribeOperations: checkTypes ignores it, the handlers check presence.

constexpr MemberShape kHandshakeId = req("HandshakeId", Kind::String);
constexpr MemberShape kNextToken = opt("NextToken", Kind::String);
constexpr MemberShape kMaxResults = opt("MaxResults", Kind::Integer);
constexpr MemberShape kPartyMembers[] = {req("Id", Kind::String), req("Type", Kind::String)};
constexpr MemberShape kParty = req("Target", Kind::Structure, kPartyMembers);
constexpr MemberShape kNotes = opt("Notes", Kind::String);
// Tags: optional on the invitations and CreateAccount, required by TagResource.
constexpr MemberShape kTagMembers[] = {req("Key", Kind::String), req("Value", Kind::String)};
constexpr MemberShape kTag[] = {opt("member", Kind::Structure, kTagMembers)};
constexpr MemberShape kTags = opt("Tags", Kind::List, kTag);
constexpr MemberShape kRequiredTags = req("Tags", Kind::List, kTag);
constexpr MemberShape kFilterMembers[] = {opt("ActionType", Kind::String), opt("ParentHandshakeId", Kind::String)};
constexpr MemberShape kFilter = opt("Filter", Kind::Structure, kFilterMembers);
constexpr MemberShape kAccountId = req("AccountId", Kind::String);
constexpr MemberShape kTransferType = req("Type", Kind::String);
// A transfer's Id: required, except as ListInboundResponsibilityTransfers' filter.
constexpr MemberShape kTransferId = req("Id", Kind::String);
constexpr MemberShape kParentId = req("ParentId", Kind::String);
constexpr MemberShape kResourceId = req("ResourceId", Kind::String);
constexpr MemberShape kStringMember[] = {opt("member", Kind::String)};

// Each operation's request members, in the model's order.
constexpr MemberShape kInviteAccount[] = {kParty, kNotes, kTags};
constexpr MemberShape kOneHandshake[] = {kHandshakeId};
constexpr MemberShape kListHandshakes[] = {kFilter, kNextToken, kMaxResults};
constexpr MemberShape kCreateOrganization[] = {opt("FeatureSet", Kind::String)};
constexpr MemberShape kOneAccount[] = {kAccountId};
constexpr MemberShape kPage[] = {kNextToken, kMaxResults};
constexpr MemberShape kInviteTransfer[] = {
    kTransferType, kParty, kNotes, req("StartTimestamp", Kind::Timestamp), req("SourceName", Kind::String), kTags};
constexpr MemberShape kListInbound[] = {kTransferType, opt("Id", Kind::String), kNextToken, kMaxResults};
constexpr MemberShape kListOutbound[] = {kTransferType, kNextToken, kMaxResults};
constexpr MemberShape kOneTransfer[] = {kTransferId};
constexpr MemberShape kUpdateTransfer[] = {kTransferId, req("Name", Kind::String)};
constexpr MemberShape kTerminateTransfer[] = {kTransferId, opt("EndTimestamp", Kind::Timestamp)};
constexpr MemberShape kListParents[] = {req("ChildId", Kind::String), kNextToken, kMaxResults};
constexpr MemberShape kListChildren[] = {kParentId, req("ChildType", Kind::String), kNextToken, kMaxResults};
constexpr MemberShape kListForParent[] = {kParentId, kNextToken, kMaxResults};
constexpr MemberShape kListTags[] = {kResourceId, kNextToken};
constexpr MemberShape kTagResource[] = {kResourceId, kRequiredTags};
constexpr MemberShape kUntagResource[] = {kResourceId, req("TagKeys", Kind::List, kStringMember)};
constexpr MemberShape kCreateAccount[] = {req("Email", Kind::String), req("AccountName", Kind::String),
                                          opt("RoleName", Kind::String), opt("IamUserAccessToBilling", Kind::String),
                                          kTags};
constexpr MemberShape kDescribeCreateAccount[] = {req("CreateAccountRequestId", Kind::String)};
constexpr MemberShape kListCreateAccount[] = {opt("States", Kind::List, kStringMember), kNextToken, kMaxResults};

constexpr OperationSpec kOperations[] = {
    {"InviteAccountToOrganization", kInviteAccount, ops::inviteAccountToOrganization},
    {"AcceptHandshake", kOneHandshake, ops::acceptHandshake},
    {"DeclineHandshake", kOneHandshake, ops::declineHandshake},
    {"CancelHandshake", kOneHandshake, ops::cancelHandshake},
    {"DescribeHandshake", kOneHandshake, ops::describeHandshake},
    {"ListHandshakesForAccount", kListHandshakes, ops::listHandshakesForAccount},
    {"ListHandshakesForOrganization", kListHandshakes, ops::listHandshakesForOrganization},
    {"EnableAllFeatures", {}, ops::enableAllFeatures},
    {"CreateOrganization", kCreateOrganization, ops::createOrganization},
    {"DescribeOrganization", {}, ops::describeOrganization},
    {"DeleteOrganization", {}, ops::deleteOrganization},
    {"LeaveOrganization", {}, ops::leaveOrganization},
    {"RemoveAccountFromOrganization", kOneAccount, ops::removeAccountFromOrganization},
    {"ListAccounts", kPage, ops::listAccounts},
    {"DescribeAccount", kOneAccount, ops::describeAccount},
    {"InviteOrganizationToTransferResponsibility", kInviteTransfer, ops::inviteOrganizationToTransferResponsibility},
    {"ListInboundResponsibilityTransfers", kListInbound, ops::listInboundResponsibilityTransfers},
    {"ListOutboundResponsibilityTransfers", kListOutbound, ops::listOutboundResponsibilityTransfers},
    {"DescribeResponsibilityTransfer", kOneTransfer, ops::describeResponsibilityTransfer},
    {"UpdateResponsibilityTransfer", kUpdateTransfer, ops::updateResponsibilityTransfer},
    {"TerminateResponsibilityTransfer", kTerminateTransfer, ops::terminateResponsibilityTransfer},
    {"ListRoots", kPage, ops::listRoots},
    {"ListParents", kListParents, ops::listParents},
    {"ListChildren", kListChildren, ops::listChildren},
    {"ListAccountsForParent", kListForParent, ops::listAccountsForParent},
    {"ListTagsForResource", kListTags, ops::listTagsForResource},
    {"TagResource", kTagResource, ops::tagResource},
    {"UntagResource", kUntagResource, ops::untagResource},
    {"CreateAccount", kCreateAccount, ops::createAccount},
    {"DescribeCreateAccountStatus", kDescribeCreateAccount, ops::describeCreateAccountStatus},
    {"ListCreateAccountStatus", kListCreateAccount, ops::listCreateAccountStatus},
};

}  // namespace

Table<OperationSpec> allOperations() { return kOperations; }

// The 63 operations of the AWS Organizations model: botocore
// botocore/data/organizations/2016-11-28/service-2.json (1.43.67; the copy in shared/aws/).
// A name here that allOperations() lacks answers OperationNotSimulatedException (docs/wire-api.md). Sorted
// (byte order), for the binary search of isAwsOperation.
namespace {
constexpr std::string_view kAwsOperationNames[] = {
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
}  // namespace

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
  return std::binary_search(std::begin(kAwsOperationNames), std::end(kAwsOperationNames), name);
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
