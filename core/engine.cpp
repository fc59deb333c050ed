#include "engine.h"

#include <exception>

#include "errors.h"
#include "operations.h"
#include "simulator_controls.h"
#include "wire.h"
#include "world.h"

namespace hs {

Engine::Engine(std::uint64_t seed) : world_(std::make_unique<World>(&clock_, seed)) {}
Engine::~Engine() = default;

WireResponse Engine::handle(const std::string& caller, const std::string& target, const std::string& body) {
  try {
    return dispatch(caller, target, body);
  } catch (const std::exception& e) {
    // Reaching here is a bug; the module must survive it all the same.
    return errorResponse(AwsError{"ServiceException", std::string("Internal error: ") + e.what(), "", 500});
  } catch (...) {
    return errorResponse(AwsError{"ServiceException", "Internal error.", "", 500});
  }
}

WireResponse Engine::dispatch(const std::string& caller, const std::string& target, const std::string& body) {
  if (target.rfind(kSimulatorTargetPrefix, 0) == 0)
    return SimulatorControls(*this).handle(target.substr(std::char_traits<char>::length(kSimulatorTargetPrefix)), body);
  const OperationSpec* op = nullptr;
  if (target.rfind(kAwsTargetPrefix, 0) == 0)
    op = findOperation(target.substr(std::char_traits<char>::length(kAwsTargetPrefix)));
  if (!op) return errorResponse(err::unknownOperation(target));

  Account* account = isAccountId(caller) ? world_->findAccount(caller) : nullptr;
  if (!account) return errorResponse(err::unrecognizedClient());
  auto input = parseBody(body);
  if (!input.ok()) return errorResponse(input.error());
  Status typed = checkTypes(input.value(), op->shape);
  if (!typed.ok()) return errorResponse(typed.error());
  auto result = op->handler(*world_, *account, input.value());
  if (!result.ok()) return errorResponse(result.error());
  return WireResponse{200, std::move(result.value().text)};
}

}  // namespace hs
