// The AWS operations the engine implements: name -> (request shape, handler).
#pragma once
#include <string>
#include <vector>

#include "json.h"
#include "request.h"
#include "result.h"
#include "world.h"

namespace hs {

// A handler runs after authentication (the caller exists) and the JSON type check of its shape.
// It must leave the world unchanged when it returns an error (the one AWS-observed exception is the
// already-a-member quirk of AcceptHandshake, documented there).
using Handler = Result<Json> (*)(World& world, Account& caller, const Json& input);

struct OperationSpec {
  std::string name;
  Shape shape;
  Handler handler;
};

const OperationSpec* findOperation(const std::string& name);
const std::vector<OperationSpec>& allOperations();

namespace ops {
// handshake_ops.cpp
Result<Json> inviteAccountToOrganization(World&, Account&, const Json&);
Result<Json> acceptHandshake(World&, Account&, const Json&);
Result<Json> declineHandshake(World&, Account&, const Json&);
Result<Json> cancelHandshake(World&, Account&, const Json&);
Result<Json> describeHandshake(World&, Account&, const Json&);
Result<Json> listHandshakesForAccount(World&, Account&, const Json&);
Result<Json> listHandshakesForOrganization(World&, Account&, const Json&);
// all_features_ops.cpp
Result<Json> enableAllFeatures(World&, Account&, const Json&);
// organization_ops.cpp
Result<Json> createOrganization(World&, Account&, const Json&);
Result<Json> describeOrganization(World&, Account&, const Json&);
Result<Json> deleteOrganization(World&, Account&, const Json&);
Result<Json> leaveOrganization(World&, Account&, const Json&);
Result<Json> removeAccountFromOrganization(World&, Account&, const Json&);
Result<Json> listAccounts(World&, Account&, const Json&);
Result<Json> describeAccount(World&, Account&, const Json&);
// transfer_ops.cpp
Result<Json> inviteOrganizationToTransferResponsibility(World&, Account&, const Json&);
Result<Json> listInboundResponsibilityTransfers(World&, Account&, const Json&);
Result<Json> listOutboundResponsibilityTransfers(World&, Account&, const Json&);
Result<Json> describeResponsibilityTransfer(World&, Account&, const Json&);
Result<Json> updateResponsibilityTransfer(World&, Account&, const Json&);
Result<Json> terminateResponsibilityTransfer(World&, Account&, const Json&);
}  // namespace ops

}  // namespace hs
