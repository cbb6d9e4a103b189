// SimTime: exact int64-nanosecond arithmetic, conversions from seconds, and text output.
#include <catch2/catch.hpp>

#include <compare>
#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/time.hpp"

using clustersim::sim::days;
using clustersim::sim::hours;
using clustersim::sim::microseconds;
using clustersim::sim::milliseconds;
using clustersim::sim::minutes;
using clustersim::sim::nanoseconds;
using clustersim::sim::seconds;
using clustersim::sim::SimTime;
using clustersim::sim::to_string;

namespace {
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
}  // namespace

TEST_CASE("SimTime constructors and helpers give exact nanoseconds", "[time]") {
  CHECK(SimTime().ns() == 0);
  CHECK(SimTime::zero().ns() == 0);
  CHECK(SimTime::max().ns() == kInt64Max);
  CHECK(SimTime::from_ns(-42).ns() == -42);
  CHECK(nanoseconds(10).ns() == 10);
  CHECK(microseconds(1.5).ns() == 1'500);
  CHECK(milliseconds(250).ns() == 250'000'000);
  CHECK(seconds(90).ns() == 90'000'000'000);
  CHECK(seconds(0.1).ns() == 100'000'000);
  CHECK(minutes(5).ns() == 300'000'000'000);
  CHECK(hours(2.5).ns() == 9'000'000'000'000);
  CHECK(days(3).ns() == 259'200'000'000'000);
  CHECK(seconds(90).to_seconds() == 90.0);
  CHECK(SimTime::from_ns(1).to_seconds() == Approx(1e-9));
}

TEST_CASE("SimTime::from_seconds rounds to the nearest nanosecond", "[time]") {
  CHECK(SimTime::from_seconds(1.4e-9).ns() == 1);
  CHECK(SimTime::from_seconds(1.6e-9).ns() == 2);
  CHECK(SimTime::from_seconds(-1.6e-9).ns() == -2);
  CHECK(SimTime::from_seconds(0.0).ns() == 0);
  CHECK(SimTime::from_seconds(-0.0).ns() == 0);

  SECTION("exact halves round to even (std::nearbyint in the default rounding mode)") {
    // Guard: these inputs really are k + 0.5 ns after scaling by 1e9.
    REQUIRE(0.5e-9 * 1e9 == 0.5);
    REQUIRE(1.5e-9 * 1e9 == 1.5);
    REQUIRE(2.5e-9 * 1e9 == 2.5);
    REQUIRE(3.5e-9 * 1e9 == 3.5);
    CHECK(SimTime::from_seconds(0.5e-9).ns() == 0);
    CHECK(SimTime::from_seconds(1.5e-9).ns() == 2);
    CHECK(SimTime::from_seconds(2.5e-9).ns() == 2);
    CHECK(SimTime::from_seconds(3.5e-9).ns() == 4);
    CHECK(SimTime::from_seconds(-2.5e-9).ns() == -2);
  }

  SECTION("non-finite and out-of-range seconds throw std::out_of_range") {
    CHECK_THROWS_AS(SimTime::from_seconds(std::numeric_limits<double>::quiet_NaN()), std::out_of_range);
    CHECK_THROWS_AS(SimTime::from_seconds(std::numeric_limits<double>::infinity()), std::out_of_range);
    CHECK_THROWS_AS(SimTime::from_seconds(-std::numeric_limits<double>::infinity()), std::out_of_range);
    CHECK_THROWS_AS(SimTime::from_seconds(1e10), std::out_of_range);  // ~317 years
    CHECK_THROWS_AS(SimTime::from_seconds(-1e10), std::out_of_range);
    CHECK_THROWS_AS(days(1e6), std::out_of_range);
    CHECK_NOTHROW(SimTime::from_seconds(9e9));  // ~285 years fits
  }
}

TEST_CASE("SimTime::ceil_seconds never returns less than the request", "[time]") {
  CHECK(SimTime::ceil_seconds(1.0).ns() == 1'000'000'000);
  CHECK(SimTime::ceil_seconds(1.1e-9).ns() == 2);
  CHECK(SimTime::ceil_seconds(1e-12).ns() == 1);
  CHECK(SimTime::ceil_seconds(0.0).ns() == 0);
  CHECK(SimTime::ceil_seconds(-1.5e-9).ns() == -1);
  CHECK(SimTime::ceil_seconds(0.25).ns() == 250'000'000);
  for (double s : {1e-9, 3.3e-7, 0.1, 0.3, 1.7, 12.345678901, 3600.000000001}) {
    CHECK(SimTime::ceil_seconds(s).to_seconds() >= s * (1 - 1e-15));
    CHECK(SimTime::ceil_seconds(s).ns() - SimTime::from_seconds(s).ns() <= 1);
  }
  CHECK_THROWS_AS(SimTime::ceil_seconds(std::numeric_limits<double>::quiet_NaN()), std::out_of_range);
  CHECK_THROWS_AS(SimTime::ceil_seconds(1e300), std::out_of_range);
}

TEST_CASE("SimTime arithmetic is exact", "[time]") {
  const SimTime a = seconds(90);
  const SimTime b = minutes(5);
  CHECK((a + b).ns() == 390'000'000'000);
  CHECK((b - a).ns() == 210'000'000'000);
  CHECK((a - b).ns() == -210'000'000'000);
  CHECK((-a).ns() == -90'000'000'000);
  CHECK((a * std::int64_t{3}).ns() == 270'000'000'000);
  CHECK((std::int64_t{3} * a).ns() == 270'000'000'000);
  CHECK((a * 1.5).ns() == 135'000'000'000);
  CHECK((0.5 * a).ns() == 45'000'000'000);
  CHECK((SimTime::from_ns(3) * 0.5).ns() == 2);  // 1.5 ns rounds to even
  CHECK((a / std::int64_t{4}).ns() == 22'500'000'000);
  CHECK((SimTime::from_ns(7) / std::int64_t{2}).ns() == 3);  // integer division truncates
  CHECK((SimTime::from_ns(-7) / std::int64_t{2}).ns() == -3);
  CHECK(b / a == Approx(10.0 / 3.0));
  CHECK((b % a).ns() == 30'000'000'000);

  SimTime t = SimTime::zero();
  t += a;
  t += a;
  CHECK(t == seconds(180));
  t -= b;
  CHECK(t == seconds(-120));
}

TEST_CASE("SimTime comparisons order by nanoseconds", "[time]") {
  CHECK(seconds(1) == milliseconds(1000));
  CHECK(seconds(1) != seconds(2));
  CHECK(seconds(1) < seconds(2));
  CHECK(seconds(2) > seconds(1));
  CHECK(seconds(-1) < SimTime::zero());
  CHECK(seconds(1) <= seconds(1));
  CHECK(seconds(1) >= seconds(1));
  CHECK(nanoseconds(1) > SimTime::zero());
  CHECK(SimTime::max() > days(100'000));
  CHECK(std::is_lt(seconds(1) <=> seconds(2)));
}

TEST_CASE("SimTime arithmetic throws instead of wrapping", "[time]") {
  const SimTime max = SimTime::max();
  const SimTime min = SimTime::from_ns(kInt64Min);
  CHECK_THROWS_AS(max + nanoseconds(1), std::overflow_error);
  CHECK_THROWS_AS(min - nanoseconds(1), std::overflow_error);
  CHECK_THROWS_AS(SimTime::zero() - min, std::overflow_error);
  CHECK_THROWS_AS(max * std::int64_t{2}, std::overflow_error);
  CHECK_THROWS_AS(days(100'000) * std::int64_t{2}, std::overflow_error);
  CHECK_THROWS_AS(max * 2.0, std::out_of_range);
  CHECK_THROWS_AS(seconds(1) * std::numeric_limits<double>::quiet_NaN(), std::out_of_range);
  CHECK_THROWS_AS(seconds(1) / std::int64_t{0}, std::domain_error);
  CHECK_THROWS_AS(min / std::int64_t{-1}, std::overflow_error);
  CHECK((seconds(6) / std::int64_t{-1}).ns() == -6'000'000'000);
  CHECK_NOTHROW(max - nanoseconds(1) + nanoseconds(1));
  CHECK((max + SimTime::from_ns(kInt64Min)).ns() == -1);

  SimTime t = max;
  CHECK_THROWS_AS(t += nanoseconds(1), std::overflow_error);
  CHECK(t == max);  // unchanged after the failed update
}

TEST_CASE("to_string picks a readable unit", "[time]") {
  CHECK(to_string(SimTime::zero()) == "0 s");
  CHECK(to_string(nanoseconds(1)) == "1 ns");
  CHECK(to_string(nanoseconds(250)) == "250 ns");
  CHECK(to_string(nanoseconds(999)) == "999 ns");
  CHECK(to_string(nanoseconds(1'000)) == "1 us");
  CHECK(to_string(microseconds(1.5)) == "1.5 us");
  CHECK(to_string(milliseconds(250)) == "250 ms");
  CHECK(to_string(seconds(1)) == "1 s");
  CHECK(to_string(seconds(90)) == "90 s");
  CHECK(to_string(seconds(119)) == "119 s");
  CHECK(to_string(seconds(120)) == "2 min");
  CHECK(to_string(seconds(60)) == "1 min");
  CHECK(to_string(minutes(5)) == "5 min");
  CHECK(to_string(minutes(90)) == "90 min");
  CHECK(to_string(hours(1)) == "1 h");
  CHECK(to_string(hours(2.5)) == "2.5 h");
  CHECK(to_string(hours(36)) == "36 h");
  CHECK(to_string(days(1)) == "1 d");
  CHECK(to_string(days(3)) == "3 d");
  CHECK(to_string(days(54)) == "54 d");

  SECTION("negative durations keep their sign") {
    CHECK(to_string(seconds(-90)) == "-90 s");
    CHECK(to_string(nanoseconds(-250)) == "-250 ns");
    CHECK(to_string(hours(-2.5)) == "-2.5 h");
    CHECK(to_string(SimTime::from_ns(kInt64Min)).rfind("-106751.99", 0) == 0);
  }

  SECTION("operator<< writes the same text") {
    std::ostringstream out;
    out << minutes(5) << ", " << nanoseconds(-250);
    CHECK(out.str() == "5 min, -250 ns");
  }
}
