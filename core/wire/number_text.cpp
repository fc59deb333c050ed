// Decimal text <-> double with the C library (the contract is in number_text.h). The wasm build links
// wasm/js_number_text.cpp instead.
#include "wire/number_text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace hs {

double decimalToDouble(std::string_view text) {
  char small[64];
  if (text.size() < sizeof small) {
    text.copy(small, text.size());
    small[text.size()] = '\0';
    return std::strtod(small, nullptr);
  }
  return std::strtod(std::string(text).c_str(), nullptr);
}

namespace {

// mantissa x 10^scale, when it reads back as target; then its digits, trailing zeros dropped, into out.
bool readsBack(std::uint64_t mantissa, int scale, double target, ShortestDecimal& out) {
  char text[40];
  std::snprintf(text, sizeof text, "%llue%d", static_cast<unsigned long long>(mantissa), scale);
  if (std::strtod(text, nullptr) != target) return false;
  int n = 0;
  while (text[n] != 'e') ++n;
  out.point = n + scale;
  while (text[n - 1] == '0') --n;
  for (int i = 0; i < n; ++i) out.digits[i] = text[i];
  out.count = n;
  return true;
}

}  // namespace

ShortestDecimal shortestDecimal(double d) {
  const double target = std::fabs(d);
  ShortestDecimal out;
  std::uint64_t power = 1;  // 10^(precision - 1)
  for (int precision = 1; precision <= 17; ++precision, power *= 10) {
    // The nearest decimal of `precision` digits: D.DDDe(+|-)X, read as mantissa x 10^scale.
    char text[40];
    std::snprintf(text, sizeof text, "%.*e", precision - 1, target);
    std::uint64_t mantissa = 0;
    const char* p = text;
    for (; *p != 'e'; ++p)
      if (*p != '.') mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
    int scale = std::atoi(p + 1) - (precision - 1);
    if (readsBack(mantissa, scale, target, out)) return out;
    // At a power of two the doubles below are closer together than those above, so the neighbour of
    // `precision` digits on the far side may read back when the nearest does not.
    if (std::strtod(text, nullptr) < target) {
      ++mantissa;
    } else if (mantissa == power) {
      mantissa = power * 10 - 1;  // 1000e5 -> 9999e4: the next one down keeps `precision` digits
      --scale;
    } else {
      --mantissa;
    }
    if (readsBack(mantissa, scale, target, out)) return out;
  }
  return out;  // not reached: 17 digits always read back
}

}  // namespace hs
