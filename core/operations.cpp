#include "operations.h"

#include <unordered_map>

namespace hs {
namespace {

// Request shapes from the botocore model (organizations-2016-11-28), for the JSON type check.
const MemberShape kHandshakeId{"HandshakeId", Kind::String, {}};
const MemberShape kNextToken{"NextToken", Kind::String, {}};
const MemberShape kMaxResults{"MaxResults", Kind::Integer, {}};
const MemberShape kParty{"Target", Kind::Structure, {{"Id", Kind::String, {}}, {"Type", Kind::String, {}}}};
const MemberShape kNotes{"Notes", Kind::String, {}};
const MemberShape kTags{"Tags", Kind::List, {{"member", Kind::Structure, {{"Key", Kind::String, {}}, {"Value", Kind::String, {}}}}}};
const MemberShape kFilter{"Filter", Kind::Structure, {{"ActionType", Kind::String, {}}, {"ParentHandshakeId", Kind::String, {}}}};
const MemberShape kAccountId{"AccountId", Kind::String, {}};
const MemberShape kTransferType{"Type", Kind::String, {}};
const MemberShape kTransferId{"Id", Kind::String, {}};

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
       {kTransferType, kParty, kNotes, {"StartTimestamp", Kind::Timestamp, {}}, {"SourceName", Kind::String, {}}, kTags},
       ops::inviteOrganizationToTransferResponsibility},
      {"ListInboundResponsibilityTransfers", {kTransferType, kTransferId, kNextToken, kMaxResults},
       ops::listInboundResponsibilityTransfers},
      {"ListOutboundResponsibilityTransfers", {kTransferType, kNextToken, kMaxResults},
       ops::listOutboundResponsibilityTransfers},
      {"DescribeResponsibilityTransfer", {kTransferId}, ops::describeResponsibilityTransfer},
      {"UpdateResponsibilityTransfer", {kTransferId, {"Name", Kind::String, {}}}, ops::updateResponsibilityTransfer},
      {"TerminateResponsibilityTransfer", {kTransferId, {"EndTimestamp", Kind::Timestamp, {}}},
       ops::terminateResponsibilityTransfer},
  };
  return kOps;
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
