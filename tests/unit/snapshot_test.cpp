// World snapshots (docs/wire-api.md: ExportWorld, ImportWorld, Reset, DryRun): export, import, export
// gives the same bytes; an imported world continues exactly as the original would; invalid snapshots
// are refused with InvalidWorldSnapshotException and change nothing; a seed replays the same ids.
#include <functional>
#include <string>
#include <vector>

#include "model/account.h"
#include "model/organization.h"
#include "model/settings.h"
#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

// Its own namespace: the suite compiles in unity batches (CMakeLists.txt), where file-scope names meet.
namespace snapshot_test {
namespace {

const std::string kMia = "444444444444";
const std::string kCbOrg = "o-otherorg123";

// A world with something of everything: two organizations (ALL and CONSOLIDATED_BILLING), invited and
// created members, handshakes in every state (one past its retention), a pending all-features
// migration, changed settings, generated ids, and a clock that has moved.
void richWorld(TestWorld& t) {
  t.docsWorld();
  t.sim("SetSettings",
        {{"AccountLimit", 50}, {"InvitesDuringMigration", "ALLOW"}, {"MemberOfOtherOrganization", "MOVE"}});
  t.account(kMia, "Mia", "mia@example.com");
  t.organization(kMia, kCbOrg, "CONSOLIDATED_BILLING");
  for (const char* id : {"601000000000", "602000000000", "603000000000"}) {
    t.account(id, std::string("Member ") + id, std::string("m") + id + "@example.com");
    t.join(id, kCbOrg, std::string(id) == "603000000000" ? "CREATED" : "INVITED");
  }
  Json generated = t.sim("CreateAccount", {{"Name", "Generated"}, {"Email", "generated@example.com"}});
  std::string gen = generated["Account"]["Id"];
  ok(t, gen, "CreateOrganization", {{"FeatureSet", "ALL"}});

  // A handshake that will be past its retention by the end.
  std::string old = invite(t, kBill, "EMAIL", "old@example.com")["Id"];
  ok(t, kBill, "CancelHandshake", {{"HandshakeId", old}});
  t.advanceDays(31);

  Json body{{"Target", target("EMAIL", "susan@example.com")},
            {"Notes", "Caf\xC3\xA9 \xF0\x9F\x98\x80 \"quoted\" \\ back"},
            {"Tags", Json::array({{{"Key", "team"}, {"Value", "blue"}}, {{"Key", "cost"}, {"Value", ""}}})}};
  std::string accepted = ok(t, kBill, "InviteAccountToOrganization", body)["Handshake"]["Id"];
  ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", accepted}});
  std::string declined = invite(t, kBill, "ACCOUNT", kJuan)["Id"];
  ok(t, kJuan, "DeclineHandshake", {{"HandshakeId", declined}});
  t.sim("AdvanceTime", {{"Seconds", 3600.123}});
  std::string canceled = invite(t, kBill, "EMAIL", "x@example.com")["Id"];
  ok(t, kBill, "CancelHandshake", {{"HandshakeId", canceled}});
  invite(t, kBill, "EMAIL", "expired@example.com");
  t.advanceDays(16);
  invite(t, kBill, "EMAIL", "open@example.com", "still open");
  // Mia's migration: a pending invitation canceled by it, one child accepted, one open.
  invite(t, kMia, "EMAIL", "pending@example.com");
  std::string parent = ok(t, kMia, "EnableAllFeatures")["Handshake"]["Id"];
  std::vector<std::string> children =
      listIds(t, kMia, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parent}}}});
  REQUIRE(children.size() == 2);
  ok(t, "601000000000", "AcceptHandshake", {{"HandshakeId", children[0]}});
  invite(t, kMia, "EMAIL", "during@example.com");
  t.sim("AdvanceTime", {{"Seconds", 0.007}});
}

std::string exportBytes(TestWorld& t) { return worldBytes(t); }

Json exportJson(TestWorld& t) { return t.sim("ExportWorld")["World"]; }

Reply importRaw(TestWorld& t, const std::string& body) { return t.raw("", "Simulator.ImportWorld", body); }

void importOk(TestWorld& t, const Json& world) {
  Reply r = importRaw(t, Json{{"World", world}}.dump());
  INFO(r.raw);
  REQUIRE(r.status == 200);
  REQUIRE(r.body == Json::object());
}

