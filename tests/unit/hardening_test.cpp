// Hardening (issue 11, findings 3, 4 and 5): snapshots that would break the engine's invariants are
// refused; worlds stay bounded (tag limits, a request-size limit, handshakes purged after their
// retention); the request parser is strict (raw NUL, trailing data, lone surrogates) and no input
// answers 500. Every refusal is checked exactly (__type, Reason, Message) and leaves the world
// byte-identical.
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__) || defined(__GLIBC__)
#include <malloc.h>
#endif

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

const std::string kInvite = "AWSOrganizationsV20161128.InviteAccountToOrganization";
const std::string kNotJson = "The request body is not valid JSON.";
const std::string kMaxTags = "You have exceeded the number of tags allowed on this resource.";
const std::string kSystemTag =
    "You specified a tag key that is a system tag. You can\xE2\x80\x99t add, edit, or delete system tag keys because "
    "they're reserved for Amazon Web Services use. System tags don\xE2\x80\x99t count against your tags per resource "
    "limit.";
const std::string kTooLarge4MiB = "The request body is larger than 4 MiB (4194304 bytes), the limit for this target.";
const std::string kTooLarge128MiB =
    "The request body is larger than 128 MiB (134217728 bytes), the limit for this target.";
const std::string kBadNow =
    "The world snapshot is invalid: World.Now: must be an integer from 0 to 253402300799999 (milliseconds up to "
    "9999-12-31T23:59:59.999Z)";
constexpr std::int64_t kLatestMillis = 253402300799999;  // 9999-12-31T23:59:59.999Z

Json exportJson(TestWorld& t) { return t.sim("ExportWorld")["World"]; }

// rejectedRaw for bodies of megabytes: reports only their size and start when it fails.
Reply rejectedBig(TestWorld& t, const std::string& caller, const std::string& target, const std::string& body) {
  std::string before = worldBytes(t);
  Reply r = t.raw(caller, target, body);
  INFO(target << " body of " << body.size() << " bytes: " << body.substr(0, 60) << " -> " << r.raw.substr(0, 300));
  REQUIRE(r.status >= 400);
  REQUIRE(r.status < 500);
  REQUIRE(worldBytes(t) == before);
  return r;
}

// Imports `world`; it must be refused with exactly `message` and change nothing.
void requireImportRefused(TestWorld& t, const Json& world, const std::string& message) {
  Reply r = rejectedRaw(t, "", "Simulator.ImportWorld", Json{{"World", world}}.dump());
  REQUIRE_AWS_ERROR_MSG(r, "InvalidWorldSnapshotException", "", message);
}

void importOk(TestWorld& t, const Json& world) {
  Reply r = t.raw("", "Simulator.ImportWorld", Json{{"World", world}}.dump());
  INFO(r.raw);
  REQUIRE(r.status == 200);
}

Json tags(size_t n, const std::string& prefix = "k") {
  Json list = Json::array();
  for (size_t i = 0; i < n; ++i) list.push_back({{"Key", prefix + std::to_string(i)}, {"Value", "v"}});
  return list;
}

Json inviteJuan(const Json& tagList) { return Json{{"Target", target("ACCOUNT", kJuan)}, {"Tags", tagList}}; }

// A valid InviteOrganizationToTransferResponsibility body from Bill to Susan (start 2026-10-01).
Json transferBody(const Json& tagList) {
  return Json{{"Type", "BILLING"},
              {"Target", target("ACCOUNT", kSusan)},
              {"StartTimestamp", 1790812800},
              {"SourceName", "Susan's bill"},
              {"Tags", tagList}};
}

