#include "engine.h"

#include <exception>
#include <new>
#include <stdexcept>
#include <string_view>

#include "model/world.h"
#include "ops/operations.h"
#include "sim/simulator_controls.h"
#include "wire/errors.h"
#include "wire/text.h"
#include "wire/wire.h"

namespace hs {

Engine::Engine(std::uint64_t seed) : world_(std::make_unique<World>(&clock_, seed)) {}
Engine::~Engine() = default;

WireResponse Engine::handle(const std::string& caller, const std::string& target, const std::string& body) {
  try {
    return dispatch(caller, target, body);
  } catch (const std::bad_alloc&) {
    // A request within the size limit that still needs more memory than there is: the caller's 4xx.
    return errorResponse(outOfMemory());
  } catch (const std::length_error&) {
    return errorResponse(outOfMemory());
  } catch (const std::exception& e) {
    // Reaching here is a bug; the module must survive it all the same.
    return errorResponse(AwsError{"ServiceException", std::string("Internal error: ") + e.what(), "", 500});
  } catch (...) {
    return errorResponse(AwsError{"ServiceException", "Internal error.", "", 500});
  }
}

WireResponse Engine::dispatch(const std::string& caller, const std::string& target, const std::string& body) {
  // Refused before anything reads the body, so a huge one never becomes a DOM.
  if (body.size() > requestLimit(target)) return errorResponse(requestTooLarge(requestLimit(target)));
  // Handshakes past their retention are dropped before any call sees the world (docs/fidelity.md).
  world_->purgeInvisible();
  // CreateAccount requests whose time has come complete before any call sees the world.
  settleCreateAccounts(*world_);
  if (startsWith(target, kSimulatorTargetPrefix))
    return SimulatorControls(*this).handle(target.substr(std::char_traits<char>::length(kSimulatorTargetPrefix)), body);
  const std::string_view name = awsOperationName(target);  // within target; "" for any other target
  const OperationSpec* op = findOperation(name);
  const bool modelled = op || (!name.empty() && isAwsOperation(name));
  if (!modelled) return errorResponse(err::unknownOperation(target));

  // An unsigned request (no caller at all): what AWS's JSON front end answers before it looks at the
  // operation. Seen in real AWS for DynamoDB (same protocol stack), HTTP 400 with a namespaced
  // __type and a lowercase "message"; SDKs read the bare name after '#' (docs/fidelity.md).
  if (caller.empty())
    return WireResponse{400, R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException",)"
                             R"("message":"Request is missing Authentication Token"})"};
  Account* account = isAccountId(caller) ? world_->findAccount(caller) : nullptr;
  if (!account) return errorResponse(err::unrecognizedClient());
  // An operation of the AWS model that is not simulated: after authentication, as AWS would.
  if (!op) return errorResponse(err::notSimulated(std::string(name)));
  auto input = parseBody(body);
  if (!input.ok()) return errorResponse(input.error());
  Status typed = checkTypes(input.value(), op->shape);
  if (!typed.ok()) return errorResponse(typed.error());
  auto result = op->handler(*world_, *account, input.value());
  if (!result.ok()) return errorResponse(result.error());
  return WireResponse{200, std::move(result.value().text)};
}

}  // namespace hs