size_t indexById(const Json& list, const std::string& id) {
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i]["Id"] == id) return i;
  FAIL("no " << id);
  return 0;
}

// The same calls on any world, recording every raw response. Ids come from the world's own replies.
std::vector<std::string> continuation(TestWorld& t, const std::string& carriedToken) {
  std::vector<std::string> out;
  auto record = [&](const Reply& r) {
    out.push_back(std::to_string(r.status) + " " + r.raw);
    return r.body;
  };
  auto aws = [&](const std::string& caller, const std::string& op, const Json& body) {
    return record(t.call(caller, op, body));
  };
  auto sim = [&](const std::string& control, const Json& body) {
    return record(t.raw("", "Simulator." + control, body.dump()));
  };

  // A token issued before the snapshot still pages on.
  aws(kBill, "ListHandshakesForOrganization", {{"MaxResults", 2}, {"NextToken", carriedToken}});
  Json created = sim("CreateAccount", {{"Name", "After"}, {"Email", "after@example.com"}});
  std::string after = created["Account"].value("Id", "");
  Json org = aws(after, "CreateOrganization", {{"FeatureSet", "CONSOLIDATED_BILLING"}});
  Json h = aws(kBill, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", after)}});
  Json h2 =
      aws(kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "late@example.com")}, {"Notes", "n"}});
  Json page = aws(kBill, "ListHandshakesForOrganization", {{"MaxResults", 3}});
  aws(kBill, "ListHandshakesForOrganization", {{"MaxResults", 3}, {"NextToken", page.value("NextToken", "")}});
  sim("AdvanceTime", {{"Seconds", 86400 * 2 + 0.5}});
  // Mia's migration completes.
  Json children = aws(kMia, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "APPROVE_ALL_FEATURES"}}}});
  for (const Json& c : children.value("Handshakes", Json::array()))
    if (c["State"] == "OPEN") aws("602000000000", "AcceptHandshake", {{"HandshakeId", c["Id"]}});
  Json parents = aws(kMia, "ListHandshakesForOrganization", {{"Filter", {{"ActionType", "ENABLE_ALL_FEATURES"}}}});
  for (const Json& p : parents.value("Handshakes", Json::array()))
    aws(kMia, "AcceptHandshake", {{"HandshakeId", p["Id"]}});
  aws(kMia, "DescribeOrganization", Json::object());
  aws(kMia, "InviteAccountToOrganization", {{"Target", target("EMAIL", "advertised@example.com")}});
  // Errors, quotas and expiry continue the same way.
  aws(kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "late@example.com")}});
  aws(kSusan, "LeaveOrganization", Json::object());
  sim("AdvanceTime", {{"Seconds", 86400 * 14}});
  aws(kBill, "ListHandshakesForOrganization", Json::object());
  aws(kSusan, "ListHandshakesForAccount", Json::object());
  aws(kJuan, "ListHandshakesForAccount", Json::object());
  aws(kBill, "ListAccounts", {{"MaxResults", 1}});
  sim("DescribeWorld", Json::object());
  sim("ExportWorld", Json::object());
  (void)org;
  (void)h;
  (void)h2;
  return out;
}

// Imports `world`, requires InvalidWorldSnapshotException, and that the current world did not change.
void requireRefused(TestWorld& t, const Json& world, const std::string& why) {
  INFO("snapshot: " << why);
  std::string before = exportBytes(t);
  Reply r = importRaw(t, Json{{"World", world}}.dump());
  INFO(r.raw);
  CHECK(r.status == 400);
  CHECK(r.type() == "InvalidWorldSnapshotException");
  CHECK(r.message().rfind("The world snapshot is invalid", 0) == 0);
  CHECK(r.body.size() == 2);  // __type and Message
  CHECK(exportBytes(t) == before);
}

}  // namespace

