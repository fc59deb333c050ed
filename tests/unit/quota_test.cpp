// Quotas (spec 5.1, 7, 12 seed 12): the account quota (10 by default, management and pending
// invitations included), the daily invitation attempts (max(20, quota) per 24 hours, accepted ones
// excluded), and DuplicateHandshake for ACCOUNT and EMAIL targets.
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

const std::string kRateMessagePrefix = "You attempted to exceed the number of handshakes";

std::string targetEmail(int i) { return "target" + std::to_string(i) + "@example.com"; }

Json emailTarget(int i) { return Json{{"Target", target("EMAIL", targetEmail(i))}}; }

void requireAccountLimit(TestWorld& t, const Json& body) {
  auto r = rejected(t, kBill, "InviteAccountToOrganization", body);
  REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED", kMsgAccountLimit);
}
void requireRateLimit(TestWorld& t, const Json& body) {
  auto r = rejected(t, kBill, "InviteAccountToOrganization", body);
  REQUIRE_AWS_ERROR(r, "HandshakeConstraintViolationException", "HANDSHAKE_RATE_LIMIT_EXCEEDED");
}

// Invites target `i` and cancels it at once: one attempt, no lasting reservation.
void inviteAndCancel(TestWorld& t, int i) {
  std::string id = invite(t, kBill, "EMAIL", targetEmail(i))["Id"];
  ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
}

void setAccountLimit(TestWorld& t, int limit) {
  Json s = t.sim("SetSettings", {{"AccountLimit", limit}});
  REQUIRE(s["Settings"]["AccountLimit"] == limit);
}

}  // namespace

TEST_CASE("Account quota: 10 accounts by default, the management account and pending invitations included", "[quota]") {
  TestWorld t;
  t.docsWorld();
  // Two members already: Bill + 2 members + 7 invitations = 10.
  t.account("444444444444", "M1", "m1@example.com");
  t.account("555555555555", "M2", "m2@example.com");
  t.join("444444444444", kDocsOrg);
  t.join("555555555555", kDocsOrg, "CREATED");
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(invite(t, kBill, "EMAIL", targetEmail(i))["Id"]);
  requireAccountLimit(t, emailTarget(7));
  // By ACCOUNT target too.
  requireAccountLimit(t, Json{{"Target", target("ACCOUNT", kJuan)}});

  SECTION("canceling an invitation releases its place") {
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", ids[0]}});
    invite(t, kBill, "EMAIL", targetEmail(7));
    requireAccountLimit(t, emailTarget(8));
  }
  SECTION("declining an invitation releases its place") {
    std::string mine = ids[3];
    t.account("666666666666", "T3", targetEmail(3));
    ok(t, "666666666666", "DeclineHandshake", {{"HandshakeId", mine}});
    invite(t, kBill, "EMAIL", targetEmail(7));
    requireAccountLimit(t, emailTarget(8));
  }
  SECTION("expiry releases every place") {
    t.advanceDays(15);
    requireAccountLimit(t, emailTarget(7));
    t.sim("AdvanceTime", {{"Seconds", 0.001}});
    for (int i = 10; i < 17; ++i) invite(t, kBill, "EMAIL", targetEmail(i));
    requireAccountLimit(t, emailTarget(17));
  }
  SECTION("accepting turns the reservation into membership: the count stays the same") {
    t.account("666666666666", "T0", targetEmail(0));
    ok(t, "666666666666", "AcceptHandshake", {{"HandshakeId", ids[0]}});
    CHECK(ok(t, kBill, "ListAccounts")["Accounts"].size() == 4);
    requireAccountLimit(t, emailTarget(7));
  }
  SECTION("removing a member makes room") {
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", "444444444444"}});
    invite(t, kBill, "EMAIL", targetEmail(7));
    requireAccountLimit(t, emailTarget(8));
  }
  SECTION("a member leaving makes room") {
    ok(t, "444444444444", "LeaveOrganization");
    invite(t, kBill, "EMAIL", targetEmail(7));
    requireAccountLimit(t, emailTarget(8));
  }
  SECTION("an invitation canceled by the start of the all-features migration releases its place") {
    // (Bill's organization has all features; build a consolidated-billing one for this.)
    TestWorld cb;
    cb.account(kBill, "Bill", "bill@example.com");
    cb.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
    for (int i = 0; i < 9; ++i) invite(cb, kBill, "EMAIL", targetEmail(i));
    requireAccountLimit(cb, emailTarget(9));
    ok(cb, kBill, "EnableAllFeatures");
    for (int i = 9; i < 18; ++i) invite(cb, kBill, "EMAIL", targetEmail(i));
    requireAccountLimit(cb, emailTarget(18));
  }
}

