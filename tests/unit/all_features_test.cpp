// The all-features migration (spec 3.3, 4.2, 5.8, 11.2, 11.3): the ENABLE_ALL_FEATURES parent and its
// APPROVE_ALL_FEATURES children on a CONSOLIDATED_BILLING organization, from start to finish, with
// declines, removals, cancellation, restart, expiry and the errors.
#include <map>
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

const std::string kAnn = "201000000000";  // invited (joined by accepting an invitation)
const std::string kBen = "202000000000";  // invited (joined by accepting an invitation)
const std::string kCat = "203000000000";  // invited
const std::string kDan = "204000000000";  // created: gets no approval request
const std::vector<std::string> kInvited = {kAnn, kBen, kCat};
constexpr long long kNinetyDaysMs = 90LL * 86400 * 1000;

// Bill's consolidated-billing organization with three invited members and one created member; Susan
// and Juan standalone.
void migrationWorld(TestWorld& t) {
  t.account(kBill, "Bill", "bill@example.com");
  t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
  t.account(kSusan, "Susan", "susan@example.com");
  t.account(kJuan, "Juan", "juan@example.com");
  t.account(kAnn, "Ann", "ann@example.com");
  t.account(kBen, "Ben", "ben@example.com");
  t.account(kCat, "Cat", "cat@example.com");
  t.account(kDan, "Dan", "dan@example.com");
  t.setTime(kT0);
  for (const std::string& m : {kAnn, kBen}) {
    std::string id = invite(t, kBill, "ACCOUNT", m)["Id"];
    ok(t, m, "AcceptHandshake", {{"HandshakeId", id}});
  }
  t.join(kCat, kDocsOrg, "INVITED");
  t.join(kDan, kDocsOrg, "CREATED");
  t.sim("AdvanceTime", {{"Seconds", 3600}});
}

Json startMigration(TestWorld& t) { return ok(t, kBill, "EnableAllFeatures")["Handshake"]; }

// The parent's children, keyed by member account.
std::map<std::string, Json> childrenOf(TestWorld& t, const std::string& parent) {
  std::map<std::string, Json> out;
  for (const Json& c :
       listAll(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parent}}}}, 0)) {
    std::string member;
    for (const Json& p : c["Parties"])
      if (p["Type"] == "ACCOUNT") member = p["Id"];
    REQUIRE_FALSE(out.count(member));
    out[member] = c;
  }
  return out;
}

std::string featureSet(TestWorld& t, const std::string& caller = kBill) {
  return ok(t, caller, "DescribeOrganization")["Organization"]["FeatureSet"];
}

bool isHandshakeIdText(const std::string& s) {
  if (s.size() != 34 || s.rfind("h-", 0) != 0) return false;
  for (size_t i = 2; i < s.size(); ++i)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
  return true;
}

std::string advertisedFeatureSet(const Json& inviteHandshake) {
  const Json& org = inviteHandshake["Resources"][0];
  REQUIRE(org["Type"] == "ORGANIZATION");
  for (const Json& r : org["Resources"])
    if (r["Type"] == "ORGANIZATION_FEATURE_SET") return r["Value"];
  FAIL("no ORGANIZATION_FEATURE_SET");
  return "";
}

