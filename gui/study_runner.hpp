// Running a comparison: the one `clustersim compare` runs (models/study/compare.hpp), with one or more
// scenario files, the default run limits and one progress count over all candidates.
// Blocking; the headless render mode calls it (the window runs variants through StudyWorker instead).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "models/study/compare.hpp"

namespace clustersim::gui {

// Called after each seed with (seeds done, seeds in total) over all candidates.
using StudyProgress = std::function<void(int done, int total)>;

// Throws std::invalid_argument (ScenarioError, naming the file and field) for bad input, other
// std::exception types for simulation errors.
std::vector<models::study::Candidate> run_candidates(const std::vector<std::string>& scenario_paths, int seeds,
                                                     const StudyProgress& progress = {});

// The results of `candidates`, in order (what the charts read).
std::vector<models::study::StudyResult> results_of(const std::vector<models::study::Candidate>& candidates);

}  // namespace clustersim::gui
