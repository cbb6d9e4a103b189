#include "models/workload/campaign_failures.hpp"

namespace clustersim::models::workload {
namespace {

std::optional<PartnerGeometry> partner_geometry(const CampaignConfig& config) {
  for (const CheckpointLevel& level : config.checkpoint.levels) {
    if (level.target == CheckpointTarget::partner_nvme)
      return PartnerGeometry(level.partner, config.fabric, config.nodes);
  }
  return std::nullopt;
}

}  // namespace

CampaignFailures::CampaignFailures(const CampaignConfig& config, std::uint64_t seed)
    : schedule_(config.failures.causes, config.nodes, seed, config.horizon), partners_(partner_geometry(config)) {}

std::optional<PendingFailure> CampaignFailures::next() {
  const std::optional<failure::FailureEvent> event = schedule_.next();
  if (!event) return std::nullopt;
  const failure::FailureCause& cause = schedule_.causes()[event->cause];
  PendingFailure pending;
  pending.time = event->time;
  pending.cause = cause.name;
  pending.radius = cause.blast_radius;
  pending.repair_time = cause.repair_time;
  pending.storage_bandwidth_factor = cause.storage_bandwidth_factor;
  if (failure::blast_effects(cause.blast_radius).nodes_leave_job) {
    pending.impact.nodes_lost = static_cast<int>(event->nodes.count);
    pending.impact.partners_lost_too = partners_ && partners_->copies_lost(event->nodes);
  }
  return pending;
}

}  // namespace clustersim::models::workload
