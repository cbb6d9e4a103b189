#include "models/study/level_optimum.hpp"

#include <algorithm>
#include <cstdio>

#include "models/workload/campaign.hpp"
#include "models/workload/checkpoint_interval.hpp"
#include "models/workload/step_time.hpp"

namespace clustersim::models::study {

namespace {

// map[key], or a zero value when the run did not report it.
template <class Map>
typename Map::mapped_type at_or_zero(const Map& map, const std::string& key) {
  const auto found = map.find(key);
  return found == map.end() ? typename Map::mapped_type{} : found->second;
}

}  // namespace

std::vector<LevelOptimum> level_optima(const StudyResult& result, const ResolvedScenario& scenario) {
  using workload::CheckpointTarget;
  const workload::CampaignConfig& config = scenario.campaign;
  const workload::StepTimeModel steps(config);
  const double snapshot_s =
      steps.state_bytes_per_node() / (config.node.pcie_bytes_per_s_per_gpu * static_cast<double>(config.node.gpus));
  double wall_s = 0;
  double interference_s = 0;
  std::int64_t async_copies = 0;
  for (const SeedRun& run : result.runs) {
    wall_s += run.campaign.wall_time_s;
    interference_s += at_or_zero(run.campaign.breakdown_s, "checkpoint_interference");
    for (std::size_t i = 0; i < config.checkpoint.levels.size(); ++i) {
      const CheckpointTarget target = config.checkpoint.levels[i].target;
      if (target != CheckpointTarget::partner_nvme && target != CheckpointTarget::shared_storage) continue;
      async_copies += at_or_zero(run.campaign.checkpoint_copy_time, workload::level_name(config, i)).copies;
    }
  }
  const double interference_per_copy_s = async_copies > 0 ? interference_s / static_cast<double>(async_copies) : 0.0;
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
      recoveries += at_or_zero(run.campaign.recoveries_by_tier, tier);
      optimum.copies_completed += at_or_zero(run.campaign.checkpoints_completed, optimum.level);
      const workload::CopyTime time = at_or_zero(run.campaign.checkpoint_copy_time, optimum.level);
      copies.copies += time.copies;
      copies.seconds += time.seconds;
    }
    const double mean_copy_s = copies.copies > 0 ? copies.seconds / static_cast<double>(copies.copies) : 0.0;
    const bool blocking =
        level.target == CheckpointTarget::host_dram || level.target == CheckpointTarget::shared_storage_sync;
    optimum.copy_cost_s = blocking ? mean_copy_s : snapshot_s + interference_per_copy_s;
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

std::vector<std::string> checkpoint_warnings(const std::vector<LevelOptimum>& optima) {
  std::vector<std::string> warnings;
  char text[320];
  for (const LevelOptimum& o : optima) {
    if (o.copies_completed == 0) {
      warnings.push_back("checkpoint level " + o.level +
                         " never completed a copy: its tier is too slow for its interval, or the interval is longer "
                         "than the run");
      continue;
    }
    if (!o.daly_s || !(o.interval_s > 0)) continue;
    const double ratio = o.interval_s / *o.daly_s;
    if (ratio > kFarFromOptimum || ratio < 1 / kFarFromOptimum) {
      std::snprintf(text, sizeof text,
                    "checkpoint level %s: its interval of %.0f s is %.1fx %s than the Daly optimum of %.0f s for the "
                    "%.1f recoveries per seed it served (size --maximize forward_progress finds the best one)",
                    o.level.c_str(), o.interval_s, ratio > 1 ? ratio : 1 / ratio, ratio > 1 ? "longer" : "shorter",
                    *o.daly_s, o.recoveries);
      warnings.emplace_back(text);
    }
  }
  return warnings;
}

}  // namespace clustersim::models::study
