#include "model/timestamp.h"

#include <cmath>

namespace hs {

Json timestampJson(Millis t) {
  // Division is correctly rounded, so 1789271046110 ms prints as 1789271046.11.
  return Json(static_cast<double>(t) / 1000.0);
}

std::optional<Millis> millisFromJson(const Json& j) {
  if (!j.is_number()) return std::nullopt;
  double s = j.get<double>();
  if (!std::isfinite(s) || s < 0 || s > 253402300799.0) return std::nullopt;  // up to year 9999
  return static_cast<Millis>(std::llround(s * 1000.0));
}

// Days from civil, after Howard Hinnant's public-domain date algorithms.
static std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime toCivil(Millis t) {
  std::int64_t days = t >= 0 ? t / kDay : -((-t + kDay - 1) / kDay);
  Millis rest = t - days * kDay;
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  return CivilTime{static_cast<int>(y),
                   static_cast<int>(m),
                   static_cast<int>(d),
                   static_cast<int>(rest / kHour),
                   static_cast<int>(rest % kHour / 60000),
                   static_cast<int>(rest % 60000 / 1000),
                   static_cast<int>(rest % 1000)};
}

Millis fromCivil(int year, int month, int day) {
  return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kDay;
}

int daysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace hs
