// Pagination (spec 5.6, 5.7, 9, 12 seed 13): pages with MaxResults 1, 7, 20 and the default cover every
// item once, in creation order; a NextToken only works for the operation, caller and filter it was
// issued for; ListAccounts pages the same way; ActionType and ParentHandshakeId filters.
#include <set>
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

constexpr int kCount = 45;

std::string pagedEmail(int i) { return "p" + std::to_string(i) + "@example.com"; }

// Bill's organization sends 45 invitations (the account quota raised to make room), one every minute.
std::vector<std::string> fortyFiveSent(TestWorld& t) {
  t.docsWorld();
  t.sim("SetSettings", {{"AccountLimit", 100}});
  std::vector<std::string> ids;
  for (int i = 0; i < kCount; ++i) {
    ids.push_back(invite(t, kBill, "EMAIL", pagedEmail(i))["Id"]);
    t.sim("AdvanceTime", {{"Seconds", 60}});
  }
  return ids;
}

// Susan receives 45 invitations from 45 organizations, alternately by ACCOUNT and by EMAIL.
std::vector<std::string> fortyFiveReceived(TestWorld& t) {
  t.docsWorld();
  std::vector<std::string> ids;
  for (int i = 0; i < kCount; ++i) {
    std::string mgmt = "5000000000" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    std::string org = "o-pagingorg" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    t.account(mgmt, "Org " + std::to_string(i), "mgmt" + std::to_string(i) + "@example.com");
    t.organization(mgmt, org, i % 3 ? "ALL" : "CONSOLIDATED_BILLING");
    ids.push_back(invite(t, mgmt, i % 2 ? "ACCOUNT" : "EMAIL", i % 2 ? kSusan : "susan@example.com")["Id"]);
  }
  return ids;
}

// Walks a list and checks the page structure: every page but the last is full, and there is no
// trailing empty page.
void requirePages(TestWorld& t, const std::string& caller, const std::string& op, int maxResults,
                  const std::vector<std::string>& expected, const Json& body = Json::object()) {
  INFO(op << " by " << caller << " MaxResults " << maxResults);
  int pages = 0;
  std::vector<Json> items = listAll(t, caller, op, body, maxResults, "Handshakes", &pages);
  std::vector<std::string> ids;
  for (const Json& h : items) ids.push_back(h["Id"]);
  std::set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());  // no repeats
  CHECK(ids == expected);              // no skips, creation order
  const int size = maxResults ? maxResults : 20;
  CHECK(pages == std::max<int>(1, (static_cast<int>(expected.size()) + size - 1) / size));
}

}  // namespace

TEST_CASE("ListHandshakesForOrganization pages 45 handshakes with MaxResults 1, 7, 20 and the default",
          "[pagination]") {
  TestWorld t;
  std::vector<std::string> ids = fortyFiveSent(t);
  for (int maxResults : {1, 7, 20, 0}) requirePages(t, kBill, "ListHandshakesForOrganization", maxResults, ids);

  SECTION("a page is exactly MaxResults long until the last one, which has no NextToken") {
    Json first = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 7}});
    CHECK(first["Handshakes"].size() == 7);
    REQUIRE(first.contains("NextToken"));
    Json body{{"MaxResults", 7}, {"NextToken", first["NextToken"]}};
    int seen = 7;
    for (;;) {
      Json page = ok(t, kBill, "ListHandshakesForOrganization", body);
      seen += static_cast<int>(page["Handshakes"].size());
      if (!page.contains("NextToken")) {
        CHECK(page["Handshakes"].size() == 45 % 7);
        break;
      }
      CHECK(page["Handshakes"].size() == 7);
      body["NextToken"] = page["NextToken"];
    }
    CHECK(seen == 45);
  }
  SECTION("the default page holds 20 handshakes") {
    Json first = ok(t, kBill, "ListHandshakesForOrganization");
    CHECK(first["Handshakes"].size() == 20);
    CHECK(first.contains("NextToken"));
  }
  SECTION("MaxResults may change from page to page") {
    Json p1 = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}});
    Json p2 = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 20}, {"NextToken", p1["NextToken"]}});
    Json p3 = ok(t, kBill, "ListHandshakesForOrganization", {{"NextToken", p2["NextToken"]}});
    std::vector<std::string> all = idsOf(p1["Handshakes"]);
    for (const auto& id : idsOf(p2["Handshakes"])) all.push_back(id);
    for (const auto& id : idsOf(p3["Handshakes"])) all.push_back(id);
    CHECK_FALSE(p3.contains("NextToken"));
    CHECK(all == ids);
  }
  SECTION("a token can be used again and gives the same page") {
    Json p1 = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 10}});
    Json a = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 10}, {"NextToken", p1["NextToken"]}});
    Json b = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 10}, {"NextToken", p1["NextToken"]}});
    CHECK(a == b);
    CHECK(idsOf(a["Handshakes"]) == std::vector<std::string>(ids.begin() + 10, ids.begin() + 20));
  }
  SECTION("states are those of the moment of each call, and ended handshakes stay in place") {
    Json p1 = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 20}});
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", ids[25]}});
    Json p2 = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 20}, {"NextToken", p1["NextToken"]}});
    CHECK(idsOf(p2["Handshakes"]) == std::vector<std::string>(ids.begin() + 20, ids.begin() + 40));
    CHECK(p2["Handshakes"][5]["State"] == "CANCELED");
    CHECK(p2["Handshakes"][4]["State"] == "OPEN");
  }
}

