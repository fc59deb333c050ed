// The wire protocol (spec 1, docs/wire-api.md): bodies that are not JSON objects, members of the wrong
// JSON type, unknown members, unknown targets, the exact shape of errors, timestamps, and the errors of
// the Simulator controls.
#include <cstdint>
#include <iterator>
#include <string>

#include "scenario_support.h"
#include "wire/wire.h"

using hs::Json;
using namespace hs::test;

namespace {

const std::string kPrefix = "AWSOrganizationsV20161128.";

void protocolWorld(TestWorld& t) {
  t.docsWorld();
  t.account("555555555555", "Mary", "mary@example.com");
  t.join("555555555555", kDocsOrg);
}

// Error bodies hold exactly __type and Message, plus Reason when there is one; all strings.
void requireErrorShape(const Reply& r) {
  INFO(r.raw);
  REQUIRE(r.body.is_object());
  REQUIRE(r.body.contains("__type"));
  REQUIRE(r.body.contains("Message"));
  REQUIRE(r.body["__type"].is_string());
  REQUIRE(r.body["Message"].is_string());
  CHECK_FALSE(r.body["Message"].get<std::string>().empty());
  CHECK(r.body["__type"].get<std::string>().find('#') == std::string::npos);  // bare shape name
  if (r.body.contains("Reason")) {
    CHECK(r.body.size() == 3);
    CHECK(r.body["Reason"].is_string());
    CHECK_FALSE(r.body["Reason"].get<std::string>().empty());
  } else {
    CHECK(r.body.size() == 2);
  }
}

Reply serializationError(TestWorld& t, const std::string& caller, const std::string& op, const std::string& body) {
  auto r = rejectedRaw(t, caller, kPrefix + op, body);
  REQUIRE_AWS_ERROR(r, "SerializationException", "");
  requireErrorShape(r);
  return r;
}

std::string nested(int depth, const std::string& open, const std::string& close) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

}  // namespace

TEST_CASE("A body that is not a JSON object is a SerializationException", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  const std::string bodies[] = {"[]",
                                "42",
                                "\"text\"",
                                "null",
                                "true",
                                "{",
                                "}",
                                "{\"HandshakeId\":}",
                                "{\"HandshakeId\":\"h-00000000\",}",
                                "{'HandshakeId':'h-00000000'}",
                                "{} {}",
                                "{}x",
                                "{\"HandshakeId\":\"\xFF\xFE\"}",
                                "{\"Notes\":\"\xC3\x28\"}",
                                "{\"HandshakeId\":\"h-00000000\"\xC0\x80}",
                                "\xFF",
                                nested(100, "[", "]"),
                                "{\"x\":" + nested(100, "[", "]") + "}"};
  for (const char* op : {"DescribeHandshake", "ListHandshakesForAccount", "InviteAccountToOrganization"}) {
    for (const std::string& body : bodies) {
      INFO(op << " body (" << body.size() << " bytes): " << body.substr(0, 60));
      serializationError(t, kBill, op, body);
    }
  }
}

TEST_CASE("Nesting: 100 levels deep is refused even inside an ignored member", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  std::string deepObject;
  for (int i = 0; i < 100; ++i) deepObject += "{\"a\":";
  deepObject += "1";
  for (int i = 0; i < 100; ++i) deepObject += "}";
  serializationError(t, kBill, "ListHandshakesForAccount", deepObject);
  serializationError(t, kBill, "ListHandshakesForAccount", "{\"Ignored\":" + nested(100, "[", "]") + "}");
  // Brackets inside strings are text, not nesting.
  Reply r = t.raw(kBill, kPrefix + "ListHandshakesForAccount", "{\"Ignored\":\"" + std::string(200, '[') + "\"}");
  INFO(r.raw);
  CHECK(r.status == 200);
  // Modest nesting in an unknown member is fine.
  Reply shallow = t.raw(kBill, kPrefix + "ListHandshakesForAccount", "{\"Ignored\":" + nested(10, "[", "]") + "}");
  CHECK(shallow.status == 200);
}

