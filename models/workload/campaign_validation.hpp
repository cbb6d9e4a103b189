// validate_campaign: the checks a training campaign must pass before it can run, shared by
// run_campaign and `clustersim validate` (so that validate never says "ok" to a scenario run refuses).
// Throws std::invalid_argument naming the scenario field:
//   - parallelism and memory (StepTimeModel: tp x pp x dp = GPUs, the model fits in HBM, ...);
//   - each checkpoint level sets exactly one of interval_steps and interval;
//   - a partner level has a partner in the fabric (same_rack: >= 2 nodes per leaf; other_rack: more
//     than one leaf; other_pod: more than one pod) and two partner shards fit on a node's NVMe;
//   - one checkpoint (state bytes per node x nodes) fits in the shared storage;
//   - staged input data: a node's shard of the dataset plus the two partner shards fit on its NVMe.
//   - host DRAM holds two versions of the node's state when a level copies through it.
#pragma once

#include "models/workload/campaign_config.hpp"

namespace clustersim::models::workload {

void validate_campaign(const CampaignConfig& config);

}  // namespace clustersim::models::workload
