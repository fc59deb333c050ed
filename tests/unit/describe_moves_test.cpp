// Simulator.DescribeMoves (core/sim/describe_moves.h) against Simulator.DryRun: for every action, every
// stored state and every account of the world (sender, recipient, others, and callers that do not
// resolve), the answer for AcceptHandshake, DeclineHandshake and CancelHandshake is the one DryRun of
// that call gives, byte for byte, so the page's moves cannot drift from what a call would do. Also the
// guards' errors, the invitation consumed with an error, the batch form and the control's own errors.
#include <set>
#include <string>
#include <vector>

#include "rules/lifecycle.h"
#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

// Its own namespace: the suite compiles in unity batches (CMakeLists.txt), where file-scope names meet.
namespace describe_moves_test {
namespace {

using hs::Action;
using hs::HandshakeState;

const std::string kMia = "444444444444";  // manages kMiaOrg
const std::string kMiaOrg = "o-miaorg0001";
const char* const kOps[] = {"AcceptHandshake", "DeclineHandshake", "CancelHandshake"};
constexpr double kOct1 = 1790812800;  // a transfer start 18 days after kT0

Reply describeMoves(TestWorld& t, const Json& body) { return t.raw("", "Simulator.DescribeMoves", body.dump()); }

// What DryRun says `op` by `caller` on `id` would answer: {Status, Body}.
Json dryRun(TestWorld& t, const std::string& caller, const std::string& op, const std::string& id) {
  return t.sim(
      "DryRun",
      {{"Caller", caller}, {"Target", "AWSOrganizationsV20161128." + op}, {"Body", Json{{"HandshakeId", id}}.dump()}});
}

// The state `op` by `caller` really leaves the handshake in (the world is put back afterwards).
std::string stateAfterCall(TestWorld& t, const std::string& caller, const std::string& op, const std::string& id) {
  Json world = t.sim("ExportWorld")["World"];
  t.call(caller, op, {{"HandshakeId", id}});
  std::string state;
  const Json after = t.sim("ExportWorld")["World"];
  for (const Json& h : after["Handshakes"])
    if (h["Id"] == id) state = h["State"];
  t.sim("ImportWorld", {{"World", world}});
  return state;
}

// (action, state, role) triples answered, across the test case.
using Seen = std::set<std::string>;

// DescribeMoves equals DryRun for `caller` on `id`; returns the answer.
Reply compareOne(TestWorld& t, const std::string& caller, const std::string& id, Seen& seen) {
  const std::string before = worldBytes(t);
  Reply moves = describeMoves(t, {{"Caller", caller}, {"HandshakeId", id}});
  REQUIRE(worldBytes(t) == before);  // DescribeMoves changes nothing
  INFO("caller " << caller << " on " << id << ": " << moves.raw);
  if (moves.status != 200) {
    // Every call fails the same way before the table is read: that error is the answer.
    for (const char* op : kOps) {
      Json dry = dryRun(t, caller, op, id);
      CHECK(dry["Status"] == moves.status);
      CHECK(dry["Body"] == moves.raw);
    }
    return moves;
  }
  REQUIRE(moves.body["HandshakeId"] == id);
  REQUIRE(moves.body["Moves"].size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    const Json& move = moves.body["Moves"][i];
    const std::string op = kOps[i];
    INFO(op);
    CHECK(move["Operation"] == op);
    Json dry = dryRun(t, caller, op, id);
    REQUIRE(dry["Status"] == move["Status"]);
    Json body = Json::parse(dry["Body"].get<std::string>());
    if (dry["Status"] == 200) {
      CHECK_FALSE(move.contains("Error"));
      CHECK(move["To"] == body["Handshake"]["State"]);
    } else {
      CHECK(move["Error"] == body);
      // To beside an error: the move stands all the same; without To, nothing moves.
      const std::string after = stateAfterCall(t, caller, op, id);
      CHECK(after == (move.contains("To") ? move["To"].get<std::string>() : moves.body["State"].get<std::string>()));
    }
    seen.insert(moves.body["Action"].get<std::string>() + " " + moves.body["State"].get<std::string>() + " " +
                move["Role"].get<std::string>());
  }
  return moves;
}

// Every visible handshake x every account (and two callers that do not resolve); the batch form agrees.
void compareAll(TestWorld& t, Seen& seen) {
  Json world = t.sim("DescribeWorld");
  std::vector<std::string> callers = {"999999999999", "not-an-id"};
  for (const Json& a : world["Accounts"]) callers.push_back(a["Id"]);
  std::vector<std::string> ids;
  for (const Json& h : world["Handshakes"]) ids.push_back(h["Id"]);
  ids.push_back("h-doesnotexist1");
  for (const std::string& caller : callers) {
    Json items = Json::array();
    for (const std::string& id : ids) {
      Reply one = compareOne(t, caller, id, seen);
      items.push_back(one.status == 200 ? one.body
                                        : Json{{"HandshakeId", id}, {"Status", one.status}, {"Error", one.body}});
    }
    Reply batch = describeMoves(t, {{"Caller", caller}, {"HandshakeIds", ids}});
    INFO("batch for " << caller << ": " << batch.raw);
    if (batch.status == 200) {
      CHECK(batch.body == Json{{"Handshakes", items}});
    } else {
      // An unresolved caller: the same error as each single answer.
      CHECK(items[0]["Error"] == batch.body);
    }
  }
}

// Rewrites a stored handshake's action and state through ExportWorld/ImportWorld (ended when terminal,
// so that it stays visible).
void rewrite(TestWorld& t, const std::string& id, Action action, HandshakeState state) {
  Json world = t.sim("ExportWorld")["World"];
  for (Json& h : world["Handshakes"]) {
    if (h["Id"] != id) continue;
    h["Action"] = hs::toString(action);
    h["State"] = hs::toString(state);
    h["Ended"] = hs::isTerminal(state) ? h["Requested"] : Json(0);
  }
  t.sim("ImportWorld", {{"World", world}});
}

// A world holding a handshake of `action`; returns its id.
std::string sceneFor(TestWorld& t, Action action) {
  if (action == Action::Invite) {
    t.docsWorld();
    return invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  }
  if (action == Action::TransferResponsibility) {
    t.docsWorld();
    t.account(kMia, "Mia", "mia@example.com");
    t.organization(kMia, kMiaOrg);
    Json body{
        {"Type", "BILLING"}, {"Target", target("ACCOUNT", kMia)}, {"StartTimestamp", kOct1}, {"SourceName", "Mia"}};
    return ok(t, kBill, "InviteOrganizationToTransferResponsibility", body)["Handshake"]["Id"];
  }
  // A migration of Bill's CONSOLIDATED_BILLING organization with Susan as an invited member.
  std::string parent = migrationOfConsolidatedBilling(t);
  if (action == Action::EnableAllFeatures) return parent;
  std::vector<std::string> children =
      listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parent}}}});
  REQUIRE(children.size() == 1);
  return children[0];
}

}  // namespace