void accept(TestWorld& t, const std::string& caller, const std::string& id) {
  CHECK(ok(t, caller, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"]["State"] == "ACCEPTED");
}

}  // namespace

TEST_CASE("All features: the whole migration of a consolidated-billing organization", "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  // An invitation pending when the migration starts; it advertised CONSOLIDATED_BILLING.
  Json pending = invite(t, kBill, "EMAIL", "susan@example.com");
  CHECK(advertisedFeatureSet(pending) == "CONSOLIDATED_BILLING");
  t.sim("AdvanceTime", {{"Seconds", 60}});

  Reply started = t.call(kBill, "EnableAllFeatures", Json::object());
  REQUIRE(started.status == 200);
  const Json parent = started.body["Handshake"];
  const std::string parentId = parent["Id"];
  // The parent (spec 3.3).
  CHECK(isHandshakeIdText(parentId));
  CHECK(parent["Action"] == "ENABLE_ALL_FEATURES");
  CHECK(parent["State"] == "REQUESTED");
  CHECK(parent["Arn"] ==
        "arn:aws:organizations::" + kBill + ":handshake/" + kDocsOrg + "/enable_all_features/" + parentId);
  CHECK(parent["Parties"] == Json::array({{{"Id", "exampleorgid"}, {"Type", "ORGANIZATION"}}}));
  CHECK(parent["Resources"] == Json::array({{{"Type", "ORGANIZATION"}, {"Value", kDocsOrg}}}));
  CHECK(millisBetween(parent["RequestedTimestamp"], parent["ExpirationTimestamp"]) == kNinetyDaysMs);
  CHECK(millisBetween(pending["RequestedTimestamp"], parent["RequestedTimestamp"]) == 60000);
  CHECK(describe(t, kBill, parentId) == parent);

  // The pending invitation was canceled when the migration started.
  CHECK(stateOf(t, kBill, pending["Id"]) == "CANCELED");
  REQUIRE_REJECTED(t, kSusan, "AcceptHandshake", Json({{"HandshakeId", pending["Id"]}}),
                   "InvalidHandshakeTransitionException", "");

  // One OPEN child per invited member; none for the created member or the management account.
  std::map<std::string, Json> children = childrenOf(t, parentId);
  REQUIRE(children.size() == 3);
  for (const std::string& m : kInvited) {
    INFO("child of " << m);
    REQUIRE(children.count(m));
    const Json& c = children[m];
    const std::string cid = c["Id"];
    CHECK(isHandshakeIdText(cid));
    CHECK(c["Action"] == "APPROVE_ALL_FEATURES");
    CHECK(c["State"] == "OPEN");
    CHECK(c["Arn"] == "arn:aws:organizations::" + kBill + ":handshake/" + kDocsOrg + "/approve_all_features/" + cid);
    CHECK(partySet(c) == std::multiset<std::string>{"ORGANIZATION:exampleorgid", "ACCOUNT:" + m});
    REQUIRE(c["Resources"].size() == 3);
    CHECK(c["Resources"][0]["Type"] == "PARENT_HANDSHAKE");
    // The value is the parent id, with or without its "h-" prefix (spec 3.3, [OPEN]).
    const std::string parentValue = c["Resources"][0]["Value"];
    CHECK((parentValue == parentId || parentValue == parentId.substr(2)));
    CHECK(c["Resources"][1] == Json({{"Type", "ORGANIZATION"}, {"Value", kDocsOrg}}));
    CHECK(c["Resources"][2] == Json({{"Type", "ACCOUNT"}, {"Value", m}}));
    CHECK(millisBetween(c["RequestedTimestamp"], c["ExpirationTimestamp"]) == kNinetyDaysMs);
    // The member sees its child, and only its child.
    CHECK(listIds(t, m, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "APPROVE_ALL_FEATURES"}}}}) ==
          std::vector<std::string>{cid});
    CHECK(listIds(t, m, "ListHandshakesForAccount", {{"Filter", {{"ParentHandshakeId", parentId}}}}) ==
          std::vector<std::string>{cid});
    std::vector<std::string> received = listIds(t, m, "ListHandshakesForAccount");
    CHECK(contains(received, cid));
    for (const std::string& other : kInvited)
      if (other != m) CHECK_FALSE(contains(received, children[other]["Id"]));
    CHECK(describe(t, m, cid) == c);
  }
  CHECK(listIds(t, kDan, "ListHandshakesForAccount").empty());
  // The organization is still consolidated billing while the migration runs.
  CHECK(featureSet(t) == "CONSOLIDATED_BILLING");
  CHECK(featureSet(t, kAnn) == "CONSOLIDATED_BILLING");
  CHECK(t.sim("DescribeWorld")["Organizations"][0]["PendingAllFeaturesHandshakeId"] == parentId);

  // Invitations sent during the migration advertise ALL.
  Json during = invite(t, kBill, "EMAIL", "juan@example.com");
  CHECK(advertisedFeatureSet(during) == "ALL");

  // Members approve one by one; the parent stays REQUESTED until the last one.
  accept(t, kAnn, children[kAnn]["Id"]);
  CHECK(stateOf(t, kBill, parentId) == "REQUESTED");
  auto early = rejected(t, kBill, "AcceptHandshake", {{"HandshakeId", parentId}});
  REQUIRE_AWS_ERROR_MSG(early, "InvalidHandshakeTransitionException", "", kMsgInvalidTransition);
  accept(t, kBen, children[kBen]["Id"]);
  CHECK(stateOf(t, kBill, parentId) == "REQUESTED");
  accept(t, kCat, children[kCat]["Id"]);
  CHECK(stateOf(t, kBill, parentId) == "OPEN");
  CHECK(featureSet(t) == "CONSOLIDATED_BILLING");
  // The children stay ACCEPTED; approving again is already done.
  REQUIRE_REJECTED(t, kAnn, "AcceptHandshake", Json({{"HandshakeId", children[kAnn]["Id"]}}),
                   "HandshakeAlreadyInStateException", "");

  // The management account finalizes.
  Json finalized = ok(t, kBill, "AcceptHandshake", {{"HandshakeId", parentId}})["Handshake"];
  CHECK(finalized["State"] == "ACCEPTED");
  CHECK(finalized["Id"] == parentId);
  CHECK(featureSet(t) == "ALL");
  CHECK(featureSet(t, kDan) == "ALL");
  // Policy types are enabled separately afterwards (BC EnableAllFeatures): none yet.
  CHECK(ok(t, kBill, "DescribeOrganization")["Organization"]["AvailablePolicyTypes"] == Json::array());
  CHECK(t.sim("DescribeWorld")["Organizations"][0]["PendingAllFeaturesHandshakeId"] == nullptr);
  REQUIRE_REJECTED(t, kBill, "AcceptHandshake", Json({{"HandshakeId", parentId}}), "HandshakeAlreadyInStateException",
                   "");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", parentId}}),
                   "InvalidHandshakeTransitionException", "");

  // New invitations advertise ALL; the one sent during the migration is still good.
  CHECK(advertisedFeatureSet(invite(t, kBill, "EMAIL", "susan@example.com")) == "ALL");
  accept(t, kJuan, during["Id"]);
  // And there is nothing left to enable.
  auto again = rejected(t, kBill, "EnableAllFeatures");
  REQUIRE_AWS_ERROR_MSG(again, "HandshakeConstraintViolationException", "ORGANIZATION_ALREADY_HAS_ALL_FEATURES",
                        "All features are already enabled on this organization.");
}