size_t handshakesIn(TestWorld& t) { return exportJson(t)["Handshakes"].size(); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Finding 3: snapshots keep every invariant or are refused.

TEST_CASE("ImportWorld refuses a clock outside the engine's range and names World.Now", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  const Json good = exportJson(t);
  auto withNow = [&](const Json& now) {
    Json w = good;
    w["Now"] = now;
    return w;
  };
  // The clock of finding 3: 2^53 ms, past 9999-12-31.
  requireImportRefused(t, withNow(std::int64_t{1} << 53), kBadNow);
  requireImportRefused(t, withNow(kLatestMillis + 1), kBadNow);
  requireImportRefused(t, withNow(-1), kBadNow);
  requireImportRefused(t, withNow(1.5), kBadNow);
  requireImportRefused(t, withNow(std::uint64_t{18446744073709551615u}), kBadNow);
  requireImportRefused(t, withNow("1789271046110"), kBadNow);
  // Non-finite numbers cannot be written in JSON; a literal too big for a double is refused too.
  std::string text = Json{{"World", good}}.dump();
  std::string nowText = "\"Now\":" + good["Now"].dump();
  REQUIRE(text.find(nowText) != std::string::npos);
  text.replace(text.find(nowText), nowText.size(), "\"Now\":1e400");
  Reply huge = rejectedRaw(t, "", "Simulator.ImportWorld", text);
  CHECK(huge.status == 400);
  CHECK((huge.type() == "SerializationException" || huge.type() == "InvalidWorldSnapshotException"));

  SECTION("the last instant is accepted, and the clock keeps working from it") {
    importOk(t, withNow(kLatestMillis));
    CHECK(t.sim("AdvanceTime", {{"Seconds", 0}})["Now"] == 253402300799.999);
    Reply past = rejectedRaw(t, "", "Simulator.AdvanceTime", R"({"Seconds":0.001})");
    REQUIRE_AWS_ERROR_MSG(past, "InvalidInputException", "",
                          "The simulated clock cannot move past 9999-12-31T23:59:59.999Z.");
    // An invitation sent at the last instant expires after it: its own export imports again.
    ok(t, kBill, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", kJuan)}});
    const Json w = exportJson(t);
    TestWorld other;
    importOk(other, w);
    CHECK(exportJson(other) == w);
  }
}

TEST_CASE("ImportWorld refuses timestamps out of range or after the snapshot's clock", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  invite(t, kBill, "EMAIL", "susan@example.com");
  const Json good = exportJson(t);
  const std::int64_t now = good["Now"];
  auto mutated = [&](const std::function<void(Json&)>& change) {
    Json w = good;
    change(w);
    return w;
  };
  const std::string prefix = "The world snapshot is invalid: ";
  const std::string range =
      ": must be an integer from 0 to 253402300799999 (milliseconds up to 9999-12-31T23:59:59.999Z)";
  requireImportRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Requested"] = -5; }),
                       prefix + "World.Handshakes[0].Requested" + range);
  requireImportRefused(t, mutated([&](Json& w) { w["Handshakes"][0]["Requested"] = now + 1; }),
                       prefix + "World.Handshakes[0].Requested: is after World.Now");
  requireImportRefused(t, mutated([&](Json& w) { w["Handshakes"][0]["Ended"] = now + 1; }),
                       prefix + "World.Handshakes[0].Ended: is after World.Now");
  requireImportRefused(t, mutated([](Json& w) { w["Handshakes"][0]["Expiration"] = std::int64_t{1} << 53; }),
                       prefix + "World.Handshakes[0].Expiration: must be an integer from 0 to 253410076799999");
  requireImportRefused(t, mutated([&](Json& w) { w["Accounts"][0]["Created"] = now + 1000; }),
                       prefix + "World.Accounts[0].Created: is after World.Now");
  requireImportRefused(t, mutated([&](Json& w) { w["Accounts"][0]["Joined"] = kLatestMillis + 1; }),
                       prefix + "World.Accounts[0].Joined" + range);
  requireImportRefused(t, mutated([&](Json& w) { w["Organizations"][0]["Created"] = now + 1; }),
                       prefix + "World.Organizations[0].Created: is after World.Now");
  importOk(t, good);
  CHECK(exportJson(t) == good);
}

TEST_CASE("ImportWorld refuses tags no request could have stored", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  invite(t, kBill, "EMAIL", "susan@example.com");
  const Json good = exportJson(t);
  const std::string prefix = "The world snapshot is invalid: World.Handshakes[0].Tags: ";
  Json many = good;
  many["Handshakes"][0]["Tags"] = tags(51);
  requireImportRefused(t, many, prefix + "holds more than 50 tags");
  Json system = good;
  system["Handshakes"][0]["Tags"] = Json::array({{{"Key", "aws:x"}, {"Value", ""}}});
  requireImportRefused(t, system, prefix + "breaks a tag rule (INVALID_SYSTEM_TAGS_PARAMETER)");
  Json duplicate = good;
  duplicate["Handshakes"][0]["Tags"] = Json::array({{{"Key", "a"}, {"Value", ""}}, {{"Key", "a"}, {"Value", "b"}}});
  requireImportRefused(t, duplicate, prefix + "breaks a tag rule (DUPLICATE_TAG_KEY)");
  Json shapeless = good;
  shapeless["Handshakes"][0]["Tags"] = Json::array({5});
  requireImportRefused(t, shapeless, prefix + "breaks a tag rule (INPUT_REQUIRED:TAGS_KEY)");
  Json fifty = good;
  fifty["Handshakes"][0]["Tags"] = tags(50);
  importOk(t, fifty);
  CHECK(exportJson(t) == fifty);

  SECTION("resource tags too") {
    ok(t, kBill, "TagResource", {{"ResourceId", kBill}, {"Tags", tags(2)}});
    const Json tagged = exportJson(t);
    REQUIRE(tagged["ResourceTags"].size() == 1);
    Json system2 = tagged;
    system2["ResourceTags"][0]["Tags"][0]["Key"] = "AWS:cost";
    requireImportRefused(t, system2,
                         "The world snapshot is invalid: World.ResourceTags[0].Tags: breaks a tag rule "
                         "(INVALID_SYSTEM_TAGS_PARAMETER)");
    Json many2 = tagged;
    many2["ResourceTags"][0]["Tags"] = tags(51);
    requireImportRefused(t, many2,
                         "The world snapshot is invalid: World.ResourceTags[0].Tags: holds more than 50 tags");
  }
}

TEST_CASE("A rewound IdState never makes the engine reuse an id of its world", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  const std::string rewound = exportJson(t)["IdState"];
  const std::string first = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  Json world = exportJson(t);
  world["IdState"] = rewound;  // the generator will produce `first` again
  importOk(t, world);

  const std::string second = invite(t, kBill, "ACCOUNT", kJuan)["Id"];
  CHECK(second != first);
  CHECK(describe(t, kBill, first)["Parties"][1]["Id"] == "susan@example.com");
  CHECK(describe(t, kBill, second)["Parties"][1]["Id"] == kJuan);
  // The engine accepts its own export again (with one id for two handshakes it refused it).
  const Json after = exportJson(t);
  TestWorld other;
  importOk(other, after);
  CHECK(exportJson(other) == after);

  SECTION("and a duplicate handshake id in a snapshot is refused, naming the item") {
    Json dup = after;
    dup["Handshakes"][1]["Id"] = dup["Handshakes"][0]["Id"];
    requireImportRefused(t, dup,
                         "The world snapshot is invalid: World.Handshakes[1].Id: must be a unique handshake id");
  }
}

// ---------------------------------------------------------------------------------------------
// Finding 4: bounded worlds.

TEST_CASE("Tags: at most 50 per resource, else ConstraintViolationException MAX_TAG_LIMIT_EXCEEDED", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  SECTION("InviteAccountToOrganization") {
    Reply r = rejected(t, kBill, "InviteAccountToOrganization", inviteJuan(tags(51)));
    REQUIRE_AWS_ERROR_MSG(r, "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED", kMaxTags);
    // The whole request fails: no handshake was created.
    CHECK(handshakesIn(t) == 0);
    ok(t, kBill, "InviteAccountToOrganization", inviteJuan(tags(50)));
    CHECK(handshakesIn(t) == 1);
  }
  SECTION("InviteOrganizationToTransferResponsibility") {
    t.organization(kSusan, "o-susanorg001");
    Reply r = rejected(t, kBill, "InviteOrganizationToTransferResponsibility", transferBody(tags(51)));
    REQUIRE_AWS_ERROR_MSG(r, "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED", kMaxTags);
    ok(t, kBill, "InviteOrganizationToTransferResponsibility", transferBody(tags(50)));
  }
  SECTION("validation of each tag comes first, then duplicates, then the count") {
    Json list = tags(60);
    list[55]["Key"] = "bad!key";
    Reply bad = rejected(t, kBill, "InviteAccountToOrganization", inviteJuan(list));
    REQUIRE_AWS_ERROR(bad, "InvalidInputException", "INVALID_PATTERN:TAGS_KEY");
    list[55]["Key"] = "k0";
    Reply dup = rejected(t, kBill, "InviteAccountToOrganization", inviteJuan(list));
    REQUIRE_AWS_ERROR(dup, "InvalidInputException", "DUPLICATE_TAG_KEY");
  }
  SECTION("the invite of finding 4 (150,000 tags) is refused before it is even parsed") {
    std::string body = inviteJuan(tags(150000)).dump();
    REQUIRE(body.size() > (size_t{4} << 20));
    Reply r = rejectedBig(t, kBill, kInvite, body);
    CHECK(r.status == 413);
    CHECK(r.type() == "RequestEntityTooLargeException");
    CHECK(r.message() == kTooLarge4MiB);
    // 51 tags in a small body are the constraint error, as above.
    CHECK(handshakesIn(t) == 0);
  }
}

TEST_CASE("Tags: system tag keys (aws: in any case) are InvalidInputException INVALID_SYSTEM_TAGS_PARAMETER",
          "[hardening]") {
  TestWorld t;
  t.docsWorld();
  for (const char* key : {"aws:cloudformation:stack-name", "AWS:x", "Aws:", "aWs:team"}) {
    INFO(key);
    Json list = tags(3);
    list[1]["Key"] = key;
    Reply r = rejected(t, kBill, "InviteAccountToOrganization", inviteJuan(list));
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER", kSystemTag);
  }
  t.organization(kSusan, "o-susanorg001");
  Reply r = rejected(t, kBill, "InviteOrganizationToTransferResponsibility",
                     transferBody(Json::array({{{"Key", "aws:x"}, {"Value", ""}}})));
  REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER", kSystemTag);
  // Only the key prefix is reserved: "aws" without the colon, or aws: in a value, are ordinary text.
  ok(t, kBill, "InviteAccountToOrganization",
     inviteJuan(Json::array({{{"Key", "aws"}, {"Value", "aws:x"}}, {{"Key", "awsome:key"}, {"Value", ""}}})));
}

TEST_CASE("Request size: 4 MiB per request (128 MiB for ImportWorld), refused with 413 before parsing", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  const std::string body = Json{{"Target", target("ACCOUNT", kJuan)}}.dump();
  const size_t mib = size_t{1} << 20, limit = 4 * mib;
  SECTION("exactly 4 MiB works, one byte more is refused") {
    std::string padded = body + std::string(limit - body.size(), ' ');
    Reply tooBig = rejectedBig(t, kBill, kInvite, padded + " ");
    CHECK(tooBig.status == 413);
    CHECK(tooBig.type() == "RequestEntityTooLargeException");
    CHECK(tooBig.message() == kTooLarge4MiB);
    CHECK(tooBig.reason().empty());
    CHECK(tooBig.body.size() == 2);
    Reply r = t.raw(kBill, kInvite, padded);
    INFO(r.raw.substr(0, 300));
    CHECK(r.status == 200);
    CHECK(handshakesIn(t) == 1);
  }
  SECTION("Simulator controls have the same 4 MiB limit") {
    Reply sim = rejectedBig(t, "", "Simulator.DescribeWorld", std::string(limit + 1, ' '));
    CHECK(sim.status == 413);
    CHECK(sim.message() == kTooLarge4MiB);
    Reply dry =
        rejectedBig(t, "", "Simulator.DryRun",
                    Json{{"Caller", kBill}, {"Target", kInvite}, {"Body", body + std::string(limit, ' ')}}.dump());
    CHECK(dry.status == 413);
  }
  SECTION("ImportWorld takes snapshots up to 128 MiB") {
    const Json world = exportJson(t);
    std::string snapshot = Json{{"World", world}}.dump();
    Reply big = t.raw("", "Simulator.ImportWorld", snapshot + std::string(2 * limit, ' '));
    INFO(big.raw.substr(0, 300));
    CHECK(big.status == 200);
    std::string huge = snapshot + std::string(128 * mib - snapshot.size() + 1, ' ');
    Reply refused = rejectedBig(t, "", "Simulator.ImportWorld", huge);
    CHECK(refused.status == 413);
    CHECK(refused.type() == "RequestEntityTooLargeException");
    CHECK(refused.message() == kTooLarge128MiB);
  }
}

TEST_CASE("Handshakes past their retention are purged from memory and snapshots, indices kept", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  t.sim("SetSettings", {{"AccountLimit", 1000000}});
  for (int i = 0; i < 300; ++i) {
    std::string id = invite(t, kBill, "EMAIL", "cycle@example.com")["Id"];
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
  }
  std::string open = invite(t, kBill, "ACCOUNT", kJuan)["Id"];
  CHECK(handshakesIn(t) == 301);
  t.advanceDays(30);  // the canceled ones are still visible at exactly end + 30 days
  CHECK(handshakesIn(t) == 301);
  t.sim("AdvanceTime", {{"Seconds", 0.001}});
  // Only the open invitation (expired, then visible for 30 days after its expiration) is left.
  Json world = exportJson(t);
  REQUIRE(world["Handshakes"].size() == 1);
  CHECK(world["Handshakes"][0]["Id"] == open);
  CHECK(t.sim("DescribeWorld")["Handshakes"].size() == 1);
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{open});
  // The indices follow: no stale duplicate, quota or daily count; new invitations to the same target work.
  std::string again = invite(t, kBill, "EMAIL", "cycle@example.com")["Id"];
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{open, again});
  // Export, import, export is still identical.
  const Json after = exportJson(t);
  TestWorld other;
  importOk(other, after);
  CHECK(exportJson(other) == after);
  // 15 + 30 days later, the expired one goes too.
  t.advanceDays(16);
  CHECK(idsOf(exportJson(t)["Handshakes"]) == std::vector<std::string>{again});
}