TEST_CASE("ListHandshakesForAccount pages 45 received handshakes (by ACCOUNT and by EMAIL) in creation order",
          "[pagination]") {
  TestWorld t;
  std::vector<std::string> ids = fortyFiveReceived(t);
  for (int maxResults : {1, 7, 20, 0}) requirePages(t, kSusan, "ListHandshakesForAccount", maxResults, ids);
  // With a filter that matches everything, the same pages.
  for (int maxResults : {1, 7, 20, 0})
    requirePages(t, kSusan, "ListHandshakesForAccount", maxResults, ids, {{"Filter", {{"ActionType", "INVITE"}}}});
}

TEST_CASE("A NextToken only works for the operation, caller and filter it was issued for", "[pagination]") {
  TestWorld t;
  std::vector<std::string> ids = fortyFiveSent(t);
  // Juan receives nothing; Mia manages another organization.
  t.account("444444444444", "Mia", "mia@example.com");
  t.organization("444444444444", "o-otherorg123", "ALL");
  Json p1 = ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}});
  const std::string token = p1["NextToken"];
  auto requireInvalid = [&](const std::string& caller, const std::string& op, Json body) {
    body["NextToken"] = body.value("NextToken", token);
    auto r = rejected(t, caller, op, body);
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_NEXT_TOKEN", kMsgInvalidNextToken);
  };

  SECTION("another operation") {
    requireInvalid(kBill, "ListHandshakesForAccount", {{"MaxResults", 5}});
    requireInvalid(kBill, "ListAccounts", {{"MaxResults", 5}});
  }
  SECTION("another caller") {
    requireInvalid("444444444444", "ListHandshakesForOrganization", {{"MaxResults", 5}});
    requireInvalid(kSusan, "ListHandshakesForAccount", {{"MaxResults", 5}});
  }
  SECTION("another filter") {
    requireInvalid(kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}, {"Filter", {{"ActionType", "INVITE"}}}});
    requireInvalid(kBill, "ListHandshakesForOrganization",
                   {{"MaxResults", 5}, {"Filter", {{"ParentHandshakeId", "h-00000000"}}}});
    // And the other way round: a filtered token without the filter, or with another action.
    Json f1 =
        ok(t, kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}, {"Filter", {{"ActionType", "INVITE"}}}});
    const std::string filtered = f1["NextToken"];
    requireInvalid(kBill, "ListHandshakesForOrganization", {{"NextToken", filtered}});
    requireInvalid(kBill, "ListHandshakesForOrganization",
                   {{"NextToken", filtered}, {"Filter", {{"ActionType", "ENABLE_ALL_FEATURES"}}}});
    // The same filter works.
    Json f2 = ok(t, kBill, "ListHandshakesForOrganization",
                 {{"MaxResults", 5}, {"NextToken", filtered}, {"Filter", {{"ActionType", "INVITE"}}}});
    CHECK(idsOf(f2["Handshakes"]) == std::vector<std::string>(ids.begin() + 5, ids.begin() + 10));
  }
  SECTION("an empty Filter is the same as none") {
    Json p2 = ok(t, kBill, "ListHandshakesForOrganization",
                 {{"MaxResults", 5}, {"NextToken", token}, {"Filter", Json::object()}});
    CHECK(idsOf(p2["Handshakes"]) == std::vector<std::string>(ids.begin() + 5, ids.begin() + 10));
  }
  SECTION("tampered: any single character changed") {
    const std::string alphabet = "0123456789abcdefABCDEF-_=+/ ";
    int tried = 0;
    for (size_t pos = 0; pos < token.size(); ++pos) {
      for (char c : {alphabet[(pos * 7) % alphabet.size()], alphabet[(pos * 11 + 3) % alphabet.size()]}) {
        if (c == token[pos]) continue;
        std::string bad = token;
        bad[pos] = c;
        INFO("position " << pos << " -> '" << c << "': " << bad);
        requireInvalid(kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}, {"NextToken", bad}});
        ++tried;
      }
    }
    CHECK(tried >= static_cast<int>(token.size()));
    // Truncated and extended.
    requireInvalid(kBill, "ListHandshakesForOrganization", {{"NextToken", token.substr(0, token.size() - 1)}});
    requireInvalid(kBill, "ListHandshakesForOrganization", {{"NextToken", token + "0"}});
    requireInvalid(kBill, "ListHandshakesForOrganization", {{"NextToken", " " + token}});
  }
  SECTION("a token from another world (another seed) is refused") {
    TestWorld other(7);
    fortyFiveSent(other);
    Json q1 = ok(other, kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}});
    requireInvalid(kBill, "ListHandshakesForOrganization", {{"MaxResults", 5}, {"NextToken", q1["NextToken"]}});
  }
}

