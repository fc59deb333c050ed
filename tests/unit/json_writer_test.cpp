// The streamed handshake form must be byte-identical to the nlohmann form the rest of the engine uses.
#include "wire/json_writer.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

#include "model/handshake.h"
#include "model/timestamp.h"
#include "model/world.h"
#include "test_support.h"
#include "wire/text.h"
#include "wire/wire.h"

using hs::Json;

TEST_CASE("JsonWriter escapes and formats exactly as dumpJson", "[json]") {
  for (std::string s :
       {std::string("plain"), std::string("quote\" back\\ slash"), std::string("\b\f\n\r\t\x01\x1f\x7f"),
        std::string("caf\xc3\xa9 \xf0\x9f\x98\x80"), std::string("<script>alert(1)</script>"), std::string()}) {
    hs::JsonWriter w;
    w.string(s);
    CHECK(w.take() == hs::dumpJson(Json(s)));
  }
  // Every escape at every position of strings longer than the writer's 8-byte scan, next to UTF-8.
  for (std::string special : {std::string("\""), std::string("\\"), std::string("\n"), std::string("\x01"),
                              std::string("\x1f"), std::string(" "), std::string("\x7f"), std::string("\xc3\xa9")}) {
    for (size_t at = 0; at <= 20; ++at) {
      if (at > 10 && at < 14) continue;  // inside the emoji: not valid UTF-8, which the parser never admits
      std::string s = "abcdefghij\xf0\x9f\x98\x80klmnopq";
      s.insert(at, special);
      hs::JsonWriter w;
      w.string(s);
      CHECK(w.take() == hs::dumpJson(Json(s)));
    }
  }
  for (hs::Millis t : {0LL, 1LL, 10LL, 100LL, 999LL, 1000LL, 1789271046110LL, 1789271056315LL, 1790567060455LL,
                       1767225600000LL, 253402300799999LL}) {
    hs::JsonWriter w;
    w.timestamp(t);
    CHECK(w.take() == hs::dumpJson(hs::timestampJson(t)));
  }
  for (std::int64_t v :
       {std::int64_t{0}, std::int64_t{7}, std::int64_t{-7}, std::int64_t{1} << 53, -(std::int64_t{1} << 53),
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    hs::JsonWriter w;
    w.beginArray().integer(v).integer(v).endArray();
    CHECK(w.take() == hs::dumpJson(Json::array({v, v})));
  }
  for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{10}, std::numeric_limits<std::uint64_t>::max()}) {
    hs::JsonWriter w;
    w.unsignedInteger(v);
    CHECK(w.take() == hs::dumpJson(Json(v)));
  }
  hs::JsonWriter w;
  w.beginObject().key("a").boolean(true).key("b").boolean(false).key("c").beginArray().endArray().endObject();
  CHECK(w.take() == hs::dumpJson(Json{{"a", true}, {"b", false}, {"c", Json::array()}}));
}

TEST_CASE("JsonWriter copies keys and strings of every short length whole, growing its buffer between them", "[json]") {
  // Lengths 0..40 cross each of the writer's copy sizes (1, 2-3, 4-7, 8-16 bytes, longer); a writer of 1 byte
  // grows on most of them.
  std::string all;
  for (char c = 'a'; all.size() < 40; c = c == 'z' ? 'A' : static_cast<char>(c + 1)) all += c;
  hs::JsonWriter w(1);
  Json expected = Json::object();
  w.beginObject();
  for (size_t n = 0; n <= all.size(); ++n) {
    const std::string key = "k" + std::to_string(100 + n) + all.substr(0, n);
    w.key(key).string(all.substr(all.size() - n));
    expected[key] = all.substr(all.size() - n);
  }
  w.endObject();
  CHECK(w.take() == hs::dumpJson(expected));
}

TEST_CASE("JsonWriter writes a string given in pieces as the one string they make", "[json]") {
  const std::array<std::string_view, 4> pieces = {"arn:", "q\"uote/", "", "caf\xc3\xa9\n"};
  hs::JsonWriter w;
  w.beginArray().string(pieces).string(std::array<std::string_view, 1>{"x"}).endArray();
  CHECK(w.take() == hs::dumpJson(Json::array({"arn:q\"uote/caf\xc3\xa9\n", "x"})));
}

