// Decimal text <-> double (wire/number_text.h). The same cases run against the C library natively and
// against the JavaScript engine in wasm; the expected values were worked out with Python's float() and
// float.hex(), which are correctly rounded.
#include "wire/number_text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "test_support.h"

namespace {

std::string hex(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

double fromHex(const char* text) { return std::strtod(text, nullptr); }

// The shortest decimal as text: DIGITS@POINT.
std::string shortest(double d) {
  const hs::ShortestDecimal s = hs::shortestDecimal(d);
  return std::string(s.digits, static_cast<std::size_t>(s.count)) + "@" + std::to_string(s.point);
}

// s read back: 0.DIGITS x 10^point.
double readBack(const hs::ShortestDecimal& s) {
  const std::string text =
      std::string(s.digits, static_cast<std::size_t>(s.count)) + "e" + std::to_string(s.point - s.count);
  return hs::decimalToDouble(text);
}

// Does some decimal of `precision` significant digits read back as d? The two such decimals beside d: the
// C library's correctly rounded one, M x 10^E, and M+1 or M-1 (10^precision - 1 at E-1 below 10^(p-1)).
bool someDecimalReadsBack(double d, int precision) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*e", precision - 1, d);
  if (std::strtod(text, nullptr) == d) return true;
  unsigned long long mantissa = 0;
  const char* p = text;
  for (; *p != 'e'; ++p)
    if (*p != '.') mantissa = mantissa * 10 + static_cast<unsigned long long>(*p - '0');
  int scale = std::atoi(p + 1) - (precision - 1);
  const auto power = static_cast<unsigned long long>(std::pow(10, precision - 1) + 0.5);
  if (std::strtod(text, nullptr) < d) {
    ++mantissa;
  } else if (mantissa == power) {
    mantissa = power * 10 - 1;
    --scale;
  } else {
    --mantissa;
  }
  std::snprintf(text, sizeof text, "%llue%d", mantissa, scale);
  return std::strtod(text, nullptr) == d;
}

}  // namespace

TEST_CASE("decimalToDouble reads a decimal to the nearest double", "[number-text]") {
  struct Case {
    const char* text;
    const char* expected;  // hexadecimal
  };
  const Case cases[] = {
      {"0.1", "0x1.999999999999ap-4"},
      {"-2.5", "-0x1.4p+1"},
      {"1e23", "0x1.52d02c7e14af6p+76"},
      {"9007199254740993", "0x1p+53"},  // a tie: to the even neighbour
      {"9007199254740995", "0x1.0000000000002p+53"},
      {"2.2250738585072011e-308", "0x0.fffffffffffffp-1022"},
      {"2.2250738585072012e-308", "0x1p-1022"},
      {"4.9406564584124654e-324", "0x0.0000000000001p-1022"},
      {"2.4703282292062328e-324", "0x0.0000000000001p-1022"},
      {"1.7976931348623158e308", "0x1.fffffffffffffp+1023"},
      {"8.98846567431158e307", "0x1p+1023"},
      {"123456789012345678901234567890e-10", "0x1.56a95319d63e1p+63"},
      // More than 20 digits, on either side of a tie and on it.
      {"0.30000000000000001665334536937734810635447502136230468749", "0x1.3333333333333p-2"},
      {"0.3000000000000000166533453693773481063544750213623046875", "0x1.3333333333334p-2"},
      {"0.30000000000000001665334536937734810635447502136230468751", "0x1.3333333333334p-2"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(hex(hs::decimalToDouble(c.text)) == hex(fromHex(c.expected)));
  }
  CHECK(hs::decimalToDouble("2.4703282292062327e-324") == 0.0);
  CHECK(std::signbit(hs::decimalToDouble("-0.0")));
  CHECK(hs::decimalToDouble("1.7976931348623159e308") == std::numeric_limits<double>::infinity());
  CHECK(hs::decimalToDouble("-1e999") == -std::numeric_limits<double>::infinity());
  CHECK(hs::decimalToDouble("1e-999") == 0.0);
  // Only the characters given are read.
  const std::string longer = "1.5e3trailing";
  CHECK(hs::decimalToDouble(std::string_view(longer).substr(0, 5)) == 1500.0);
  // Many texts, against the C library (natively that is the same function; in wasm, another one).
  std::uint64_t state = 7;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    char text[64];
    const int digits = 1 + static_cast<int>(state % 25);
    std::snprintf(text, sizeof text, "%.*e", digits - 1,
                  std::ldexp(static_cast<double>(state >> 11), static_cast<int>(state % 1960) - 1000));  // finite
    INFO(text);
    CHECK(hex(hs::decimalToDouble(text)) == hex(std::strtod(text, nullptr)));
  }
}

TEST_CASE("shortestDecimal gives the fewest digits that read back", "[number-text]") {
  CHECK(shortest(0.1) == "1@0");
  CHECK(shortest(-0.1) == "1@0");  // the sign is the caller's
  CHECK(shortest(1e23) == "1@24");
  CHECK(shortest(100.0) == "1@3");
  CHECK(shortest(0.1 + 0.2) == "30000000000000004@0");
  CHECK(shortest(std::numeric_limits<double>::denorm_min()) == "5@-323");
  CHECK(shortest(std::numeric_limits<double>::max()) == "17976931348623157@309");
  CHECK(shortest(std::numeric_limits<double>::min()) == "22250738585072014@-307");
  // Powers of two where the nearest decimal of the fewest digits does not read back but the one on the
  // other side does (the doubles below are closer together than those above).
  CHECK(shortest(std::ldexp(1.0, -1017)) == "7120236347223045@-306");
  CHECK(shortest(std::ldexp(1.0, -1007)) == "7291122019556398@-303");
  CHECK(shortest(std::ldexp(1.0, -778)) == "6290184345309701@-234");
  // Any bit pattern, and the shapes the engine meets: reads back, and no fewer digits would.
  std::uint64_t state = 11;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    double d;
    if (i % 2 == 0) {
      std::memcpy(&d, &state, sizeof d);
    } else {
      d = std::ldexp(static_cast<double>(state >> 40), static_cast<int>(state % 120) - 60);
    }
    if (!std::isfinite(d) || d == 0) continue;
    d = std::fabs(d);
    const hs::ShortestDecimal s = hs::shortestDecimal(d);
    INFO(hex(d) << " -> " << shortest(d));
    REQUIRE(s.count >= 1);
    REQUIRE(s.count <= 17);
    CHECK(s.digits[s.count - 1] != '0');
    CHECK(readBack(s) == d);
    if (s.count > 1) CHECK_FALSE(someDecimalReadsBack(d, s.count - 1));
  }
}
