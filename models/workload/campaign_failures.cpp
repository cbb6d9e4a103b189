#include "models/workload/campaign_failures.hpp"

namespace clustersim::models::workload {
namespace {

bool partners_share_the_rack(const CampaignConfig& config) {
  for (const CheckpointLevel& level : config.checkpoint.levels) {
    if (level.target == CheckpointTarget::partner_nvme) return level.partner == PartnerPlacement::same_rack;
  }
  return false;
}

}  // namespace

CampaignFailures::CampaignFailures(const CampaignConfig& config, std::uint64_t seed)
    : config_(config), schedule_(config.failures.causes, config.nodes, seed, config.horizon) {}

std::optional<PendingFailure> CampaignFailures::next() {
  const std::optional<failure::FailureEvent> event = schedule_.next();
  if (!event) return std::nullopt;
  const failure::FailureCause& cause = schedule_.causes()[event->cause];
  PendingFailure pending;
  pending.time = event->time;
  pending.cause = cause.name;
  pending.repair_time = cause.repair_time;
  if (failure::blast_effects(cause.blast_radius).nodes_leave_job) {
    pending.impact.nodes_lost = static_cast<int>(event->nodes.count);
    pending.impact.partners_lost_too = cause.blast_radius == failure::BlastRadius::leaf_switch &&
                                       event->nodes.count > 1 && partners_share_the_rack(config_);
  }
  return pending;
}

}  // namespace clustersim::models::workload