TEST_CASE("Purging: a snapshot's old handshakes are dropped, transfers keep theirs, children go with their parent",
          "[hardening]") {
  SECTION("an imported snapshot holding handshakes past retention is purged at once") {
    TestWorld t;
    t.docsWorld();
    std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
    Json world = exportJson(t);
    world["Now"] = world["Now"].get<std::int64_t>() + 31 * 86400000LL;
    importOk(t, world);
    CHECK(exportJson(t)["Handshakes"].empty());
  }
  SECTION("a responsibility transfer keeps its handshake (hidden) as long as the transfer is kept") {
    TestWorld t;
    t.docsWorld();
    t.organization(kSusan, "o-susanorg001");
    Json h = ok(t, kBill, "InviteOrganizationToTransferResponsibility", transferBody(Json::array()))["Handshake"];
    std::string transferId = h["Resources"][0]["Value"];
    ok(t, kBill, "CancelHandshake", {{"HandshakeId", h["Id"]}});
    t.advanceDays(40);
    Reply gone = t.call(kBill, "DescribeHandshake", {{"HandshakeId", h["Id"]}});
    REQUIRE_AWS_ERROR(gone, "HandshakeNotFoundException", "");
    Json transfer = ok(t, kBill, "DescribeResponsibilityTransfer", {{"Id", transferId}})["ResponsibilityTransfer"];
    CHECK(transfer["Status"] == "CANCELED");
    CHECK(handshakesIn(t) == 1);
    const Json w = exportJson(t);
    TestWorld other;
    importOk(other, w);
    CHECK(exportJson(other) == w);
  }
  SECTION("a declined all-features child stays while its parent waits, and goes with it") {
    TestWorld t;
    t.account(kBill, "Bill", "bill@example.com");
    t.organization(kBill, kDocsOrg, "CONSOLIDATED_BILLING");
    t.account(kSusan, "Susan", "susan@example.com");
    t.join(kSusan, kDocsOrg);
    t.setTime(kT0);
    std::string parent = ok(t, kBill, "EnableAllFeatures")["Handshake"]["Id"];
    std::vector<std::string> kids =
        listIds(t, kBill, "ListHandshakesForOrganization", {{"Filter", {{"ParentHandshakeId", parent}}}});
    REQUIRE(kids.size() == 1);
    ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", kids[0]}});
    t.advanceDays(45);
    // The child is past its retention but the parent still reads it: it stays REQUESTED.
    CHECK(stateOf(t, kBill, parent) == "REQUESTED");
    CHECK(handshakesIn(t) == 2);
    t.advanceDays(80);  // parent expired at 90 days; 30 days later both are gone
    Json w = exportJson(t);
    CHECK(w["Handshakes"].empty());
    CHECK(w["Organizations"][0]["AllFeaturesHandshakeId"] == "");
    TestWorld other;
    importOk(other, w);
    CHECK(exportJson(other) == w);
    // The migration can start again.
    ok(t, kBill, "EnableAllFeatures");
  }
}

