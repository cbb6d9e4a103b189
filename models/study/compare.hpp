// Comparing candidate architectures: one row per study (forward progress with its 95% CI, time to
// train, total cost, $ per million trained tokens, the two largest loss causes) and the cheapest
// candidate that meets a forward-progress target.
//
// A candidate meets the target when its mean forward progress >= target and every seed reached the
// token budget; among those the cheapest is the lowest mean total cost (ties: the first listed).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "models/study/monte_carlo.hpp"
#include "models/study/resolved_scenario.hpp"

namespace clustersim::models::study {

struct Candidate {
  ResolvedScenario scenario;
  StudyResult result;
};

// Index into `candidates` of the cheapest one meeting the target, if any.
std::optional<std::size_t> cheapest_meeting(const std::vector<Candidate>& candidates, double target_progress);

std::string compare_table(const std::vector<Candidate>& candidates, double target_progress);
nlohmann::ordered_json compare_json(const std::vector<Candidate>& candidates, double target_progress);
std::string compare_csv(const std::vector<Candidate>& candidates);

}  // namespace clustersim::models::study
