// hs::Json reads and writes JSON exactly as nlohmann::json (the engine's JSON type until hs::Json replaced
// it, kept here as a second, independent implementation): the same texts accepted and refused, the same
// value (kind included: 1 unsigned, -1 signed, 1.0 float), the same bytes out.
#include "wire/json.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"
#include "wire/wire.h"

using hs::Json;
using Other = nlohmann::json;

namespace {

// A double's exact value (hexadecimal), whatever its decimal form.
std::string exactly(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

// A scalar as each implementation prints it (nlohmann: invalid UTF-8 as U+FFFD, as hs::Json does).
std::string plain(const Json& j) { return j.dump(); }
std::string plain(const Other& j) { return j.dump(-1, ' ', false, Other::error_handler_t::replace); }

// The value with its kinds, in one string (dump() alone cannot tell 1 unsigned from 1 signed), for either
// implementation: they name their kinds alike.
template <class J>
std::string typedForm(const J& j) {
  using T = typename J::value_t;
  switch (j.type()) {
    case T::object: {
      std::string out = "{";
      for (const auto& [k, v] : j.items()) out += J(k).dump() + ":" + typedForm(v) + ",";
      return out + "}";
    }
    case T::array: {
      std::string out = "[";
      for (const J& v : j) out += typedForm(v) + ",";
      return out + "]";
    }
    case T::number_integer: return "i" + j.dump();
    case T::number_unsigned: return "u" + j.dump();
    case T::number_float: return "f" + exactly(j.template get<double>());
    default: return plain(j);
  }
}

// Both readers on one text: both refuse it, or both read the same value.
void requireSameReading(const std::string& text) {
  INFO("text: " << text);
  const Json mine = Json::parse(text, nullptr, false);
  const Other theirs = Other::parse(text, nullptr, false);
  REQUIRE(mine.is_discarded() == theirs.is_discarded());
  if (!mine.is_discarded()) CHECK(typedForm(mine) == typedForm(theirs));
}

const std::string kTexts[] = {
    R"({})",
    R"([])",
    R"("")",
    "0",
    "-0",
    "1",
    "-1",
    "1.0",
    "1.5e3",
    "1E-7",
    "-0.0",
    "true",
    "false",
    "null",
    R"( {"HandshakeId":"h-0123456789abcdef0123456789abcdef"} )",
    "{\t\"Target\" :\n{\"Type\":\"ACCOUNT\",\"Id\":\"222222222222\"}\r}",
    R"({"MaxResults":20,"NextToken":"AAAA","Filter":{"ActionType":"INVITE"}})",
    R"({"a":0,"b":9999999999999999999,"c":true,"d":false,"e":null,"f":[],"g":[1,"x",[{}]],"":""})",
    R"({"Dup":"first","Dup":{"x":1}})",
    R"({"Tags":[{"Key":"team","Value":"a"}],"Notes":"~!#$%&'()*+,-./:;<=>?@[]^_`{|}"})",
    R"(18446744073709551615)",
    R"(18446744073709551616)",
    R"(-9223372036854775808)",
    R"(-9223372036854775809)",
    R"(1e308)",
    R"(1e309)",
    R"(-1e999)",
    R"(4.9e-324)",
    R"(1e-400)",
    R"(0.1)",
    R"(123456789012345678901234567890)",
    R"("\u0041\u00e9\u20ac\ud83d\ude00")",
    R"("\ud800")",
    R"("\udc00")",
    R"("\ud800\u0041")",
    R"("\ud800x")",
    R"("\/\b\f\n\r\t\"\\")",
    R"("\x")",
    R"("\u12")",
    R"("\u12G4")",
    "\"caf\xc3\xa9\"",
    "\"\xc3\"",
    "\"\xc0\x80\"",
    "\"\xed\xa0\x80\"",
    "\"\xf4\x90\x80\x80\"",
    "\"\xf0\x9f\x98\x80\"",
    "\"\xe0\x80\x80\"",
    "\"\x7f\"",
    "\"\t\"",
    "\xEF\xBB\xBF{}",
    "\xEF\xBB{}",
    R"({"a":01})",
    R"({"a":1.})",
    R"({"a":.5})",
    R"({"a":-})",
    R"({"a":1e})",
    R"({"a":+1})",
    R"({"a":tru})",
    R"({"a":1,})",
    R"({"a" 1})",
    R"({"a":1}x)",
    R"({"a":1}{})",
    R"({"a":[1,]})",
    R"({"a")",
    "",
    " ",
    R"([1,2)",
    R"({"a":NaN})",
    R"({1:2})",
    R"([[[[[]]]]])",
    "nul",
    "[null,true,false]",
};

}  // namespace

