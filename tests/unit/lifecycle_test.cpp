// The INVITE lifecycle (spec 4.2, 4.3, 5.2-5.4): every (operation, state) pair by the right party,
// by the wrong party, on EXPIRED handshakes, and Simulator.DescribeLifecycle checked against what the
// engine actually does.
#include <map>
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

const char* const kOps[] = {"AcceptHandshake", "DeclineHandshake", "CancelHandshake"};

// Who performs each operation on an INVITE (spec 5.2-5.4).
std::string rightParty(const std::string& op) { return op == "CancelHandshake" ? kBill : kSusan; }
std::string wrongParty(const std::string& op) { return op == "CancelHandshake" ? kSusan : kBill; }

// Builds Bill's invitation to Susan (by EMAIL or ACCOUNT) in `state`; returns its id.
std::string inviteInState(TestWorld& t, const std::string& state, const std::string& targetType = "EMAIL") {
  Json h = invite(t, kBill, targetType, targetType == "EMAIL" ? "susan@example.com" : kSusan);
  std::string id = h["Id"];
  if (state == "ACCEPTED")
    ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  else if (state == "DECLINED")
    ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", id}});
  else if (state == "CANCELED")
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
  else if (state == "EXPIRED")
    t.sim("AdvanceTime", {{"Seconds", 15 * kDaySeconds + 0.001}});
  else
    REQUIRE(state == "OPEN");
  REQUIRE(stateOf(t, kBill, id) == state);
  return id;
}

// Spec 4.3: the error for `op` on a terminal handshake in `state`, called by the right party.
std::string terminalError(const std::string& state, const std::string& op) {
  static const std::map<std::string, std::string> kTarget = {
      {"AcceptHandshake", "ACCEPTED"}, {"DeclineHandshake", "DECLINED"}, {"CancelHandshake", "CANCELED"}};
  return kTarget.at(op) == state ? "HandshakeAlreadyInStateException" : "InvalidHandshakeTransitionException";
}

}  // namespace

TEST_CASE("INVITE: the right party moves an OPEN invitation to each terminal state", "[lifecycle]") {
  TestWorld t;
  t.docsWorld();
  auto targetType = GENERATE(std::string("EMAIL"), std::string("ACCOUNT"));
  INFO("target " << targetType);
  const std::string targetId = targetType == "EMAIL" ? "susan@example.com" : kSusan;
  Json h = invite(t, kBill, targetType, targetId, "Welcome");
  const std::string id = h["Id"];
  CHECK(h["State"] == "OPEN");

  SECTION("AcceptHandshake by the recipient: ACCEPTED, the recipient joins as INVITED") {
    t.sim("AdvanceTime", {{"Seconds", 60}});
    Json accepted = ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"];
    CHECK(accepted["State"] == "ACCEPTED");
    CHECK(accepted["Id"] == id);
    // The EMAIL party becomes the acceptor's ACCOUNT party; the target resource stays (spec 3.2 rule 8).
    CHECK(partySet(accepted) == std::multiset<std::string>{"ORGANIZATION:exampleorgid", "ACCOUNT:" + kSusan});
    CHECK(accepted["Resources"][1] == Json({{"Type", targetType}, {"Value", targetId}}));
    CHECK(accepted["RequestedTimestamp"] == h["RequestedTimestamp"]);
    CHECK(accepted["ExpirationTimestamp"] == h["ExpirationTimestamp"]);
    CHECK(describe(t, kBill, id) == accepted);
    CHECK(describe(t, kSusan, id) == accepted);
    Json account = ok(t, kBill, "DescribeAccount", {{"AccountId", kSusan}})["Account"];
    CHECK(account["JoinedMethod"] == "INVITED");
    CHECK(account["Status"] == "ACTIVE");
    CHECK(account["State"] == "ACTIVE");
    CHECK(account["Arn"] == "arn:aws:organizations::" + kBill + ":account/" + kDocsOrg + "/" + kSusan);
    CHECK(millisBetween(h["RequestedTimestamp"], account["JoinedTimestamp"]) == 60000);
    // DescribeOrganization now works for Susan.
    CHECK(ok(t, kSusan, "DescribeOrganization")["Organization"]["Id"] == kDocsOrg);
  }
  SECTION("DeclineHandshake by the recipient: DECLINED, nobody joins") {
    Json declined = ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", id}})["Handshake"];
    CHECK(declined["State"] == "DECLINED");
    CHECK(partySet(declined) == partySet(h));
    CHECK(describe(t, kBill, id) == declined);
    REQUIRE_REJECTED(t, kSusan, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
  }
  SECTION("CancelHandshake by the sender: CANCELED, the recipient can no longer respond") {
    Json canceled = ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}})["Handshake"];
    CHECK(canceled["State"] == "CANCELED");
    CHECK(partySet(canceled) == partySet(h));
    CHECK(describe(t, kSusan, id) == canceled);
    REQUIRE_REJECTED(t, kSusan, "AcceptHandshake", Json({{"HandshakeId", id}}), "InvalidHandshakeTransitionException",
                     "");
  }
}