TEST_CASE("All features: a member that declines holds the parent in REQUESTED until it is removed", "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  const std::string parentId = startMigration(t)["Id"];
  std::map<std::string, Json> children = childrenOf(t, parentId);
  accept(t, kAnn, children[kAnn]["Id"]);
  CHECK(ok(t, kBen, "DeclineHandshake", {{"HandshakeId", children[kBen]["Id"]}})["Handshake"]["State"] == "DECLINED");
  accept(t, kCat, children[kCat]["Id"]);
  CHECK(stateOf(t, kBill, parentId) == "REQUESTED");
  REQUIRE_REJECTED(t, kBill, "AcceptHandshake", Json({{"HandshakeId", parentId}}),
                   "InvalidHandshakeTransitionException", "");
  REQUIRE_REJECTED(t, kBen, "AcceptHandshake", Json({{"HandshakeId", children[kBen]["Id"]}}),
                   "InvalidHandshakeTransitionException", "");

  SECTION("the management account removes the member") {
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kBen}});
  }
  SECTION("the member leaves") { ok(t, kBen, "LeaveOrganization"); }

  CHECK(stateOf(t, kBill, parentId) == "OPEN");
  CHECK(stateOf(t, kBill, children[kBen]["Id"]) == "DECLINED");
  accept(t, kBill, parentId);
  CHECK(featureSet(t) == "ALL");
}