TEST_CASE("Export, import, export gives the same bytes", "[snapshot]") {
  TestWorld t;
  richWorld(t);
  const std::string first = exportBytes(t);
  Json world = exportJson(t);
  CHECK(world["Version"] == 1);

  SECTION("into a fresh engine with another seed") {
    TestWorld other(99);
    importOk(other, world);
    CHECK(exportBytes(other) == first);
    CHECK(other.sim("DescribeWorld") == t.sim("DescribeWorld"));
  }
  SECTION("into the same engine") {
    importOk(t, world);
    CHECK(exportBytes(t) == first);
  }
  SECTION("into an engine that has moved its clock further: the snapshot's clock wins") {
    TestWorld other;
    other.setTime(4000000000);
    importOk(other, world);
    CHECK(exportBytes(other) == first);
    CHECK(other.sim("DescribeWorld")["Now"] == t.sim("DescribeWorld")["Now"]);
  }
  SECTION("exporting does not change the world") { CHECK(exportBytes(t) == first); }
  SECTION("the streamed export is exactly the canonical (sorted, compact) JSON of itself") {
    Reply exported = t.raw("", "Simulator.ExportWorld", "{}");
    REQUIRE(exported.status == 200);
    CHECK(exported.raw == exported.body.dump());
    CHECK(exported.raw.find("\"Tags\":[{\"Key\":\"team\"") != std::string::npos);
  }
  SECTION("the snapshot holds every state and the settings") {
    std::set<std::string> states;
    for (const Json& h : world["Handshakes"]) states.insert(h["State"].get<std::string>());
    // Stored states: EXPIRED is computed on read from the clock.
    CHECK(states == std::set<std::string>{"REQUESTED", "OPEN", "CANCELED", "ACCEPTED", "DECLINED"});
    std::set<std::string> effective;
    const Json view = t.sim("DescribeWorld");
    for (const Json& h : view["Handshakes"]) effective.insert(h["State"].get<std::string>());
    CHECK(effective == std::set<std::string>{"REQUESTED", "OPEN", "CANCELED", "ACCEPTED", "DECLINED", "EXPIRED"});
    CHECK(world["Settings"]["AccountLimit"] == 50);
  }
}

TEST_CASE("An imported world continues exactly as the original would", "[snapshot]") {
  TestWorld original;
  richWorld(original);
  Json page = ok(original, kBill, "ListHandshakesForOrganization", {{"MaxResults", 2}});
  const std::string token = page["NextToken"];
  Json world = exportJson(original);

  TestWorld imported(12345);
  imported.sim("CreateAccount", {{"Name", "Noise"}, {"Email", "noise@example.com"}});  // replaced by the import
  importOk(imported, world);

  std::vector<std::string> a = continuation(original, token);
  std::vector<std::string> b = continuation(imported, token);
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("step " << i);
    CHECK(a[i] == b[i]);
  }
  // Sanity: the continuation did real work (new ids, a finished migration).
  CHECK(a[0].rfind("200 ", 0) == 0);
  CHECK(a[1].find("\"Id\":\"") != std::string::npos);
  CHECK(a[1].find("noise") == std::string::npos);
}