TEST_CASE("A handshake's ARN names its sender, organization, action in lower case and id", "[json]") {
  hs::Handshake h;
  h.id = "h-examplehandshakeid111";
  h.organizationId = "o-exampleorgid";
  h.senderAccountId = "111111111111";
  const std::pair<hs::Action, const char*> expected[] = {
      {hs::Action::Invite, "invite"},
      {hs::Action::EnableAllFeatures, "enable_all_features"},
      {hs::Action::ApproveAllFeatures, "approve_all_features"},
      {hs::Action::AddOrganizationsServiceLinkedRole, "add_organizations_service_linked_role"},
      {hs::Action::TransferResponsibility, "transfer_responsibility"}};
  for (const auto& [action, name] : expected) {
    h.action = action;
    CHECK(h.arn() == std::string("arn:aws:organizations::111111111111:handshake/o-exampleorgid/") + name +
                         "/h-examplehandshakeid111");
    CHECK(hs::lowercase(hs::toString(action)) == name);
  }
}

TEST_CASE("Handshake::write equals dumpJson(toJson) for every handshake of a busy world", "[json]") {
  hs::test::TestWorld t;
  t.docsWorld();
  t.inviteSusan("Notes with \"quotes\", a tab\t and \xc3\xa9");
  t.call("111111111111", "InviteAccountToOrganization", {{"Target", {{"Type", "ACCOUNT"}, {"Id", "333333333333"}}}});
  t.account("444444444444", "Cb", "cb@example.com");
  t.organization("444444444444", "o-cbcbcbcbcb", "CONSOLIDATED_BILLING");
  t.account("555555555555", "Member", "member@example.com");
  t.join("555555555555", "o-cbcbcbcbcb");
  t.call("444444444444", "EnableAllFeatures");
  t.advanceDays(16);
  auto& world = t.engine.world();
  REQUIRE(world.handshakes.size() >= 4);
  for (const auto& [seq, h] : world.handshakes) {
    hs::JsonWriter w;
    h.write(w, world.now());
    CHECK(w.take() == hs::dumpJson(h.toJson(world.now())));
  }
}

TEST_CASE("Simulator.DescribeWorld is streamed in dumpJson's exact form", "[json]") {
  // Canonical: printing the parsed answer again gives the same bytes (sorted keys, nlohmann's escapes and
  // numbers), so the streamed form equals the Json-built form it replaced.
  hs::test::TestWorld t;
  t.docsWorld();
  t.inviteSusan("Notes with \"quotes\" and \xc3\xa9");
  t.account("444444444444", "Cb \"quoted\" \xc3\xa9", "cb@example.com");
  t.organization("444444444444", "o-cbcbcbcbcb", "CONSOLIDATED_BILLING");
  t.account("555555555555", "Member", "member@example.com");
  t.join("555555555555", "o-cbcbcbcbcb");
  t.call("444444444444", "EnableAllFeatures");
  auto check = [&t] {
    hs::test::Reply r = t.raw("", "Simulator.DescribeWorld", "{}");
    REQUIRE(r.status == 200);
    CHECK(r.raw == hs::dumpJson(Json::parse(r.raw)));
    return r.body;
  };
  Json open = check();
  CHECK(open["Accounts"].size() == t.engine.world().accounts.size());
  CHECK(open["Handshakes"].size() == t.engine.world().handshakes.size());
  const Json& cb =
      open["Organizations"][0]["Id"] == "o-cbcbcbcbcb" ? open["Organizations"][0] : open["Organizations"][1];
  CHECK(cb["PendingAllFeaturesHandshakeId"].is_string());
  CHECK(cb["MemberAccountIds"] == Json::array({"444444444444", "555555555555"}));
  // Canceled: no longer pending.
  REQUIRE(t.call("444444444444", "CancelHandshake", {{"HandshakeId", cb["PendingAllFeaturesHandshakeId"]}}).status ==
          200);
  Json later = check();
  for (const Json& o : later["Organizations"]) CHECK(o["PendingAllFeaturesHandshakeId"].is_null());
}

TEST_CASE("Error responses are written exactly as dumpJson writes them", "[json]") {
  for (const hs::AwsError& e :
       {hs::AwsError{"HandshakeNotFoundException", "We can't find a handshake with the HandshakeId that you specified.",
                     "", 400},
        hs::AwsError{"ConstraintViolationException", "quote \" and \\ and \n", "ACCOUNT_NUMBER_LIMIT_EXCEEDED", 400},
        hs::AwsError{"ServiceException", "", "", 500}}) {
    Json expected{{"__type", e.type}, {"Message", e.message}};
    if (!e.reason.empty()) expected["Reason"] = e.reason;
    hs::WireResponse r = hs::errorResponse(e);
    CHECK(r.status == e.status);
    CHECK(r.body == hs::dumpJson(expected));
  }
}