TEST_CASE("An empty or whitespace-only body is read as {} (documented choice)", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  for (const std::string& body : {std::string(""), std::string(" "), std::string("\n\t\r ")}) {
    INFO("body '" << body << "'");
    Reply list = t.raw(kBill, kPrefix + "ListHandshakesForAccount", body);
    CHECK(list.status == 200);
    CHECK(list.raw == R"({"Handshakes":[]})");
    // {} for an operation with a required member: the member is missing.
    auto missing = rejectedRaw(t, kBill, kPrefix + "DescribeHandshake", body);
    REQUIRE_AWS_ERROR(missing, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID");
    Reply org = t.raw(kBill, kPrefix + "DescribeOrganization", body);
    CHECK(org.status == 200);
  }
  // Whitespace around a real object is fine too.
  CHECK(t.raw(kBill, kPrefix + "ListHandshakesForAccount", "  {}\n").status == 200);
}

TEST_CASE("A member of the wrong JSON type is a SerializationException, before any validation", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  struct Case {
    const char* op;
    const char* body;
  };
  const Case cases[] = {
      {"DescribeHandshake", R"({"HandshakeId":5})"},
      {"AcceptHandshake", R"({"HandshakeId":["h-00000000"]})"},
      {"DeclineHandshake", R"({"HandshakeId":true})"},
      {"CancelHandshake", R"({"HandshakeId":{"Id":"h-00000000"}})"},
      {"InviteAccountToOrganization", R"({"Target":"x"})"},
      {"InviteAccountToOrganization", R"({"Target":["EMAIL","a@example.com"]})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":1,"Id":"a@example.com"}})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":"ACCOUNT","Id":333333333333}})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Notes":5})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Tags":{}})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Tags":"k=v"})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Tags":[5]})"},
      {"InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Tags":[null]})"},
      {"InviteAccountToOrganization",
       R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Tags":[{"Key":1,"Value":"v"}]})"},
      {"InviteAccountToOrganization",
       R"({"Target":{"Type":"EMAIL","Id":"a@example.com"},"Tags":[{"Key":"k","Value":false}]})"},
      {"ListHandshakesForAccount", R"({"MaxResults":"1"})"},
      {"ListHandshakesForAccount", R"({"MaxResults":1.5})"},
      {"ListHandshakesForAccount", R"({"MaxResults":true})"},
      {"ListHandshakesForAccount", R"({"MaxResults":[1]})"},
      {"ListHandshakesForAccount", R"({"MaxResults":1e100})"},
      {"ListHandshakesForAccount", R"({"MaxResults":9999999999})"},
      {"ListHandshakesForAccount", R"({"NextToken":5})"},
      {"ListHandshakesForAccount", R"({"Filter":"INVITE"})"},
      {"ListHandshakesForAccount", R"({"Filter":[]})"},
      {"ListHandshakesForAccount", R"({"Filter":{"ActionType":1}})"},
      {"ListHandshakesForAccount", R"({"Filter":{"ParentHandshakeId":false}})"},
      {"ListHandshakesForOrganization", R"({"MaxResults":"20"})"},
      {"ListHandshakesForOrganization", R"({"Filter":{"ActionType":["INVITE"]}})"},
      {"CreateOrganization", R"({"FeatureSet":1})"},
      {"RemoveAccountFromOrganization", R"({"AccountId":555555555555})"},
      {"DescribeAccount", R"({"AccountId":555555555555})"},
      {"ListAccounts", R"({"MaxResults":"5"})"},
      {"ListAccounts", R"({"NextToken":{}})"},
  };
  for (const Case& c : cases) {
    // The management account, a member and a standalone account: the type check comes first for all.
    for (const std::string& caller : {kBill, std::string("555555555555"), kJuan}) {
      INFO(c.op << " " << c.body << " by " << caller);
      Reply r = serializationError(t, caller, c.op, c.body);
      CHECK_FALSE(r.body.contains("Reason"));
    }
  }
}

