#include "models/workload/checkpoint_interval.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <vector>

using clustersim::models::workload::CheckpointCosts;
using clustersim::models::workload::daly_expected_wall_time;
using clustersim::models::workload::daly_interval;
using clustersim::models::workload::daly_waste_fraction;
using clustersim::models::workload::first_order_waste;
using clustersim::models::workload::young_interval;
using clustersim::sim::SimTime;
namespace sim = clustersim::sim;

namespace {

// Golden-section search for the minimum of a unimodal f on [lo, hi], to an absolute tolerance.
double golden_section_minimum(const std::function<double(double)>& f, double lo, double hi, double tolerance) {
  const double inverse_phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = lo, b = hi;
  double c = b - inverse_phi * (b - a), d = a + inverse_phi * (b - a);
  double fc = f(c), fd = f(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - inverse_phi * (b - a), fc = f(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + inverse_phi * (b - a), fd = f(d);
    }
  }
  return (a + b) / 2.0;
}

// The interval (seconds) minimising Daly's expected wall time, found numerically on [M/1e6, 10 M].
double numeric_optimum_s(double delta_s, double mtbf_s) {
  const CheckpointCosts costs{
      .checkpoint_cost = sim::seconds(delta_s), .restart_time = sim::minutes(5), .mtbf = sim::seconds(mtbf_s)};
  const auto wall = [&](double tau_s) {
    return daly_expected_wall_time(costs, sim::seconds(tau_s), sim::days(30)).to_seconds();
  };
  return golden_section_minimum(wall, mtbf_s * 1e-6, mtbf_s * 10.0, mtbf_s * 1e-7);
}

}  // namespace

TEST_CASE("Young's interval by hand", "[checkpoint]") {
  // sqrt(2 x 60 s x 86,400 s) = sqrt(10,368,000) s = 3,219.94 s.
  CHECK(young_interval(sim::seconds(60), sim::hours(24)).to_seconds() == Approx(3219.9379).epsilon(1e-8));
  // sqrt(2 x 8 s x 100 s) = 40 s.
  CHECK(young_interval(sim::seconds(8), sim::seconds(100)) == sim::seconds(40));
}

TEST_CASE("Daly's interval by hand", "[checkpoint]") {
  // delta = 60 s, M = 86,400 s: x = delta / (2M) = 60 / 172,800 = 3.4722e-4, sqrt(x) = 0.0186339;
  // bracket = 1 + 0.0186339 / 3 + 3.4722e-4 / 9 = 1 + 0.0062113 + 0.0000386 = 1.0062499;
  // tau = 3,219.938 x 1.0062499 - 60 = 3,240.062 - 60 = 3,180.062 s.
  CHECK(daly_interval(sim::seconds(60), sim::hours(24)).to_seconds() == Approx(3180.0621).epsilon(1e-8));
  // delta = 50 s, M = 100 s: x = 1/4, sqrt(x) = 1/2; tau = 100 x (1 + 1/6 + 1/36) - 50 = 119.444 - 50 = 69.444 s.
  CHECK(daly_interval(sim::seconds(50), sim::seconds(100)).to_seconds() == Approx(69.4444444).epsilon(1e-8));
  // delta >= 2M: checkpoint once per MTBF.
  CHECK(daly_interval(sim::seconds(200), sim::seconds(100)) == sim::seconds(100));
  CHECK(daly_interval(sim::hours(5), sim::hours(1)) == sim::hours(1));
}

TEST_CASE("Daly's waste and wall time by hand", "[checkpoint]") {
  // M = 1,000 s, delta = 10 s, R = 0, tau = 90 s: T_wall / Ts = 1,000 (e^0.1 - 1) / 90 = 1.1685658,
  // waste = 1 - 1 / 1.1685658 = 0.1442501.
  const CheckpointCosts no_restart{
      .checkpoint_cost = sim::seconds(10), .restart_time = SimTime::zero(), .mtbf = sim::seconds(1000)};
  CHECK(daly_waste_fraction(no_restart, sim::seconds(90)) == Approx(0.14425012).epsilon(1e-7));
  // With R = 50 s the ratio gains e^0.05: 1.2284794, waste 0.1859855, T_wall(Ts = 1 h) = 4,422.526 s.
  const CheckpointCosts with_restart{
      .checkpoint_cost = sim::seconds(10), .restart_time = sim::seconds(50), .mtbf = sim::seconds(1000)};
  CHECK(daly_waste_fraction(with_restart, sim::seconds(90)) == Approx(0.18598554).epsilon(1e-7));
  CHECK(daly_expected_wall_time(with_restart, sim::seconds(90), sim::hours(1)).to_seconds() ==
        Approx(4422.52585).epsilon(1e-8));
}