TEST_CASE("INVITE: every operation on every terminal state by the right party, repeated (spec 4.3)", "[lifecycle]") {
  auto state =
      GENERATE(std::string("ACCEPTED"), std::string("DECLINED"), std::string("CANCELED"), std::string("EXPIRED"));
  auto targetType = GENERATE(std::string("EMAIL"), std::string("ACCOUNT"));
  TestWorld t;
  t.docsWorld();
  const std::string id = inviteInState(t, state, targetType);
  const Json before = describe(t, kBill, id);
  for (int round = 0; round < 2; ++round) {
    for (const char* op : kOps) {
      INFO(state << " " << op << " by " << rightParty(op) << " round " << round << " target " << targetType);
      auto r = rejected(t, rightParty(op), op, {{"HandshakeId", id}});
      const std::string expected =
          state == "EXPIRED" ? "InvalidHandshakeTransitionException" : terminalError(state, op);
      REQUIRE_AWS_ERROR_MSG(
          r, expected, "", expected == "HandshakeAlreadyInStateException" ? kMsgAlreadyInState : kMsgInvalidTransition);
    }
  }
  CHECK(describe(t, kBill, id) == before);
  CHECK(describe(t, kSusan, id) == before);
}

TEST_CASE("INVITE: the wrong party gets AccessDenied in every state, before any state error", "[lifecycle]") {
  auto state = GENERATE(std::string("OPEN"), std::string("ACCEPTED"), std::string("DECLINED"), std::string("CANCELED"),
                        std::string("EXPIRED"));
  TestWorld t;
  t.docsWorld();
  const std::string id = inviteInState(t, state);
  for (const char* op : kOps) {
    // The other party of the handshake, and a third account that is no party at all.
    for (const std::string& caller : {wrongParty(op), kJuan}) {
      INFO(state << " " << op << " by " << caller);
      auto r = rejected(t, caller, op, {{"HandshakeId", id}});
      REQUIRE_AWS_ERROR_MSG(r, "AccessDeniedException", "", kMsgAccessDenied);
    }
  }
  CHECK(stateOf(t, kBill, id) == state);
}

