// Each checkpoint level's interval beside the Young/Daly optimum for what the simulation saw
// (checkpoint_interval.hpp has the formulas and their sources). Per level L, over all seeds:
//   M_L     = wall time / recoveries that resumed from L's tier: the mean time between the failures L's copies
//             are for (a software failure reads host DRAM, a lost node its partner's NVMe, a lost node whose
//             partner copy is gone too, or a policy without faster levels, shared storage);
//   delta_L = the training time one copy of L costs: for a blocking level its mean copy time (bytes / bandwidth
//             plus the copy overhead), for an asynchronous one the DRAM snapshot it takes first (state bytes / PCIe)
//             plus its share of the steps its copies slowed (checkpoint_interference over all asynchronous copies);
//   tau_young = sqrt(2 delta M),  tau_daly = Daly's higher-order estimate; both independent of the restart time.
// An asynchronous level gains nothing from firing faster than its copy takes (the next trigger skips or blocks),
// so its optimum is at least its mean copy time. A level whose tier no recovery read has no optimum.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/study/monte_carlo.hpp"
#include "models/study/resolved_scenario.hpp"

namespace clustersim::models::study {

struct LevelOptimum {
  std::string level;                  // as in the results ("host_dram", "shared_storage")
  double interval_s = 0;              // the interval used (interval_steps x step time for step intervals)
  double copy_cost_s = 0;             // delta_L
  double recoveries = 0;              // recoveries from L's tier, mean per seed
  std::int64_t copies_completed = 0;  // over all seeds
  std::optional<double> mtbf_s;       // M_L; none when no recovery read L's tier
  std::optional<double> young_s;      // with mtbf_s
  std::optional<double> daly_s;       // with mtbf_s
};

std::vector<LevelOptimum> level_optima(const StudyResult& result, const ResolvedScenario& scenario);

// What a user should look at, one sentence each: a level that never completed a copy (over all seeds), and a
// level whose interval is more than kFarFromOptimum times shorter or longer than its Daly optimum.
inline constexpr double kFarFromOptimum = 3.0;
std::vector<std::string> checkpoint_warnings(const std::vector<LevelOptimum>& optima);

}  // namespace clustersim::models::study
