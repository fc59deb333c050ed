// Simulator.DescribeMoves: what AcceptHandshake, DeclineHandshake and CancelHandshake would each answer an
// account on a handshake, read from the lifecycle table (Lifecycle::preview) without changing anything and
// without copying the world: O(1) per handshake. Each answer is the one Simulator.DryRun of that call gives
// (tests/unit/describe_moves_test.cpp compares the two for every action, state and role).
#pragma once
#include <string>
#include <vector>

#include "model/world.h"
#include "rules/lifecycle.h"
#include "wire/body.h"
#include "wire/result.h"

namespace hs {

// The handshake operations DescribeMoves answers for, in the order it lists them.
constexpr Trigger kMoveOperations[] = {Trigger::AcceptHandshake, Trigger::DeclineHandshake, Trigger::CancelHandshake};

// One handshake: {"Action", "HandshakeId", "Moves": [...], "State"}, each move
// {"Operation", "Role", "Status", ["To"], ["Error": {"Message", ["Reason"], "__type"}]}: Status 200 and To
// for a move the call would make; otherwise Status and Error exactly as the call's response, and To too
// when the move stands despite the error (an invitation accepted by a member of its own organization).
// The error of the three calls instead when they all fail before the table is read: the caller does
// not resolve (as Engine::handle refuses it) or the handshake is malformed, unknown or invisible to it.
// An empty caller is InvalidInputException MIN_LENGTH_EXCEEDED:CALLER.
Result<Body> describeMoves(World& w, const std::string& caller, const std::string& handshakeId);

// Several handshakes for one caller: {"Handshakes": [...]}, each item describeMoves's answer or
// {"HandshakeId", "Status", "Error"} when it is an error; an unresolved caller is the answer's own error.
Result<Body> describeMovesOf(World& w, const std::string& caller, const std::vector<std::string>& handshakeIds);

}  // namespace hs