TEST_CASE("All features: removing a member that has not answered cancels its child and can open the parent",
          "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  const std::string parentId = startMigration(t)["Id"];
  std::map<std::string, Json> children = childrenOf(t, parentId);
  accept(t, kAnn, children[kAnn]["Id"]);
  accept(t, kBen, children[kBen]["Id"]);
  CHECK(stateOf(t, kBill, parentId) == "REQUESTED");
  ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kCat}});
  CHECK(stateOf(t, kBill, children[kCat]["Id"]) == "CANCELED");
  CHECK(stateOf(t, kBill, parentId) == "OPEN");
  // The removed member can no longer act on its child.
  REQUIRE_REJECTED(t, kCat, "AcceptHandshake", Json({{"HandshakeId", children[kCat]["Id"]}}),
                   "InvalidHandshakeTransitionException", "");
  accept(t, kBill, parentId);
  CHECK(featureSet(t) == "ALL");
}

TEST_CASE("All features: an account that joins during the migration through an ALL invitation needs no approval",
          "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  const std::string parentId = startMigration(t)["Id"];
  std::string inviteId = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  accept(t, kSusan, inviteId);
  std::map<std::string, Json> children = childrenOf(t, parentId);
  CHECK(children.size() == 3);
  CHECK_FALSE(children.count(kSusan));
  for (const std::string& m : kInvited) accept(t, m, children[m]["Id"]);
  CHECK(stateOf(t, kBill, parentId) == "OPEN");
  accept(t, kBill, parentId);
  CHECK(featureSet(t, kSusan) == "ALL");
}

TEST_CASE(
    "All features: canceling the parent cancels its open children and the invitations sent during it; start again",
    "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  Json before = invite(t, kBill, "EMAIL", "susan@example.com");
  const std::string parentId = startMigration(t)["Id"];
  std::map<std::string, Json> children = childrenOf(t, parentId);
  accept(t, kAnn, children[kAnn]["Id"]);
  CHECK(ok(t, kBen, "DeclineHandshake", {{"HandshakeId", children[kBen]["Id"]}})["Handshake"]["State"] == "DECLINED");
  t.sim("AdvanceTime", {{"Seconds", 10}});
  Json during = invite(t, kBill, "EMAIL", "juan@example.com");

  // Only the management account may cancel it.
  for (const std::string& m : {kAnn, kCat, kDan, kJuan}) {
    INFO(m);
    REQUIRE_REJECTED(t, m, "CancelHandshake", Json({{"HandshakeId", parentId}}), "AccessDeniedException", "");
  }
  Json canceled = ok(t, kBill, "CancelHandshake", {{"HandshakeId", parentId}})["Handshake"];
  CHECK(canceled["State"] == "CANCELED");
  CHECK(stateOf(t, kBill, children[kAnn]["Id"]) == "ACCEPTED");
  CHECK(stateOf(t, kBill, children[kBen]["Id"]) == "DECLINED");
  CHECK(stateOf(t, kBill, children[kCat]["Id"]) == "CANCELED");
  CHECK(stateOf(t, kBill, during["Id"]) == "CANCELED");
  CHECK(stateOf(t, kBill, before["Id"]) == "CANCELED");  // already, at the start
  CHECK(featureSet(t) == "CONSOLIDATED_BILLING");
  REQUIRE_REJECTED(t, kCat, "AcceptHandshake", Json({{"HandshakeId", children[kCat]["Id"]}}),
                   "InvalidHandshakeTransitionException", "");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", parentId}}), "HandshakeAlreadyInStateException",
                   "");
  REQUIRE_REJECTED(t, kBill, "AcceptHandshake", Json({{"HandshakeId", parentId}}),
                   "InvalidHandshakeTransitionException", "");
  CHECK(t.sim("DescribeWorld")["Organizations"][0]["PendingAllFeaturesHandshakeId"] == nullptr);
  // Invitations sent after the cancellation advertise CONSOLIDATED_BILLING again.
  CHECK(advertisedFeatureSet(invite(t, kBill, "EMAIL", "later@example.com")) == "CONSOLIDATED_BILLING");

  // Starting again re-sends a request to every invited member, Ann included.
  t.sim("AdvanceTime", {{"Seconds", 60}});
  Json second = startMigration(t);
  CHECK(second["Id"] != parentId);
  CHECK(second["State"] == "REQUESTED");
  std::map<std::string, Json> again = childrenOf(t, second["Id"]);
  REQUIRE(again.size() == 3);
  for (const std::string& m : kInvited) {
    CHECK(again[m]["State"] == "OPEN");
    CHECK(again[m]["Id"] != children[m]["Id"]);
  }
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "ENABLE_ALL_FEATURES"}}}}) ==
        std::vector<std::string>{parentId, second["Id"]});
  CHECK(listIds(t, kAnn, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "APPROVE_ALL_FEATURES"}}}}) ==
        std::vector<std::string>{children[kAnn]["Id"], again[kAnn]["Id"]});
  CHECK(listIds(t, kAnn, "ListHandshakesForAccount", {{"Filter", {{"ParentHandshakeId", second["Id"]}}}}) ==
        std::vector<std::string>{again[kAnn]["Id"]});
  for (const std::string& m : kInvited) accept(t, m, again[m]["Id"]);
  CHECK(stateOf(t, kBill, second["Id"]) == "OPEN");
  accept(t, kBill, second["Id"]);
  CHECK(featureSet(t) == "ALL");
}

