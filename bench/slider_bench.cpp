// BM_SliderRerun/<scenario>: what the desktop application does when a knob moves, for each reference scenario
// (scenarios/*.json): the edited document with the knob's `--set` override is checked and resolved
// (study::check_document) and its study runs with one seed (study::run_comparison), the same calls the window's
// worker makes. Each iteration moves the failure-rate scale to a new value (x1.1, x1.2, ...), so nothing is
// reused between iterations. Issue 20's target: under 1 s per re-run. check_ms: the check's share.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

#include "models/study/compare.hpp"
#include "models/study/document_check.hpp"
#include "models/study/scenario_values.hpp"

namespace {

namespace study = clustersim::models::study;

void BM_SliderRerun(benchmark::State& state, const std::filesystem::path& path) {
  const auto catalog = study::load_catalog_source();
  const nlohmann::json document = study::read_json_file(path);
  int move = 0;
  double check_s = 0;
  for (auto _ : state) {
    const double scale = 1.0 + 0.1 * (++move % 10 + 1);
    const auto start = std::chrono::steady_clock::now();
    study::DocumentCheck check =
        study::check_document(document, *catalog, {{"failures.scale", scale}}, {}, path.parent_path());
    check_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!check.scenario) {
      state.SkipWithError(check.error.c_str());
      return;
    }
    const std::vector<study::Candidate> result = study::run_comparison({std::move(*check.scenario)}, 1);
    benchmark::DoNotOptimize(result.front().result.forward_progress.mean);
  }
  state.counters["check_ms"] = benchmark::Counter(1e3 * check_s, benchmark::Counter::kAvgIterations);
}

// One benchmark per reference scenario, by file name.
const bool registered = [] {
  std::vector<std::filesystem::path> scenarios;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(CLUSTERSIM_DATA_DIR).parent_path() / "scenarios")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") scenarios.push_back(entry.path());
  }
  std::sort(scenarios.begin(), scenarios.end());
  for (const auto& path : scenarios) {
    benchmark::RegisterBenchmark(("BM_SliderRerun/" + path.stem().string()).c_str(), BM_SliderRerun, path)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
  }
  return true;
}();

}  // namespace
