// Scenario helpers shared by the area suites (validation, lifecycle, access, expiry, quota, pagination,
// snapshot, protocol, all-features). Everything still goes through the wire entry point.
#pragma once
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace hs::test {

// The accounts of TestWorld::docsWorld().
inline const std::string kBill = "111111111111";   // management account of o-exampleorgid
inline const std::string kSusan = "222222222222";  // standalone, susan@example.com
inline const std::string kJuan = "333333333333";   // standalone, juan@example.com
inline const std::string kDocsOrg = "o-exampleorgid";
inline const std::string kT0Text = "1789271046.11";  // docsWorld's clock, as AWS prints it
constexpr double kT0 = 1789271046.11;
constexpr double kDaySeconds = 86400;

// The exact wire messages (spec section 8).
inline const std::string kMsgAccessDenied = "You don't have permissions to access this resource.";
inline const std::string kMsgNotFound = "You specified a handshake that doesn't exist.";
inline const std::string kMsgDuplicate =
    "A handshake with the specified type and parameters already exists for the given parties.";
inline const std::string kMsgInvalidTransition =
    "You cannot perform this operation on a handshake in its current state, such as attempting to cancel a "
    "handshake that was previously accepted or attempting to accept a handshake that was declined.";
inline const std::string kMsgAlreadyInState = "The handshake is already in the requested state.";
inline const std::string kMsgAlreadyMember = "The AWS account is already a member of an organization.";
inline const std::string kMsgInputRequired = "You must provide a value for the parameter.";
inline const std::string kMsgInvalidPattern = "You provided a value that does not match the required pattern.";
inline const std::string kMsgInvalidNextToken =
    "You specified an invalid value for nextToken. You must get the value from the response to a previous call "
    "to the API.";
inline const std::string kMsgAccountLimit = "You have exceeded the allowed number of AWS accounts";

// The raw body of Simulator.ExportWorld: the world's canonical bytes.
inline std::string worldBytes(TestWorld& t) {
  Reply r = t.raw("", "Simulator.ExportWorld", "{}");
  REQUIRE(r.status == 200);
  return r.raw;
}

// A call that must succeed; returns the response body.
inline Json ok(TestWorld& t, const std::string& caller, const std::string& operation,
               const Json& body = Json::object()) {
  Reply r = t.call(caller, operation, body);
  INFO(caller << " " << operation << " " << body.dump() << " -> " << r.raw);
  REQUIRE(r.status == 200);
  if (r.raw.empty()) return Json::object();  // an operation without output: empty body (as AWS sends it)
  REQUIRE(r.body.is_object());
  return r.body;
}

// Bill's CONSOLIDATED_BILLING organization with Susan as an invited member (Juan standalone), at kT0, starts
// the all-features migration. Returns the ENABLE_ALL_FEATURES handshake's id (Susan's APPROVE_ALL_FEATURES
// child is listed under it).
inline std::string migrationOfConsolidatedBilling(TestWorld& t) {
  t.account(kBill, "Bill", "bill@example.com");
  t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
  t.account(kSusan, "Susan", "susan@example.com");
  t.account(kJuan, "Juan", "juan@example.com");
  t.join(kSusan, kDocsOrg);
  t.setTime(kT0);
  return ok(t, kBill, "EnableAllFeatures")["Handshake"]["Id"];
}

// A call that must be rejected and leave the world byte-identical (operations must not change the
// world when they fail). Returns the reply for further checks.
inline Reply rejected(TestWorld& t, const std::string& caller, const std::string& operation,
                      const Json& body = Json::object()) {
  std::string before = worldBytes(t);
  Reply r = t.call(caller, operation, body);
  INFO(caller << " " << operation << " " << body.dump() << " -> " << r.raw);
  REQUIRE(r.status == 400);
  REQUIRE(worldBytes(t) == before);
  return r;
}
// Same, for a raw (target, body) pair.
inline Reply rejectedRaw(TestWorld& t, const std::string& caller, const std::string& target, const std::string& body) {
  std::string before = worldBytes(t);
  Reply r = t.raw(caller, target, body);
  INFO(caller << " " << target << " " << body << " -> " << r.raw);
  REQUIRE(r.status == 400);
  REQUIRE(worldBytes(t) == before);
  return r;
}

// Asserts an AWS error exactly, message included.
#define REQUIRE_AWS_ERROR_MSG(reply, type_, reason_, message_) \
  do {                                                         \
    REQUIRE_AWS_ERROR(reply, type_, reason_);                  \
    REQUIRE((reply).message() == (message_));                  \
  } while (0)

// A rejected call that leaves the world unchanged, with the exact __type and Reason.
#define REQUIRE_REJECTED(t, caller, op, body, type_, reason_)          \
  do {                                                                 \
    ::hs::test::Reply rr_ = ::hs::test::rejected(t, caller, op, body); \
    REQUIRE_AWS_ERROR(rr_, type_, reason_);                            \
  } while (0)

inline Json target(const std::string& type, const std::string& id) { return Json{{"Type", type}, {"Id", id}}; }

// Invites (must succeed) and returns the handshake.
inline Json invite(TestWorld& t, const std::string& from, const std::string& type, const std::string& id,
                   const std::string& notes = "") {
  Json body{{"Target", target(type, id)}};
  if (!notes.empty()) body["Notes"] = notes;
  return ok(t, from, "InviteAccountToOrganization", body)["Handshake"];
}

inline Json handshakeCall(TestWorld& t, const std::string& caller, const std::string& operation,
                          const std::string& id) {
  return t.call(caller, operation, Json{{"HandshakeId", id}}).body;
}

// The handshake as its sender sees it (must succeed).
inline Json describe(TestWorld& t, const std::string& caller, const std::string& id) {
  return ok(t, caller, "DescribeHandshake", {{"HandshakeId", id}})["Handshake"];
}
inline std::string stateOf(TestWorld& t, const std::string& caller, const std::string& id) {
  return describe(t, caller, id)["State"].get<std::string>();
}

inline std::vector<std::string> idsOf(const Json& handshakes) {
  std::vector<std::string> ids;
  for (const Json& h : handshakes) ids.push_back(h["Id"].get<std::string>());
  return ids;
}

// Pages through a list operation with `maxResults` (0: absent) and returns every item, checking that
// each page respects MaxResults and that NextToken ends the walk. `key` is "Handshakes" or "Accounts".
inline std::vector<Json> listAll(TestWorld& t, const std::string& caller, const std::string& operation, Json body,
                                 int maxResults, const std::string& key = "Handshakes", int* pages = nullptr) {
  std::vector<Json> items;
  if (maxResults) body["MaxResults"] = maxResults;
  int n = 0;
  for (;;) {
    Json page = ok(t, caller, operation, body);
    ++n;
    REQUIRE(page.contains(key));
    REQUIRE(page[key].is_array());
    REQUIRE(static_cast<int>(page[key].size()) <= (maxResults ? maxResults : 20));
    for (const Json& item : page[key]) items.push_back(item);
    if (!page.contains("NextToken")) break;
    REQUIRE(page["NextToken"].is_string());
    body["NextToken"] = page["NextToken"];
    REQUIRE(n < 1000);
  }
  if (pages) *pages = n;
  return items;
}
inline std::vector<std::string> listIds(TestWorld& t, const std::string& caller, const std::string& operation,
                                        const Json& body = Json::object(), int maxResults = 0) {
  std::vector<std::string> ids;
  for (const Json& h : listAll(t, caller, operation, body, maxResults)) ids.push_back(h["Id"].get<std::string>());
  return ids;
}
inline bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Parties compared as a multiset (AWS varies their order).
inline std::multiset<std::string> partySet(const Json& handshake) {
  std::multiset<std::string> s;
  for (const Json& p : handshake["Parties"]) s.insert(p["Type"].get<std::string>() + ":" + p["Id"].get<std::string>());
  return s;
}

// Milliseconds between two wire timestamps.
inline long long millisBetween(const Json& from, const Json& to) {
  return static_cast<long long>(std::llround(to.get<double>() * 1000.0) - std::llround(from.get<double>() * 1000.0));
}

}  // namespace hs::test
