// Every row of the lifecycle table (core/rules/lifecycle.h), system events and unpublished rows included, is
// performed through the engine: a world where the row applies is built (by operations; by ImportWorld
// for the states and actions only an imported world can give a handshake), the trigger happens the way
// the engine makes it happen (an operation, the clock, or the operation whose cascade fires it), and
// the outcome is the row's: its new state, or its exact __type with the world unchanged.
#include <string>

#include "rules/lifecycle.h"
#include "rules/transfer_lifecycle.h"
#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace lifecycle_table {

using hs::Action;
using hs::HandshakeState;
using hs::Role;
using hs::Row;
using hs::Trigger;

const std::string kMia = "444444444444";  // manages kMiaOrg: the other side of a transfer
const std::string kMiaOrg = "o-miaorg0001";
constexpr double kOct1 = 1790812800;  // 2026-10-01T00:00Z: a transfer start 18 days after kT0

// The world of a row and the accounts that hold each role.
struct Scene {
  std::string subject;  // the handshake the row is about
  std::string parent;   // the ENABLE_ALL_FEATURES request, in a migration
  std::string sender = kBill, recipient, other = kJuan;
};

// Rewrites a stored handshake through ExportWorld/ImportWorld: its action and its stored state (with
// an end time when terminal, so that it stays visible).
void rewrite(TestWorld& t, const std::string& id, Action action, HandshakeState state) {
  Json world = t.sim("ExportWorld")["World"];
  bool found = false;
  for (Json& h : world["Handshakes"]) {
    if (h["Id"] != id) continue;
    h["Action"] = hs::toString(action);
    h["State"] = hs::toString(state);
    h["Ended"] = hs::isTerminal(state) ? h["Requested"] : Json(0);
    found = true;
  }
  REQUIRE(found);
  t.sim("ImportWorld", {{"World", world}});
}

// Bill invites Susan (by account id).
Scene invitation(TestWorld& t) {
  t.docsWorld();
  return {invite(t, kBill, "ACCOUNT", kSusan)["Id"], "", kBill, kSusan, kJuan};
}

// Bill's CONSOLIDATED_BILLING organization with Susan as an invited member starts the migration: the
// subject is Susan's APPROVE_ALL_FEATURES child.
Scene migration(TestWorld& t) {
  std::string parent = migrationOfConsolidatedBilling(t);
  std::vector<std::string> children =
      listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parent}}}});
  REQUIRE(children.size() == 1);
  return {children[0], parent, kBill, kSusan, kJuan};
}

// Bill offers to take over the bill of Mia's organization.
Scene transferOffer(TestWorld& t) {
  t.docsWorld();
  t.account(kMia, "Mia", "mia@example.com");
  t.organization(kMia, kMiaOrg);
  Json body{{"Type", "BILLING"}, {"Target", target("ACCOUNT", kMia)}, {"StartTimestamp", kOct1}, {"SourceName", "Mia"}};
  return {ok(t, kBill, "InviteOrganizationToTransferResponsibility", body)["Handshake"]["Id"], "", kBill, kMia, kJuan};
}

// A handshake of `action` in `from`, as its operations see it.
Scene sceneFor(TestWorld& t, Action action, HandshakeState from) {
  Scene s;
  switch (action) {
    case Action::Invite: s = invitation(t); break;
    case Action::TransferResponsibility: s = transferOffer(t); break;
    case Action::EnableAllFeatures:
      s = migration(t);
      s.subject = s.parent;
      s.recipient = kBill;  // the management account sends and finalizes it
      break;
    default: s = migration(t); break;  // the children
  }
  if (action != Action::AddOrganizationsServiceLinkedRole && from == hs::Lifecycle::instance().initialState(action))
    return s;
  rewrite(t, s.subject, action, from);
  return s;
}

std::string stateNow(TestWorld& t, const std::string& id) { return stateOf(t, kBill, id); }

const char* callerName(const Scene& s, const std::string& id) {
  return id == s.sender ? "sender" : id == s.recipient ? "recipient" : "other";
}

