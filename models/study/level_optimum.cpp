#include "models/study/level_optimum.hpp"

#include <algorithm>

#include "models/workload/campaign.hpp"
#include "models/workload/checkpoint_interval.hpp"
#include "models/workload/step_time.hpp"

namespace clustersim::models::study {

std::vector<LevelOptimum> level_optima(const StudyResult& result, const ResolvedScenario& scenario) {
  using workload::CheckpointTarget;
  const workload::CampaignConfig& config = scenario.campaign;
  const workload::StepTimeModel steps(config);
  const double snapshot_s =
      steps.state_bytes_per_node() / (config.node.pcie_bytes_per_s_per_gpu * static_cast<double>(config.node.gpus));
  double wall_s = 0;
  for (const SeedRun& run : result.runs) wall_s += run.campaign.wall_time_s;
  const double seeds = static_cast<double>(std::max<std::size_t>(1, result.runs.size()));

  std::vector<LevelOptimum> optima;
  for (std::size_t i = 0; i < config.checkpoint.levels.size(); ++i) {
    const workload::CheckpointLevel& level = config.checkpoint.levels[i];
    LevelOptimum optimum;
    optimum.level = workload::level_name(config, i);
    optimum.interval_s = level.interval_steps > 0 ? static_cast<double>(level.interval_steps) * result.step_time_s
                                                  : level.interval.to_seconds();
    const std::string tier(workload::recovery_tier_of(level.target));
    std::int64_t recoveries = 0;
    workload::CopyTime copies;
    for (const SeedRun& run : result.runs) {
      const auto found = run.campaign.recoveries_by_tier.find(tier);
      if (found != run.campaign.recoveries_by_tier.end()) recoveries += found->second;
      const auto time = run.campaign.checkpoint_copy_time.find(optimum.level);
      if (time != run.campaign.checkpoint_copy_time.end()) {
        copies.copies += time->second.copies;
        copies.seconds += time->second.seconds;
      }
    }
    const double mean_copy_s = copies.copies > 0 ? copies.seconds / static_cast<double>(copies.copies) : 0.0;
    const bool blocking =
        level.target == CheckpointTarget::host_dram || level.target == CheckpointTarget::shared_storage_sync;
    optimum.copy_cost_s = blocking ? mean_copy_s : snapshot_s;
    optimum.recoveries = static_cast<double>(recoveries) / seeds;
    if (recoveries > 0 && optimum.copy_cost_s > 0) {
      const sim::SimTime mtbf = sim::SimTime::from_seconds(wall_s / static_cast<double>(recoveries));
      const sim::SimTime cost = sim::SimTime::ceil_seconds(optimum.copy_cost_s);
      const double floor_s = blocking ? 0.0 : mean_copy_s;
      optimum.mtbf_s = mtbf.to_seconds();
      optimum.young_s = std::max(floor_s, workload::young_interval(cost, mtbf).to_seconds());
      optimum.daly_s = std::max(floor_s, workload::daly_interval(cost, mtbf).to_seconds());
    }
    optima.push_back(optimum);
  }
  return optima;
}

}  // namespace clustersim::models::study
