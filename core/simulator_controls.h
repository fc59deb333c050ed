// The Simulator.* targets: build and inspect worlds, move the clock, snapshot, describe the lifecycle and
// the operations.
#pragma once
#include <string>

#include "body.h"
#include "engine.h"
#include "json.h"
#include "result.h"

namespace hs {

class SimulatorControls {
 public:
  explicit SimulatorControls(Engine& engine) : engine_(engine) {}
  WireResponse handle(const std::string& control, const std::string& body);

 private:
  Result<Body> createAccount(const Json& in);
  Result<Body> createOrganization(const Json& in);
  Result<Body> joinOrganization(const Json& in);
  Result<Body> setTime(const Json& in);
  Result<Body> advanceTime(const Json& in);
  Result<Body> reset(const Json& in);
  Result<Body> importWorld(const Json& in);
  Result<Body> exportWorld(const Json& in);
  Result<Body> describeWorld(const Json& in);
  Result<Body> describeLifecycle(const Json& in);
  Result<Body> describeOperations(const Json& in);
  Result<Body> dryRun(const Json& in);
  Result<Body> explainResponse(const Json& in);
  Result<Body> setSettings(const Json& in);
  Engine& engine_;
};

}  // namespace hs