TEST_CASE("ListAccounts pages the organization's accounts in joining order", "[pagination]") {
  TestWorld t;
  t.docsWorld();
  t.sim("SetSettings", {{"AccountLimit", 100}});
  std::vector<std::string> expected{kBill};
  for (int i = 0; i < 44; ++i) {
    std::string id = "6000000000" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    t.account(id, "Member " + std::to_string(i), "member" + std::to_string(i) + "@example.com");
    t.join(id, kDocsOrg, i % 2 ? "CREATED" : "INVITED");
    expected.push_back(id);
  }
  REQUIRE(expected.size() == 45);
  for (int maxResults : {1, 7, 20, 0}) {
    INFO("MaxResults " << maxResults);
    int pages = 0;
    std::vector<Json> accounts = listAll(t, kBill, "ListAccounts", Json::object(), maxResults, "Accounts", &pages);
    std::vector<std::string> ids;
    for (const Json& a : accounts) ids.push_back(a["Id"]);
    CHECK(ids == expected);
    const int size = maxResults ? maxResults : 20;
    CHECK(pages == (45 + size - 1) / size);
    CHECK(accounts[0]["JoinedMethod"] == "INVITED");
    CHECK(accounts[2]["JoinedMethod"] == "CREATED");
  }
  // Tokens are bound to ListAccounts and to the caller.
  Json p1 = ok(t, kBill, "ListAccounts", {{"MaxResults", 5}});
  REQUIRE(p1.contains("NextToken"));
  t.account("444444444444", "Mia", "mia@example.com");
  t.organization("444444444444", "o-otherorg123", "ALL");
  REQUIRE_REJECTED(t, "444444444444", "ListAccounts", Json({{"NextToken", p1["NextToken"]}}), "InvalidInputException",
                   "INVALID_NEXT_TOKEN");
  REQUIRE_REJECTED(t, kBill, "ListHandshakesForOrganization", Json({{"NextToken", p1["NextToken"]}}),
                   "InvalidInputException", "INVALID_NEXT_TOKEN");
  // Removing an account already returned neither repeats nor skips the others on the next page.
  ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", expected[1]}});  // an INVITED member of page 1
  Json p2 = ok(t, kBill, "ListAccounts", {{"MaxResults", 5}, {"NextToken", p1["NextToken"]}});
  std::vector<std::string> page2;
  for (const Json& a : p2["Accounts"]) page2.push_back(a["Id"]);
  CHECK(page2 == std::vector<std::string>(expected.begin() + 5, expected.begin() + 10));
  // A small organization fits in one page without NextToken.
  Json mia = ok(t, "444444444444", "ListAccounts");
  CHECK(mia["Accounts"].size() == 1);
  CHECK_FALSE(mia.contains("NextToken"));
}