TEST_CASE("INVITE: captured order of events (spec 12, lifecycle seeds 4-8)", "[lifecycle]") {
  TestWorld t;
  t.docsWorld();
  // 4. Wrong parties on an OPEN invitation.
  std::string first = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  REQUIRE_REJECTED(t, kBill, "AcceptHandshake", Json({{"HandshakeId", first}}), "AccessDeniedException", "");
  REQUIRE_REJECTED(t, kBill, "DeclineHandshake", Json({{"HandshakeId", first}}), "AccessDeniedException", "");
  REQUIRE_REJECTED(t, kSusan, "CancelHandshake", Json({{"HandshakeId", first}}), "AccessDeniedException", "");
  CHECK(stateOf(t, kBill, first) == "OPEN");
  // 5. Accept.
  ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", first}});
  // 6. After ACCEPTED.
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", first}}), "InvalidHandshakeTransitionException",
                   "");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", first}}), "InvalidHandshakeTransitionException",
                   "");
  REQUIRE_REJECTED(t, kSusan, "DeclineHandshake", Json({{"HandshakeId", first}}), "InvalidHandshakeTransitionException",
                   "");
  REQUIRE_REJECTED(t, kSusan, "AcceptHandshake", Json({{"HandshakeId", first}}), "HandshakeAlreadyInStateException",
                   "");
  // 7. A new invitation to the same email succeeds (Susan left first, so it can be declined normally).
  ok(t, kSusan, "LeaveOrganization");
  std::string second = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  CHECK(second != first);
  CHECK(ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", second}})["Handshake"]["State"] == "DECLINED");
  REQUIRE_REJECTED(t, kSusan, "DeclineHandshake", Json({{"HandshakeId", second}}), "HandshakeAlreadyInStateException",
                   "");
  REQUIRE_REJECTED(t, kSusan, "AcceptHandshake", Json({{"HandshakeId", second}}), "InvalidHandshakeTransitionException",
                   "");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", second}}), "InvalidHandshakeTransitionException",
                   "");
  // 8. And again, canceled this time.
  std::string third = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  CHECK(ok(t, kBill, "CancelHandshake", {{"HandshakeId", third}})["Handshake"]["State"] == "CANCELED");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", third}}), "HandshakeAlreadyInStateException", "");
  REQUIRE_REJECTED(t, kSusan, "AcceptHandshake", Json({{"HandshakeId", third}}), "InvalidHandshakeTransitionException",
                   "");
  REQUIRE_REJECTED(t, kSusan, "DeclineHandshake", Json({{"HandshakeId", third}}), "InvalidHandshakeTransitionException",
                   "");
  // The three handshakes keep their own final states.
  CHECK(stateOf(t, kBill, first) == "ACCEPTED");
  CHECK(stateOf(t, kBill, second) == "DECLINED");
  CHECK(stateOf(t, kBill, third) == "CANCELED");
}

