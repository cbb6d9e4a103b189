// The limit flags of the study and flows commands -> models::study::RunLimits.
#include <string>

#include "cli/study_commands.hpp"
#include "sim/units.hpp"

namespace clustersim::cli {

namespace {

sim::SimTime positive_duration(const std::string& flag, const std::string& text) {
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

}  // namespace

models::study::RunLimits run_limits(const LimitOptions& options) {
  models::study::RunLimits limits;
  limits.max_nodes = options.max_nodes;
  limits.max_links = options.max_links;
  limits.max_seeds = options.max_seeds;
  limits.max_horizon = positive_duration(models::study::max_horizon_flag, options.max_horizon);
  limits.max_flows = options.max_flows;
  limits.max_events = options.max_events;
  limits.time_limit = options.time_limit == "none"
                          ? sim::SimTime::zero()
                          : positive_duration(models::study::time_limit_flag, options.time_limit);
  return limits;
}

}  // namespace clustersim::cli
