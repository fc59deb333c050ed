// The Simulator.* targets: build and inspect worlds, move the clock, snapshot, describe the lifecycle.
#pragma once
#include <string>

#include "engine.h"
#include "json.h"
#include "result.h"

namespace hs {

class SimulatorControls {
 public:
  explicit SimulatorControls(Engine& engine) : engine_(engine) {}
  WireResponse handle(const std::string& control, const std::string& body);

 private:
  Result<Json> createAccount(const Json& in);
  Result<Json> createOrganization(const Json& in);
  Result<Json> joinOrganization(const Json& in);
  Result<Json> setTime(const Json& in);
  Result<Json> advanceTime(const Json& in);
  Result<Json> reset(const Json& in);
  Result<Json> importWorld(const Json& in);
  Result<Json> exportWorld(const Json& in);
  Result<Json> describeWorld(const Json& in);
  Result<Json> describeLifecycle(const Json& in);
  Result<Json> dryRun(const Json& in);
  Result<Json> setSettings(const Json& in);
  Engine& engine_;
};

}  // namespace hs