TEST_CASE("hs::Json reads every text as nlohmann::json reads it", "[json]") {
  for (const std::string& text : kTexts) requireSameReading(text);
  // Mutations of those texts: inserted or replaced bytes from JSON's alphabet.
  const std::string alphabet = "{}[]\":,0123456789-+.eE tfnrualsx\\u\xc3\xa9\x01";
  std::uint64_t state = 12345;
  int accepted = 0;
  for (int i = 0; i < 30000; ++i) {
    std::string text = kTexts[static_cast<size_t>(i) % std::size(kTexts)];
    for (int k = 0; k < 1 + i % 3; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const size_t at = static_cast<size_t>(state >> 33) % (text.size() + 1);
      const char c = alphabet[static_cast<size_t>(state >> 17) % alphabet.size()];
      if ((state >> 60) & 1)
        text.insert(at, 1, c);
      else if (at < text.size())
        text[at] = c;
    }
    requireSameReading(text);
    accepted += Json::parse(text, nullptr, false).is_discarded() ? 0 : 1;
  }
  CHECK(accepted > 3000);
}

TEST_CASE("hs::Json writes the bytes nlohmann::json writes", "[json]") {
  // Every accepted text, read and written again by each.
  for (const std::string& text : kTexts) {
    const Json mine = Json::parse(text, nullptr, false);
    if (mine.is_discarded()) continue;
    INFO("text: " << text);
    CHECK(mine.dump() == Other::parse(text).dump());
    CHECK(mine.dump(2) == Other::parse(text).dump(2));
  }
  // Floats: the shortest digits that read back, laid out plain or scientific as nlohmann lays them out.
  // nlohmann's Grisu2 is not always shortest or closest: for some arbitrary doubles it prints 17 digits
  // where 15 read back, or other digits of the same length, so those are held to "reads back, no longer";
  // the values the engine prints (milliseconds as seconds) are held to the same bytes.
  std::uint64_t state = 99;
  int exact = 0;
  for (int i = 0; i < 30000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double d;
    if (i % 3 == 0) {
      std::memcpy(&d, &state, sizeof d);  // any bit pattern
    } else if (i % 3 == 1) {
      d = static_cast<double>(state >> 16 & ((1ULL << 48) - 1)) / 1000.0;  // up to year 9999 and beyond
    } else {
      d = std::ldexp(static_cast<double>(state >> 40), static_cast<int>(state % 120) - 60);
    }
    INFO("bits " << state << " i " << i);
    const std::string mine = Json(d).dump(), theirs = Other(d).dump();
    if (i % 3 == 1) {
      CHECK(mine == theirs);
    } else if (mine != theirs) {
      CHECK(mine.size() <= theirs.size());
      CHECK(Json::parse(mine) == Json(d));
    } else {
      ++exact;
    }
  }
  CHECK(exact > 19000);
  // Strings: control characters escaped, UTF-8 as it is, invalid bytes as U+FFFD.
  for (std::string s : {std::string("\b\f\n\r\t\x01\x1f\x7f \"\\/"), std::string("caf\xc3\xa9 \xf0\x9f\x98\x80"),
                        std::string("bad \xff byte"), std::string("cut \xe2\x82")}) {
    CHECK(Json(s).dump() == Other(s).dump(-1, ' ', false, Other::error_handler_t::replace));
  }
  // Integers of both kinds at their limits.
  for (std::int64_t n : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-1}, std::int64_t{0},
                         std::numeric_limits<std::int64_t>::max()}) {
    CHECK(Json(n).dump() == Other(n).dump());
  }
  CHECK(Json(std::numeric_limits<std::uint64_t>::max()).dump() == "18446744073709551615");
}