TEST_CASE("ActionType and ParentHandshakeId filters select and page correctly", "[pagination]") {
  TestWorld t;
  t.account(kBill, "Bill", "bill@example.com");
  t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
  t.sim("SetSettings", {{"AccountLimit", 100}});
  std::vector<std::string> members;
  for (int i = 0; i < 12; ++i) {
    std::string id = "7000000000" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    t.account(id, "Member " + std::to_string(i), "m" + std::to_string(i) + "@example.com");
    t.join(id, kDocsOrg, "INVITED");
    members.push_back(id);
  }
  t.account(kSusan, "Susan", "susan@example.com");
  // Invitations before the migration are canceled by it; those sent after it advertise ALL.
  std::vector<std::string> invites;
  for (int i = 0; i < 3; ++i)
    invites.push_back(invite(t, kBill, "EMAIL", "before" + std::to_string(i) + "@example.com")["Id"]);
  Json parent = ok(t, kBill, "EnableAllFeatures")["Handshake"];
  const std::string parentId = parent["Id"];
  for (int i = 0; i < 4; ++i)
    invites.push_back(invite(t, kBill, "EMAIL", "after" + std::to_string(i) + "@example.com")["Id"]);
  invites.push_back(invite(t, kBill, "ACCOUNT", kSusan)["Id"]);

  std::vector<std::string> all = listIds(t, kBill, "ListHandshakesForOrganization");
  REQUIRE(all.size() == 3 + 1 + 12 + 5);
  std::vector<std::string> children(all.begin() + 4, all.begin() + 16);
  CHECK(all[3] == parentId);

  for (int maxResults : {1, 5, 20, 0}) {
    INFO("MaxResults " << maxResults);
    CHECK(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "INVITE"}}}}, maxResults) ==
          invites);
    CHECK(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "ENABLE_ALL_FEATURES"}}}},
                  maxResults) == std::vector<std::string>{parentId});
    CHECK(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "APPROVE_ALL_FEATURES"}}}},
                  maxResults) == children);
    CHECK(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parentId}}}},
                  maxResults) == children);
    CHECK(listIds(t, kBill, "ListHandshakesForOrganization",
                  {{"Filter", {{"ActionType", "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE"}}}}, maxResults)
              .empty());
  }
  // Every returned handshake matches its filter.
  for (const Json& h :
       listAll(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parentId}}}}, 3)) {
    CHECK(h["Action"] == "APPROVE_ALL_FEATURES");
    CHECK(h["Resources"][0]["Type"] == "PARENT_HANDSHAKE");
  }
  // A member sees only its own child, with either filter.
  for (size_t i = 0; i < members.size(); ++i) {
    INFO(members[i]);
    CHECK(listIds(t, members[i], "ListHandshakesForAccount") == std::vector<std::string>{children[i]});
    CHECK(listIds(t, members[i], "ListHandshakesForAccount", {{"Filter", {{"ParentHandshakeId", parentId}}}}) ==
          std::vector<std::string>{children[i]});
    CHECK(listIds(t, members[i], "ListHandshakesForAccount", {{"Filter", {{"ActionType", "APPROVE_ALL_FEATURES"}}}}) ==
          std::vector<std::string>{children[i]});
    CHECK(listIds(t, members[i], "ListHandshakesForAccount", {{"Filter", {{"ActionType", "INVITE"}}}}).empty());
  }
  // The parent id is not a parent in another organization's list, and a child id is nobody's parent.
  t.account("444444444444", "Mia", "mia@example.com");
  t.organization("444444444444", "o-otherorg123", "CONSOLIDATED_BILLING");
  CHECK(listIds(t, "444444444444", "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parentId}}}})
            .empty());
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", children[0]}}}}).empty());
  // Susan sees only the invitation addressed to her.
  CHECK(listIds(t, kSusan, "ListHandshakesForAccount") == std::vector<std::string>{invites.back()});
}
