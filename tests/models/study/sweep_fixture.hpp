// Shared by the sweep tests (sweep specs here, the sweep runner and batch sweeps in tests/app): a small base
// scenario, a sweep over it, and a scripted campaign runner whose forward progress is a closed form of the
// point's overrides, so results are known without simulating.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

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

// A sweep over the base scenario with two axes, the last checkpoint interval (3 values) and the shared
// storage's write bandwidth: 4 values ("cartesian", 12 points) or 3 ("zipped", 3 points).
inline nlohmann::json sweep_document(const std::string& mode) {
  nlohmann::json sweep;
  sweep["base"] = base_scenario();
  sweep["mode"] = mode;
  sweep["axes"] = nlohmann::json::array();
  sweep["axes"].push_back({{"path", "policies.checkpoint.levels[1].interval"}, {"values", {"5 min", "10 min", 1200}}});
  if (mode == "cartesian") {
    sweep["axes"].push_back(
        {{"path", "architecture.storage.write_bandwidth"}, {"values", {"50 GB/s", "100 GB/s", "200 GB/s", 4e11}}});
  } else {
    sweep["axes"].push_back(
        {{"path", "architecture.storage.write_bandwidth"}, {"values", {"50 GB/s", "100 GB/s", "200 GB/s"}}});
  }
  return sweep;
}

}  // namespace clustersim::models::study::testing
