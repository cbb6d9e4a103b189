// Tests for sim/statistics.hpp against cases computed by hand.
#include "sim/statistics.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace clustersim::sim;
using Catch::Matchers::Contains;

TEST_CASE("Counter counts and sums", "[stats]") {
  Counter c;
  REQUIRE(c.count() == 0);
  REQUIRE(c.sum() == 0.0);
  c.add();
  c.add(2.5);
  c.add(-0.5);
  REQUIRE(c.count() == 3);
  REQUIRE(c.sum() == 3.0);
  REQUIRE_THROWS_WITH(c.add(std::numeric_limits<double>::infinity()), Contains("inf"));
}

TEST_CASE("TimeWeightedAverage of a step signal", "[stats]") {
  // 1 for 2 s, then 3 for 1 s: integral 2 + 3 = 5, mean 5/3.
  TimeWeightedAverage avg;
  REQUIRE(avg.empty());
  avg.record(seconds(0), 1.0);
  avg.record(seconds(2), 3.0);
  REQUIRE(avg.integral(seconds(3)) == Approx(5.0));
  REQUIRE(avg.mean(seconds(3)) == Approx(5.0 / 3.0));
  REQUIRE(avg.mean(seconds(2)) == Approx(1.0));
  REQUIRE(avg.min() == 1.0);
  REQUIRE(avg.max() == 3.0);
  REQUIRE(avg.current() == 3.0);
  REQUIRE(avg.start() == seconds(0));

  SECTION("a later start is the origin of the mean") {
    TimeWeightedAverage late(seconds(10), 4.0);
    REQUIRE(late.mean(seconds(10)) == 4.0);  // zero-length window: the value itself
    late.record(seconds(11), 0.0);
    REQUIRE(late.mean(seconds(14)) == Approx(1.0));  // 4 * 1 s over 4 s
  }
  SECTION("several records at one instant: the last one holds") {
    avg.record(seconds(3), 10.0);
    avg.record(seconds(3), 0.0);
    REQUIRE(avg.integral(seconds(4)) == Approx(5.0));
    REQUIRE(avg.max() == 10.0);  // documented: min/max cover every recorded value
  }
  SECTION("time going backwards and empty queries throw") {
    REQUIRE_THROWS_WITH(avg.record(seconds(1), 0.0), Contains("before the previous record"));
    REQUIRE_THROWS_AS(avg.mean(seconds(1)), std::invalid_argument);
    REQUIRE_THROWS_AS(TimeWeightedAverage().mean(seconds(1)), std::runtime_error);
    REQUIRE_THROWS_AS(avg.record(seconds(5), std::nan("")), std::invalid_argument);
  }
}

TEST_CASE("SampleSummary moments of 1..5", "[stats]") {
  SampleSummary s;
  for (double x : {3.0, 1.0, 5.0, 2.0, 4.0}) s.add(x);
  REQUIRE(s.count() == 5);
  REQUIRE(s.mean() == Approx(3.0));
  REQUIRE(s.variance() == Approx(2.5));  // (4 + 1 + 0 + 1 + 4) / 4
  REQUIRE(s.stddev() == Approx(std::sqrt(2.5)));
  REQUIRE(s.min() == 1.0);
  REQUIRE(s.max() == 5.0);

  // t_{0.975,4} = 2.776; half width 2.776 * sqrt(2.5) / sqrt(5) = 1.9632.
  const auto [lower, upper] = s.ci95();
  const double half = 2.7764451051977987 * std::sqrt(2.5 / 5.0);
  REQUIRE(lower == Approx(3.0 - half));
  REQUIRE(upper == Approx(3.0 + half));
  REQUIRE(half == Approx(1.9632).epsilon(1e-4));

  REQUIRE(s.percentile(0) == 1.0);
  REQUIRE(s.percentile(25) == 2.0);
  REQUIRE(s.percentile(50) == 3.0);
  REQUIRE(s.percentile(90) == Approx(4.6));  // position 3.6 between 4 and 5
  REQUIRE(s.percentile(100) == 5.0);

  s.add(0.0);  // adding after a percentile query re-sorts
  REQUIRE(s.percentile(0) == 0.0);
  REQUIRE(s.percentile(50) == Approx(2.5));
}

