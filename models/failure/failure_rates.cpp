#include "models/failure/failure_rates.hpp"

#include <cmath>
#include <string>

#include "models/failure/field_error.hpp"
#include "sim/number_text.hpp"

namespace clustersim::models::failure {
namespace {

constexpr double kSecondsPerHour = 3600.0;

void validate_horizon(sim::SimTime horizon) {
  if (horizon < sim::SimTime::zero()) reject_field("horizon", "must be >= 0", sim::to_string(horizon));
}

}  // namespace

double rate_from_count(double count, double components, sim::SimTime window) {
  if (!(std::isfinite(count) && count >= 0.0))
    reject_field("count", "must be finite and >= 0", sim::number_text(count));
  if (!(std::isfinite(components) && components >= 1.0)) {
    reject_field("components", "must be finite and >= 1", sim::number_text(components));
  }
  if (window <= sim::SimTime::zero()) reject_field("window", "must be > 0", sim::to_string(window));
  return count / (components * (window.to_seconds() / kSecondsPerHour));
}

std::vector<double> expected_failures_by_cause(std::span<const FailureCause> causes, std::int64_t nodes,
                                               sim::SimTime horizon) {
  validate_causes(causes);
  validate_nodes(nodes);
  validate_horizon(horizon);
  const double hours = horizon.to_seconds() / kSecondsPerHour;
  std::vector<double> expected;
  expected.reserve(causes.size());
  for (const FailureCause& cause : causes) {
    const ComponentLayout layout = component_layout(cause.components_per_node, nodes, "components_per_node");
    expected.push_back(cause.rate_per_component_hour * static_cast<double>(layout.population) * hours);
  }
  return expected;
}

double expected_failures(std::span<const FailureCause> causes, std::int64_t nodes, sim::SimTime horizon) {
  double total = 0.0;
  for (double expected : expected_failures_by_cause(causes, nodes, horizon)) total += expected;
  return total;
}

double failures_per_hour(std::span<const FailureCause> causes, std::int64_t nodes) {
  return expected_failures(causes, nodes, sim::hours(1));
}

sim::SimTime mean_time_between_failures(std::span<const FailureCause> causes, std::int64_t nodes) {
  const double per_hour = failures_per_hour(causes, nodes);
  if (!(per_hour > 0.0)) {
    reject_field("failure.causes", "need at least one cause with a positive rate for a finite MTBF",
                 "a total rate of " + sim::number_text(per_hour) + " per hour");
  }
  const double mtbf_s = kSecondsPerHour / per_hour;
  if (mtbf_s > 9.0e9) {  // SimTime holds +-292 years (9.2e9 s)
    reject_field("failure.causes", "total rate too small: the MTBF exceeds SimTime's range of 292 years",
                 sim::number_text(per_hour) + " failures per hour");
  }
  return sim::SimTime::from_seconds(mtbf_s);
}

double weibull_scale_hours(double rate_per_component_hour, double shape) {
  if (!(std::isfinite(rate_per_component_hour) && rate_per_component_hour > 0.0)) {
    reject_field("rate_per_component_hour", "must be finite and > 0", sim::number_text(rate_per_component_hour));
  }
  if (!(std::isfinite(shape) && shape > 0.0))
    reject_field("weibull_shape", "must be finite and > 0", sim::number_text(shape));
  const double scale = 1.0 / (rate_per_component_hour * std::tgamma(1.0 + 1.0 / shape));
  if (!(std::isfinite(scale) && scale > 0.0)) {
    reject_field("weibull_shape", "gives no finite positive Weibull scale", sim::number_text(shape));
  }
  return scale;
}

}  // namespace clustersim::models::failure