TEST_CASE("A null member counts as absent", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  auto r = rejectedRaw(t, kBill, kPrefix + "DescribeHandshake", R"({"HandshakeId":null})");
  REQUIRE_AWS_ERROR(r, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID");
  Reply list =
      t.raw(kBill, kPrefix + "ListHandshakesForAccount", R"({"MaxResults":null,"NextToken":null,"Filter":null})");
  CHECK(list.status == 200);
  Json h = ok(t, kBill, "InviteAccountToOrganization",
              {{"Target", target("EMAIL", "a@example.com")}, {"Notes", nullptr}, {"Tags", nullptr}});
  CHECK(h["Handshake"]["Resources"].size() == 2);
  CHECK(ok(t, kJuan, "CreateOrganization", {{"FeatureSet", nullptr}})["Organization"]["FeatureSet"] == "ALL");
}

TEST_CASE("Unknown members are ignored", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  Json extra{{"Unknown", {{"deep", Json::array({1, 2, {{"x", nullptr}}})}}}, {"handshakeid", 5}, {"HANDSHAKEID", "x"}};
  Json body = extra;
  body["Target"] = target("EMAIL", "susan@example.com");
  body["Target"]["Extra"] = 42;
  Json h = ok(t, kBill, "InviteAccountToOrganization", body)["Handshake"];
  const std::string id = h["Id"];
  Json describeBody = extra;
  describeBody["HandshakeId"] = id;
  CHECK(ok(t, kSusan, "DescribeHandshake", describeBody)["Handshake"] == h);
  Json listBody = extra;
  listBody["Filter"] = {{"ActionType", "INVITE"}, {"Other", Json::array()}};
  CHECK(ok(t, kSusan, "ListHandshakesForAccount", listBody)["Handshakes"].size() == 1);
  // EnableAllFeatures has no members at all (CAP-F "ignored-field").
  auto r = rejected(t, kBill, "EnableAllFeatures", {{"ignored", true}});
  REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ORGANIZATION_ALREADY_HAS_ALL_FEATURES",
                        "All features are already enabled on this organization.");
  // Case matters: "handshakeId" is not HandshakeId.
  auto wrongCase = rejected(t, kSusan, "DescribeHandshake", {{"handshakeId", id}});
  REQUIRE_AWS_ERROR(wrongCase, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID");
  // A duplicate key: whichever value wins, the request stays well-formed and nothing breaks.
  Reply dup = t.raw(kSusan, kPrefix + "DescribeHandshake", "{\"HandshakeId\":\"bad\",\"HandshakeId\":\"" + id + "\"}");
  CHECK((dup.status == 200 || dup.status == 400));  // never an internal error
}

TEST_CASE("Unknown targets and wrong prefixes are UnknownOperationException", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  const std::string targets[] = {"AWSOrganizationsV20161128.Nope",
                                 "AWSOrganizationsV20161128.",
                                 "AWSOrganizationsV20161128.describeHandshake",
                                 "AWSOrganizationsV20161128.DescribeHandshake ",
                                 "AWSOrganizationsV20161127.DescribeHandshake",
                                 "awsorganizationsv20161128.DescribeHandshake",
                                 "DescribeHandshake",
                                 "Organizations.DescribeHandshake",
                                 "AWSOrganizationsV20161128",
                                 "",
                                 ".DescribeHandshake",
                                 "Simulator.Nope",
                                 "Simulator.",
                                 "simulator.ExportWorld",
                                 "AWSOrganizationsV20161128.Simulator.ExportWorld",
                                 std::string(300, 'X')};
  for (const std::string& target : targets) {
    for (const std::string& caller : {kBill, std::string("999999999999")}) {
      INFO("target '" << target.substr(0, 60) << "' caller " << caller);
      auto r = rejectedRaw(t, caller, target, R"({"HandshakeId":"h-00000000"})");
      REQUIRE_AWS_ERROR(r, "UnknownOperationException", "");
      requireErrorShape(r);
      // For AWS targets the check precedes authentication and body parsing.
      if (target.rfind("Simulator.", 0) != 0) {
        auto garbage = rejectedRaw(t, caller, target, "[");
        REQUIRE_AWS_ERROR(garbage, "UnknownOperationException", "");
      }
    }
  }
}

TEST_CASE("Simulator: an unknown control is reported as such whatever the body", "[protocol]") {
  // As for AWS targets (and docs/wire-api.md: "an unknown target -> UnknownOperationException"), the
  // target decides before the body is read: a client must learn that the control does not exist.
  TestWorld t;
  protocolWorld(t);
  for (const std::string& target : {std::string("Simulator.Nope"), std::string("Simulator.")}) {
    for (const std::string& body : {std::string("["), std::string("42"), std::string("{")}) {
      INFO(target << " " << body);
      auto r = rejectedRaw(t, "", target, body);
      REQUIRE_AWS_ERROR(r, "UnknownOperationException", "");
    }
  }
}

TEST_CASE("Error responses have exactly __type, Message and (when present) Reason", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  struct Case {
    std::string caller, target, body;
    bool hasReason;
  };
  const std::vector<Case> cases = {
      {kBill, kPrefix + "DescribeHandshake", "{}", true},
      {kBill, kPrefix + "DescribeHandshake", R"({"HandshakeId":"h-00000000"})", false},
      {kBill, kPrefix + "AcceptHandshake", Json({{"HandshakeId", id}}).dump(), false},
      {kBill, kPrefix + "InviteAccountToOrganization", Json({{"Target", target("EMAIL", "susan@example.com")}}).dump(),
       false},
      {kBill, kPrefix + "InviteAccountToOrganization", Json({{"Target", target("ACCOUNT", "555555555555")}}).dump(),
       true},
      {kBill, kPrefix + "EnableAllFeatures", "{}", true},
      {kBill, kPrefix + "ListHandshakesForAccount", R"({"MaxResults":0})", true},
      {kBill, kPrefix + "ListHandshakesForAccount", R"({"NextToken":"x"})", true},
      {kBill, kPrefix + "LeaveOrganization", "{}", false},
      {kBill, kPrefix + "DeleteOrganization", "{}", false},
      {kBill, kPrefix + "RemoveAccountFromOrganization", Json({{"AccountId", kBill}}).dump(), true},
      {kJuan, kPrefix + "ListHandshakesForOrganization", "{}", false},
      {kJuan, kPrefix + "DescribeOrganization", "{}", false},
      {"555555555555", kPrefix + "ListAccounts", "{}", false},
      {"555555555555", kPrefix + "CreateOrganization", "{}", false},
      {"000000000000", kPrefix + "DescribeOrganization", "{}", false},
      {kBill, "Nope", "{}", false},
      {kBill, kPrefix + "DescribeHandshake", "[", false},
      {"", "Simulator.SetTime", "{}", true},
      {"", "Simulator.SetTime", R"({"Timestamp":"now"})", false},
      {"", "Simulator.CreateAccount", R"({"Name":"Bill","Email":"bill@example.com","Id":"111111111111"})", false},
      {"", "Simulator.ImportWorld", R"({"World":42})", false},
  };
  for (const Case& c : cases) {
    INFO(c.caller << " " << c.target << " " << c.body);
    Reply r = rejectedRaw(t, c.caller, c.target, c.body);
    requireErrorShape(r);
    CHECK(r.body.contains("Reason") == c.hasReason);
    // Nothing but one JSON object on the wire.
    CHECK(r.raw.front() == '{');
    CHECK(r.raw.back() == '}');
    CHECK(Json::parse(r.raw).dump() == r.raw);  // compact, keys sorted
  }
}

TEST_CASE("Success timestamps are JSON numbers of epoch seconds with a millisecond fraction", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  Reply r = t.call(kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "susan@example.com")}});
  REQUIRE(r.status == 200);
  CHECK(r.raw.find("\"RequestedTimestamp\":1789271046.11,") != std::string::npos);
  CHECK(r.raw.find("\"ExpirationTimestamp\":1790567046.11,") != std::string::npos);
  CHECK(r.raw.find("\"1789271046.11\"") == std::string::npos);  // a number, not a string
  CHECK(r.body["Handshake"]["RequestedTimestamp"].is_number_float());
  CHECK(r.body["Handshake"]["ExpirationTimestamp"].is_number_float());
  // Every millisecond shows: .001, .05, .999.
  for (const auto& [at, text] : std::vector<std::pair<double, std::string>>{
           {1789300000.001, "1789300000.001"}, {1789400000.05, "1789400000.05"}, {1789500000.999, "1789500000.999"}}) {
    t.setTime(at);
    Reply h = t.call(kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "t" + text + "@example.com")}});
    INFO(h.raw);
    REQUIRE(h.status == 200);
    CHECK(h.raw.find("\"RequestedTimestamp\":" + text + ",") != std::string::npos);
  }
  // Accepting stamps JoinedTimestamp the same way.
  t.setTime(1789600000.123);
  ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", r.body["Handshake"]["Id"]}});
  Reply account = t.call(kBill, "DescribeAccount", {{"AccountId", kSusan}});
  CHECK(account.raw.find("\"JoinedTimestamp\":1789600000.123") != std::string::npos);
  CHECK(account.body["Account"]["JoinedTimestamp"].is_number());
  // Responses are compact JSON with sorted keys (one canonical form).
  CHECK(Json::parse(r.raw).dump() == r.raw);
  CHECK(r.raw.rfind("{\"Handshake\":{\"Action\":\"INVITE\",\"Arn\":", 0) == 0);
}

