// SimTime: simulated time as a strong type over int64 nanoseconds.
//
// Exact, platform-independent and totally ordered; +-292 years of range covers any campaign.
// Conversions from floating-point seconds round to the nearest nanosecond and throw
// std::out_of_range when the value is not finite or does not fit. The flow solver converts a
// completion time with ceil_seconds() so an activity never completes before its work is done.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>

namespace clustersim::sim {

class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_ns(std::int64_t ns) { return SimTime(ns); }
  static constexpr SimTime zero() { return SimTime(0); }
  static constexpr SimTime max() { return SimTime(std::numeric_limits<std::int64_t>::max()); }

  // Nearest nanosecond to `seconds`; throws std::out_of_range if not finite or out of range.
  static SimTime from_seconds(double seconds);
  // Smallest time >= `seconds` (rounded up to the next nanosecond); same errors as from_seconds.
  static SimTime ceil_seconds(double seconds);

  constexpr std::int64_t ns() const { return ns_; }
  constexpr double to_seconds() const { return static_cast<double>(ns_) * 1e-9; }

  constexpr auto operator<=>(const SimTime&) const = default;

  // Arithmetic throws std::overflow_error instead of wrapping.
  SimTime operator+(SimTime other) const {  // inline: every sleep adds a duration to now
    std::int64_t result = 0;
    if (__builtin_add_overflow(ns_, other.ns_, &result)) throw_addition_overflow();
    return SimTime(result);
  }
  SimTime operator-(SimTime other) const;
  // Any integer factor or divisor is exact (int, long, ...); a floating-point factor rounds to the
  // nearest nanosecond.
  template <std::integral Integer>
  SimTime operator*(Integer factor) const {
    return times(static_cast<std::int64_t>(factor));
  }
  SimTime operator*(double factor) const;
  template <std::integral Integer>
  SimTime operator/(Integer divisor) const {
    return divided_by(static_cast<std::int64_t>(divisor));
  }
  double operator/(SimTime other) const { return static_cast<double>(ns_) / static_cast<double>(other.ns_); }
  SimTime operator%(SimTime other) const;
  SimTime operator-() const;
  SimTime& operator+=(SimTime other) { return *this = *this + other; }
  SimTime& operator-=(SimTime other) { return *this = *this - other; }

 private:
  constexpr explicit SimTime(std::int64_t ns) : ns_(ns) {}
  [[noreturn]] static void throw_addition_overflow();
  SimTime times(std::int64_t factor) const;
  SimTime divided_by(std::int64_t divisor) const;
  std::int64_t ns_ = 0;
};

template <std::integral Integer>
SimTime operator*(Integer factor, SimTime t) {
  return t * factor;
}
inline SimTime operator*(double factor, SimTime t) {
  return t * factor;
}

constexpr SimTime nanoseconds(std::int64_t ns) {
  return SimTime::from_ns(ns);
}
inline SimTime microseconds(double us) {
  return SimTime::from_seconds(us * 1e-6);
}
inline SimTime milliseconds(double ms) {
  return SimTime::from_seconds(ms * 1e-3);
}
inline SimTime seconds(double s) {
  return SimTime::from_seconds(s);
}
inline SimTime minutes(double m) {
  return SimTime::from_seconds(m * 60.0);
}
inline SimTime hours(double h) {
  return SimTime::from_seconds(h * 3600.0);
}
inline SimTime days(double d) {
  return SimTime::from_seconds(d * 86400.0);
}

// Human-readable, exact where it can be: "0 s", "250 ns", "1.5 us", "90 s", "5 min", "2.5 h", "3 d".
std::string to_string(SimTime t);
std::ostream& operator<<(std::ostream& out, SimTime t);

}  // namespace clustersim::sim
