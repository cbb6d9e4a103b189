// The training campaign as a story of processes (see campaign.hpp and the headers it names):
//   job              stage the data, then run steps in bulk between checkpoint triggers (one
//                    step at a time while a checkpoint copy shares its links), fire the
//                    checkpoint levels, and on a failure roll back and recover (campaign_steps.cpp,
//                    campaign_checkpoints.cpp, campaign_recovery.cpp, campaign_interruptions.cpp);
//   failure source   draws failures from the configured causes and interrupts the job (campaign_recovery.cpp), or
//                    takes the shared storage out or slows it for a while (campaign_storage.cpp);
//   async copies     level-1 and level-2 copies that run beside training until done or aborted
//                    (campaign_checkpoints.cpp);
//   sampler          records kept tokens every sample period (campaign_accounting.cpp).
// This file builds the campaign (its undisturbed step and its levels), runs the processes until the budget or
// the horizon, and names the levels.
#include "models/workload/campaign.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/workload/campaign_process.hpp"
#include "models/workload/campaign_validation.hpp"

namespace clustersim::models::workload {
namespace {

std::string target_name(CheckpointTarget target) {
  switch (target) {
    case CheckpointTarget::host_dram:
      return "host_dram";
    case CheckpointTarget::partner_nvme:
      return "partner_nvme";
    case CheckpointTarget::shared_storage:
      return "shared_storage";
    case CheckpointTarget::shared_storage_sync:
      return "shared_storage_sync";
  }
  return "unknown";
}

}  // namespace

NodeLinks checkpoint_links(const CampaignConfig& config, const SharedStorageIo& storage) {
  return NodeLinks(config, {has_shared_level(config) ? storage.checkpoint_write_bytes_per_s() : 0.0, 0.0});
}

Campaign::Campaign(const CampaignConfig& config, std::uint64_t seed, sim::TraceWriter* trace)
    : config_(config),
      trace_(trace),
      steps_(config),
      storage_io_(config, steps_.state_bytes_per_node(), steps_.data_bytes_per_node_per_step()),
      links_(checkpoint_links(config, storage_io_)),
      traffic_(engine_, links_),
      failures_(config, seed),
      planned_rng_(sim::RandomStream::for_entity(seed, "planned_interruptions")),
      fail_slow_rng_(sim::RandomStream::for_entity(seed, "fail_slow")),
      lemon_rng_(sim::RandomStream::for_entity(seed, "lemon_nodes")),
      spares_(config.failures.spare_nodes) {
  validate_campaign(config);
  gradient_route_ = links_.gradient(steps_.ring_shares().leaves_leaf, steps_.ring_shares().leaves_pod);
  compute0_s_ = steps_.compute_s();
  const double nic_bytes = steps_.gradient_nic_bytes_per_node();
  const double lone_transfer_s = nic_bytes > 0 ? links_.lone_transfer_s(gradient_route_, nic_bytes) : 0.0;
  const double comm0_s =
      config.fabric.gradient_exchange_s.value_or(nic_bytes > 0 ? lone_transfer_s + steps_.collective_latency_s() : 0.0);
  // A step sharing links with a copy moves these bytes over the node's gradient route: alone they take comm0_s,
  // so the exchange slows by what the node's links lose to the copy.
  gradient_transfer_bytes_ = lone_transfer_s > 0 ? nic_bytes * comm0_s / lone_transfer_s : 0.0;
  exposed0_s_ = steps_.exposed_comm_s(comm0_s);
  stall0_s_ = data_stall_s(compute0_s_ + exposed0_s_);
  step0_s_ = compute0_s_ + exposed0_s_ + stall0_s_;
  steps_needed_ = config.model.token_budget > 0
                      ? static_cast<std::int64_t>(std::ceil(config.model.token_budget / steps_.tokens_per_step()))
                      : std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < config.checkpoint.levels.size(); ++i) {
    LevelState state;
    state.level = config.checkpoint.levels[i];
    state.name = level_name(config, i);
    state.next_step = state.level.interval_steps;
    state.next_time = state.level.interval;
    levels_.push_back(std::move(state));
  }
  next_planned_ = planned_after(sim::SimTime::zero());
  next_slow_onset_ = slow_onset_after(sim::SimTime::zero());
  if (trace_ != nullptr) {
    job_track_ = trace_->track("job");
    failure_track_ = trace_->track("failures");
    for (LevelState& state : levels_) state.track = trace_->track("checkpoint " + state.name);
  }
}

CampaignResult Campaign::run() {
  job_ = engine_.spawn("job", job());
  engine_.spawn("failures", failure_source());
  engine_.spawn("sampler", sampler());
  const sim::ShutdownOnExit shutdown(engine_);  // the processes go before the links and flows they use
  engine_.set_budget(config_.budget);
  engine_.run_until(config_.horizon);
  return finish();
}

std::string level_name(const CampaignConfig& config, std::size_t index) {
  const std::vector<CheckpointLevel>& levels = config.checkpoint.levels;
  std::string name = target_name(levels.at(index).target);
  for (std::size_t j = 0; j < index; ++j) {
    if (levels[j].target == levels[index].target) return name + "#" + std::to_string(index);
  }
  return name;
}

std::string_view recovery_tier_of(CheckpointTarget target) {
  switch (target) {
    case CheckpointTarget::host_dram:
      return tier_name(RecoveryTier::host_dram);
    case CheckpointTarget::partner_nvme:
      return tier_name(RecoveryTier::partner_nvme);
    case CheckpointTarget::shared_storage:
    case CheckpointTarget::shared_storage_sync:
      break;
  }
  return tier_name(RecoveryTier::shared_storage);
}

CampaignResult run_campaign(const CampaignConfig& config, std::uint64_t seed) {
  return Campaign(config, seed, nullptr).run();
}

CampaignResult trace_campaign(const CampaignConfig& config, std::uint64_t seed, sim::TraceWriter& trace) {
  return Campaign(config, seed, &trace).run();
}

}  // namespace clustersim::models::workload
