// ResolvedScenario: a scenario with every catalog reference and default resolved, ready to run:
// the campaign configuration the workload model reads, the cost configuration, and the run settings.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "models/cost/cost_model.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::study {

struct ResolvedScenario {
  std::string name;
  std::string description;
  workload::CampaignConfig campaign;
  cost::CostConfig cost;  // counts (nodes, switches, links) and catalog prices filled in
  int seeds = 1;
  std::uint64_t seed = 1;
  nlohmann::json scenario;  // the scenario as written, with defaults filled in (SI numbers)
  nlohmann::json derived;   // what resolution derived: catalog values, fabric figures, switch counts
};

}  // namespace clustersim::models::study
