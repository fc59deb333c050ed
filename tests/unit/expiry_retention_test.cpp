// Expiry and retention (spec 3.2 rule 2, 5.1, 5.5, 7, 12 seed 10): invitations are OPEN for exactly
// 15 days, then EXPIRED; ended handshakes stay visible for 30 days, then are gone from Describe and
// both lists; an expired invitation frees its place.
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

constexpr double kFifteenDays = 15 * kDaySeconds;
constexpr double kThirtyDays = 30 * kDaySeconds;

void advance(TestWorld& t, double seconds) { t.sim("AdvanceTime", {{"Seconds", seconds}}); }

// The state the three views report: Describe by both parties, and the two lists.
void requireStateEverywhere(TestWorld& t, const std::string& id, const std::string& state) {
  INFO("handshake " << id << " expected " << state);
  CHECK(describe(t, kBill, id)["State"] == state);
  CHECK(describe(t, kSusan, id)["State"] == state);
  Json sent = ok(t, kBill, "ListHandshakesForOrganization")["Handshakes"];
  Json received = ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"];
  bool inSent = false, inReceived = false;
  for (const Json& h : sent)
    if (h["Id"] == id) {
      inSent = true;
      CHECK(h["State"] == state);
    }
  for (const Json& h : received)
    if (h["Id"] == id) {
      inReceived = true;
      CHECK(h["State"] == state);
    }
  CHECK(inSent);
  CHECK(inReceived);
  // The effective view of the simulator agrees.
  bool inWorld = false;
  const Json world = t.sim("DescribeWorld");
  for (const Json& h : world["Handshakes"])
    if (h["Id"] == id) {
      inWorld = true;
      CHECK(h["State"] == state);
    }
  CHECK(inWorld);
}

void requireGone(TestWorld& t, const std::string& id) {
  INFO("handshake " << id << " expected gone");
  for (const std::string& caller : {kBill, kSusan}) {
    auto r = rejected(t, caller, "DescribeHandshake", {{"HandshakeId", id}});
    REQUIRE_AWS_ERROR_MSG(r, "HandshakeNotFoundException", "", kMsgNotFound);
  }
  CHECK_FALSE(contains(listIds(t, kBill, "ListHandshakesForOrganization"), id));
  CHECK_FALSE(contains(listIds(t, kSusan, "ListHandshakesForAccount"), id));
  CHECK_FALSE(
      contains(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "INVITE"}}}}), id));
  CHECK_FALSE(contains(listIds(t, kSusan, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "INVITE"}}}}), id));
  const Json world = t.sim("DescribeWorld");
  for (const Json& h : world["Handshakes"]) CHECK(h["Id"] != id);
  // Nor can anyone act on it.
  for (const char* op : {"AcceptHandshake", "DeclineHandshake"}) {
    auto r = rejected(t, kSusan, op, {{"HandshakeId", id}});
    REQUIRE_AWS_ERROR(r, "HandshakeNotFoundException", "");
  }
  auto r = rejected(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
  REQUIRE_AWS_ERROR(r, "HandshakeNotFoundException", "");
}

}  // namespace

TEST_CASE("An invitation lives exactly 15 days: ExpirationTimestamp - RequestedTimestamp = 1296000 s", "[expiry]") {
  TestWorld t;
  t.docsWorld();
  Reply r = t.call(kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "susan@example.com")}});
  REQUIRE(r.status == 200);
  const Json& h = r.body["Handshake"];
  CHECK(millisBetween(h["RequestedTimestamp"], h["ExpirationTimestamp"]) == 1296000LL * 1000);
  // Same millisecond fraction, printed as AWS prints it.
  CHECK(r.raw.find("\"RequestedTimestamp\":" + kT0Text) != std::string::npos);
  CHECK(r.raw.find("\"ExpirationTimestamp\":1790567046.11") != std::string::npos);

  // From an odd millisecond too.
  t.setTime(1789300000.987);
  Reply r2 = t.call(kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "juan@example.com")}});
  REQUIRE(r2.status == 200);
  CHECK(r2.raw.find("\"RequestedTimestamp\":1789300000.987") != std::string::npos);
  CHECK(r2.raw.find("\"ExpirationTimestamp\":1790596000.987") != std::string::npos);
}

TEST_CASE("OPEN at +15 days exactly, EXPIRED at +15 days +1 ms, in Describe and both lists", "[expiry]") {
  TestWorld t;
  t.docsWorld();
  auto targetType = GENERATE(std::string("EMAIL"), std::string("ACCOUNT"));
  std::string id = invite(t, kBill, targetType, targetType == "EMAIL" ? "susan@example.com" : kSusan)["Id"];
  advance(t, kFifteenDays - 0.001);
  requireStateEverywhere(t, id, "OPEN");
  advance(t, 0.001);
  requireStateEverywhere(t, id, "OPEN");
  advance(t, 0.001);
  requireStateEverywhere(t, id, "EXPIRED");
  // Filtering by action does not change what is reported.
  Json filtered = ok(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "INVITE"}}}})["Handshakes"];
  REQUIRE(filtered.size() == 1);
  CHECK(filtered[0]["State"] == "EXPIRED");
}