TEST_CASE("Account quota is per organization and follows Simulator.SetSettings", "[quota]") {
  TestWorld t;
  t.docsWorld();
  t.account("444444444444", "Mia", "mia@example.com");
  t.organization("444444444444", "o-otherorg123", "ALL");
  setAccountLimit(t, 3);
  invite(t, kBill, "EMAIL", targetEmail(0));
  invite(t, kBill, "EMAIL", targetEmail(1));
  requireAccountLimit(t, emailTarget(2));
  // Mia's organization has its own count.
  ok(t, "444444444444", "InviteAccountToOrganization", emailTarget(0));
  ok(t, "444444444444", "InviteAccountToOrganization", emailTarget(1));
  setAccountLimit(t, 4);
  invite(t, kBill, "EMAIL", targetEmail(2));
  requireAccountLimit(t, emailTarget(3));
}

TEST_CASE("Accepting when the organization is already full is ACCOUNT_NUMBER_LIMIT_EXCEEDED and leaves it OPEN",
          "[quota]") {
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  // The quota is lowered below what the organization already holds.
  setAccountLimit(t, 1);
  auto r = rejected(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED", kMsgAccountLimit);
  CHECK(stateOf(t, kSusan, id) == "OPEN");
  REQUIRE_REJECTED(t, kSusan, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
  setAccountLimit(t, 2);
  CHECK(ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"]["State"] == "ACCEPTED");
}

TEST_CASE("Daily invitation attempts: 20 per 24 hours with the default quota, canceled ones included", "[quota]") {
  TestWorld t;
  t.docsWorld();
  for (int i = 0; i < 20; ++i) inviteAndCancel(t, i);
  requireRateLimit(t, emailTarget(20));
  {
    auto r = t.call(kBill, "InviteAccountToOrganization", emailTarget(21));
    CHECK(r.message().rfind(kRateMessagePrefix, 0) == 0);
  }
  // The refused attempts do not count: 24 hours after the first batch there is room for 20 again.
  t.sim("AdvanceTime", {{"Seconds", kDaySeconds - 0.001}});
  requireRateLimit(t, emailTarget(20));
  t.sim("AdvanceTime", {{"Seconds", 0.002}});
  for (int i = 100; i < 120; ++i) inviteAndCancel(t, i);
  requireRateLimit(t, emailTarget(120));
}

TEST_CASE("Daily invitation attempts: declined invitations count, accepted ones do not", "[quota]") {
  TestWorld t;
  t.docsWorld();
  // 5 invitations accepted by real accounts: they do not count.
  for (int i = 0; i < 5; ++i) {
    std::string id = "40000000000" + std::to_string(i);
    t.account(id, "A" + std::to_string(i), targetEmail(i));
    std::string h = invite(t, kBill, "EMAIL", targetEmail(i))["Id"];
    ok(t, id, "AcceptHandshake", {{"HandshakeId", h}});
  }
  // 3 declined: they count.
  for (int i = 5; i < 8; ++i) {
    std::string id = "40000000000" + std::to_string(i);
    t.account(id, "D" + std::to_string(i), targetEmail(i));
    std::string h = invite(t, kBill, "EMAIL", targetEmail(i))["Id"];
    ok(t, id, "DeclineHandshake", {{"HandshakeId", h}});
  }
  // 17 more canceled: 3 + 17 = 20 attempts that count (25 sent in all).
  for (int i = 8; i < 25; ++i) inviteAndCancel(t, i);
  requireRateLimit(t, emailTarget(25));
  CHECK(ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 20}})["Handshakes"].size() == 20);
}