TEST_CASE("first-order waste by hand and its agreement with Daly when everything is small", "[checkpoint]") {
  // delta = 60 s, tau = 3,000 s, M = 86,400 s, R = 600 s:
  // 60 / 3,000 = 0.02; 3,060 / 172,800 = 0.0177083; 600 / 86,400 = 0.0069444; total 0.0446528.
  const CheckpointCosts costs{
      .checkpoint_cost = sim::seconds(60), .restart_time = sim::seconds(600), .mtbf = sim::hours(24)};
  const auto waste = first_order_waste(costs, sim::seconds(3000));
  CHECK(waste.checkpoint == Approx(0.02).epsilon(1e-12));
  CHECK(waste.rework == Approx(3060.0 / 172800.0).epsilon(1e-12));
  CHECK(waste.restart == Approx(600.0 / 86400.0).epsilon(1e-12));
  CHECK(waste.total() == Approx(0.0446527778).epsilon(1e-9));
  // The linearisation of Daly's waste: they differ only at second order in (tau + delta + R) / M.
  CHECK(daly_waste_fraction(costs, sim::seconds(3000)) == Approx(waste.total()).margin(2e-3));
  // Young's interval minimises the first-order waste: nearby intervals do worse.
  const SimTime young = young_interval(costs.checkpoint_cost, costs.mtbf);
  CHECK(first_order_waste(costs, young).total() < first_order_waste(costs, young * 0.9).total());
  CHECK(first_order_waste(costs, young).total() < first_order_waste(costs, young * 1.1).total());
}

TEST_CASE("Daly's interval is within 1% of the numerical minimum of the expected wall time", "[checkpoint]") {
  struct Case {
    double delta_s;
    double mtbf_s;
  };
  // delta / M from 1e-6 to 1/2.
  const std::vector<Case> cases{{1, 1e6}, {60, 86400}, {60, 3600}, {30, 600}, {300, 3600}, {600, 3600}, {1800, 3600}};
  for (const Case& c : cases) {
    INFO("delta = " << c.delta_s << " s, M = " << c.mtbf_s << " s");
    const double numeric_s = numeric_optimum_s(c.delta_s, c.mtbf_s);
    const double daly_s = daly_interval(sim::seconds(c.delta_s), sim::seconds(c.mtbf_s)).to_seconds();
    CHECK(daly_s == Approx(numeric_s).epsilon(0.01));
  }
  // Young's first-order estimate is already 22% long at delta / M = 1/6, where Daly's is within 0.1%.
  const double numeric_s = numeric_optimum_s(600, 3600);
  CHECK(young_interval(sim::seconds(600), sim::seconds(3600)).to_seconds() > 1.2 * numeric_s);
  CHECK(daly_interval(sim::seconds(600), sim::seconds(3600)).to_seconds() == Approx(numeric_s).epsilon(0.001));
}

TEST_CASE("the optimum interval is independent of the restart time", "[checkpoint]") {
  // R only multiplies T_wall by e^(R/M): the waste ranking of two intervals does not change with R.
  for (double restart_s : {0.0, 60.0, 3600.0}) {
    const CheckpointCosts costs{
        .checkpoint_cost = sim::seconds(120), .restart_time = sim::seconds(restart_s), .mtbf = sim::hours(4)};
    const SimTime tau = daly_interval(costs.checkpoint_cost, costs.mtbf);
    CHECK(daly_waste_fraction(costs, tau) < daly_waste_fraction(costs, tau * 0.8));
    CHECK(daly_waste_fraction(costs, tau) < daly_waste_fraction(costs, tau * 1.25));
  }
}