// ---------------------------------------------------------------------------------------------
// Finding 5: a strict parser; no input gives a 500.

TEST_CASE("A raw NUL anywhere in a body is a SerializationException", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  const std::string body = Json{{"Target", target("ACCOUNT", kJuan)}}.dump();
  using namespace std::string_literals;
  for (const std::string& bad :
       {body + "\0garbage"s, body + "\0"s, "\0"s + body, " \0 "s,
        R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":"a)"s + "\0"s + R"(b"})"s}) {
    INFO("body of " << bad.size() << " bytes");
    Reply r = rejectedRaw(t, kBill, kInvite, bad);
    REQUIRE_AWS_ERROR_MSG(r, "SerializationException", "", kNotJson);
    Reply sim = rejectedRaw(t, "", "Simulator.ImportWorld", bad);
    REQUIRE_AWS_ERROR_MSG(sim, "SerializationException", "", kNotJson);
  }
  // The escape \u0000 is valid JSON: a NUL character inside a string value.
  Json h = ok(t, kBill, "InviteAccountToOrganization",
              Json::parse(R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":"a\u0000b"})"))["Handshake"];
  CHECK(h["Resources"].back()["Value"] == std::string("a\0b", 3));
}

TEST_CASE("Anything but whitespace after the JSON value is a SerializationException", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  const std::string body = Json{{"Target", target("ACCOUNT", kJuan)}}.dump();
  for (const std::string& bad : {body + "x", body + "{}", body + body, body + " ,", body + "]", body + "\"", body + "0",
                                 body + "\x0b", body + "\x0c"}) {
    Reply r = rejectedRaw(t, kBill, kInvite, bad);
    REQUIRE_AWS_ERROR_MSG(r, "SerializationException", "", kNotJson);
  }
  ok(t, kBill, "InviteAccountToOrganization", Json::parse(body));
  Reply ws = t.raw(kBill, "AWSOrganizationsV20161128.ListHandshakesForOrganization", "{} \r\n\t ");
  CHECK(ws.status == 200);
}

