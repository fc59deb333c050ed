// The Simulator.* targets: build and inspect worlds, move the clock, snapshot, describe the lifecycle and
// the operations.
#pragma once
#include <string>

#include "engine.h"
#include "wire/body.h"
#include "wire/json.h"
#include "wire/request.h"
#include "wire/result.h"

namespace hs {

class SimulatorControls {
 public:
  explicit SimulatorControls(Engine& engine) : engine_(engine) {}
  WireResponse handle(const std::string& control, const std::string& body);

 private:
  // A control: its request shape, checked as an AWS operation's is (checkTypes: a member of the wrong
  // JSON type is a SerializationException), then its required members (checkRequired:
  // INPUT_REQUIRED:<NAME>), then its handler.
  using Handler = Result<Body> (SimulatorControls::*)(const Json&);
  struct ControlSpec {
    const char* name;
    Shape shape;
    Handler handler;
  };
  static const ControlSpec* findControl(const std::string& name);

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
  Result<Body> describeMoves(const Json& in);
  Result<Body> explainResponse(const Json& in);
  Result<Body> setSettings(const Json& in);
  Engine& engine_;
};

}  // namespace hs
