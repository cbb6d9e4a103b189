// The resolved model as JSON: what a scenario becomes once every catalog reference, default and
// override is applied, i.e. exactly what the campaign and cost models read (CampaignConfig, CostConfig)
// and the run settings. `clustersim validate --resolved` prints it (with ResolvedScenario::derived) and
// results JSON carries it (resolved_scenario.model), so a user can see what was simulated; the
// parameter-effect test compares it to prove that every documented scenario parameter reaches the model.
//
// Every quantity is in SI units with the unit in its key (_s, _bytes, _bytes_per_s, _usd, _w);
// enumerations are written by name.
#pragma once

#include <nlohmann/json.hpp>

#include "models/study/resolved_scenario.hpp"

namespace clustersim::models::study {

nlohmann::json resolved_model_json(const ResolvedScenario& scenario);

}  // namespace clustersim::models::study
