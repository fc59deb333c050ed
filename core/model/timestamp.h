// AWS JSON 1.1 timestamps: epoch seconds as JSON numbers with a millisecond fraction
// (AWS-observed: "RequestedTimestamp": 1789271046.11).
#pragma once
#include <optional>

#include "model/clock.h"
#include "wire/json.h"

namespace hs {

// The latest instant the simulated clock can show: 9999-12-31T23:59:59.999Z (SetTime accepts
// timestamps up to it; AdvanceTime refuses to pass it).
constexpr Millis kLatestTime = 253402300799999;

Json timestampJson(Millis t);
// A JSON number of epoch seconds to milliseconds (rounded); nullopt if not a finite number in range.
std::optional<Millis> millisFromJson(const Json& j);
// Civil-calendar helpers (UTC), for responsibility-transfer date rules.
struct CivilTime {
  int year, month, day, hour, minute, second, millis;
};
CivilTime toCivil(Millis t);
Millis fromCivil(int year, int month, int day);  // midnight UTC of that day
int daysInMonth(int year, int month);

}  // namespace hs