TEST_CASE("Simulator controls: a member of the wrong JSON type gets the AWS operations' message", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  const std::string before = t.exportWorld();
  struct Case {
    std::string control, body, message;
  };
  const std::vector<Case> cases = {
      {"CreateAccount", R"({"Name":5,"Email":"new@example.com"})", "Member 'Name' must be a string."},
      {"CreateOrganization", R"({"ManagementAccountId":"333333333333","FeatureSet":["ALL"]})",
       "Member 'FeatureSet' must be a string."},
      {"JoinOrganization", R"({"AccountId":3,"OrganizationId":"o-exampleorgid"})",
       "Member 'AccountId' must be a string."},
      {"SetTime", R"({"Timestamp":"1789271046"})", "Member 'Timestamp' must be a timestamp (epoch seconds)."},
      {"AdvanceTime", R"({"Seconds":"60"})", "Member 'Seconds' must be a number."},
      {"Reset", R"({"Seed":-1})", "Member 'Seed' must be a non-negative integer."},
      {"Reset", R"({"Seed":1.5})", "Member 'Seed' must be a non-negative integer."},
      {"DescribeLifecycle", R"({"Action":5})", "Member 'Action' must be a string."},
      {"DescribeOperations", R"({"Operation":{}})", "Member 'Operation' must be a string."},
      {"DryRun", R"({"Caller":"111111111111","Target":"x","Body":{}})", "Member 'Body' must be a string."},
      {"DryRun", R"({"Caller":"111111111111","Target":"x","Explain":1})", "Member 'Explain' must be a boolean."},
      {"ExplainResponse", R"({"Target":"x","Body":"","Status":"200"})", "Member 'Status' must be an integer."},
      {"SetSettings", R"({"AccountLimit":"10"})", "Member 'AccountLimit' must be an integer."},
      {"SetSettings", R"({"AccountLimit":2.5})", "Member 'AccountLimit' must be an integer."},
      {"SetSettings", R"({"MemberOfOtherOrganization":true})", "Member 'MemberOfOtherOrganization' must be a string."},
      {"SetSettings", R"({"FinalizingOrganizationSeconds":"60"})",
       "Member 'FinalizingOrganizationSeconds' must be an integer."},
  };
  for (const Case& c : cases) {
    INFO("Simulator." << c.control << " " << c.body);
    auto r = rejectedRaw(t, "", "Simulator." + c.control, c.body);
    requireErrorShape(r);
    CHECK(r.type() == "SerializationException");
    CHECK(r.message() == c.message);
  }
  // A required member that is absent or null: INPUT_REQUIRED with the member's name, as AWS names its own.
  auto missing = rejectedRaw(t, "", "Simulator.CreateOrganization", R"({"ManagementAccountId":null})");
  requireErrorShape(missing);
  CHECK(missing.type() == "InvalidInputException");
  CHECK(missing.reason() == "INPUT_REQUIRED:MANAGEMENT_ACCOUNT_ID");
  CHECK(missing.message() == rejectedRaw(t, "111111111111", kPrefix + "AcceptHandshake", "{}").message());
  CHECK(t.exportWorld() == before);
}

