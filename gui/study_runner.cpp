#include "gui/study_runner.hpp"

#include "models/study/scenario_values.hpp"

namespace clustersim::gui {

namespace study = models::study;

std::vector<study::Candidate> run_candidates(const std::vector<std::string>& scenario_paths, int seeds,
                                             const StudyProgress& progress) {
  if (scenario_paths.empty()) throw study::ScenarioError("no scenario files given");
  study::CompareProgressCallback on_seed;
  if (progress) on_seed = [&](const study::CompareProgress& p) { progress(p.done_all, p.total); };
  return study::run_comparison(study::load_candidates(scenario_paths), seeds, on_seed);
}

std::vector<study::StudyResult> results_of(const std::vector<study::Candidate>& candidates) {
  std::vector<study::StudyResult> results;
  results.reserve(candidates.size());
  for (const study::Candidate& c : candidates) results.push_back(c.result);
  return results;
}

}  // namespace clustersim::gui
