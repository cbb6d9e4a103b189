// The run-limit flags a batch sweep's tasks must be given so that each runs under the limits the user
// asked for (models/study/run_limits.hpp), not the defaults: every limit that differs from RunLimits{}
// becomes a flag and its value, in a fixed order (--max-nodes, --max-links, --max-seeds, --max-horizon,
// --max-events, --time-limit), so a script with default limits carries none and stays short. Counts are
// written in decimal; a duration as sim::to_string writes it ("10 min") when that text parses back to
// the same nanoseconds, else as "<n> ns", so the task gets exactly the limit. max_flows is a limit of
// `clustersim flows`, not of sweeps, and is never forwarded.
#pragma once

#include <string>
#include <vector>

#include "models/study/run_limits.hpp"

namespace clustersim::app::batch {

// {"--max-nodes", "200000", "--time-limit", "10 min"} for those two limits raised; {} for the defaults.
std::vector<std::string> limit_task_args(const models::study::RunLimits& limits);

}  // namespace clustersim::app::batch
