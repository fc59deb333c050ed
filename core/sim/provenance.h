// Where an answer comes from: the rule that produced a response and how far to trust it.
#pragma once
#include <string>

#include "wire/json.h"

namespace hs {

// {"Rule": ..., "Provenance": "SEEN_IN_AWS" | "DOCUMENTED" | "SIMULATOR_CHOICE", "Source": ...} for the
// response (status, body) the engine gave to `target`. Errors are judged by __type and Reason, successes
// by operation. Simulator.DryRun returns it with {"Explain": true} (docs/wire-api.md).
Json provenanceOf(const std::string& target, int status, const std::string& body);

}  // namespace hs
