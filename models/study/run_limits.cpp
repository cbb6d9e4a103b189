#include "models/study/run_limits.hpp"

#include <chrono>

#include "models/study/scenario_values.hpp"
#include "sim/units.hpp"

namespace clustersim::models::study {

sim::RunBudget RunLimits::budget() const {
  sim::RunBudget budget;
  budget.max_events = max_events;
  budget.wall_clock = std::chrono::nanoseconds(time_limit.ns());
  return budget;
}

std::string limit_message(const std::string& field, const std::string& value, const std::string& limit,
                          const std::string& flag) {
  return field + ": " + value + " is above the limit of " + limit + "; raise it with " + flag;
}

void check_count_limit(const std::string& field, std::int64_t value, std::int64_t limit, const std::string& unit,
                       const std::string& flag) {
  if (value > limit) {
    throw ScenarioError(limit_message(field, std::to_string(value), std::to_string(limit) + " " + unit, flag));
  }
}

sim::SimTime parse_limit_duration(const std::string& flag, const std::string& text) {
  sim::SimTime duration;
  try {
    duration = sim::parse_duration(text);
  } catch (const sim::UnitError& error) {
    throw sim::UnitError(flag + ": " + error.what());
  }
  if (duration <= sim::SimTime::zero()) {
    throw sim::UnitError(flag + ": expected a positive duration like \"10 min\", got \"" + text + "\"");
  }
  return duration;
}

std::string run_limit_message(const sim::RunLimitExceeded& error) {
  const char* flag = error.limit() == sim::RunLimitExceeded::Limit::events ? max_events_flag : time_limit_flag;
  return std::string(error.what()) + "; raise it with " + flag;
}

}  // namespace clustersim::models::study
