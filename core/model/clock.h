// Time. The engine never reads the wall clock: every "now" comes from a Clock the host controls.
#pragma once
#include <cstdint>

namespace hs {

// Milliseconds since the Unix epoch. AWS timestamps carry millisecond precision.
using Millis = std::int64_t;

constexpr Millis kSecond = 1000;
constexpr Millis kHour = 3600 * kSecond;
constexpr Millis kDay = 24 * kHour;
// Where a new or reset world's clock starts: 2026-01-01T00:00:00Z.
constexpr Millis kDefaultStart = 1767225600000;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
};

// The clock of a simulated world: it moves only when told to.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Millis start = kDefaultStart) : now_(start) {}
  Millis now() const override { return now_; }
  void set(Millis t) { now_ = t; }
  void advance(Millis d) { now_ += d; }

 private:
  Millis now_;
};

}  // namespace hs
