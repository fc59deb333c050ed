// The handshake lifecycle as data: (action, operation, caller role, state) -> next state | error.
//
// The table is expanded once from a few rules per action (who may call what, which moves are legal)
// and the AWS-observed error rules:
//   - a caller without the operation's role gets AccessDeniedException (checked before the state);
//   - the operation whose target state is the current state gets HandshakeAlreadyInStateException;
//   - any other illegal move gets InvalidHandshakeTransitionException.
// The engine decides every Accept/Decline/Cancel by looking the move up here, and
// Simulator.DescribeLifecycle publishes the same table, so the page's diagram cannot drift from it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "handshake.h"
#include "json.h"

namespace hs {

enum class Operation { Accept, Decline, Cancel };
enum class Role { Sender, Recipient, Other };

const char* toString(Operation op);  // "AcceptHandshake", ...
const char* toString(Role r);        // "SENDER", ...

struct Move {
  Action action;
  Operation operation;
  Role role;
  HandshakeState from;
  std::optional<HandshakeState> to;  // set: the move happens
  std::string error;                 // else: the __type the caller gets
};

// Moves nobody calls: expiry, and moves caused by other handshakes or operations.
struct SystemMove {
  Action action;
  std::string trigger;  // "Expire" (role CLOCK) or an event name (role SYSTEM)
  HandshakeState from;
  HandshakeState to;
  std::string note;
};

class Lifecycle {
 public:
  static const Lifecycle& instance();

  const Move& lookup(Action a, Operation op, Role r, HandshakeState from) const;
  // The role that may perform `op` on a handshake of action `a`; nullopt: nobody may.
  std::optional<Role> actor(Action a, Operation op) const;
  HandshakeState initialState(Action a) const;
  const std::vector<SystemMove>& systemMoves() const { return systemMoves_; }

  // {"Lifecycles": [...]} as documented in docs/wire-api.md; all actions when `only` is empty.
  Json describe(std::optional<Action> only) const;

 private:
  Lifecycle();
  std::vector<Move> moves_;  // dense: index(action, op, role, state)
  std::vector<SystemMove> systemMoves_;
};

}  // namespace hs