TEST_CASE("Lone surrogate escapes are a SerializationException, a valid pair is kept", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  for (const char* notes : {R"(\ud800)", R"(\ud800x)", R"(x\ud800)", R"(\ud800\u0041)", R"(\ud800\ud800)", R"(\udc00)",
                            R"(\udc00\ud800)", R"(\udfff)", R"(\ud800\)"}) {
    INFO(notes);
    std::string body = std::string(R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":")") + notes + "\"}";
    Reply r = rejectedRaw(t, kBill, kInvite, body);
    REQUIRE_AWS_ERROR_MSG(r, "SerializationException", "", kNotJson);
    // In a member nobody reads, too: the whole body must be valid.
    Reply ignored = rejectedRaw(
        t, kBill, kInvite, std::string(R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"X":")") + notes + "\"}");
    REQUIRE_AWS_ERROR_MSG(ignored, "SerializationException", "", kNotJson);
  }
  // Invalid UTF-8 (an encoded surrogate, a truncated sequence) is refused the same way.
  for (const char* raw : {"\xED\xA0\x80", "\xF0\x9F\x98", "\xC0\xAF", "\xFF"}) {
    Reply r = rejectedRaw(t, kBill, kInvite,
                          std::string(R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":")") + raw + "\"}");
    REQUIRE_AWS_ERROR_MSG(r, "SerializationException", "", kNotJson);
  }
  Json h = ok(t, kBill, "InviteAccountToOrganization",
              Json::parse(R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":"\ud83d\ude00"})"))["Handshake"];
  CHECK(h["Resources"].back()["Value"] == "\xF0\x9F\x98\x80");
}