TEST_CASE("Simulator controls reject bad input with the same error shape and change nothing", "[protocol]") {
  TestWorld t;
  protocolWorld(t);
  struct Case {
    std::string control, body, type, reason;
  };
  const std::vector<Case> cases = {
      {"Nope", "{}", "UnknownOperationException", ""},
      {"ExportWorld", "[]", "SerializationException", ""},
      {"CreateAccount", "{", "SerializationException", ""},
      {"CreateAccount", R"({"Email":"new@example.com"})", "InvalidInputException", "INPUT_REQUIRED:NAME"},
      {"CreateAccount", R"({"Name":"New"})", "InvalidInputException", "INPUT_REQUIRED:EMAIL"},
      {"CreateAccount", R"({"Name":5,"Email":"new@example.com"})", "SerializationException", ""},
      {"CreateAccount", R"({"Name":"","Email":"new@example.com"})", "InvalidInputException",
       "MIN_LENGTH_EXCEEDED:NAME"},
      {"CreateAccount", R"({"Name":"New","Email":"not-an-email"})", "InvalidInputException", "INVALID_PATTERN:EMAIL"},
      {"CreateAccount", R"({"Name":"New","Email":"new@example.com","Id":"12"})", "InvalidInputException",
       "INVALID_PATTERN:ID"},
      {"CreateAccount", R"({"Name":"New","Email":"new@example.com","Id":"111111111111"})", "DuplicateAccountException",
       ""},
      {"CreateAccount", R"({"Name":"New","Email":"BILL@example.com"})", "DuplicateAccountException", ""},
      {"CreateOrganization", R"({})", "InvalidInputException", "INPUT_REQUIRED:MANAGEMENT_ACCOUNT_ID"},
      {"CreateOrganization", R"({"ManagementAccountId":"999999999999"})", "AccountNotFoundException", ""},
      {"CreateOrganization", R"({"ManagementAccountId":"555555555555"})", "AlreadyInOrganizationException", ""},
      {"CreateOrganization", R"({"ManagementAccountId":"333333333333","FeatureSet":"FULL"})", "InvalidInputException",
       "INVALID_ENUM:FEATURE_SET"},
      {"CreateOrganization", R"({"ManagementAccountId":"333333333333","Id":"o-BAD"})", "InvalidInputException",
       "INVALID_PATTERN:ID"},
      {"CreateOrganization", R"({"ManagementAccountId":"333333333333","Id":"o-exampleorgid"})",
       "DuplicateOrganizationException", ""},
      {"JoinOrganization", R"({"AccountId":"333333333333"})", "InvalidInputException",
       "INPUT_REQUIRED:ORGANIZATION_ID"},
      {"JoinOrganization", R"({"AccountId":"999999999999","OrganizationId":"o-exampleorgid"})",
       "AccountNotFoundException", ""},
      {"JoinOrganization", R"({"AccountId":"333333333333","OrganizationId":"o-nosuchorg00"})",
       "OrganizationNotFoundException", ""},
      {"JoinOrganization", R"({"AccountId":"555555555555","OrganizationId":"o-exampleorgid"})",
       "AlreadyInOrganizationException", ""},
      {"JoinOrganization", R"({"AccountId":"333333333333","OrganizationId":"o-exampleorgid","JoinedMethod":"SIGNED"})",
       "InvalidInputException", "INVALID_ENUM:JOINED_METHOD"},
      {"SetTime", R"({})", "InvalidInputException", "INPUT_REQUIRED:TIMESTAMP"},
      {"SetTime", R"({"Timestamp":"1789271046"})", "SerializationException", ""},
      {"SetTime", R"({"Timestamp":1000})", "InvalidInputException", ""},
      {"SetTime", R"({"Timestamp":-5})", "InvalidInputException", "INVALID_PATTERN:TIMESTAMP"},
      {"AdvanceTime", R"({})", "InvalidInputException", "INPUT_REQUIRED:SECONDS"},
      {"AdvanceTime", R"({"Seconds":-1})", "InvalidInputException", "INVALID_PATTERN:SECONDS"},
      {"AdvanceTime", R"({"Seconds":"60"})", "SerializationException", ""},
      {"Reset", R"({"Seed":-1})", "SerializationException", ""},
      {"Reset", R"({"Seed":"42"})", "SerializationException", ""},
      {"Reset", R"({"Seed":1.5})", "SerializationException", ""},
      {"ImportWorld", R"({})", "InvalidInputException", "INPUT_REQUIRED:WORLD"},
      {"ImportWorld", R"({"World":[]})", "InvalidWorldSnapshotException", ""},
      {"DescribeLifecycle", R"({"Action":"JOIN"})", "InvalidInputException", "INVALID_ENUM:ACTION"},
      {"DescribeLifecycle", R"({"Action":5})", "SerializationException", ""},
      {"DryRun", R"({"Target":"AWSOrganizationsV20161128.ListAccounts"})", "InvalidInputException",
       "INPUT_REQUIRED:CALLER"},
      {"DryRun", R"({"Caller":"111111111111"})", "InvalidInputException", "INPUT_REQUIRED:TARGET"},
      {"DryRun", R"({"Caller":"111111111111","Target":"Simulator.Reset"})", "InvalidInputException",
       "INVALID_PATTERN:TARGET"},
      {"SetSettings", R"({"AccountLimit":0})", "InvalidInputException", "MIN_VALUE_EXCEEDED:ACCOUNT_LIMIT"},
      {"SetSettings", R"({"AccountLimit":"10"})", "SerializationException", ""},
      {"SetSettings", R"({"MemberOfOtherOrganization":"STAY"})", "InvalidInputException",
       "INVALID_ENUM:MEMBER_OF_OTHER_ORGANIZATION"},
      {"SetSettings", R"({"InvitesDuringMigration":"MAYBE"})", "InvalidInputException",
       "INVALID_ENUM:INVITES_DURING_MIGRATION"},
      // A valid switch next to an invalid one: nothing is applied.
      {"SetSettings", R"({"AccountLimit":50,"InvitesDuringMigration":"MAYBE"})", "InvalidInputException",
       "INVALID_ENUM:INVITES_DURING_MIGRATION"},
      {"SetSettings", R"({"AccountLimit":10000001})", "InvalidInputException", "MAX_VALUE_EXCEEDED:ACCOUNT_LIMIT"},
      {"SetSettings", R"({"AccountLimit":4294967296})", "SerializationException", ""},
      {"SetSettings", R"({"FinalizingOrganizationSeconds":-1})", "InvalidInputException",
       "MIN_VALUE_EXCEEDED:FINALIZING_ORGANIZATION_SECONDS"},
      {"SetSettings", R"({"FinalizingOrganizationSeconds":86401})", "InvalidInputException",
       "MAX_VALUE_EXCEEDED:FINALIZING_ORGANIZATION_SECONDS"},
      // JSON types are checked before required members, as for AWS operations.
      {"CreateAccount", R"({"Email":5})", "SerializationException", ""},
      {"JoinOrganization", R"({"AccountId":"333333333333","OrganizationId":"o-exampleorgid","JoinedMethod":""})",
       "InvalidInputException", "INVALID_ENUM:JOINED_METHOD"},
      {"ImportWorld", R"({"World":5})", "InvalidWorldSnapshotException", ""},
      {"DryRun", R"({"Caller":"111111111111","Target":"AWSOrganizationsV20161128.ListAccounts","Explain":"yes"})",
       "SerializationException", ""},
      {"ExplainResponse", R"({"Target":"x"})", "InvalidInputException", "INPUT_REQUIRED:BODY"},
  };
  for (const Case& c : cases) {
    INFO("Simulator." << c.control << " " << c.body);
    auto r = rejectedRaw(t, "", "Simulator." + c.control, c.body);
    requireErrorShape(r);
    REQUIRE(r.type() == c.type);
    if (!c.reason.empty()) REQUIRE(r.reason() == c.reason);
  }
  // The clock stops at the end of year 9999: SetTime reaches it, AdvanceTime cannot pass it.
  {
    TestWorld late;
    late.setTime(253402300799.0);
    const std::string before = late.exportWorld();
    auto r = rejectedRaw(late, "", "Simulator.AdvanceTime", R"({"Seconds":1})");
    requireErrorShape(r);
    CHECK(r.type() == "InvalidInputException");
    CHECK(r.message() == "The simulated clock cannot move past 9999-12-31T23:59:59.999Z.");
    CHECK(late.exportWorld() == before);
    CHECK(late.sim("AdvanceTime", {{"Seconds", 0.999}})["Now"] == 253402300799.999);
  }
  // The caller is ignored for Simulator targets.
  CHECK(t.raw("not-an-account", "Simulator.DescribeWorld", "{}").status == 200);
  // The DryRun of a call that fails reports it without changing anything.
  Json dry = t.sim("DryRun", {{"Caller", "999999999999"}, {"Target", "AWSOrganizationsV20161128.ListAccounts"}});
  CHECK(dry["Status"] == 400);
  CHECK(Json::parse(dry["Body"].get<std::string>())["__type"] == "UnrecognizedClientException");
}

TEST_CASE("awsOperationName: the name after the AWS target prefix, or nothing", "[protocol]") {
  CHECK(hs::awsOperationName("AWSOrganizationsV20161128.DescribeHandshake") == "DescribeHandshake");
  CHECK(hs::awsOperationName("AWSOrganizationsV20161128.") == "");
  CHECK(hs::awsOperationName("Simulator.DryRun") == "");
  CHECK(hs::awsOperationName("awsorganizationsv20161128.DescribeHandshake") == "");
  CHECK(hs::awsOperationName("AWSOrganizationsV20161128") == "");
  CHECK(hs::awsOperationName("") == "");
}