// An operation row: the account holding the row's role calls it. Returns false when no account can hold
// that role (the ENABLE_ALL_FEATURES sender is its recipient, and the engine gives it the role the
// operation needs).
bool performOperation(const Row& row) {
  TestWorld t;
  Scene s = sceneFor(t, row.action, row.from);
  std::string caller = row.role == Role::Sender ? s.sender : row.role == Role::Recipient ? s.recipient : s.other;
  if (s.sender == s.recipient && row.role != Role::Other) {
    auto needs = hs::Lifecycle::instance().actor(row.action, row.trigger);
    Role held = needs && *needs != Role::Other ? *needs : Role::Sender;
    if (held != row.role) return false;
  }
  INFO("called by the " << callerName(s, caller));
  const std::string op = hs::toString(row.trigger);
  if (row.to) {
    Json h = ok(t, caller, op, {{"HandshakeId", s.subject}})["Handshake"];
    CHECK(h["State"] == hs::toString(*row.to));
    CHECK(stateNow(t, s.subject) == hs::toString(*row.to));
  } else {
    Reply r = rejected(t, caller, op, {{"HandshakeId", s.subject}});
    REQUIRE_AWS_ERROR(r, hs::toString(row.error), "");
  }
  return true;
}

// Expire: the clock passes ExpirationTimestamp by a millisecond.
void performExpire(const Row& row) {
  TestWorld t;
  Scene s = sceneFor(t, row.action, row.from);
  const double expiration = describe(t, kBill, s.subject)["ExpirationTimestamp"].get<double>();
  t.setTime(expiration);
  CHECK(stateNow(t, s.subject) == hs::toString(row.from));
  t.setTime(expiration + 0.001);
  CHECK(stateNow(t, s.subject) == hs::toString(*row.to));
}

// The system events, each through the operation whose cascade fires it. The subject is made of the
// migration's child (rewritten to the row's action and state) unless operations reach the row as is.
void performSystem(const Row& row) {
  TestWorld t;
  Scene s;
  auto childAs = [&](Action a, HandshakeState from) {
    if (a != Action::ApproveAllFeatures || from != HandshakeState::Open) rewrite(t, s.subject, a, from);
  };
  switch (row.trigger) {
    case Trigger::MigrationStarted:  // Bill's pending invitation, then EnableAllFeatures
      t.account(kBill, "Bill", "bill@example.com");
      t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
      t.account(kSusan, "Susan", "susan@example.com");
      s.subject = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
      REQUIRE(row.from == HandshakeState::Open);
      ok(t, kBill, "EnableAllFeatures");
      break;
    case Trigger::ParentCanceled:  // Bill cancels the migration
      s = migration(t);
      if (row.action == Action::Invite && row.from == HandshakeState::Open)
        s.subject = invite(t, kBill, "ACCOUNT", kJuan)["Id"];  // sent during the attempt
      else
        childAs(row.action, row.from);
      ok(t, kBill, "CancelHandshake", {{"HandshakeId", s.parent}});
      break;
    case Trigger::AllApproved:  // Susan approves
      s = migration(t);
      ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", s.subject}});
      s.subject = s.parent;
      break;
    case Trigger::MemberRemoved:  // Susan leaves
      s = migration(t);
      childAs(row.action, row.from);
      ok(t, kSusan, "LeaveOrganization");
      break;
    case Trigger::OrganizationDeleted:  // Susan leaves, then Bill deletes the organization
      s = migration(t);
      ok(t, kSusan, "LeaveOrganization");
      if (row.action == Action::EnableAllFeatures) {
        s.subject = s.parent;
        REQUIRE(stateNow(t, s.parent) == "OPEN");  // nobody left to approve
        if (row.from != HandshakeState::Open) rewrite(t, s.subject, row.action, row.from);
      } else {
        rewrite(t, s.subject, row.action, row.from);  // the child was canceled when Susan left
      }
      ok(t, kBill, "DeleteOrganization");
      break;
    default: FAIL("no scenario for " << hs::toString(row.trigger));
  }
  CHECK(stateNow(t, s.subject) == hs::toString(*row.to));
}

std::string describeRow(const Row& row) {
  std::string s = std::string(hs::toString(row.action)) + " " + hs::toString(row.trigger) + " by " +
                  hs::toString(row.role) + " from " + hs::toString(row.from) + " -> " +
                  (row.to ? hs::toString(*row.to) : hs::toString(row.error));
  return row.published ? s : s + " (unpublished)";
}

