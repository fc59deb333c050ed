// Replays real-AWS captures (tests/data, copied from shared/conformance) against the engine and
// compares status, __type, Reason, Message and the handshake fields exactly (Parties as a multiset,
// since AWS varies their order).
#include <algorithm>
#include <map>

#include "test_support.h"

using hs::Json;
using hs::test::TestWorld;

namespace {

// Sorts every "Parties" array so that order does not matter.
void normalizeParties(Json& j) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (k == "Parties" && v.is_array()) {
        std::vector<Json> parties(v.begin(), v.end());
        std::sort(parties.begin(), parties.end(), [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
        v = Json(parties);
      }
      normalizeParties(v);
    }
  } else if (j.is_array()) {
    for (auto& v : j) normalizeParties(v);
  }
}

std::string mapIds(std::string s, const std::map<std::string, std::string>& ids) {
  for (const auto& [captured, engine] : ids) {
    for (size_t pos = 0; (pos = s.find(captured, pos)) != std::string::npos; pos += engine.size())
      s.replace(pos, captured.size(), engine);
  }
  return s;
}

}  // namespace

TEST_CASE("real-AWS invitation capture replays exactly", "[conformance]") {
  Json capture = hs::test::readJsonFile("aws-capture-handshakes.json");
  const Json& world = capture["world"];
  TestWorld t;
  t.setTime(world["clock_start"].get<double>());
  const Json& mgmt = world["management_account"];
  t.account(mgmt["Id"], mgmt["Name"], mgmt["Email"]);
  t.organization(mgmt["Id"], world["organization"]["Id"], world["organization"]["FeatureSet"]);
  for (const Json& m : world["members"]) {
    t.account(m["Id"], m["Name"], m["Email"]);
    t.join(m["Id"], world["organization"]["Id"], m["JoinedMethod"]);
  }

  std::map<std::string, std::string> ids;  // captured handshake id -> engine id
  int replayed = 0;
  for (const Json& obs : capture["observations"]) {
    std::string name = obs["case"];
    INFO("case " << name);
    if (obs.contains("at")) t.setTime(obs["at"].get<double>());
    Json input = Json::parse(mapIds(obs["input"].dump(), ids));
    auto reply = t.call(obs["caller"], obs["action"], input);
    INFO("engine: " << reply.raw);
    REQUIRE(reply.status == obs["status"].get<int>());
    Json expected = obs["output"];
    if (reply.status == 200 && expected.contains("Handshake") && obs["action"] == "InviteAccountToOrganization")
      ids[expected["Handshake"]["Id"]] = reply.body["Handshake"]["Id"];
    expected = Json::parse(mapIds(expected.dump(), ids));
    Json actual = reply.body;
    normalizeParties(expected);
    normalizeParties(actual);
    CHECK(actual == expected);
    ++replayed;
  }
  CHECK(replayed == 41);
  CHECK(ids.size() == 3);
}

TEST_CASE("real-AWS EnableAllFeatures capture replays exactly", "[conformance]") {
  Json capture = hs::test::readJsonFile("aws-capture-enable-all-features.json");
  TestWorld t;
  t.account("111111111111", "Management", "management@example.test");
  t.organization("111111111111", "o-exampleorgid", "ALL");
  t.account("222222222222", "Member", "member@example.test");
  t.join("222222222222", "o-exampleorgid");
  std::string before = t.exportWorld();
  for (const Json& obs : capture["observations"]) {
    INFO("case " << obs["case"].get<std::string>());
    std::string caller = obs["case"] == "member" ? "222222222222" : "111111111111";
    auto reply = t.call(caller, obs["action"], obs["input"]);
    INFO("engine: " << reply.raw);
    CHECK(reply.status == obs["status"].get<int>());
    CHECK(reply.body == obs["output"]);
  }
  CHECK(t.exportWorld() == before);  // "unchanged": true
}
