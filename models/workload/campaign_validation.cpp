#include "models/workload/campaign_validation.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/workload/step_time.hpp"
#include "sim/units.hpp"

namespace clustersim::models::workload {
namespace {

// The fabric must have a partner node where the placement asks for one.
void validate_partner(const CampaignConfig& config, PartnerPlacement placement, const std::string& field) {
  const FabricConfig& fabric = config.fabric;
  const char* problem = nullptr;
  if (placement == PartnerPlacement::same_rack && fabric.nodes_per_leaf < 2) {
    problem = "same_rack needs at least 2 nodes per leaf";
  } else if (placement == PartnerPlacement::other_rack && config.nodes <= fabric.nodes_per_leaf) {
    problem = "other_rack needs more than one leaf";
  } else if (placement == PartnerPlacement::other_pod && config.nodes <= fabric.nodes_per_pod) {
    problem = "other_pod needs more than one pod";
  }
  if (problem != nullptr) throw std::invalid_argument(field + ".partner: " + problem + " in this fabric");
}

bool has_partner_level(const CampaignConfig& config) {
  const auto& levels = config.checkpoint.levels;
  return std::any_of(levels.begin(), levels.end(),
                     [](const CheckpointLevel& l) { return l.target == CheckpointTarget::partner_nvme; });
}

// Staged data: each node keeps its shard of the dataset on its NVMe for the whole campaign, beside the
// two partner checkpoint shards when a partner level writes there.
void validate_staged_data_fits(const CampaignConfig& config, double state_bytes_per_node) {
  if (config.data.mode != DataMode::staged_to_local_nvme || !(config.node.nvme_capacity_bytes > 0)) return;
  const double data_bytes = dataset_bytes(config) / config.nodes;
  const double partner_bytes = has_partner_level(config) ? 2 * state_bytes_per_node : 0.0;
  if (data_bytes + partner_bytes <= config.node.nvme_capacity_bytes) return;
  std::string message =
      "workload.training.data: the staged data shard of " + sim::format_bytes(data_bytes) + " per node";
  if (partner_bytes > 0) message += " and two partner checkpoint shards of " + sim::format_bytes(partner_bytes / 2);
  throw std::invalid_argument(message + " do not fit on the node's NVMe of " +
                              sim::format_bytes(config.node.nvme_capacity_bytes) +
                              "; add nodes or NVMe, or stream the data (data.mode \"streamed\")");
}

// Host DRAM keeps two versions of the node's state (double buffering, recovery_plan.hpp) for every level but
// synchronous ones, which write from the GPU straight to shared storage.
void validate_dram_holds_two_versions(const CampaignConfig& config, double state_bytes_per_node) {
  const bool uses_dram =
      std::any_of(config.checkpoint.levels.begin(), config.checkpoint.levels.end(),
                  [](const CheckpointLevel& l) { return l.target != CheckpointTarget::shared_storage_sync; });
  if (!uses_dram || !(config.node.dram_bytes > 0) || 2 * state_bytes_per_node <= config.node.dram_bytes) return;
  throw std::invalid_argument("architecture.node.dram: two checkpoint versions of " +
                              sim::format_bytes(state_bytes_per_node) + " per node do not fit in its host DRAM of " +
                              sim::format_bytes(config.node.dram_bytes) +
                              "; add nodes (smaller shards) or DRAM, or checkpoint synchronously");
}

}  // namespace

void validate_campaign(const CampaignConfig& config) {
  if (config.nodes <= 0) throw std::invalid_argument("architecture.nodes: must be positive");
  const double state_bytes_per_node = StepTimeModel(config).state_bytes_per_node();
  for (std::size_t i = 0; i < config.checkpoint.levels.size(); ++i) {
    const CheckpointLevel& level = config.checkpoint.levels[i];
    const std::string field = "policies.checkpoint.levels[" + std::to_string(i) + "]";
    const bool by_steps = level.interval_steps > 0;
    const bool by_time = level.interval > sim::SimTime::zero();
    if (by_steps == by_time)
      throw std::invalid_argument(field + ": set exactly one of interval_steps and interval (> 0)");
    if (level.target != CheckpointTarget::partner_nvme) continue;
    validate_partner(config, level.partner, field);
    if (config.node.nvme_capacity_bytes > 0 && 2 * state_bytes_per_node > config.node.nvme_capacity_bytes) {
      throw std::invalid_argument(field + ": two partner checkpoint shards of " +
                                  std::to_string(state_bytes_per_node / 1e9) + " GB do not fit on the node's NVMe");
    }
  }
  if (config.storage.capacity_bytes > 0 && state_bytes_per_node * config.nodes > config.storage.capacity_bytes) {
    throw std::invalid_argument("architecture.storage.capacity: a checkpoint of " +
                                std::to_string(state_bytes_per_node * config.nodes / 1e12) +
                                " TB does not fit in the shared storage");
  }
  validate_staged_data_fits(config, state_bytes_per_node);
  validate_dram_holds_two_versions(config, state_bytes_per_node);
}

}  // namespace clustersim::models::workload
