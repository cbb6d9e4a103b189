// Shared by the sweep tests: a small base scenario and a scripted campaign runner whose forward
// progress is a closed form of the point's overrides, so results are known without simulating.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

#include "models/workload/campaign.hpp"

namespace clustersim::models::study::testing {

// Forward progress grows with shared-storage write bandwidth and falls with the last checkpoint interval.
inline models::workload::CampaignResult scripted(const models::workload::CampaignConfig& config, std::uint64_t seed) {
  models::workload::CampaignResult r;
  r.wall_time_s = 1000;
  const double interval_min = config.checkpoint.levels.back().interval.to_seconds() / 60;
  r.forward_progress = 0.5 + 0.4 * std::min(1.0, config.storage.write_bytes_per_s / 100e9) - 0.001 * interval_min +
                       0.001 * static_cast<double>(seed % 3);
  r.breakdown_s["compute"] = r.forward_progress * r.wall_time_s;
  r.breakdown_s["lost_work"] = r.wall_time_s - r.breakdown_s["compute"];
  r.tokens_trained = 1e9;
  r.token_budget = 1e9;
  r.budget_reached = true;
  r.time_to_train_s = r.wall_time_s;
  r.step_time_s = 1.5;
  return r;
}

inline nlohmann::json base_scenario() {
  return nlohmann::json::parse(R"({
    "name": "small",
    "architecture": {"node": "DGX-H100", "nodes": 8, "fabric": {"kind": "single_switch"}, "storage": "pfs"},
    "workload": {"training": {"parameters": 7e9, "tokens_per_step": 4e6, "token_budget": 1e9,
                              "parallelism": {"tp": 8, "pp": 1, "dp": 8}}},
    "policies": {"checkpoint": {"levels": [{"target": "host_dram", "interval": "1 min"},
                                           {"target": "shared_storage", "interval": "10 min"}]}},
    "cost": {"owned": {"switch_price": 30000, "switch_power": 1500}},
    "run": {"seeds": 2}
  })");
}

}  // namespace clustersim::models::study::testing
