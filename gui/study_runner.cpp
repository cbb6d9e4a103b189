#include "gui/study_runner.hpp"

#include "models/study/resolve.hpp"
#include "models/workload/campaign.hpp"

namespace clustersim::gui {

namespace study = models::study;

std::vector<study::Candidate> run_candidates(const std::vector<std::string>& scenario_paths, int seeds,
                                             const StudyProgress& progress) {
  if (scenario_paths.empty()) throw study::ScenarioError("no scenario files given");
  if (seeds < 0) throw study::ScenarioError("seeds: expected a positive number, got " + std::to_string(seeds));
  const auto catalog = study::load_catalog_source();
  std::vector<study::ResolvedScenario> scenarios;
  for (const std::string& path : scenario_paths) scenarios.push_back(study::load_resolved_scenario(path, *catalog));
  int total = 0;
  for (const study::ResolvedScenario& s : scenarios) total += seeds > 0 ? seeds : s.seeds;
  int done_before = 0;
  std::vector<study::Candidate> candidates;
  for (study::ResolvedScenario& scenario : scenarios) {
    const int n = seeds > 0 ? seeds : scenario.seeds;
    study::ProgressCallback on_seed;
    if (progress) on_seed = [&](int done, int) { progress(done_before + done, total); };
    study::StudyResult result = study::run_study(scenario, n, scenario.seed, models::workload::run_campaign, on_seed);
    done_before += n;
    candidates.push_back({std::move(scenario), std::move(result)});
  }
  return candidates;
}

std::vector<study::StudyResult> results_of(const std::vector<study::Candidate>& candidates) {
  std::vector<study::StudyResult> results;
  results.reserve(candidates.size());
  for (const study::Candidate& c : candidates) results.push_back(c.result);
  return results;
}

}  // namespace clustersim::gui