TEST_CASE("Invalid snapshots are refused and leave the current world byte-identical", "[snapshot]") {
  TestWorld t;
  richWorld(t);
  const Json good = exportJson(t);
  auto mutated = [&](const std::function<void(Json&)>& change) {
    Json w = good;
    change(w);
    return w;
  };
  const size_t susan = indexById(good["Accounts"], kSusan);
  const size_t juan = indexById(good["Accounts"], kJuan);
  const size_t bills = indexById(good["Organizations"], kDocsOrg);
  const size_t mias = indexById(good["Organizations"], kCbOrg);

  SECTION("not an object") {
    for (const Json& w : {Json(42), Json("x"), Json::array(), Json(true), Json::array({good})})
      requireRefused(t, w, w.dump().substr(0, 40));
  }
  SECTION("wrong or missing version") {
    requireRefused(t, mutated([](Json& w) { w["Version"] = 2; }), "Version 2");
    requireRefused(t, mutated([](Json& w) { w["Version"] = 0; }), "Version 0");
    requireRefused(t, mutated([](Json& w) { w["Version"] = "1"; }), "Version \"1\"");
    requireRefused(t, mutated([](Json& w) { w["Version"] = 1.5; }), "Version 1.5");
    requireRefused(t, mutated([](Json& w) { w.erase("Version"); }), "no Version");
  }
  SECTION("truncated: a top-level member missing") {
    for (const char* key : {"Now", "Seed", "IdState", "TokenKey", "NextSeq", "Settings", "Accounts", "Organizations",
                            "Handshakes", "Transfers"})
      requireRefused(t, mutated([&](Json& w) { w.erase(key); }), std::string("no ") + key);
  }
  SECTION("truncated: a member missing inside an item") {
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan].erase("Email"); }), "account without Email");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills].erase("MemberIds"); }),
                   "organization without MemberIds");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0].erase("Expiration"); }), "handshake without Expiration");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][1]["Parties"][0].erase("Type"); }), "party without Type");
    requireRefused(t, mutated([](Json& w) { w["Settings"].erase("AccountLimit"); }), "settings without AccountLimit");
  }
  SECTION("bad types and values") {
    requireRefused(t, mutated([](Json& w) { w["Now"] = -1; }), "negative Now");
    requireRefused(t, mutated([](Json& w) { w["Now"] = "0"; }), "string Now");
    requireRefused(t, mutated([](Json& w) { w["Seed"] = "xyz"; }), "Seed not hex");
    requireRefused(t, mutated([](Json& w) { w["IdState"] = 5; }), "IdState a number");
    requireRefused(t, mutated([](Json& w) { w["TokenKey"] = "0123456789ABCDEF"; }), "TokenKey uppercase");
    requireRefused(t, mutated([](Json& w) { w["NextSeq"] = 0; }), "NextSeq 0");
    requireRefused(t, mutated([](Json& w) { w["Accounts"] = Json::object(); }), "Accounts an object");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["Id"] = 222222222222LL; }), "account Id a number");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["Id"] = "22222222222"; }), "account Id of 11 digits");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["Joined"] = "yesterday"; }), "Joined a string");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["ScpEnabled"] = "yes"; }),
                   "ScpEnabled a string");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["FeatureSet"] = "FULL"; }), "FeatureSet FULL");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["JoinedMethod"] = "SIGNED"; }),
                   "JoinedMethod SIGNED");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["JoinedMethod"] = "invited"; }),
                   "JoinedMethod in lower case");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["Id"] = "o-short"; }), "bad organization id");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["MemberIds"][1] = 5; }), "member id a number");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Seq"] = "1"; }), "Seq a string");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Action"] = "JOIN"; }), "unknown Action");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["State"] = "PENDING"; }), "unknown State");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Id"] = "h-SHOUTING1"; }), "bad handshake id");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Tags"] = Json::object(); }), "Tags an object");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Parties"] = "none"; }), "Parties a string");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Resources"] = Json::array({5}); }),
                   "resource a number");
    requireRefused(t, mutated([](Json& w) { w["Settings"]["AccountLimit"] = 0; }), "AccountLimit 0");
    requireRefused(t, mutated([](Json& w) { w["Settings"]["MemberOfOtherOrganization"] = "STAY"; }), "bad switch");
    requireRefused(t, mutated([](Json& w) { w["Settings"]["InvitesDuringMigration"] = true; }), "switch a boolean");
    requireRefused(t, mutated([](Json& w) {
                     w["Transfers"] = Json::array({{{"Seq", 1},
                                                    {"Id", "rt-abcdefgh12"},
                                                    {"Name", "n"},
                                                    {"Type", "BILLING"},
                                                    {"Status", "LIMBO"},
                                                    {"SourceAccountId", ""},
                                                    {"SourceEmail", ""},
                                                    {"SourceOrganizationId", ""},
                                                    {"TargetAccountId", ""},
                                                    {"TargetEmail", ""},
                                                    {"TargetOrganizationId", ""},
                                                    {"Start", 0},
                                                    {"End", 0},
                                                    {"HandshakeId", ""}}});
                   }),
                   "transfer with an unknown Status");
  }
  SECTION("inconsistent membership") {
    requireRefused(t, mutated([&](Json& w) {
                     Json& m = w["Organizations"][bills]["MemberIds"];
                     Json kept = Json::array();
                     for (const Json& id : m)
                       if (id != kSusan) kept.push_back(id);
                     m = kept;
                   }),
                   "member not listed by its organization");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["OrganizationId"] = ""; }),
                   "organization lists a standalone account");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][susan]["OrganizationId"] = kCbOrg; }),
                   "account names another organization than the one listing it");
    requireRefused(t, mutated([&](Json& w) { w["Accounts"][juan]["OrganizationId"] = "o-nosuchorg00"; }),
                   "account in an organization that does not exist");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["ManagementAccountId"] = kJuan; }),
                   "management account that is not a member");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][mias]["MemberIds"].push_back(kSusan); }),
                   "account listed by two organizations");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["MemberIds"].push_back("999999999999"); }),
                   "organization lists an account that does not exist");
  }
  SECTION("duplicate ids") {
    requireRefused(t, mutated([&](Json& w) { w["Accounts"].push_back(w["Accounts"][juan]); }), "duplicate account");
    requireRefused(t, mutated([&](Json& w) {
                     Json copy = w["Accounts"][juan];
                     copy["Id"] = "999999999999";
                     copy["Email"] = "JUAN@example.com";
                     w["Accounts"].push_back(copy);
                   }),
                   "duplicate email, differing in case");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"].push_back(w["Organizations"][bills]); }),
                   "duplicate organization");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][1]["Id"] = w["Handshakes"][0]["Id"]; }),
                   "duplicate handshake id");
    requireRefused(t, mutated([](Json& w) {
                     Json copy = w["Handshakes"].back();
                     copy["Seq"] = w["NextSeq"];
                     copy["Id"] = "h-" + std::string(32, 'e');
                     w["Handshakes"].push_back(copy);
                   }),
                   "handshake Seq not below NextSeq");
    requireRefused(t, mutated([](Json& w) { std::swap(w["Handshakes"][0], w["Handshakes"][1]); }),
                   "Seq not increasing");
    requireRefused(t, mutated([](Json& w) { w["Handshakes"][1]["Seq"] = w["Handshakes"][0]["Seq"]; }), "duplicate Seq");
    requireRefused(t, mutated([&](Json& w) { w["Organizations"][bills]["MemberIds"].push_back(kSusan); }),
                   "an account listed twice by its organization");
  }
  SECTION("dangling references and out-of-range settings") {
    requireRefused(
        t, mutated([&](Json& w) { w["Organizations"][mias]["AllFeaturesHandshakeId"] = "h-" + std::string(32, 'd'); }),
        "all-features handshake that does not exist");
    requireRefused(t, mutated([](Json& w) { w["Settings"]["AccountLimit"] = 4294967296LL; }),
                   "AccountLimit beyond what Simulator.SetSettings accepts");
  }
  SECTION("a truncated or missing body is refused too (not a snapshot error) and changes nothing") {
    const std::string text = Json{{"World", good}}.dump();
    for (size_t cut : {text.size() - 1, text.size() / 2, size_t{10}}) {
      auto r = rejectedRaw(t, "", "Simulator.ImportWorld", text.substr(0, cut));
      REQUIRE_AWS_ERROR(r, "SerializationException", "");
    }
    auto missing = rejectedRaw(t, "", "Simulator.ImportWorld", "{}");
    REQUIRE_AWS_ERROR(missing, "InvalidInputException", "INPUT_REQUIRED:WORLD");
    auto null = rejectedRaw(t, "", "Simulator.ImportWorld", R"({"World":null})");
    REQUIRE_AWS_ERROR(null, "InvalidInputException", "INPUT_REQUIRED:WORLD");
  }
  // After all the refusals the good snapshot still imports.
  importOk(t, good);
  CHECK(exportJson(t) == good);
}

