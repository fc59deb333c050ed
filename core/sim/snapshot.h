// World snapshots: a versioned JSON form of everything (accounts, organizations, handshakes,
// transfers, settings, clock, id generator and token key). Export, import, export gives the same bytes.
#pragma once
#include <memory>
#include <string>

#include "model/world.h"
#include "wire/json.h"
#include "wire/json_writer.h"
#include "wire/result.h"

namespace hs {

constexpr int kSnapshotVersion = 1;

// Writes the snapshot of `w` as one JSON object (exactly dumpJson() of its Json form).
void writeWorld(JsonWriter& out, const World& w);
// Builds a new world from a snapshot; nothing is touched on failure. The new world reads time from
// `clock`; `now` receives the snapshot's clock reading for the caller to set.
Result<std::unique_ptr<World>> importWorld(const Json& snapshot, const Clock* clock, Millis& now);

}  // namespace hs