TEST_CASE("SampleSummary edge cases", "[stats]") {
  SampleSummary s;
  REQUIRE(s.count() == 0);
  REQUIRE_THROWS_WITH(s.mean(), Contains("no data"));
  REQUIRE_THROWS_AS(s.percentile(50), std::runtime_error);
  s.add(7.0);
  REQUIRE(s.variance() == 0.0);
  REQUIRE(s.ci95() == std::pair<double, double>{7.0, 7.0});  // n = 1: degenerate interval
  REQUIRE(s.percentile(30) == 7.0);
  REQUIRE_THROWS_WITH(s.percentile(101), Contains("101"));
  REQUIRE_THROWS_WITH(s.percentile(-1), Contains("-1"));
  REQUIRE_THROWS_AS(s.add(std::nan("")), std::invalid_argument);

  // Welford stays accurate with a large offset (the naive sum-of-squares formula would not).
  SampleSummary offset;
  for (double x : {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) offset.add(x);
  REQUIRE(offset.mean() == Approx(1e9 + 10));
  REQUIRE(offset.variance() == Approx(30.0));
}

TEST_CASE("Student t critical values", "[stats]") {
  REQUIRE(student_t_975(1) == Approx(12.706).epsilon(1e-4));
  REQUIRE(student_t_975(4) == Approx(2.776).epsilon(1e-3));
  REQUIRE(student_t_975(10) == Approx(2.228).epsilon(1e-3));
  REQUIRE(student_t_975(30) == Approx(2.0423).epsilon(1e-4));
  // Expansion region, reference values from the incomplete beta function.
  REQUIRE(student_t_975(31) == Approx(2.0395134463964).epsilon(1e-7));
  REQUIRE(student_t_975(40) == Approx(2.02107539030627).epsilon(1e-7));
  REQUIRE(student_t_975(120) == Approx(1.97993040508244).epsilon(1e-9));
  REQUIRE(student_t_975(1'000'000) == Approx(1.959966).epsilon(1e-6));
  REQUIRE_THROWS_WITH(student_t_975(0), Contains("got 0"));
}

TEST_CASE("TimeSeries samples a step signal at period boundaries", "[stats]") {
  TimeSeries ts(seconds(1));
  REQUIRE(ts.points_until(seconds(5)).empty());
  ts.record(milliseconds(500), 1.0);  // grid starts at 1 s
  ts.record(seconds(2), 2.0);         // at 2 s exactly: the point at 2 s holds 2
  ts.record(milliseconds(2500), 3.0);
  ts.record(milliseconds(4200), 4.0);
  const std::vector<TimeSeries::Point> expected_final = {
      {seconds(1), 1.0}, {seconds(2), 2.0}, {seconds(3), 3.0}, {seconds(4), 3.0}};
  REQUIRE(ts.points() == expected_final);

  auto until = ts.points_until(seconds(6));
  REQUIRE(until.size() == 6);
  REQUIRE(until[4] == TimeSeries::Point{seconds(5), 4.0});
  REQUIRE(until[5] == TimeSeries::Point{seconds(6), 4.0});
  REQUIRE(ts.points().size() == 4);  // points_until does not change the series

  SECTION("a record exactly on a grid point stays pending until time moves on") {
    TimeSeries at_grid(seconds(2));
    at_grid.record(seconds(2), 1.0);
    at_grid.record(seconds(2), 5.0);  // same instant: the last value wins
    REQUIRE(at_grid.points().empty());
    REQUIRE(at_grid.points_until(seconds(2)) == std::vector<TimeSeries::Point>{{seconds(2), 5.0}});
    at_grid.record(seconds(3), 0.0);
    REQUIRE(at_grid.points() == std::vector<TimeSeries::Point>{{seconds(2), 5.0}});
  }
  SECTION("bad input") {
    REQUIRE_THROWS_WITH(TimeSeries(SimTime::zero()), Contains("period must be > 0"));
    REQUIRE_THROWS_AS(ts.record(seconds(1), 0.0), std::invalid_argument);
    REQUIRE_THROWS_AS(ts.points_until(seconds(4)), std::invalid_argument);
  }
}
