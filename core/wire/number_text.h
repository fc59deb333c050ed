// Decimal text <-> double: the engine's only conversions that need correct rounding between bases. The
// JSON reader and writer (json_text.cpp) go through these two functions and nothing else.
//
// Two implementations keep the same contract: number_text.cpp, with the C library's strtod and snprintf,
// for native builds; and wasm/js_number_text.cpp, with the JavaScript engine's own conversions, for the
// wasm module, where the C library's pair costs about a tenth of the module (their long double arithmetic
// included; docs/performance.md, "Number text"). tests/unit/number_text_test.cpp holds both to the same
// answers.
#pragma once

#include <string_view>

namespace hs {

/// The double nearest to text, a number in JSON's grammar (the caller has checked it), ties to even;
/// a magnitude too large gives an infinity, one too small a zero of the same sign.
double decimalToDouble(std::string_view text);

/// The shortest decimal that reads back as a double: digits[0..count) with no trailing zero, the value
/// being 0.D1D2...Dcount x 10^point.
struct ShortestDecimal {
  char digits[17];
  int count = 0;
  int point = 0;
};

/// The fewest significant digits that decimalToDouble reads back as |d| (d finite and not zero); of two
/// such decimals, the one nearer to |d|.
ShortestDecimal shortestDecimal(double d);

}  // namespace hs