TEST_CASE("Daily invitation attempts: the limit is the account quota when that is greater than 20", "[quota]") {
  TestWorld t;
  t.docsWorld();
  SECTION("quota 25: 25 attempts") {
    setAccountLimit(t, 25);
    for (int i = 0; i < 25; ++i) inviteAndCancel(t, i);
    requireRateLimit(t, emailTarget(25));
  }
  SECTION("quota 100: the 21st attempt succeeds, the 101st is refused, and the 24-hour window slides") {
    setAccountLimit(t, 100);
    // 60 attempts now, 40 more 12 hours later.
    for (int i = 0; i < 60; ++i) inviteAndCancel(t, i);
    t.sim("AdvanceTime", {{"Seconds", kDaySeconds / 2}});
    for (int i = 60; i < 100; ++i) inviteAndCancel(t, i);
    requireRateLimit(t, emailTarget(100));
    // 12 hours later the first 60 have left the window (just after it): exactly 60 more are allowed.
    t.sim("AdvanceTime", {{"Seconds", kDaySeconds / 2 - 0.001}});
    requireRateLimit(t, emailTarget(100));
    t.sim("AdvanceTime", {{"Seconds", 0.002}});
    for (int i = 100; i < 160; ++i) inviteAndCancel(t, i);
    requireRateLimit(t, emailTarget(160));
    // A day after the second batch, only the third remains in the window.
    t.sim("AdvanceTime", {{"Seconds", kDaySeconds / 2}});
    for (int i = 160; i < 200; ++i) inviteAndCancel(t, i);
    requireRateLimit(t, emailTarget(200));
  }
  SECTION("quota 100: pending invitations count toward both quotas") {
    setAccountLimit(t, 100);
    // 99 pending invitations fill the account quota (Bill + 99) before the daily limit of 100.
    for (int i = 0; i < 99; ++i) invite(t, kBill, "EMAIL", targetEmail(i));
    requireAccountLimit(t, emailTarget(99));
    // Canceling one frees the account quota; the daily limit still has one attempt left.
    std::string first = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 1}})["Handshakes"][0]["Id"];
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", first}});
    std::string hundredth = invite(t, kBill, "EMAIL", targetEmail(99))["Id"];
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", hundredth}});
    // Bill + 98 pending leaves room in the account quota, but this would be the 101st attempt today.
    requireRateLimit(t, emailTarget(100));
  }
}

TEST_CASE("DuplicateHandshake: one live invitation per organization and target", "[quota]") {
  TestWorld t;
  t.docsWorld();
  t.account("444444444444", "Mia", "mia@example.com");
  t.organization("444444444444", "o-otherorg123", "ALL");

  SECTION("ACCOUNT target") {
    std::string id = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
    auto r =
        rejected(t, kBill, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", kSusan)}, {"Notes", "again"}});
    REQUIRE_AWS_ERROR_MSG(r, "DuplicateHandshakeException", "", kMsgDuplicate);
    // Another organization may invite the same account.
    ok(t, "444444444444", "InviteAccountToOrganization", {{"Target", target("ACCOUNT", kSusan)}});
    // The EMAIL form of the same account is another party: not a duplicate.
    invite(t, kBill, "EMAIL", "susan@example.com");
    // Once the first ends, the ACCOUNT target is free again.
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
    invite(t, kBill, "ACCOUNT", kSusan);
  }
  SECTION("EMAIL target") {
    std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
    auto r = rejected(t, kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "susan@example.com")}});
    REQUIRE_AWS_ERROR_MSG(r, "DuplicateHandshakeException", "", kMsgDuplicate);
    ok(t, "444444444444", "InviteAccountToOrganization", {{"Target", target("EMAIL", "susan@example.com")}});
    invite(t, kBill, "ACCOUNT", kSusan);
    ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", id}});
    invite(t, kBill, "EMAIL", "susan@example.com");
  }
  SECTION("EMAIL target to an address no account has yet") {
    invite(t, kBill, "EMAIL", "nobody@example.com");
    REQUIRE_REJECTED(t, kBill, "InviteAccountToOrganization", Json({{"Target", target("EMAIL", "nobody@example.com")}}),
                     "DuplicateHandshakeException", "");
  }
  SECTION("EMAIL target: addresses differing only in case are the same recipient") {
    // Recipients are matched to root emails case-insensitively, so a second live invitation that the
    // same account could accept is a duplicate.
    invite(t, kBill, "EMAIL", "susan@example.com");
    for (const char* variant : {"Susan@example.com", "SUSAN@EXAMPLE.COM", "susan@Example.Com"}) {
      INFO(variant);
      REQUIRE_REJECTED(t, kBill, "InviteAccountToOrganization", Json({{"Target", target("EMAIL", variant)}}),
                       "DuplicateHandshakeException", "");
    }
  }
}
