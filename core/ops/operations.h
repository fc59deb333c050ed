// The AWS operations the engine implements: name -> (request shape, handler).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/world.h"
#include "wire/body.h"
#include "wire/json.h"
#include "wire/request.h"
#include "wire/result.h"
#include "wire/table.h"
#include "wire/text.h"

namespace hs {

// A handler runs after authentication (the caller exists) and the JSON type check of its shape.
// It must leave the world unchanged when it returns an error (the one AWS-observed exception is the
// already-a-member quirk of AcceptHandshake, documented there).
using Handler = Result<Body> (*)(World& world, Account& caller, const Json& input);

struct OperationSpec {
  const char* name;
  Shape shape;
  Handler handler;
  // AWS names its read-only operations Describe* and List*; their handlers change nothing, errors or
  // not (the fuzzer's world fingerprint checks it after every call), so Simulator.DryRun runs them on
  // the real world instead of a copy.
  bool readsOnly() const {
    const std::string_view n(name);
    return startsWith(n, "Describe") || startsWith(n, "List");
  }
};

// A string_view: the engine looks names up inside the request's target, without a copy.
const OperationSpec* findOperation(std::string_view name);
// Every operation of the AWS Organizations model, simulated or not.
bool isAwsOperation(std::string_view name);
// The success answer of an operation with no output shape: an empty body.
Body noOutput();
// Within Settings::finalizingOrganizationSeconds of the organization's creation (opt-in; off by default).
bool stillFinalizing(const World& w, const Organization& org);
// The caller's organization when the caller manages it; else AWSOrganizationsNotInUse or AccessDenied.
Result<Organization*> managedOrganization(World& w, const Account& caller);
// Completes the CreateAccount requests whose time has come (create_account_ops.cpp); run before every call.
void settleCreateAccounts(World& w);
// Tags given with an invitation or a CreateAccount request, applied to an account that joined.
void applyAccountTags(World& w, const Account& a, const Json& tags);
// The simulated operations, in the order Simulator.DescribeOperations lists them.
Table<OperationSpec> allOperations();
// The handshake an Accept, Decline or Cancel by `caller` acts on: {"HandshakeId"} checked, then found and
// visible to the caller; else the error those operations answer (handshake_ops.cpp).
Result<Handshake*> handshakeToAnswer(World& w, const Account& caller, const Json& in);
// One operation as Simulator.DescribeOperations publishes it: {Name, ReadOnly, Members}, each member
// {Name, Type, Required} with Members (a structure's, in the model's order) or Member (a list's element
// shape: {Type} and its own Members or Member); Type is the botocore type name (typeName in request.h).
Json describeOperation(const OperationSpec& op);

namespace ops {
// handshake_ops.cpp
Result<Body> inviteAccountToOrganization(World&, Account&, const Json&);
Result<Body> acceptHandshake(World&, Account&, const Json&);
Result<Body> declineHandshake(World&, Account&, const Json&);
Result<Body> cancelHandshake(World&, Account&, const Json&);
Result<Body> describeHandshake(World&, Account&, const Json&);
Result<Body> listHandshakesForAccount(World&, Account&, const Json&);
Result<Body> listHandshakesForOrganization(World&, Account&, const Json&);
// all_features_ops.cpp
Result<Body> enableAllFeatures(World&, Account&, const Json&);
// organization_ops.cpp
Result<Body> createOrganization(World&, Account&, const Json&);
Result<Body> describeOrganization(World&, Account&, const Json&);
Result<Body> deleteOrganization(World&, Account&, const Json&);
Result<Body> leaveOrganization(World&, Account&, const Json&);
Result<Body> removeAccountFromOrganization(World&, Account&, const Json&);
Result<Body> listAccounts(World&, Account&, const Json&);
Result<Body> describeAccount(World&, Account&, const Json&);
// transfer_ops.cpp
Result<Body> inviteOrganizationToTransferResponsibility(World&, Account&, const Json&);
Result<Body> listInboundResponsibilityTransfers(World&, Account&, const Json&);
Result<Body> listOutboundResponsibilityTransfers(World&, Account&, const Json&);
Result<Body> describeResponsibilityTransfer(World&, Account&, const Json&);
Result<Body> updateResponsibilityTransfer(World&, Account&, const Json&);
Result<Body> terminateResponsibilityTransfer(World&, Account&, const Json&);
// root_ops.cpp
Result<Body> listRoots(World&, Account&, const Json&);
Result<Body> listParents(World&, Account&, const Json&);
Result<Body> listChildren(World&, Account&, const Json&);
Result<Body> listAccountsForParent(World&, Account&, const Json&);
// tag_ops.cpp
Result<Body> listTagsForResource(World&, Account&, const Json&);
Result<Body> tagResource(World&, Account&, const Json&);
Result<Body> untagResource(World&, Account&, const Json&);
// create_account_ops.cpp
Result<Body> createAccount(World&, Account&, const Json&);
Result<Body> describeCreateAccountStatus(World&, Account&, const Json&);
Result<Body> listCreateAccountStatus(World&, Account&, const Json&);
}  // namespace ops

}  // namespace hs
