#include "app/batch/limit_args.hpp"

#include "sim/units.hpp"

namespace clustersim::app::batch {

using namespace models::study;

namespace {

// The duration as text that parse_duration reads back to the same nanoseconds.
std::string exact_duration_text(sim::SimTime duration) {
  const std::string text = sim::to_string(duration);
  return sim::parse_duration(text) == duration ? text : std::to_string(duration.ns()) + " ns";
}

}  // namespace

std::vector<std::string> limit_task_args(const RunLimits& limits) {
  const RunLimits defaults;
  std::vector<std::string> args;
  const auto add = [&](const char* flag, bool differs, const std::string& value) {
    if (!differs) return;
    args.emplace_back(flag);
    args.push_back(value);
  };
  add(max_nodes_flag, limits.max_nodes != defaults.max_nodes, std::to_string(limits.max_nodes));
  add(max_links_flag, limits.max_links != defaults.max_links, std::to_string(limits.max_links));
  add(max_seeds_flag, limits.max_seeds != defaults.max_seeds, std::to_string(limits.max_seeds));
  add(max_horizon_flag, limits.max_horizon != defaults.max_horizon, exact_duration_text(limits.max_horizon));
  add(max_events_flag, limits.max_events != defaults.max_events, std::to_string(limits.max_events));
  add(time_limit_flag, limits.time_limit != defaults.time_limit, exact_duration_text(limits.time_limit));
  return args;
}

}  // namespace clustersim::app::batch