TEST_CASE("hs::Json builds, reads and compares values as the engine uses them", "[json]") {
  // A braced list of {string, value} pairs is an object; anything else an array.
  const Json obj{{"b", 1}, {"a", {{"x", true}}}};
  CHECK(obj.is_object());
  CHECK(obj.dump() == R"({"a":{"x":true},"b":1})");
  CHECK(Json{"b", 1}.dump() == R"(["b",1])");
  CHECK(Json::array({{{"Key", "k"}, {"Value", "v"}}}).dump() == R"([{"Key":"k","Value":"v"}])");
  CHECK(Json::object().dump() == "{}");
  CHECK(Json::array().dump() == "[]");
  // Numbers compare by value across kinds.
  CHECK(Json(1) == Json(1u));
  CHECK(Json(1) == Json(1.0));
  CHECK(Json(-1) != Json(std::numeric_limits<std::uint64_t>::max()));
  CHECK(Json::parse("[1,2]") == Json::array({1u, 2.0}));
  CHECK(Json(Json::value_t::discarded) != Json(Json::value_t::discarded));
  // Reads.
  Json j = Json::parse(R"({"s":"x","n":7,"f":2.5,"b":false,"a":[1]})");
  CHECK(j.value("s", "") == "x");
  CHECK(j.value("missing", "none") == "none");
  CHECK(j.value("n", 0) == 7);
  CHECK(j["f"].get<double>() == 2.5);
  CHECK(j["f"].get<int>() == 2);
  const std::string s = j["s"];
  CHECK(s == "x");
  CHECK_THROWS_AS(j["s"].get<int>(), std::domain_error);
  CHECK_THROWS_AS(j.at("missing"), std::out_of_range);
  CHECK(static_cast<const Json&>(j)["missing"].is_null());
  CHECK(j.contains("a"));
  CHECK_FALSE(j.contains("missing"));
  CHECK(j.find("missing") == j.end());
  CHECK(j.find("n").key() == "n");
  CHECK(j.size() == 5);
  CHECK(j.erase("a") == 1);
  CHECK(j.erase("a") == 0);
  j.update({{"n", 8}, {"z", nullptr}});
  CHECK(j.dump() == R"({"b":false,"f":2.5,"n":8,"s":"x","z":null})");
  // operator[] on null makes an object or an array; push_back on null makes an array.
  Json made;
  made["k"]["l"] = 1;
  made["list"].push_back("x");
  made["list"].emplace_back(2);
  CHECK(made.dump() == R"({"k":{"l":1},"list":["x",2]})");
  CHECK_THROWS_AS(made["list"]["key"], std::domain_error);
  CHECK_THROWS_AS(Json::parse("[1,2,3]").items(), std::domain_error);
  CHECK(Json::parse("[1,2,3]").size() == 3);
  CHECK(Json().empty());
  CHECK(Json("x").size() == 1);
  CHECK_THROWS_AS(Json::parse("{"), std::invalid_argument);
}

TEST_CASE("Request bodies are read by hs::Json, refused as AWS refuses them", "[json][protocol]") {
  CHECK(hs::parseBody("").ok());
  CHECK(hs::parseBody("  \n").value().dump() == "{}");
  CHECK(hs::parseBody(R"({"a":1})").value().dump() == R"({"a":1})");
  for (const std::string& bad : {std::string("[]"), std::string("{\"a\":1}\0x", 9), std::string("{\"a\":\"\\ud800\"}"),
                                 std::string("{\"a\":\"\xff\"}"), std::string("{\"a\":1}}")}) {
    INFO(bad);
    const auto r = hs::parseBody(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().type == "SerializationException");
  }
}