TEST_CASE("INVITE: an account already in the inviting organization consumes the invitation with an error",
          "[lifecycle]") {
  // AWS-observed quirk (spec 5.2): HandshakeConstraintViolation ALREADY_IN_AN_ORGANIZATION, yet ACCEPTED.
  TestWorld t;
  t.docsWorld();
  t.join(kSusan, kDocsOrg);
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  auto r = t.call(kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION", kMsgAlreadyMember);
  Json h = describe(t, kBill, id);
  CHECK(h["State"] == "ACCEPTED");
  CHECK(partySet(h) == std::multiset<std::string>{"ORGANIZATION:exampleorgid", "ACCOUNT:" + kSusan});
  CHECK(h["Resources"][1] == Json({{"Type", "EMAIL"}, {"Value", "susan@example.com"}}));
  REQUIRE_REJECTED(t, kSusan, "AcceptHandshake", Json({{"HandshakeId", id}}), "HandshakeAlreadyInStateException", "");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", id}}), "InvalidHandshakeTransitionException", "");
  // Membership unchanged: still two accounts, Susan listed once.
  Json accounts = ok(t, kBill, "ListAccounts")["Accounts"];
  CHECK(accounts.size() == 2);
}

TEST_CASE("INVITE: EXPIRED invitations refuse all three operations", "[lifecycle]") {
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  t.sim("AdvanceTime", {{"Seconds", 15 * kDaySeconds}});
  CHECK(stateOf(t, kSusan, id) == "OPEN");
  t.sim("AdvanceTime", {{"Seconds", 0.001}});
  CHECK(stateOf(t, kSusan, id) == "EXPIRED");
  for (const char* op : kOps) {
    INFO(op);
    REQUIRE_REJECTED(t, rightParty(op), op, Json({{"HandshakeId", id}}), "InvalidHandshakeTransitionException", "");
  }
  REQUIRE_REJECTED(t, kSusan, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
  CHECK(stateOf(t, kBill, id) == "EXPIRED");
}

TEST_CASE("Simulator.DescribeLifecycle for INVITE is the table of spec 4.3", "[lifecycle]") {
  TestWorld t;
  Json all = t.sim("DescribeLifecycle");
  Json only = t.sim("DescribeLifecycle", {{"Action", "INVITE"}});
  REQUIRE(only["Lifecycles"].size() == 1);
  const Json& lc = only["Lifecycles"][0];
  bool listed = false;
  for (const Json& l : all["Lifecycles"]) listed = listed || l == lc;
  CHECK(listed);
  CHECK(all["Lifecycles"].size() == 5);
  CHECK(lc["Action"] == "INVITE");
  CHECK(lc["Initial"] == "OPEN");
  CHECK(lc["States"] == Json::array({"OPEN", "ACCEPTED", "DECLINED", "CANCELED", "EXPIRED"}));
  CHECK(lc["Terminal"] == Json::array({"ACCEPTED", "DECLINED", "CANCELED", "EXPIRED"}));

  std::map<std::string, int> callRows;
  for (const Json& row : lc["Transitions"]) {
    const std::string role = row["Role"], op = row["Operation"], from = row["From"];
    if (role == "CLOCK" || role == "SYSTEM") continue;
    INFO(row.dump());
    ++callRows[op + "/" + role + "/" + from];
    REQUIRE((row.contains("To") != row.contains("Error")));
    const std::string actor = op == "CancelHandshake" ? "SENDER" : "RECIPIENT";
    std::string expected;
    if (role != actor)
      expected = "AccessDeniedException";
    else if (from == "OPEN")
      expected = "";
    else if (from == "EXPIRED")
      expected = "InvalidHandshakeTransitionException";
    else
      expected = terminalError(from, op);
    if (expected.empty()) {
      CHECK(row["To"] == (op == "AcceptHandshake" ? "ACCEPTED" : op == "DeclineHandshake" ? "DECLINED" : "CANCELED"));
    } else {
      CHECK(row.value("Error", "") == expected);
    }
  }
  CHECK(callRows.size() == 45);  // 3 operations x 3 roles x 5 states, each once
  for (const auto& [key, n] : callRows) CHECK(n == 1);

  bool expire = false;
  for (const Json& row : lc["Transitions"])
    if (row["Role"] == "CLOCK")
      expire = expire || (row["Operation"] == "Expire" && row["From"] == "OPEN" && row["To"] == "EXPIRED");
  CHECK(expire);
  auto bad = t.raw("", "Simulator.DescribeLifecycle", R"({"Action":"invite"})");
  REQUIRE_AWS_ERROR(bad, "InvalidInputException", "INVALID_ENUM:ACTION");
}

TEST_CASE("Simulator.DescribeLifecycle agrees with what the engine does for every INVITE row", "[lifecycle]") {
  TestWorld probe;
  Json lc = probe.sim("DescribeLifecycle", {{"Action", "INVITE"}})["Lifecycles"][0];
  const std::map<std::string, std::string> callerFor = {{"SENDER", kBill}, {"RECIPIENT", kSusan}, {"OTHER", kJuan}};
  int checked = 0;
  for (const Json& row : lc["Transitions"]) {
    const std::string role = row["Role"];
    if (!callerFor.count(role)) continue;
    const std::string op = row["Operation"], from = row["From"];
    INFO(row.dump());
    TestWorld t;
    t.docsWorld();
    const std::string id = inviteInState(t, from);
    const std::string caller = callerFor.at(role);
    if (row.contains("To")) {
      Reply r = t.call(caller, op, {{"HandshakeId", id}});
      INFO(r.raw);
      REQUIRE(r.status == 200);
      CHECK(r.body["Handshake"]["State"] == row["To"]);
      CHECK(stateOf(t, kBill, id) == row["To"].get<std::string>());
    } else {
      auto r = rejected(t, caller, op, {{"HandshakeId", id}});
      REQUIRE_AWS_ERROR(r, row["Error"].get<std::string>(), "");
      CHECK(stateOf(t, kBill, id) == from);
    }
    ++checked;
  }
  CHECK(checked == 45);
}

TEST_CASE("Simulator.DescribeLifecycle: the INVITE clock and system rows happen as described", "[lifecycle]") {
  TestWorld probe;
  Json lc = probe.sim("DescribeLifecycle", {{"Action", "INVITE"}})["Lifecycles"][0];
  std::map<std::string, Json> system;
  for (const Json& row : lc["Transitions"])
    if (row["Role"] == "SYSTEM" || row["Role"] == "CLOCK") system[row["Operation"].get<std::string>()] = row;

  SECTION("Expire: OPEN -> EXPIRED 15 days after RequestedTimestamp") {
    REQUIRE(system.count("Expire"));
    TestWorld t;
    t.docsWorld();
    std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
    t.sim("AdvanceTime", {{"Seconds", 15 * kDaySeconds + 0.001}});
    CHECK(stateOf(t, kBill, id) == system["Expire"]["To"].get<std::string>());
  }
  SECTION("EnableAllFeatures: OPEN -> CANCELED") {
    REQUIRE(system.count("EnableAllFeatures"));
    CHECK(system["EnableAllFeatures"]["From"] == "OPEN");
    TestWorld t;
    t.account(kBill, "Bill", "bill@example.com");
    t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
    t.account(kSusan, "Susan", "susan@example.com");
    std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
    ok(t, kBill, "EnableAllFeatures");
    CHECK(stateOf(t, kBill, id) == system["EnableAllFeatures"]["To"].get<std::string>());
  }
  SECTION("ParentCanceled: an invitation sent during the migration is CANCELED with it") {
    REQUIRE(system.count("ParentCanceled"));
    TestWorld t;
    t.account(kBill, "Bill", "bill@example.com");
    t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
    t.account(kSusan, "Susan", "susan@example.com");
    std::string parent = ok(t, kBill, "EnableAllFeatures")["Handshake"]["Id"];
    std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", parent}});
    CHECK(stateOf(t, kBill, id) == system["ParentCanceled"]["To"].get<std::string>());
  }
}

TEST_CASE("INVITE: a member of another organization accepting, with MemberOfOtherOrganization MOVE and REJECT",
          "[lifecycle]") {
  TestWorld t;
  t.docsWorld();
  const std::string mia = "444444444444";
  t.account(mia, "Mia", "mia@example.com");
  t.organization(mia, "o-otherorg123", "ALL");
  t.join(kSusan, "o-otherorg123");
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];

  SECTION("MOVE (default): Susan departs Mia's organization and joins Bill's") {
    Json h = ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"];
    CHECK(h["State"] == "ACCEPTED");
    CHECK(ok(t, kSusan, "DescribeOrganization")["Organization"]["Id"] == kDocsOrg);
    CHECK(ok(t, kBill, "DescribeAccount", {{"AccountId", kSusan}})["Account"]["JoinedMethod"] == "INVITED");
    REQUIRE_REJECTED(t, mia, "DescribeAccount", Json({{"AccountId", kSusan}}), "AccountNotFoundException", "");
    CHECK(ok(t, mia, "ListAccounts")["Accounts"].size() == 1);
  }
  SECTION("REJECT: ALREADY_IN_AN_ORGANIZATION, and unlike the same-organization case nothing is consumed") {
    t.sim("SetSettings", {{"MemberOfOtherOrganization", "REJECT"}});
    auto r = rejected(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
    REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION", kMsgAlreadyMember);
    CHECK(stateOf(t, kSusan, id) == "OPEN");
    CHECK(ok(t, kSusan, "DescribeOrganization")["Organization"]["Id"] == "o-otherorg123");
    // After leaving, the same invitation can be accepted.
    ok(t, kSusan, "LeaveOrganization");
    CHECK(ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"]["State"] == "ACCEPTED");
  }
}

TEST_CASE("INVITE: moving by invitation is a departure, so a CREATED member still in its 4-day wait cannot",
          "[lifecycle]") {
  // LeaveOrganization and RemoveAccountFromOrganization refuse a CREATED member younger than four days
  // (ConstraintViolation WAIT_PERIOD_ACTIVE, spec 5.9); accepting another organization's invitation
  // departs the current organization the same way, so it must not bypass the wait.
  TestWorld t;
  t.docsWorld();
  const std::string mia = "444444444444";
  const std::string fresh = "777777777777";
  t.account(mia, "Mia", "mia@example.com");
  t.organization(mia, "o-otherorg123", "ALL");
  t.account(fresh, "Fresh", "fresh@example.com");  // created now
  t.join(fresh, "o-otherorg123", "CREATED");
  REQUIRE_REJECTED(t, fresh, "LeaveOrganization", Json::object(), "ConstraintViolationException", "WAIT_PERIOD_ACTIVE");
  std::string id = invite(t, kBill, "EMAIL", "fresh@example.com")["Id"];
  auto r = rejected(t, fresh, "AcceptHandshake", {{"HandshakeId", id}});
  REQUIRE_AWS_ERROR(r, "ConstraintViolationException", "WAIT_PERIOD_ACTIVE");
  CHECK(ok(t, fresh, "DescribeOrganization")["Organization"]["Id"] == "o-otherorg123");
  t.advanceDays(4);
  CHECK(ok(t, fresh, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"]["State"] == "ACCEPTED");
  CHECK(ok(t, fresh, "DescribeOrganization")["Organization"]["Id"] == kDocsOrg);
}
