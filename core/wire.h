// Wire-level helpers shared by the engine and the simulator controls.
#pragma once
#include <string>

#include "engine.h"
#include "json.h"
#include "result.h"

namespace hs {

constexpr const char* kAwsTargetPrefix = "AWSOrganizationsV20161128.";
constexpr const char* kSimulatorTargetPrefix = "Simulator.";
constexpr int kMaxNesting = 64;

// Parses a request body: empty means {}; anything but a JSON object is a SerializationException.
Result<Json> parseBody(const std::string& body);
WireResponse errorResponse(const AwsError& e);
WireResponse okResponse(const Json& body);

}  // namespace hs
