// The handshake lifecycle as data, in the spirit of a state-machine DSL: one table of rows
//
//   (action, trigger, role, from) -> to | error   [guard] / effects
//
// and one function, Lifecycle::fire, that is the only code writing a stored handshake's state (besides
// Lifecycle::create, which sets the initial state, and snapshot import).
//
// Triggers are the three handshake operations and the system events that end or open handshakes
// without anyone calling them. The operation rows are expanded from a few rules per action and the
// AWS-observed error rules:
//   - a caller without the operation's role gets AccessDeniedException (checked before the state);
//   - the operation whose target state is the current state gets HandshakeAlreadyInStateException;
//   - any other illegal move gets InvalidHandshakeTransitionException.
// Simulator.DescribeLifecycle publishes the same rows, so the page's diagram cannot drift from the engine.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/handshake.h"
#include "wire/json.h"
#include "wire/result.h"
#include "wire/table.h"

namespace hs {

class World;
struct Account;

enum class Trigger {
  AcceptHandshake,
  DeclineHandshake,
  CancelHandshake,
  // System events (role CLOCK or SYSTEM): nobody calls them.
  Expire,               // the clock passed ExpirationTimestamp (applied on read: Handshake::stateAt)
  MigrationStarted,     // EnableAllFeatures ("EnableAllFeatures" on the wire)
  ParentCanceled,       // the ENABLE_ALL_FEATURES request of the attempt was canceled
  AllApproved,          // every invited member approved the migration
  MemberRemoved,        // the member a child asks left or was removed
  OrganizationDeleted,  // the sending organization was deleted
};
constexpr int kTriggerCount = 9;
constexpr int kOperationCount = 3;  // the first three triggers are the operations

// Who fires a trigger: a party of the handshake, anyone else, the clock, or the engine itself.
enum class Role { Sender, Recipient, Other, Clock, System };
constexpr int kRoleCount = 5;

// What a refused row answers (the __type, before any guard runs).
enum class Refusal { None, AccessDenied, AlreadyInState, InvalidTransition };

const char* toString(Trigger t);  // "AcceptHandshake", ..., "EnableAllFeatures" for MigrationStarted
const char* toString(Role r);     // "SENDER", ..., "CLOCK", "SYSTEM"
const char* toString(Refusal r);  // "AccessDeniedException", ...
bool isOperation(Trigger t);

// What guards and effects see. `caller` is the account calling the operation; nullptr for system events.
struct Firing {
  World& world;
  Handshake& handshake;
  Account* caller;
};

// A guard refuses a move before anything changes (its error is the caller's); for a system event a
// refusing guard means "not now". An effect runs after the state was written; an error it returns goes
// to the caller while the move stands (one AWS quirk needs it: see effects::joinInviter).
using GuardFn = Status (*)(Firing&);
using EffectFn = Status (*)(Firing&);
struct Guard {
  const char* name = nullptr;
  GuardFn fn = nullptr;
};
struct Effect {
  const char* name;
  EffectFn fn;
  // Pure: the error `fn` will return while the move stands, known before the move (nullptr: it never
  // returns one). Lifecycle::preview reports it; `fn` returns the same.
  GuardFn answer = nullptr;
};

struct Row {
  Action action;
  Trigger trigger;
  Role role;
  HandshakeState from;
  std::optional<HandshakeState> to;  // set: the move happens (if the guard lets it)
  Refusal error = Refusal::None;     // else: what the caller gets
  Guard guard;
  Table<Effect> effects;  // in order
  const char* note = "";  // system rows: when and why (published)
  // Published by DescribeLifecycle. Unpublished rows start from states only an imported world can give
  // an action (ImportWorld accepts any stored state), so the engine stays total over stored states.
  bool published = true;
};

class Lifecycle {
 public:
  static const Lifecycle& instance();

  // The row of a move; nullptr when the table has none (only system events lack rows: no move).
  const Row* find(Action a, Trigger t, Role r, HandshakeState from) const;
  const std::vector<Row>& rows() const { return rows_; }
  // The role that may perform operation `t` on a handshake of action `a`; nullopt: nobody may.
  std::optional<Role> actor(Action a, Trigger t) const;
  HandshakeState initialState(Action a) const;

  // Fires `t` at `h` (its state read at the world's now): looks the row up, refuses with the row's
  // error, runs the guard, writes the new state with the World's bookkeeping (quota and purge indices,
  // `ended`), then runs the effects. A system event without a row (or refused by its guard) is no move
  // and returns an error nobody reads. Expire is never fired: expiry is applied on read.
  static Status fire(World& w, Handshake& h, Trigger t, Role r, Account* caller = nullptr);

  // What fire(w, h, t, r, caller) would answer, found without changing anything (Simulator.DescribeMoves):
  // `answer` is the caller's error, if any, from the row's refusal, its guard, or an effect's known answer
  // (Effect::answer); `to` the state the handshake would move to (set even with an effect's answer: the
  // move stands).
  struct Preview {
    Status answer;
    std::optional<HandshakeState> to;
  };
  static Preview preview(World& w, Handshake& h, Trigger t, Role r, Account* caller);

  // The one creation path: the handshake gets its action's initial state, RequestedTimestamp now and
  // ExpirationTimestamp now + the action's lifetime, or `expiresBy` if that is sooner; then it is
  // stored and indexed.
  static Handshake& create(World& w, Handshake h, std::optional<Millis> expiresBy = std::nullopt);

  // {"Lifecycles": [...]} as documented in docs/wire-api.md; all actions when `only` is empty.
  Json describe(std::optional<Action> only) const;

 private:
  Lifecycle();
  std::vector<Row> rows_;   // per action: operation rows (trigger, role, state order), then system rows
  std::vector<int> index_;  // (action, trigger, role, state) -> position in rows_, or -1
};

}  // namespace hs
