// CampaignFailures: the failures a campaign meets, in time order, with their impact on the job.
//
// Draws from the configured failure causes (models/failure) over the job's nodes and turns each
// into a FailureImpact by its blast radius: a software failure loses no node; a GPU, host, NIC,
// power or SSD failure loses its node (an SSD failure also its local copies, which only hold a
// partner's shard: the failed node's own shard is on its partner); a leaf-switch, power-domain or
// pod failure takes every node of its domain, and the partner copies that sit inside the same domain
// with them (partner_geometry.hpp). A shared-storage outage or degradation takes no node: it comes
// with its radius, duration (repair_time) and bandwidth factor for the campaign to apply.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/failure/failure_schedule.hpp"
#include "models/workload/campaign_config.hpp"
#include "models/workload/partner_geometry.hpp"
#include "models/workload/recovery_plan.hpp"

namespace clustersim::models::workload {

struct PendingFailure {
  sim::SimTime time;
  std::string cause;
  failure::BlastRadius radius = failure::BlastRadius::node;
  FailureImpact impact;
  sim::SimTime repair_time;             // until the lost nodes (or the shared storage) are back
  double storage_bandwidth_factor = 1;  // storage_degraded: the share of the storage bandwidth left
};

class CampaignFailures {
 public:
  CampaignFailures(const CampaignConfig& config, std::uint64_t seed);
  std::optional<PendingFailure> next();

 private:
  failure::FailureSchedule schedule_;
  std::optional<PartnerGeometry> partners_;  // with a partner_nvme level
};

}  // namespace clustersim::models::workload
