// Responsibility transfers: work in progress (next commit).
#include "errors.h"
#include "handshake_effects.h"
#include "operations.h"
#include "timestamp.h"
#include "transfer_view.h"

namespace hs {

Json transferJson(const World& w, const ResponsibilityTransfer& t, const std::string& direction) {
  (void)w;
  Json j{{"Arn", t.arn(direction)}, {"Name", t.name}, {"Id", t.id}, {"Type", t.type}, {"Status", t.status},
         {"Source", {{"ManagementAccountId", t.sourceAccountId}, {"ManagementAccountEmail", t.sourceEmail}}},
         {"Target", {{"ManagementAccountId", t.targetAccountId}, {"ManagementAccountEmail", t.targetEmail}}},
         {"StartTimestamp", timestampJson(t.start)}, {"ActiveHandshakeId", t.handshakeId}};
  if (t.end) j["EndTimestamp"] = timestampJson(t.end);
  return j;
}

namespace effects {
Status acceptTransfer(World&, Handshake&, Account&) { return err::invalidTransition(); }
void transferHandshakeEnded(World&, Handshake&) {}
}  // namespace effects

namespace ops {
#define HS_PENDING(fn) \
  Result<Json> fn(World&, Account&, const Json&) { return err::unknownOperation(#fn); }
HS_PENDING(inviteOrganizationToTransferResponsibility)
HS_PENDING(listInboundResponsibilityTransfers)
HS_PENDING(listOutboundResponsibilityTransfers)
HS_PENDING(describeResponsibilityTransfer)
HS_PENDING(updateResponsibilityTransfer)
HS_PENDING(terminateResponsibilityTransfer)
}  // namespace ops
}  // namespace hs