// A transfer row: Bill's offer to Mia, its stored status set by ImportWorld, then the trigger (Mia
// accepts or declines, Bill cancels, or Bill terminates the transfer).
void performTransfer(const hs::TransferRow& row) {
  TestWorld t;
  Scene s = transferOffer(t);
  const std::string id = describe(t, kBill, s.subject)["Resources"][0]["Value"];
  if (row.from != hs::TransferStatus::Requested) {
    Json world = t.sim("ExportWorld")["World"];
    REQUIRE(world["Transfers"].size() == 1);
    world["Transfers"][0]["Status"] = hs::toString(row.from);
    t.sim("ImportWorld", {{"World", world}});
  }
  const Json handshake{{"HandshakeId", s.subject}};
  switch (row.trigger) {
    case hs::TransferTrigger::HandshakeAccepted: ok(t, kMia, "AcceptHandshake", handshake); break;
    case hs::TransferTrigger::HandshakeDeclined: ok(t, kMia, "DeclineHandshake", handshake); break;
    case hs::TransferTrigger::HandshakeCanceled: ok(t, kBill, "CancelHandshake", handshake); break;
    case hs::TransferTrigger::Terminate:
      if (!row.to) {
        Reply r = rejected(t, kBill, "TerminateResponsibilityTransfer", {{"Id", id}});
        REQUIRE_AWS_ERROR(r,
                          row.error == hs::TransferRefusal::AlreadyInStatus
                              ? "ResponsibilityTransferAlreadyInStatusException"
                              : "InvalidResponsibilityTransferTransitionException",
                          "");
        return;
      }
      ok(t, kBill, "TerminateResponsibilityTransfer", {{"Id", id}});
      break;
  }
  Json after = ok(t, kBill, "DescribeResponsibilityTransfer", {{"Id", id}})["ResponsibilityTransfer"];
  // No move: the stored status stays (a REQUESTED one then reads as its handshake's end).
  if (row.to) CHECK(after["Status"] == hs::toString(*row.to));
  if (!row.to && row.from != hs::TransferStatus::Requested) CHECK(after["Status"] == hs::toString(row.from));
}

TEST_CASE("Transfer table: the engine does what every row says", "[lifecycle-table]") {
  const auto& rows = hs::transferRows();
  CHECK(rows.size() == static_cast<size_t>(hs::kTransferTriggerCount * hs::kTransferStatusCount));
  for (const hs::TransferRow& row : rows) {
    INFO(static_cast<int>(row.trigger) << " from " << hs::toString(row.from));
    performTransfer(row);
  }
}

TEST_CASE("Lifecycle table: the engine does what every row says", "[lifecycle-table]") {
  const auto& rows = hs::Lifecycle::instance().rows();
  int walked = 0, noCaller = 0;
  for (const Row& row : rows) {
    INFO(describeRow(row));
    if (hs::isOperation(row.trigger)) {
      noCaller += performOperation(row) ? 0 : 1;
    } else if (row.trigger == Trigger::Expire) {
      performExpire(row);
    } else {
      performSystem(row);
    }
    ++walked;
  }
  CHECK(walked == static_cast<int>(rows.size()));
  // ENABLE_ALL_FEATURES: Accept by SENDER, Decline and Cancel by RECIPIENT, from each of the 6 states.
  CHECK(noCaller == 18);
}

TEST_CASE("Lifecycle table: one row per (action, trigger, role, state), operations total", "[lifecycle-table]") {
  const auto& table = hs::Lifecycle::instance();
  for (const Row& row : table.rows()) {
    INFO(describeRow(row));
    CHECK(table.find(row.action, row.trigger, row.role, row.from) == &row);
    CHECK(row.to.has_value() == (row.error == hs::Refusal::None));
    if (!hs::isOperation(row.trigger)) CHECK((row.role == Role::Clock) == (row.trigger == Trigger::Expire));
  }
  // Every operation by every party in every stored state has a row (5 x 3 x 3 x 6).
  int operationRows = 0;
  for (const Row& row : table.rows()) operationRows += hs::isOperation(row.trigger) ? 1 : 0;
  CHECK(operationRows == 270);
}

TEST_CASE("Simulator.DescribeLifecycle publishes the table exactly as before", "[lifecycle-table]") {
  // tests/data/describe-lifecycle.json: the published table, byte for byte (the page draws it).
  std::ifstream in(std::string(HS_TEST_DATA_DIR) + "/describe-lifecycle.json");
  std::stringstream expected;
  expected << in.rdbuf();
  TestWorld t;
  Reply r = t.raw("", "Simulator.DescribeLifecycle", "{}");
  REQUIRE(r.status == 200);
  CHECK(r.raw + "\n" == expected.str());
}

}  // namespace lifecycle_table
