#include "models/workload/recovery_plan.hpp"

#include <algorithm>

#include "models/workload/node_links.hpp"

namespace clustersim::models::workload {

std::string_view tier_name(RecoveryTier tier) {
  switch (tier) {
    case RecoveryTier::from_scratch:
      return "from_scratch";
    case RecoveryTier::host_dram:
      return "host_dram";
    case RecoveryTier::partner_nvme:
      return "partner_nvme";
    case RecoveryTier::shared_storage:
      return "shared_storage";
  }
  return "unknown";
}

namespace {

PartnerPlacement partner_placement(const CampaignConfig& config) {
  for (const CheckpointLevel& level : config.checkpoint.levels) {
    if (level.target == CheckpointTarget::partner_nvme) return level.partner;
  }
  return PartnerPlacement::other_rack;
}

// Reading `readers` nodes' shards from shared storage at once.
double shared_read_s(const CampaignConfig& config, const StepTimeModel& steps, const SharedStorageIo& storage,
                     int readers) {
  const NodeLinks links(config, {0.0, storage.checkpoint_read_bytes_per_s(readers)});
  return links.lone_transfer_s(links.shared_to_gpu(), steps.state_bytes_per_node());
}

}  // namespace

RecoveryPlan plan_recovery(const CampaignConfig& config, const StepTimeModel& steps, const SharedStorageIo& storage,
                           const CheckpointVersions& versions, const FailureImpact& impact, bool storage_available) {
  const NodeLinks all_nodes(config, {});
  const double state_bytes = steps.state_bytes_per_node();
  const double from_dram_s = all_nodes.lone_transfer_s(all_nodes.host_to_gpu(), state_bytes);
  RecoveryPlan plan;

  // A version on another tier beats the shared one when it is not older, or when the storage cannot be read now.
  const auto beats_shared = [&](std::int64_t version) {
    return !versions.shared || version >= *versions.shared || !storage_available;
  };
  if (impact.nodes_lost == 0) {
    if (versions.host_dram && beats_shared(*versions.host_dram)) {
      return {RecoveryTier::host_dram, *versions.host_dram, from_dram_s};
    }
    // After a roll-back the level-0 copy may be gone while the partner version (newer than any shared copy) is kept.
    if (versions.partner_nvme && beats_shared(*versions.partner_nvme)) {
      return {RecoveryTier::partner_nvme, *versions.partner_nvme,
              all_nodes.lone_transfer_s(all_nodes.partner_nvme_to_gpu(partner_placement(config)), state_bytes)};
    }
    if (versions.shared) {
      return {RecoveryTier::shared_storage, *versions.shared, shared_read_s(config, steps, storage, config.nodes),
              state_bytes * config.nodes};
    }
    return plan;
  }

  const int lost = std::min(impact.nodes_lost, config.nodes);
  const bool partner_usable = versions.partner_nvme.has_value() && !impact.partners_lost_too;
  if (partner_usable && beats_shared(*versions.partner_nvme)) {
    plan.tier = RecoveryTier::partner_nvme;
    plan.resume_step = *versions.partner_nvme;
    plan.reload_s = all_nodes.lone_transfer_s(all_nodes.partner_nvme_to_gpu(partner_placement(config)), state_bytes);
  } else if (versions.shared) {
    plan.tier = RecoveryTier::shared_storage;
    plan.resume_step = *versions.shared;
    plan.reload_s = shared_read_s(config, steps, storage, lost);
    plan.shared_bytes_read = state_bytes * lost;
  } else {
    return plan;  // from scratch: nothing to reload
  }

  const bool survivors_have_it_in_dram = (versions.host_dram && *versions.host_dram == plan.resume_step) ||
                                         (versions.partner_nvme && *versions.partner_nvme == plan.resume_step);
  if (!survivors_have_it_in_dram) {
    plan.reload_s = std::max(plan.reload_s, shared_read_s(config, steps, storage, config.nodes));
    plan.shared_bytes_read = state_bytes * config.nodes;
  } else {
    plan.reload_s = std::max(plan.reload_s, from_dram_s);
  }

  if (config.data.mode == DataMode::staged_to_local_nvme) {
    const NodeLinks replaced(config, {0.0, storage.staging_read_bytes_per_s(lost)});
    const double shard_bytes = dataset_bytes(config) / config.nodes;
    plan.reload_s = std::max(plan.reload_s, replaced.lone_transfer_s(replaced.shared_to_nvme(), shard_bytes));
    plan.shared_bytes_read += shard_bytes * lost;
  }
  return plan;
}

}  // namespace clustersim::models::workload
