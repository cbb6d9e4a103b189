#include "sim/time.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <stdexcept>

namespace clustersim::sim {
namespace {

constexpr double kMaxNs = 9.2233720368547e18;  // just below 2^63

std::int64_t checked_ns(double ns, const char* what) {
  if (!std::isfinite(ns) || ns > kMaxNs || ns < -kMaxNs) {
    throw std::out_of_range(std::string(what) + ": " + std::to_string(ns * 1e-9) +
                            " s is outside the simulated time range (+-292 years)");
  }
  return static_cast<std::int64_t>(ns);
}

}  // namespace

SimTime SimTime::from_seconds(double seconds) {
  return SimTime(checked_ns(std::nearbyint(seconds * 1e9), "time"));
}

SimTime SimTime::ceil_seconds(double seconds) {
  return SimTime(checked_ns(std::ceil(seconds * 1e9), "time"));
}

void SimTime::throw_addition_overflow() {
  throw std::overflow_error("SimTime addition overflows");
}

SimTime SimTime::operator-(SimTime other) const {
  std::int64_t result = 0;
  if (__builtin_sub_overflow(ns_, other.ns_, &result)) throw std::overflow_error("SimTime subtraction overflows");
  return SimTime(result);
}

SimTime SimTime::times(std::int64_t factor) const {
  std::int64_t result = 0;
  if (__builtin_mul_overflow(ns_, factor, &result)) throw std::overflow_error("SimTime multiplication overflows");
  return SimTime(result);
}

SimTime SimTime::operator*(double factor) const {
  return SimTime(checked_ns(std::nearbyint(static_cast<double>(ns_) * factor), "scaled time"));
}

SimTime SimTime::operator%(SimTime other) const {
  if (other.ns_ == 0) throw std::domain_error("SimTime modulo by zero");
  if (other.ns_ == -1) return SimTime(0);
  return SimTime(ns_ % other.ns_);
}

SimTime SimTime::operator-() const {
  if (ns_ == std::numeric_limits<std::int64_t>::min()) throw std::overflow_error("SimTime negation overflows");
  return SimTime(-ns_);
}

SimTime SimTime::divided_by(std::int64_t divisor) const {
  if (divisor == 0) throw std::domain_error("SimTime division by zero");
  if (divisor == -1) return zero() - *this;  // checked: INT64_MIN / -1 overflows
  return SimTime(ns_ / divisor);
}

std::string to_string(SimTime t) {
  // Largest unit that reads naturally. Sexagesimal units (d, h, min) are used for whole multiples or from two of
  // them on, so 90 s stays "90 s" (not "1.5 min") and 1.5 h is "90 min", while 2.5 h is "2.5 h" and 1 h is "1 h".
  struct Unit {
    std::uint64_t ns;
    const char* name;
    bool sexagesimal;
  };
  static constexpr Unit kUnits[] = {{86'400'000'000'000, "d", true}, {3'600'000'000'000, "h", true},
                                    {60'000'000'000, "min", true},   {1'000'000'000, "s", false},
                                    {1'000'000, "ms", false},        {1'000, "us", false}};
  const std::int64_t ns = t.ns();
  // Computed in unsigned arithmetic so that INT64_MIN has a magnitude too.
  const std::uint64_t magnitude = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
  if (magnitude == 0) return "0 s";
  for (const Unit& unit : kUnits) {
    const bool fits = unit.sexagesimal ? magnitude >= 2 * unit.ns || (magnitude >= unit.ns && magnitude % unit.ns == 0)
                                       : magnitude >= unit.ns;
    if (fits) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.10g %s", static_cast<double>(ns) / static_cast<double>(unit.ns),
                    unit.name);
      return buffer;
    }
  }
  return std::to_string(ns) + " ns";
}

std::ostream& operator<<(std::ostream& out, SimTime t) {
  return out << to_string(t);
}

}  // namespace clustersim::sim