TEST_CASE("DescribeMoves answers as DryRun for every action, state and role", "[describe-moves]") {
  Seen seen;
  for (int a = 0; a < hs::kActionCount; ++a)
    for (int s = 0; s < hs::kHandshakeStateCount; ++s) {
      const auto action = static_cast<Action>(a);
      const auto state = static_cast<HandshakeState>(s);
      INFO(hs::toString(action) << " " << hs::toString(state));
      TestWorld t;
      const std::string id = sceneFor(t, action);
      rewrite(t, id, action, state);
      compareAll(t, seen);
    }
  // Each action in each state was answered for its sender, its recipient and another account.
  for (int a = 0; a < hs::kActionCount; ++a)
    for (int s = 0; s < hs::kHandshakeStateCount; ++s)
      for (const char* role : {"SENDER", "RECIPIENT", "OTHER"}) {
        const std::string key = std::string(hs::toString(static_cast<Action>(a))) + " " +
                                hs::toString(static_cast<HandshakeState>(s)) + " " + role;
        INFO(key);
        CHECK(seen.count(key) == 1);
      }
}

TEST_CASE("DescribeMoves reports the guards' errors as the calls give them", "[describe-moves]") {
  Seen seen;
  SECTION("a member of another organization, with MemberOfOtherOrganization REJECT") {
    TestWorld t;
    t.docsWorld();
    t.account(kMia, "Mia", "mia@example.com");
    t.organization(kMia, kMiaOrg);
    std::string id = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
    t.join(kSusan, kMiaOrg);
    t.sim("SetSettings", {{"MemberOfOtherOrganization", "REJECT"}});
    Reply r = compareOne(t, kSusan, id, seen);
    CHECK(r.body["Moves"][0]["Error"]["Reason"] == "ALREADY_IN_AN_ORGANIZATION");
    CHECK_FALSE(r.body["Moves"][0].contains("To"));
    compareAll(t, seen);
  }
  SECTION("the organization is full") {
    TestWorld t;
    t.docsWorld();
    std::string id = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
    t.sim("SetSettings", {{"AccountLimit", 1}});
    Reply r = compareOne(t, kSusan, id, seen);
    CHECK(r.body["Moves"][0]["Error"]["Reason"] == "ACCOUNT_NUMBER_LIMIT_EXCEEDED");
    compareAll(t, seen);
  }
  SECTION("a transfer offer to the organization that sent it, and to one already linked") {
    TestWorld t;
    std::string id = sceneFor(t, Action::TransferResponsibility);
    compareAll(t, seen);
    ok(t, kMia, "AcceptHandshake", {{"HandshakeId", id}});
    Json body{{"Type", "BILLING"}, {"Target", target("ACCOUNT", kMia)}, {"StartTimestamp", kOct1}, {"SourceName", "M"}};
    Reply again = t.call(kBill, "InviteOrganizationToTransferResponsibility", body);
    if (again.status == 200) compareAll(t, seen);
  }
}

