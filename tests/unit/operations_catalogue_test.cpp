// Simulator.DescribeOperations: the operation catalogue the engine publishes (core/ops/operations.h
// describeOperation), checked exactly for two operations, for completeness against allOperations(), and
// member by member (names, types, required flags) against the botocore model's extract in
// tests/data/botocore-operation-members.json.
#include <set>
#include <string>

#include "ops/operations.h"
#include "test_support.h"

using hs::Json;
using namespace hs::test;

namespace {

Json catalogueOf(TestWorld& t, const std::string& operation) {
  Json ops = t.sim("DescribeOperations", {{"Operation", operation}})["Operations"];
  REQUIRE(ops.size() == 1);
  return ops[0];
}

}  // namespace

TEST_CASE("Simulator.DescribeOperations: AcceptHandshake exactly", "[operations-catalogue]") {
  TestWorld t;
  CHECK(catalogueOf(t, "AcceptHandshake") == Json::parse(R"({
    "Name": "AcceptHandshake", "ReadOnly": false,
    "Members": [{"Name": "HandshakeId", "Type": "string", "Required": true}]})"));
  CHECK(catalogueOf(t, "DescribeHandshake")["ReadOnly"] == true);
  CHECK(catalogueOf(t, "ListHandshakesForAccount")["ReadOnly"] == true);
  CHECK(catalogueOf(t, "EnableAllFeatures") ==
        Json::parse(R"({"Name": "EnableAllFeatures", "ReadOnly": false, "Members": []})"));
}

TEST_CASE("Simulator.DescribeOperations: InviteAccountToOrganization exactly, byte for byte",
          "[operations-catalogue]") {
  TestWorld t;
  Reply r = t.raw("", "Simulator.DescribeOperations", R"({"Operation":"InviteAccountToOrganization"})");
  REQUIRE(r.status == 200);
  // Keys sorted, as every engine answer; members in the model's order.
  CHECK(r.raw ==
        R"({"Operations":[{"Members":[)"
        R"({"Members":[{"Name":"Id","Required":true,"Type":"string"},{"Name":"Type","Required":true,"Type":"string"}],)"
        R"("Name":"Target","Required":true,"Type":"structure"},)"
        R"({"Name":"Notes","Required":false,"Type":"string"},)"
        R"({"Member":{"Members":[{"Name":"Key","Required":true,"Type":"string"},)"
        R"({"Name":"Value","Required":true,"Type":"string"}],"Type":"structure"},)"
        R"("Name":"Tags","Required":false,"Type":"list"}],)"
        R"("Name":"InviteAccountToOrganization","ReadOnly":false}]})");
}

TEST_CASE("Simulator.DescribeOperations lists every simulated operation once, in allOperations() order",
          "[operations-catalogue]") {
  TestWorld t;
  Json all = t.sim("DescribeOperations")["Operations"];
  const auto& specs = hs::allOperations();
  REQUIRE(all.size() == specs.size());
  std::set<std::string> seen;
  for (size_t i = 0; i < specs.size(); ++i) {
    INFO(specs[i].name);
    CHECK(all[i]["Name"] == specs[i].name);
    CHECK(all[i]["ReadOnly"] == specs[i].readsOnly());
    CHECK(hs::isAwsOperation(specs[i].name));
    CHECK(seen.insert(specs[i].name).second);
    // {"Operation": name} answers the same entry.
    CHECK(catalogueOf(t, specs[i].name) == all[i]);
  }
  // A pure answer: the world and the clock are not read, so another world gives the same bytes.
  TestWorld other;
  other.docsWorld();
  CHECK(other.raw("", "Simulator.DescribeOperations", "{}").raw == t.raw("", "Simulator.DescribeOperations", "{}").raw);
  CHECK(t.raw("", "Simulator.DescribeOperations", R"({"Operation":null})").raw ==
        t.raw("", "Simulator.DescribeOperations", "{}").raw);
}

TEST_CASE("Simulator.DescribeOperations agrees with the botocore model: members, types, required flags",
          "[operations-catalogue]") {
  TestWorld t;
  Json model = readJsonFile("botocore-operation-members.json")["Operations"];
  Json all = t.sim("DescribeOperations")["Operations"];
  REQUIRE(model.size() == all.size());
  size_t requiredSeen = 0;
  for (const Json& op : all) {
    const std::string name = op["Name"];
    INFO(name);
    REQUIRE(model.contains(name));
    CHECK(op["Members"] == model[name]);
    for (const Json& m : op["Members"]) requiredSeen += m["Required"].get<bool>() ? 1 : 0;
  }
  CHECK(requiredSeen > 0);
  // Spot checks of the extract itself (botocore service-2.json, input shapes' "required" lists).
  CHECK(model["TagResource"][1] ==
        Json::parse(R"({"Name": "Tags", "Required": true, "Type": "list", "Member": {"Type": "structure", "Members": [
          {"Name": "Key", "Required": true, "Type": "string"}, {"Name": "Value", "Required": true, "Type": "string"}]}})"));
  CHECK(model["ListInboundResponsibilityTransfers"][1] ==
        Json::parse(R"({"Name": "Id", "Required": false, "Type": "string"})"));
  CHECK(model["DescribeResponsibilityTransfer"][0] ==
        Json::parse(R"({"Name": "Id", "Required": true, "Type": "string"})"));
  CHECK(model["ListChildren"][1] == Json::parse(R"({"Name": "ChildType", "Required": true, "Type": "string"})"));
}

TEST_CASE("Simulator.DescribeOperations: a name that is not simulated is an invalid enum value",
          "[operations-catalogue]") {
  TestWorld t;
  for (const char* name : {"ListPolicies", "acceptHandshake", "", "Simulator.DescribeOperations"}) {
    INFO(name);
    Reply bad = t.raw("", "Simulator.DescribeOperations", Json{{"Operation", name}}.dump());
    REQUIRE_AWS_ERROR(bad, "InvalidInputException", "INVALID_ENUM:OPERATION");
    CHECK(bad.message() == "You specified an invalid value.");
    CHECK(
        bad.raw ==
        R"({"Message":"You specified an invalid value.","Reason":"INVALID_ENUM:OPERATION","__type":"InvalidInputException"})");
  }
  Reply wrongType = t.raw("", "Simulator.DescribeOperations", R"({"Operation":5})");
  REQUIRE(wrongType.status == 400);
  CHECK(wrongType.type() == "SerializationException");
  CHECK(wrongType.message() == "Member 'Operation' must be a string.");
}

TEST_CASE("Required is metadata: the JSON type check ignores it", "[operations-catalogue]") {
  TestWorld t;
  t.docsWorld();
  // Missing required members still reach the handler, which answers with AWS's own Reason.
  Reply r = t.call("111111111111", "AcceptHandshake");
  REQUIRE_AWS_ERROR(r, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID");
  r = t.call("111111111111", "TagResource", {{"ResourceId", "222222222222"}});
  REQUIRE(r.status == 400);
  CHECK(r.type() != "SerializationException");
  // Optional and required members are type-checked alike.
  r = t.call("111111111111", "InviteAccountToOrganization", {{"Target", {{"Type", "EMAIL"}, {"Id", 5}}}});
  REQUIRE(r.status == 400);
  CHECK(r.type() == "SerializationException");
  CHECK(r.message() == "Member 'Target.Id' must be a string.");
}
