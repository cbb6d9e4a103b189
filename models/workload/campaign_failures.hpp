// CampaignFailures: the failures a campaign meets, in time order, with their impact on the job.
//
// Draws from the configured failure causes (models/failure) over the job's nodes and turns each
// into a FailureImpact by its blast radius: a software failure loses no node; a GPU, host, NIC,
// power or SSD failure loses its node (an SSD failure also its local copies, which only hold a
// partner's shard: the failed node's own shard is on its partner); a leaf-switch failure cuts off
// every node below the leaf, and with same-rack partners their partner copies too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/failure/failure_schedule.hpp"
#include "models/workload/campaign_config.hpp"
#include "models/workload/recovery_plan.hpp"

namespace clustersim::models::workload {

struct PendingFailure {
  sim::SimTime time;
  std::string cause;
  FailureImpact impact;
  sim::SimTime repair_time;  // until the lost nodes are back in the spare pool
};

class CampaignFailures {
 public:
  CampaignFailures(const CampaignConfig& config, std::uint64_t seed);
  std::optional<PendingFailure> next();

 private:
  const CampaignConfig& config_;
  failure::FailureSchedule schedule_;
};

}  // namespace clustersim::models::workload