TEST_CASE("All features: the request expires after 90 days with its children", "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  auto parentAnswered = GENERATE(false, true);  // parent REQUESTED, or OPEN but never finalized
  const std::string parentId = startMigration(t)["Id"];
  std::map<std::string, Json> children = childrenOf(t, parentId);
  accept(t, kAnn, children[kAnn]["Id"]);
  if (parentAnswered) {
    accept(t, kBen, children[kBen]["Id"]);
    accept(t, kCat, children[kCat]["Id"]);
  }
  const std::string live = parentAnswered ? "OPEN" : "REQUESTED";
  t.advanceDays(90);
  CHECK(stateOf(t, kBill, parentId) == live);
  t.sim("AdvanceTime", {{"Seconds", 0.001}});
  CHECK(stateOf(t, kBill, parentId) == "EXPIRED");
  // Ann's approval ended 90 days ago: past its 30-day retention.
  REQUIRE_REJECTED(t, kAnn, "DescribeHandshake", Json({{"HandshakeId", children[kAnn]["Id"]}}),
                   "HandshakeNotFoundException", "");
  if (!parentAnswered) {
    CHECK(stateOf(t, kBen, children[kBen]["Id"]) == "EXPIRED");
    REQUIRE_REJECTED(t, kBen, "AcceptHandshake", Json({{"HandshakeId", children[kBen]["Id"]}}),
                     "InvalidHandshakeTransitionException", "");
  }
  REQUIRE_REJECTED(t, kBill, "AcceptHandshake", Json({{"HandshakeId", parentId}}),
                   "InvalidHandshakeTransitionException", "");
  REQUIRE_REJECTED(t, kBill, "CancelHandshake", Json({{"HandshakeId", parentId}}),
                   "InvalidHandshakeTransitionException", "");
  CHECK(featureSet(t) == "CONSOLIDATED_BILLING");
  CHECK(t.sim("DescribeWorld")["Organizations"][0]["PendingAllFeaturesHandshakeId"] == nullptr);
  // "You have to start over."
  Json restarted = startMigration(t);
  CHECK(restarted["State"] == "REQUESTED");
  CHECK(childrenOf(t, restarted["Id"]).size() == 3);
}

