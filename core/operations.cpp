#include "operations.h"

#include <algorithm>
#include <unordered_map>

namespace hs {
namespace {

// Request shapes from the botocore model (organizations-2016-11-28), for the JSON type check.
const MemberShape kHandshakeId{"HandshakeId", Kind::String, {}};
const MemberShape kNextToken{"NextToken", Kind::String, {}};
const MemberShape kMaxResults{"MaxResults", Kind::Integer, {}};
const MemberShape kParty{"Target", Kind::Structure, {{"Id", Kind::String, {}}, {"Type", Kind::String, {}}}};
const MemberShape kNotes{"Notes", Kind::String, {}};
const MemberShape kTags{
    "Tags", Kind::List, {{"member", Kind::Structure, {{"Key", Kind::String, {}}, {"Value", Kind::String, {}}}}}};
const MemberShape kFilter{
    "Filter", Kind::Structure, {{"ActionType", Kind::String, {}}, {"ParentHandshakeId", Kind::String, {}}}};
const MemberShape kAccountId{"AccountId", Kind::String, {}};
const MemberShape kTransferType{"Type", Kind::String, {}};
const MemberShape kTransferId{"Id", Kind::String, {}};
const MemberShape kParentId{"ParentId", Kind::String, {}};
const MemberShape kResourceId{"ResourceId", Kind::String, {}};

}  // namespace

const std::vector<OperationSpec>& allOperations() {
  static const std::vector<OperationSpec> kOps = {
      {"InviteAccountToOrganization", {kParty, kNotes, kTags}, ops::inviteAccountToOrganization},
      {"AcceptHandshake", {kHandshakeId}, ops::acceptHandshake},
      {"DeclineHandshake", {kHandshakeId}, ops::declineHandshake},
      {"CancelHandshake", {kHandshakeId}, ops::cancelHandshake},
      {"DescribeHandshake", {kHandshakeId}, ops::describeHandshake},
      {"ListHandshakesForAccount", {kFilter, kNextToken, kMaxResults}, ops::listHandshakesForAccount},
      {"ListHandshakesForOrganization", {kFilter, kNextToken, kMaxResults}, ops::listHandshakesForOrganization},
      {"EnableAllFeatures", {}, ops::enableAllFeatures},
      {"CreateOrganization", {{"FeatureSet", Kind::String, {}}}, ops::createOrganization},
      {"DescribeOrganization", {}, ops::describeOrganization},
      {"DeleteOrganization", {}, ops::deleteOrganization},
      {"LeaveOrganization", {}, ops::leaveOrganization},
      {"RemoveAccountFromOrganization", {kAccountId}, ops::removeAccountFromOrganization},
      {"ListAccounts", {kNextToken, kMaxResults}, ops::listAccounts},
      {"DescribeAccount", {kAccountId}, ops::describeAccount},
      {"InviteOrganizationToTransferResponsibility",
       {kTransferType,
        kParty,
        kNotes,
        {"StartTimestamp", Kind::Timestamp, {}},
        {"SourceName", Kind::String, {}},
        kTags},
       ops::inviteOrganizationToTransferResponsibility},
      {"ListInboundResponsibilityTransfers",
       {kTransferType, kTransferId, kNextToken, kMaxResults},
       ops::listInboundResponsibilityTransfers},
      {"ListOutboundResponsibilityTransfers",
       {kTransferType, kNextToken, kMaxResults},
       ops::listOutboundResponsibilityTransfers},
      {"DescribeResponsibilityTransfer", {kTransferId}, ops::describeResponsibilityTransfer},
      {"UpdateResponsibilityTransfer", {kTransferId, {"Name", Kind::String, {}}}, ops::updateResponsibilityTransfer},
      {"TerminateResponsibilityTransfer",
       {kTransferId, {"EndTimestamp", Kind::Timestamp, {}}},
       ops::terminateResponsibilityTransfer},
      {"ListRoots", {kNextToken, kMaxResults}, ops::listRoots},
      {"ListParents", {{"ChildId", Kind::String, {}}, kNextToken, kMaxResults}, ops::listParents},
      {"ListChildren", {kParentId, {"ChildType", Kind::String, {}}, kNextToken, kMaxResults}, ops::listChildren},
      {"ListAccountsForParent", {kParentId, kNextToken, kMaxResults}, ops::listAccountsForParent},
      {"ListTagsForResource", {kResourceId, kNextToken}, ops::listTagsForResource},
      {"TagResource", {kResourceId, kTags}, ops::tagResource},
      {"UntagResource", {kResourceId, {"TagKeys", Kind::List, {{"member", Kind::String, {}}}}}, ops::untagResource},
      {"CreateAccount",
       {{"Email", Kind::String, {}},
        {"AccountName", Kind::String, {}},
        {"RoleName", Kind::String, {}},
        {"IamUserAccessToBilling", Kind::String, {}},
        kTags},
       ops::createAccount},
      {"DescribeCreateAccountStatus", {{"CreateAccountRequestId", Kind::String, {}}}, ops::describeCreateAccountStatus},
      {"ListCreateAccountStatus",
       {{"States", Kind::List, {{"member", Kind::String, {}}}}, kNextToken, kMaxResults},
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

bool isAwsOperation(const std::string& name) {
  const auto& names = awsOperationNames();
  return std::binary_search(names.begin(), names.end(), name);
}

const OperationSpec* findOperation(const std::string& name) {
  static const std::unordered_map<std::string, const OperationSpec*> kByName = [] {
    std::unordered_map<std::string, const OperationSpec*> m;
    for (const auto& op : allOperations()) m[op.name] = &op;
    return m;
  }();
  auto it = kByName.find(name);
  return it == kByName.end() ? nullptr : it->second;
}

}  // namespace hs
