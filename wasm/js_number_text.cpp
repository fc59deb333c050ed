// Decimal text <-> double in the wasm module, by the JavaScript engine that runs it (the contract is in
// core/wire/number_text.h). ECMAScript's Number() reads a decimal to the nearest double and
// Number.prototype.toExponential() without an argument gives the fewest digits that read back; V8 does both
// exactly. Linked instead of core/wire/number_text.cpp, it keeps the C library's strtod and printf out of
// the module (docs/performance.md, "Number text").
#include <emscripten/emscripten.h>

#include "wire/number_text.h"

// The bodies below are JavaScript, which clang-format would lay out as C++.
// clang-format off
// The ASCII bytes text[0..length) as a JS string (of any length: one character at a time), read as a number.
EM_JS(double, hs_js_decimal_to_double, (const char* text, int length), {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(HEAPU8[text + i]);
  return Number(s);
});

// |d|'s shortest digits written to digits (at most 17), their number to *count; returns the point
// (|d| = 0.DIGITS x 10^point).
EM_JS(int, hs_js_shortest_decimal, (double d, char* digits, int* count), {
  const [mantissa, exponent] = Math.abs(d).toExponential().split('e');
  const ds = mantissa.replace(".", "");
  for (let i = 0; i < ds.length; i++) HEAPU8[digits + i] = ds.charCodeAt(i);
  HEAP32[count >> 2] = ds.length;
  return Number(exponent) + 1;
});
// clang-format on

namespace hs {

double decimalToDouble(std::string_view text) {
  return hs_js_decimal_to_double(text.data(), static_cast<int>(text.size()));
}

ShortestDecimal shortestDecimal(double d) {
  ShortestDecimal out;
  out.point = hs_js_shortest_decimal(d, out.digits, &out.count);
  return out;
}

}  // namespace hs