TEST_CASE("All features: EnableAllFeatures errors", "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  SECTION("members and standalone accounts") {
    for (const std::string& m : {kAnn, kDan}) {
      auto r = rejected(t, m, "EnableAllFeatures");
      REQUIRE_AWS_ERROR_MSG(r, "AccessDeniedException", "", kMsgAccessDenied);
    }
    REQUIRE_REJECTED(t, kSusan, "EnableAllFeatures", Json::object(), "AWSOrganizationsNotInUseException", "");
  }
  SECTION("already pending, while REQUESTED and while OPEN") {
    const std::string parentId = startMigration(t)["Id"];
    auto r = rejected(t, kBill, "EnableAllFeatures");
    REQUIRE_AWS_ERROR(r, "HandshakeConstraintViolationException",
                      "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION");
    for (const auto& [m, c] : childrenOf(t, parentId)) accept(t, m, c["Id"]);
    CHECK(stateOf(t, kBill, parentId) == "OPEN");
    REQUIRE_REJECTED(t, kBill, "EnableAllFeatures", Json::object(), "HandshakeConstraintViolationException",
                     "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION");
    // Members still get AccessDenied, not the pending error.
    REQUIRE_REJECTED(t, kAnn, "EnableAllFeatures", Json::object(), "AccessDeniedException", "");
  }
  SECTION("an organization created with all features") {
    TestWorld all;
    all.docsWorld();
    auto r = rejected(all, kBill, "EnableAllFeatures");
    REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ORGANIZATION_ALREADY_HAS_ALL_FEATURES",
                          "All features are already enabled on this organization.");
  }
}

TEST_CASE("All features: who may act on the parent and on each child", "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  const std::string parentId = startMigration(t)["Id"];
  std::map<std::string, Json> children = childrenOf(t, parentId);
  const std::string annChild = children[kAnn]["Id"];

  // Someone else's child: other members, the created member, outsiders, and the management account
  // (which may not answer for a member).
  for (const std::string& caller : {kBen, kCat, kDan, kJuan, kBill}) {
    INFO(caller);
    REQUIRE_REJECTED(t, caller, "AcceptHandshake", Json({{"HandshakeId", annChild}}), "AccessDeniedException", "");
    REQUIRE_REJECTED(t, caller, "DeclineHandshake", Json({{"HandshakeId", annChild}}), "AccessDeniedException", "");
  }
  for (const std::string& caller : {kBen, kDan, kJuan}) {
    INFO(caller);
    REQUIRE_REJECTED(t, caller, "DescribeHandshake", Json({{"HandshakeId", annChild}}), "AccessDeniedException", "");
  }
  // The member may not cancel its own child: that is the sender's move.
  REQUIRE_REJECTED(t, kAnn, "CancelHandshake", Json({{"HandshakeId", annChild}}), "AccessDeniedException", "");
  // Members may neither accept, decline nor cancel the parent.
  for (const std::string& caller : {kAnn, kDan, kJuan}) {
    for (const char* op : {"AcceptHandshake", "DeclineHandshake", "CancelHandshake"}) {
      INFO(caller << " " << op);
      REQUIRE_REJECTED(t, caller, op, Json({{"HandshakeId", parentId}}), "AccessDeniedException", "");
    }
  }
  CHECK(stateOf(t, kAnn, annChild) == "OPEN");
  CHECK(stateOf(t, kBill, parentId) == "REQUESTED");
  CHECK(describe(t, kBill, annChild)["State"] == "OPEN");
}

TEST_CASE("All features: an organization without invited members can finalize at once", "[all-features]") {
  TestWorld t;
  t.account(kBill, "Bill", "bill@example.com");
  t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
  t.setTime(kT0);
  SECTION("only the management account") {}
  SECTION("with a created member") {
    t.account(kDan, "Dan", "dan@example.com");
    t.join(kDan, kDocsOrg, "CREATED");
  }
  Json parent = startMigration(t);
  CHECK(parent["State"] == "OPEN");
  CHECK(millisBetween(parent["RequestedTimestamp"], parent["ExpirationTimestamp"]) == kNinetyDaysMs);
  CHECK(childrenOf(t, parent["Id"]).empty());
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{parent["Id"]});
  CHECK(featureSet(t) == "CONSOLIDATED_BILLING");
  accept(t, kBill, parent["Id"]);
  CHECK(featureSet(t) == "ALL");
}

TEST_CASE("All features: with InvitesDuringMigration REJECT, invitations wait for the end of the migration",
          "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  t.sim("SetSettings", {{"InvitesDuringMigration", "REJECT"}});
  const std::string parentId = startMigration(t)["Id"];
  auto r = rejected(t, kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "susan@example.com")}});
  REQUIRE_AWS_ERROR(r, "HandshakeConstraintViolationException", "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES");
  ok(t, kBill, "CancelHandshake", {{"HandshakeId", parentId}});
  CHECK(advertisedFeatureSet(invite(t, kBill, "EMAIL", "susan@example.com")) == "CONSOLIDATED_BILLING");
}

