// run_campaign: simulate one training campaign (one seed) on one architecture.
// The model: the header comments of campaign.cpp (processes) and of the files that tell each part
// (campaign_steps.cpp, campaign_checkpoints.cpp, campaign_recovery.cpp, campaign_interruptions.cpp,
// campaign_accounting.cpp), step_time.hpp (step time and traffic), campaign_failures.hpp, recovery_plan.hpp
// and campaign_validation.hpp (what a campaign must satisfy).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "models/workload/campaign_config.hpp"
#include "models/workload/campaign_result.hpp"
#include "sim/trace.hpp"

namespace clustersim::models::workload {

// Throws std::invalid_argument naming the field for configurations that cannot run (parallelism
// that does not divide the GPU count, a model that does not fit in memory, a checkpoint larger than
// a tier's capacity, ...). Deterministic: the same config and seed give the same result.
CampaignResult run_campaign(const CampaignConfig& config, std::uint64_t seed);
// The same run, also written as a Chrome trace (Perfetto): the job's phases as slices on a "job"
// track, each checkpoint level's copies on its own track, failures as instants, kept tokens as a counter.
CampaignResult trace_campaign(const CampaignConfig& config, std::uint64_t seed, sim::TraceWriter& trace);

// The name results use for checkpoint level `index` of `config`: its target ("host_dram"), with "#<index>"
// appended when an earlier level has the same target.
std::string level_name(const CampaignConfig& config, std::size_t index);
// The recovery tier a level's copies are read from ("host_dram", "partner_nvme", "shared_storage"; see
// CampaignResult::recoveries_by_tier).
std::string_view recovery_tier_of(CheckpointTarget target);

}  // namespace clustersim::models::workload