TEST_CASE("No input answers 500: hostile bodies on every target get 200, 400 or 413", "[hardening]") {
  TestWorld t;
  t.docsWorld();
  const std::vector<std::string> targets = {kInvite,
                                            "AWSOrganizationsV20161128.AcceptHandshake",
                                            "AWSOrganizationsV20161128.ListHandshakesForAccount",
                                            "AWSOrganizationsV20161128.InviteOrganizationToTransferResponsibility",
                                            "Simulator.ImportWorld",
                                            "Simulator.DryRun",
                                            "Simulator.SetTime",
                                            "Simulator.AdvanceTime",
                                            "Simulator.CreateAccount",
                                            "Simulator.ExportWorld"};
  using namespace std::string_literals;
  const std::vector<std::string> bodies = {
      "{}\0x"s,
      "\0"s,
      R"({"World":{"Now":9007199254740992}})",
      R"({"World":{"Now":1e400}})",
      R"({"Seconds":1e400})",
      R"({"Timestamp":-1e400})",
      R"({"Tags":[)" + std::string(200, '[') + "]}",
      R"({"Notes":"\ud800"})",
      R"({"Body":"{}\u0000x","Caller":"111111111111","Target":"AWSOrganizationsV20161128.ListAccounts"})",
      std::string((size_t{4} << 20) + 1, '['),
      "{\"HandshakeId\":\"" + std::string(100000, 'a') + "\"}",
      R"({"MaxResults":18446744073709551616})",
      R"({"MaxResults":-9223372036854775809})"};
  for (const std::string& target : targets)
    for (const std::string& body : bodies) {
      Reply r = t.raw(kBill, target, body);
      INFO(target << " " << body.substr(0, 80) << " -> " << r.raw.substr(0, 200));
      CHECK((r.status == 200 || r.status == 400 || r.status == 413));
      CHECK(r.body.is_object());
    }
}