TEST_CASE("Reset with the same seed replays identical ids", "[snapshot]") {
  auto scenario = [](TestWorld& t) {
    std::vector<std::string> out;
    auto keep = [&](const Reply& r) {
      out.push_back(r.raw);
      return r.body;
    };
    Json a = keep(t.raw("", "Simulator.CreateAccount", R"({"Name":"A","Email":"a@example.com"})"));
    Json b = keep(t.raw("", "Simulator.CreateAccount", R"({"Name":"B","Email":"b@example.com"})"));
    const std::string aId = a["Account"].value("Id", ""), bId = b["Account"].value("Id", "");
    keep(t.raw("", "Simulator.SetTime", R"({"Timestamp":1789271046.11})"));
    keep(t.call(aId, "CreateOrganization", {{"FeatureSet", "CONSOLIDATED_BILLING"}}));
    Json h = keep(t.call(aId, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", bId)}}));
    keep(t.call(bId, "AcceptHandshake", {{"HandshakeId", h["Handshake"].value("Id", "")}}));
    keep(t.call(aId, "EnableAllFeatures", Json::object()));
    keep(t.call(aId, "ListHandshakesForOrganization", {{"MaxResults", 1}}));
    keep(t.raw("", "Simulator.ExportWorld", "{}"));
    return out;
  };
  TestWorld t;
  t.docsWorld();
  REQUIRE(t.raw("", "Simulator.Reset", R"({"Seed":42})").raw == "{}");
  // An empty world whose clock is at 2026-01-01T00:00:00Z, where a new engine starts too.
  CHECK(t.sim("DescribeWorld") == Json({{"Now", 1767225600.0},
                                        {"Accounts", Json::array()},
                                        {"Organizations", Json::array()},
                                        {"Handshakes", Json::array()},
                                        {"ResponsibilityTransfers", Json::array()}}));
  std::vector<std::string> first = scenario(t);
  REQUIRE(t.raw("", "Simulator.Reset", R"({"Seed":42})").status == 200);
  std::vector<std::string> second = scenario(t);
  CHECK(first == second);
  // A fresh engine built with the seed replays the same ids.
  TestWorld fresh(42);
  CHECK(scenario(fresh) == first);
  // Another seed gives other ids.
  REQUIRE(t.raw("", "Simulator.Reset", R"({"Seed":43})").status == 200);
  std::vector<std::string> third = scenario(t);
  CHECK(third[0] != first[0]);
  CHECK(third[3] != first[3]);
  CHECK(third[4] != first[4]);
  // Reset without a seed is seed 0.
  TestWorld zero(0);
  REQUIRE(t.raw("", "Simulator.Reset", "{}").status == 200);
  CHECK(scenario(t) == scenario(zero));
}

TEST_CASE("DryRun returns what the call would return and changes nothing", "[snapshot]") {
  TestWorld t;
  richWorld(t);
  const std::string before = exportBytes(t);
  Json body{{"Target", target("EMAIL", "dry@example.com")}};
  Json dry = t.sim(
      "DryRun",
      {{"Caller", kBill}, {"Target", "AWSOrganizationsV20161128.InviteAccountToOrganization"}, {"Body", body.dump()}});
  CHECK(exportBytes(t) == before);
  CHECK(dry["Status"] == 200);
  Reply real = t.call(kBill, "InviteAccountToOrganization", body);
  CHECK(real.status == 200);
  CHECK(dry["Body"] == real.raw);  // the same generated id
  // A failing dry run reports the error.
  Json failing = t.sim(
      "DryRun",
      {{"Caller", kBill}, {"Target", "AWSOrganizationsV20161128.InviteAccountToOrganization"}, {"Body", body.dump()}});
  CHECK(failing["Status"] == 400);
  CHECK(Json::parse(failing["Body"].get<std::string>())["__type"] == "DuplicateHandshakeException");
  // Simulator targets cannot be dry-run.
  auto r = rejectedRaw(t, "", "Simulator.DryRun",
                       Json({{"Caller", ""}, {"Target", "Simulator.Reset"}, {"Body", "{}"}}).dump());
  REQUIRE_AWS_ERROR(r, "InvalidInputException", "INVALID_PATTERN:TARGET");
}

TEST_CASE("The model's enums read back their own wire names and nothing else", "[snapshot]") {
  for (auto f : {hs::FeatureSet::All, hs::FeatureSet::ConsolidatedBilling})
    CHECK(hs::featureSetFromString(hs::toString(f)) == f);
  CHECK(std::string(hs::toString(hs::FeatureSet::ConsolidatedBilling)) == "CONSOLIDATED_BILLING");
  for (auto m : {hs::JoinedMethod::None, hs::JoinedMethod::Invited, hs::JoinedMethod::Created})
    CHECK(hs::joinedMethodFromString(hs::toString(m)) == m);
  CHECK(std::string(hs::toString(hs::JoinedMethod::None)).empty());  // a standalone account's
  for (auto m : {hs::MemberOfOtherOrganization::Move, hs::MemberOfOtherOrganization::Reject})
    CHECK(hs::memberOfOtherOrganizationFromString(hs::toString(m)) == m);
  for (auto i : {hs::InvitesDuringMigration::Allow, hs::InvitesDuringMigration::Reject})
    CHECK(hs::invitesDuringMigrationFromString(hs::toString(i)) == i);
  // Exact names only: no other case, no padding.
  CHECK_FALSE(hs::featureSetFromString("all"));
  CHECK_FALSE(hs::featureSetFromString(""));
  CHECK_FALSE(hs::joinedMethodFromString("INVITED "));
  CHECK_FALSE(hs::memberOfOtherOrganizationFromString("Move"));
  CHECK_FALSE(hs::invitesDuringMigrationFromString("ALLOWED"));
}

}  // namespace snapshot_test
