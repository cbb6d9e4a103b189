// The limit flags of the study and flows commands -> models::study::RunLimits.
#include "cli/study_commands.hpp"

namespace clustersim::cli {

models::study::RunLimits run_limits(const LimitOptions& options) {
  namespace study = models::study;
  study::RunLimits limits;
  limits.max_nodes = options.max_nodes;
  limits.max_links = options.max_links;
  limits.max_seeds = options.max_seeds;
  limits.max_horizon = study::parse_limit_duration(study::max_horizon_flag, options.max_horizon);
  limits.max_flows = options.max_flows;
  limits.max_events = options.max_events;
  if (options.time_limit != "none")
    limits.time_limit = study::parse_limit_duration(study::time_limit_flag, options.time_limit);
  return limits;
}

}  // namespace clustersim::cli