// ---------------------------------------------------------------------------------------------
// Memory per live handshake (docs/performance.md). Hidden: run it by name,
//   build/native/hs_tests "[.bench]"      (native)
//   node ... hs_tests.js "[.bench]"       (wasm, see docs/performance.md)
// 100,000 live invitations (100 organizations x 1,000 EMAIL invitations), then the heap in use is
// compared with the heap before them; then every one is canceled and the clock moved past retention.

namespace {
long long heapInUse() {
#if defined(__EMSCRIPTEN__)
  return static_cast<long long>(mallinfo().uordblks);
#elif defined(__GLIBC__)
  return static_cast<long long>(mallinfo2().uordblks);
#else
  return -1;
#endif
}

// Catch2 runs hidden tests under an exclusion-only filter such as "~[model]": the benchmark runs only
// when a test spec on the command line names it.
bool benchRequested() {
  for (const std::string& spec : Catch::getCurrentContext().getConfig()->getTestsOrTags())
    if (spec.find("bench") != std::string::npos || spec.find("Memory per live") != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("Memory per live handshake (100,000 live invitations)", "[.bench]") {
  if (!benchRequested()) return;
  const int orgs = 100, perOrg = 1000;
  hs::Engine engine(7);
  auto call = [&](const std::string& caller, const std::string& target, const std::string& body) {
    hs::WireResponse r = engine.handle(caller, target, body);
    if (r.status != 200) FAIL(target << " " << body << " -> " << r.body);
    return r;
  };
  call("", "Simulator.SetTime", R"({"Timestamp":1789271046.11})");
  call("", "Simulator.SetSettings", R"({"AccountLimit":10000000})");
  std::vector<std::string> mgmt;
  for (int k = 0; k < orgs; ++k) {
    std::string id = std::to_string(100000000000LL + k);
    call("", "Simulator.CreateAccount",
         R"({"Id":")" + id + R"(","Name":"M","Email":"m)" + std::to_string(k) + R"(@example.com"})");
    std::string org = "o-" + std::string(8 - std::to_string(k).size(), 'a') + "zz" + std::to_string(k);
    call("", "Simulator.CreateOrganization", R"({"ManagementAccountId":")" + id + R"(","Id":")" + org + R"("})");
    mgmt.push_back(id);
  }
  // The ids, kept without allocating while the heap is measured.
  std::vector<std::array<char, 34>> ids(static_cast<size_t>(orgs * perOrg));
  const long long before = heapInUse();
  for (int k = 0; k < orgs; ++k)
    for (int i = 0; i < perOrg; ++i) {
      std::string email = "u" + std::to_string(k * perOrg + i) + "@example.com";
      hs::WireResponse r = call(mgmt[static_cast<size_t>(k)], kInvite,
                                R"({"Target":{"Type":"EMAIL","Id":")" + email + R"("},"Notes":"Welcome aboard"})");
      r.body.copy(ids[static_cast<size_t>(k * perOrg + i)].data(), 34, r.body.find("\"Id\":\"h-") + 6);
    }
  const long long live = heapInUse();
  const size_t exported = engine.handle("", "Simulator.ExportWorld", "{}").body.size();
  std::printf(
      "live handshakes: %d\nheap in use before: %lld bytes\nheap in use with them: %lld bytes\n"
      "per live handshake: %.0f bytes\nsnapshot per handshake: %.0f bytes\n",
      orgs * perOrg, before, live, static_cast<double>(live - before) / (orgs * perOrg),
      static_cast<double>(exported) / (orgs * perOrg));
  for (int k = 0; k < orgs; ++k)
    for (int i = 0; i < perOrg; ++i)
      call(mgmt[static_cast<size_t>(k)], "AWSOrganizationsV20161128.CancelHandshake",
           R"({"HandshakeId":")" + std::string(ids[static_cast<size_t>(k * perOrg + i)].data(), 34) + R"("})");
  call("", "Simulator.AdvanceTime", R"({"Seconds":2678400})");  // 31 days
  call("", "Simulator.DescribeWorld", "{}");
  const long long purged = heapInUse();
  std::printf("heap in use after cancel + 31 days: %lld bytes (%.0f bytes per canceled handshake left)\n", purged,
              static_cast<double>(purged - before) / (orgs * perOrg));
  CHECK(engine.handle("", "Simulator.ExportWorld", "{}").body.find("\"Handshakes\":[]") != std::string::npos);
}
