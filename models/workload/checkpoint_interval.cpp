#include "models/workload/checkpoint_interval.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace clustersim::models::workload {
namespace {

[[noreturn]] void reject(const char* parameter, const char* requirement, sim::SimTime value) {
  throw std::invalid_argument(std::string(parameter) + ": " + requirement + ", got " + sim::to_string(value));
}

void require_positive(const char* parameter, sim::SimTime value) {
  if (value <= sim::SimTime::zero()) reject(parameter, "must be > 0", value);
}

void validate(const CheckpointCosts& costs) {
  require_positive("checkpoint_cost", costs.checkpoint_cost);
  if (costs.restart_time < sim::SimTime::zero()) reject("restart_time", "must be >= 0", costs.restart_time);
  require_positive("mtbf", costs.mtbf);
}

// M e^(R/M) (e^((tau + delta)/M) - 1) / tau: wall time per unit of solve time (>= 1; +inf on overflow).
double wall_time_per_solve_time(const CheckpointCosts& costs, sim::SimTime interval) {
  validate(costs);
  require_positive("interval", interval);
  const double m = costs.mtbf.to_seconds();
  const double segment = (interval + costs.checkpoint_cost).to_seconds();
  return m * std::exp(costs.restart_time.to_seconds() / m) * std::expm1(segment / m) / interval.to_seconds();
}

}  // namespace

sim::SimTime young_interval(sim::SimTime checkpoint_cost, sim::SimTime mtbf) {
  require_positive("checkpoint_cost", checkpoint_cost);
  require_positive("mtbf", mtbf);
  return sim::SimTime::from_seconds(std::sqrt(2.0 * checkpoint_cost.to_seconds() * mtbf.to_seconds()));
}

sim::SimTime daly_interval(sim::SimTime checkpoint_cost, sim::SimTime mtbf) {
  require_positive("checkpoint_cost", checkpoint_cost);
  require_positive("mtbf", mtbf);
  const double delta = checkpoint_cost.to_seconds();
  const double m = mtbf.to_seconds();
  if (delta >= 2.0 * m) return mtbf;
  const double x = delta / (2.0 * m);
  return sim::SimTime::from_seconds(std::sqrt(2.0 * delta * m) * (1.0 + std::sqrt(x) / 3.0 + x / 9.0) - delta);
}

double daly_waste_fraction(const CheckpointCosts& costs, sim::SimTime interval) {
  return 1.0 - 1.0 / wall_time_per_solve_time(costs, interval);
}

sim::SimTime daly_expected_wall_time(const CheckpointCosts& costs, sim::SimTime interval, sim::SimTime solve_time) {
  const double factor = wall_time_per_solve_time(costs, interval);
  require_positive("solve_time", solve_time);
  const double wall_s = factor * solve_time.to_seconds();
  if (!(wall_s < 9.2e9)) {  // SimTime holds +-2^63 ns = +-9.22e9 s
    throw std::out_of_range("daly_expected_wall_time: the expected wall time (" + std::to_string(wall_s) +
                            " s) exceeds SimTime's range of 292 years");
  }
  return sim::SimTime::from_seconds(wall_s);
}

FirstOrderWaste first_order_waste(const CheckpointCosts& costs, sim::SimTime interval) {
  validate(costs);
  require_positive("interval", interval);
  const double delta = costs.checkpoint_cost.to_seconds();
  const double tau = interval.to_seconds();
  const double m = costs.mtbf.to_seconds();
  return {
      .checkpoint = delta / tau, .rework = (tau + delta) / (2.0 * m), .restart = costs.restart_time.to_seconds() / m};
}

}  // namespace clustersim::models::workload