TEST_CASE("An invitation can still be accepted, declined or canceled at +15 days exactly", "[expiry]") {
  auto op = GENERATE(std::string("AcceptHandshake"), std::string("DeclineHandshake"), std::string("CancelHandshake"));
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  advance(t, kFifteenDays);
  const std::string caller = op == "CancelHandshake" ? kBill : kSusan;
  Json h = ok(t, caller, op, {{"HandshakeId", id}})["Handshake"];
  CHECK(h["State"] == (op == "AcceptHandshake" ? "ACCEPTED" : op == "DeclineHandshake" ? "DECLINED" : "CANCELED"));
  // A terminal state set before the expiration is not replaced by EXPIRED afterwards.
  advance(t, 1);
  CHECK(stateOf(t, kBill, id) == h["State"].get<std::string>());
}

TEST_CASE("Terminal handshakes stay visible for 30 days after they end, then are gone", "[expiry]") {
  auto how = GENERATE(std::string("ACCEPTED"), std::string("DECLINED"), std::string("CANCELED"));
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  // End it 3 days after it was sent: retention counts from the end, not from the request.
  advance(t, 3 * kDaySeconds);
  if (how == "ACCEPTED") ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  if (how == "DECLINED") ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", id}});
  if (how == "CANCELED") ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
  advance(t, kThirtyDays);
  requireStateEverywhere(t, id, how);
  advance(t, 0.001);
  requireGone(t, id);
  // Gone for good.
  advance(t, 365 * kDaySeconds);
  requireGone(t, id);
}

TEST_CASE("Expired invitations stay visible for 30 days after their expiration, then are gone", "[expiry]") {
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  advance(t, kFifteenDays + kThirtyDays);
  requireStateEverywhere(t, id, "EXPIRED");
  advance(t, 0.001);
  requireGone(t, id);
}

TEST_CASE("Retention is per handshake: older ones disappear while newer ones stay, in order", "[expiry]") {
  TestWorld t;
  t.docsWorld();
  std::string a = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  ok(t, kBill, "CancelHandshake", {{"HandshakeId", a}});
  advance(t, 10 * kDaySeconds);
  std::string b = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", b}});
  advance(t, 10 * kDaySeconds);
  std::string c = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{a, b, c});
  // a ended at day 0, b at day 10; c is OPEN until day 35 and then visible until day 65.
  advance(t, 10 * kDaySeconds + 0.001);  // day 30 + 1 ms
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{b, c});
  CHECK(listIds(t, kSusan, "ListHandshakesForAccount") == std::vector<std::string>{b, c});
  advance(t, 10 * kDaySeconds);  // day 40
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{c});
  CHECK(stateOf(t, kSusan, c) == "EXPIRED");
  advance(t, 25 * kDaySeconds);  // day 65 + 1 ms
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization").empty());
  CHECK(ok(t, kSusan, "ListHandshakesForAccount") == Json{{"Handshakes", Json::array()}});
}

TEST_CASE("An expired invitation frees its quota slot and the same target may be invited again", "[expiry]") {
  TestWorld t;
  t.docsWorld();
  // Bill + 9 pending invitations = the default quota of 10 accounts.
  std::string first = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  for (int i = 1; i < 9; ++i) invite(t, kBill, "EMAIL", "target" + std::to_string(i) + "@example.com");
  auto full = rejected(t, kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "juan@example.com")}});
  REQUIRE_AWS_ERROR_MSG(full, "HandshakeConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED",
                        kMsgAccountLimit);
  // At exactly +15 days they still count, and the same target is still a duplicate.
  advance(t, kFifteenDays);
  REQUIRE_REJECTED(t, kBill, "InviteAccountToOrganization", Json({{"Target", target("EMAIL", "juan@example.com")}}),
                   "HandshakeConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  advance(t, 0.001);
  CHECK(stateOf(t, kBill, first) == "EXPIRED");
  // Expired: no DuplicateHandshake for the same target, and the quota has room again.
  Json again = invite(t, kBill, "EMAIL", "susan@example.com");
  CHECK(again["Id"] != first);
  CHECK(again["State"] == "OPEN");
  invite(t, kBill, "EMAIL", "juan@example.com");
  for (int i = 1; i < 8; ++i) invite(t, kBill, "EMAIL", "target" + std::to_string(i) + "@example.com");
  // Nine live invitations again: the quota is full once more.
  REQUIRE_REJECTED(t, kBill, "InviteAccountToOrganization", Json({{"Target", target("EMAIL", "target8@example.com")}}),
                   "HandshakeConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  // And the new invitation to Susan can be accepted while the old one stays EXPIRED.
  ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", again["Id"]}});
  CHECK(stateOf(t, kBill, first) == "EXPIRED");
}

TEST_CASE("An ACCOUNT invitation that expired can be sent again to the same account", "[expiry]") {
  TestWorld t;
  t.docsWorld();
  std::string first = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  REQUIRE_REJECTED(t, kBill, "InviteAccountToOrganization", Json({{"Target", target("ACCOUNT", kSusan)}}),
                   "DuplicateHandshakeException", "");
  advance(t, kFifteenDays + 0.001);
  std::string second = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  CHECK(second != first);
  CHECK(listIds(t, kSusan, "ListHandshakesForAccount") == std::vector<std::string>{first, second});
  CHECK(stateOf(t, kSusan, first) == "EXPIRED");
  CHECK(stateOf(t, kSusan, second) == "OPEN");
}