TEST_CASE("Simulator.DescribeLifecycle agrees with the engine for every APPROVE_ALL_FEATURES row", "[all-features]") {
  TestWorld probe;
  Json lc = probe.sim("DescribeLifecycle", {{"Action", "APPROVE_ALL_FEATURES"}})["Lifecycles"][0];
  CHECK(lc["Initial"] == "OPEN");
  const std::map<std::string, std::string> callerFor = {{"SENDER", kBill}, {"RECIPIENT", kAnn}, {"OTHER", kBen}};
  int checked = 0;
  for (const Json& row : lc["Transitions"]) {
    const std::string role = row["Role"];
    if (!callerFor.count(role)) continue;
    const std::string op = row["Operation"], from = row["From"];
    INFO(row.dump());
    TestWorld t;
    migrationWorld(t);
    const std::string parentId = startMigration(t)["Id"];
    const std::string child = childrenOf(t, parentId)[kAnn]["Id"];
    if (from == "ACCEPTED") ok(t, kAnn, "AcceptHandshake", {{"HandshakeId", child}});
    if (from == "DECLINED") ok(t, kAnn, "DeclineHandshake", {{"HandshakeId", child}});
    if (from == "CANCELED") ok(t, kBill, "CancelHandshake", {{"HandshakeId", parentId}});
    if (from == "EXPIRED") t.sim("AdvanceTime", {{"Seconds", 90 * kDaySeconds + 0.001}});
    REQUIRE(stateOf(t, kAnn, child) == from);
    if (row.contains("To")) {
      Json h = ok(t, callerFor.at(role), op, {{"HandshakeId", child}})["Handshake"];
      CHECK(h["State"] == row["To"]);
    } else {
      auto r = rejected(t, callerFor.at(role), op, {{"HandshakeId", child}});
      REQUIRE_AWS_ERROR(r, row["Error"].get<std::string>(), "");
    }
    ++checked;
  }
  CHECK(checked == 45);
}

TEST_CASE("All features: a member that moves to another organization by invitation no longer holds the parent",
          "[all-features]") {
  // Like LeaveOrganization and RemoveAccountFromOrganization, a member departing by accepting another
  // organization's invitation cancels its open child, and the parent is re-checked (fidelity: "A member
  // leaving with an OPEN child: the child becomes CANCELED; the parent is re-checked").
  TestWorld t;
  migrationWorld(t);
  const std::string mia = "444444444444";
  t.account(mia, "Mia", "mia@example.com");
  t.organization(mia, "o-otherorg123", "ALL");
  const std::string parentId = startMigration(t)["Id"];
  std::map<std::string, Json> children = childrenOf(t, parentId);
  accept(t, kAnn, children[kAnn]["Id"]);
  accept(t, kBen, children[kBen]["Id"]);
  std::string offer =
      ok(t, mia, "InviteAccountToOrganization", {{"Target", target("EMAIL", "cat@example.com")}})["Handshake"]["Id"];
  accept(t, kCat, offer);
  CHECK(ok(t, kCat, "DescribeOrganization")["Organization"]["Id"] == "o-otherorg123");
  CHECK(stateOf(t, kBill, children[kCat]["Id"]) == "CANCELED");
  CHECK(stateOf(t, kBill, parentId) == "OPEN");
  accept(t, kBill, parentId);
  CHECK(featureSet(t) == "ALL");
}

TEST_CASE("All features: the management account's received list holds its parent, not its children", "[all-features]") {
  TestWorld t;
  migrationWorld(t);
  const std::string parentId = startMigration(t)["Id"];
  std::vector<std::string> received = listIds(t, kBill, "ListHandshakesForAccount");
  CHECK(received == std::vector<std::string>{parentId});
  CHECK(listIds(t, kBill, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "APPROVE_ALL_FEATURES"}}}}).empty());
}
