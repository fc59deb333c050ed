// Helpers for engine tests: a world driven through the wire entry point, as every client drives it.
#pragma once
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "engine.h"
#include "wire/json.h"

namespace hs::test {

struct Reply {
  int status;
  Json body;
  std::string raw;
  std::string type() const { return body.value("__type", ""); }
  std::string reason() const { return body.value("Reason", ""); }
  std::string message() const { return body.value("Message", ""); }
};

class TestWorld {
 public:
  explicit TestWorld(std::uint64_t seed = 1) : engine(seed) {}

  Reply call(const std::string& caller, const std::string& operation, const Json& body = Json::object()) {
    return raw(caller, "AWSOrganizationsV20161128." + operation, body.dump());
  }
  Reply raw(const std::string& caller, const std::string& target, const std::string& body) {
    WireResponse r = engine.handle(caller, target, body);
    Json j = Json::parse(r.body, nullptr, false);
    return Reply{r.status, j, r.body};
  }
  // A Simulator control that must succeed.
  Json sim(const std::string& control, const Json& body = Json::object()) {
    Reply r = raw("", "Simulator." + control, body.dump());
    INFO(control << " -> " << r.raw);
    REQUIRE(r.status == 200);
    return r.body;
  }
  std::string exportWorld() { return sim("ExportWorld")["World"].dump(); }

  void account(const std::string& id, const std::string& name, const std::string& email) {
    sim("CreateAccount", {{"Id", id}, {"Name", name}, {"Email", email}});
  }
  void organization(const std::string& mgmt, const std::string& id, const std::string& featureSet = "ALL") {
    sim("CreateOrganization", {{"ManagementAccountId", mgmt}, {"Id", id}, {"FeatureSet", featureSet}});
  }
  void join(const std::string& account, const std::string& org, const std::string& how = "INVITED") {
    sim("JoinOrganization", {{"AccountId", account}, {"OrganizationId", org}, {"JoinedMethod", how}});
  }
  void setTime(double seconds) { sim("SetTime", {{"Timestamp", seconds}}); }
  void advanceDays(double days) { sim("AdvanceTime", {{"Seconds", days * 86400}}); }

  // Bill's organization from the AWS docs, Susan and a third standalone account.
  void docsWorld() {
    account("111111111111", "Bill", "bill@example.com");
    organization("111111111111", "o-exampleorgid");
    account("222222222222", "Susan", "susan@example.com");
    account("333333333333", "Juan", "juan@example.com");
    setTime(1789271046.11);
  }
  // Bill invites Susan by email; returns the handshake.
  Json inviteSusan(const std::string& notes = "") {
    Json body{{"Target", {{"Type", "EMAIL"}, {"Id", "susan@example.com"}}}};
    if (!notes.empty()) body["Notes"] = notes;
    Reply r = call("111111111111", "InviteAccountToOrganization", body);
    INFO(r.raw);
    REQUIRE(r.status == 200);
    return r.body["Handshake"];
  }

  Engine engine;
};

inline Json readJsonFile(const std::string& name) {
  std::ifstream in(std::string(HS_TEST_DATA_DIR) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, false);
  REQUIRE(!j.is_discarded());
  return j;
}

// Asserts an AWS error exactly.
#define REQUIRE_AWS_ERROR(reply, type_, reason_) \
  do {                                           \
    INFO("response: " << (reply).raw);           \
    REQUIRE((reply).status == 400);              \
    REQUIRE((reply).type() == (type_));          \
    REQUIRE((reply).reason() == (reason_));      \
  } while (0)

}  // namespace hs::test