TEST_CASE("DescribeMoves: an invitation accepted by a member of its own organization is consumed with an error",
          "[describe-moves]") {
  // AWS-observed: HandshakeConstraintViolationException ALREADY_IN_AN_ORGANIZATION, yet the handshake is
  // ACCEPTED. DryRun answers the error; DescribeMoves too, with To: the move stands.
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  t.join(kSusan, kDocsOrg);
  Seen seen;
  Reply r = compareOne(t, kSusan, id, seen);
  REQUIRE(r.status == 200);
  const Json& accept = r.body["Moves"][0];
  CHECK(accept["Status"] == 400);
  CHECK(accept["Error"]["__type"] == "HandshakeConstraintViolationException");
  CHECK(accept["Error"]["Reason"] == "ALREADY_IN_AN_ORGANIZATION");
  CHECK(accept["To"] == "ACCEPTED");
  CHECK(r.body["Moves"][1] ==
        Json{{"Operation", "DeclineHandshake"}, {"Role", "RECIPIENT"}, {"Status", 200}, {"To", "DECLINED"}});
  CHECK(r.body["Moves"][2]["Error"]["__type"] == "AccessDeniedException");
  CHECK(r.body["Moves"][2]["Error"]["Message"] == kMsgAccessDenied);
  CHECK(r.body["State"] == "OPEN");
}

TEST_CASE("DescribeMoves: callers and handshakes that do not resolve, and malformed requests", "[describe-moves]") {
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  auto error = [&](const Json& body, const std::string& type, const std::string& reason, const std::string& message) {
    const std::string before = worldBytes(t);
    Reply r = describeMoves(t, body);
    INFO(body.dump() << " -> " << r.raw);
    CHECK(r.status == 400);
    CHECK(r.type() == type);
    CHECK(r.reason() == reason);
    CHECK(r.message() == message);
    CHECK(worldBytes(t) == before);
  };
  error({{"Caller", "999999999999"}, {"HandshakeId", id}}, "UnrecognizedClientException", "",
        "The security token included in the request is invalid.");
  error({{"Caller", "Bill"}, {"HandshakeIds", {id}}}, "UnrecognizedClientException", "",
        "The security token included in the request is invalid.");
  error({{"Caller", kSusan}, {"HandshakeId", "h-doesnotexist1"}}, "HandshakeNotFoundException", "", kMsgNotFound);
  error({{"Caller", kSusan}, {"HandshakeId", "nope"}}, "InvalidInputException", "INVALID_PATTERN:HANDSHAKE_ID",
        kMsgInvalidPattern);
  error({{"HandshakeId", id}}, "InvalidInputException", "INPUT_REQUIRED:CALLER", kMsgInputRequired);
  // An empty caller is the control's own input error (a call without one is refused before AWS reads it).
  error({{"Caller", ""}, {"HandshakeId", id}}, "InvalidInputException", "MIN_LENGTH_EXCEEDED:CALLER",
        "You provided a string parameter that is shorter than allowed.");
  error({{"Caller", kSusan}}, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID", kMsgInputRequired);
  error({{"Caller", kSusan}, {"HandshakeId", id}, {"HandshakeIds", {id}}}, "InvalidInputException",
        "MUTUALLY_EXCLUSIVE:HANDSHAKE_IDS", "You provided an invalid value.");
  error({{"Caller", kSusan}, {"HandshakeIds", Json::array({id, 7})}}, "SerializationException", "",
        "Member 'HandshakeIds[1]' must be a string.");
  error({{"Caller", kSusan}, {"HandshakeIds", std::vector<std::string>(101, id)}}, "InvalidInputException",
        "MAX_LENGTH_EXCEEDED:HANDSHAKE_IDS", "You provided a string that exceeds that maximum length.");
  // A batch answers each handshake: unknown and malformed ids get their own error, the rest their moves.
  Reply batch = describeMoves(t, {{"Caller", kSusan}, {"HandshakeIds", {id, "h-doesnotexist1", "nope"}}});
  REQUIRE(batch.status == 200);
  const Json& items = batch.body["Handshakes"];
  REQUIRE(items.size() == 3);
  CHECK(items[0]["Moves"][0] ==
        Json{{"Operation", "AcceptHandshake"}, {"Role", "RECIPIENT"}, {"Status", 200}, {"To", "ACCEPTED"}});
  CHECK(items[1] == Json{{"HandshakeId", "h-doesnotexist1"},
                         {"Status", 400},
                         {"Error", {{"Message", kMsgNotFound}, {"__type", "HandshakeNotFoundException"}}}});
  CHECK(items[2]["Error"]["Reason"] == "INVALID_PATTERN:HANDSHAKE_ID");
  CHECK(describeMoves(t, {{"Caller", kSusan}, {"HandshakeIds", Json::array()}}).body ==
        Json{{"Handshakes", Json::array()}});
}

}  // namespace describe_moves_test
