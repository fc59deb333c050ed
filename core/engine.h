// The engine's public API: one wire entry point, as AWS JSON 1.1 over (caller, X-Amz-Target, body).
//
//   hs::Engine engine(seed);
//   hs::WireResponse r = engine.handle("111111111111", "AWSOrganizationsV20161128.DescribeHandshake",
//                                      R"({"HandshakeId":"h-..."})");
//
// Targets "AWSOrganizationsV20161128.<Operation>" are AWS Organizations operations made by account
// `caller`; targets "Simulator.<Control>" control the simulated world (caller ignored). See
// docs/wire-api.md. handle() never throws and never aborts on any input.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "model/clock.h"

namespace hs {

class World;

struct WireResponse {
  int status;
  std::string body;
};

class Engine {
 public:
  explicit Engine(std::uint64_t seed = 0);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  WireResponse handle(const std::string& caller, const std::string& target, const std::string& body);

  // For embedding and tests: the world and its clock.
  World& world() { return *world_; }
  SimulatedClock& clock() { return clock_; }

 private:
  friend class SimulatorControls;
  WireResponse dispatch(const std::string& caller, const std::string& target, const std::string& body);
  SimulatedClock clock_;
  std::unique_ptr<World> world_;
};

}  // namespace hs
