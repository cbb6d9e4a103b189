// Comparing candidate architectures, the one comparison both front ends run (`clustersim compare`, the GUI):
// resolve every scenario file against the catalog first (a bad file fails before anything runs, the error
// names the file), then run each study in the order given with seeds s, s+1, ..., s+N-1 (s = its run.seed,
// N = the seeds asked for, or its run.seeds when 0). Reported as one row per study (forward progress with
// its 95% CI, time to train, total cost, $ per million trained tokens, the two largest loss causes) and the
// cheapest candidate that meets a forward-progress target.
//
// The one rule every ranking uses (compare, the GUI, size): a candidate meets the target when the lower end of
// the confidence interval of its forward progress (95% in compare and the GUI, size's --confidence in size)
// reaches the target, every seed reached the token budget, and, with a deadline, its mean time to train is
// within it; among those the cheapest is the lowest mean total cost (ties: the first listed).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/study/monte_carlo.hpp"
#include "models/study/resolved_scenario.hpp"
#include "models/study/run_limits.hpp"
#include "models/study/scenario_overrides.hpp"

namespace clustersim::models::study {

struct Target {
  double forward_progress = 0.95;    // the lower end of the CI must reach it
  std::optional<double> deadline_s;  // the mean time to train must not exceed it
};
// "95% CI lower bound of forward progress >= 0.95, time to train <= 90 d": the rule in words, for reports.
std::string target_text(const Target& target);

struct Candidate {
  ResolvedScenario scenario;
  StudyResult result;
};

// After each seed: the candidate running, its seeds done and in total, and the seeds done and in total over
// every candidate.
struct CompareProgress {
  std::string scenario;
  int done = 0;
  int seeds = 0;
  int done_all = 0;
  int total = 0;
};
using CompareProgressCallback = std::function<void(const CompareProgress& progress)>;

// The scenario files resolved, in order; throws ScenarioError naming the file and the field.
std::vector<ResolvedScenario> load_candidates(const std::vector<std::string>& scenario_paths,
                                              const RunLimits& limits = {}, const ScenarioOverrides& overrides = {});
// Each scenario's study, in order, with the campaign model; seeds = 0: each scenario's run.seeds (seeds < 0:
// ScenarioError).
std::vector<Candidate> run_comparison(std::vector<ResolvedScenario> scenarios, int seeds,
                                      const CompareProgressCallback& progress = {});

// Whether `result` meets the target (the rule above), given the lower end of its forward-progress interval.
bool meets_target(double progress_ci_low, const StudyResult& result, const Target& target);
// The same with the 95% interval of `result`.
bool meets_target(const StudyResult& result, const Target& target);
// Index into `candidates` of the cheapest one meeting the target, if any.
std::optional<std::size_t> cheapest_meeting(const std::vector<Candidate>& candidates, const Target& target);

std::string compare_table(const std::vector<Candidate>& candidates, const Target& target);
nlohmann::ordered_json compare_json(const std::vector<Candidate>& candidates, const Target& target);
std::string compare_csv(const std::vector<Candidate>& candidates);

}  // namespace clustersim::models::study
