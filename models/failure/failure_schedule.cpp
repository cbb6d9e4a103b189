#include "models/failure/failure_schedule.hpp"

#include <cmath>
#include <string>

#include "models/failure/failure_rates.hpp"
#include "models/failure/field_error.hpp"
#include "models/failure/gamma_sample.hpp"

namespace clustersim::models::failure {
namespace {

constexpr double kSecondsPerHour = 3600.0;
constexpr std::string_view kCausesPath = "failure.causes";

}  // namespace

FailureSchedule::FailureSchedule(std::vector<FailureCause> causes, std::int64_t nodes, std::uint64_t master_seed,
                                 sim::SimTime horizon, FleetAge fleet_age)
    : causes_(std::move(causes)), nodes_(nodes), horizon_(horizon), fleet_age_(fleet_age) {
  validate_causes(causes_, kCausesPath);
  validate_nodes(nodes_);
  if (horizon_ < sim::SimTime::zero()) reject_field("horizon", "must be >= 0", sim::to_string(horizon_));
  if (fleet_age_ != FleetAge::stationary && fleet_age_ != FleetAge::new_at_start) {
    reject_field("fleet_age", "must be stationary or new_at_start", std::to_string(static_cast<int>(fleet_age_)));
  }
  cause_state_.reserve(causes_.size());
  for (std::size_t i = 0; i < causes_.size(); ++i) {
    const std::string field = std::string(kCausesPath) + "[" + std::to_string(i) + "].components_per_node";
    cause_state_.emplace_back(sim::RandomStream::for_entity(master_seed, "failure/" + causes_[i].name),
                              component_layout(causes_[i].components_per_node, nodes_, field));
    start_cause(i);
  }
}

void FailureSchedule::start_cause(std::size_t index) {
  const FailureCause& cause = causes_[index];
  CauseState& state = cause_state_[index];
  if (cause.rate_per_component_hour == 0.0) return;  // disabled: never fails
  const double population = static_cast<double>(state.layout.population);
  switch (cause.distribution.kind) {
    case LifetimeDistribution::Kind::exponential:
      state.events_per_s = cause.rate_per_component_hour * population / kSecondsPerHour;
      draw_exponential(state, sim::SimTime::zero());
      break;
    case LifetimeDistribution::Kind::weibull: {
      const double shape = cause.distribution.weibull_shape;
      state.weibull_shape = shape;
      state.weibull_scale_s = weibull_scale_hours(cause.rate_per_component_hour, shape) * kSecondsPerHour;
      for (std::int64_t component = 0; component < state.layout.population; ++component) {
        double first_s = 0;
        if (fleet_age_ == FleetAge::stationary) {
          // Residual life of the length-biased lifetime covering time 0.
          const double covering_s =
              state.weibull_scale_s * std::pow(sample_gamma(state.rng, 1.0 + 1.0 / shape), 1.0 / shape);
          first_s = state.rng.uniform01() * covering_s;
        } else {
          first_s = state.rng.weibull(shape, state.weibull_scale_s);
        }
        if (const auto time = before_horizon(sim::SimTime::zero(), first_s)) state.components.emplace(*time, component);
      }
      break;
    }
  }
  if (const auto time = next_time(state)) causes_by_time_.emplace(*time, static_cast<std::int64_t>(index));
}

void FailureSchedule::draw_exponential(CauseState& state, sim::SimTime now) const {
  const double gap_s = state.rng.exponential(state.events_per_s);
  const std::int64_t component = state.rng.uniform_int(0, state.layout.population - 1);
  const auto time = before_horizon(now, gap_s);
  state.pending = time ? std::optional<TimedIndex>(TimedIndex{*time, component}) : std::nullopt;
}

std::optional<sim::SimTime> FailureSchedule::before_horizon(sim::SimTime now, double gap_s) const {
  // Compare in seconds first so huge (or infinite) gaps never reach SimTime, then exactly in nanoseconds.
  if (!(gap_s < (horizon_ - now).to_seconds() + 1.0)) return std::nullopt;
  const sim::SimTime time = now + sim::SimTime::from_seconds(gap_s);
  if (time >= horizon_) return std::nullopt;
  return time;
}

std::optional<sim::SimTime> FailureSchedule::next_time(const CauseState& state) const {
  if (state.pending) return state.pending->first;
  if (!state.components.empty()) return state.components.top().first;
  return std::nullopt;
}

std::optional<FailureEvent> FailureSchedule::next() {
  if (causes_by_time_.empty()) return std::nullopt;
  const auto [time, cause_index] = causes_by_time_.top();
  causes_by_time_.pop();
  const auto index = static_cast<std::size_t>(cause_index);
  CauseState& state = cause_state_[index];

  std::int64_t component = 0;
  if (causes_[index].distribution.kind == LifetimeDistribution::Kind::exponential) {
    component = state.pending->second;
    draw_exponential(state, time);
  } else {  // weibull: the failed component is replaced by a new one
    component = state.components.top().second;
    state.components.pop();
    const double lifetime_s = state.rng.weibull(state.weibull_shape, state.weibull_scale_s);
    if (const auto next = before_horizon(time, lifetime_s)) state.components.emplace(*next, component);
  }
  if (const auto next = next_time(state)) causes_by_time_.emplace(*next, cause_index);
  return FailureEvent{time, index, component, nodes_served(state.layout, nodes_, component)};
}

}  // namespace clustersim::models::failure