TEST_CASE("intervals and waste move the right way", "[checkpoint]") {
  const SimTime mtbf = sim::hours(2);
  SimTime previous_young = SimTime::zero(), previous_daly = SimTime::zero();
  double previous_waste = 0;
  // A costlier checkpoint: longer intervals and more waste at the optimum (delta up to 2M).
  for (double delta_s = 1; delta_s < 2 * 7200; delta_s *= 1.5) {
    INFO("delta = " << delta_s << " s");
    const CheckpointCosts costs{
        .checkpoint_cost = sim::seconds(delta_s), .restart_time = sim::minutes(10), .mtbf = mtbf};
    const SimTime young = young_interval(costs.checkpoint_cost, mtbf);
    const SimTime daly = daly_interval(costs.checkpoint_cost, mtbf);
    const double waste = daly_waste_fraction(costs, daly);
    CHECK(young > previous_young);
    CHECK(daly > previous_daly);
    CHECK(waste > previous_waste);
    CHECK(waste < 1.0);
    previous_young = young, previous_daly = daly, previous_waste = waste;
  }
  // A more reliable cluster: longer intervals and less waste.
  previous_young = previous_daly = SimTime::zero();
  previous_waste = 1.0;
  for (double mtbf_h = 0.5; mtbf_h < 1000; mtbf_h *= 2) {
    INFO("M = " << mtbf_h << " h");
    const CheckpointCosts costs{
        .checkpoint_cost = sim::seconds(60), .restart_time = sim::minutes(10), .mtbf = sim::hours(mtbf_h)};
    const SimTime daly = daly_interval(costs.checkpoint_cost, costs.mtbf);
    const double waste = daly_waste_fraction(costs, daly);
    CHECK(young_interval(costs.checkpoint_cost, costs.mtbf) > previous_young);
    CHECK(daly > previous_daly);
    CHECK(waste < previous_waste);
    previous_young = young_interval(costs.checkpoint_cost, costs.mtbf), previous_daly = daly, previous_waste = waste;
  }
  // A slower restart: more waste at any interval.
  previous_waste = 0;
  for (double restart_s : {0.0, 60.0, 600.0, 3600.0}) {
    const CheckpointCosts costs{
        .checkpoint_cost = sim::seconds(60), .restart_time = sim::seconds(restart_s), .mtbf = sim::hours(6)};
    const double waste = daly_waste_fraction(costs, sim::minutes(30));
    CHECK(waste > previous_waste);
    previous_waste = waste;
  }
}

TEST_CASE("waste saturates instead of overflowing; the wall time reports overflow", "[checkpoint]") {
  const CheckpointCosts costs{
      .checkpoint_cost = sim::seconds(60), .restart_time = SimTime::zero(), .mtbf = sim::seconds(10)};
  // e^(100,060 / 10) overflows a double: the job never finishes, waste = 1.
  CHECK(daly_waste_fraction(costs, sim::seconds(100000)) == 1.0);
  CHECK_THROWS_AS(daly_expected_wall_time(costs, sim::seconds(100000), sim::hours(1)), std::out_of_range);
}

TEST_CASE("checkpoint interval math rejects bad input naming the parameter", "[checkpoint]") {
  using Catch::Matchers::Equals;
  CHECK_THROWS_WITH(young_interval(SimTime::zero(), sim::hours(1)), Equals("checkpoint_cost: must be > 0, got 0 s"));
  CHECK_THROWS_WITH(daly_interval(sim::seconds(-1), sim::hours(1)), Equals("checkpoint_cost: must be > 0, got -1 s"));
  CHECK_THROWS_WITH(young_interval(sim::seconds(60), SimTime::zero()), Equals("mtbf: must be > 0, got 0 s"));
  CHECK_THROWS_WITH(daly_interval(sim::seconds(60), sim::seconds(-5)), Equals("mtbf: must be > 0, got -5 s"));
  const CheckpointCosts good{
      .checkpoint_cost = sim::seconds(60), .restart_time = sim::minutes(5), .mtbf = sim::hours(24)};
  CheckpointCosts bad = good;
  bad.restart_time = sim::seconds(-1);
  CHECK_THROWS_WITH(daly_waste_fraction(bad, sim::hours(1)), Equals("restart_time: must be >= 0, got -1 s"));
  bad = good;
  bad.mtbf = SimTime::zero();
  CHECK_THROWS_WITH(first_order_waste(bad, sim::hours(1)), Equals("mtbf: must be > 0, got 0 s"));
  bad = good;
  bad.checkpoint_cost = SimTime::zero();
  CHECK_THROWS_WITH(daly_expected_wall_time(bad, sim::hours(1), sim::days(1)),
                    Equals("checkpoint_cost: must be > 0, got 0 s"));
  CHECK_THROWS_WITH(daly_waste_fraction(good, SimTime::zero()), Equals("interval: must be > 0, got 0 s"));
  CHECK_THROWS_WITH(daly_expected_wall_time(good, sim::hours(1), SimTime::zero()),
                    Equals("solve_time: must be > 0, got 0 s"));
  CHECK_THROWS_AS(daly_waste_fraction(good, SimTime::zero()), std::invalid_argument);
}
